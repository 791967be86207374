// prefetch_related(): after a QuerySet's rows are read, one more query per relation named
// (level by level for `a__b`), with the SQL Django runs, and each instance's related objects
// kept on it, so `author.posts.all()` (and count()/exists() on the manager) run no query.

import { PyException, PyInstance, PyList, type PyValue } from '../../python/values';
import type { Field } from './fields/index';
import { metaOf, type ModelClass } from './fields/index';
import type { ForeignObjectRel } from './fields/reverse_related';
import { stateOf } from './instance';
import { Query, LOOKUP_SEP, type QLike } from './sql/query';
import { QuerySetState, fetchAll } from './query';

const KEY_PREFIX = 'prefetch:';

/** The objects prefetched for `attr` (a reverse or many-to-many manager's name), if any. */
export function prefetchedObjects(inst: PyInstance, attr: string): PyValue[] | null {
  const v = stateOf(inst).cache.get(KEY_PREFIX + attr);
  return v instanceof PyList ? v.items : null;
}

/** _remove_prefetched_objects: a manager that changes rows forgets what was prefetched. */
export function forgetPrefetched(inst: PyInstance, attr: string): void {
  stateOf(inst).cache.delete(KEY_PREFIX + attr);
}

type M2MField = Field & { m2mFieldName(): string; m2mReverseFieldName(): string; relatedQueryName(): string };

type Prefetcher =
  | { kind: 'forward'; field: Field & { targetField: Field } }
  | { kind: 'reverse'; rel: ForeignObjectRel }
  | { kind: 'm2m'; field: M2MField; reverse: boolean };

/** get_prefetcher: what `attr` is on instances of `cls`, or Django's error for the lookup. */
function prefetcherFor(first: PyInstance, attr: string, lookup: string, last: boolean): Prefetcher | null {
  const opts = metaOf(first.cls);
  const f = opts?.tryGetField(attr);
  if (opts && f && f.name === attr) {
    if (f.manyToMany) return { kind: 'm2m', field: f as M2MField, reverse: false };
    if (f.isRelation && (f.manyToOne || f.oneToOne)) return { kind: 'forward', field: f as Field & { targetField: Field } };
  } else if (opts) {
    const rel = opts.relatedObjects.find((r) => r.getAccessorName() === attr);
    if (rel) return rel.field.manyToMany ? { kind: 'm2m', field: rel.field as M2MField, reverse: true } : { kind: 'reverse', rel };
  }
  if (!opts || !(f && f.name === attr)) {
    throw new PyException('AttributeError', `Cannot find '${attr}' on ${first.cls.name} object, '${lookup}' is an invalid parameter to prefetch_related()`);
  }
  if (last) throw new PyException('ValueError', `'${lookup}' does not resolve to an item that supports prefetching - this is an invalid parameter to prefetch_related().`);
  return null;
}

function run(model: ModelClass, build: (q: Query) => void): PyInstance[] {
  const q = new Query(model);
  build(q);
  return fetchAll(new QuerySetState(model, q)) as PyInstance[];
}

const keyOf = (v: PyValue): string => `${typeof v}:${String(v)}`;

/** prefetch_one_level for the instances that do not have `attr` yet. */
function prefetchOneLevel(objs: PyInstance[], attr: string, p: Prefetcher): void {
  if (p.kind === 'forward') {
    const f = p.field;
    const todo = objs.filter((o) => !stateOf(o).cache.has(f.name!));
    if (!todo.length) return;
    const ids = new Map<string, PyValue>();
    for (const o of todo) {
      const v = o.dict.get(f.attname!) ?? null;
      if (v !== null && !ids.has(keyOf(v))) ids.set(keyOf(v), v);
    }
    const target = f.targetField;
    const model = f.remoteField!.model as ModelClass;
    const found = new Map<string, PyInstance>();
    if (ids.size) {
      // TupleIn on SQLite: one equality per value, ORed.
      const children = [...ids.values()].map((v) => [target.name!, v] as [string, PyValue]);
      const cond: QLike = children.length === 1 ? { connector: 'AND', negated: false, children } : { connector: 'OR', negated: false, children };
      for (const r of run(model, (q) => {
        q.addQ(cond);
        q.clearOrdering(true);
      })) {
        found.set(keyOf(r.dict.get(target.attname!) ?? null), r);
      }
    }
    const accessor = f.unique ? f.remoteField!.getAccessorName() : null;
    for (const o of todo) {
      const v = o.dict.get(f.attname!) ?? null;
      const r = v === null ? null : (found.get(keyOf(v)) ?? null);
      stateOf(o).cache.set(f.name!, r);
      if (r && accessor) stateOf(r).cache.set(accessor, o);
    }
    return;
  }
  const todo = objs.filter((o) => !stateOf(o).cache.has(KEY_PREFIX + attr));
  if (!todo.length) return;
  if (p.kind === 'reverse') {
    const fk = p.rel.field as Field & { targetField: Field };
    const rows = run(fk.model!, (q) => q.addQ({ connector: 'AND', negated: false, children: [[`${fk.name}__in`, new PyList(todo)]] }));
    const byKey = new Map<string, PyInstance>();
    for (const o of todo) byKey.set(keyOf(o.dict.get(fk.targetField.attname!) ?? null), o);
    const groups = new Map<string, PyInstance[]>();
    for (const r of rows) {
      const k = keyOf(r.dict.get(fk.attname!) ?? null);
      const owner = byKey.get(k);
      if (owner && !stateOf(r).cache.has(fk.name!)) stateOf(r).cache.set(fk.name!, owner);
      groups.set(k, [...(groups.get(k) ?? []), r]);
    }
    for (const o of todo) {
      const mine = groups.get(keyOf(o.dict.get(fk.targetField.attname!) ?? null)) ?? [];
      if (fk.oneToOne) {
        if (mine.length) stateOf(o).cache.set(attr, mine[0]);
      } else stateOf(o).cache.set(KEY_PREFIX + attr, new PyList(mine));
    }
    return;
  }
  const f = p.field;
  const through = metaOf(f.remoteField!.through as ModelClass)!;
  const sourceName = p.reverse ? f.m2mReverseFieldName() : f.m2mFieldName();
  const source = through.getField(sourceName) as Field & { targetField: Field };
  const queryName = p.reverse ? f.name! : f.relatedQueryName();
  const model = (p.reverse ? f.model : f.remoteField!.model) as ModelClass;
  const alias = `_prefetch_related_val_${source.attname}`;
  const rows = run(model, (q) => {
    q.addQ({ connector: 'AND', negated: false, children: [[`${queryName}__in`, new PyList(todo)]] });
    q.extraSelect = [{ alias, sql: `"${through.dbTable}"."${source.column}"` }];
  });
  const groups = new Map<string, PyInstance[]>();
  for (const r of rows) {
    const k = keyOf(r.dict.get(alias) ?? null);
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const o of todo) stateOf(o).cache.set(KEY_PREFIX + attr, new PyList(groups.get(keyOf(o.dict.get(source.targetField.attname!) ?? null)) ?? []));
}

/** prefetch_related_objects: every lookup, level by level, each level once. */
export function prefetchRelatedObjects(instances: PyInstance[], lookups: string[]): void {
  const done = new Map<string, PyInstance[]>();
  for (const lookup of lookups) {
    let objs = instances;
    const parts = lookup.split(LOOKUP_SEP);
    for (let level = 0; level < parts.length && objs.length; level++) {
      const path = parts.slice(0, level + 1).join(LOOKUP_SEP);
      const seen = done.get(path);
      if (seen) {
        objs = seen;
        continue;
      }
      const attr = parts[level];
      const p = prefetcherFor(objs[0], attr, lookup, level === parts.length - 1);
      if (!p) break;
      prefetchOneLevel(objs, attr, p);
      const next: PyInstance[] = [];
      for (const o of objs) {
        if (p.kind === 'forward') {
          const r = stateOf(o).cache.get(p.field.name!);
          if (r instanceof PyInstance) next.push(r);
        } else if (p.kind === 'reverse' && p.rel.field.oneToOne) {
          const r = stateOf(o).cache.get(attr);
          if (r instanceof PyInstance) next.push(r);
        } else next.push(...((prefetchedObjects(o, attr) ?? []) as PyInstance[]));
      }
      done.set(path, next);
      objs = next;
    }
  }
}
