// Related managers (django.db.models.fields.related_descriptors): `post.comments` (reverse
// foreign key) and `post.tags` / `tag.post_set` (many-to-many), each a manager whose QuerySet is
// filtered to the instance, with add/remove/clear/set/create as Django runs them.

import { PyClass, PyDict, PyException, PyInstance, PyList, type Kwargs, type PyValue } from '../../../python/values';
import { pyStr, toArray, truthy } from '../../../python/index';
import { fakeAddress } from '../../../python/protocol';
import { builtin, nativeClass } from '../../../utils/py';
import type { Field } from './index';
import { metaOf, type ModelClass } from './index';
import type { ForeignObjectRel } from './reverse_related';
import { ORM, pkValue } from '../instance';
import { Query, type Expr } from '../sql/query';
import { SQLCompiler, insertSql } from '../sql/compiler';
import { QuerySetClass, QuerySetState, fetchAll, createObject } from '../query';
import { currentConnection } from '../../connection_queries';
import { prepValue, isModelInstance } from '../sql/values';
import { EmptyResultSet } from '../lookups';

interface ManagerState {
  instance: PyInstance;
  model: ModelClass;
  /** The lookup that restricts the related model to the instance. */
  coreFilter: [string, PyValue];
  /** Reverse FK: the ForeignKey on the related model. */
  fk?: Field;
  /** Many-to-many: the field, and whether we look from its target side. */
  m2m?: { field: Field; reverse: boolean };
}

function qs(st: ManagerState): PyInstance {
  const pk = pkValue(st.instance);
  const opts = metaOf(st.instance.cls)!;
  if (pk === null) {
    const what = st.m2m ? `"${pyReprInst(st.instance)}" needs to have a value for field "${opts.pk!.attname}" before this many-to-many relationship can be used.` : `'${opts.objectName}' instance needs to have a primary key value before this relationship can be used.`;
    throw new PyException('ValueError', what);
  }
  const q = new Query(st.model);
  q.addQ({ connector: 'AND', negated: false, children: [st.coreFilter] });
  const s = new QuerySetState(st.model, q);
  if (st.fk) s.relatedFilter = new Map([[st.fk.name!, st.instance]]);
  return new PyInstance(QuerySetClass, s);
}

function pyReprInst(i: PyInstance): string {
  return i.cls.hook('str')?.(i) ?? i.cls.name;
}

function run(q: Query, how: (c: SQLCompiler) => { sql: string; params: PyValue[] }): void {
  let d, r;
  try {
    d = how(new SQLCompiler(q.clone(), false));
    r = how(new SQLCompiler(q.clone(), true));
  } catch (e) {
    if (e instanceof EmptyResultSet) return;
    throw e;
  }
  currentConnection().execute(d.sql, d.params, [r.sql, r.params]);
}

function m2mInfo(st: ManagerState) {
  const f = st.m2m!.field as Field & {
    m2mColumnName(): string;
    m2mReverseName(): string;
    m2mFieldName(): string;
    m2mReverseFieldName(): string;
  };
  const through = f.remoteField!.through as ModelClass;
  const src = st.m2m!.reverse ? { col: f.m2mReverseName(), name: f.m2mReverseFieldName() } : { col: f.m2mColumnName(), name: f.m2mFieldName() };
  const tgt = st.m2m!.reverse ? { col: f.m2mColumnName(), name: f.m2mFieldName() } : { col: f.m2mReverseName(), name: f.m2mReverseFieldName() };
  return { through, src, tgt };
}

function targetIds(st: ManagerState, objs: PyValue[]): PyValue[] {
  const targetModel = st.model;
  const tOpts = metaOf(targetModel)!;
  return objs.map((o) => {
    if (isModelInstance(o)) {
      if (!o.cls.isSubclassOf(targetModel)) throw new PyException('TypeError', `'${tOpts.objectName}' instance expected, got ${pyReprOf(o)}`);
      const v = pkValue(o);
      if (v === null) throw new PyException('ValueError', `Cannot add "${pyReprOf(o)}": the value for field "${tOpts.pk!.attname}" is None`);
      return v;
    }
    return prepValue(tOpts.pk, o);
  });
}

function pyReprOf(o: PyInstance): string {
  return o.cls.hook('repr')?.(o) ?? o.cls.name;
}

function m2mAdd(st: ManagerState, objs: PyValue[]): void {
  const { through, src, tgt } = m2mInfo(st);
  const ids = [...new Map(targetIds(st, objs).map((v) => [String(v), v])).values()];
  if (!ids.length) return;
  const self = pkValue(st.instance);
  const table = metaOf(through)!.dbTable;
  const conn = currentConnection();
  conn.atomic(() => {
    const order = metaOf(through)!.concreteFields.map((f) => f.column);
    const srcFirst = order.indexOf(src.col) <= order.indexOf(tgt.col);
    const cols = srcFirst ? [src.col, tgt.col] : [tgt.col, src.col];
    const rows = ids.map((id) => (srcFirst ? [self, id] : [id, self]));
    const [sql, params] = insertSql(table, cols, rows, null, true);
    conn.execute(sql, params);
  }, false);
}

function m2mRemove(st: ManagerState, ids: PyValue[] | null): void {
  const { through, src, tgt } = m2mInfo(st);
  const q = new Query(through);
  const children: [string, PyValue][] = [[src.name, pkValue(st.instance)]];
  if (ids) children.push([`${tgt.name}__in`, new PyList(ids)]);
  q.addQ({ connector: 'AND', negated: false, children });
  currentConnection().atomic(() => run(q, (c) => c.asDelete()), false);
}

const METHOD_NAMES = new Set(['all', 'filter', 'exclude', 'get', 'count', 'exists', 'first', 'last', 'order_by', 'values', 'values_list', 'distinct', 'annotate', 'aggregate', 'update', 'delete', 'none', 'reverse', 'in_bulk', 'iterator', 'select_related', 'prefetch_related', 'get_or_create', 'update_or_create', 'earliest', 'latest', 'using']);

function managerAttr(self: PyInstance, name: string): PyValue | undefined {
  const st = self.native as ManagerState;
  const fn = (impl: (args: PyValue[], kwargs: Kwargs) => PyValue) => builtin(name, 'django.db.models.fields.related_descriptors', impl, `RelatedManager.${name}`);
  if (name === 'get_queryset') return fn(() => qs(st));
  if (name === 'model') return st.model;
  if (name === 'instance') return st.instance;
  if (name === 'through' && st.m2m) return st.m2m.field.remoteField!.through as PyValue;
  if (name === 'create')
    return fn((args, kwargs) => {
      if (args.length) throw new PyException('TypeError', `create() takes 1 positional argument but ${args.length + 1} were given`);
      qs(st);
      if (st.fk) {
        const kw = new Map(kwargs);
        kw.set(st.fk.name!, st.instance);
        return createObject(st.model, kw);
      }
      const obj = createObject(st.model, kwargs);
      m2mAdd(st, [obj]);
      return obj;
    });
  if (name === 'add')
    return fn((args, kwargs) => {
      qs(st);
      if (st.m2m) {
        m2mAdd(st, args);
        return null;
      }
      const fk = st.fk!;
      const bulk = truthy(kwargs.get('bulk') ?? true);
      const pks: PyValue[] = [];
      for (const o of args) {
        if (!isModelInstance(o) || !o.cls.isSubclassOf(st.model)) throw new PyException('TypeError', `'${metaOf(st.model)!.objectName}' instance expected, got ${pyStrSafe(o)}`);
        if (pkValue(o) === null && bulk) throw new PyException('ValueError', `${pyReprOf(o)} instance isn't saved. Use bulk=False or save the object first.`);
        o.cls.hook('setAttr')?.(o, fk.name!, st.instance);
        pks.push(pkValue(o));
      }
      if (!pks.length) return null;
      const q = new Query(st.model);
      q.addQ({ connector: 'AND', negated: false, children: [['pk__in', new PyList(pks)]] });
      const tf = (fk as unknown as { targetField: Field }).targetField;
      const val: Expr = { t: 'val', value: prepValue(tf, st.instance.dict.get(tf.attname!) ?? null), field: fk };
      run(q, (c) => c.asUpdate([[fk, val]]));
      return null;
    });
  if (name === 'remove' || name === 'clear' || name === 'set') {
    if (st.fk && !st.fk.null) return undefined;
    return fn((args, kwargs) => {
      qs(st);
      const conn = currentConnection();
      if (st.m2m) {
        if (name === 'remove') {
          const ids = targetIds(st, args);
          if (ids.length) m2mRemove(st, ids);
        } else if (name === 'clear') m2mRemove(st, null);
        else {
          const objs = toArray(args[0] ?? new PyList([]));
          const clear = truthy(kwargs.get('clear') ?? false);
          conn.atomic(() => {
            if (clear) {
              m2mRemove(st, null);
              m2mAdd(st, objs);
              return;
            }
            const { tgt } = m2mInfo(st);
            void tgt;
            const current = qs(st).native as QuerySetState;
            current.query.setValues([metaOf(st.model)!.pk!.attname!]);
            current.mode = 'flat';
            const old = fetchAll(current).map((v) => String(v));
            const wanted = targetIds(st, objs);
            const wantedKeys = new Set(wanted.map((v) => String(v)));
            const toRemove = old.filter((o) => !wantedKeys.has(o));
            const oldKeys = new Set(old);
            const toAdd = wanted.filter((w) => !oldKeys.has(String(w)));
            if (toRemove.length) m2mRemove(st, toRemove.map((x) => BigInt(x)));
            if (toAdd.length) m2mAdd(st, toAdd);
          }, false);
        }
        return null;
      }
      // Nullable reverse foreign key: detach by setting the column to NULL.
      const fk = st.fk!;
      const q = new Query(st.model);
      const children: [string, PyValue][] = [[fk.name!, st.instance]];
      if (name === 'remove') children.push(['pk__in', new PyList(args.map((o) => (isModelInstance(o) ? pkValue(o) : o)))]);
      q.addQ({ connector: 'AND', negated: false, children });
      run(q, (c) => c.asUpdate([[fk, { t: 'val', value: null, field: fk }]]));
      if (name === 'set') {
        const objs = toArray(args[0] ?? new PyList([]));
        const add = managerAttr(self, 'add')!;
        (add as unknown as { impl: (a: PyValue[], k: Kwargs) => PyValue }).impl(objs, new Map());
      }
      return null;
    });
  }
  if (METHOD_NAMES.has(name)) {
    return fn((args, kwargs) => {
      const q = qs(st);
      const m = QuerySetClass.hooks.getAttr!(q, name) as unknown as { impl: (a: PyValue[], k: Kwargs) => PyValue };
      return m.impl(args, kwargs);
    });
  }
  return undefined;
}

function pyStrSafe(v: PyValue): string {
  try {
    return `'${pyStr(v)}'`;
  } catch {
    return '?';
  }
}

const RelatedManagerClass: PyClass = nativeClass('RelatedManager', 'django.db.models.fields.related_descriptors', [], {
  getAttr: managerAttr,
  str: (self) => {
    const st = self.native as ManagerState;
    return `${metaOf(st.model)!.label}.None`;
  },
  repr: (self) => `<django.db.models.fields.related_descriptors.${self.cls.qualname} object at ${fakeAddress(self)}>`,
}, 'create_reverse_many_to_one_manager.<locals>.RelatedManager');

const ManyRelatedManagerClass: PyClass = nativeClass('ManyRelatedManager', 'django.db.models.fields.related_descriptors', [], {
  getAttr: managerAttr,
  str: (self) => {
    const st = self.native as ManagerState;
    return `${metaOf(st.model)!.label}.None`;
  },
  repr: (self) => `<django.db.models.fields.related_descriptors.${self.cls.qualname} object at ${fakeAddress(self)}>`,
}, 'create_forward_many_to_many_manager.<locals>.ManyRelatedManager');

export function relatedManager(inst: PyInstance, kind: 'reverse' | 'm2m', relOrField: ForeignObjectRel | Field, reverse: boolean): PyValue {
  if (kind === 'reverse') {
    const rel = relOrField as ForeignObjectRel;
    const fk = rel.field;
    const st: ManagerState = { instance: inst, model: fk.model!, coreFilter: [fk.name!, inst], fk };
    return new PyInstance(RelatedManagerClass, st);
  }
  const field = relOrField as Field;
  const relatedQueryName = (field as unknown as { relatedQueryName(): string }).relatedQueryName();
  if (!reverse) {
    const target = field.remoteField!.model as ModelClass;
    const st: ManagerState = { instance: inst, model: target, coreFilter: [`${relatedQueryName}__${metaOf(inst.cls)!.pk!.name}`, pkValue(inst)], m2m: { field, reverse: false } };
    return new PyInstance(ManyRelatedManagerClass, st);
  }
  const st: ManagerState = { instance: inst, model: field.model!, coreFilter: [`${field.name}__${metaOf(inst.cls)!.pk!.name}`, pkValue(inst)], m2m: { field, reverse: true } };
  return new PyInstance(ManyRelatedManagerClass, st);
}

ORM.relatedManager = relatedManager;

void PyDict;
