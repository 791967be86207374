import { describe, expect, test } from 'vitest';
import { execModule, setStdout, PyException } from '../../../src/engine/python';
import cases from './fixtures/runtime.json';

// Small programs with the stdout and last traceback line CPython 3.11 printed for them.
describe('programs behave as in CPython 3.11', () => {
  test.each(cases.map((c) => [c.src.split('\n')[0], c] as const))('%s', (_name, c) => {
    let out = '';
    setStdout((t) => (out += t));
    let err = '';
    try {
      execModule(c.src, { filename: '<string>', moduleName: '__main__', host: { importModule: () => undefined } });
    } catch (e) {
      if (!(e instanceof PyException)) throw e;
      err = e.pyMessage ? `${e.type}: ${e.pyMessage}` : e.type;
    }
    const addr = (t: string) => t.replace(/0x[0-9a-f]+/g, '0x');
    expect({ out: addr(out), err: addr(err) }).toEqual({ out: addr(c.out), err: addr(c.err) });
  });
});
