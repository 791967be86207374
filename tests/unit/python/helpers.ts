import { execModule, setStdout, pyRepr, PyException, type PyModule, type PyValue } from '../../../src/engine/python';

export interface RunResult {
  out: string;
  mod: PyModule;
}

export function run(src: string, modules: Record<string, string> = {}): RunResult {
  let out = '';
  setStdout((t) => (out += t));
  const cache = new Map<string, PyModule>();
  const host = {
    importModule(name: string): PyModule | undefined {
      const hit = cache.get(name);
      if (hit) return hit;
      const text = modules[name];
      if (text === undefined) return undefined;
      const m = execModule(text, { filename: name.replace(/\./g, '/') + '.py', moduleName: name, host });
      cache.set(name, m);
      return m;
    },
  };
  const mod = execModule(src, { filename: 'test.py', moduleName: '__main__', host });
  return { out, mod };
}

/** Prints `expr`'s repr. */
export function evalRepr(expr: string, prelude = ''): string {
  const { mod } = run(`${prelude}\n__r = ${expr}\n`);
  return pyRepr(mod.dict.get('__r') as PyValue);
}

export function out(src: string): string {
  return run(src).out;
}

/** "Type: message @line" of the exception the source raises. */
export function error(src: string): string {
  try {
    run(src);
  } catch (e) {
    if (e instanceof PyException) return `${e.type}: ${e.pyMessage} @${e.lineno}`;
    throw e;
  }
  return 'no error';
}
