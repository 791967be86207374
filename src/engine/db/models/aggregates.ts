// Aggregates (django.db.models.aggregates): Count, Sum, Avg, Max, Min as Python classes, how they
// resolve against a query (joins for `Count('comments')`), their default aliases
// (`views_count__sum`) and how their results come back as Python values.

import { PyException, PyInstance, type PyValue } from '../../python/values';
import { pyStr, truthy } from '../../python/index';
import { BaseExpression, Expression } from './expressions';
import { nativeClass } from '../../utils/py';
import { AGGREGATE_RESOLVER, LOOKUP_SEP, type Expr, type Query } from './sql/query';
import { decimalFromDb, fromDb } from './sql/values';
import type { SqlValue } from '../../project';

const MODULE = 'django.db.models.aggregates';
const SQL_FN: Record<string, string> = { Count: 'COUNT', Sum: 'SUM', Avg: 'AVG', Max: 'MAX', Min: 'MIN' };

function aggClass(name: string) {
  const cls = nativeClass(name, MODULE, [BaseExpression], {
    construct(c, args, kwargs) {
      if (args.length !== 1) throw new PyException('TypeError', `${name} requires exactly one expression`);
      return new PyInstance(c, new Expression(name, `django.db.models.${name}`, [...args], new Map(kwargs)));
    },
    repr(self) {
      const e = self.native as Expression;
      const a = e.args[0];
      const inner = typeof a === 'string' ? (a === '*' ? "'*'" : `F(${a})`) : pyStr(a);
      const d = e.kwargs.get('distinct');
      return `${name}(${inner}${d !== undefined && truthy(d) ? ', distinct=True' : ''})`;
    },
  });
  return cls;
}

export const AGGREGATES: Record<string, PyValue> = {
  Count: aggClass('Count'),
  Sum: aggClass('Sum'),
  Avg: aggClass('Avg'),
  Max: aggClass('Max'),
  Min: aggClass('Min'),
};

export function isAggregate(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.native instanceof Expression && v.native.kind in SQL_FN;
}

/** The alias aggregate()/annotate() give an aggregate passed positionally. */
export function defaultAlias(v: PyValue): string {
  if (!isAggregate(v)) throw new PyException('TypeError', 'Complex aggregates require an alias');
  const e = v.native as Expression;
  const a = e.args[0];
  if (typeof a === 'string') return `${a}__${e.kind.toLowerCase()}`;
  if (a instanceof PyInstance && a.native instanceof Expression && a.native.kind === 'F') return `${pyStr(a.native.args[0])}__${e.kind.toLowerCase()}`;
  throw new PyException('TypeError', 'Complex aggregates require an alias');
}

AGGREGATE_RESOLVER.resolve = (q: Query, e: Expression, canReuse): Expr | undefined => {
  const fn = SQL_FN[e.kind];
  if (!fn) return undefined;
  const a = e.args[0];
  const distinct = truthy(e.kwargs.get('distinct') ?? false);
  let arg: Expr | null;
  if (a === '*' && e.kind === 'Count') arg = null;
  else if (typeof a === 'string') {
    if (q.annotations.has(a)) arg = { t: 'ref', name: a, expr: q.annotations.get(a)! };
    else {
      const res = q.setupJoins(a.split(LOOKUP_SEP), canReuse, { failOnMissing: true });
      if (res.rest.length) throw new PyException('django.core.exceptions.FieldError', `Cannot resolve keyword '${res.rest[0]}' into field.`);
      arg = res.col;
    }
  } else arg = q.resolveExpr(a, canReuse, false, true);
  const field = arg && arg.t === 'col' ? arg.field : null;
  const sourceType = field?.getInternalType() ?? '';
  return { t: 'agg', fn, arg, distinct, field: e.kind === 'Count' ? null : field, sourceType: `${e.kind}:${sourceType}` };
};

/** The Python value of an aggregate's result. */
export function convertAggregate(expr: Expr, v: SqlValue): PyValue {
  if (expr.t === 'ref') return convertAggregate(expr.expr, v);
  if (expr.t !== 'agg') return fromDb(null, v);
  const [kind, source] = expr.sourceType.split(':');
  if (kind === 'Count') return v === null ? 0n : BigInt(Number(v));
  if (v === null) return null;
  if (source === 'DecimalField') {
    if (kind === 'Sum' || kind === 'Avg') return decimalFromDb(v, null);
    return fromDb(expr.field, v);
  }
  if (kind === 'Avg') return typeof v === 'bigint' ? Number(v) : Number(v);
  if (source === 'FloatField') return Number(v);
  return fromDb(expr.field, v);
}
