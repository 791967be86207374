// Small helpers the Django layer uses to build native Python classes and functions and to
// talk to Python values. They stand on values.ts alone so the model layer does not depend on
// the interpreter's internals; where the interpreter offers the same helper, both agree.

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
  type Kwargs,
  type NativeClassHooks,
  type PyValue,
} from '../python/values';
import * as P from '../python/index';

/** Python's `object`. */
export const pyObject = P.objectClass;

export function nativeClass(
  name: string,
  module: string,
  bases: PyClass[] = [],
  hooks: NativeClassHooks = {},
  qualname = name,
): PyClass {
  return new PyClass(name, module, bases.length ? bases : [pyObject], hooks, qualname);
}

export function builtin(name: string, module: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue, qualname = name): PyBuiltin {
  return new PyBuiltin(name, module, impl, qualname);
}

export function typeError(msg: string): PyException {
  return new PyException('TypeError', msg);
}
export function valueError(msg: string): PyException {
  return new PyException('ValueError', msg);
}

export function isCallable(v: PyValue): boolean {
  if (v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod || v instanceof PyClass) return true;
  if (v instanceof PyInstance) return v.cls.lookup('__call__') !== undefined || !!v.cls.hook('call');
  return false;
}

/** Calls a Python callable with positional and keyword arguments. */
export function callValue(fn: PyValue, args: PyValue[] = [], kwargs: Kwargs = new Map()): PyValue {
  return P.callValue(fn, args, kwargs);
}

export const typeName = P.typeName;
export const pyRepr = P.pyRepr;
export const pyStr = P.pyStr;
export const truthy = P.truthy;
export const pyEq = P.pyEq;
export const floatRepr = P.floatRepr;
export const pyStrRepr = P.strRepr;

/** Items of an iterable Python value, or undefined when it is not iterable. */
export function iterItems(v: PyValue): PyValue[] | undefined {
  if (typeof v === 'string') return [...v];
  if (v instanceof PyTuple || v instanceof PyList) return [...v.items];
  if (v instanceof PyDict) return v.keys();
  if (v instanceof PySet) return v.values();
  if (v instanceof PyBytes) return [...v.bytes].map((b) => BigInt(b));
  if (v instanceof PyInstance) {
    const it = v.cls.hook('iter');
    if (it) return [...it(v)];
  }
  if (v instanceof PyClass) {
    const it = v.hook('iterClass');
    if (it) return [...it(v)];
  }
  return undefined;
}

export function isIterable(v: PyValue): boolean {
  if (typeof v === 'string') return true;
  if (v instanceof PyTuple || v instanceof PyList || v instanceof PyDict || v instanceof PySet || v instanceof PyBytes) return true;
  if (v instanceof PyInstance) return !!v.cls.hook('iter');
  if (v instanceof PyClass) return !!v.hook('iterClass');
  return false;
}

export interface ParamsSpec {
  /** Python-visible function name for messages, e.g. 'ForeignKey.__init__'. */
  func: string;
  /** Parameters that may be given by position, in order. */
  positional: string[];
  /** Positional parameters without a default. */
  required?: string[];
  keywordOnly?: string[];
  requiredKeywordOnly?: string[];
  /** Accepts any other keyword (**kwargs); those are returned in `rest`. */
  varKw?: boolean;
  /** Name of the function that rejects unknown keywords when varKw is false. */
  unknownKwFunc?: string;
}

/** Binds call arguments to parameter names with Python's TypeError messages. */
export function bindArgs(spec: ParamsSpec, args: PyValue[], kwargs: Kwargs): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  if (args.length > spec.positional.length) {
    const n = spec.positional.length + 1;
    throw typeError(
      `${spec.func}() takes ${n} positional argument${n === 1 ? '' : 's'} but ${args.length + 1} were given`,
    );
  }
  for (let i = 0; i < args.length; i++) out.set(spec.positional[i], args[i]);
  const known = knownNames(spec);
  for (const [k, v] of kwargs) {
    if (args.length && out.has(k) && spec.positional.includes(k)) throw typeError(`${spec.func}() got multiple values for argument '${k}'`);
    if (!known.has(k) && !spec.varKw) throw typeError(`${spec.unknownKwFunc ?? spec.func}() got an unexpected keyword argument '${k}'`);
    out.set(k, v);
  }
  if (spec.required?.some((r) => !out.has(r))) {
    const missing = spec.required.filter((r) => !out.has(r));
    throw typeError(`${spec.func}() missing ${missing.length} required positional argument${missing.length > 1 ? 's' : ''}: ${listNames(missing)}`);
  }
  if (spec.requiredKeywordOnly?.some((r) => !out.has(r))) {
    const missingKw = spec.requiredKeywordOnly.filter((r) => !out.has(r));
    throw typeError(`${spec.func}() missing ${missingKw.length} required keyword-only argument${missingKw.length > 1 ? 's' : ''}: ${listNames(missingKw)}`);
  }
  return out;
}

const KNOWN = new WeakMap<ParamsSpec, Set<string>>();
function knownNames(spec: ParamsSpec): Set<string> {
  let k = KNOWN.get(spec);
  if (!k) {
    k = new Set([...spec.positional, ...(spec.keywordOnly ?? []), ...(spec.requiredKeywordOnly ?? [])]);
    KNOWN.set(spec, k);
  }
  return k;
}

function listNames(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return q.slice(0, -1).join(', ') + ', and ' + q[q.length - 1];
}

export function kw(pairs: Record<string, PyValue>): Kwargs {
  return new Map(Object.entries(pairs));
}

export function tuple(...items: PyValue[]): PyTuple {
  return new PyTuple(items);
}
export function list(items: PyValue[]): PyList {
  return new PyList(items);
}

/** The native TypeScript object behind a Python instance, if it is of the given type. */
export function nativeOf<T>(v: PyValue | undefined, ctor: abstract new (...a: never[]) => T): T | undefined {
  if (v instanceof PyInstance && v.native instanceof ctor) return v.native as T;
  return undefined;
}

export function toInt(v: PyValue): number | undefined {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}
