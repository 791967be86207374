// The built-in type objects (object, type, int, str, ..., the exception hierarchy) as PyClass
// values, and `typeOf(v)`. Their methods are filled in by methods.ts and builtins.ts.

import {
  PyBoundMethod,
  PyBuiltin,
  PyBytes,
  PyClass,
  PyDict,
  PyException,
  PyFunction,
  PyInstance,
  PyList,
  PyModule,
  PySet,
  PyTuple,
  type NativeClassHooks,
  type PyValue,
} from './values';

function builtinClass(name: string, bases: PyClass[], hooks: NativeClassHooks = {}): PyClass {
  return new PyClass(name, 'builtins', bases, hooks);
}

export const objectClass = builtinClass('object', []);
export const typeClass = builtinClass('type', [objectClass]);
export const intClass = builtinClass('int', [objectClass]);
export const boolClass = builtinClass('bool', [intClass]);
export const floatClass = builtinClass('float', [objectClass]);
export const strClass = builtinClass('str', [objectClass]);
export const bytesClass = builtinClass('bytes', [objectClass]);
export const listClass = builtinClass('list', [objectClass]);
export const tupleClass = builtinClass('tuple', [objectClass]);
export const dictClass = builtinClass('dict', [objectClass]);
export const setClass = builtinClass('set', [objectClass]);
export const frozensetClass = builtinClass('frozenset', [objectClass]);
export const noneClass = builtinClass('NoneType', [objectClass]);
export const functionClass = builtinClass('function', [objectClass]);
export const builtinFunctionClass = builtinClass('builtin_function_or_method', [objectClass]);
export const methodClass = builtinClass('method', [objectClass]);
export const moduleClass = builtinClass('module', [objectClass]);
export const rangeClass = builtinClass('range', [objectClass]);
export const sliceClass = builtinClass('slice', [objectClass]);
export const propertyClass = builtinClass('property', [objectClass]);
export const staticmethodClass = builtinClass('staticmethod', [objectClass]);
export const classmethodClass = builtinClass('classmethod', [objectClass]);
export const superClass = builtinClass('super', [objectClass]);
export const iteratorClass = builtinClass('iterator', [objectClass]);
export const generatorClass = builtinClass('generator', [objectClass]);
export const ellipsisClass = builtinClass('ellipsis', [objectClass]);
export const notImplementedClass = builtinClass('NotImplementedType', [objectClass]);
export const dictKeysClass = builtinClass('dict_keys', [objectClass]);
export const dictValuesClass = builtinClass('dict_values', [objectClass]);
export const dictItemsClass = builtinClass('dict_items', [objectClass]);

export const Ellipsis = new PyInstance(ellipsisClass);
export const NotImplemented = new PyInstance(notImplementedClass);

/** Native payloads of the small built-in objects represented as PyInstance. */
export interface RangeNative {
  start: bigint;
  stop: bigint;
  step: bigint;
}
export interface SliceNative {
  start: PyValue;
  stop: PyValue;
  step: PyValue;
}
export interface PropertyNative {
  fget: PyValue;
  fset: PyValue;
  fdel: PyValue;
  doc: PyValue;
}
export interface WrapperNative {
  func: PyValue;
}
export interface SuperNative {
  cls: PyClass;
  self: PyValue;
}
export interface IteratorNative {
  it: Iterator<PyValue>;
  /** Generators: the function's qualified name ('<genexpr>' for generator expressions). */
  name?: string;
}
export interface DictViewNative {
  dict: PyDict;
}
export interface ExceptionNative {
  args: PyTuple;
}

// ---- exceptions -----------------------------------------------------------------------------

const exceptionsByName = new Map<string, PyClass>();

export const baseExceptionClass = builtinClass('BaseException', [objectClass]);
exceptionsByName.set('BaseException', baseExceptionClass);

function exc(name: string, base: PyClass): PyClass {
  const c = builtinClass(name, [base]);
  exceptionsByName.set(name, c);
  return c;
}

export const exceptionClass = exc('Exception', baseExceptionClass);
exc('SystemExit', baseExceptionClass);
exc('KeyboardInterrupt', baseExceptionClass);
exc('GeneratorExit', baseExceptionClass);
export const stopIterationClass = exc('StopIteration', exceptionClass);
const arithmetic = exc('ArithmeticError', exceptionClass);
exc('ZeroDivisionError', arithmetic);
exc('OverflowError', arithmetic);
exc('FloatingPointError', arithmetic);
exc('AssertionError', exceptionClass);
exc('AttributeError', exceptionClass);
exc('BufferError', exceptionClass);
exc('EOFError', exceptionClass);
const importError = exc('ImportError', exceptionClass);
exc('ModuleNotFoundError', importError);
const lookup = exc('LookupError', exceptionClass);
exc('IndexError', lookup);
exc('KeyError', lookup);
exc('MemoryError', exceptionClass);
const nameError = exc('NameError', exceptionClass);
exc('UnboundLocalError', nameError);
const osError = exc('OSError', exceptionClass);
exc('FileNotFoundError', osError);
exceptionsByName.set('IOError', osError);
exceptionsByName.set('EnvironmentError', osError);
const runtime = exc('RuntimeError', exceptionClass);
exc('NotImplementedError', runtime);
exc('RecursionError', runtime);
const syntax = exc('SyntaxError', exceptionClass);
exc('IndentationError', syntax);
exc('SystemError', exceptionClass);
exc('TypeError', exceptionClass);
const valueError = exc('ValueError', exceptionClass);
exc('UnicodeError', valueError);
const warning = exc('Warning', exceptionClass);
exc('DeprecationWarning', warning);
exc('UserWarning', warning);
exc('RuntimeWarning', warning);

export const builtinExceptionNames = [...exceptionsByName.keys()];

/** Registers an exception class so PyExceptions carrying only its printed name can be matched and instantiated. */
export function registerExceptionClass(cls: PyClass, printedName?: string): void {
  exceptionsByName.set(printedName ?? exceptionPrintedName(cls), cls);
}

export function builtinExceptionClass(name: string): PyClass | undefined {
  return exceptionsByName.get(name);
}

/** How a traceback names the exception's class: `ValueError`, `blog.models.Post.DoesNotExist`. */
export function exceptionPrintedName(cls: PyClass): string {
  return cls.module === 'builtins' || cls.module === '__main__' ? cls.qualname : `${cls.module}.${cls.qualname}`;
}

/** The exception's class; instances raised from TypeScript are matched by their printed name. */
export function exceptionClassOf(e: PyException): PyClass {
  if (e.value instanceof PyInstance) return e.value.cls;
  const byName = exceptionsByName.get(e.type);
  if (byName) return byName;
  const last = e.type.split('.').pop()!;
  return exceptionsByName.get(last) ?? exceptionClass;
}

/** The Python-level instance for an exception, created on first use. */
export function exceptionInstance(e: PyException): PyInstance {
  if (e.value instanceof PyInstance) return e.value;
  const cls = exceptionClassOf(e);
  const args = e.pyMessage === '' ? [] : [e.pyMessage];
  const inst = new PyInstance(cls, { args: new PyTuple(args) } satisfies ExceptionNative);
  if (e.type === 'SyntaxError' || e.type === 'IndentationError') {
    inst.dict.set('msg', e.pyMessage);
    inst.dict.set('lineno', e.lineno !== undefined ? BigInt(e.lineno) : null);
    inst.dict.set('filename', e.filename ?? null);
  }
  e.value = inst;
  exceptionByInstance.set(inst, e);
  return inst;
}

/** The PyException travelling with a Python exception instance (so `raise e` keeps its traceback). */
export const exceptionByInstance = new WeakMap<PyInstance, PyException>();

export function pyError(type: string, message: string): PyException {
  return new PyException(type, message);
}

// ---- typeOf ---------------------------------------------------------------------------------

export function typeOf(v: PyValue): PyClass {
  if (v === null) return noneClass;
  switch (typeof v) {
    case 'boolean':
      return boolClass;
    case 'bigint':
      return intClass;
    case 'number':
      return floatClass;
    case 'string':
      return strClass;
  }
  if (v instanceof PyInstance) return v.cls;
  if (v instanceof PyList) return listClass;
  if (v instanceof PyTuple) return tupleClass;
  if (v instanceof PyDict) return v.pyClass ?? dictClass;
  if (v instanceof PySet) return v.frozen ? frozensetClass : setClass;
  if (v instanceof PyBytes) return bytesClass;
  if (v instanceof PyClass) return typeClass;
  if (v instanceof PyFunction) return functionClass;
  if (v instanceof PyBuiltin) return builtinFunctionClass;
  if (v instanceof PyBoundMethod) return methodClass;
  if (v instanceof PyModule) return moduleClass;
  return objectClass;
}

/** Python's `type(v).__name__`, as error messages print it. */
export function typeName(v: PyValue): string {
  return typeOf(v).name;
}
