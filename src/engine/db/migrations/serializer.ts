// Turns values into the Python source text a migration file holds, with the imports that
// text needs — the rules of Django 5.2's django/db/migrations/serializer.py.
//
// Values are Python values (see python/values.ts) or engine objects that deconstruct:
//   - fields:     deconstruct() -> [name, path, args, kwargs]
//   - managers:   deconstruct() -> [asManager, managerPath, querysetPath, args, kwargs]
//   - operations: instances of migrations' Operation (written by the OperationWriter)
//   - everything else that deconstructs (Index, constraints, Q, F, validators...):
//                 deconstruct() -> [path, args, kwargs]
// A Python object (PyInstance) is looked at through its `native` TypeScript object when it has
// one. kwargs may be a Map or a plain object.

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
  type PyValue,
} from '../../python/values';
import { pyReprStr } from '../../core/management/pyrepr';
import { hasNativePackage } from '../../python/native';

export type Serialized = [string, Set<string>];

/** What the OperationWriter needs from an operation (kept here to avoid an import cycle). */
export interface SerializableOperation {
  readonly isMigrationOperation: true;
}

let operationWriter: ((op: SerializableOperation, indentation: number) => Serialized) | undefined;
/** The writer registers itself so operations nested in operations (SeparateDatabaseAndState) serialize. */
export function registerOperationWriter(f: (op: SerializableOperation, indentation: number) => Serialized): void {
  operationWriter = f;
}

const DOCS_VERSION = '5.2';

// ------------------------------------------------------------------------------------------
// Python-level helpers

/** The TypeScript object behind a value: PyInstance.native, else the value itself. */
function nativeOf(v: unknown): unknown {
  if (v instanceof PyInstance) return v.native;
  return v;
}

function classChain(v: PyInstance): PyClass[] {
  return v.cls.mro;
}

function hasBase(v: PyInstance, module: string, name: string): boolean {
  return classChain(v).some((c) => c.name === name && c.module === module);
}

function hasBaseNamed(v: PyInstance, ...names: string[]): boolean {
  return classChain(v).some((c) => names.includes(c.name) && (c.module === 'enum' || c.module.startsWith('django.')));
}

function nativeRepr(v: PyInstance): string | undefined {
  const r = v.cls.hook('repr');
  return r ? r(v) : undefined;
}

/** Python's repr() for the values a migration file can hold. */
export function reprValue(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return floatRepr(v);
  if (typeof v === 'string') return pyReprStr(v);
  if (v instanceof PyBytes) return bytesRepr(v.bytes);
  if (v instanceof PyTuple) {
    const items = v.items.map(reprValue);
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
  }
  if (v instanceof PyList) return `[${v.items.map(reprValue).join(', ')}]`;
  if (Array.isArray(v)) return `[${v.map(reprValue).join(', ')}]`;
  if (v instanceof PyDict) return `{${v.items().map(([k, x]) => `${reprValue(k)}: ${reprValue(x)}`).join(', ')}}`;
  if (v instanceof PySet) {
    const items = v.values().map(reprValue);
    if (v.frozen) return items.length ? `frozenset({${items.join(', ')}})` : 'frozenset()';
    return items.length ? `{${items.join(', ')}}` : 'set()';
  }
  if (v instanceof PyClass) return `<class '${v.module === 'builtins' ? '' : v.module + '.'}${v.qualname}'>`;
  if (v instanceof PyFunction) return `<function ${v.qualname} at 0x7f0000000000>`;
  if (v instanceof PyBuiltin) return `<built-in function ${v.name}>`;
  if (v instanceof PyModule) return moduleRepr(v);
  if (v instanceof PyInstance) {
    const r = nativeRepr(v);
    if (r !== undefined) return r;
    const n = v.native as { repr?: () => string } | undefined;
    if (n && typeof n.repr === 'function') return n.repr();
    return `<${v.cls.module}.${v.cls.qualname} object at 0x7f0000000000>`;
  }
  const n = v as { repr?: () => string };
  if (n && typeof n.repr === 'function') return n.repr();
  return String(v);
}

/** Modules CPython builds in or freezes: repr() says so instead of naming a file. */
const BUILT_IN_MODULES = new Set(['builtins', 'sys', 'math', 'itertools', 'time', '_io', 'marshal', 'errno']);
const FROZEN_MODULES: Record<string, string> = { os: 'os', 'os.path': 'posixpath', posixpath: 'posixpath', codecs: 'codecs', abc: 'abc', stat: 'stat', io: 'io' };

/** repr() of a module: where Python would have loaded it from (Django from dist-packages). */
function moduleRepr(m: PyModule): string {
  const file = m.dict.get('__file__');
  if (typeof file === 'string') return `<module '${m.name}' from '${file}'>`;
  const frozen = FROZEN_MODULES[m.name];
  if (frozen) return `<module '${frozen}' (frozen)>`;
  if (BUILT_IN_MODULES.has(m.name)) return `<module '${m.name}' (built-in)>`;
  const path = m.name.replace(/\./g, '/');
  const isPackage = m.dict.has('__path__') || hasNativePackage(m.name);
  const root = m.name === 'django' || m.name.startsWith('django.') ? '/usr/lib/python3/dist-packages' : '/usr/lib/python3.11';
  return `<module '${m.name}' from '${root}/${path}${isPackage ? '/__init__.py' : '.py'}'>`;
}

/** repr() of a Python float: shortest round-trip digits, exponent outside 1e-4 .. 1e16. */
export function floatRepr(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  if (x === 0) return Object.is(x, -0) ? '-0.0' : '0.0';
  const sign = x < 0 ? '-' : '';
  const [mant, expStr] = Math.abs(x).toExponential().split('e');
  const digits = mant.replace('.', '');
  const exp = Number(expStr);
  const decpt = exp + 1;
  if (decpt <= -4 || decpt > 16) {
    const e = exp < 0 ? '-' + String(-exp).padStart(2, '0') : '+' + String(exp).padStart(2, '0');
    return sign + digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + e;
  }
  if (decpt <= 0) return sign + '0.' + '0'.repeat(-decpt) + digits;
  if (decpt >= digits.length) return sign + digits + '0'.repeat(decpt - digits.length) + '.0';
  return sign + digits.slice(0, decpt) + '.' + digits.slice(decpt);
}

export function bytesRepr(bytes: Uint8Array): string {
  let hasSingle = false;
  let hasDouble = false;
  for (const b of bytes) {
    if (b === 0x27) hasSingle = true;
    if (b === 0x22) hasDouble = true;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  let out = 'b' + quote;
  for (const b of bytes) {
    const ch = String.fromCharCode(b);
    if (ch === quote || ch === '\\') out += '\\' + ch;
    else if (b === 0x09) out += '\\t';
    else if (b === 0x0a) out += '\\n';
    else if (b === 0x0d) out += '\\r';
    else if (b < 0x20 || b >= 0x7f) out += '\\x' + b.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + quote;
}

/** Python's `<` for sorting dict keys and kwargs (TypeError across unrelated types). */
export function pyCompare(a: unknown, b: unknown): number {
  const num = (v: unknown): number | bigint | undefined =>
    typeof v === 'boolean' ? (v ? 1 : 0) : typeof v === 'number' || typeof v === 'bigint' ? v : undefined;
  const na = num(a);
  const nb = num(b);
  if (na !== undefined && nb !== undefined) {
    if (typeof na === 'bigint' && typeof nb === 'bigint') return na < nb ? -1 : na > nb ? 1 : 0;
    const x = Number(na);
    const y = Number(nb);
    return x < y ? -1 : x > y ? 1 : 0;
  }
  if (typeof a === 'string' && typeof b === 'string') return strCompare(a, b);
  if (a instanceof PyTuple && b instanceof PyTuple) {
    const n = Math.min(a.items.length, b.items.length);
    for (let i = 0; i < n; i++) {
      const c = pyCompare(a.items[i], b.items[i]);
      if (c) return c;
    }
    return a.items.length - b.items.length;
  }
  throw new PyException('TypeError', `'<' not supported between instances of '${typeLabel(b)}' and '${typeLabel(a)}'`);
}

function typeLabel(v: unknown): string {
  if (v === null) return 'NoneType';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'bigint') return 'int';
  if (typeof v === 'number') return 'float';
  if (typeof v === 'boolean') return 'bool';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyList) return 'list';
  if (v instanceof PyInstance) return v.cls.name;
  return 'object';
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Python's str ordering (code points). */
export function strCompare(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order is code point order unless a surrogate pair is involved.
  if (!SURROGATE.test(a) && !SURROGATE.test(b)) return a < b ? -1 : 1;
  const A = [...a];
  const B = [...b];
  const n = Math.min(A.length, B.length);
  for (let i = 0; i < n; i++) {
    const x = A[i].codePointAt(0)!;
    const y = B[i].codePointAt(0)!;
    if (x !== y) return x - y;
  }
  return A.length - B.length;
}

function kwargsEntries(kwargs: unknown): [string, unknown][] {
  if (!kwargs) return [];
  if (kwargs instanceof Map) return [...kwargs.entries()];
  if (kwargs instanceof PyDict) return kwargs.items().map(([k, v]) => [String(k), v]);
  return Object.entries(kwargs as Record<string, unknown>);
}

function argsList(args: unknown): unknown[] {
  if (!args) return [];
  if (Array.isArray(args)) return args;
  if (args instanceof PyTuple || args instanceof PyList) return [...args.items];
  return [];
}

// ------------------------------------------------------------------------------------------
// Serializers

function serializePath(path: string): Serialized {
  const i = path.lastIndexOf('.');
  const module = path.slice(0, i);
  const name = path.slice(i + 1);
  if (module === 'django.db.models') return [`models.${name}`, new Set(['from django.db import models'])];
  return [path, new Set([`import ${module}`])];
}

export function serializeDeconstructed(path: string, args: unknown, kwargs: unknown): Serialized {
  const [name, imports] = serializePath(path);
  const strings: string[] = [];
  for (const a of argsList(args)) {
    const [s, im] = serialize(a);
    strings.push(s);
    for (const x of im) imports.add(x);
  }
  const entries = kwargsEntries(kwargs).sort((p, q) => strCompare(p[0], q[0]));
  for (const [k, v] of entries) {
    const [s, im] = serialize(v);
    for (const x of im) imports.add(x);
    strings.push(`${k}=${s}`);
  }
  return [`${name}(${strings.join(', ')})`, imports];
}

function serializeSequence(items: readonly unknown[], format: (inner: string, n: number) => string): Serialized {
  const imports = new Set<string>();
  const strings: string[] = [];
  for (const item of items) {
    const [s, im] = serialize(item);
    for (const x of im) imports.add(x);
    strings.push(s);
  }
  return [format(strings.join(', '), strings.length), imports];
}

function sortedByRepr(items: readonly unknown[]): unknown[] {
  return items
    .map((v) => [reprValue(v), v] as const)
    .sort((a, b) => strCompare(a[0], b[0]))
    .map((x) => x[1]);
}

function serializeDict(pairs: [unknown, unknown][]): Serialized {
  const imports = new Set<string>();
  const sorted = [...pairs].sort((p, q) => pyCompare(p[0], q[0]) || pyCompare(p[1], q[1]));
  const strings: string[] = [];
  for (const [k, v] of sorted) {
    const [ks, ki] = serialize(k);
    const [vs, vi] = serialize(v);
    for (const x of ki) imports.add(x);
    for (const x of vi) imports.add(x);
    strings.push(`${ks}: ${vs}`);
  }
  return [`{${strings.join(', ')}}`, imports];
}

function serializeFunction(v: PyFunction | PyBuiltin | PyBoundMethod): Serialized {
  if (v instanceof PyBoundMethod) {
    if (v.self instanceof PyClass) {
      const klass = v.self;
      return [`${klass.module}.${klass.qualname}.${v.func.name}`, new Set([`import ${klass.module}`])];
    }
    return serializeFunction(v.func);
  }
  if (v instanceof PyFunction && (v.isLambda || v.name === '<lambda>')) {
    throw new PyException('ValueError', 'Cannot serialize function: lambda');
  }
  const module = v.module;
  const qualname = v.qualname;
  if (!qualname.includes('<')) return [`${module}.${qualname}`, new Set([`import ${module}`])];
  throw new PyException('ValueError', `Could not find function ${v.name} in ${module}.\n`);
}

function serializeType(cls: PyClass): Serialized {
  if (cls.module === 'django.db.models.base' && cls.name === 'Model') return ['models.Model', new Set(['from django.db import models'])];
  if (cls.module === 'builtins' && cls.name === 'NoneType') return ['types.NoneType', new Set(['import types'])];
  if (cls.module === 'builtins') return [cls.name, new Set()];
  return [`${cls.module}.${cls.qualname}`, new Set([`import ${cls.module}`])];
}

function cannotSerialize(v: unknown): never {
  throw new PyException(
    'ValueError',
    `Cannot serialize: ${reprValue(v)}\nThere are some values Django cannot serialize into migration files.\n` +
      `For more, see https://docs.djangoproject.com/en/${DOCS_VERSION}/topics/migrations/#migration-serializing`,
  );
}

type Deconstructs = { deconstruct(): unknown[] };
const deconstructs = (n: unknown): n is Deconstructs =>
  !!n && typeof n === 'object' && typeof (n as { deconstruct?: unknown }).deconstruct === 'function';

/** A value serialized through a reference to a setting (settings.AUTH_USER_MODEL). */
export interface SettingsReferenceLike {
  settingName: string;
}
const isSettingsReference = (n: unknown): n is SettingsReferenceLike =>
  !!n && typeof n === 'object' && typeof (n as { settingName?: unknown }).settingName === 'string';

/** Enum members as the Python layer stores them: `native` {name, value} or instance attributes. */
function enumMember(v: PyInstance): { name: string; value: PyValue } | undefined {
  const n = v.native as { name?: unknown; value?: unknown } | undefined;
  if (n && typeof n === 'object' && typeof n.name === 'string' && 'value' in n) return { name: n.name, value: n.value as PyValue };
  const name = v.dict.get('_name_') ?? v.dict.get('name');
  const value = v.dict.get('_value_') ?? v.dict.get('value');
  if (typeof name === 'string' && value !== undefined) return { name, value };
  return undefined;
}

/** Serializes one value; throws PyException(ValueError) for values Django cannot write. */
export function serialize(value: unknown): Serialized {
  const v = value;
  // Lazy translations become plain strings.
  if (v instanceof PyInstance && (v.cls.name === '__proxy__' || hasBase(v, 'django.utils.functional', 'Promise'))) {
    const s = v.cls.hook('str');
    if (s) return serialize(s(v));
  }
  const n = nativeOf(v);
  if (isSettingsReference(n) && !(v instanceof PyInstance && !n)) {
    return [`settings.${n.settingName}`, new Set(['from django.conf import settings'])];
  }
  if (n && typeof n === 'object' && (n as SerializableOperation).isMigrationOperation === true) {
    if (!operationWriter) throw new Error('operation writer not registered');
    const [s, im] = operationWriter(n as SerializableOperation, 0);
    return [s.replace(/,+$/, ''), im];
  }
  if (v instanceof PyClass) return serializeType(v);
  if (deconstructs(n)) {
    const parts = n.deconstruct();
    if (parts.length === 4) return serializeDeconstructed(parts[1] as string, parts[2], parts[3]);
    if (parts.length === 5) {
      const [asManager, managerPath, qsPath, args, kwargs] = parts as [boolean, string, string, unknown, unknown];
      if (asManager) {
        const [name, imports] = serializePath(qsPath);
        return [`${name}.as_manager()`, imports];
      }
      return serializeDeconstructed(managerPath, args, kwargs);
    }
    return serializeDeconstructed(parts[0] as string, parts[1], parts[2]);
  }
  if (v instanceof PySet) {
    const items = sortedByRepr(v.values());
    if (v.frozen) return serializeSequence(items, (s) => `frozenset([${s}])`);
    return serializeSequence(items, (s, k) => (k ? `{${s}}` : `set(${s})`));
  }
  if (v instanceof PyList) return serializeSequence(v.items, (s) => `[${s}]`);
  if (Array.isArray(v)) return serializeSequence(v, (s) => `[${s}]`);
  if (v instanceof PyTuple) return serializeSequence(v.items, (s, k) => (k === 1 ? `(${s},)` : `(${s})`));
  if (v instanceof PyDict) return serializeDict(v.items());
  if (v instanceof Map) return serializeDict([...v.entries()]);
  if (v instanceof PyInstance) {
    if (hasBase(v, 'django.db.models.enums', 'Choices') || hasBaseNamed(v, 'Choices')) {
      const m = enumMember(v);
      if (m) return serialize(m.value);
    }
    if (hasBase(v, 'enum', 'Enum')) {
      const m = enumMember(v);
      if (m) {
        const module = v.cls.module;
        return [`${module}.${v.cls.qualname}[${pyReprStr(m.name)}]`, new Set([`import ${module}`])];
      }
    }
    const cls = v.cls;
    if (cls.module === 'datetime') {
      if (cls.name === 'datetime') {
        const utc = (v.native as { toUtc?: () => PyInstance } | undefined)?.toUtc?.();
        return [reprValue(utc ?? v), new Set(['import datetime'])];
      }
      if (cls.name === 'date' || cls.name === 'time' || cls.name === 'timedelta') return [reprValue(v), new Set(['import datetime'])];
    }
    if (cls.module === 'decimal' && cls.name === 'Decimal') return [reprValue(v), new Set(['from decimal import Decimal'])];
    if (cls.module === 'functools' && (cls.name === 'partial' || cls.name === 'partialmethod')) {
      const p = v.native as { func: PyValue; args: PyValue[]; keywords: Map<string, PyValue> };
      const [fs, fi] = serialize(p.func);
      const [as, ai] = serialize(new PyTuple(p.args));
      const [ks, ki] = serialize(new PyDict([...p.keywords.entries()]));
      return [`functools.${cls.name}(${fs}, *${as}, **${ks})`, new Set(['import functools', ...fi, ...ai, ...ki])];
    }
    if (cls.module === 'uuid' && cls.name === 'UUID') return [`uuid.${reprValue(v)}`, new Set(['import uuid'])];
    if ((cls.module === 're' && cls.name === 'Pattern') || cls.name === 'RegexObject') {
      const p = v.native as { pattern: PyValue; flags: number | bigint };
      const [ps, pi] = serialize(p.pattern);
      const flags = BigInt(p.flags ?? 0) ^ 32n;
      const args = [ps];
      if (flags) args.push(flags.toString());
      return [`re.compile(${args.join(', ')})`, new Set(['import re', ...pi])];
    }
    if (cls.module === 'builtins' && cls.name === 'range') return [reprValue(v), new Set()];
    if (cls.module === 'pathlib') return [`pathlib.${cls.name.startsWith('Pure') ? '' : 'Pure'}${reprValue(v)}`, new Set(['import pathlib'])];
    const iter = cls.hook('iter');
    if (iter) return serializeSequence([...iter(v)], (s, k) => (k === 1 ? `(${s},)` : `(${s})`));
    cannotSerialize(v);
  }
  if (typeof v === 'number') {
    if (Number.isNaN(v) || !Number.isFinite(v)) return [`float("${floatRepr(v)}")`, new Set()];
    return [floatRepr(v), new Set()];
  }
  if (v === null || v === undefined || typeof v === 'boolean' || typeof v === 'bigint' || typeof v === 'string' || v instanceof PyBytes) {
    return [reprValue(v), new Set()];
  }
  if (v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod) return serializeFunction(v);
  cannotSerialize(v);
}
