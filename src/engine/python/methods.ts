// Methods of the built-in types: str, list, dict, set/frozenset, tuple, bytes, int, float.

import { hashKey as hashKeyOf, PyBuiltin, PyBytes, PyClass, PyDict, PyException, PyInstance, PyList, PySet, PyTuple, type Kwargs, type PyValue } from './values';
import {
  boolClass,
  bytesClass,
  classmethodClass,
  dictClass,
  propertyClass,
  dictItemsClass,
  dictKeysClass,
  dictValuesClass,
  floatClass,
  frozensetClass,
  intClass,
  listClass,
  setClass,
  strClass,
  tupleClass,
  type DictViewNative,
} from './types';
import {
  bytesToLatin1,
  checkHashable,
  contains,
  err,
  floatRepr,
  iterate,
  keyError,
  pyEq,
  pyRepr,
  pyStr,
  toArray,
  toIndex,
  truthy,
  typeName,
  callValue,
  getItem,
  getAttr as getAttrPublic,
} from './protocol';
import { bind, sig, type BoundArgs } from './native';
import { formatValue } from './format';
import { sortValues, updateDict } from './builtins';

function m(cls: PyClass, name: string, signature: string, impl: (self: never, a: BoundArgs) => PyValue): void {
  const s = sig(`${cls.name}.${name}`, signature);
  cls.dict.set(
    name,
    new PyBuiltin(
      name,
      'builtins',
      (args: PyValue[], kwargs: Kwargs) => {
        const self = args[0];
        return impl(self as never, bind(s, args.slice(1), kwargs));
      },
      `${cls.name}.${name}`,
    ),
  );
}

function raw(cls: PyClass, name: string, impl: (self: never, args: PyValue[], kwargs: Kwargs) => PyValue): void {
  cls.dict.set(name, new PyBuiltin(name, 'builtins', (args, kwargs) => impl(args[0] as never, args.slice(1), kwargs), `${cls.name}.${name}`));
}

function str(v: PyValue | undefined, what: string): string {
  if (typeof v !== 'string') throw err('TypeError', `${what} must be str, not ${typeName(v ?? null)}`);
  return v;
}

function optIndex(v: PyValue | undefined, len: number, dflt: number): number {
  if (v === undefined || v === null) return dflt;
  let n = Number(toIndex(v));
  if (n < 0) n = Math.max(0, n + len);
  return Math.min(n, len);
}

// ---- str ------------------------------------------------------------------------------------

m(strClass, 'lower', '', (s: string) => s.toLowerCase());
m(strClass, 'upper', '', (s: string) => s.toUpperCase());
m(strClass, 'casefold', '', (s: string) => s.toLowerCase());
m(strClass, 'title', '', (s: string) => s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_x, p: string, c: string) => p + c.toUpperCase()));
m(strClass, 'capitalize', '', (s: string) => (s ? s[0].toUpperCase() + s.slice(1).toLowerCase() : s));
m(strClass, 'swapcase', '', (s: string) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''));

function stripChars(chars: PyValue | undefined): string | null {
  if (chars === undefined || chars === null) return null;
  return str(chars, 'strip arg');
}
function stripLeft(s: string, chars: string | null): string {
  if (chars === null) return s.replace(/^\s+/, '');
  let i = 0;
  while (i < s.length && chars.includes(s[i])) i++;
  return s.slice(i);
}
function stripRight(s: string, chars: string | null): string {
  if (chars === null) return s.replace(/\s+$/, '');
  let i = s.length;
  while (i > 0 && chars.includes(s[i - 1])) i--;
  return s.slice(0, i);
}
m(strClass, 'strip', 'chars=None, /', (s: string, a) => stripRight(stripLeft(s, stripChars(a.chars)), stripChars(a.chars)));
m(strClass, 'lstrip', 'chars=None, /', (s: string, a) => stripLeft(s, stripChars(a.chars)));
m(strClass, 'rstrip', 'chars=None, /', (s: string, a) => stripRight(s, stripChars(a.chars)));
m(strClass, 'removeprefix', 'prefix, /', (s: string, a) => {
  const p = str(a.prefix, 'removeprefix() argument');
  return p && s.startsWith(p) ? s.slice(p.length) : s;
});
m(strClass, 'removesuffix', 'suffix, /', (s: string, a) => {
  const p = str(a.suffix, 'removesuffix() argument');
  return p && s.endsWith(p) ? s.slice(0, -p.length) : s;
});

function affix(s: string, a: BoundArgs, which: 'startswith' | 'endswith'): boolean {
  const start = optIndex(a.start, s.length, 0);
  const end = optIndex(a.end, s.length, s.length);
  const sub = s.slice(start, end);
  const test = (p: PyValue): boolean => {
    if (typeof p !== 'string') {
      throw err('TypeError', `${which} first arg must be str or a tuple of str, not ${typeName(p)}`);
    }
    return which === 'startswith' ? sub.startsWith(p) : sub.endsWith(p);
  };
  const p = a.prefix!;
  if (p instanceof PyTuple) return p.items.some(test);
  return test(p);
}
m(strClass, 'startswith', 'prefix, start=None, end=None, /', (s: string, a) => affix(s, a, 'startswith'));
m(strClass, 'endswith', 'prefix, start=None, end=None, /', (s: string, a) => affix(s, a, 'endswith'));

function split(s: string, sep: PyValue | undefined, maxsplit: number): string[] {
  if (sep === null || sep === undefined) {
    const out: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest) {
      if (maxsplit >= 0 && out.length === maxsplit) {
        out.push(rest);
        return out;
      }
      const mt = /\s+/.exec(rest);
      if (!mt) {
        out.push(rest);
        break;
      }
      out.push(rest.slice(0, mt.index));
      rest = rest.slice(mt.index + mt[0].length);
    }
    return out;
  }
  const sp = str(sep, 'sep');
  if (sp === '') throw err('ValueError', 'empty separator');
  const parts = s.split(sp);
  if (maxsplit >= 0 && parts.length > maxsplit + 1) return [...parts.slice(0, maxsplit), parts.slice(maxsplit).join(sp)];
  return parts;
}
m(strClass, 'split', 'sep=None, maxsplit=-1', (s: string, a) => new PyList(split(s, a.sep, Number(toIndex(a.maxsplit!)))));
m(strClass, 'rsplit', 'sep=None, maxsplit=-1', (s: string, a) => {
  const max = Number(toIndex(a.maxsplit!));
  if (max < 0) return new PyList(split(s, a.sep, -1));
  const rev = (x: string): string => [...x].reverse().join('');
  const sep = a.sep === null ? null : rev(str(a.sep, 'sep'));
  return new PyList(split(rev(s), sep, max).map(rev).reverse());
});
m(strClass, 'splitlines', 'keepends=False', (s: string, a) => {
  const parts = s.split(/(\r\n|\r|\n)/);
  const out: string[] = [];
  for (let i = 0; i < parts.length; i += 2) {
    if (i === parts.length - 1 && parts[i] === '') break;
    out.push(truthy(a.keepends!) ? parts[i] + (parts[i + 1] ?? '') : parts[i]);
  }
  return new PyList(out);
});
m(strClass, 'join', 'iterable, /', (s: string, a) => {
  const items = toArray(a.iterable!);
  items.forEach((x, i) => {
    if (typeof x !== 'string') throw err('TypeError', `sequence item ${i}: expected str instance, ${typeName(x)} found`);
  });
  return items.join(s);
});
m(strClass, 'replace', 'old, new, count=-1, /', (s: string, a) => {
  const o = str(a.old, 'replace() argument 1');
  const n = str(a.new, 'replace() argument 2');
  let count = Number(toIndex(a.count!));
  if (count < 0) return o === '' ? [...s].join(n).replace(/^/, n) + (s ? n : '') : s.split(o).join(n);
  let out = '';
  let rest = s;
  while (count-- > 0) {
    const i = rest.indexOf(o);
    if (i < 0) break;
    out += rest.slice(0, i) + n;
    rest = rest.slice(i + o.length);
  }
  return out + rest;
});
function findIn(s: string, a: BoundArgs, last: boolean): number {
  const sub = str(a.sub, 'must be str');
  const start = optIndex(a.start, s.length, 0);
  const end = optIndex(a.end, s.length, s.length);
  const hay = s.slice(start, end);
  const i = last ? hay.lastIndexOf(sub) : hay.indexOf(sub);
  return i < 0 ? -1 : i + start;
}
m(strClass, 'find', 'sub, start=None, end=None, /', (s: string, a) => BigInt(findIn(s, a, false)));
m(strClass, 'rfind', 'sub, start=None, end=None, /', (s: string, a) => BigInt(findIn(s, a, true)));
m(strClass, 'index', 'sub, start=None, end=None, /', (s: string, a) => {
  const i = findIn(s, a, false);
  if (i < 0) throw err('ValueError', 'substring not found');
  return BigInt(i);
});
m(strClass, 'rindex', 'sub, start=None, end=None, /', (s: string, a) => {
  const i = findIn(s, a, true);
  if (i < 0) throw err('ValueError', 'substring not found');
  return BigInt(i);
});
m(strClass, 'count', 'sub, start=None, end=None, /', (s: string, a) => {
  const sub = str(a.sub, 'must be str');
  const hay = s.slice(optIndex(a.start, s.length, 0), optIndex(a.end, s.length, s.length));
  if (sub === '') return BigInt(hay.length + 1);
  return BigInt(hay.split(sub).length - 1);
});
m(strClass, 'isdigit', '', (s: string) => /^\d+$/.test(s));
m(strClass, 'isdecimal', '', (s: string) => /^\d+$/.test(s));
m(strClass, 'isnumeric', '', (s: string) => /^\d+$/.test(s));
m(strClass, 'isalpha', '', (s: string) => /^\p{L}+$/u.test(s));
m(strClass, 'isalnum', '', (s: string) => /^[\p{L}\d]+$/u.test(s));
m(strClass, 'isspace', '', (s: string) => /^\s+$/.test(s));
m(strClass, 'islower', '', (s: string) => /[a-z]/.test(s) && s === s.toLowerCase());
m(strClass, 'isupper', '', (s: string) => /[A-Z]/.test(s) && s === s.toUpperCase());
m(strClass, 'isidentifier', '', (s: string) => /^[\p{L}_][\p{L}\d_]*$/u.test(s));
m(strClass, 'istitle', '', (s: string) => /[A-Z]/.test(s) && s === s.toLowerCase().replace(/(^|[^A-Za-z])([a-z])/g, (_x, p: string, c: string) => p + c.toUpperCase()));
m(strClass, 'isascii', '', (s: string) => /^[\x00-\x7f]*$/.test(s));
m(strClass, 'isprintable', '', (s: string) => !/[\x00-\x1f\x7f]/.test(s));
function padArgs(a: BoundArgs): [number, string] {
  const fill = a.fillchar === undefined ? ' ' : str(a.fillchar, 'fillchar');
  if ([...fill].length !== 1) throw err('TypeError', 'The fill character must be exactly one character long');
  return [Number(toIndex(a.width!)), fill];
}
m(strClass, 'center', 'width, fillchar=?, /', (s: string, a) => {
  const [w, f] = padArgs(a);
  const n = w - s.length;
  if (n <= 0) return s;
  const left = Math.floor(n / 2) + (n & w & 1);
  return f.repeat(left) + s + f.repeat(n - left);
});
m(strClass, 'ljust', 'width, fillchar=?, /', (s: string, a) => {
  const [w, f] = padArgs(a);
  return s.length >= w ? s : s + f.repeat(w - s.length);
});
m(strClass, 'rjust', 'width, fillchar=?, /', (s: string, a) => {
  const [w, f] = padArgs(a);
  return s.length >= w ? s : f.repeat(w - s.length) + s;
});
m(strClass, 'zfill', 'width, /', (s: string, a) => {
  const w = Number(toIndex(a.width!));
  if (s.length >= w) return s;
  const sign = s[0] === '-' || s[0] === '+' ? s[0] : '';
  return sign + '0'.repeat(w - s.length) + s.slice(sign.length);
});
m(strClass, 'partition', 'sep, /', (s: string, a) => {
  const sep = str(a.sep, 'sep');
  const i = s.indexOf(sep);
  return i < 0 ? new PyTuple([s, '', '']) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
});
m(strClass, 'rpartition', 'sep, /', (s: string, a) => {
  const sep = str(a.sep, 'sep');
  const i = s.lastIndexOf(sep);
  return i < 0 ? new PyTuple(['', '', s]) : new PyTuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
});
m(strClass, 'encode', "encoding='utf-8', errors='strict'", (s: string) => new PyBytes(new TextEncoder().encode(s)));
m(strClass, 'expandtabs', 'tabsize=8', (s: string, a) => {
  const size = Number(toIndex(a.tabsize!));
  let out = '';
  let col = 0;
  for (const c of s) {
    if (c === '\t') {
      const n = size > 0 ? size - (col % size) : 0;
      out += ' '.repeat(n);
      col += n;
    } else {
      out += c;
      col = c === '\n' || c === '\r' ? 0 : col + 1;
    }
  }
  return out;
});
m(strClass, '__format__', 'spec, /', (s: string, a) => formatValue(s, str(a.spec, 'format spec')));
raw(strClass, 'format', (s: string, args, kwargs) => strFormat(s, args, kwargs));
raw(strClass, 'format_map', (s: string, args) => {
  const d = args[0];
  return strFormat(s, [], d instanceof PyDict ? new Map(d.items().map(([k, v]) => [String(k), v])) : new Map());
});
raw(strClass, 'maketrans', () => {
  throw err('NotImplementedError', "str.maketrans() is not supported by the playground's Python interpreter");
});

/** str.format(): positional/keyword fields, attribute and index lookups, conversions and specs. */
export function strFormat(fmt: string, args: PyValue[], kwargs: Kwargs): string {
  let out = '';
  let auto = 0;
  let i = 0;
  while (i < fmt.length) {
    const c = fmt[i];
    if (c === '{') {
      if (fmt[i + 1] === '{') {
        out += '{';
        i += 2;
        continue;
      }
      let depth = 1;
      let j = i + 1;
      while (j < fmt.length && depth > 0) {
        if (fmt[j] === '{') depth++;
        else if (fmt[j] === '}') depth--;
        if (depth > 0) j++;
      }
      if (j >= fmt.length) throw err('ValueError', "expected '}' before end of string");
      const field = fmt.slice(i + 1, j);
      i = j + 1;
      const mt = /^([^.[!:]*)((?:\.[^.[!:]+|\[[^\]]*\])*)(?:!([rsa]))?(?::(.*))?$/s.exec(field);
      if (!mt) throw err('ValueError', 'Invalid format string');
      const [, head, rest, conv, specRaw] = mt;
      let v: PyValue;
      if (head === '') {
        if (auto >= args.length) throw err('IndexError', `Replacement index ${auto} out of range for positional args tuple`);
        v = args[auto++];
      } else if (/^\d+$/.test(head)) {
        const n = Number(head);
        if (n >= args.length) throw err('IndexError', `Replacement index ${n} out of range for positional args tuple`);
        v = args[n];
      } else {
        const kv = kwargs.get(head);
        if (kv === undefined) throw keyError(head);
        v = kv;
      }
      const accessRe = /\.([^.[]+)|\[([^\]]*)\]/g;
      let am: RegExpExecArray | null;
      while ((am = accessRe.exec(rest))) {
        if (am[1] !== undefined) v = getAttrPublic(v, am[1]);
        else v = getItem(v, /^\d+$/.test(am[2]) ? BigInt(am[2]) : am[2]);
      }
      if (conv === 'r' || conv === 'a') v = pyRepr(v);
      else if (conv === 's') v = pyStr(v);
      const spec = specRaw ? strFormat(specRaw, args.slice(auto), kwargs) : '';
      out += formatValue(v, spec);
      continue;
    }
    if (c === '}') {
      if (fmt[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw err('ValueError', "Single '}' encountered in format string");
    }
    out += c;
    i++;
  }
  return out;
}


// ---- list -----------------------------------------------------------------------------------

m(listClass, 'append', 'object, /', (l: PyList, a) => {
  l.items.push(a.object!);
  return null;
});
m(listClass, 'extend', 'iterable, /', (l: PyList, a) => {
  l.items.push(...toArray(a.iterable!));
  return null;
});
m(listClass, 'insert', 'index, object, /', (l: PyList, a) => {
  let i = Number(toIndex(a.index!));
  if (i < 0) i = Math.max(0, i + l.items.length);
  l.items.splice(Math.min(i, l.items.length), 0, a.object!);
  return null;
});
m(listClass, 'pop', 'index=-1, /', (l: PyList, a) => {
  if (l.items.length === 0) throw err('IndexError', 'pop from empty list');
  let i = Number(toIndex(a.index!));
  if (i < 0) i += l.items.length;
  if (i < 0 || i >= l.items.length) throw err('IndexError', 'pop index out of range');
  return l.items.splice(i, 1)[0];
});
m(listClass, 'remove', 'value, /', (l: PyList, a) => {
  const i = l.items.findIndex((x) => pyEq(x, a.value!));
  if (i < 0) throw err('ValueError', 'list.remove(x): x not in list');
  l.items.splice(i, 1);
  return null;
});
m(listClass, 'index', 'value, start=None, stop=None, /', (l: PyList, a) => {
  const start = optIndex(a.start, l.items.length, 0);
  const stop = optIndex(a.stop, l.items.length, l.items.length);
  for (let i = start; i < stop; i++) if (pyEq(l.items[i], a.value!)) return BigInt(i);
  throw err('ValueError', `${pyRepr(a.value!)} is not in list`);
});
m(listClass, 'count', 'value, /', (l: PyList, a) => BigInt(l.items.filter((x) => pyEq(x, a.value!)).length));
m(listClass, 'clear', '', (l: PyList) => {
  l.items.length = 0;
  return null;
});
m(listClass, 'copy', '', (l: PyList) => new PyList([...l.items]));
m(listClass, 'reverse', '', (l: PyList) => {
  l.items.reverse();
  return null;
});
m(listClass, 'sort', '*, key=None, reverse=False', (l: PyList, a) => {
  const key = a.key;
  const sorted = sortValues(l.items, key === null ? null : (v) => callValue(key!, [v]), truthy(a.reverse!));
  l.items.splice(0, l.items.length, ...sorted);
  return null;
});

// ---- tuple ----------------------------------------------------------------------------------

m(tupleClass, 'index', 'value, start=None, stop=None, /', (t: PyTuple, a) => {
  const start = optIndex(a.start, t.items.length, 0);
  const stop = optIndex(a.stop, t.items.length, t.items.length);
  for (let i = start; i < stop; i++) if (pyEq(t.items[i], a.value!)) return BigInt(i);
  throw err('ValueError', 'tuple.index(x): x not in tuple');
});
m(tupleClass, 'count', 'value, /', (t: PyTuple, a) => BigInt(t.items.filter((x) => pyEq(x, a.value!)).length));

// ---- dict -----------------------------------------------------------------------------------

function view(cls: PyClass, d: PyDict): PyInstance {
  return new PyInstance(cls, { dict: d } satisfies DictViewNative);
}
m(dictClass, 'keys', '', (d: PyDict) => view(dictKeysClass, d));
m(dictClass, 'values', '', (d: PyDict) => view(dictValuesClass, d));
m(dictClass, 'items', '', (d: PyDict) => view(dictItemsClass, d));
m(dictClass, 'get', 'key, default=None, /', (d: PyDict, a) => {
  checkHashable(a.key!);
  const v = d.get(a.key!);
  return v === undefined ? a.default! : v;
});
m(dictClass, 'pop', 'key, default=?, /', (d: PyDict, a) => {
  const v = d.get(a.key!);
  if (v === undefined) {
    if (a.default !== undefined) return a.default;
    throw keyError(a.key!);
  }
  d.delete(a.key!);
  return v;
});
m(dictClass, 'popitem', '', (d: PyDict) => {
  const items = d.items();
  if (!items.length) throw err('KeyError', "'popitem(): dictionary is empty'");
  const [k, v] = items[items.length - 1];
  d.delete(k);
  return new PyTuple([k, v]);
});
m(dictClass, 'setdefault', 'key, default=None, /', (d: PyDict, a) => {
  checkHashable(a.key!);
  const v = d.get(a.key!);
  if (v !== undefined) return v;
  d.set(a.key!, a.default!);
  return a.default!;
});
raw(dictClass, 'update', (d: PyDict, args, kwargs) => {
  if (args.length > 1) throw err('TypeError', `update expected at most 1 argument, got ${args.length}`);
  if (args.length) updateDict(d, args[0]);
  for (const [k, v] of kwargs) d.set(k, v);
  return null;
});
m(dictClass, 'clear', '', (d: PyDict) => {
  d.entries.clear();
  return null;
});
m(dictClass, 'copy', '', (d: PyDict) => new PyDict(d.items()));
dictClass.dict.set(
  'fromkeys',
  new PyInstance(classmethodClass, {
    func: new PyBuiltin('fromkeys', 'builtins', (args) => {
      const d = new PyDict();
      for (const k of iterate(args[1])) d.set(k, args[2] ?? null);
      return d;
    }, 'dict.fromkeys'),
  }),
);

// ---- set / frozenset ------------------------------------------------------------------------

for (const cls of [setClass, frozensetClass]) {
  const frozen = cls === frozensetClass;
  m(cls, 'union', '*others', (s: PySet, a) => {
    const out = new PySet(s.values(), frozen);
    for (const o of (a.others as PyTuple).items) for (const v of iterate(o)) out.add(v);
    return out;
  });
  m(cls, 'intersection', '*others', (s: PySet, a) => {
    let vals = s.values();
    for (const o of (a.others as PyTuple).items) {
      const other = new PySet(toArray(o));
      vals = vals.filter((v) => other.has(v));
    }
    return new PySet(vals, frozen);
  });
  m(cls, 'difference', '*others', (s: PySet, a) => {
    let vals = s.values();
    for (const o of (a.others as PyTuple).items) {
      const other = new PySet(toArray(o));
      vals = vals.filter((v) => !other.has(v));
    }
    return new PySet(vals, frozen);
  });
  m(cls, 'symmetric_difference', 'other, /', (s: PySet, a) => {
    const other = new PySet(toArray(a.other!));
    return new PySet([...s.values().filter((v) => !other.has(v)), ...other.values().filter((v) => !s.has(v))], frozen);
  });
  m(cls, 'issubset', 'other, /', (s: PySet, a) => {
    const other = new PySet(toArray(a.other!));
    return s.values().every((v) => other.has(v));
  });
  m(cls, 'issuperset', 'other, /', (s: PySet, a) => toArray(a.other!).every((v) => s.has(v)));
  m(cls, 'isdisjoint', 'other, /', (s: PySet, a) => !toArray(a.other!).some((v) => s.has(v)));
  m(cls, 'copy', '', (s: PySet) => new PySet(s.values(), frozen));
}
m(setClass, 'add', 'elem, /', (s: PySet, a) => {
  checkHashable(a.elem!);
  s.add(a.elem!);
  return null;
});
m(setClass, 'remove', 'elem, /', (s: PySet, a) => {
  if (!s.entries.delete(hashKeyOf(a.elem!))) throw keyError(a.elem!);
  return null;
});
m(setClass, 'discard', 'elem, /', (s: PySet, a) => {
  s.entries.delete(hashKeyOf(a.elem!));
  return null;
});
m(setClass, 'pop', '', (s: PySet) => {
  const vals = s.values();
  if (!vals.length) throw err('KeyError', "'pop from an empty set'");
  s.entries.delete(hashKeyOf(vals[0]));
  return vals[0];
});
m(setClass, 'clear', '', (s: PySet) => {
  s.entries.clear();
  return null;
});
m(setClass, 'update', '*others', (s: PySet, a) => {
  for (const o of (a.others as PyTuple).items) for (const v of iterate(o)) s.add(v);
  return null;
});
m(setClass, 'difference_update', '*others', (s: PySet, a) => {
  for (const o of (a.others as PyTuple).items) for (const v of iterate(o)) s.entries.delete(hashKeyOf(v));
  return null;
});


// ---- bytes ----------------------------------------------------------------------------------

m(bytesClass, 'decode', "encoding='utf-8', errors='strict'", (b: PyBytes) => {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(b.bytes);
  } catch {
    throw err('UnicodeDecodeError', "'utf-8' codec can't decode bytes");
  }
});
m(bytesClass, 'hex', '', (b: PyBytes) => Array.from(b.bytes, (x) => x.toString(16).padStart(2, '0')).join(''));
m(bytesClass, 'startswith', 'prefix, /', (b: PyBytes, a) => a.prefix instanceof PyBytes && bytesToLatin1(b.bytes).startsWith(bytesToLatin1(a.prefix.bytes)));
m(bytesClass, 'endswith', 'suffix, /', (b: PyBytes, a) => a.suffix instanceof PyBytes && bytesToLatin1(b.bytes).endsWith(bytesToLatin1(a.suffix.bytes)));

// ---- int / float / bool ---------------------------------------------------------------------

m(intClass, 'bit_length', '', (n: bigint | boolean) => {
  const x = typeof n === 'boolean' ? (n ? 1n : 0n) : n;
  return BigInt((x < 0n ? -x : x).toString(2).replace(/^0$/, '').length);
});
m(intClass, 'to_bytes', "length=1, byteorder='big', *, signed=False", () => {
  throw err('NotImplementedError', "int.to_bytes() is not supported by the playground's Python interpreter");
});
m(intClass, '__format__', 'spec, /', (n: bigint, a) => formatValue(n, str(a.spec, 'format spec')));
m(intClass, 'conjugate', '', (n: bigint) => n);
for (const [name, get] of [
  ['real', (n: bigint) => n],
  ['imag', () => 0n],
  ['numerator', (n: bigint) => n],
  ['denominator', () => 1n],
] as [string, (n: bigint) => bigint][]) {
  intClass.dict.set(name, new PyInstance(propertyClass, { fget: new PyBuiltin(name, 'builtins', (a) => get(typeof a[0] === 'boolean' ? (a[0] ? 1n : 0n) : (a[0] as bigint)), `int.${name}`), fset: null, fdel: null, doc: null }));
}
for (const [name, get] of [
  ['real', (x: number) => x],
  ['imag', () => 0],
] as [string, (x: number) => number][]) {
  floatClass.dict.set(name, new PyInstance(propertyClass, { fget: new PyBuiltin(name, 'builtins', (a) => get(a[0] as number), `float.${name}`), fset: null, fdel: null, doc: null }));
}
m(floatClass, 'is_integer', '', (x: number) => Number.isInteger(x));
m(floatClass, 'hex', '', (x: number) => floatRepr(x));
m(floatClass, '__format__', 'spec, /', (x: number, a) => formatValue(x, str(a.spec, 'format spec')));
m(floatClass, 'as_integer_ratio', '', (x: number) => {
  if (!Number.isFinite(x)) throw err('OverflowError', 'cannot convert Infinity to integer ratio');
  let den = 1n;
  let v = x;
  while (!Number.isInteger(v)) {
    v *= 2;
    den *= 2n;
  }
  return new PyTuple([BigInt(v), den]);
});
void boolClass;
void contains;
void PyException;
