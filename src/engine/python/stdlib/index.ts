// Registers the standard-library modules the interpreter provides natively.
import './decimal';
import './datetime';
import './uuid';
import './functools';
import './enum';
import './re';
import './math';
import './small';
