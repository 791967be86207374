// Field lookups (django.db.models.lookups) as SQLite renders them: the operator for each
// lookup, LIKE patterns with Django's escaping, IN/BETWEEN/IS NULL, and the date transforms
// (year as a BETWEEN over the year's bounds, month/day via django_date_extract).

import { PyException, type PyValue } from '../../python/values';
import { pyStr } from '../../python/index';
import type { Field } from './fields/index';
import type { Expr, Query } from './sql/query';

export const LOOKUP_NAMES = new Set([
  'exact',
  'iexact',
  'contains',
  'icontains',
  'in',
  'gt',
  'gte',
  'lt',
  'lte',
  'startswith',
  'istartswith',
  'endswith',
  'iendswith',
  'range',
  'isnull',
  'regex',
  'iregex',
]);

export const TRANSFORM_NAMES = new Set(['year', 'month', 'day', 'week_day', 'iso_week_day', 'quarter', 'hour', 'minute', 'second', 'date', 'week', 'iso_year']);

export type Rhs = PyValue | Expr | (PyValue | Expr)[];

export type Condition =
  | { t: 'cond'; lookup: string; lhs: Expr; rhs: Rhs; field: Field | null; transforms: string[]; containsAggregate: boolean }
  | { t: 'exists'; query: Query; containsAggregate: false };

export function buildLookup(lookup: string, lhs: Expr, rhs: Rhs, field: Field | null, transforms: string[] = []): Condition {
  const containsAggregate = exprHasAgg(lhs);
  return { t: 'cond', lookup, lhs, rhs, field, transforms, containsAggregate };
}

function exprHasAgg(e: Expr): boolean {
  if (e.t === 'agg') return true;
  if (e.t === 'comb') return exprHasAgg(e.lhs) || exprHasAgg(e.rhs);
  if (e.t === 'ref') return exprHasAgg(e.expr);
  return false;
}

/** Raised while compiling a condition that can match nothing (`pk__in=[]`). */
export class EmptyResultSet extends Error {}

export function isExpr(v: unknown): v is Expr {
  return typeof v === 'object' && v !== null && 't' in (v as object) && typeof (v as { t: unknown }).t === 'string' && !('items' in (v as object));
}

/** LIKE pattern escaping (Django's prep for contains/startswith on SQLite). */
export function likeEscape(s: string): string {
  return s.replace(/\\/g, '\\\\').replace(/%/g, '\\%').replace(/_/g, '\\_');
}

const OPS: Record<string, string> = {
  exact: '= %s',
  iexact: "LIKE %s ESCAPE '\\'",
  contains: "LIKE %s ESCAPE '\\'",
  icontains: "LIKE %s ESCAPE '\\'",
  regex: 'REGEXP %s',
  iregex: "REGEXP '(?i)' || %s",
  gt: '> %s',
  gte: '>= %s',
  lt: '< %s',
  lte: '<= %s',
  startswith: "LIKE %s ESCAPE '\\'",
  endswith: "LIKE %s ESCAPE '\\'",
  istartswith: "LIKE %s ESCAPE '\\'",
  iendswith: "LIKE %s ESCAPE '\\'",
};

export interface ExprCompiler {
  compileExpr(e: Expr): [string, PyValue[]];
  /** Whether SQL is rendered for display (Django's text) or for sql.js to run. */
  readonly forExecution: boolean;
}

const STRFTIME: Record<string, string> = { year: '%Y', month: '%m', day: '%d', hour: '%H', minute: '%M', second: '%S', week: '%W', week_day: '%w' };

function transformSql(c: ExprCompiler, name: string, lhsSql: string, lhsParams: PyValue[], field: Field | null): [string, PyValue[]] {
  const isDateTime = field?.getInternalType() === 'DateTimeField';
  if (name === 'date') return c.forExecution ? [`DATE(${lhsSql})`, lhsParams] : [`django_datetime_cast_date(${lhsSql}, %s, %s)`, [...lhsParams, 'UTC', 'UTC']];
  if (c.forExecution) {
    const fmt = STRFTIME[name];
    if (!fmt) throw new PyException('NotImplementedError', `The '${name}' transform is not supported in the Migration Playground's ORM`);
    const base = `CAST(STRFTIME('${fmt}', ${lhsSql}) AS INTEGER)`;
    return [name === 'week_day' ? `(${base} + 1)` : base, lhsParams];
  }
  if (isDateTime) return [`django_datetime_extract(%s, ${lhsSql}, %s, %s)`, [name, ...lhsParams, 'UTC', 'UTC']];
  return [`django_date_extract(%s, ${lhsSql})`, [name, ...lhsParams]];
}

/** The SQL of a lookup condition. */
export function conditionSql(c: ExprCompiler, cond: Extract<Condition, { t: 'cond' }>): [string, PyValue[]] {
  let [lhs, lhsParams] = c.compileExpr(cond.lhs);
  const field = cond.field;
  const lookup = cond.lookup;
  // Year on a date column with a plain value: a range over the year's bounds.
  if (cond.transforms.length === 1 && cond.transforms[0] === 'year' && ['exact', 'gt', 'gte', 'lt', 'lte'].includes(lookup) && !isExpr(cond.rhs)) {
    const year = Number(pyStr(cond.rhs as PyValue));
    const isDt = field?.getInternalType() === 'DateTimeField';
    const pad = (n: number) => String(n).padStart(4, '0');
    const first = isDt ? `${pad(year)}-01-01 00:00:00` : `${pad(year)}-01-01`;
    const last = isDt ? `${pad(year)}-12-31 23:59:59.999999` : `${pad(year)}-12-31`;
    switch (lookup) {
      case 'exact':
        return [`${lhs} BETWEEN %s AND %s`, [...lhsParams, first, last]];
      case 'gt':
        return [`${lhs} > %s`, [...lhsParams, last]];
      case 'gte':
        return [`${lhs} >= %s`, [...lhsParams, first]];
      case 'lt':
        return [`${lhs} < %s`, [...lhsParams, first]];
      case 'lte':
        return [`${lhs} <= %s`, [...lhsParams, last]];
    }
  }
  for (const t of cond.transforms) [lhs, lhsParams] = transformSql(c, t, lhs, lhsParams, field);
  const rhs = cond.rhs;
  if (lookup === 'isnull') {
    const v = rhs as PyValue;
    if (typeof v !== 'boolean') throw new PyException('ValueError', 'The QuerySet value for an isnull lookup must be True or False.');
    return [`${lhs} IS ${v ? '' : 'NOT '}NULL`, lhsParams];
  }
  if (lookup === 'in') {
    const items = rhs as (PyValue | Expr)[];
    if (!Array.isArray(items)) {
      // A subquery.
      if (isExpr(items)) {
        const [s, p] = c.compileExpr(items as Expr);
        return [(items as Expr).t === 'subquery' ? `${lhs} IN ${s}` : `${lhs} IN (${s})`, [...lhsParams, ...p]];
      }
      throw new PyException('TypeError', `'${typeof items}' object is not iterable`);
    }
    const seen = new Set<string>();
    const vals: (PyValue | Expr)[] = [];
    for (const v of items) {
      if (v === null) continue;
      const k = isExpr(v) ? Math.random().toString() : typeof v + ':' + String(v);
      if (seen.has(k)) continue;
      seen.add(k);
      vals.push(v);
    }
    if (!vals.length) throw new EmptyResultSet();
    const parts: string[] = [];
    const params: PyValue[] = [...lhsParams];
    for (const v of vals) {
      if (isExpr(v)) {
        const [s, p] = c.compileExpr(v);
        parts.push(s);
        params.push(...p);
      } else {
        parts.push('%s');
        params.push(v);
      }
    }
    return [`${lhs} IN (${parts.join(', ')})`, params];
  }
  if (lookup === 'range') {
    const [a, b] = rhs as (PyValue | Expr)[];
    const params: PyValue[] = [...lhsParams];
    const one = (v: PyValue | Expr): string => {
      if (isExpr(v)) {
        const [s, p] = c.compileExpr(v);
        params.push(...p);
        return s;
      }
      params.push(v);
      return '%s';
    };
    return [`${lhs} BETWEEN ${one(a)} AND ${one(b)}`, params];
  }
  const op = OPS[lookup];
  if (!op) throw new PyException('django.core.exceptions.FieldError', `Unsupported lookup '${lookup}'`);
  if (lookup === 'regex' || lookup === 'iregex') {
    throw new PyException('NotImplementedError', `The '${lookup}' lookup is not supported in the Migration Playground's ORM`);
  }
  if (isExpr(rhs)) {
    const [s, p] = c.compileExpr(rhs as Expr);
    const wrapped = s.startsWith('(') ? s : `(${s})`;
    if (op.startsWith('LIKE')) {
      const pattern =
        lookup === 'contains' || lookup === 'icontains'
          ? `'%%' || ${wrapped} || '%%'`
          : lookup === 'startswith' || lookup === 'istartswith'
            ? `${wrapped} || '%%'`
            : lookup === 'endswith' || lookup === 'iendswith'
              ? `'%%' || ${wrapped}`
              : wrapped;
      return [`${lhs} LIKE ${pattern} ESCAPE '\\'`, [...lhsParams, ...p]];
    }
    return [`${lhs} ${op.replace('%s', wrapped)}`, [...lhsParams, ...p]];
  }
  let value = rhs as PyValue;
  // Boolean columns compared with True/False: the column itself (Django 5.2).
  if (lookup === 'exact' && typeof value === 'boolean' && field?.getInternalType() === 'BooleanField' && !cond.transforms.length) {
    return [value ? lhs : `NOT ${lhs}`, lhsParams];
  }
  if (op.startsWith('LIKE')) {
    const s = likeEscape(pyStr(value));
    value =
      lookup === 'contains' || lookup === 'icontains'
        ? `%${s}%`
        : lookup === 'startswith' || lookup === 'istartswith'
          ? `${s}%`
          : lookup === 'endswith' || lookup === 'iendswith'
            ? `%${s}`
            : s;
  }
  return [`${lhs} ${op}`, [...lhsParams, value]];
}
