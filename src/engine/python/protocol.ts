// Python's object protocol over the value model: attribute access, calls, repr/str, equality,
// ordering, arithmetic, truthiness, iteration, indexing — with CPython's error messages.

import {
  hashKey,
  objectId,
  setInstanceHashHook,
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
  type PyValue,
} from './values';
import {
  baseExceptionClass,
  boolClass,
  builtinExceptionClass,
  classmethodClass,
  dictItemsClass,
  dictKeysClass,
  dictValuesClass,
  Ellipsis,
  exceptionPrintedName,
  generatorClass,
  iteratorClass,
  NotImplemented,
  objectClass,
  propertyClass,
  rangeClass,
  sliceClass,
  staticmethodClass,
  stopIterationClass,
  superClass,
  typeClass,
  typeName,
  typeOf,
  type DictViewNative,
  type ExceptionNative,
  type IteratorNative,
  type PropertyNative,
  type RangeNative,
  type SliceNative,
  type SuperNative,
  type WrapperNative,
} from './types';

export { typeName, typeOf } from './types';

const NO_KWARGS: Kwargs = new Map();

export function err(type: string, message: string): PyException {
  return new PyException(type, message);
}

// ---- attributes -----------------------------------------------------------------------------

/** Binds a value found on a class to `self` the way Python's descriptors do. */
function bindFound(found: PyValue, self: PyValue, owner: PyClass): PyValue {
  if (found instanceof PyFunction || found instanceof PyBuiltin) return new PyBoundMethod(self, found);
  if (found instanceof PyInstance) {
    const c = found.cls;
    if (c === propertyClass) {
      const p = found.native as PropertyNative;
      if (p.fget === null) throw err('AttributeError', `property of '${owner.name}' object has no getter`);
      return callValue(p.fget, [self]);
    }
    if (c === classmethodClass) return new PyBoundMethod(owner, (found.native as WrapperNative).func as PyFunction);
    if (c === staticmethodClass) return (found.native as WrapperNative).func;
    const get = c.lookup('__get__');
    if (get && (get instanceof PyFunction || get instanceof PyBuiltin)) return callValue(get, [found, self, owner]);
  }
  return found;
}

function classAttr(cls: PyClass, name: string): PyValue | undefined {
  switch (name) {
    case '__name__':
      return cls.name;
    case '__qualname__':
      return cls.qualname;
    case '__module__':
      return cls.dict.has('__module__') ? cls.dict.get('__module__')! : cls.module;
    case '__mro__':
      return new PyTuple(cls.mro);
    case '__bases__':
      return new PyTuple(cls.bases.length ? cls.bases : cls === objectClass ? [] : [objectClass]);
    case '__base__':
      return cls.bases[0] ?? null;
    case '__class__':
      return typeClass;
    case '__dict__':
      return new PyDict([...cls.dict].map(([k, v]) => [k, v] as [PyValue, PyValue]));
    case '__doc__':
      return cls.dict.get('__doc__') ?? null;
  }
  const hook = cls.hook('getClassAttr');
  if (hook) {
    const v = hook(cls, name);
    if (v !== undefined) return v;
  }
  const found = cls.lookup(name);
  if (found !== undefined) {
    if (found instanceof PyInstance) {
      if (found.cls === classmethodClass) return new PyBoundMethod(cls, (found.native as WrapperNative).func as PyFunction);
      if (found.cls === staticmethodClass) return (found.native as WrapperNative).func;
      if (found.cls !== propertyClass) {
        const get = found.cls.lookup('__get__');
        if (get && (get instanceof PyFunction || get instanceof PyBuiltin)) return callValue(get, [found, null, cls]);
      }
    }
    return found;
  }
  // Methods of `type` itself (`Post.mro()`).
  const meta = typeClass.lookup(name);
  if (meta !== undefined) return bindFound(meta, cls, typeClass);
  return undefined;
}

/** Attribute lookup; returns undefined when missing (no exception). */
export function getAttrOrUndefined(v: PyValue, name: string): PyValue | undefined {
  if (v instanceof PyInstance) {
    const cls = v.cls;
    if (name === '__class__') return cls;
    if (name === '__dict__') return new PyDict([...v.dict].map(([k, x]) => [k, x] as [PyValue, PyValue]));
    const hook = cls.hook('getAttr');
    if (hook) {
      const r = hook(v, name);
      if (r !== undefined) return r;
    }
    const found = cls.lookup(name);
    if (found instanceof PyInstance && found.cls === propertyClass) return bindFound(found, v, cls);
    const own = v.dict.get(name);
    if (own !== undefined) return own;
    if (found !== undefined) return bindFound(found, v, cls);
    const ga = cls.lookup('__getattr__');
    if (ga !== undefined) {
      try {
        return callValue(ga, [v, name]);
      } catch (e) {
        if (e instanceof PyException && e.type === 'AttributeError') return undefined;
        throw e;
      }
    }
    return undefined;
  }
  if (v instanceof PyModule) {
    const r = v.dict.get(name);
    if (r !== undefined) return r;
    if (name === '__name__') return v.name;
    if (name === '__dict__') return new PyDict([...v.dict].map(([k, x]) => [k, x] as [PyValue, PyValue]));
    return undefined;
  }
  if (v instanceof PyClass) return classAttr(v, name);
  if (v instanceof PyFunction) {
    switch (name) {
      case '__name__':
        return v.dict.get('__name__') ?? v.name;
      case '__qualname__':
        return v.qualname;
      case '__module__':
        return v.module;
      case '__doc__':
        return v.dict.get('__doc__') ?? null;
      case '__dict__':
        return new PyDict([...v.dict].map(([k, x]) => [k, x] as [PyValue, PyValue]));
    }
    const r = v.dict.get(name);
    if (r !== undefined) return r;
  } else if (v instanceof PyBuiltin) {
    if (name === '__name__') return v.name;
    if (name === '__qualname__') return v.qualname;
    if (name === '__module__') return v.module;
  } else if (v instanceof PyBoundMethod) {
    if (name === '__self__') return v.self;
    if (name === '__func__') return v.func;
    if (name === '__name__') return v.func.name;
    if (name === '__qualname__') return v.func.qualname;
    const r = getAttrOrUndefined(v.func, name);
    if (r !== undefined) return r;
  }
  if (name === '__class__') return typeOf(v);
  const t = typeOf(v);
  const found = t.lookup(name);
  if (found !== undefined) return bindFound(found, v, t);
  return undefined;
}

export function attributeError(v: PyValue, name: string): PyException {
  if (v instanceof PyModule) return err('AttributeError', `module '${v.name}' has no attribute '${name}'`);
  if (v instanceof PyClass) return err('AttributeError', `type object '${v.name}' has no attribute '${name}'`);
  return err('AttributeError', `'${typeName(v)}' object has no attribute '${name}'`);
}

export function getAttr(v: PyValue, name: string): PyValue {
  const r = getAttrOrUndefined(v, name);
  if (r === undefined) throw attributeError(v, name);
  return r;
}

export function hasAttr(v: PyValue, name: string): boolean {
  try {
    return getAttrOrUndefined(v, name) !== undefined;
  } catch (e) {
    if (e instanceof PyException && e.type === 'AttributeError') return false;
    throw e;
  }
}

export function setAttr(obj: PyValue, name: string, value: PyValue): void {
  if (obj instanceof PyInstance) {
    const cls = obj.cls;
    const found = cls.lookup(name);
    if (found instanceof PyInstance && found.cls === propertyClass) {
      const p = found.native as PropertyNative;
      if (p.fset === null) throw err('AttributeError', `property '${name}' of '${cls.name}' object has no setter`);
      callValue(p.fset, [obj, value]);
      return;
    }
    const sa = cls.lookup('__setattr__');
    if (sa instanceof PyFunction) {
      callValue(sa, [obj, name, value]);
      return;
    }
    const hook = cls.hook('setAttr');
    if (hook && hook(obj, name, value)) return;
    obj.dict.set(name, value);
    return;
  }
  if (obj instanceof PyClass) {
    if (obj.module === 'builtins') {
      throw err('TypeError', `cannot set '${name}' attribute of immutable type '${obj.name}'`);
    }
    obj.dict.set(name, value);
    return;
  }
  if (obj instanceof PyModule || obj instanceof PyFunction) {
    obj.dict.set(name, value);
    return;
  }
  if (typeOf(obj).lookup(name) !== undefined) {
    throw err('AttributeError', `'${typeName(obj)}' object attribute '${name}' is read-only`);
  }
  throw err('AttributeError', `'${typeName(obj)}' object has no attribute '${name}'`);
}

export function delAttr(obj: PyValue, name: string): void {
  if (obj instanceof PyInstance || obj instanceof PyModule || obj instanceof PyClass || obj instanceof PyFunction) {
    if (obj.dict.delete(name)) return;
  }
  throw attributeError(obj, name);
}

// ---- calls ----------------------------------------------------------------------------------

let callDepth = 0;
const MAX_DEPTH = 900;

export function callValue(fn: PyValue, args: PyValue[], kwargs: Kwargs = NO_KWARGS): PyValue {
  if (fn instanceof PyFunction || fn instanceof PyBuiltin) {
    if (++callDepth > MAX_DEPTH) {
      callDepth = 0;
      throw err('RecursionError', 'maximum recursion depth exceeded');
    }
    try {
      return fn.impl(args, kwargs);
    } finally {
      if (callDepth > 0) callDepth--;
    }
  }
  if (fn instanceof PyBoundMethod) return callValue(fn.func, [fn.self, ...args], kwargs);
  if (fn instanceof PyClass) return instantiate(fn, args, kwargs);
  if (fn instanceof PyInstance) {
    const hook = fn.cls.hook('call');
    if (hook) return hook(fn, args, kwargs);
    const call = fn.cls.lookup('__call__');
    if (call !== undefined) return callValue(bindFound(call, fn, fn.cls), args, kwargs);
    if (fn.cls === staticmethodClass || fn.cls === classmethodClass) {
      return callValue((fn.native as WrapperNative).func, args, kwargs);
    }
  }
  throw err('TypeError', `'${typeName(fn)}' object is not callable`);
}

/** Resets the recursion counter (after an exception escaped to the top level). */
export function resetCallDepth(): void {
  callDepth = 0;
}

/** Calls a method by name if the object's class defines it (Python or native); undefined otherwise. */
export function callMethodIfDefined(obj: PyValue, name: string, args: PyValue[]): PyValue | undefined {
  const t = typeOf(obj);
  const m = t.lookup(name);
  if (m === undefined) return undefined;
  return callValue(bindFound(m, obj, t), args);
}

/** `cls(*args, **kwargs)`: Python's `__init__`, or a native class's `construct` hook, found along the MRO. */
export function instantiate(cls: PyClass, args: PyValue[], kwargs: Kwargs = NO_KWARGS): PyValue {
  if (cls === typeClass) {
    if (args.length === 1 && kwargs.size === 0) return typeOf(args[0]);
    if (args.length === 3) return makeClassFromType(args);
    throw err('TypeError', 'type() takes 1 or 3 arguments');
  }
  const newFn = cls.lookup('__new__');
  if (newFn instanceof PyFunction || (newFn instanceof PyInstance && newFn.cls === staticmethodClass)) {
    const f = newFn instanceof PyInstance ? (newFn.native as WrapperNative).func : newFn;
    const inst = callValue(f, [cls, ...args], kwargs);
    if (inst instanceof PyInstance && inst.cls.isSubclassOf(cls)) {
      const init = cls.lookup('__init__');
      if (init instanceof PyFunction) callValue(init, [inst, ...args], kwargs);
    }
    return inst;
  }
  for (const c of cls.mro) {
    const init = c.dict.get('__init__');
    if (init !== undefined) {
      const inst = new PyInstance(cls);
      const r = callValue(init, [inst, ...args], kwargs);
      if (r !== null && init instanceof PyFunction) {
        throw err('TypeError', `__init__() should return None, not '${typeName(r)}'`);
      }
      return inst;
    }
    if (c.hooks.construct) return c.hooks.construct(cls, args, kwargs);
  }
  if (args.length || kwargs.size) throw err('TypeError', `${cls.name}() takes no arguments`);
  return new PyInstance(cls);
}

let classFactory: ((name: string, bases: PyClass[], ns: Map<string, PyValue>) => PyClass) | null = null;
/** The interpreter registers how `type(name, bases, dict)` builds a class (hooks included). */
export function setClassFactory(f: (name: string, bases: PyClass[], ns: Map<string, PyValue>) => PyClass): void {
  classFactory = f;
}

function makeClassFromType(args: PyValue[]): PyValue {
  const [name, bases, ns] = args;
  if (typeof name !== 'string' || !(bases instanceof PyTuple) || !(ns instanceof PyDict)) {
    throw err('TypeError', 'type.__new__() argument 1 must be str');
  }
  const m = new Map<string, PyValue>();
  for (const [k, v] of ns.items()) m.set(String(k), v);
  if (!classFactory) throw err('RuntimeError', 'type() is not available');
  return classFactory(name, bases.items as PyClass[], m);
}

/** `super()` lookup: the next class after `cls` in `self`'s MRO. */
export function superLookup(sup: SuperNative, name: string): PyValue | undefined {
  const self = sup.self;
  const selfCls = self instanceof PyClass ? self : typeOf(self);
  const mro = selfCls.mro;
  const start = mro.indexOf(sup.cls);
  for (let i = start + 1; i < mro.length; i++) {
    const c = mro[i];
    const found = c.dict.get(name);
    if (found !== undefined) {
      if (self instanceof PyClass) {
        if (found instanceof PyInstance && found.cls === classmethodClass) {
          return new PyBoundMethod(self, (found.native as WrapperNative).func as PyFunction);
        }
        if (found instanceof PyInstance && found.cls === staticmethodClass) return (found.native as WrapperNative).func;
        if (name === '__new__') return found;
        return found;
      }
      return bindFound(found, self, selfCls);
    }
    // A native base built by `construct`: super().__init__(...) adopts what construct builds.
    if (name === '__init__' && c.hooks.construct && self instanceof PyInstance) {
      const construct = c.hooks.construct;
      return new PyBuiltin('__init__', c.module, (args, kwargs) => {
        const made = construct(self.cls, args, kwargs);
        if (made instanceof PyInstance) {
          self.native = made.native;
          for (const [k, v] of made.dict) self.dict.set(k, v);
        }
        return null;
      }, `${c.name}.__init__`);
    }
  }
  if (name === '__init__') return new PyBuiltin('__init__', 'builtins', () => null, 'object.__init__');
  return undefined;
}

export function makeSuper(cls: PyClass, self: PyValue): PyInstance {
  return new PyInstance(superClass, { cls, self } satisfies SuperNative);
}

// ---- repr / str -----------------------------------------------------------------------------

const reprStack: object[] = [];

export function fakeAddress(o: object): string {
  return '0x7f' + (0x3a000000 + objectId(o) * 48).toString(16).padStart(10, '0');
}

export function pyRepr(v: PyValue): string {
  if (v === null) return 'None';
  switch (typeof v) {
    case 'boolean':
      return v ? 'True' : 'False';
    case 'bigint':
      return v.toString();
    case 'number':
      return floatRepr(v);
    case 'string':
      return strRepr(v);
  }
  if (reprStack.includes(v)) {
    if (v instanceof PyList) return '[...]';
    if (v instanceof PyDict) return '{...}';
    if (v instanceof PyTuple) return '(...)';
  }
  reprStack.push(v);
  try {
    return reprObject(v);
  } finally {
    reprStack.pop();
  }
}

function reprObject(v: Exclude<PyValue, null | boolean | bigint | number | string>): string {
  if (v instanceof PyList) return '[' + v.items.map(pyRepr).join(', ') + ']';
  if (v instanceof PyTuple) {
    if (v.items.length === 1) return '(' + pyRepr(v.items[0]) + ',)';
    return '(' + v.items.map(pyRepr).join(', ') + ')';
  }
  if (v instanceof PyDict) {
    const body = '{' + v.items().map(([k, x]) => pyRepr(k) + ': ' + pyRepr(x)).join(', ') + '}';
    const sub = v.pyClass?.name;
    if (sub === 'defaultdict') return `defaultdict(${pyRepr(v.defaultFactory ?? null)}, ${body})`;
    if (sub === 'OrderedDict') return v.size ? `OrderedDict([${v.items().map((p) => pyRepr(new PyTuple(p))).join(', ')}])` : 'OrderedDict()';
    if (sub === 'Counter') return v.size ? `Counter(${body})` : 'Counter()';
    return body;
  }
  if (v instanceof PySet) {
    const vals = v.values();
    if (v.frozen) return vals.length ? 'frozenset({' + vals.map(pyRepr).join(', ') + '})' : 'frozenset()';
    return vals.length ? '{' + vals.map(pyRepr).join(', ') + '}' : 'set()';
  }
  if (v instanceof PyBytes) return bytesRepr(v.bytes);
  if (v instanceof PyClass) {
    const cr = v.hook('classRepr');
    if (cr) return cr(v);
    return v.module === 'builtins' ? `<class '${v.qualname}'>` : `<class '${v.module}.${v.qualname}'>`;
  }
  if (v instanceof PyFunction) return `<function ${v.qualname} at ${fakeAddress(v)}>`;
  if (v instanceof PyBuiltin) {
    return v.qualname.includes('.') ? `<built-in method ${v.name}>` : `<built-in function ${v.name}>`;
  }
  if (v instanceof PyBoundMethod) {
    if (v.func instanceof PyBuiltin && !(v.self instanceof PyInstance && !v.self.cls.module.startsWith('builtins'))) {
      return `<built-in method ${v.func.name} of ${typeName(v.self)} object at ${fakeAddress(v.self as object)}>`;
    }
    return `<bound method ${v.func.qualname} of ${pyRepr(v.self)}>`;
  }
  if (v instanceof PyModule) {
    const file = v.dict.get('__file__');
    return typeof file === 'string' ? `<module '${v.name}' from '${file}'>` : `<module '${v.name}' (built-in)>`;
  }
  if (v instanceof PyInstance) return instanceRepr(v);
  return '<object>';
}

function instanceRepr(v: PyInstance): string {
  const cls = v.cls;
  const pyMethod = cls.lookup('__repr__');
  if (pyMethod instanceof PyFunction) {
    const r = callValue(pyMethod, [v]);
    if (typeof r !== 'string') throw err('TypeError', `__repr__ returned non-string (type ${typeName(r)})`);
    return r;
  }
  const hook = cls.hook('repr');
  if (hook) return hook(v);
  if (pyMethod instanceof PyBuiltin) {
    const r = callValue(pyMethod, [v]);
    if (typeof r === 'string') return r;
  }
  if (cls === Ellipsis.cls) return 'Ellipsis';
  if (v === NotImplemented) return 'NotImplemented';
  if (cls.isSubclassOf(baseExceptionClass)) {
    const args = (v.native as ExceptionNative | undefined)?.args ?? new PyTuple([]);
    const inner = args.items.length === 1 ? pyRepr(args.items[0]) : args.items.map(pyRepr).join(', ');
    return `${cls.name}(${inner})`;
  }
  if (cls === propertyClass) return `<property object at ${fakeAddress(v)}>`;
  if (cls === rangeClass) {
    const r = v.native as RangeNative;
    return r.step === 1n ? `range(${r.start}, ${r.stop})` : `range(${r.start}, ${r.stop}, ${r.step})`;
  }
  if (cls === sliceClass) {
    const s = v.native as SliceNative;
    return `slice(${pyRepr(s.start)}, ${pyRepr(s.stop)}, ${pyRepr(s.step)})`;
  }
  if (cls === dictKeysClass || cls === dictValuesClass || cls === dictItemsClass) {
    const d = (v.native as DictViewNative).dict;
    const items = cls === dictKeysClass ? d.keys() : cls === dictValuesClass ? d.values() : d.items().map((p) => new PyTuple(p));
    return `${cls.name}([${items.map(pyRepr).join(', ')}])`;
  }
  if (cls === superClass) {
    const s = v.native as SuperNative;
    return `<super: <class '${s.cls.name}'>, <${typeName(s.self)} object>>`;
  }
  if (cls === generatorClass) return `<generator object ${(v.native as IteratorNative).name ?? '<genexpr>'} at ${fakeAddress(v)}>`;
  if (cls === iteratorClass) return `<iterator object at ${fakeAddress(v)}>`;
  const mod = cls.module === 'builtins' ? '' : cls.module + '.';
  return `<${mod}${cls.qualname} object at ${fakeAddress(v)}>`;
}

export function pyStr(v: PyValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyInstance) {
    const cls = v.cls;
    const pyMethod = cls.lookup('__str__');
    if (pyMethod instanceof PyFunction) {
      const r = callValue(pyMethod, [v]);
      if (typeof r !== 'string') throw err('TypeError', `__str__ returned non-string (type ${typeName(r)})`);
      return r;
    }
    const hook = cls.hook('str');
    if (hook) return hook(v);
    if (pyMethod instanceof PyBuiltin) {
      const r = callValue(pyMethod, [v]);
      if (typeof r === 'string') return r;
    }
    if (cls.isSubclassOf(baseExceptionClass)) return exceptionStr(v);
  }
  return pyRepr(v);
}

export function exceptionStr(v: PyInstance): string {
  const args = (v.native as ExceptionNative | undefined)?.args ?? new PyTuple([]);
  if (args.items.length === 0) return '';
  if (args.items.length === 1) {
    if (v.cls.name === 'KeyError' && v.cls.module === 'builtins') return pyRepr(args.items[0]);
    return pyStr(args.items[0]);
  }
  return pyRepr(args);
}

/** Python's repr(float): shortest round-trip digits, exponent outside 1e-4 <= |x| < 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const [mant, expStr] = x.toExponential().split('e');
  const exp = Number(expStr);
  const neg = mant.startsWith('-');
  const digits = mant.replace('-', '').replace('.', '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const e = (exp < 0 ? '-' : '+') + String(Math.abs(exp)).padStart(2, '0');
    return (neg ? '-' : '') + m + 'e' + e;
  }
  let s: string;
  if (exp >= 0) {
    if (digits.length <= exp + 1) s = digits + '0'.repeat(exp + 1 - digits.length) + '.0';
    else s = digits.slice(0, exp + 1) + '.' + digits.slice(exp + 1);
  } else {
    s = '0.' + '0'.repeat(-exp - 1) + digits;
  }
  return (neg ? '-' : '') + s;
}

export function strRepr(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || c === 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c >= 0x80 && c < 0xa0) out += '\\x' + c.toString(16).padStart(2, '0');
    else if (c === 0xad) out += '\\xad';
    else if ((c >= 0xd800 && c <= 0xdfff) || c === 0x2028 || c === 0x2029 || (c >= 0x200b && c <= 0x200f) || c === 0xfeff) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + quote;
}

export function bytesRepr(b: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const c of b) {
    if (c === 39) hasSingle = true;
    if (c === 34) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = 'b' + quote;
  for (const c of b) {
    const ch = String.fromCharCode(c);
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (c === 10) out += '\\n';
    else if (c === 13) out += '\\r';
    else if (c === 9) out += '\\t';
    else if (c < 0x20 || c >= 0x7f) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

// ---- numbers --------------------------------------------------------------------------------

export function isNumber(v: PyValue): v is bigint | number | boolean {
  const t = typeof v;
  return t === 'bigint' || t === 'number' || t === 'boolean';
}

export function toBigInt(v: bigint | boolean): bigint {
  return typeof v === 'boolean' ? (v ? 1n : 0n) : v;
}

export function toNumber(v: bigint | number | boolean): number {
  return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
}

/** An int-like value as bigint, or a TypeError naming what was expected. */
export function toIndex(v: PyValue, what = 'integer'): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (v instanceof PyInstance) {
    const r = callMethodIfDefined(v, '__index__', []);
    if (typeof r === 'bigint') return r;
  }
  void what;
  throw err('TypeError', `'${typeName(v)}' object cannot be interpreted as an integer`);
}

function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return (a % b !== 0n && (a < 0n) !== (b < 0n)) ? q - 1n : q;
}

function floorMod(a: bigint, b: bigint): bigint {
  const r = a % b;
  return r !== 0n && (r < 0n) !== (b < 0n) ? r + b : r;
}

function floatMod(a: number, b: number): number {
  const r = a % b;
  return r !== 0 && (r < 0) !== (b < 0) ? r + b : r;
}

function intPow(a: bigint, b: bigint): PyValue {
  if (b < 0n) {
    if (a === 0n) throw err('ZeroDivisionError', '0.0 cannot be raised to a negative power');
    return Number(a) ** Number(b);
  }
  return a ** b;
}

function numericOp(op: string, a: bigint | number | boolean, b: bigint | number | boolean): PyValue | undefined {
  if (typeof a !== 'number' && typeof b !== 'number') {
    const x = toBigInt(a);
    const y = toBigInt(b);
    switch (op) {
      case '+':
        return x + y;
      case '-':
        return x - y;
      case '*':
        return x * y;
      case '/':
        if (y === 0n) throw err('ZeroDivisionError', 'division by zero');
        return intTrueDiv(x, y);
      case '//':
        if (y === 0n) throw err('ZeroDivisionError', 'integer division or modulo by zero');
        return floorDiv(x, y);
      case '%':
        if (y === 0n) throw err('ZeroDivisionError', 'integer modulo by zero');
        return floorMod(x, y);
      case '**':
        return intPow(x, y);
      case '<<':
        if (y < 0n) throw err('ValueError', 'negative shift count');
        return x << y;
      case '>>':
        if (y < 0n) throw err('ValueError', 'negative shift count');
        return x >> y;
      case '&':
        return typeof a === 'boolean' && typeof b === 'boolean' ? a && b : x & y;
      case '|':
        return typeof a === 'boolean' && typeof b === 'boolean' ? a || b : x | y;
      case '^':
        return typeof a === 'boolean' && typeof b === 'boolean' ? a !== b : x ^ y;
    }
    return undefined;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      if (y === 0) throw err('ZeroDivisionError', 'float division by zero');
      return x / y;
    case '//':
      if (y === 0) throw err('ZeroDivisionError', 'float floor division by zero');
      return Math.floor(x / y);
    case '%':
      if (y === 0) throw err('ZeroDivisionError', 'float modulo');
      return floatMod(x, y);
    case '**':
      if (x === 0 && y < 0) throw err('ZeroDivisionError', '0.0 cannot be raised to a negative power');
      if (x < 0 && !Number.isInteger(y)) throw err('ValueError', 'complex results are not supported');
      return x ** y;
  }
  return undefined;
}

function intTrueDiv(x: bigint, y: bigint): number {
  const nx = Number(x);
  const ny = Number(y);
  if (Number.isSafeInteger(nx) && Number.isSafeInteger(ny)) return nx / ny;
  // Big operands: divide with enough precision first.
  const scale = 10n ** 20n;
  return Number((x * scale) / y) / 1e20;
}

const OP_DUNDER: Record<string, [string, string]> = {
  '+': ['__add__', '__radd__'],
  '-': ['__sub__', '__rsub__'],
  '*': ['__mul__', '__rmul__'],
  '/': ['__truediv__', '__rtruediv__'],
  '//': ['__floordiv__', '__rfloordiv__'],
  '%': ['__mod__', '__rmod__'],
  '**': ['__pow__', '__rpow__'],
  '<<': ['__lshift__', '__rlshift__'],
  '>>': ['__rshift__', '__rrshift__'],
  '&': ['__and__', '__rand__'],
  '|': ['__or__', '__ror__'],
  '^': ['__xor__', '__rxor__'],
  '@': ['__matmul__', '__rmatmul__'],
};

function repeatSeq<T>(items: readonly T[], n: bigint): T[] {
  const out: T[] = [];
  for (let i = 0n; i < n; i++) out.push(...items);
  return out;
}

let percentFormatter: ((fmt: string, args: PyValue) => string) | null = null;
export function setPercentFormatter(f: (fmt: string, args: PyValue) => string): void {
  percentFormatter = f;
}

function instanceBinary(op: string, a: PyValue, b: PyValue): PyValue | undefined {
  const names = OP_DUNDER[op];
  if (a instanceof PyInstance) {
    if (names) {
      const m = a.cls.lookup(names[0]);
      if (m !== undefined) {
        const r = callValue(bindFound(m, a, a.cls), [b]);
        if (r !== NotImplemented) return r;
      }
    }
    const hook = a.cls.hook('binaryOp');
    if (hook) {
      const r = hook(op, a, b, false);
      if (r !== undefined) return r;
    }
  }
  if (b instanceof PyInstance) {
    if (names) {
      const m = b.cls.lookup(names[1]);
      if (m !== undefined) {
        const r = callValue(bindFound(m, b, b.cls), [a]);
        if (r !== NotImplemented) return r;
      }
    }
    const hook = b.cls.hook('binaryOp');
    if (hook) {
      const r = hook(op, b, a, true);
      if (r !== undefined) return r;
    }
  }
  return undefined;
}

export function binaryOp(op: string, a: PyValue, b: PyValue): PyValue {
  if (isNumber(a) && isNumber(b)) {
    const r = numericOp(op, a, b);
    if (r !== undefined) return r;
  }
  if (a instanceof PyInstance || b instanceof PyInstance) {
    const r = instanceBinary(op, a, b);
    if (r !== undefined) return r;
  }
  switch (op) {
    case '+':
      if (typeof a === 'string') {
        if (typeof b === 'string') return a + b;
        throw err('TypeError', `can only concatenate str (not "${typeName(b)}") to str`);
      }
      if (a instanceof PyList) {
        if (b instanceof PyList) return new PyList([...a.items, ...b.items]);
        throw err('TypeError', `can only concatenate list (not "${typeName(b)}") to list`);
      }
      if (a instanceof PyTuple) {
        if (b instanceof PyTuple) return new PyTuple([...a.items, ...b.items]);
        throw err('TypeError', `can only concatenate tuple (not "${typeName(b)}") to tuple`);
      }
      if (a instanceof PyBytes && b instanceof PyBytes) {
        const out = new Uint8Array(a.bytes.length + b.bytes.length);
        out.set(a.bytes);
        out.set(b.bytes, a.bytes.length);
        return new PyBytes(out);
      }
      break;
    case '*': {
      const seqTimes = (s: PyValue, n: PyValue): PyValue | undefined => {
        if (typeof n !== 'bigint' && typeof n !== 'boolean') return undefined;
        const k = toBigInt(n);
        if (typeof s === 'string') return k > 0n ? s.repeat(Number(k)) : '';
        if (s instanceof PyList) return new PyList(repeatSeq(s.items, k));
        if (s instanceof PyTuple) return new PyTuple(repeatSeq(s.items, k));
        return undefined;
      };
      const r = seqTimes(a, b) ?? seqTimes(b, a);
      if (r !== undefined) return r;
      const isSeq = (x: PyValue): boolean => typeof x === 'string' || x instanceof PyList || x instanceof PyTuple || x instanceof PyBytes;
      if (isSeq(a) && !(b instanceof PyInstance)) throw err('TypeError', `can't multiply sequence by non-int of type '${typeName(b)}'`);
      if (isSeq(b) && !(a instanceof PyInstance)) throw err('TypeError', `can't multiply sequence by non-int of type '${typeName(a)}'`);
      break;
    }
    case '%':
      if (typeof a === 'string' && percentFormatter) return percentFormatter(a, b);
      break;
    case '|':
    case '&':
    case '-':
    case '^':
      if (a instanceof PySet && b instanceof PySet) return setOp(op, a, b);
      if (op === '|' && a instanceof PyDict && b instanceof PyDict) {
        const d = new PyDict(a.items());
        for (const [k, v] of b.items()) d.set(k, v);
        return d;
      }
      break;
  }
  throw err('TypeError', `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`);
}

function setOp(op: string, a: PySet, b: PySet): PySet {
  const frozen = a.frozen;
  switch (op) {
    case '|':
      return new PySet([...a.values(), ...b.values()], frozen);
    case '&':
      return new PySet(a.values().filter((v) => b.has(v)), frozen);
    case '-':
      return new PySet(a.values().filter((v) => !b.has(v)), frozen);
    default:
      return new PySet([...a.values().filter((v) => !b.has(v)), ...b.values().filter((v) => !a.has(v))], frozen);
  }
}

/** In-place operators: lists extend in place, everything else falls back to the binary operator. */
export function inplaceOp(op: string, a: PyValue, b: PyValue): PyValue {
  if (a instanceof PyList && op === '+') {
    a.items.push(...iterate(b));
    return a;
  }
  if (a instanceof PySet && !a.frozen && b instanceof PySet && (op === '|' || op === '&' || op === '-' || op === '^')) {
    const r = setOp(op, a, b);
    a.entries.clear();
    for (const v of r.values()) a.add(v);
    return a;
  }
  if (a instanceof PyDict && op === '|') {
    const src = b instanceof PyDict ? b.items() : [];
    for (const [k, v] of src) a.set(k, v);
    return a;
  }
  if (a instanceof PyInstance) {
    const name = OP_DUNDER[op]?.[0].replace('__', '__i');
    if (name) {
      const m = a.cls.lookup(name);
      if (m !== undefined) {
        const r = callValue(bindFound(m, a, a.cls), [b]);
        if (r !== NotImplemented) return r;
      }
    }
  }
  try {
    return binaryOp(op, a, b);
  } catch (e) {
    if (e instanceof PyException && e.type === 'TypeError' && e.pyMessage.startsWith('unsupported operand type(s) for ')) {
      throw err('TypeError', `unsupported operand type(s) for ${op}=: '${typeName(a)}' and '${typeName(b)}'`);
    }
    throw e;
  }
}

export function unaryOp(op: string, v: PyValue): PyValue {
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    const x = toBigInt(v);
    if (op === '-') return -x;
    if (op === '+') return x;
    if (op === '~') return ~x;
  }
  if (typeof v === 'number') {
    if (op === '-') return -v;
    if (op === '+') return v;
  }
  if (v instanceof PyInstance) {
    const name = op === '-' ? '__neg__' : op === '+' ? '__pos__' : '__invert__';
    const m = v.cls.lookup(name);
    if (m !== undefined) return callValue(bindFound(m, v, v.cls), []);
    const hook = v.cls.hook('unaryOp');
    if (hook) {
      const r = hook(op, v);
      if (r !== undefined) return r;
    }
  }
  throw err('TypeError', `bad operand type for unary ${op}: '${typeName(v)}'`);
}

// ---- equality and ordering ------------------------------------------------------------------

export function pyEq(a: PyValue, b: PyValue): boolean {
  if (a === b) return !(typeof a === 'number' && Number.isNaN(a));
  if (a === null || b === null) {
    const inst = a instanceof PyInstance ? a : b instanceof PyInstance ? b : null;
    if (inst) return instanceEq(inst, inst === a ? b : a) ?? false;
    return false;
  }
  const ta = typeof a;
  const tb = typeof b;
  if (ta !== 'object' && tb !== 'object') {
    if (isNumber(a) && isNumber(b)) {
      if (typeof a === 'number' || typeof b === 'number') return toNumber(a) === toNumber(b);
      return toBigInt(a) === toBigInt(b);
    }
    return false;
  }
  if (a instanceof PyInstance) {
    const r = instanceEq(a, b);
    if (r !== undefined) return r;
  }
  if (b instanceof PyInstance) {
    const r = instanceEq(b, a);
    if (r !== undefined) return r;
  }
  if (a instanceof PyList && b instanceof PyList) return seqEq(a.items, b.items);
  if (a instanceof PyTuple && b instanceof PyTuple) return seqEq(a.items, b.items);
  if (a instanceof PyDict && b instanceof PyDict) {
    if (a.size !== b.size) return false;
    for (const [k, v] of a.items()) {
      const o = b.get(k);
      if (o === undefined || !pyEq(v, o)) return false;
    }
    return true;
  }
  if (a instanceof PySet && b instanceof PySet) {
    if (a.entries.size !== b.entries.size) return false;
    for (const v of a.values()) if (!b.has(v)) return false;
    return true;
  }
  if (a instanceof PyBytes && b instanceof PyBytes) {
    if (a.bytes.length !== b.bytes.length) return false;
    for (let i = 0; i < a.bytes.length; i++) if (a.bytes[i] !== b.bytes[i]) return false;
    return true;
  }
  if (a instanceof PyBoundMethod && b instanceof PyBoundMethod) return a.self === b.self && a.func === b.func;
  return false;
}

function instanceEq(a: PyInstance, b: PyValue): boolean | undefined {
  const m = a.cls.lookup('__eq__');
  if (m instanceof PyFunction || m instanceof PyBuiltin) {
    const r = callValue(m, [a, b]);
    if (r !== NotImplemented) return truthy(r);
  }
  const hook = a.cls.hook('eq');
  if (hook) return hook(a, b);
  if (a.cls === rangeClass && b instanceof PyInstance && b.cls === rangeClass) {
    const x = a.native as RangeNative;
    const y = b.native as RangeNative;
    return x.start === y.start && x.stop === y.stop && x.step === y.step;
  }
  return undefined;
}

function seqEq(a: readonly PyValue[], b: readonly PyValue[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!pyEq(a[i], b[i])) return false;
  return true;
}

const CMP_DUNDER: Record<string, [string, string]> = {
  '<': ['__lt__', '__gt__'],
  '<=': ['__le__', '__ge__'],
  '>': ['__gt__', '__lt__'],
  '>=': ['__ge__', '__le__'],
};
const SWAPPED: Record<string, '<' | '<=' | '>' | '>='> = { '<': '>', '<=': '>=', '>': '<', '>=': '<=' };

/** Ordering comparison `<`, `<=`, `>`, `>=` with Python's TypeError for unorderable types. */
export function compareOp(op: '<' | '<=' | '>' | '>=', a: PyValue, b: PyValue): boolean {
  if (isNumber(a) && isNumber(b)) {
    if (typeof a === 'number' || typeof b === 'number') {
      const x = toNumber(a);
      const y = toNumber(b);
      return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
    }
    const x = toBigInt(a);
    const y = toBigInt(b);
    return op === '<' ? x < y : op === '<=' ? x <= y : op === '>' ? x > y : x >= y;
  }
  if (typeof a === 'string' && typeof b === 'string') {
    return op === '<' ? a < b : op === '<=' ? a <= b : op === '>' ? a > b : a >= b;
  }
  if ((a instanceof PyList && b instanceof PyList) || (a instanceof PyTuple && b instanceof PyTuple)) {
    const x = a.items;
    const y = (b as PyList | PyTuple).items;
    const n = Math.min(x.length, y.length);
    for (let i = 0; i < n; i++) {
      if (!pyEq(x[i], y[i])) return compareOp(op, x[i], y[i]);
    }
    return compareOp(op, BigInt(x.length), BigInt(y.length));
  }
  if (a instanceof PySet && b instanceof PySet) {
    const sub = (p: PySet, q: PySet): boolean => p.values().every((v) => q.has(v));
    switch (op) {
      case '<=':
        return sub(a, b);
      case '>=':
        return sub(b, a);
      case '<':
        return sub(a, b) && a.entries.size < b.entries.size;
      case '>':
        return sub(b, a) && b.entries.size < a.entries.size;
    }
  }
  if (a instanceof PyInstance) {
    const m = a.cls.lookup(CMP_DUNDER[op][0]);
    if (m !== undefined) {
      const r = callValue(bindFound(m, a, a.cls), [b]);
      if (r !== NotImplemented) return truthy(r);
    }
    const hook = a.cls.hook('compare');
    if (hook) {
      const r = hook(op, a, b);
      if (r !== undefined) return r;
    }
  }
  if (b instanceof PyInstance) {
    const m = b.cls.lookup(CMP_DUNDER[op][1]);
    if (m !== undefined) {
      const r = callValue(bindFound(m, b, b.cls), [a]);
      if (r !== NotImplemented) return truthy(r);
    }
    const hook = b.cls.hook('compare');
    if (hook) {
      const r = hook(SWAPPED[op], b, a);
      if (r !== undefined) return r;
    }
  }
  throw err('TypeError', `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`);
}

/** A total order for sorted()/min()/max() built on `<`. */
export function lessThan(a: PyValue, b: PyValue): boolean {
  return compareOp('<', a, b);
}

// ---- truthiness, length, iteration ----------------------------------------------------------

export function truthy(v: PyValue): boolean {
  if (v === null) return false;
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0 && !Number.isNaN(v) ? true : Number.isNaN(v);
    case 'string':
      return v.length > 0;
  }
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length > 0;
  if (v instanceof PyDict) return v.size > 0;
  if (v instanceof PySet) return v.entries.size > 0;
  if (v instanceof PyBytes) return v.bytes.length > 0;
  if (v instanceof PyInstance) {
    const cls = v.cls;
    const b = cls.lookup('__bool__');
    if (b !== undefined) {
      const r = callValue(bindFound(b, v, cls), []);
      if (typeof r !== 'boolean') throw err('TypeError', `__bool__ should return bool, returned ${typeName(r)}`);
      return r;
    }
    const hook = cls.hook('truthy');
    if (hook) return hook(v);
    if (cls.lookup('__len__') !== undefined || cls.hook('len')) return len(v) > 0;
    if (cls === rangeClass) return len(v) > 0;
    if (cls === dictKeysClass || cls === dictValuesClass || cls === dictItemsClass) return (v.native as DictViewNative).dict.size > 0;
  }
  return true;
}

export function len(v: PyValue): number {
  if (typeof v === 'string') return [...v].length;
  if (v instanceof PyList || v instanceof PyTuple) return v.items.length;
  if (v instanceof PyDict) return v.size;
  if (v instanceof PySet) return v.entries.size;
  if (v instanceof PyBytes) return v.bytes.length;
  if (v instanceof PyInstance) {
    const cls = v.cls;
    const m = cls.lookup('__len__');
    if (m !== undefined) {
      const r = callValue(bindFound(m, v, cls), []);
      if (typeof r !== 'bigint') throw err('TypeError', `'${typeName(r)}' object cannot be interpreted as an integer`);
      if (r < 0n) throw err('ValueError', '__len__() should return >= 0');
      return Number(r);
    }
    const hook = cls.hook('len');
    if (hook) return hook(v);
    if (cls === rangeClass) return Number(rangeLength(v.native as RangeNative));
    if (cls === dictKeysClass || cls === dictValuesClass || cls === dictItemsClass) return (v.native as DictViewNative).dict.size;
  }
  if (v instanceof PyClass) {
    const hook = v.hook('iterClass');
    if (hook) return [...hook(v)].length;
  }
  throw err('TypeError', `object of type '${typeName(v)}' has no len()`);
}

export function rangeLength(r: RangeNative): bigint {
  if (r.step > 0n) return r.stop > r.start ? (r.stop - r.start + r.step - 1n) / r.step : 0n;
  return r.start > r.stop ? (r.start - r.stop - r.step - 1n) / -r.step : 0n;
}

function* listIter(items: PyValue[]): Generator<PyValue> {
  for (let i = 0; i < items.length; i++) yield items[i];
}

function* rangeIter(r: RangeNative): Generator<PyValue> {
  if (r.step > 0n) for (let i = r.start; i < r.stop; i += r.step) yield i;
  else for (let i = r.start; i > r.stop; i += r.step) yield i;
}

function* protocolIter(it: PyValue): Generator<PyValue> {
  for (;;) {
    let v: PyValue;
    try {
      v = nextValue(it);
    } catch (e) {
      if (e instanceof PyException && e.type === 'StopIteration') return;
      throw e;
    }
    yield v;
  }
}

/** `next(it)`: raises StopIteration when exhausted. */
export function nextValue(it: PyValue): PyValue {
  if (it instanceof PyInstance && it.native && (it.cls === iteratorClass || it.cls === generatorClass)) {
    const r = (it.native as IteratorNative).it.next();
    if (r.done) throw new PyException('StopIteration', '');
    return r.value;
  }
  const m = typeOf(it).lookup('__next__');
  if (m === undefined) throw err('TypeError', `'${typeName(it)}' object is not an iterator`);
  return callValue(bindFound(m, it, typeOf(it)), []);
}

export function makeIterator(it: Iterator<PyValue>, cls: PyClass = iteratorClass, name?: string): PyInstance {
  return new PyInstance(cls, { it, name } satisfies IteratorNative);
}

/** Python's `iter(v)` as a JavaScript iterable. */
export function iterate(v: PyValue): Iterable<PyValue> {
  if (typeof v === 'string') return v;
  if (v instanceof PyList) return listIter(v.items);
  if (v instanceof PyTuple) return v.items;
  if (v instanceof PyDict) return v.keys();
  if (v instanceof PySet) return v.values();
  if (v instanceof PyBytes) return Array.from(v.bytes, (b) => BigInt(b));
  if (v instanceof PyInstance) {
    const cls = v.cls;
    if (cls === iteratorClass || cls === generatorClass) {
      const it = (v.native as IteratorNative).it;
      return { [Symbol.iterator]: () => it };
    }
    if (cls === rangeClass) return rangeIter(v.native as RangeNative);
    if (cls === dictKeysClass) return (v.native as DictViewNative).dict.keys();
    if (cls === dictValuesClass) return (v.native as DictViewNative).dict.values();
    if (cls === dictItemsClass) return (v.native as DictViewNative).dict.items().map((p) => new PyTuple(p));
    const m = cls.lookup('__iter__');
    if (m !== undefined) {
      const it = callValue(bindFound(m, v, cls), []);
      if (it instanceof PyInstance && (it.cls === iteratorClass || it.cls === generatorClass)) return iterate(it);
      return protocolIter(it);
    }
    const hook = cls.hook('iter');
    if (hook) return hook(v);
    const gi = cls.lookup('__getitem__');
    if (gi !== undefined) {
      return (function* () {
        for (let i = 0n; ; i++) {
          try {
            yield callValue(bindFound(gi, v, cls), [i]);
          } catch (e) {
            if (e instanceof PyException && (e.type === 'IndexError' || e.type === 'StopIteration')) return;
            throw e;
          }
        }
      })();
    }
  }
  if (v instanceof PyClass) {
    const hook = v.hook('iterClass');
    if (hook) return hook(v);
    throw err('TypeError', `'type' object is not iterable`);
  }
  throw err('TypeError', `'${typeName(v)}' object is not iterable`);
}

export function toArray(v: PyValue): PyValue[] {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  return [...iterate(v)];
}

// ---- indexing -------------------------------------------------------------------------------

export function makeSlice(start: PyValue, stop: PyValue, step: PyValue): PyInstance {
  return new PyInstance(sliceClass, { start, stop, step } satisfies SliceNative);
}

export function isSlice(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.cls === sliceClass;
}

/** Normalised slice indices for a sequence of `length` (Python's slice.indices). */
export function sliceIndices(s: SliceNative, length: number): [number, number, number] {
  const idx = (v: PyValue, name: string): number | null => {
    if (v === null) return null;
    if (typeof v === 'bigint' || typeof v === 'boolean') return Number(toBigInt(v));
    const r = v instanceof PyInstance ? callMethodIfDefined(v, '__index__', []) : undefined;
    if (typeof r === 'bigint') return Number(r);
    void name;
    throw err('TypeError', 'slice indices must be integers or None or have an __index__ method');
  };
  const step = idx(s.step, 'step') ?? 1;
  if (step === 0) throw err('ValueError', 'slice step cannot be zero');
  let start = idx(s.start, 'start');
  let stop = idx(s.stop, 'stop');
  if (step > 0) {
    start = start === null ? 0 : start < 0 ? Math.max(0, start + length) : Math.min(start, length);
    stop = stop === null ? length : stop < 0 ? Math.max(0, stop + length) : Math.min(stop, length);
  } else {
    start = start === null ? length - 1 : start < 0 ? Math.max(-1, start + length) : Math.min(start, length - 1);
    stop = stop === null ? -1 : stop < 0 ? Math.max(-1, stop + length) : Math.min(stop, length - 1);
  }
  return [start, stop, step];
}

function sliceItems<T>(items: readonly T[], s: SliceNative): T[] {
  const [start, stop, step] = sliceIndices(s, items.length);
  const out: T[] = [];
  if (step > 0) for (let i = start; i < stop; i += step) out.push(items[i]);
  else for (let i = start; i > stop; i += step) out.push(items[i]);
  return out;
}

function seqIndex(key: PyValue, length: number, what: string): number {
  if (typeof key !== 'bigint' && typeof key !== 'boolean') {
    const r = key instanceof PyInstance ? callMethodIfDefined(key, '__index__', []) : undefined;
    if (typeof r === 'bigint') key = r;
    else throw err('TypeError', `${what} indices must be integers or slices, not ${typeName(key)}`);
  }
  let i = Number(toBigInt(key as bigint | boolean));
  if (i < 0) i += length;
  if (i < 0 || i >= length) throw err('IndexError', `${what} index out of range`);
  return i;
}

export function getItem(obj: PyValue, key: PyValue): PyValue {
  if (obj instanceof PyDict) {
    const v = obj.get(key);
    if (v === undefined) {
      if (obj.defaultFactory !== undefined && obj.defaultFactory !== null) {
        checkHashable(key);
        const made = callValue(obj.defaultFactory, []);
        obj.set(key, made);
        return made;
      }
      if (obj.pyClass?.name === 'Counter') return 0n;
      throw keyError(key);
    }
    return v;
  }
  if (obj instanceof PyList || obj instanceof PyTuple) {
    const what = obj instanceof PyList ? 'list' : 'tuple';
    if (isSlice(key)) {
      const items = sliceItems(obj.items, key.native as SliceNative);
      return obj instanceof PyList ? new PyList(items) : new PyTuple(items);
    }
    return obj.items[seqIndex(key, obj.items.length, what)];
  }
  if (typeof obj === 'string') {
    const chars = [...obj];
    if (isSlice(key)) return sliceItems(chars, key.native as SliceNative).join('');
    return chars[seqIndex(key, chars.length, 'string')];
  }
  if (obj instanceof PyBytes) {
    if (isSlice(key)) return new PyBytes(Uint8Array.from(sliceItems(Array.from(obj.bytes), key.native as SliceNative)));
    return BigInt(obj.bytes[seqIndex(key, obj.bytes.length, 'index')]);
  }
  if (obj instanceof PyInstance) {
    const cls = obj.cls;
    const m = cls.lookup('__getitem__');
    if (m !== undefined) return callValue(bindFound(m, obj, cls), [key]);
    const hook = cls.hook('getItem');
    if (hook) {
      const r = hook(obj, key);
      if (r !== undefined) return r;
    }
    if (cls === rangeClass) {
      const r = obj.native as RangeNative;
      const n = Number(rangeLength(r));
      if (isSlice(key)) {
        const [start, stop, step] = sliceIndices(key.native as SliceNative, n);
        const B = BigInt;
        return new PyInstance(rangeClass, {
          start: r.start + B(start) * r.step,
          stop: r.start + B(stop) * r.step,
          step: r.step * B(step),
        } satisfies RangeNative);
      }
      return r.start + BigInt(seqIndex(key, n, 'range object')) * r.step;
    }
  }
  if (obj instanceof PyClass) {
    const hook = obj.hook('getClassItem');
    if (hook) {
      const r = hook(obj, key);
      if (r !== undefined) return r;
    }
    const cgi = obj.lookup('__class_getitem__');
    if (cgi !== undefined) return callValue(cgi instanceof PyInstance ? (cgi.native as WrapperNative).func : cgi, [obj, key]);
    // Generic aliases such as list[int] in annotations: return the class itself.
    if (obj.module === 'builtins' || obj.module === 'typing') return obj;
    throw err('TypeError', `type '${obj.name}' is not subscriptable`);
  }
  if (obj instanceof PyClass || obj === null || typeof obj !== 'object' || obj instanceof PyFunction || obj instanceof PyBuiltin) {
    throw err('TypeError', `'${typeName(obj)}' object is not subscriptable`);
  }
  throw err('TypeError', `'${typeName(obj)}' object is not subscriptable`);
}

export function keyError(key: PyValue): PyException {
  const e = new PyException('KeyError', pyRepr(key));
  e.value = new PyInstance(builtinKeyErrorClass(), { args: new PyTuple([key]) } satisfies ExceptionNative);
  return e;
}

let keyErrorCls: PyClass | null = null;
function builtinKeyErrorClass(): PyClass {
  if (!keyErrorCls) keyErrorCls = exceptionClassByName('KeyError');
  return keyErrorCls;
}

function exceptionClassByName(name: string): PyClass {
  return builtinExceptionClass(name) ?? baseExceptionClass;
}

export function setItem(obj: PyValue, key: PyValue, value: PyValue): void {
  if (obj instanceof PyDict) {
    checkHashable(key);
    obj.set(key, value);
    return;
  }
  if (obj instanceof PyList) {
    if (isSlice(key)) {
      const s = key.native as SliceNative;
      const [start, stop, step] = sliceIndices(s, obj.items.length);
      const vals = toArray(value);
      if (step === 1) {
        obj.items.splice(start, Math.max(0, stop - start), ...vals);
        return;
      }
      const idxs: number[] = [];
      if (step > 0) for (let i = start; i < stop; i += step) idxs.push(i);
      else for (let i = start; i > stop; i += step) idxs.push(i);
      if (idxs.length !== vals.length) {
        throw err('ValueError', `attempt to assign sequence of size ${vals.length} to extended slice of size ${idxs.length}`);
      }
      idxs.forEach((i, j) => (obj.items[i] = vals[j]));
      return;
    }
    obj.items[seqIndex(key, obj.items.length, 'list assignment')] = value;
    return;
  }
  if (obj instanceof PyInstance) {
    const m = obj.cls.lookup('__setitem__');
    if (m !== undefined) {
      callValue(bindFound(m, obj, obj.cls), [key, value]);
      return;
    }
    const hook = obj.cls.hook('setItem');
    if (hook && hook(obj, key, value)) return;
  }
  throw err('TypeError', `'${typeName(obj)}' object does not support item assignment`);
}

export function delItem(obj: PyValue, key: PyValue): void {
  if (obj instanceof PyDict) {
    if (!obj.delete(key)) throw keyError(key);
    return;
  }
  if (obj instanceof PyList) {
    if (isSlice(key)) {
      const [start, stop, step] = sliceIndices(key.native as SliceNative, obj.items.length);
      const drop = new Set<number>();
      if (step > 0) for (let i = start; i < stop; i += step) drop.add(i);
      else for (let i = start; i > stop; i += step) drop.add(i);
      obj.items = obj.items.filter((_, i) => !drop.has(i));
      return;
    }
    obj.items.splice(seqIndex(key, obj.items.length, 'list assignment'), 1);
    return;
  }
  if (obj instanceof PyInstance) {
    const m = obj.cls.lookup('__delitem__');
    if (m !== undefined) {
      callValue(bindFound(m, obj, obj.cls), [key]);
      return;
    }
    const hook = obj.cls.hook('delItem');
    if (hook && hook(obj, key)) return;
  }
  throw err('TypeError', `'${typeName(obj)}' object doesn't support item deletion`);
}

export function contains(container: PyValue, item: PyValue): boolean {
  if (typeof container === 'string') {
    if (typeof item !== 'string') throw err('TypeError', `'in <string>' requires string as left operand, not ${typeName(item)}`);
    return container.includes(item);
  }
  if (container instanceof PyDict) {
    checkHashable(item);
    return container.has(item);
  }
  if (container instanceof PySet) {
    checkHashable(item);
    return container.has(item);
  }
  if (container instanceof PyList || container instanceof PyTuple) return container.items.some((x) => x === item || pyEq(x, item));
  if (container instanceof PyBytes) {
    if (typeof item === 'bigint') return container.bytes.includes(Number(item));
    if (item instanceof PyBytes) return bytesToLatin1(container.bytes).includes(bytesToLatin1(item.bytes));
  }
  if (container instanceof PyInstance) {
    const cls = container.cls;
    const m = cls.lookup('__contains__');
    if (m !== undefined) return truthy(callValue(bindFound(m, container, cls), [item]));
    const hook = cls.hook('contains');
    if (hook) {
      const r = hook(container, item);
      if (r !== undefined) return r;
    }
    if (cls === dictKeysClass) return (container.native as DictViewNative).dict.has(item);
    if (cls === rangeClass && (typeof item === 'bigint' || typeof item === 'boolean')) {
      const r = container.native as RangeNative;
      const x = toBigInt(item);
      if (r.step > 0n ? x < r.start || x >= r.stop : x > r.start || x <= r.stop) return false;
      return (x - r.start) % r.step === 0n;
    }
  }
  let items: Iterable<PyValue>;
  try {
    items = iterate(container);
  } catch (e) {
    // CPython reports any TypeError from getting the iterator this way.
    if (e instanceof PyException && e.type === 'TypeError') throw err('TypeError', `argument of type '${typeName(container)}' is not iterable`);
    throw e;
  }
  for (const x of items) if (x === item || pyEq(x, item)) return true;
  return false;
}

export function bytesToLatin1(b: Uint8Array): string {
  let s = '';
  for (const c of b) s += String.fromCharCode(c);
  return s;
}

/** TypeError for unhashable dict keys / set members. */
export function checkHashable(v: PyValue): void {
  if (v instanceof PyList || v instanceof PyDict || (v instanceof PySet && !v.frozen)) {
    throw err('TypeError', `unhashable type: '${typeName(v)}'`);
  }
  if (v instanceof PyTuple) for (const x of v.items) checkHashable(x);
  if (v instanceof PyInstance && v.cls.lookup('__eq__') instanceof PyFunction && v.cls.lookup('__hash__') === null) {
    throw err('TypeError', `unhashable type: '${typeName(v)}'`);
  }
}

export function pyHash(v: PyValue): bigint {
  checkHashable(v);
  if (typeof v === 'bigint') return v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__hash__');
    if (m instanceof PyFunction) return toIndex(callValue(m, [v]));
  }
  const key = hashKey(v);
  let h = 0;
  for (let i = 0; i < key.length; i++) h = (Math.imul(h, 31) + key.charCodeAt(i)) | 0;
  return BigInt(h);
}

// ---- isinstance -----------------------------------------------------------------------------

export function isInstance(v: PyValue, cls: PyClass): boolean {
  const t = typeOf(v);
  if (t === cls || t.isSubclassOf(cls)) return true;
  const check = cls.lookup('__instancecheck__');
  if (check !== undefined && cls.module !== 'builtins') return truthy(callValue(check, [cls, v]));
  return false;
}

export { boolClass, Ellipsis, NotImplemented, exceptionPrintedName };

setInstanceHashHook((v) => {
  const m = v.cls.lookup('__hash__');
  if (m instanceof PyFunction) return 'h:' + String(callValue(m, [v]));
  return undefined;
});
