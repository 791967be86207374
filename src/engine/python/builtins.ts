// The `builtins` namespace: functions (print, len, sorted, ...), constructors of the built-in
// types, property/classmethod/staticmethod/super, and the exception classes' behaviour.

import { activity } from './activity';
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
  objectId,
  type Kwargs,
  type PyValue,
} from './values';
import {
  baseExceptionClass,
  boolClass,
  builtinExceptionClass,
  builtinExceptionNames,
  bytesClass,
  classmethodClass,
  dictClass,
  Ellipsis,
  floatClass,
  frozensetClass,
  intClass,
  listClass,
  NotImplemented,
  objectClass,
  propertyClass,
  rangeClass,
  setClass,
  sliceClass,
  staticmethodClass,
  strClass,
  superClass,
  tupleClass,
  typeClass,
  typeOf,
  type ExceptionNative,
  type PropertyNative,
  type RangeNative,
  type SuperNative,
  type WrapperNative,
} from './types';
import {
  callValue,
  checkHashable,
  compareOp,
  err,
  floatRepr,
  getAttr,
  getAttrOrUndefined,
  hasAttr,
  isInstance,
  iterate,
  len,
  lessThan,
  makeIterator,
  makeSlice,
  nextValue,
  pyEq,
  pyHash,
  pyRepr,
  pyStr,
  setAttr,
  superLookup,
  toArray,
  toBigInt,
  toIndex,
  toNumber,
  truthy,
  typeName,
  binaryOp,
  exceptionStr,
} from './protocol';
import { bind, builtin, setClassmethodWrapper, sig } from './native';
import { formatValue } from './format';

export const builtinsDict = new Map<string, PyValue>();

/** Where print() writes: the shell/host sets it; defaults to nowhere. */
let stdoutSink: (text: string) => void = () => {};
export function setStdout(sink: (text: string) => void): void {
  stdoutSink = sink;
}
export function getStdout(): (text: string) => void {
  return stdoutSink;
}
/** Where sys.stderr.write() goes (the shell sets it). */
let stderrSink: (text: string) => void = () => {};
export function setStderr(sink: (text: string) => void): void {
  stderrSink = sink;
}
export function getStderr(): (text: string) => void {
  return stderrSink;
}

function def(name: string, impl: (args: PyValue[], kwargs: Kwargs) => PyValue): PyBuiltin {
  const b = builtin(name, impl);
  builtinsDict.set(name, b);
  return b;
}

function noKw(name: string, kwargs: Kwargs): void {
  if (kwargs.size) throw err('TypeError', `${name}() takes no keyword arguments`);
}

function argCount(name: string, args: PyValue[], min: number, max: number): void {
  if (args.length < min || args.length > max) {
    if (min === max) {
      throw err('TypeError', `${name}() takes exactly ${min === 1 ? 'one argument' : `${min} arguments`} (${args.length} given)`);
    }
    if (args.length < min) throw err('TypeError', `${name} expected at least ${min} argument${min === 1 ? '' : 's'}, got ${args.length}`);
    throw err('TypeError', `${name} expected at most ${max} argument${max === 1 ? '' : 's'}, got ${args.length}`);
  }
}

// ---- print and friends ----------------------------------------------------------------------

const printSig = sig('print', '*values, sep=None, end=None, file=None, flush=False');
def('print', (args, kwargs) => {
  const a = bind(printSig, args, kwargs);
  const sep = a.sep === null ? ' ' : a.sep;
  const end = a.end === null ? '\n' : a.end;
  if (typeof sep !== 'string') throw err('TypeError', `sep must be None or a string, not ${typeName(sep!)}`);
  if (typeof end !== 'string') throw err('TypeError', `end must be None or a string, not ${typeName(end!)}`);
  const text = (a.values as PyTuple).items.map(pyStr).join(sep) + end;
  if (a.file !== null && a.file !== undefined) {
    callValue(getAttr(a.file, 'write'), [text]);
    return null;
  }
  activity.outputs++;
  stdoutSink(text);
  return null;
});

def('len', (args, kwargs) => {
  noKw('len', kwargs);
  argCount('len', args, 1, 1);
  return BigInt(len(args[0]));
});

def('repr', (args) => {
  argCount('repr', args, 1, 1);
  return pyRepr(args[0]);
});

def('ascii', (args) => {
  argCount('ascii', args, 1, 1);
  return pyRepr(args[0]).replace(/[^\x00-\x7f]/g, (c) => {
    const n = c.codePointAt(0)!;
    return n < 256 ? '\\x' + n.toString(16).padStart(2, '0') : n < 65536 ? '\\u' + n.toString(16).padStart(4, '0') : '\\U' + n.toString(16).padStart(8, '0');
  });
});

def('id', (args) => {
  argCount('id', args, 1, 1);
  const v = args[0];
  if (v !== null && typeof v === 'object') return 140000000000000n + BigInt(objectId(v)) * 16n;
  return BigInt(Math.abs(Number(pyHash(v)))) + 9000000n;
});

def('hash', (args) => {
  argCount('hash', args, 1, 1);
  return pyHash(args[0]);
});

def('callable', (args) => {
  argCount('callable', args, 1, 1);
  const v = args[0];
  if (v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod || v instanceof PyClass) return true;
  if (v instanceof PyInstance) return v.cls.lookup('__call__') !== undefined || !!v.cls.hook('call');
  return false;
});

def('chr', (args) => {
  argCount('chr', args, 1, 1);
  const n = Number(toIndex(args[0]));
  if (n < 0 || n > 0x10ffff) throw err('ValueError', 'chr() arg not in range(0x110000)');
  return String.fromCodePoint(n);
});

def('ord', (args) => {
  argCount('ord', args, 1, 1);
  const s = args[0];
  if (typeof s === 'string') {
    const chars = [...s];
    if (chars.length !== 1) throw err('TypeError', `ord() expected a character, but string of length ${chars.length} found`);
    return BigInt(chars[0].codePointAt(0)!);
  }
  if (s instanceof PyBytes && s.bytes.length === 1) return BigInt(s.bytes[0]);
  throw err('TypeError', `ord() expected string of length 1, but ${typeName(s)} found`);
});

def('format', (args) => {
  argCount('format', args, 1, 2);
  return formatValue(args[0], args.length > 1 ? String(args[1]) : '');
});

def('abs', (args) => {
  argCount('abs', args, 1, 1);
  const v = args[0];
  if (typeof v === 'bigint') return v < 0n ? -v : v;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  if (typeof v === 'number') return Math.abs(v);
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__abs__');
    if (m !== undefined) return callValue(m, [v]);
  }
  throw err('TypeError', `bad operand type for abs(): '${typeName(v)}'`);
});

def('round', (args, kwargs) => {
  const a = bind(sig('round', 'number, ndigits=None'), args, kwargs);
  const v = a.number!;
  const nd = a.ndigits;
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__round__');
    if (m !== undefined) return callValue(m, nd === null ? [v] : [v, nd!]);
  }
  if (typeof v === 'bigint' || typeof v === 'boolean') {
    const n = toBigInt(v);
    if (nd === null || toIndex(nd!) >= 0n) return n;
    const p = 10n ** -toIndex(nd!);
    const q = n / p;
    const r = n - q * p;
    let res = q;
    if (2n * (r < 0n ? -r : r) > p || (2n * (r < 0n ? -r : r) === p && q % 2n !== 0n)) res += n < 0n ? -1n : 1n;
    return res * p;
  }
  if (typeof v === 'number') {
    if (nd === null) {
      if (!Number.isFinite(v)) throw err(Number.isNaN(v) ? 'ValueError' : 'OverflowError', Number.isNaN(v) ? 'cannot convert float NaN to integer' : 'cannot convert float infinity to integer');
      return BigInt(roundHalfEven(v));
    }
    const d = Number(toIndex(nd!));
    if (d < 0) return roundHalfEven(v / 10 ** -d) * 10 ** -d;
    return Number(formatValue(v, `.${d}f`));
  }
  throw err('TypeError', `type ${typeName(v)} doesn't define __round__ method`);
});

function roundHalfEven(x: number): number {
  const r = Math.round(x);
  if (Math.abs(x % 1) === 0.5) return 2 * Math.round(x / 2);
  return r;
}

function radix(name: string, base: number, prefix: string): void {
  def(name, (args) => {
    argCount(name, args, 1, 1);
    const n = toIndex(args[0]);
    return (n < 0n ? '-' : '') + prefix + (n < 0n ? -n : n).toString(base);
  });
}
radix('hex', 16, '0x');
radix('oct', 8, '0o');
radix('bin', 2, '0b');

def('divmod', (args) => {
  argCount('divmod', args, 2, 2);
  return new PyTuple([binaryOp('//', args[0], args[1]), binaryOp('%', args[0], args[1])]);
});

def('pow', (args, kwargs) => {
  const a = bind(sig('pow', 'base, exp, mod=None'), args, kwargs);
  const r = binaryOp('**', a.base!, a.exp!);
  if (a.mod !== null) return binaryOp('%', r, a.mod!);
  return r;
});

def('isinstance', (args) => {
  argCount('isinstance', args, 2, 2);
  const check = (c: PyValue): boolean => {
    if (c instanceof PyClass) return isInstance(args[0], c);
    if (c instanceof PyTuple) return c.items.some(check);
    throw err('TypeError', 'isinstance() arg 2 must be a type, a tuple of types, or a union');
  };
  return check(args[1]);
});

def('issubclass', (args) => {
  argCount('issubclass', args, 2, 2);
  const sub = args[0];
  if (!(sub instanceof PyClass)) throw err('TypeError', 'issubclass() arg 1 must be a class');
  const check = (c: PyValue): boolean => {
    if (c instanceof PyClass) return sub.isSubclassOf(c);
    if (c instanceof PyTuple) return c.items.some(check);
    throw err('TypeError', 'issubclass() arg 2 must be a class, a tuple of classes, or a union');
  };
  return check(args[1]);
});

def('hasattr', (args) => {
  argCount('hasattr', args, 2, 2);
  if (typeof args[1] !== 'string') throw err('TypeError', 'attribute name must be string');
  return hasAttr(args[0], args[1]);
});

def('getattr', (args) => {
  argCount('getattr', args, 2, 3);
  const name = args[1];
  if (typeof name !== 'string') throw err('TypeError', `attribute name must be string, not '${typeName(name)}'`);
  if (args.length === 3) {
    try {
      const r = getAttrOrUndefined(args[0], name);
      return r === undefined ? args[2] : r;
    } catch (e) {
      if (e instanceof PyException && e.type === 'AttributeError') return args[2];
      throw e;
    }
  }
  return getAttr(args[0], name);
});

def('setattr', (args) => {
  argCount('setattr', args, 3, 3);
  if (typeof args[1] !== 'string') throw err('TypeError', `attribute name must be string, not '${typeName(args[1])}'`);
  setAttr(args[0], args[1], args[2]);
  return null;
});

def('delattr', (args) => {
  argCount('delattr', args, 2, 2);
  const o = args[0];
  if (o instanceof PyInstance || o instanceof PyModule || o instanceof PyClass) {
    if (!o.dict.delete(String(args[1]))) throw err('AttributeError', String(args[1]));
  }
  return null;
});

def('iter', (args) => {
  argCount('iter', args, 1, 2);
  const it = iterate(args[0])[Symbol.iterator]();
  return makeIterator(it);
});

def('next', (args) => {
  argCount('next', args, 1, 2);
  try {
    return nextValue(args[0]);
  } catch (e) {
    if (args.length > 1 && e instanceof PyException && e.type === 'StopIteration') return args[1];
    throw e;
  }
});

function keyFn(kwargs: Kwargs): ((v: PyValue) => PyValue) | null {
  const key = kwargs.get('key');
  if (key === undefined || key === null) return null;
  return (v) => callValue(key, [v]);
}

/** A stable sort by Python's `<` (what list.sort and sorted do). */
export function sortValues(items: PyValue[], key: ((v: PyValue) => PyValue) | null, reverse: boolean): PyValue[] {
  const keyed = items.map((v, i) => ({ v, k: key ? key(v) : v, i }));
  keyed.sort((a, b) => {
    if (reverse) {
      if (lessThan(b.k, a.k)) return -1;
      if (lessThan(a.k, b.k)) return 1;
    } else {
      if (lessThan(a.k, b.k)) return -1;
      if (lessThan(b.k, a.k)) return 1;
    }
    return a.i - b.i;
  });
  return keyed.map((x) => x.v);
}

def('sorted', (args, kwargs) => {
  if (args.length !== 1) throw err('TypeError', `sorted expected 1 argument, got ${args.length}`);
  for (const k of kwargs.keys()) if (k !== 'key' && k !== 'reverse') throw err('TypeError', `sort() got an unexpected keyword argument '${k}'`);
  return new PyList(sortValues(toArray(args[0]), keyFn(kwargs), truthy(kwargs.get('reverse') ?? false)));
});

def('reversed', (args) => {
  argCount('reversed', args, 1, 1);
  const v = args[0];
  if (v instanceof PyInstance) {
    const m = v.cls.lookup('__reversed__');
    if (m !== undefined) return callValue(m, [v]);
  }
  if (v instanceof PyDict || v instanceof PyList || v instanceof PyTuple || typeof v === 'string' || (v instanceof PyInstance && v.cls === rangeClass)) {
    return makeIterator(toArray(v).reverse()[Symbol.iterator]());
  }
  throw err('TypeError', `'${typeName(v)}' object is not reversible`);
});

def('enumerate', (args, kwargs) => {
  const a = bind(sig('enumerate', 'iterable, start=0'), args, kwargs);
  let i = toIndex(a.start!);
  const src = iterate(a.iterable!);
  return makeIterator(
    (function* () {
      for (const v of src) yield new PyTuple([i++, v]);
    })(),
  );
});

def('zip', (args, kwargs) => {
  const strict = truthy(kwargs.get('strict') ?? false);
  const its = args.map((a) => iterate(a)[Symbol.iterator]());
  return makeIterator(
    (function* () {
      if (its.length === 0) return;
      for (;;) {
        const row: PyValue[] = [];
        for (let i = 0; i < its.length; i++) {
          const r = its[i].next();
          if (r.done) {
            if (strict && i > 0) throw err('ValueError', `zip() argument ${i + 1} is shorter than argument 1`);
            return;
          }
          row.push(r.value);
        }
        yield new PyTuple(row);
      }
    })(),
  );
});

def('map', (args) => {
  if (args.length < 2) throw err('TypeError', 'map() must have at least two arguments.');
  const fn = args[0];
  const its = args.slice(1).map((a) => iterate(a)[Symbol.iterator]());
  return makeIterator(
    (function* () {
      for (;;) {
        const row: PyValue[] = [];
        for (const it of its) {
          const r = it.next();
          if (r.done) return;
          row.push(r.value);
        }
        yield callValue(fn, row);
      }
    })(),
  );
});

def('filter', (args) => {
  argCount('filter', args, 2, 2);
  const fn = args[0];
  const src = iterate(args[1]);
  return makeIterator(
    (function* () {
      for (const v of src) if (fn === null ? truthy(v) : truthy(callValue(fn, [v]))) yield v;
    })(),
  );
});

function minMax(name: 'min' | 'max', args: PyValue[], kwargs: Kwargs): PyValue {
  const key = keyFn(kwargs);
  const items = args.length === 1 ? toArray(args[0]) : args;
  if (args.length === 0) throw err('TypeError', `${name} expected at least 1 argument, got 0`);
  if (items.length === 0) {
    if (kwargs.has('default')) return kwargs.get('default')!;
    throw err('ValueError', `${name}() arg is an empty sequence`);
  }
  let best = items[0];
  let bestKey = key ? key(best) : best;
  for (let i = 1; i < items.length; i++) {
    const k = key ? key(items[i]) : items[i];
    if (name === 'min' ? lessThan(k, bestKey) : lessThan(bestKey, k)) {
      best = items[i];
      bestKey = k;
    }
  }
  return best;
}
def('min', (args, kwargs) => minMax('min', args, kwargs));
def('max', (args, kwargs) => minMax('max', args, kwargs));

def('sum', (args, kwargs) => {
  const a = bind(sig('sum', 'iterable, /, start=0'), args, kwargs);
  let total: PyValue = a.start!;
  if (typeof total === 'string') throw err('TypeError', "sum() can't sum strings [use ''.join(seq) instead]");
  for (const v of iterate(a.iterable!)) total = binaryOp('+', total, v);
  return total;
});

def('any', (args) => {
  argCount('any', args, 1, 1);
  for (const v of iterate(args[0])) if (truthy(v)) return true;
  return false;
});

def('all', (args) => {
  argCount('all', args, 1, 1);
  for (const v of iterate(args[0])) if (!truthy(v)) return false;
  return true;
});

def('vars', (args) => {
  argCount('vars', args, 1, 1);
  return getAttr(args[0], '__dict__');
});

def('dir', (args) => {
  const v = args[0];
  const names = new Set<string>();
  if (v instanceof PyModule || v instanceof PyInstance) for (const k of v.dict.keys()) names.add(k);
  const cls = v instanceof PyClass ? v : typeOf(v);
  for (const c of cls.mro) for (const k of c.dict.keys()) names.add(k);
  return new PyList([...names].sort());
});

const QuitterClass = new PyClass('Quitter', '_sitebuiltins', [objectClass]);
QuitterClass.hooks.repr = (self) => `Use ${self.native as string}() or Ctrl-D (i.e. EOF) to exit`;
QuitterClass.hooks.call = (_self, args) => {
  const inst = new PyInstance(builtinExceptionClass('SystemExit')!, { args: new PyTuple(args.slice(0, 1)) } satisfies ExceptionNative);
  const e = new PyException('SystemExit', args.length ? pyStr(args[0]) : '', undefined, undefined, inst);
  throw e;
};
builtinsDict.set('exit', new PyInstance(QuitterClass, 'exit'));
builtinsDict.set('quit', new PyInstance(QuitterClass, 'quit'));

def('input', () => {
  throw err('EOFError', 'EOF when reading a line');
});

def('open', () => {
  throw err('NotImplementedError', "open() is not supported by the playground's Python interpreter");
});

def('exec', () => {
  throw err('NotImplementedError', "exec() is not supported by the playground's Python interpreter");
});

def('eval', () => {
  throw err('NotImplementedError', "eval() is not supported by the playground's Python interpreter");
});

def('globals', () => {
  throw err('NotImplementedError', "globals() is not supported by the playground's Python interpreter");
});

def('locals', () => {
  throw err('NotImplementedError', "locals() is not supported by the playground's Python interpreter");
});

def('__import__', () => {
  throw err('NotImplementedError', "__import__() is not supported by the playground's Python interpreter");
});

// ---- constructors of the built-in types -----------------------------------------------------

function setConstruct(cls: PyClass, construct: (cls: PyClass, args: PyValue[], kwargs: Kwargs) => PyValue): void {
  cls.hooks.construct = construct;
  builtinsDict.set(cls.name, cls);
}

export function parseIntLiteral(s: string, base: number): bigint | null {
  let t = s.trim().replace(/_/g, '');
  let neg = false;
  if (t.startsWith('-') || t.startsWith('+')) {
    neg = t[0] === '-';
    t = t.slice(1);
  }
  let b = base;
  const prefix = t.slice(0, 2).toLowerCase();
  if ((b === 16 || b === 0) && prefix === '0x') {
    b = 16;
    t = t.slice(2);
  } else if ((b === 8 || b === 0) && prefix === '0o') {
    b = 8;
    t = t.slice(2);
  } else if ((b === 2 || b === 0) && prefix === '0b') {
    b = 2;
    t = t.slice(2);
  } else if (b === 0) b = 10;
  if (!t) return null;
  const digits = '0123456789abcdefghijklmnopqrstuvwxyz'.slice(0, b);
  let n = 0n;
  for (const c of t.toLowerCase()) {
    const d = digits.indexOf(c);
    if (d < 0) return null;
    n = n * BigInt(b) + BigInt(d);
  }
  return neg ? -n : n;
}

setConstruct(intClass, (cls, args, kwargs) => {
  const a = bind(sig('int', 'x=?, /, base=?'), args, kwargs);
  let r: bigint;
  const x = a.x;
  if (x === undefined) r = 0n;
  else if (a.base !== undefined) {
    if (typeof x !== 'string') throw err('TypeError', "int() can't convert non-string with explicit base");
    const p = parseIntLiteral(x, Number(toIndex(a.base)));
    if (p === null) throw err('ValueError', `invalid literal for int() with base ${a.base}: ${pyRepr(x)}`);
    r = p;
  } else if (typeof x === 'bigint') r = x;
  else if (typeof x === 'boolean') r = x ? 1n : 0n;
  else if (typeof x === 'number') {
    if (Number.isNaN(x)) throw err('ValueError', 'cannot convert float NaN to integer');
    if (!Number.isFinite(x)) throw err('OverflowError', 'cannot convert float infinity to integer');
    r = BigInt(Math.trunc(x));
  } else if (typeof x === 'string') {
    const p = parseIntLiteral(x, 10);
    if (p === null || /^\s*[+-]?_|_$|__/.test(x.trim())) throw err('ValueError', `invalid literal for int() with base 10: ${pyRepr(x)}`);
    r = p;
  } else if (x instanceof PyInstance) {
    const m = x.cls.lookup('__int__') ?? x.cls.lookup('__index__');
    if (m === undefined) throw err('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
    r = toIndex(callValue(m, [x]));
  } else {
    throw err('TypeError', `int() argument must be a string, a bytes-like object or a real number, not '${typeName(x)}'`);
  }
  if (cls !== intClass) return subclassOfBuiltin(cls, r);
  return r;
});

/** Instances of Python subclasses of int/str/float carry their builtin value in `native`. */
function subclassOfBuiltin(cls: PyClass, value: PyValue): PyInstance {
  const inst = new PyInstance(cls, { value });
  return inst;
}

export function parseFloatLiteral(s: string): number | null {
  const t = s.trim().replace(/_/g, '').toLowerCase();
  if (/^[+-]?(inf|infinity)$/.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^[+-]?nan$/.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/.test(t)) return null;
  return Number(t);
}

setConstruct(floatClass, (cls, args, kwargs) => {
  noKw('float', kwargs);
  argCount('float', args, 0, 1);
  const x = args[0];
  let r: number;
  if (x === undefined) r = 0;
  else if (typeof x === 'number') r = x;
  else if (typeof x === 'bigint' || typeof x === 'boolean') {
    r = toNumber(x);
    if (!Number.isFinite(r)) throw err('OverflowError', 'int too large to convert to float');
  } else if (typeof x === 'string') {
    const p = parseFloatLiteral(x);
    if (p === null) throw err('ValueError', `could not convert string to float: ${pyRepr(x)}`);
    r = p;
  } else if (x instanceof PyInstance && x.cls.lookup('__float__') !== undefined) {
    r = callValue(x.cls.lookup('__float__')!, [x]) as number;
  } else {
    throw err('TypeError', `float() argument must be a string or a real number, not '${typeName(x)}'`);
  }
  if (cls !== floatClass) return subclassOfBuiltin(cls, r);
  return r;
});

setConstruct(boolClass, (_cls, args, kwargs) => {
  noKw('bool', kwargs);
  argCount('bool', args, 0, 1);
  return args.length ? truthy(args[0]) : false;
});

const strSig = sig('str', 'object=?, encoding=?, errors=?');
setConstruct(strClass, (cls, args, kwargs) => {
  const a = bind(strSig, args, kwargs);
  let r: string;
  if (a.object === undefined) r = '';
  else if (a.object instanceof PyBytes && a.encoding !== undefined) r = new TextDecoder().decode(a.object.bytes);
  else r = pyStr(a.object);
  if (cls !== strClass) return subclassOfBuiltin(cls, r);
  return r;
});

setConstruct(bytesClass, (_cls, args) => {
  const x = args[0];
  if (x === undefined) return new PyBytes(new Uint8Array());
  if (typeof x === 'string') {
    if (args.length < 2) throw err('TypeError', 'string argument without an encoding');
    return new PyBytes(new TextEncoder().encode(x));
  }
  if (typeof x === 'bigint') return new PyBytes(new Uint8Array(Number(x)));
  if (x instanceof PyBytes) return x;
  return new PyBytes(Uint8Array.from(toArray(x).map((v) => Number(toIndex(v)))));
});

setConstruct(listClass, (cls, args, kwargs) => {
  noKw('list', kwargs);
  argCount('list', args, 0, 1);
  const items = args.length ? toArray(args[0]) : [];
  if (cls !== listClass) return subclassOfBuiltin(cls, new PyList(items));
  return new PyList(items);
});

setConstruct(tupleClass, (_cls, args, kwargs) => {
  noKw('tuple', kwargs);
  argCount('tuple', args, 0, 1);
  if (args.length && args[0] instanceof PyTuple) return args[0];
  return new PyTuple(args.length ? toArray(args[0]) : []);
});

export function dictFromArgs(args: PyValue[], kwargs: Kwargs, fname = 'dict'): PyDict {
  if (args.length > 1) throw err('TypeError', `${fname} expected at most 1 argument, got ${args.length}`);
  const d = new PyDict();
  if (args.length) updateDict(d, args[0]);
  for (const [k, v] of kwargs) d.set(k, v);
  return d;
}

export function updateDict(d: PyDict, src: PyValue): void {
  if (src instanceof PyDict) {
    for (const [k, v] of src.items()) d.set(k, v);
    return;
  }
  if (src instanceof PyInstance && src.cls.lookup('keys') !== undefined) {
    for (const k of iterate(callValue(getAttr(src, 'keys'), []))) d.set(k, callValue(getAttr(src, '__getitem__'), [k]));
    return;
  }
  let i = 0;
  for (const item of iterate(src)) {
    const pair = toArray(item);
    if (pair.length !== 2) {
      throw err('ValueError', `dictionary update sequence element #${i} has length ${pair.length}; 2 is required`);
    }
    checkHashable(pair[0]);
    d.set(pair[0], pair[1]);
    i++;
  }
}

setConstruct(dictClass, (cls, args, kwargs) => {
  const d = dictFromArgs(args, kwargs);
  if (cls !== dictClass) d.pyClass = cls;
  return d;
});

setConstruct(setClass, (_cls, args, kwargs) => {
  noKw('set', kwargs);
  argCount('set', args, 0, 1);
  const items = args.length ? toArray(args[0]) : [];
  items.forEach(checkHashable);
  return new PySet(items);
});

setConstruct(frozensetClass, (_cls, args) => {
  argCount('frozenset', args, 0, 1);
  const items = args.length ? toArray(args[0]) : [];
  items.forEach(checkHashable);
  return new PySet(items, true);
});

setConstruct(rangeClass, (_cls, args, kwargs) => {
  noKw('range', kwargs);
  if (args.length === 0) throw err('TypeError', 'range expected at least 1 argument, got 0');
  if (args.length > 3) throw err('TypeError', `range expected at most 3 arguments, got ${args.length}`);
  const n = args.map((a) => toIndex(a));
  const r: RangeNative = args.length === 1 ? { start: 0n, stop: n[0], step: 1n } : { start: n[0], stop: n[1], step: n[2] ?? 1n };
  if (r.step === 0n) throw err('ValueError', 'range() arg 3 must not be zero');
  return new PyInstance(rangeClass, r);
});

setConstruct(sliceClass, (_cls, args) => {
  if (args.length === 1) return makeSlice(null, args[0], null);
  return makeSlice(args[0], args[1], args[2] ?? null);
});

builtinsDict.set('type', typeClass);

setConstruct(objectClass, (cls, args, kwargs) => {
  if ((args.length || kwargs.size) && cls === objectClass) throw err('TypeError', 'object() takes no arguments');
  if (args.length || kwargs.size) throw err('TypeError', `${cls.name}() takes no arguments`);
  return new PyInstance(cls);
});
objectClass.dict.set('__init__', builtin('__init__', (args, kwargs) => {
  const self = args[0];
  if (args.length > 1 || kwargs.size) {
    const cls = self instanceof PyInstance ? self.cls : typeOf(self);
    throw err('TypeError', `${cls.name}() takes no arguments`);
  }
  return null;
}, 'builtins', 'object.__init__'));
// object.__init__ only matters for argument checking; instantiate() reaches construct first for natives.
objectClass.dict.delete('__init__');

// ---- property, classmethod, staticmethod, super ---------------------------------------------

const propertySig = sig('property', 'fget=None, fset=None, fdel=None, doc=None');
setConstruct(propertyClass, (_cls, args, kwargs) => {
  const a = bind(propertySig, args, kwargs);
  return new PyInstance(propertyClass, { fget: a.fget!, fset: a.fset!, fdel: a.fdel!, doc: a.doc! } satisfies PropertyNative);
});
for (const which of ['getter', 'setter', 'deleter'] as const) {
  propertyClass.dict.set(
    which,
    builtin(which, (args) => {
      const self = args[0] as PyInstance;
      const p = { ...(self.native as PropertyNative) };
      if (which === 'getter') p.fget = args[1];
      else if (which === 'setter') p.fset = args[1];
      else p.fdel = args[1];
      return new PyInstance(propertyClass, p);
    }, 'builtins', `property.${which}`),
  );
}
propertyClass.hooks.getAttr = (self, name) => {
  const p = self.native as PropertyNative;
  if (name === 'fget') return p.fget;
  if (name === 'fset') return p.fset;
  if (name === '__doc__') {
    if (p.doc !== null) return p.doc;
    return p.fget !== null ? (getAttrOrUndefined(p.fget, '__doc__') ?? null) : null;
  }
  return undefined;
};

function wrapper(cls: PyClass): void {
  setConstruct(cls, (_c, args, kwargs) => {
    noKw(cls.name, kwargs);
    argCount(cls.name, args, 1, 1);
    return new PyInstance(cls, { func: args[0] } satisfies WrapperNative);
  });
  cls.hooks.getAttr = (self, name) => (name === '__func__' ? (self.native as WrapperNative).func : undefined);
}
wrapper(classmethodClass);
wrapper(staticmethodClass);
setClassmethodWrapper((fn) => new PyInstance(classmethodClass, { func: fn } satisfies WrapperNative));

export const superBuiltin = superClass;
setConstruct(superClass, (_cls, args) => {
  if (args.length === 0) throw err('RuntimeError', 'super(): no arguments');
  const cls = args[0];
  if (!(cls instanceof PyClass)) throw err('TypeError', `super() argument 1 must be a type, not ${typeName(cls)}`);
  return new PyInstance(superClass, { cls, self: args[1] ?? null } satisfies SuperNative);
});
superClass.hooks.getAttr = (self, name) => {
  if (name === '__class__') return undefined;
  const r = superLookup(self.native as SuperNative, name);
  if (r === undefined) throw err('AttributeError', `'super' object has no attribute '${name}'`);
  return r;
};

builtinsDict.set('NotImplemented', NotImplemented);
builtinsDict.set('Ellipsis', Ellipsis);
builtinsDict.set('None', null);
builtinsDict.set('True', true);
builtinsDict.set('False', false);
builtinsDict.set('__name__', 'builtins');
builtinsDict.set('__debug__', true);

// ---- type's own methods ---------------------------------------------------------------------

typeClass.dict.set('mro', builtin('mro', (args) => new PyList((args[0] as PyClass).mro), 'builtins', 'type.mro'));
typeClass.dict.set(
  '__subclasses__',
  builtin('__subclasses__', () => new PyList([]), 'builtins', 'type.__subclasses__'),
);

// ---- exceptions -----------------------------------------------------------------------------

for (const name of builtinExceptionNames) builtinsDict.set(name, builtinExceptionClass(name)!);
builtinsDict.set('IOError', builtinExceptionClass('OSError')!);
builtinsDict.set('EnvironmentError', builtinExceptionClass('OSError')!);

baseExceptionClass.dict.set(
  '__init__',
  builtin('__init__', (args) => {
    const self = args[0];
    if (self instanceof PyInstance) self.native = { args: new PyTuple(args.slice(1)) } satisfies ExceptionNative;
    return null;
  }, 'builtins', 'BaseException.__init__'),
);
baseExceptionClass.hooks.getAttr = (self, name) => {
  if (name === 'args') return ((self.native as ExceptionNative | undefined)?.args) ?? new PyTuple([]);
  if (name === '__cause__' || name === '__context__' || name === '__traceback__') return self.dict.get(name) ?? null;
  return undefined;
};
baseExceptionClass.hooks.setAttr = (self, name, value) => {
  if (name === 'args') {
    self.native = { args: new PyTuple(toArray(value)) } satisfies ExceptionNative;
    return true;
  }
  return false;
};
baseExceptionClass.dict.set(
  'with_traceback',
  builtin('with_traceback', (args) => args[0], 'builtins', 'BaseException.with_traceback'),
);
baseExceptionClass.dict.set(
  'add_note',
  builtin('add_note', () => null, 'builtins', 'BaseException.add_note'),
);
void exceptionStr;

// StopIteration.value, KeyError str, SyntaxError attributes are handled in protocol/types.

export { compareOp, floatRepr, pyEq };
export const builtinsModule = new PyModule('builtins');
for (const [k, v] of builtinsDict) builtinsModule.dict.set(k, v);
