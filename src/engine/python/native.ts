// Helpers for writing Python-visible classes and functions in TypeScript, and Python's argument
// binding with CPython's TypeError messages (shared with the interpreter's own functions).

import {
  PyBuiltin,
  PyClass,
  PyDict,
  PyException,
  PyInstance,
  PyModule,
  PyTuple,
  type Kwargs,
  type NativeClassHooks,
  type ParamSpec,
  type PyValue,
} from './values';
import { objectClass } from './types';

export interface BindParam extends ParamSpec {
  /** The default value; undefined for required parameters or 'absent' optional ones. */
  default?: PyValue;
}

function quoteList(names: string[]): string {
  const q = names.map((n) => `'${n}'`);
  if (q.length === 1) return q[0];
  if (q.length === 2) return `${q[0]} and ${q[1]}`;
  return q.slice(0, -1).join(', ') + ', and ' + q[q.length - 1];
}

/**
 * Binds call arguments to parameters the way CPython does. Returns one slot per parameter:
 * varargs get a PyTuple, varkw a PyDict; optional parameters without a usable default and not
 * passed are `undefined`. `fname` is what messages print before `()`, e.g. 'Field.__init__'.
 */
export function bindParams(fname: string, params: readonly BindParam[], args: readonly PyValue[], kwargs: Kwargs): (PyValue | undefined)[] {
  const out: (PyValue | undefined)[] = new Array(params.length).fill(undefined);
  const filled: boolean[] = new Array(params.length).fill(false);
  let varargsIdx = -1;
  let varkwIdx = -1;
  const positional: number[] = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (p.kind === 'positional') positional.push(i);
    else if (p.kind === 'varargs') varargsIdx = i;
    else if (p.kind === 'varkw') varkwIdx = i;
  }
  const nPos = Math.min(args.length, positional.length);
  for (let j = 0; j < nPos; j++) {
    out[positional[j]] = args[j];
    filled[positional[j]] = true;
  }
  if (args.length > positional.length) {
    if (varargsIdx < 0) {
      const required = positional.filter((i) => !params[i].hasDefault).length;
      const total = positional.length;
      const kwOnlyGiven = [...kwargs.keys()].filter((k) => params.some((p) => p.name === k && p.kind === 'keyword-only')).length;
      const takes =
        required === total
          ? `${total} positional argument${total === 1 ? '' : 's'}`
          : `from ${required} to ${total} positional arguments`;
      const given = `${args.length} ${args.length === 1 ? 'was' : 'were'} given`;
      const extra = kwOnlyGiven
        ? ` positional argument${args.length === 1 ? '' : 's'} (and ${kwOnlyGiven} keyword-only argument${kwOnlyGiven === 1 ? '' : 's'}) were given`
        : '';
      if (extra) {
        throw new PyException('TypeError', `${fname}() takes ${takes} but ${args.length}${extra}`);
      }
      throw new PyException('TypeError', `${fname}() takes ${takes} but ${given}`);
    }
    out[varargsIdx] = new PyTuple(args.slice(positional.length));
  } else if (varargsIdx >= 0) {
    out[varargsIdx] = new PyTuple([]);
  }
  let extraKw: PyDict | null = varkwIdx >= 0 ? new PyDict() : null;
  for (const [k, v] of kwargs) {
    const i = params.findIndex((p) => p.name === k && (p.kind === 'positional' || p.kind === 'keyword-only'));
    if (i < 0) {
      if (extraKw) {
        extraKw.set(k, v);
        continue;
      }
      throw new PyException('TypeError', `${fname}() got an unexpected keyword argument '${k}'`);
    }
    if (filled[i]) throw new PyException('TypeError', `${fname}() got multiple values for argument '${k}'`);
    out[i] = v;
    filled[i] = true;
  }
  const missingPos: string[] = [];
  const missingKw: string[] = [];
  for (let i = 0; i < params.length; i++) {
    const p = params[i];
    if (filled[i] || p.kind === 'varargs' || p.kind === 'varkw') continue;
    if (p.hasDefault) out[i] = p.default;
    else if (p.kind === 'positional') missingPos.push(p.name);
    else missingKw.push(p.name);
  }
  if (missingPos.length) {
    throw new PyException(
      'TypeError',
      `${fname}() missing ${missingPos.length} required positional argument${missingPos.length === 1 ? '' : 's'}: ${quoteList(missingPos)}`,
    );
  }
  if (missingKw.length) {
    throw new PyException(
      'TypeError',
      `${fname}() missing ${missingKw.length} required keyword-only argument${missingKw.length === 1 ? '' : 's'}: ${quoteList(missingKw)}`,
    );
  }
  if (varkwIdx >= 0) out[varkwIdx] = extraKw ?? new PyDict();
  extraKw = null;
  return out;
}

// ---- signatures written as Python text ------------------------------------------------------

export interface Signature {
  readonly fname: string;
  readonly params: BindParam[];
}

/** The value a signature gives an optional parameter written as `name=?`: not passed. */
function parseDefault(text: string): PyValue | undefined {
  const t = text.trim();
  if (t === '?') return undefined;
  if (t === 'None') return null;
  if (t === 'True') return true;
  if (t === 'False') return false;
  if (t === '()') return new PyTuple([]);
  if (/^-?\d+$/.test(t)) return BigInt(t);
  if (/^-?\d*\.\d+$/.test(t)) return Number(t);
  if (/^'.*'$/.test(t) || /^".*"$/.test(t)) return t.slice(1, -1);
  throw new Error(`unsupported default in native signature: ${t}`);
}

/**
 * A signature from Python text: `sig('Field.__init__', 'self, verbose_name=None, name=None, *, max_length=?, **kwargs')`.
 * `x=?` marks an optional parameter that binds to undefined when not passed.
 */
export function sig(fname: string, text: string): Signature {
  const params: BindParam[] = [];
  let kind: ParamSpec['kind'] = 'positional';
  for (const raw of text.split(',').map((s) => s.trim()).filter(Boolean)) {
    if (raw === '/') continue;
    if (raw === '*') {
      kind = 'keyword-only';
      continue;
    }
    if (raw.startsWith('**')) {
      params.push({ name: raw.slice(2), kind: 'varkw', hasDefault: false });
      continue;
    }
    if (raw.startsWith('*')) {
      params.push({ name: raw.slice(1), kind: 'varargs', hasDefault: false });
      kind = 'keyword-only';
      continue;
    }
    const eq = raw.indexOf('=');
    if (eq < 0) params.push({ name: raw, kind, hasDefault: false });
    else params.push({ name: raw.slice(0, eq).trim(), kind, hasDefault: true, default: parseDefault(raw.slice(eq + 1)) });
  }
  return { fname, params };
}

export type BoundArgs = Record<string, PyValue | undefined>;

/** Binds arguments to a signature; the result maps parameter names to values. */
export function bind(s: Signature, args: readonly PyValue[], kwargs: Kwargs): BoundArgs {
  const slots = bindParams(s.fname, s.params, args, kwargs);
  const out: BoundArgs = {};
  for (let i = 0; i < s.params.length; i++) out[s.params[i].name] = slots[i];
  return out;
}

// ---- native functions and classes -----------------------------------------------------------

/** A builtin with raw access to args/kwargs. */
export function builtin(name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue, module = 'builtins', qualname = name): PyBuiltin {
  return new PyBuiltin(name, module, impl, qualname);
}

/** A builtin with a Python signature: `nativeFunction('uuid', 'uuid4', '', () => ...)`. */
export function nativeFunction(module: string, qualname: string, signature: string, impl: (a: BoundArgs) => PyValue): PyBuiltin {
  const name = qualname.split('.').pop()!;
  const s = sig(qualname, signature);
  return new PyBuiltin(name, module, (args, kwargs) => impl(bind(s, args, kwargs)), qualname);
}

export type NativeMethod = (self: PyValue, args: PyValue[], kwargs: Kwargs) => PyValue;

export interface NativeClassSpec {
  name: string;
  module: string;
  qualname?: string;
  bases?: PyClass[];
  hooks?: NativeClassHooks;
  /**
   * `__init__` for instances: receives a fresh PyInstance (of the called class, possibly a Python
   * subclass) and stores its state in `self.native` or `self.dict`. Python subclasses calling
   * `super().__init__(...)` reach it too.
   */
  init?: (self: PyInstance, args: PyValue[], kwargs: Kwargs) => void;
  /** Methods taking `self` first; names are Python's (`deconstruct`, `__str__`, ...). */
  methods?: Record<string, NativeMethod>;
  /** Class attributes (constants). */
  attrs?: Record<string, PyValue>;
  /** Class methods: receive the class they were looked up on. */
  classMethods?: Record<string, (cls: PyClass, args: PyValue[], kwargs: Kwargs) => PyValue>;
}

let classmethodWrapper: ((f: PyBuiltin) => PyValue) | null = null;
/** builtins.ts registers how to wrap a function as a classmethod object. */
export function setClassmethodWrapper(f: (fn: PyBuiltin) => PyValue): void {
  classmethodWrapper = f;
}

/** Defines a native Python class concisely. */
export function nativeClass(spec: NativeClassSpec): PyClass {
  const cls = new PyClass(spec.name, spec.module, spec.bases ?? [objectClass], spec.hooks ?? {}, spec.qualname ?? spec.name);
  const qn = cls.qualname;
  if (spec.init) {
    const init = spec.init;
    cls.dict.set(
      '__init__',
      new PyBuiltin(
        '__init__',
        spec.module,
        (args, kwargs) => {
          const self = args[0];
          if (!(self instanceof PyInstance)) throw new PyException('TypeError', `descriptor '__init__' requires a '${spec.name}' object`);
          init(self, args.slice(1), kwargs);
          return null;
        },
        `${qn}.__init__`,
      ),
    );
  }
  for (const [name, m] of Object.entries(spec.methods ?? {})) {
    cls.dict.set(name, new PyBuiltin(name, spec.module, (args, kwargs) => m(args[0], args.slice(1), kwargs), `${qn}.${name}`));
  }
  for (const [name, m] of Object.entries(spec.classMethods ?? {})) {
    const fn = new PyBuiltin(name, spec.module, (args, kwargs) => m(args[0] as PyClass, args.slice(1), kwargs), `${qn}.${name}`);
    cls.dict.set(name, classmethodWrapper ? classmethodWrapper(fn) : fn);
  }
  for (const [name, v] of Object.entries(spec.attrs ?? {})) cls.dict.set(name, v);
  return cls;
}

/** A method with a Python signature (self included): `method('Field.deconstruct', 'self', (a) => ...)`. */
export function method(qualname: string, signature: string, impl: (a: BoundArgs) => PyValue): NativeMethod {
  const s = sig(qualname, signature);
  return (self, args, kwargs) => impl(bind(s, [self, ...args], kwargs));
}

// ---- native module registry -----------------------------------------------------------------

const nativeFactories = new Map<string, () => PyModule>();
const nativeCache = new Map<string, PyModule>();

/** Registers a module implemented in TypeScript; built lazily on first import, then shared. */
export function registerNativeModule(name: string, factory: () => PyModule): void {
  nativeFactories.set(name, factory);
  nativeCache.delete(name);
}

export function hasNativeModule(name: string): boolean {
  return nativeFactories.has(name);
}

/** Whether some registered native module lives under the package `name` (e.g. 'django.db'). */
export function hasNativePackage(name: string): boolean {
  const prefix = name + '.';
  for (const k of nativeFactories.keys()) if (k.startsWith(prefix)) return true;
  return false;
}

/** The native module, or undefined when none is registered under that name. */
export function getNativeModule(name: string): PyModule | undefined {
  const hit = nativeCache.get(name);
  if (hit) return hit;
  const f = nativeFactories.get(name);
  if (!f) return undefined;
  const m = f();
  nativeCache.set(name, m);
  return m;
}

/** Builds a module from a record of values. */
export function makeModule(name: string, members: Record<string, PyValue>): PyModule {
  const m = new PyModule(name);
  for (const [k, v] of Object.entries(members)) m.dict.set(k, v);
  return m;
}

/** Kwargs from a plain record (for calling Python from TypeScript). */
export function kw(rec: Record<string, PyValue>): Kwargs {
  return new Map(Object.entries(rec));
}
