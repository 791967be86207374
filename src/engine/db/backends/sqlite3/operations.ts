// SQLite's DatabaseOperations: quoting names and values, adapting Python values to SQLite.

import type { SqlValue } from '../../../project';
import { PyBytes, PyInstance, type PyValue } from '../../../python/values';

export class DatabaseOperations {
  quoteName(name: string): string {
    if (name.startsWith('"') && name.endsWith('"')) return name;
    return `"${name}"`;
  }

  /** SQLite names have no length limit; index names then use Django's 200. */
  maxNameLength(): number | null {
    return null;
  }

  deferrableSql(): string {
    return ' DEFERRABLE INITIALLY DEFERRED';
  }

  /** Python's `str(value)` for the value types sqlite3 adapts (Decimal, date, datetime, time, UUID). */
  adaptValue(value: unknown): SqlValue {
    if (value === null || value === undefined) return null;
    if (typeof value === 'boolean') return value ? 1 : 0;
    if (typeof value === 'bigint') {
      return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
    }
    if (typeof value === 'number' || typeof value === 'string') return value;
    if (value instanceof Uint8Array) return value;
    if (value instanceof PyBytes) return value.bytes;
    if (value instanceof PyInstance) return pyInstanceStr(value);
    return String(value);
  }

  /** A value written literally into SQL (sqlmigrate's defaults, SQLite's DEFAULT clauses). */
  quoteValue(value: unknown): string {
    if (value instanceof PyInstance) value = pyInstanceStr(value);
    if (typeof value === 'boolean') return value ? '1' : '0';
    if (typeof value === 'bigint') return value.toString();
    if (typeof value === 'number') return pyFloatRepr(value);
    if (typeof value === 'string') return `'${value.replace(/'/g, "''")}'`;
    if (value === null || value === undefined) return 'NULL';
    if (value instanceof PyBytes) value = value.bytes;
    if (value instanceof Uint8Array) {
      return `X'${Array.from(value, (b) => b.toString(16).padStart(2, '0')).join('')}'`;
    }
    throw new Error(`Cannot quote parameter value ${String(value)}`);
  }
}

function pyInstanceStr(v: PyInstance): string {
  const str = v.cls.hook('str') ?? v.cls.hook('repr');
  if (str) return str(v);
  const native = v.native as { toString?: () => string } | undefined;
  return native?.toString ? native.toString() : `<${v.cls.name} object>`;
}

/** Python's repr() of a float. */
export function pyFloatRepr(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (!Number.isFinite(v)) return v > 0 ? 'inf' : '-inf';
  if (Object.is(v, -0)) return '-0.0';
  const abs = Math.abs(v);
  if (abs >= 1e16 || (abs !== 0 && abs < 1e-4)) {
    const [mant, exp] = v.toExponential().split('e');
    const e = Number(exp);
    const sign = e < 0 ? '-' : '+';
    return `${mant}e${sign}${String(Math.abs(e)).padStart(2, '0')}`;
  }
  const s = String(v);
  if (s.includes('e')) {
    // JS switches to exponents below 1e-6; Python only below 1e-4 (handled above).
    return v.toFixed(20).replace(/0+$/, '');
  }
  return Number.isInteger(v) ? `${s}.0` : s;
}

export type PyValueLike = PyValue | unknown;
