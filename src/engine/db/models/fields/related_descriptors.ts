// Related managers (django.db.models.fields.related_descriptors): `post.comments` (reverse
// foreign key) and `post.tags` / `tag.post_set` (many-to-many), each a manager whose QuerySet is
// filtered to the instance, with add/remove/clear/set/create as Django runs them.

import { PyClass, PyDict, PyException, PyInstance, PyList, PyTuple, type Kwargs, type PyValue } from '../../../python/values';
import { builtinsDict, callValue, pyStr, toArray, truthy, typeName } from '../../../python/index';
import { fakeAddress } from '../../../python/protocol';
import { builtin, nativeClass } from '../../../utils/py';
import type { Field } from './index';
import { metaOf, type ModelClass } from './index';
import type { ForeignObjectRel } from './reverse_related';
import { ORM, pkValue, stateOf } from '../instance';
import { Query, type Expr, type QLike } from '../sql/query';
import { SQLCompiler } from '../sql/compiler';
import { QuerySetClass, QuerySetState, fetchAll, createObject, bulkCreate, newQuerySet } from '../query';
import { ManagerClass } from '../manager';
import { pySetOrder } from '../set_order';
import { forgetPrefetched, prefetchedObjects } from '../prefetch';
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
  /** The attribute the manager is read from (`posts`, `tags`), which prefetch_related() names. */
  attr: string;
}

function qs(st: ManagerState): PyInstance {
  const pk = pkValue(st.instance);
  const opts = metaOf(st.instance.cls)!;
  if (pk === null) {
    const what = st.m2m ? `"${pyReprOf(st.instance)}" needs to have a value for field "${opts.pk!.attname}" before this many-to-many relationship can be used.` : `'${opts.objectName}' instance needs to have a primary key value before this relationship can be used.`;
    throw new PyException('ValueError', what);
  }
  const q = new Query(st.model);
  q.addQ({ connector: 'AND', negated: false, children: [st.coreFilter] });
  const s = new QuerySetState(st.model, q);
  if (st.fk) s.relatedFilter = new Map([[st.fk.name!, st.instance]]);
  // get_queryset() of a prefetched manager: the rows already read.
  const prefetched = prefetchedObjects(st.instance, st.attr);
  if (prefetched) s.cache = prefetched;
  return new PyInstance(QuerySetClass, s);
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

type M2MField = Field & { m2mFieldName(): string; m2mReverseFieldName(): string };

/** The through model and which of its foreign keys point at the instance (source) and the manager's model (target). */
function m2mInfo(st: ManagerState) {
  const f = st.m2m!.field as M2MField;
  const reverse = st.m2m!.reverse;
  const through = f.remoteField!.through as ModelClass;
  const sourceName = reverse ? f.m2mReverseFieldName() : f.m2mFieldName();
  const targetName = reverse ? f.m2mFieldName() : f.m2mReverseFieldName();
  // Only the forward side of a symmetrical relation mirrors its rows.
  const symmetrical = !reverse && !!(f.remoteField as unknown as { symmetrical?: boolean }).symmetrical;
  const autoThrough = truthy(metaOf(through)!.autoCreated);
  return { through, sourceName, targetName, symmetrical, autoThrough };
}

type M2MInfo = ReturnType<typeof m2mInfo>;

function throughFk(info: M2MInfo, name: string): Field & { targetField: Field } {
  return metaOf(info.through)!.getField(name) as Field & { targetField: Field };
}

/** The value the instance's side of the through table holds (the source foreign key's target). */
function relatedVal(st: ManagerState, info: M2MInfo, sourceName: string): PyValue {
  const tf = throughFk(info, sourceName).targetField;
  return st.instance.dict.get(tf.attname!) ?? null;
}

/** _get_target_ids: the ids the target foreign key stores for `objs` (instances or raw values). */
function targetIds(st: ManagerState, info: M2MInfo, targetName: string, objs: PyValue[]): PyValue[] {
  const fk = throughFk(info, targetName);
  const ids = objs.map((o) => {
    if (isModelInstance(o)) {
      if (!o.cls.isSubclassOf(st.model)) throw new PyException('TypeError', `'${metaOf(st.model)!.objectName}' instance expected, got ${pyReprOf(o)}`);
      // An unsaved instance has no database yet, which the router refuses before anything else.
      if (stateOf(o).adding) throw new PyException('ValueError', `Cannot add "${pyReprOf(o)}": instance is on database "default", value is on database "None"`);
      const v = o.dict.get(fk.targetField.attname!) ?? null;
      if (v === null) throw new PyException('ValueError', `Cannot add "${pyReprOf(o)}": the value for field "${targetName}" is None`);
      return v;
    }
    return prepValue(fk, o);
  });
  return pySetOrder(ids);
}

function pyReprOf(o: PyInstance): string {
  return o.cls.hook('repr')?.(o) ?? o.cls.name;
}

function callQs(q: PyValue, name: string, args: PyValue[] = [], kwargs: Kwargs = new Map()): PyValue {
  const m = QuerySetClass.hooks.getAttr!(q as PyInstance, name) as unknown as { impl: (a: PyValue[], k: Kwargs) => PyValue };
  return m.impl(args, kwargs);
}

/** through_defaults with callables called (resolve_callables). */
function resolveThroughDefaults(v: PyValue): Map<string, PyValue> {
  const out = new Map<string, PyValue>();
  if (!truthy(v)) return out;
  if (!(v instanceof PyDict)) throw new PyException('AttributeError', `'${typeName(v)}' object has no attribute 'items'`);
  const callable = builtinsDict.get('callable')!;
  for (const [k, x] of v.items()) out.set(pyStr(k), truthy(callValue(callable, [x])) ? callValue(x, []) : x);
  return out;
}

/** _add_items: insert the through rows for `objs` that are not there yet. */
function addItems(st: ManagerState, info: M2MInfo, sourceName: string, targetName: string, objs: PyValue[], defaults: Map<string, PyValue>): void {
  if (!objs.length) return;
  const ids = targetIds(st, info, targetName, objs);
  const src = relatedVal(st, info, sourceName);
  const srcAttname = throughFk(info, sourceName).attname!;
  const tgtAttname = throughFk(info, targetName).attname!;
  const row = (id: PyValue, extra: Map<string, PyValue>) => {
    const kw = new Map(extra);
    kw.set(srcAttname, src);
    kw.set(tgtAttname, id);
    return callValue(info.through, [], kw);
  };
  if (info.autoThrough) {
    // Only the (source, target) pair can collide: INSERT OR IGNORE does it in one statement.
    bulkCreate(info.through, ids.map((id) => row(id, new Map())), true);
    return;
  }
  const existingQs = callQs(callQs(newQuerySet(info.through), 'values_list', [targetName], new Map([['flat', true]])), 'filter', [], new Map<string, PyValue>([
    [sourceName, src],
    [`${targetName}__in`, new PyList(ids)],
  ]));
  const existing = new Set(toArray(existingQs).map((v) => String(v)));
  const missing = ids.filter((id) => !existing.has(String(id)));
  currentConnection().atomic(() => {
    if (missing.length) bulkCreate(info.through, missing.map((id) => row(id, defaults)), false);
  }, false);
}

function m2mAdd(st: ManagerState, objs: PyValue[], throughDefaults: PyValue = null): void {
  const info = m2mInfo(st);
  const defaults = resolveThroughDefaults(throughDefaults);
  currentConnection().atomic(() => {
    addItems(st, info, info.sourceName, info.targetName, objs, defaults);
    if (info.symmetrical) addItems(st, info, info.targetName, info.sourceName, objs, defaults);
  }, false);
}

/** _build_remove_filters: the through rows linking the instance (to `ids`, when given), both ways when symmetrical. */
function removeFilters(st: ManagerState, info: M2MInfo, ids: PyValue[] | null): QLike {
  const val = relatedVal(st, info, info.sourceName);
  const side = (a: string, b: string): QLike => {
    const children: [string, PyValue][] = [[a, val]];
    if (ids) children.push([`${b}__in`, new PyList(ids)]);
    return { connector: 'AND', negated: false, children };
  };
  const own = side(info.sourceName, info.targetName);
  if (!info.symmetrical) return own;
  return { connector: 'OR', negated: false, children: [own, side(info.targetName, info.sourceName)] };
}

function deleteThroughRows(st: ManagerState, info: M2MInfo, ids: PyValue[] | null): void {
  const q = new Query(info.through);
  q.addQ(removeFilters(st, info, ids));
  callQs(newQuerySet(info.through, new QuerySetState(info.through, q)), 'delete');
}

/** remove(*objs): instances give their key, anything else is used as given. */
function m2mRemove(st: ManagerState, objs: PyValue[]): void {
  if (!objs.length) return;
  const info = m2mInfo(st);
  const fk = throughFk(info, info.targetName);
  const ids = pySetOrder(objs.map((o) => (isModelInstance(o) && o.cls.isSubclassOf(st.model) ? (o.dict.get(fk.targetField.attname!) ?? null) : o)));
  currentConnection().atomic(() => deleteThroughRows(st, info, ids), false);
}

function m2mClear(st: ManagerState): void {
  const info = m2mInfo(st);
  currentConnection().atomic(() => deleteThroughRows(st, info, null), false);
}

function m2mSet(st: ManagerState, objsV: PyValue, clear: boolean, throughDefaults: PyValue): void {
  const objs = toArray(objsV);
  const conn = currentConnection();
  conn.atomic(() => {
    if (clear) {
      m2mClear(st);
      m2mAdd(st, objs, throughDefaults);
      return;
    }
    const info = m2mInfo(st);
    const fk = throughFk(info, info.targetName);
    const current = qs(st).native as QuerySetState;
    current.query.setValues([fk.targetField.attname!]);
    current.mode = 'flat';
    const old = pySetOrder(fetchAll(current));
    const oldKeys = new Map(old.map((v) => [String(v), v]));
    const fresh: PyValue[] = [];
    for (const o of objs) {
      const v = isModelInstance(o) && o.cls.isSubclassOf(st.model) ? (o.dict.get(fk.targetField.attname!) ?? null) : prepValue(fk, o);
      if (oldKeys.has(String(v))) oldKeys.delete(String(v));
      else fresh.push(o);
    }
    m2mRemove(st, [...oldKeys.values()]);
    m2mAdd(st, fresh, throughDefaults);
  }, false);
}

/** count()/exists() on the manager itself read only the through table (constrained_target). */
function constrainedTarget(st: ManagerState): PyInstance | null {
  const mgr = metaOf(st.model)!.defaultManager;
  if (mgr && mgr.cls !== ManagerClass) return null;
  qs(st);
  const info = m2mInfo(st);
  const kw = new Map<string, PyValue>([[info.sourceName, relatedVal(st, info, info.sourceName)]]);
  if (throughFk(info, info.targetName).null) kw.set(`${info.targetName}__isnull`, false);
  return callQs(newQuerySet(info.through), 'filter', [], kw) as PyInstance;
}

function onlyKwargs(name: string, kwargs: Kwargs, allowed: string[]): void {
  const where = `create_forward_many_to_many_manager.<locals>.ManyRelatedManager.${name}`;
  for (const k of kwargs.keys()) if (!allowed.includes(k)) throw new PyException('TypeError', `${where}() got an unexpected keyword argument '${k}'`);
}

const METHOD_NAMES = new Set(['all', 'filter', 'exclude', 'get', 'count', 'exists', 'first', 'last', 'order_by', 'values', 'values_list', 'distinct', 'annotate', 'aggregate', 'update', 'delete', 'none', 'reverse', 'in_bulk', 'iterator', 'select_related', 'prefetch_related', 'get_or_create', 'update_or_create', 'earliest', 'latest', 'using']);

function managerAttr(self: PyInstance, name: string): PyValue | undefined {
  const st = self.native as ManagerState;
  const fn = (impl: (args: PyValue[], kwargs: Kwargs) => PyValue) => builtin(name, 'django.db.models.fields.related_descriptors', impl, `RelatedManager.${name}`);
  if (['add', 'remove', 'clear', 'set', 'create'].includes(name)) forgetPrefetched(st.instance, st.attr);
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
      const kw = new Map(kwargs);
      const throughDefaults = kw.get('through_defaults') ?? null;
      kw.delete('through_defaults');
      const obj = createObject(st.model, kw);
      m2mAdd(st, [obj], throughDefaults);
      return obj;
    });
  if (name === 'add')
    return fn((args, kwargs) => {
      qs(st);
      if (st.m2m) {
        onlyKwargs('add', kwargs, ['through_defaults']);
        m2mAdd(st, args, kwargs.get('through_defaults') ?? null);
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
      if (st.m2m) {
        if (name === 'remove') m2mRemove(st, args);
        else if (name === 'clear') m2mClear(st);
        else {
          onlyKwargs('set', kwargs, ['clear', 'through_defaults']);
          m2mSet(st, args[0] ?? new PyList([]), truthy(kwargs.get('clear') ?? false), kwargs.get('through_defaults') ?? null);
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
  if (name === 'all' && prefetchedObjects(st.instance, st.attr)) return fn(() => qs(st));
  if (st.m2m && (name === 'count' || name === 'exists'))
    return fn((args, kwargs) => callQs((!prefetchedObjects(st.instance, st.attr) && constrainedTarget(st)) || qs(st), name, args, kwargs));
  if (st.m2m && (name === 'get_or_create' || name === 'update_or_create'))
    return fn((args, kwargs) => {
      const kw = new Map(kwargs);
      const throughDefaults = kw.get('through_defaults') ?? null;
      kw.delete('through_defaults');
      const r = callQs(qs(st), name, args, kw) as PyTuple;
      if (r.items[1] === true) m2mAdd(st, [r.items[0]], throughDefaults);
      return r;
    });
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
    const st: ManagerState = { instance: inst, model: fk.model!, coreFilter: [fk.name!, inst], fk, attr: rel.getAccessorName() ?? '' };
    return new PyInstance(RelatedManagerClass, st);
  }
  const field = relOrField as Field;
  const relatedQueryName = (field as unknown as { relatedQueryName(): string }).relatedQueryName();
  if (!reverse) {
    const target = field.remoteField!.model as ModelClass;
    const st: ManagerState = { instance: inst, model: target, coreFilter: [`${relatedQueryName}__${metaOf(inst.cls)!.pk!.name}`, pkValue(inst)], m2m: { field, reverse: false }, attr: field.name! };
    return new PyInstance(ManyRelatedManagerClass, st);
  }
  const st: ManagerState = { instance: inst, model: field.model!, coreFilter: [`${field.name}__${metaOf(inst.cls)!.pk!.name}`, pkValue(inst)], m2m: { field, reverse: true }, attr: field.remoteField!.getAccessorName() ?? '' };
  return new PyInstance(ManyRelatedManagerClass, st);
}

ORM.relatedManager = relatedManager;

void PyDict;
