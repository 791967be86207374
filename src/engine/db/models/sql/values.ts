// Converting between Python values and SQLite values for the ORM: what a field sends to the
// database (get_db_prep_value) and what comes back (from_db_value and the backend converters).

import { PyInstance, type PyValue } from '../../../python/values';
import { callValue, getNativeModule, getAttr, pyStr } from '../../../python/index';
import type { SqlValue } from '../../../project';
import type { Field } from '../fields/index';
import { metaOf } from '../fields/index';
import { prepForDb } from '../../backends/sqlite3/adapt';
import type { SchemaField } from '../../backends/base/types';

function mod(name: string) {
  const m = getNativeModule(name);
  if (!m) throw new Error(`module ${name} missing`);
  return m;
}

export function pyDecimal(text: string): PyValue {
  return callValue(mod('decimal').dict.get('Decimal')!, [text]);
}

export function isModelInstance(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && metaOf(v.cls) !== undefined;
}

/** The field that actually holds the value in the database (a FK's target field). */
export function valueField(field: Field): Field {
  let f = field;
  for (let i = 0; i < 5 && (f.manyToOne || f.oneToOne) && f.remoteField; i++) {
    const t = (f as unknown as { targetField?: Field }).targetField;
    if (!t) break;
    f = t;
  }
  return f;
}

/** get_db_prep_value: a Python value for `field` as the SQL parameter Django would send. */
export function prepValue(field: Field | null, value: PyValue): PyValue {
  if (value === null) return null;
  if (isModelInstance(value)) {
    const target = field ? valueField(field) : null;
    const attname = target?.attname ?? metaOf(value.cls)!.pk!.attname!;
    value = value.dict.get(attname) ?? null;
    if (value === null) return null;
  }
  if (!field) return value;
  const out = prepForDb(field as unknown as SchemaField, value) as PyValue;
  return out === undefined ? null : out;
}

function toInt(v: SqlValue): PyValue {
  if (v === null) return null;
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : v;
  if (typeof v === 'string' && /^-?\d+$/.test(v)) return BigInt(v);
  return v as unknown as PyValue;
}

function parseDate(text: string): PyValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (!m) return text;
  return callValue(mod('datetime').dict.get('date')!, [BigInt(m[1]), BigInt(m[2]), BigInt(m[3])]);
}

function parseDateTime(text: string, useTz: boolean): PyValue {
  const m = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?/.exec(text);
  if (!m) return parseDate(text);
  const dt = mod('datetime');
  const us = m[7] ? BigInt(m[7].padEnd(6, '0')) : 0n;
  const args: PyValue[] = [BigInt(m[1]), BigInt(m[2]), BigInt(m[3]), BigInt(m[4]), BigInt(m[5]), BigInt(m[6] ?? '0'), us];
  const kwargs = new Map<string, PyValue>();
  if (useTz) kwargs.set('tzinfo', getAttr(dt.dict.get('timezone')!, 'utc'));
  return callValue(dt.dict.get('datetime')!, args, kwargs);
}

function parseTime(text: string): PyValue {
  const m = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,6}))?)?/.exec(text);
  if (!m) return text;
  const us = m[4] ? BigInt(m[4].padEnd(6, '0')) : 0n;
  return callValue(mod('datetime').dict.get('time')!, [BigInt(m[1]), BigInt(m[2]), BigInt(m[3] ?? '0'), us]);
}

/** Decimal from what SQLite returned, quantized to the field's decimal places (Django's converter). */
export function decimalFromDb(v: SqlValue, decimalPlaces: number | null): PyValue {
  if (v === null) return null;
  let text: string;
  if (typeof v === 'number') {
    if (decimalPlaces === null) {
      text = Number.isInteger(v) ? String(v) : Number(v.toPrecision(15)).toPrecision(15);
      if (!Number.isInteger(v)) return pyDecimal(v.toPrecision(15));
    } else text = v.toFixed(decimalPlaces);
  } else if (typeof v === 'bigint') text = decimalPlaces ? `${v}.${'0'.repeat(decimalPlaces)}` : v.toString();
  else {
    text = String(v);
    if (decimalPlaces !== null && /^-?\d+(\.\d+)?$/.test(text)) text = Number(text).toFixed(decimalPlaces);
  }
  return pyDecimal(text);
}

let useTzSetting = true;
export function setUseTz(v: boolean): void {
  useTzSetting = v;
}

/** from_db_value plus SQLite's converters, by internal type. */
export function fromDb(field: Field | null, v: SqlValue): PyValue {
  if (v === null || v === undefined) return null;
  if (!field) return v instanceof Uint8Array ? (v as unknown as PyValue) : toInt(v);
  // A GeneratedField's value converts as its output_field's does.
  const generated = (field as unknown as { outputFieldObject?: Field }).outputFieldObject;
  const f = generated ?? valueField(field);
  switch (f.getInternalType()) {
    case 'AutoField':
    case 'BigAutoField':
    case 'SmallAutoField':
    case 'IntegerField':
    case 'BigIntegerField':
    case 'SmallIntegerField':
    case 'PositiveIntegerField':
    case 'PositiveBigIntegerField':
    case 'PositiveSmallIntegerField':
    case 'DurationField':
      return toInt(v);
    case 'FloatField':
      return typeof v === 'bigint' ? Number(v) : typeof v === 'string' ? Number(v) : (v as number);
    case 'BooleanField':
      return typeof v === 'string' ? v === '1' : Number(v) !== 0;
    case 'DecimalField': {
      const dp = (f as unknown as { decimalPlaces: PyValue }).decimalPlaces;
      return decimalFromDb(v, typeof dp === 'bigint' ? Number(dp) : typeof dp === 'number' ? dp : null);
    }
    case 'DateField':
      return typeof v === 'string' ? parseDate(v) : (v as unknown as PyValue);
    case 'DateTimeField':
      return typeof v === 'string' ? parseDateTime(v, useTzSetting) : (v as unknown as PyValue);
    case 'TimeField':
      return typeof v === 'string' ? parseTime(v) : (v as unknown as PyValue);
    case 'UUIDField':
      return typeof v === 'string' ? callValue(mod('uuid').dict.get('UUID')!, [v]) : (v as unknown as PyValue);
    case 'CharField':
    case 'TextField':
    case 'SlugField':
    case 'EmailField':
    case 'URLField':
      return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : typeof v === "bigint" ? v.toString() : (v as unknown as PyValue);
    default:
      if (typeof v === 'number' && Number.isInteger(v)) return BigInt(v);
      return v as unknown as PyValue;
  }
}

export function displayStr(v: PyValue): string {
  return pyStr(v);
}
