// Field.get_db_prep_save for SQLite: the value a field's Python default becomes in the database
// (Decimal and dates as text, booleans as 1/0, UUIDs as 32 hex digits, JSON as json.dumps text,
// aware datetimes as naive UTC).

import { PyBytes, PyDict, PyException, PyInstance, PyList, PySet, PyTuple, type PyValue } from '../../../python/values';
import { pyRepr } from '../../../python/protocol';
import { choicesMemberValue } from '../../models/enums';
import type { SchemaField } from '../base/types';
import { optsOf } from '../base/types';

function clsName(v: unknown): string {
  return v instanceof PyInstance ? v.cls.name : '';
}

function instanceStr(v: PyInstance): string {
  const str = v.cls.hook('str') ?? v.cls.hook('repr');
  if (str) return str(v);
  const native = v.native as { toString?: () => string } | undefined;
  return native?.toString ? native.toString() : '';
}

/** 'YYYY-MM-DD HH:MM:SS[.ffffff][+HH:MM]' -> naive UTC text, as adapt_datetimefield_value does with USE_TZ. */
export function naiveUtc(text: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})(\.\d+)?(?:([+-])(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(text);
  if (!m || !m[8]) return text;
  const sign = m[8] === '-' ? -1 : 1;
  const offsetMin = sign * (Number(m[9]) * 60 + Number(m[10]));
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) - offsetMin * 60000;
  const d = new Date(t);
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(d.getUTCFullYear(), 4)}-${p(d.getUTCMonth() + 1)}-${p(d.getUTCDate())} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())}${m[7] ?? ''}`;
}

/** json.dumps(value) with Python's default separators and ensure_ascii. */
export function pyJsonDumps(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isNaN(v)) return 'NaN';
    if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
    return Number.isInteger(v) && Math.abs(v) < 1e16 ? `${v}.0` : String(v);
  }
  if (typeof v === 'string') {
    let out = '"';
    for (const ch of v) {
      const c = ch.codePointAt(0)!;
      if (ch === '"') out += '\\"';
      else if (ch === '\\') out += '\\\\';
      else if (ch === '\n') out += '\\n';
      else if (ch === '\r') out += '\\r';
      else if (ch === '\t') out += '\\t';
      else if (ch === '\b') out += '\\b';
      else if (ch === '\f') out += '\\f';
      else if (c < 0x20 || c > 0x7e) {
        if (c > 0xffff) {
          const hi = Math.floor((c - 0x10000) / 0x400) + 0xd800;
          const lo = ((c - 0x10000) % 0x400) + 0xdc00;
          out += `\\u${hi.toString(16).padStart(4, '0')}\\u${lo.toString(16).padStart(4, '0')}`;
        } else out += `\\u${c.toString(16).padStart(4, '0')}`;
      } else out += ch;
    }
    return out + '"';
  }
  if (v instanceof PyList || v instanceof PyTuple) return `[${v.items.map(pyJsonDumps).join(', ')}]`;
  if (v instanceof PyDict) {
    return `{${v
      .items()
      .map(([k, val]) => `${pyJsonDumps(typeof k === 'string' ? k : k === null ? 'null' : typeof k === 'boolean' ? String(k) : String(k))}: ${pyJsonDumps(val)}`)
      .join(', ')}}`;
  }
  if (v instanceof PyInstance) return pyJsonDumps(instanceStr(v));
  return pyJsonDumps(String(v));
}

/** The database value of `value` for `field` (Field.get_db_prep_save on SQLite). */
export function prepForDb(field: SchemaField, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  let internal = field.getInternalType();
  if ((internal === 'ForeignKey' || internal === 'OneToOneField') && field.remoteField) {
    const target = field.targetField ?? optsOf(field.remoteField.model).pk;
    if (target) return prepForDb(target, value);
    internal = 'BigIntegerField';
  }
  const name = clsName(value);
  if (INT_TYPES.has(internal)) {
    checkNumber(field, true, value);
    if (typeof value === 'number' && Number.isFinite(value)) return BigInt(Math.trunc(value));
    if (typeof value === 'boolean') return value ? 1n : 0n;
    if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return BigInt(value.trim());
    return value;
  }
  if (internal === 'FloatField') checkNumber(field, false, value);
  switch (internal) {
    case 'BooleanField':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'bigint') return value !== 0n;
      if (typeof value === 'number') return value !== 0;
      if (typeof value === 'string') return ['t', 'true', '1'].includes(value.toLowerCase()) ? true : value;
      return value;
    case 'FloatField':
      if (typeof value === 'bigint') return Number(value);
      if (typeof value === 'string' && value.trim() !== '' && !Number.isNaN(Number(value))) return Number(value);
      if (name === 'Decimal') return Number(instanceStr(value as PyInstance));
      return value;
    case 'DecimalField':
      if (typeof value === 'bigint') return value.toString();
      if (typeof value === 'number') return String(value);
      if (name === 'Decimal') return instanceStr(value as PyInstance);
      return value;
    case 'DateTimeField':
      if (name === 'datetime') return naiveUtc(instanceStr(value as PyInstance));
      if (name === 'date') return `${instanceStr(value as PyInstance)} 00:00:00`;
      return typeof value === 'string' ? naiveUtc(value) : value;
    case 'DateField':
      if (name === 'datetime') return naiveUtc(instanceStr(value as PyInstance)).slice(0, 10);
      if (name === 'date') return instanceStr(value as PyInstance);
      return value;
    case 'TimeField':
      if (name === 'time') return instanceStr(value as PyInstance);
      return value;
    case 'UUIDField':
      if (name === 'UUID') return instanceStr(value as PyInstance).replace(/-/g, '');
      if (typeof value === 'string') return value.replace(/-/g, '').toLowerCase();
      if (typeof value === 'bigint') return value.toString(16).padStart(32, '0');
      return value;
    case 'JSONField':
      return pyJsonDumps(value);
    case 'DurationField':
      if (name === 'timedelta') {
        const n = (value as PyInstance).native as { totalMicroseconds?: () => bigint; microseconds?: number } | undefined;
        if (n?.totalMicroseconds) return n.totalMicroseconds();
      }
      return value;
    case 'BinaryField':
      if (value instanceof PyBytes) return value.bytes;
      if (typeof value === 'string') return new TextEncoder().encode(value);
      return value;
    case 'CharField':
    case 'TextField':
    case 'SlugField':
    case 'EmailField':
    case 'URLField':
    case 'FilePathField':
    case 'FileField':
    case 'ImageField':
    case 'GenericIPAddressField':
    case 'IPAddressField':
      if (typeof value === 'string') return value;
      if (typeof value === 'bigint') return value.toString();
      if (value instanceof PyInstance) return instanceStr(value);
      if (typeof value === 'boolean') return value ? 'True' : 'False';
      return value;
    default:
      if (value instanceof PySet) return value;
      return value;
  }
}

const INT_TYPES = new Set([
  'AutoField', 'BigAutoField', 'SmallAutoField', 'IntegerField', 'BigIntegerField', 'SmallIntegerField',
  'PositiveIntegerField', 'PositiveBigIntegerField', 'PositiveSmallIntegerField',
]);

/**
 * IntegerField/FloatField.get_prep_value: int() or float() of the value, or its ValueError
 * (TypeError for a value that is not a string) naming the field.
 */
function checkNumber(field: SchemaField, isInt: boolean, given: unknown): void {
  const value = choicesMemberValue(given as PyValue);
  const bad = (type: string) => new PyException(type, `Field '${field.name}' expected a number but got ${pyRepr(given as PyValue)}.`);
  if (typeof value === 'string') {
    const ok = isInt ? /^\s*[+-]?\d+\s*$/.test(value) : value.trim() !== '' && !Number.isNaN(Number(value));
    if (!ok) throw bad('ValueError');
  } else if (value instanceof PyInstance ? value.cls.name !== 'Decimal' : value instanceof PyList || value instanceof PyTuple || value instanceof PyDict || value instanceof PySet) {
    throw bad('TypeError');
  }
}

export type { PyValue };
