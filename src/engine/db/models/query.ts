// django.db.models.query: the lazy QuerySet. Building and chaining (filter, exclude, order_by,
// values, annotate, slicing ...) runs nothing; iterating, len(), bool(), repr() and the
// terminal methods (get, count, exists, first, aggregate, update, delete ...) run SQL through
// the ORM connection, which records each statement. Also the Manager's QuerySet methods and
// the instance operations (save, delete with cascades, refresh_from_db).

import { PyClass, PyDict, PyException, PyInstance, PyList, PyTuple, type Kwargs, type PyValue } from '../../python/values';
import { callValue, getAttr, getItem as pyGetItem, getNativeModule, isInstance, iterate, pyRepr, pyStr, truthy, typeName, toArray } from '../../python/index';
import { fakeAddress } from '../../python/protocol';
import { builtin, nativeClass } from '../../utils/py';
import type { Field } from './fields/index';
import { metaOf, type ModelClass } from './fields/index';
import { ForeignObjectRel } from './fields/reverse_related';
import { Expression, QNode } from './expressions';
import { ManagerClass, Manager } from './manager';
import { CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, DO_NOTHING, SetHandler } from './deletion';
import { Query, ITER, SUBQUERY, LOOKUP_SEP, addSelectRelated, exprContainsAggregate, type QLike, type Expr } from './sql/query';
import { SQLCompiler, insertSql, type CompiledSelect, type RelatedSelection } from './sql/compiler';
import { EmptyResultSet } from './lookups';
import { fromDb, prepValue, isModelInstance } from './sql/values';
import { convertAggregate, defaultAlias, isAggregate } from './aggregates';
import { currentConnection } from '../connection_queries';
import { ORM, instanceFromDb, modelExceptionClasses, raiseIn, stateOf, pkValue, installModelInstances } from './instance';
import type { SqlValue } from '../../project';
import { prefetchRelatedObjects } from './prefetch';

ITER.iterate = (v) => iterate(v);
SUBQUERY.isQuerySet = (v) => v instanceof PyInstance && v.native instanceof QuerySetState;
SUBQUERY.state = (v) => v.native as QuerySetState;

const MAX_GET_RESULTS = 21;
const REPR_OUTPUT_SIZE = 20;

type Mode = 'model' | 'values' | 'values_list' | 'flat';

export class QuerySetState {
  cache: PyValue[] | null = null;
  mode: Mode = 'model';
  /** Filters applied by a related manager (`post.comments`), for create(). */
  relatedFilter: Map<string, PyValue> | null = null;
  /** prefetch_related() lookups, run after the rows are read. */
  prefetch: string[] = [];
  constructor(
    readonly model: ModelClass,
    public query: Query,
  ) {}
  clone(): QuerySetState {
    const c = new QuerySetState(this.model, this.query.clone());
    c.mode = this.mode;
    c.relatedFilter = this.relatedFilter;
    c.prefetch = this.prefetch;
    return c;
  }
}

export function fieldError(msg: string): PyException {
  return new PyException('django.core.exceptions.FieldError', msg);
}

function qsOf(self: PyValue): QuerySetState {
  return (self as PyInstance).native as QuerySetState;
}

export function newQuerySet(model: ModelClass, state?: QuerySetState): PyInstance {
  return new PyInstance(QuerySetClass, state ?? new QuerySetState(model, new Query(model)));
}

function chain(self: PyValue, fn: (s: QuerySetState) => void): PyInstance {
  const s = qsOf(self).clone();
  fn(s);
  return new PyInstance((self as PyInstance).cls, s);
}

// ---- running SQL ----------------------------------------------------------------------------

function compileBoth(query: Query, how: (c: SQLCompiler) => CompiledSelect): { display: CompiledSelect; run: CompiledSelect } {
  const display = how(new SQLCompiler(query.clone(), false));
  const run = how(new SQLCompiler(query.clone(), true));
  return { display, run };
}

function runSelect(query: Query, how: (c: SQLCompiler) => CompiledSelect): { rows: SqlValue[][]; compiled: CompiledSelect } | null {
  let c;
  try {
    c = compileBoth(query, how);
  } catch (e) {
    if (e instanceof EmptyResultSet) return null;
    throw e;
  }
  const res = currentConnection().select(c.display.sql, c.display.params, [c.run.sql, c.run.params]);
  return { rows: res.values, compiled: c.display };
}

function rowsToValues(s: QuerySetState, rows: SqlValue[][], compiled: CompiledSelect): PyValue[] {
  const cols = compiled.columns;
  const convert = (i: number, v: SqlValue): PyValue => {
    const c = cols[i];
    if (c.expr && (c.expr.t === 'agg' || c.expr.t === 'ref')) return convertAggregate(c.expr, v);
    return fromDb(c.field, v);
  };
  if (s.mode === 'model') {
    const opts = metaOf(s.model)!;
    const fields = opts.concreteFields;
    const extra = cols.filter((c) => c.extra).length;
    return rows.map((r) => {
      const vals = new Map<string, PyValue>();
      fields.forEach((f, i) => vals.set(f.attname!, convert(extra + i, r[extra + i])));
      const inst = instanceFromDb(s.model, vals);
      for (let i = 0; i < extra; i++) inst.dict.set(cols[i].alias!, convert(i, r[i]));
      for (let i = extra + fields.length; i < cols.length; i++) if (!cols[i].related) inst.dict.set(cols[i].alias!, convert(i, r[i]));
      if (compiled.related?.length) fillRelated(inst, compiled.related, r, convert);
      return inst;
    });
  }
  if (s.mode === 'values') return rows.map((r) => new PyDict(cols.map((c, i) => [c.alias!, convert(i, r[i])] as [PyValue, PyValue])));
  if (s.mode === 'flat') return rows.map((r) => convert(0, r[0]));
  return rows.map((r) => new PyTuple(r.map((v, i) => convert(i, v))));
}

/** RelatedPopulator: build each select_related() object from its columns and cache it both ways. */
function fillRelated(parent: PyInstance, infos: RelatedSelection[], row: SqlValue[], convert: (i: number, v: SqlValue) => PyValue): void {
  for (const info of infos) {
    const opts = metaOf(info.model)!;
    const vals = new Map<string, PyValue>();
    opts.concreteFields.forEach((f, k) => vals.set(f.attname!, convert(info.start + k, row[info.start + k])));
    const obj = vals.get(opts.pk!.attname!) === null ? null : instanceFromDb(info.model, vals);
    const f = info.field;
    const accessor = f.remoteField!.getAccessorName();
    if (!info.reverse) {
      stateOf(parent).cache.set(f.name!, obj);
      if (obj && f.unique && accessor) stateOf(obj).cache.set(accessor, parent);
    } else {
      if (obj && accessor) stateOf(parent).cache.set(accessor, obj);
      if (obj) stateOf(obj).cache.set(f.name!, parent);
    }
    if (obj) fillRelated(obj, info.children, row, convert);
  }
}

function fetchAll(s: QuerySetState): PyValue[] {
  if (s.cache) return s.cache;
  if (s.query.isEmpty) {
    s.cache = [];
    return s.cache;
  }
  const r = runSelect(s.query, (c) => c.asSelect());
  s.cache = r ? rowsToValues(s, r.rows, r.compiled) : [];
  if (s.prefetch.length && s.mode === 'model') prefetchRelatedObjects(s.cache as PyInstance[], s.prefetch);
  return s.cache;
}

/** A fresh (uncached) clone with limits applied, fetched. */
function fetchSlice(s: QuerySetState, low: number | null, high: number | null): PyValue[] {
  const c = s.clone();
  c.query.setLimits(low, high);
  return fetchAll(c);
}

// ---- filters -------------------------------------------------------------------------------

function qFromArgs(args: PyValue[], kwargs: Kwargs): QLike {
  const children: QLike['children'] = [];
  for (const a of args) {
    if (a instanceof PyInstance && a.native instanceof QNode) children.push(qToLike(a.native));
    else if (a instanceof PyInstance && a.native instanceof Expression) {
      throw new PyException('NotImplementedError', 'Filtering on expressions is not supported in the Migration Playground\'s ORM');
    } else throw new PyException('TypeError', `Cannot filter against a non-conditional expression.`);
  }
  const pairs = [...kwargs].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [k, v] of pairs) children.push([k, v]);
  return { connector: 'AND', negated: false, children };
}

function qToLike(q: QNode): QLike {
  return {
    connector: q.connector,
    negated: q.negated,
    children: q.children.map((c) => {
      if (c instanceof PyTuple) return [pyStr(c.items[0]), c.items[1]] as [string, PyValue];
      if (c instanceof PyInstance && c.native instanceof QNode) return qToLike(c.native);
      throw new PyException('TypeError', `Cannot filter against a non-conditional expression.`);
    }),
  };
}

function filterOrExclude(self: PyValue, negate: boolean, args: PyValue[], kwargs: Kwargs): PyInstance {
  const s = qsOf(self);
  if (s.query.isSliced) throw new PyException('TypeError', 'Cannot filter a query once a slice has been taken.');
  return chain(self, (c) => {
    let q = qFromArgs(args, kwargs);
    if (negate) q = { connector: 'AND', negated: true, children: [q] };
    if (!q.children.length) return;
    c.query.addQ(q);
  });
}

// ---- terminal operations -------------------------------------------------------------------

function get(self: PyValue, args: PyValue[], kwargs: Kwargs): PyValue {
  const s = qsOf(self);
  let c = args.length || kwargs.size ? qsOf(filterOrExclude(self, false, args, kwargs)) : s.clone();
  if (c.query.isSliced && !(args.length || kwargs.size)) {
    // keep limits
  } else if (!c.query.isSliced) {
    c.query.clearOrdering(true);
    c.query.setLimits(null, MAX_GET_RESULTS);
  }
  c.cache = null;
  const rows = fetchAll(c);
  if (rows.length === 1) return rows[0];
  const { dne, mor } = modelExceptionClasses(s.model);
  const name = metaOf(s.model)!.objectName;
  if (!rows.length) raiseIn(dne, `${name} matching query does not exist.`);
  raiseIn(mor, `get() returned more than one ${name} -- it returned ${rows.length === MAX_GET_RESULTS ? 'more than 20' : rows.length}!`);
  void c;
  c = s;
}

function count(s: QuerySetState): bigint {
  if (s.cache) return BigInt(s.cache.length);
  if (s.query.isEmpty) return 0n;
  const r = runSelect(s.query, (c) => c.asCount());
  if (!r) return 0n;
  return BigInt(Number(r.rows[0]?.[0] ?? 0));
}

function exists(s: QuerySetState): boolean {
  if (s.cache) return s.cache.length > 0;
  if (s.query.isEmpty) return false;
  const q = s.query.clone();
  q.clearOrdering(true);
  const r = runSelect(q, (c) => c.asExists());
  return !!r && r.rows.length > 0;
}

function orderedForFirst(s: QuerySetState, reverse: boolean): QuerySetState {
  const c = s.clone();
  const ordering = c.query.effectiveOrdering();
  if (!ordering.length) c.query.ordering = ['pk'];
  if (reverse) c.query.ordering = reverseOrdering(c.query.effectiveOrdering());
  c.cache = null;
  return c;
}

function reverseOrdering(items: (string | PyInstance)[]): (string | PyInstance)[] {
  return items.map((o) => (typeof o === 'string' ? (o.startsWith('-') ? o.slice(1) : `-${o}`) : o));
}

function first(s: QuerySetState, reverse = false): PyValue {
  if (s.query.isSliced) throw new PyException('TypeError', `Cannot ${reverse ? 'reverse a query' : 'use first() on a query'} once a slice has been taken.`);
  const c = orderedForFirst(s, reverse);
  const rows = fetchSlice(c, null, 1);
  return rows[0] ?? null;
}

function aggregate(s: QuerySetState, args: PyValue[], kwargs: Kwargs): PyDict {
  const aggs = new Map<string, PyValue>();
  for (const a of args) aggs.set(defaultAlias(a), a);
  for (const [k, v] of kwargs) aggs.set(k, v);
  const q = s.query.clone();
  q.clearOrdering(true);
  const exprs = new Map<string, Expr>();
  for (const [k, v] of aggs) {
    const e = v instanceof PyInstance && v.native instanceof Expression ? q.resolveExpr(v, null, true, true) : null;
    if (!e || !exprContainsAggregate(e)) throw new PyException('TypeError', `${k} is not an aggregate expression`);
    exprs.set(k, e);
  }
  const r = runSelect(q, (c) => c.asAggregate(exprs));
  const out = new PyDict();
  let i = 0;
  for (const [k, e] of exprs) {
    const v = r ? (r.rows[0]?.[i] ?? null) : null;
    out.set(k, e.t === 'agg' && e.fn === 'COUNT' && !r ? 0n : convertAggregate(e, v));
    i++;
  }
  return out;
}

function updateValues(s: QuerySetState, kwargs: Kwargs): bigint {
  if (s.query.isSliced) throw new PyException('TypeError', 'Cannot update a query once a slice has been taken.');
  const opts = metaOf(s.model)!;
  const q = s.query.clone();
  const values: [Field, Expr][] = [];
  for (const [k, v] of kwargs) {
    const f = opts.tryGetField(k);
    if (!f || !f.concrete) {
      if (f?.manyToMany || opts.getFieldOrRelation(k)) throw fieldError(`Cannot update model field ${f ? f.toString() : k} (only non-relations and foreign keys permitted).`);
      throw new PyException('django.core.exceptions.FieldDoesNotExist', `${opts.objectName} has no field named '${k}'`);
    }
    const expr: Expr = v instanceof PyInstance && v.native instanceof Expression ? q.resolveExpr(v, null, false) : { t: 'val', value: prepValue(f, v), field: f };
    values.push([f, expr]);
  }
  if (!values.length) throw new PyException('TypeError', 'update() missing required argument: values');
  let compiled;
  try {
    compiled = compileBoth(q, (c) => c.asUpdate(values));
  } catch (e) {
    if (e instanceof EmptyResultSet) return 0n;
    throw e;
  }
  const conn = currentConnection();
  const rows = conn.markForRollbackOnError(() => {
    conn.execute(compiled.display.sql, compiled.display.params, [compiled.run.sql, compiled.run.params]);
    return conn.changes();
  });
  s.cache = null;
  return BigInt(rows);
}

// ---- creating and saving -------------------------------------------------------------------

function insertInstance(inst: PyInstance): void {
  const opts = metaOf(inst.cls)!;
  const conn = currentConnection();
  const pk = opts.pk!;
  const pkVal = inst.dict.get(pk.attname!) ?? null;
  const autoPk = opts.isAutoPk();
  const fields = opts.localConcreteFields.filter((f) => !(autoPk && f === pk && pkVal === null));
  preSave(inst, true);
  const row = fields.map((f) => prepValue(f, inst.dict.get(f.attname!) ?? null));
  const returning = autoPk && pkVal === null ? pk.column : null;
  const [sql, params] = insertSql(opts.dbTable, fields.map((f) => f.column!), [row], returning);
  const res = conn.execute(sql, params);
  if (returning) {
    const v = res[0]?.values[0]?.[0] ?? null;
    inst.dict.set(pk.attname!, fromDb(pk, v));
  }
  stateOf(inst).adding = false;
}

function preSave(inst: PyInstance, adding: boolean): void {
  const opts = metaOf(inst.cls)!;
  for (const f of opts.concreteFields) {
    const auto = f as unknown as { autoNow?: PyValue; autoNowAdd?: PyValue };
    if (truthy(auto.autoNow ?? false) || (adding && truthy(auto.autoNowAdd ?? false))) {
      const tz = getNativeModule('django.utils.timezone');
      let now = tz ? callValue(tz.dict.get('now')!, []) : null;
      if (now !== null && f.getInternalType() === 'DateField') now = callValue(getAttr(now, 'date'), []);
      inst.dict.set(f.attname!, now);
    }
  }
}

function saveInstance(inst: PyInstance, kwargs: Kwargs): void {
  const opts = metaOf(inst.cls)!;
  const st = stateOf(inst);
  const forceInsert = truthy(kwargs.get('force_insert') ?? false);
  const updateFieldsV = kwargs.get('update_fields') ?? null;
  const pk = opts.pk!;
  // Related objects assigned before they were saved.
  for (const f of opts.concreteFields) {
    if (!f.isRelation) continue;
    const cached = st.cache.get(f.name!);
    if (cached instanceof PyInstance && isModelInstance(cached)) {
      const tf = (f as unknown as { targetField: Field }).targetField;
      const v = cached.dict.get(tf.attname!) ?? null;
      if (v === null) {
        throw new PyException('ValueError', `save() prohibited to prevent data loss due to unsaved related object '${f.name}'.`);
      }
      if (inst.dict.get(f.attname!) === null) inst.dict.set(f.attname!, v);
    }
  }
  const pkVal = inst.dict.get(pk.attname!) ?? null;
  let updateFields: Field[] | null = null;
  if (updateFieldsV !== null) {
    updateFields = toArray(updateFieldsV).map((n) => {
      const name = pyStr(n);
      const f = opts.tryGetField(name);
      if (!f || !f.concrete) throw new PyException('ValueError', `The following fields do not exist in this model, are m2m fields, or are non-concrete fields: ${name}`);
      return f;
    });
    if (!updateFields.length) return;
  }
  // save_base: an error while writing the row breaks an enclosing transaction.
  currentConnection().markForRollbackOnError(() => {
    if (pkVal !== null && !forceInsert && !(st.adding && pk.hasDefault())) {
      const fields = (updateFields ?? opts.localConcreteFields.filter((f) => !f.primaryKey)).filter((f) => !f.primaryKey);
      const q = new Query(inst.cls);
      q.addQ({ connector: 'AND', negated: false, children: [['pk', pkVal]] });
      const values: [Field, Expr][] = fields.map((f) => {
        const v = inst.dict.get(f.attname!) ?? null;
        return [f, v instanceof PyInstance && v.native instanceof Expression ? q.resolveExpr(v, null, false) : { t: 'val', value: prepValue(f, v), field: f }];
      });
      if (values.length) {
        preSave(inst, false);
        const c = compileBoth(q, (x) => x.asUpdate(values));
        const conn = currentConnection();
        conn.execute(c.display.sql, c.display.params, [c.run.sql, c.run.params]);
        if (conn.changes() > 0 || updateFields) {
          st.adding = false;
          return;
        }
      } else if (!st.adding) {
        if (exists(new QuerySetState(inst.cls, q))) return;
      }
      if (updateFields) throw new PyException('django.db.models.base.DatabaseError', 'Save with update_fields did not affect any rows.');
    }
    insertInstance(inst);
  });
}

function createObject(model: ModelClass, kwargs: Kwargs): PyInstance {
  const inst = callValue(model, [], kwargs) as PyInstance;
  saveInstance(inst, new Map([['force_insert', true]]));
  return inst;
}

function getOrCreate(s: QuerySetState, self: PyValue, kwargs: Kwargs, update: boolean): PyTuple {
  const defaultsV = kwargs.get('defaults') ?? null;
  const createDefaultsV = kwargs.get('create_defaults') ?? null;
  const lookup = new Map([...kwargs].filter(([k]) => k !== 'defaults' && k !== 'create_defaults'));
  const defaults = defaultsV instanceof PyDict ? defaultsV : new PyDict();
  const conn = currentConnection();
  try {
    const obj = get(self, [], lookup) as PyInstance;
    if (!update) return new PyTuple([obj, false]);
    return conn.atomic(() => {
      for (const [k, v] of defaults.items()) callSetAttr(obj, pyStr(k), v);
      const names = defaults.keys().map((k) => pyStr(k));
      saveInstance(obj, new Map([['update_fields', new PyList(names)]]));
      return new PyTuple([obj, false]);
    });
  } catch (e) {
    if (!(e instanceof PyException) || !e.type.endsWith('.DoesNotExist')) throw e;
  }
  const params = new Map<string, PyValue>();
  for (const [k, v] of lookup) if (!k.includes(LOOKUP_SEP)) params.set(k, v);
  const extra = update && createDefaultsV instanceof PyDict ? createDefaultsV : defaults;
  for (const [k, v] of extra.items()) params.set(pyStr(k), v);
  if (s.relatedFilter) for (const [k, v] of s.relatedFilter) params.set(k, v);
  const obj = conn.atomic(() => createObject(s.model, params));
  return new PyTuple([obj, true]);
}

function callSetAttr(obj: PyInstance, name: string, v: PyValue): void {
  const hook = obj.cls.hook('setAttr');
  if (hook && hook(obj, name, v)) return;
  obj.dict.set(name, v);
}

function bulkCreate(model: ModelClass, objs: PyValue[], ignoreConflicts: boolean): PyList {
  const opts = metaOf(model)!;
  if (!objs.length) return new PyList([]);
  const pk = opts.pk!;
  const conn = currentConnection();
  // The insert compiler runs pre_save: auto_now/auto_now_add fill in bulk inserts too.
  for (const o of objs) preSave(o as PyInstance, true);
  const withPk = objs.filter((o) => (o as PyInstance).dict.get(pk.attname!) !== null);
  const withoutPk = objs.filter((o) => (o as PyInstance).dict.get(pk.attname!) === null);
  conn.atomic(() => {
    for (const [group, includePk] of [
      [withPk, true],
      [withoutPk, false],
    ] as [PyValue[], boolean][]) {
      if (!group.length) continue;
      const fields = opts.localConcreteFields.filter((f) => includePk || f !== pk);
      const rows = group.map((o) => fields.map((f) => prepValue(f, (o as PyInstance).dict.get(f.attname!) ?? null)));
      const returning = !includePk && !ignoreConflicts ? pk.column : null;
      const [sql, params] = insertSql(opts.dbTable, fields.map((f) => f.column!), rows, returning, ignoreConflicts);
      const res = conn.execute(sql, params);
      if (returning) group.forEach((o, i) => (o as PyInstance).dict.set(pk.attname!, fromDb(pk, res[0]?.values[i]?.[0] ?? null)));
      for (const o of group) stateOf(o as PyInstance).adding = false;
    }
  }, false);
  return new PyList(objs);
}

// ---- deletion ------------------------------------------------------------------------------

interface Collected {
  model: ModelClass;
  pks: PyValue[];
}

/** Collector: what deleting these rows deletes or updates too (on_delete handlers). */
class Collector {
  readonly order: Collected[] = [];
  readonly fastDeletes: Query[] = [];
  readonly fieldUpdates: { field: Field; value: PyValue; model: ModelClass; pks: PyValue[] }[] = [];

  canFastDelete(model: ModelClass): boolean {
    const opts = metaOf(model)!;
    if (opts.parents.size) return false;
    for (const rel of relatedToDelete(opts)) if (rel.onDelete !== DO_NOTHING) return false;
    return true;
  }

  collect(model: ModelClass, pks: PyValue[]): void {
    if (!pks.length) return;
    const entry = this.order.find((c) => c.model === model);
    const fresh = entry ? pks.filter((p) => !entry.pks.some((x) => String(x) === String(p))) : pks;
    if (!fresh.length) return;
    if (entry) entry.pks.push(...fresh);
    else this.order.unshift({ model, pks: [...fresh] });
    const opts = metaOf(model)!;
    for (const rel of relatedToDelete(opts)) {
      const relModel = rel.field.model!;
      const onDelete = rel.onDelete;
      if (onDelete === DO_NOTHING) continue;
      const q = new Query(relModel);
      q.addQ({ connector: 'AND', negated: false, children: [[`${rel.field.name}__in`, new PyList(fresh)]] });
      if (onDelete === CASCADE && this.canFastDelete(relModel)) {
        this.fastDeletes.push(q);
        continue;
      }
      const rows = fetchAll(new QuerySetState(relModel, q));
      if (!rows.length) continue;
      const relPks = rows.map((r) => pkValue(r as PyInstance));
      if (onDelete === CASCADE) this.collect(relModel, relPks);
      else if (onDelete === PROTECT || onDelete === RESTRICT) {
        const what = onDelete === PROTECT ? 'protected' : 'restricted';
        throw new PyException(
          `django.db.models.deletion.${onDelete === PROTECT ? 'ProtectedError' : 'RestrictedError'}`,
          `("Cannot delete some instances of model '${opts.objectName}' because they are referenced through ${what} foreign keys: '${metaOf(relModel)!.objectName}.${rel.field.name}'.", ${pyRepr(new PySetLike(rows))})`,
        );
      } else if (onDelete === SET_NULL) this.fieldUpdates.push({ field: rel.field, value: null, model: relModel, pks: relPks });
      else if (onDelete === SET_DEFAULT) this.fieldUpdates.push({ field: rel.field, value: rel.field.getDefault(), model: relModel, pks: relPks });
      else if (onDelete instanceof SetHandler) this.fieldUpdates.push({ field: rel.field, value: onDelete.value, model: relModel, pks: relPks });
    }
  }

  delete(): PyTuple {
    const conn = currentConnection();
    const counter = new Map<string, bigint>();
    const add = (label: string, n: number) => {
      if (!n) return;
      counter.set(label, (counter.get(label) ?? 0n) + BigInt(n));
    };
    const run = () => {
      for (const q of this.fastDeletes) {
        const c = compileBoth(q, (x) => x.asDelete());
        conn.execute(c.display.sql, c.display.params, [c.run.sql, c.run.params]);
        add(metaOf(q.model)!.label, conn.changes());
      }
      for (const u of this.fieldUpdates) {
        const q = new Query(u.model);
        q.addQ({ connector: 'AND', negated: false, children: [['pk__in', new PyList(u.pks)]] });
        const c = compileBoth(q, (x) => x.asUpdate([[u.field, { t: 'val', value: prepValue(u.field, u.value), field: u.field }]]));
        conn.execute(c.display.sql, c.display.params, [c.run.sql, c.run.params]);
      }
      for (const item of this.order) {
        const q = new Query(item.model);
        q.addQ({ connector: 'AND', negated: false, children: [['pk__in', new PyList(item.pks)]] });
        const c = compileBoth(q, (x) => x.asDelete());
        conn.execute(c.display.sql, c.display.params, [c.run.sql, c.run.params]);
        add(metaOf(item.model)!.label, conn.changes());
      }
    };
    const single = this.order.length === 1 && this.order[0].pks.length === 1 && !this.fastDeletes.length && !this.fieldUpdates.length;
    if (single) conn.markForRollbackOnError(run);
    else conn.atomic(run, false);
    let total = 0n;
    for (const n of counter.values()) total += n;
    return new PyTuple([total, new PyDict([...counter].map(([k, v]) => [k, v] as [PyValue, PyValue]))]);
  }
}

class PySetLike extends PyList {}

function relatedToDelete(opts: ReturnType<typeof metaOf> & object): ForeignObjectRel[] {
  const out: ForeignObjectRel[] = [];
  for (const f of opts.getFields(true)) {
    if (!(f instanceof ForeignObjectRel)) continue;
    if (f.field.manyToMany) continue;
    out.push(f);
  }
  // Auto-created many-to-many through tables point at us with CASCADE (hidden relations).
  return out;
}

function deleteQuerySet(s: QuerySetState): PyTuple {
  if (s.query.isSliced) throw new PyException('TypeError', "Cannot use 'limit' or 'offset' with delete().");
  if (s.query.distinct) throw new PyException('TypeError', 'Cannot call delete() after .distinct().');
  if (s.mode !== 'model') throw new PyException('TypeError', 'Cannot call delete() after .values() or .values_list()');
  const collector = new Collector();
  if (collector.canFastDelete(s.model)) {
    const q = s.query.clone();
    q.clearOrdering(true);
    let c;
    try {
      c = compileBoth(q, (x) => x.asDelete());
    } catch (e) {
      if (e instanceof EmptyResultSet) return new PyTuple([0n, new PyDict()]);
      throw e;
    }
    const conn = currentConnection();
    const n = conn.atomic(() => {
      conn.execute(c.display.sql, c.display.params, [c.run.sql, c.run.params]);
      return conn.changes();
    }, false);
    s.cache = null;
    return new PyTuple([BigInt(n), new PyDict(n ? [[metaOf(s.model)!.label, BigInt(n)]] : [])]);
  }
  const rows = fetchAll(s.clone());
  collector.collect(
    s.model,
    rows.map((r) => pkValue(r as PyInstance)),
  );
  s.cache = null;
  if (!collector.order.length) return new PyTuple([0n, new PyDict()]);
  return collector.delete();
}

function deleteInstance(inst: PyInstance): PyValue {
  const pk = pkValue(inst);
  const opts = metaOf(inst.cls)!;
  if (pk === null) {
    throw new PyException('ValueError', `${opts.objectName} object can't be deleted because its ${opts.pk!.attname} attribute is set to None.`);
  }
  const collector = new Collector();
  collector.collect(inst.cls, [pk]);
  const r = collector.delete();
  inst.dict.set(opts.pk!.attname!, null);
  return r;
}

function refreshInstance(inst: PyInstance, fields: string[] | null): void {
  const opts = metaOf(inst.cls)!;
  const q = new Query(inst.cls);
  q.addQ({ connector: 'AND', negated: false, children: [['pk', pkValue(inst)]] });
  const s = new QuerySetState(inst.cls, q);
  const fresh = get(newQuerySet(inst.cls, s), [], new Map()) as PyInstance;
  const st = stateOf(inst);
  for (const f of opts.concreteFields) {
    if (fields && !fields.includes(f.name!) && !fields.includes(f.attname!)) continue;
    inst.dict.set(f.attname!, fresh.dict.get(f.attname!) ?? null);
    if (f.isRelation) st.cache.delete(f.name!);
  }
  st.adding = false;
}

// ---- Python-visible QuerySet --------------------------------------------------------------

function toInt(v: PyValue, what: string): number | null {
  if (v === null) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  throw new PyException('TypeError', `QuerySet indices must be integers or slices, not ${typeName(v)}.`);
  void what;
}

function getItem(self: PyInstance, key: PyValue): PyValue {
  const s = qsOf(self);
  const isSlice = key instanceof PyInstance && key.cls.name === 'slice';
  if (!isSlice && typeof key !== 'bigint' && typeof key !== 'boolean') {
    throw new PyException('TypeError', `QuerySet indices must be integers or slices, not ${typeName(key)}.`);
  }
  if (isSlice) {
    const sl = key.native as { start: PyValue; stop: PyValue; step: PyValue };
    const start = toInt(sl.start, 'start');
    const stop = toInt(sl.stop, 'stop');
    const step = toInt(sl.step, 'step');
    if ((start !== null && start < 0) || (stop !== null && stop < 0)) throw new PyException('ValueError', 'Negative indexing is not supported.');
    if (step === 0) throw new PyException('ValueError', 'slice step cannot be zero');
    const pick = (items: PyValue[]) => {
      return pyGetItem(new PyList([...items]), key);
    };
    if (s.cache) return pick(s.cache);
    if (step !== null && step < 0) return pick(fetchAll(s.clone()));
    const c = s.clone();
    c.query.setLimits(start, stop);
    c.cache = null;
    if (step !== null) return new PyList(fetchAll(c).filter((_, i) => i % step === 0));
    return new PyInstance(self.cls, c);
  }
  const k = toInt(key, 'index')!;
  if (k < 0) throw new PyException('ValueError', 'Negative indexing is not supported.');
  if (s.cache) {
    if (k >= s.cache.length) throw new PyException('IndexError', 'list index out of range');
    return s.cache[k];
  }
  const rows = fetchSlice(s, k, 1);
  if (!rows.length) throw new PyException('IndexError', 'list index out of range');
  return rows[0];
}

function qsRepr(self: PyInstance): string {
  const s = qsOf(self);
  let data: PyValue[];
  if (s.cache) data = s.cache.slice(0, REPR_OUTPUT_SIZE + 1);
  else data = fetchSlice(s, null, REPR_OUTPUT_SIZE + 1);
  const items = data.map((d) => pyRepr(d));
  if (data.length > REPR_OUTPUT_SIZE) items.splice(REPR_OUTPUT_SIZE, items.length, "'...(remaining elements truncated)...'");
  return `<${self.cls.name} [${items.join(', ')}]>`;
}

function parseFieldNames(args: PyValue[]): string[] {
  return args.map((a) => {
    if (typeof a !== 'string') throw new PyException('TypeError', `Cannot resolve expression type, unknown output_field`);
    return a;
  });
}

const QUERY_CLASS = nativeClass('Query', 'django.db.models.sql.query', [], {
  str(self) {
    const query = self.native as Query;
    try {
      const c = new SQLCompiler(query.clone(), false).asSelect();
      return interpolate(c.sql, c.params);
    } catch (e) {
      if (e instanceof EmptyResultSet) throw new PyException('django.core.exceptions.EmptyResultSet', '');
      throw e;
    }
  },
  repr: (self) => `<django.db.models.sql.query.Query object at ${fakeAddress(self)}>`,
});

import { interpolateForDisplay as interpolate } from '../connection_queries';

type Method = (self: PyInstance, args: PyValue[], kwargs: Kwargs) => PyValue;

const METHODS: Record<string, Method> = {
  all: (self) => chain(self, () => {}),
  filter: (self, args, kwargs) => filterOrExclude(self, false, args, kwargs),
  exclude: (self, args, kwargs) => filterOrExclude(self, true, args, kwargs),
  get: (self, args, kwargs) => get(self, args, kwargs),
  count: (self) => count(qsOf(self)),
  exists: (self) => exists(qsOf(self)),
  first: (self) => first(qsOf(self)),
  last: (self) => first(qsOf(self), true),
  none: (self) => chain(self, (c) => (c.query.isEmpty = true)),
  order_by: (self, args) =>
    chain(self, (c) => {
      c.query.clearOrdering(true);
      c.query.addOrdering(args);
      c.query.defaultOrdering = false;
    }),
  reverse: (self) =>
    chain(self, (c) => {
      const ord = c.query.effectiveOrdering();
      c.query.ordering = reverseOrdering(ord.length ? ord : []);
      c.query.defaultOrdering = false;
    }),
  distinct: (self, args) =>
    chain(self, (c) => {
      if (args.length) throw new PyException('django.db.utils.NotSupportedError', 'DISTINCT ON fields is not supported by this database backend');
      c.query.distinct = true;
    }),
  values: (self, args, kwargs) =>
    chain(self, (c) => {
      for (const [k, v] of kwargs) c.query.addAnnotation(k, v);
      c.query.setValues([...parseFieldNames(args), ...kwargs.keys()]);
      c.mode = 'values';
    }),
  values_list: (self, args, kwargs) =>
    chain(self, (c) => {
      const flat = truthy(kwargs.get('flat') ?? false);
      const named = truthy(kwargs.get('named') ?? false);
      if (flat && named) throw new PyException('TypeError', "'flat' and 'named' can't be used together.");
      if (flat && args.length > 1) throw new PyException('TypeError', "'flat' is not valid when values_list is called with more than one field.");
      for (const k of kwargs.keys()) if (k !== 'flat' && k !== 'named') throw new PyException('TypeError', `Unexpected keyword arguments to values_list: ('${k}',)`);
      const names = parseFieldNames(args);
      c.query.setValues(names);
      c.mode = flat ? 'flat' : 'values_list';
    }),
  annotate: (self, args, kwargs) =>
    chain(self, (c) => {
      for (const a of args) c.query.addAnnotation(defaultAlias(a), a);
      for (const [k, v] of kwargs) c.query.addAnnotation(k, v);
      if (c.query.valuesSelect) c.query.valuesSelect.push(...[...args.map((a) => defaultAlias(a)), ...kwargs.keys()]);
    }),
  alias: (self, _args, kwargs) =>
    chain(self, (c) => {
      for (const [k, v] of kwargs) {
        c.query.addAnnotation(k, v);
        c.query.annotationSelect = (c.query.annotationSelect ?? [...c.query.annotations.keys()]).filter((n) => n !== k);
      }
    }),
  aggregate: (self, args, kwargs) => aggregate(qsOf(self), args, kwargs),
  update: (self, args, kwargs) => {
    if (args.length) throw new PyException('TypeError', `QuerySet.update() takes 1 positional argument but ${args.length + 1} were given`);
    return updateValues(qsOf(self), kwargs);
  },
  delete: (self) => deleteQuerySet(qsOf(self)),
  create: (self, args, kwargs) => {
    if (args.length) throw new PyException('TypeError', `QuerySet.create() takes 1 positional argument but ${args.length + 1} were given`);
    const s = qsOf(self);
    const kw = new Map(kwargs);
    if (s.relatedFilter) for (const [k, v] of s.relatedFilter) kw.set(k, v);
    return createObject(s.model, kw);
  },
  get_or_create: (self, _args, kwargs) => getOrCreate(qsOf(self), self, kwargs, false),
  update_or_create: (self, _args, kwargs) => getOrCreate(qsOf(self), self, kwargs, true),
  bulk_create: (self, args, kwargs) => bulkCreate(qsOf(self).model, toArray(args[0] ?? new PyList([])), truthy(kwargs.get('ignore_conflicts') ?? false)),
  in_bulk: (self, args) => {
    const s = qsOf(self);
    const c = s.clone();
    if (args.length && args[0] !== null) c.query.addQ({ connector: 'AND', negated: false, children: [['pk__in', args[0]]] });
    const out = new PyDict();
    for (const o of fetchAll(c)) out.set(pkValue(o as PyInstance), o);
    return out;
  },
  iterator: (self, args, kwargs) => {
    const chunk = kwargs.get('chunk_size') ?? args[0] ?? null;
    if (chunk === null && qsOf(self).prefetch.length) throw new PyException('ValueError', 'chunk_size must be provided when using QuerySet.iterator() after prefetch_related().');
    if (typeof chunk === 'bigint' && chunk <= 0n) throw new PyException('ValueError', 'Chunk size must be strictly positive.');
    return new PyList(fetchAll(qsOf(self).clone()));
  },
  select_related: (self, args) => {
    if (qsOf(self).mode !== 'model') throw new PyException('TypeError', 'Cannot call select_related() after .values() or .values_list()');
    return chain(self, (c) => {
      if (args.length === 1 && args[0] === null) c.query.selectRelated = false;
      else if (args.length) {
        const names = args.map((a) => {
          if (typeof a !== 'string') throw new PyException('AttributeError', `'${typeName(a)}' object has no attribute 'split'`);
          return a;
        });
        c.query.selectRelated = addSelectRelated(c.query.selectRelated, names);
      }
      else c.query.selectRelated = true;
    });
  },
  prefetch_related: (self, args) =>
    chain(self, (c) => {
      if (args.length === 1 && args[0] === null) c.prefetch = [];
      else
        c.prefetch = [
          ...c.prefetch,
          ...args.map((a) => {
            if (typeof a !== 'string') throw new PyException('NotImplementedError', "Prefetch() objects are not supported in the Migration Playground's ORM");
            return a;
          }),
        ];
    }),
  using: (self) => chain(self, () => {}),
  select_for_update: (self) => chain(self, () => {}),
  only: () => {
    throw new PyException('NotImplementedError', "QuerySet.only() is not supported in the Migration Playground's ORM");
  },
  defer: () => {
    throw new PyException('NotImplementedError', "QuerySet.defer() is not supported in the Migration Playground's ORM");
  },
  ...Object.fromEntries(
    ['raw', 'dates', 'datetimes', 'union', 'intersection', 'difference', 'extra', 'explain', 'bulk_update', 'contains', 'complex_filter', 'aiterator'].map((n) => [
      n,
      () => {
        throw new PyException('NotImplementedError', `QuerySet.${n}() is not supported in the Migration Playground's ORM`);
      },
    ]),
  ),
  earliest: (self, args) => earliestOrLatest(qsOf(self), args, false),
  latest: (self, args) => earliestOrLatest(qsOf(self), args, true),
};

function earliestOrLatest(s: QuerySetState, args: PyValue[], reverse: boolean): PyValue {
  if (s.query.isSliced) throw new PyException('TypeError', 'Cannot change a query once a slice has been taken.');
  let fields = args.map((a) => pyStr(a));
  if (!fields.length) {
    const gl = metaOf(s.model)!.getLatestBy;
    if (gl === null) throw new PyException('ValueError', "earliest() and latest() require either fields as positional arguments or 'get_latest_by' in the model's Meta.");
    fields = typeof gl === 'string' ? [gl] : toArray(gl).map((x) => pyStr(x));
  }
  if (reverse) fields = fields.map((f) => (f.startsWith('-') ? f.slice(1) : `-${f}`));
  const c = s.clone();
  c.cache = null;
  c.query.setLimits(null, 1);
  c.query.clearOrdering(true);
  c.query.addOrdering(fields);
  return get(newQuerySet(c.model, c), [], new Map());
}

export const QuerySetClass: PyClass = nativeClass('QuerySet', 'django.db.models.query', [], {
  getAttr(self, name) {
    const s = qsOf(self);
    const m = METHODS[name];
    if (m) return builtin(name, 'django.db.models.query', (args, kwargs) => m(self, args, kwargs), `QuerySet.${name}`);
    if (name === 'query') return new PyInstance(QUERY_CLASS, s.query);
    if (name === 'model') return s.model;
    if (name === 'ordered') return s.query.effectiveOrdering().length > 0 || s.query.isEmpty;
    if (name === 'db') return 'default';
    return undefined;
  },
  iter: (self) => fetchAll(qsOf(self)),
  len: (self) => fetchAll(qsOf(self)).length,
  truthy: (self) => fetchAll(qsOf(self)).length > 0,
  repr: qsRepr,
  getItem,
  contains(self, item) {
    return fetchAll(qsOf(self)).some((x) => x === item || (x instanceof PyInstance && item instanceof PyInstance && x.cls.hook('eq')?.(x, item)));
  },
  binaryOp(op, self, other) {
    if ((op === '&' || op === '|') && other instanceof PyInstance && other.native instanceof QuerySetState) {
      throw new PyException('NotImplementedError', `Combining QuerySets with ${op} is not supported in the Migration Playground's ORM`);
    }
    return undefined;
  },
});

// ---- managers --------------------------------------------------------------------------------

export function managerQuerySet(m: Manager): PyInstance {
  if (!m.model) throw new PyException('AttributeError', "Manager isn't accessible via model instances");
  const opts = metaOf(m.model)!;
  if ([...opts.parents.values()].some((link) => link !== null)) {
    throw new PyException('NotImplementedError', `Queries on ${opts.objectName}, a multi-table inheritance child model, are not supported in the Migration Playground's ORM`);
  }
  if (opts.abstract) throw new PyException('AttributeError', `Manager isn't available; ${opts.objectName} is abstract`);
  return newQuerySet(m.model);
}

let installed = false;

/** Installs the ORM into the model layer's Manager and Model classes (idempotent). */
export function installOrm(): void {
  if (installed) return;
  installed = true;
  installModelInstances();
  const hooks = ManagerClass.hooks;
  const own = hooks.getAttr;
  hooks.getAttr = (self, name) => {
    const r = own?.(self, name);
    if (r !== undefined) return r;
    const m = self.native as Manager;
    if (name === 'get_queryset' || name === 'all') return builtin(name, 'django.db.models.manager', () => managerQuerySet(m), `Manager.${name}`);
    if (name in METHODS) {
      const meth = METHODS[name];
      return builtin(name, 'django.db.models.manager', (args, kwargs) => meth(managerQuerySet(m), args, kwargs), `Manager.${name}`);
    }
    return undefined;
  };
  hooks.repr = (self) => `<${self.cls.module}.${self.cls.name} object at ${fakeAddress(self)}>`;
  ORM.getByPk = (model, field, value) => {
    const q = new Query(model);
    q.addQ({ connector: 'AND', negated: false, children: [[field.name!, value]] });
    return get(newQuerySet(model, new QuerySetState(model, q)), [], new Map());
  };
  ORM.getReverseOne = (rel, inst) => {
    const model = rel.field.model!;
    const q = new Query(model);
    q.addQ({ connector: 'AND', negated: false, children: [[rel.field.name!, inst]] });
    try {
      return get(newQuerySet(model, new QuerySetState(model, q)), [], new Map());
    } catch (e) {
      if (e instanceof PyException && e.type.endsWith('.DoesNotExist')) return null;
      throw e;
    }
  };
  ORM.save = saveInstance;
  ORM.deleteInstance = deleteInstance;
  ORM.refresh = refreshInstance;
}

export { fetchAll, createObject, bulkCreate, isInstance };
