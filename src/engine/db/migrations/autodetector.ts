// The autodetector (django/db/migrations/autodetector.py): compares two ProjectStates and
// produces the operations, split into migrations per app with dependencies, in Django's order.

import { PyBoundMethod, PyBuiltin, PyClass, PyDict, PyException, PyFunction, PyInstance, PyList, PySet, PyTuple, type PyValue } from '../../python/values';
import { pyEq } from '../../utils/py';
import { NOT_PROVIDED } from '../models/constants';
import type { MigrationKey } from './exceptions';
import { compareKeys, type MigrationGraph } from './graph';
import { Migration, type Dependency } from './migration';
import {
  AddConstraint,
  AddField,
  AddIndex,
  AlterConstraint,
  AlterField,
  AlterIndexTogether,
  AlterModelManagers,
  AlterModelOptions,
  AlterModelTable,
  AlterModelTableComment,
  AlterOrderWithRespectTo,
  AlterUniqueTogether,
  CreateModel,
  DeleteModel,
  RemoveConstraint,
  RemoveField,
  RemoveIndex,
  RenameField,
  RenameIndex,
  RenameModel,
  resolveRelation,
  type FieldLike,
  type ManagerLike,
  type NamedObjectLike,
  type Operation,
} from './operations';
import { listOption, togetherItems } from './operations/models';
import { MigrationOptimizer } from './optimizer';
import { MigrationQuestioner } from './questioner';
import { strCompare } from './serializer';

// ------------------------------------------------------------------------------------------
// What the autodetector reads from states (MODELS' ProjectState / ModelState)

/** A field as the autodetector inspects it (MODELS' Field). */
export interface DetectorField extends FieldLike {
  name: string | null;
  null: boolean;
  blank: boolean;
  unique: boolean;
  primaryKey: boolean;
  isRelation: boolean;
  manyToMany: boolean | null;
  emptyStringsAllowed: boolean;
  default: unknown;
  dbColumn: unknown;
  remoteField: (FieldLike['remoteField'] & { parentLink?: boolean; fieldName?: string | null; model: unknown }) | null;
  generated?: boolean;
  autoNow?: unknown;
  autoNowAdd?: unknown;
  swappableSetting?: string | null;
  pyClass?: PyClass;
  hasDefault(): boolean;
  hasDbDefault(): boolean;
  getInternalType(): string;
  setAttributesFromName(name: string): void;
  getAttnameColumn(): [string, string | null];
  clone(): DetectorField;
}

export interface DetectorModelState {
  appLabel: string;
  name: string;
  fields: Map<string, DetectorField>;
  options: Record<string, unknown> | Map<string, unknown>;
  bases: unknown[];
  managers: [string, ManagerLike][];
  getField(name: string): DetectorField;
}

export interface DetectorState {
  realApps: Set<string> | string[];
  resolveFieldsAndRelations(): void;
}

/** Adapts to how the model layer stores models and relations. */
export interface StateAccess {
  /** Every model: [[appLabel, modelNameLower], state]. */
  models(state: DetectorState): Iterable<[MigrationKey, DetectorModelState]>;
  model(state: DetectorState, appLabel: string, modelName: string): DetectorModelState | undefined;
  /** relations[app, model]: related model key -> { fieldName -> field }. */
  relations(state: DetectorState, appLabel: string, modelName: string): [MigrationKey, Map<string, DetectorField>][];
}

function opt(ms: DetectorModelState, key: string): unknown {
  return ms.options instanceof Map ? ms.options.get(key) : ms.options[key];
}
function hasOpt(ms: DetectorModelState, key: string): boolean {
  return ms.options instanceof Map ? ms.options.has(key) : key in ms.options;
}
function popOpt(ms: DetectorModelState, key: string): unknown {
  const v = opt(ms, key);
  if (ms.options instanceof Map) ms.options.delete(key);
  else delete ms.options[key];
  return v;
}
function optionsRecord(ms: DetectorModelState): Record<string, unknown> {
  return ms.options instanceof Map ? Object.fromEntries(ms.options) : { ...ms.options };
}
function nameLower(ms: DetectorModelState): string {
  return ms.name.toLowerCase();
}
const truthy = (v: unknown) => !!v && v !== 0n && !(typeof v === 'string' && v === '');

// ------------------------------------------------------------------------------------------
// Operation dependencies

const enum DepType {
  CREATE = 0,
  REMOVE = 1,
  ALTER = 2,
  REMOVE_ORDER_WRT = 3,
  ALTER_FOO_TOGETHER = 4,
}

interface OpDep {
  appLabel: string;
  modelName: string;
  fieldName: string | null;
  type: DepType;
}

const dep = (appLabel: string, modelName: string, fieldName: string | null, type: DepType): OpDep => ({ appLabel, modelName, fieldName, type });
const depKey = (d: OpDep) => `${d.appLabel}\u0000${d.modelName}\u0000${d.fieldName ?? '\u0001'}\u0000${d.type}`;

function uniqueDeps(deps: OpDep[]): OpDep[] {
  const seen = new Map<string, OpDep>();
  for (const d of deps) if (!seen.has(depKey(d))) seen.set(depKey(d), d);
  return [...seen.values()];
}

// ------------------------------------------------------------------------------------------
// Deep deconstruction and Python equality of the result

type Dec = unknown;

class DecList {
  constructor(
    readonly kind: 'list' | 'tuple',
    readonly items: Dec[],
  ) {}
}
class DecDict {
  constructor(readonly entries: [unknown, Dec][]) {}
}
class DecObject {
  constructor(
    readonly path: string,
    readonly args: Dec[],
    readonly kwargs: Map<string, Dec>,
  ) {}
}
class DecPartial {
  constructor(
    readonly func: unknown,
    readonly args: Dec,
    readonly keywords: Dec,
  ) {}
}

function nativeDeconstruct(obj: unknown): unknown[] | undefined {
  const n = obj instanceof PyInstance ? obj.native : obj;
  if (n && typeof n === 'object' && typeof (n as { deconstruct?: unknown }).deconstruct === 'function') {
    return (n as { deconstruct(): unknown[] }).deconstruct();
  }
  return undefined;
}

function kwEntries(k: unknown): [string, unknown][] {
  if (!k) return [];
  if (k instanceof Map) return [...k.entries()];
  if (k instanceof PyDict) return k.items().map(([a, b]) => [String(a), b]);
  return Object.entries(k as object);
}

/** Deconstructions of fields by object: state fields are not changed once built. */
const fieldDecCache = new WeakMap<object, Dec>();

/** deepDeconstruct of a field, cached and shared: read it, don't change it. */
function sharedFieldDec(field: DetectorField): DecObject {
  let d = fieldDecCache.get(field) as DecObject | undefined;
  if (!d) {
    d = deepDeconstruct(field) as DecObject;
    fieldDecCache.set(field, d);
  }
  return d;
}

/** deepDeconstruct of a field with its own copy of the keyword arguments (to edit). */
function fieldDec(field: DetectorField): DecObject {
  const d = sharedFieldDec(field);
  return new DecObject(d.path, d.args, new Map(d.kwargs));
}

export function deepDeconstruct(obj: unknown): Dec {
  if (obj instanceof PyList || Array.isArray(obj)) return new DecList('list', (Array.isArray(obj) ? obj : obj.items).map(deepDeconstruct));
  if (obj instanceof PyTuple) return new DecList('tuple', obj.items.map(deepDeconstruct));
  if (obj instanceof PyDict) return new DecDict(obj.items().map(([k, v]) => [k, deepDeconstruct(v)]));
  if (obj instanceof Map) return new DecDict([...obj.entries()].map(([k, v]) => [k, deepDeconstruct(v)]));
  if (obj instanceof PyInstance && obj.cls.module === 'functools' && obj.cls.name === 'partial') {
    const p = obj.native as { func: PyValue; args: PyValue[]; keywords: Map<string, PyValue> };
    return new DecPartial(p.func, deepDeconstruct(new PyTuple(p.args)), deepDeconstruct(p.keywords));
  }
  if (obj instanceof PyClass) return obj;
  const d = nativeDeconstruct(obj);
  if (d) {
    const parts = d.length === 4 ? d.slice(1) : d;
    if (parts.length === 3) {
      const [path, args, kwargs] = parts as [string, unknown, unknown];
      const argList = Array.isArray(args) ? args : args instanceof PyTuple || args instanceof PyList ? [...args.items] : [];
      return new DecObject(path, argList.map(deepDeconstruct), new Map(kwEntries(kwargs).map(([k, v]) => [k, deepDeconstruct(v)])));
    }
  }
  return obj;
}

/** Python == over deep-deconstructed values. */
export function decEq(a: Dec, b: Dec): boolean {
  if (a === b) return true;
  if (a instanceof DecList || b instanceof DecList) {
    return a instanceof DecList && b instanceof DecList && a.kind === b.kind && a.items.length === b.items.length && a.items.every((x, i) => decEq(x, b.items[i]));
  }
  if (a instanceof DecDict || b instanceof DecDict) {
    if (!(a instanceof DecDict && b instanceof DecDict) || a.entries.length !== b.entries.length) return false;
    return a.entries.every(([k, v]) => {
      const o = b.entries.find(([k2]) => leafEq(k, k2));
      return o !== undefined && decEq(v, o[1]);
    });
  }
  if (a instanceof DecObject || b instanceof DecObject) {
    if (!(a instanceof DecObject && b instanceof DecObject)) return false;
    return a.path === b.path && a.args.length === b.args.length && a.args.every((x, i) => decEq(x, b.args[i])) && kwargsEq(a.kwargs, b.kwargs);
  }
  if (a instanceof DecPartial || b instanceof DecPartial) {
    return a instanceof DecPartial && b instanceof DecPartial && leafEq(a.func, b.func) && decEq(a.args, b.args) && decEq(a.keywords, b.keywords);
  }
  return leafEq(a, b);
}

function kwargsEq(a: Map<string, Dec>, b: Map<string, Dec>): boolean {
  if (a.size !== b.size) return false;
  for (const [k, v] of a) {
    if (!b.has(k) || !decEq(v, b.get(k))) return false;
  }
  return true;
}

function leafEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  if (a === NOT_PROVIDED || b === NOT_PROVIDED) return false;
  if (isRegex(a) && isRegex(b)) {
    const x = (a as PyInstance).native as { pattern: PyValue; flags: unknown };
    const y = (b as PyInstance).native as { pattern: PyValue; flags: unknown };
    return pyEq(x.pattern, y.pattern) && String(x.flags) === String(y.flags);
  }
  if (a instanceof PyFunction || a instanceof PyBuiltin) return false;
  return pyEq(a as PyValue, b as PyValue);
}

function isRegex(v: unknown): boolean {
  return v instanceof PyInstance && v.cls.module === 're' && v.cls.name === 'Pattern';
}

function isCallableValue(v: unknown): boolean {
  if (v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod || v instanceof PyClass) return true;
  return v instanceof PyInstance && v.cls.lookup('__call__') !== undefined;
}

/** Equality of indexes/constraints (their __eq__ compares deconstruct()). */
function objEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const n = a instanceof PyInstance ? a.native : a;
  const eq = (n as { eq?: (o: unknown) => boolean } | undefined)?.eq;
  if (typeof eq === 'function') return eq.call(n, b instanceof PyInstance ? b.native : b);
  return decEq(deepDeconstruct(a), deepDeconstruct(b));
}

function objName(o: unknown): string {
  const n = o instanceof PyInstance ? o.native : o;
  return (n as NamedObjectLike).name;
}

// ------------------------------------------------------------------------------------------

const k2 = (app: string, model: string) => `${app}\u0000${model}`;
const k3 = (app: string, model: string, field: string) => `${app}\u0000${model}\u0000${field}`;
const splitMemo = new Map<string, string[]>();
/** The parts of a joined key (memoized: the same keys are split over and over). */
const split = (k: string): string[] => {
  let parts = splitMemo.get(k);
  if (!parts) {
    if (splitMemo.size > 200_000) splitMemo.clear();
    parts = k.split('\u0000');
    splitMemo.set(k, parts);
  }
  return parts;
};
/** Keys joined with '\u0000' sort as Python sorts the tuples they stand for. */
const sortedKeys = (keys: Iterable<string>) => [...keys].sort(strCompare);

export interface AutodetectorOptions {
  /** settings.<name> for swappable dependencies (AUTH_USER_MODEL). */
  setting(name: string): string | undefined;
}

export type Changes = Map<string, Migration[]>;

export class MigrationAutodetector {
  private readonly existingApps: Set<string>;
  private generatedOperations = new Map<string, Operation[]>();
  private autoDeps = new Map<Operation, OpDep[]>();
  private alteredIndexes = new Map<string, { added: unknown[]; removed: unknown[]; renamed: [string | null, string, string[] | null][] }>();
  private alteredConstraints = new Map<string, { added: unknown[]; removed: unknown[]; altered: unknown[] }>();
  private renamedFields = new Map<string, string>();
  private renamedModels = new Map<string, string>();
  private renamedModelsRel = new Map<string, string>();
  private renamedOperations: [string, string, unknown, string, string, string, DetectorField, string][] = [];
  private renamedIndexTogetherValues = new Map<string, string[][]>();
  private oldModelKeys = new Set<string>();
  private oldProxyKeys = new Set<string>();
  private oldUnmanagedKeys = new Set<string>();
  private newModelKeys = new Set<string>();
  private newProxyKeys = new Set<string>();
  private newUnmanagedKeys = new Set<string>();
  private keptModelKeys = new Set<string>();
  private keptProxyKeys = new Set<string>();
  private keptUnmanagedKeys = new Set<string>();
  private throughUsers = new Map<string, [string, string, string]>();
  private oldFieldKeys = new Set<string>();
  private newFieldKeys = new Set<string>();
  private migrations: Changes = new Map();

  constructor(
    readonly fromState: DetectorState,
    readonly toState: DetectorState,
    readonly access: StateAccess,
    readonly questioner: MigrationQuestioner = new MigrationQuestioner(),
    readonly options: AutodetectorOptions = { setting: () => undefined },
  ) {
    this.existingApps = new Set([...access.models(fromState)].map(([key]) => key[0]));
  }

  private readonly fromIndex = new Map<string, DetectorModelState>();
  private readonly toIndex = new Map<string, DetectorModelState>();

  private from(app: string, model: string): DetectorModelState {
    const ms = this.fromIndex.get(k2(app, model)) ?? this.access.model(this.fromState, app, model);
    if (!ms) throw new PyException('KeyError', `('${app}', '${model}')`);
    return ms;
  }
  private to(app: string, model: string): DetectorModelState {
    const ms = this.toIndex.get(k2(app, model)) ?? this.access.model(this.toState, app, model);
    if (!ms) throw new PyException('KeyError', `('${app}', '${model}')`);
    return ms;
  }
  private oldName(app: string, model: string): string {
    return this.renamedModels.get(k2(app, model)) ?? model;
  }

  changes(graph: MigrationGraph, trimToApps?: Set<string>, convertApps?: Set<string>, migrationName?: string): Changes {
    let changes = this.detectChanges(convertApps, graph);
    changes = this.arrangeForGraph(changes, graph, migrationName);
    if (trimToApps && trimToApps.size) changes = this.trimToApps(changes, trimToApps);
    return changes;
  }

  private onlyRelationAgnosticFields(fields: Map<string, DetectorField>): Dec[] {
    const out: Dec[] = [];
    for (const name of [...fields.keys()].sort(strCompare)) {
      const field = fields.get(name)!;
      const d = fieldDec(field);
      if (field.remoteField && field.remoteField.model) d.kwargs.delete('to');
      out.push(d);
    }
    return out;
  }

  private realApps(state: DetectorState): Set<string> {
    return state.realApps instanceof Set ? state.realApps : new Set(state.realApps);
  }

  detectChanges(convertApps?: Set<string>, graph?: MigrationGraph): Changes {
    const fromReal = this.realApps(this.fromState);
    for (const [[app, model], ms] of this.access.models(this.fromState)) this.fromIndex.set(k2(app, model), ms);
    for (const [[app, model], ms] of this.access.models(this.toState)) this.toIndex.set(k2(app, model), ms);
    for (const [key, ms] of this.fromIndex) {
      const [app, model] = split(key);
      const managed = hasOpt(ms, 'managed') ? truthy(opt(ms, 'managed')) : true;
      if (!managed) this.oldUnmanagedKeys.add(k2(app, model));
      else if (!fromReal.has(app)) {
        if (truthy(opt(ms, 'proxy'))) this.oldProxyKeys.add(k2(app, model));
        else this.oldModelKeys.add(k2(app, model));
      }
    }
    for (const [key, ms] of this.toIndex) {
      const [app, model] = split(key);
      const managed = hasOpt(ms, 'managed') ? truthy(opt(ms, 'managed')) : true;
      if (!managed) this.newUnmanagedKeys.add(k2(app, model));
      else if (!fromReal.has(app) || (convertApps && convertApps.has(app))) {
        if (truthy(opt(ms, 'proxy'))) this.newProxyKeys.add(k2(app, model));
        else this.newModelKeys.add(k2(app, model));
      }
    }
    this.fromState.resolveFieldsAndRelations();
    this.toState.resolveFieldsAndRelations();

    this.generateRenamedModels();
    this.prepareFieldLists();
    this.generateThroughModelMap();
    this.generateDeletedModels();
    this.generateCreatedModels();
    this.generateDeletedProxies();
    this.generateCreatedProxies();
    this.generateAlteredOptions();
    this.generateAlteredManagers();
    this.generateAlteredDbTableComment();
    this.createRenamedFields();
    this.createAlteredIndexes();
    this.createAlteredConstraints();
    this.generateRemovedConstraints();
    this.generateRemovedIndexes();
    this.generateRenamedFields();
    this.generateRenamedIndexes();
    this.generateRemovedAlteredUniqueTogether();
    this.generateRemovedFields();
    this.generateAddedFields();
    this.generateAlteredFields();
    this.generateAlteredOrderWithRespectTo();
    this.generateAlteredUniqueTogether();
    this.generateAddedIndexes();
    this.generateAddedConstraints();
    this.generateAlteredConstraints();
    this.generateAlteredDbTable();

    this.sortMigrations();
    this.buildMigrationList(graph);
    this.optimizeMigrations();
    return this.migrations;
  }

  private prepareFieldLists(): void {
    this.keptModelKeys = intersect(this.oldModelKeys, this.newModelKeys);
    this.keptProxyKeys = intersect(this.oldProxyKeys, this.newProxyKeys);
    this.keptUnmanagedKeys = intersect(this.oldUnmanagedKeys, this.newUnmanagedKeys);
    this.oldFieldKeys = new Set();
    this.newFieldKeys = new Set();
    for (const key of this.keptModelKeys) {
      const [app, model] = split(key);
      for (const f of this.from(app, this.oldName(app, model)).fields.keys()) this.oldFieldKeys.add(k3(app, model, f));
      for (const f of this.to(app, model).fields.keys()) this.newFieldKeys.add(k3(app, model, f));
    }
  }

  private generateThroughModelMap(): void {
    for (const key of sortedKeys(this.oldModelKeys)) {
      const [app, model] = split(key);
      const oldModelName = this.oldName(app, model);
      const ms = this.from(app, oldModelName);
      for (const [fieldName, field] of ms.fields) {
        const through = field.remoteField?.through;
        if (through) {
          const [ta, tm] = resolveRelation(through, app, model);
          this.throughUsers.set(k2(ta, tm), [app, oldModelName, fieldName]);
        }
      }
    }
  }

  private resolveDependency(d: OpDep): [OpDep, boolean] {
    if (d.appLabel !== '__setting__') return [d, false];
    const value = this.options.setting(d.modelName) ?? '';
    const [app, obj] = value.split('.');
    return [dep(app, (obj ?? '').toLowerCase(), d.fieldName, d.type), true];
  }

  private buildMigrationList(graph?: MigrationGraph): void {
    this.migrations = new Map();
    const total = () => [...this.generatedOperations.values()].reduce((n, ops) => n + ops.length, 0);
    let numOps = total();
    let chopMode = false;
    while (numOps) {
      for (const appLabel of [...this.generatedOperations.keys()].sort(strCompare)) {
        const chopped: Operation[] = [];
        const dependencies = new Map<string, Dependency>();
        const ops = this.generatedOperations.get(appLabel)!;
        for (const operation of [...ops]) {
          let depsSatisfied = true;
          const opDeps = new Map<string, Dependency>();
          for (const originalDep of this.autoDeps.get(operation) ?? []) {
            const [d, isSwappable] = this.resolveDependency(originalDep);
            if (d.appLabel !== appLabel) {
              for (const other of this.generatedOperations.get(d.appLabel) ?? []) {
                if (this.checkDependency(other, d)) {
                  depsSatisfied = false;
                  break;
                }
              }
              if (!depsSatisfied) break;
              let add: Dependency | undefined;
              if (isSwappable) add = [originalDep.appLabel, originalDep.modelName];
              else if (this.migrations.has(d.appLabel)) {
                const list = this.migrations.get(d.appLabel)!;
                add = [d.appLabel, list[list.length - 1].name];
              } else if (chopMode) {
                const leaves = graph ? graph.leafNodes(d.appLabel) : [];
                add = leaves.length ? leaves[0] : [d.appLabel, '__first__'];
              } else depsSatisfied = false;
              if (add) opDeps.set(`${add[0]}\u0000${add[1]}`, add);
            }
          }
          if (depsSatisfied) {
            chopped.push(operation);
            for (const [k, v] of opDeps) dependencies.set(k, v);
            ops.shift();
          } else break;
        }
        if (dependencies.size || chopped.length) {
          if (!ops.length || chopMode) {
            const list = this.migrations.get(appLabel) ?? [];
            const m = new Migration(`auto_${list.length + 1}`, appLabel);
            m.dependencies = [...dependencies.values()];
            m.operations = chopped;
            m.initial = !this.existingApps.has(appLabel);
            list.push(m);
            this.migrations.set(appLabel, list);
            chopMode = false;
          } else {
            this.generatedOperations.set(appLabel, [...chopped, ...ops]);
          }
        }
      }
      const newNum = total();
      if (newNum === numOps) {
        if (!chopMode) chopMode = true;
        else throw new PyException('ValueError', 'Cannot resolve operation dependencies');
      }
      numOps = newNum;
    }
  }

  /** graphlib.TopologicalSorter(...).static_order() within each app. */
  private sortMigrations(): void {
    for (const appLabel of [...this.generatedOperations.keys()].sort(strCompare)) {
      const ops = this.generatedOperations.get(appLabel)!;
      const info = new Map<Operation, { npred: number; succ: Operation[] }>();
      const node = (op: Operation) => {
        let i = info.get(op);
        if (!i) info.set(op, (i = { npred: 0, succ: [] }));
        return i;
      };
      // Operations by the model they act on: a dependency only ever matches those.
      const byModel = new Map<string, Operation[]>();
      for (const op of ops) {
        const m = opModel(op);
        if (m === undefined) continue;
        const list = byModel.get(m);
        if (list) list.push(op);
        else byModel.set(m, [op]);
      }
      for (const op of ops) {
        node(op);
        for (const d0 of this.autoDeps.get(op) ?? []) {
          const d = this.resolveDependency(d0)[0];
          if (d.appLabel !== appLabel) continue;
          const preds = (byModel.get(d.modelName.toLowerCase()) ?? []).filter((x) => this.checkDependency(x, d));
          const ni = node(op);
          for (const p of preds) {
            ni.npred++;
            node(p).succ.push(op);
          }
        }
      }
      const out: Operation[] = [];
      let ready = [...info.entries()].filter(([, i]) => i.npred === 0).map(([op]) => op);
      while (ready.length) {
        const group = ready;
        ready = [];
        out.push(...group);
        for (const op of group) {
          for (const s of info.get(op)!.succ) {
            const si = info.get(s)!;
            si.npred--;
            if (si.npred === 0) ready.push(s);
          }
        }
      }
      if (out.length !== info.size) {
        throw new PyException('graphlib.CycleError', 'nodes are in a cycle');
      }
      this.generatedOperations.set(appLabel, out);
    }
  }

  private optimizeMigrations(): void {
    for (const [appLabel, migrations] of this.migrations) {
      for (let i = 1; i < migrations.length; i++) migrations[i].dependencies.push([appLabel, migrations[i - 1].name]);
    }
    for (const migrations of this.migrations.values()) {
      for (const m of migrations) {
        const seen = new Map<string, Dependency>();
        for (const d of m.dependencies) if (!seen.has(`${d[0]}\u0000${d[1]}`)) seen.set(`${d[0]}\u0000${d[1]}`, d);
        m.dependencies = [...seen.values()];
      }
    }
    for (const [appLabel, migrations] of this.migrations) {
      for (const m of migrations) m.operations = new MigrationOptimizer().optimize(m.operations, appLabel);
    }
  }

  private checkDependency(operation: Operation, d: OpDep): boolean {
    const modelLower = d.modelName.toLowerCase();
    const fieldLower = d.fieldName?.toLowerCase();
    if (d.fieldName === null && d.type === DepType.CREATE) {
      return operation instanceof CreateModel && operation.nameLower === modelLower;
    }
    if (d.fieldName !== null && d.type === DepType.CREATE) {
      return (
        (operation instanceof CreateModel && operation.nameLower === modelLower && operation.fields.some(([x]) => x === d.fieldName)) ||
        (operation instanceof AddField && operation.modelNameLower === modelLower && operation.nameLower === fieldLower)
      );
    }
    if (d.fieldName !== null && d.type === DepType.REMOVE) {
      return operation instanceof RemoveField && operation.modelNameLower === modelLower && operation.nameLower === fieldLower;
    }
    if (d.fieldName === null && d.type === DepType.REMOVE) {
      return operation instanceof DeleteModel && operation.nameLower === modelLower;
    }
    if (d.fieldName !== null && d.type === DepType.ALTER) {
      return operation instanceof AlterField && operation.modelNameLower === modelLower && operation.nameLower === fieldLower;
    }
    if (d.fieldName !== null && d.type === DepType.REMOVE_ORDER_WRT) {
      return operation instanceof AlterOrderWithRespectTo && operation.nameLower === modelLower && (operation.orderWithRespectTo ?? '').toLowerCase() !== fieldLower;
    }
    if (d.fieldName !== null && d.type === DepType.ALTER_FOO_TOGETHER) {
      return (operation instanceof AlterUniqueTogether || operation instanceof AlterIndexTogether) && operation.nameLower === modelLower;
    }
    throw new PyException('ValueError', "Can't handle dependency");
  }

  private addOperation(appLabel: string, operation: Operation, dependencies: OpDep[] = [], beginning = false): void {
    this.autoDeps.set(operation, dependencies);
    const list = this.generatedOperations.get(appLabel) ?? [];
    if (beginning) list.unshift(operation);
    else list.push(operation);
    this.generatedOperations.set(appLabel, list);
  }

  private swappableFirstKey(key: string): [string, string] {
    const [app, model] = split(key);
    const ms = this.access.model(this.toState, app, model);
    if (ms) {
      const baseNames = new Set(ms.bases.map((b) => (typeof b === 'string' ? b : b instanceof PyClass ? b.name : String(b))));
      const auth = (this.options.setting('AUTH_USER_MODEL') ?? 'auth.User').toLowerCase();
      if (truthy(opt(ms, 'swappable')) || baseNames.has('AbstractUser') || baseNames.has('AbstractBaseUser') || auth === `${app}.${model}`.toLowerCase()) {
        return ['___' + app, '___' + model];
      }
    }
    return [app, model];
  }

  private generateRenamedModels(): void {
    const added = difference(this.newModelKeys, this.oldModelKeys);
    for (const key of sortedKeys(added)) {
      const [app, model] = split(key);
      const ms = this.to(app, model);
      const fieldsDef = this.onlyRelationAgnosticFields(ms.fields);
      const removed = difference(this.oldModelKeys, this.newModelKeys);
      for (const rkey of removed) {
        const [remApp, remModel] = split(rkey);
        if (remApp !== app) continue;
        const remState = this.from(remApp, remModel);
        const remDef = this.onlyRelationAgnosticFields(remState.fields);
        if (!decEq(new DecList('list', fieldsDef), new DecList('list', remDef))) continue;
        if (this.questioner.askRenameModel(remState.appLabel, remState.name, ms.name)) {
          const dependencies: OpDep[] = [];
          const fields: DetectorField[] = [...ms.fields.values()];
          for (const [, rel] of this.access.relations(this.toState, app, model)) {
            for (const f of rel.values()) if (f.remoteField) fields.push(f.remoteField as unknown as DetectorField);
          }
          for (const f of fields) {
            if (f.isRelation) dependencies.push(...this.dependenciesForForeignKey(app, model, f));
          }
          this.addOperation(app, new RenameModel(remState.name, ms.name), dependencies);
          this.renamedModels.set(k2(app, model), remModel);
          this.renamedModelsRel.set(`${remState.appLabel}.${nameLower(remState)}`, `${ms.appLabel}.${nameLower(ms)}`);
          this.oldModelKeys.delete(rkey);
          this.oldModelKeys.add(k2(app, model));
          break;
        }
      }
    }
  }

  private generateCreatedModels(): void {
    const oldKeys = union(this.oldModelKeys, this.oldUnmanagedKeys);
    const added = difference(this.newModelKeys, oldKeys);
    const addedUnmanaged = difference(this.newUnmanagedKeys, oldKeys);
    const byKeyDesc = (keys: Set<string>) =>
      [...keys].sort((a, b) => {
        const ka = this.swappableFirstKey(a);
        const kb = this.swappableFirstKey(b);
        return -(strCompare(ka[0], kb[0]) || strCompare(ka[1], kb[1]));
      });
    for (const key of [...byKeyDesc(added), ...byKeyDesc(addedUnmanaged)]) {
      const [app, model] = split(key);
      const ms = this.to(app, model);
      const relatedFields = new Map<string, DetectorField>();
      let primaryKeyRel: unknown = null;
      for (const [fieldName, field] of ms.fields) {
        if (field.remoteField) {
          if (field.remoteField.model) {
            if (field.primaryKey) primaryKeyRel = field.remoteField.model;
            else if (!field.remoteField.parentLink) relatedFields.set(fieldName, field);
          }
          if (field.remoteField.through) relatedFields.set(fieldName, field);
        }
      }
      const indexes = listOption(popOpt(ms, 'indexes'));
      const constraints = listOption(popOpt(ms, 'constraints'));
      const uniqueTogether = popOpt(ms, 'unique_together') ?? null;
      const orderWithRespectTo = popOpt(ms, 'order_with_respect_to') ?? null;
      const dependencies: OpDep[] = [dep(app, model, null, DepType.REMOVE)];
      for (const base of ms.bases) {
        if (typeof base === 'string' && base.includes('.')) {
          const i = base.indexOf('.');
          const baseApp = base.slice(0, i);
          const baseName = base.slice(i + 1);
          dependencies.push(dep(baseApp, baseName, null, DepType.CREATE));
          const oldBase = this.access.model(this.fromState, baseApp, baseName);
          const newBase = this.access.model(this.toState, baseApp, baseName);
          if (oldBase && newBase) {
            for (const f of oldBase.fields.keys()) {
              if (!newBase.fields.has(f) && ms.fields.has(f)) dependencies.push(dep(baseApp, baseName, f, DepType.REMOVE));
            }
          }
        }
      }
      if (primaryKeyRel) {
        const [pa, pm] = resolveRelation(primaryKeyRel, app, model);
        dependencies.push(dep(pa, pm, null, DepType.CREATE));
      }
      this.addOperation(
        app,
        new CreateModel(
          ms.name,
          [...ms.fields.entries()].filter(([n]) => !relatedFields.has(n)),
          optionsRecord(ms),
          ms.bases,
          ms.managers,
        ),
        dependencies,
        true,
      );
      const managed = hasOpt(ms, 'managed') ? truthy(opt(ms, 'managed')) : true;
      if (!managed) continue;
      const relatedNames = [...relatedFields.keys()].sort(strCompare);
      for (const name of relatedNames) {
        const field = relatedFields.get(name)!;
        const deps = this.dependenciesForForeignKey(app, model, field);
        deps.push(dep(app, model, null, DepType.CREATE));
        this.addOperation(app, new AddField(model, name, field), uniqueDeps(deps));
      }
      if (truthy(orderWithRespectTo)) {
        this.addOperation(app, new AlterOrderWithRespectTo(model, orderWithRespectTo as string), [
          dep(app, model, orderWithRespectTo as string, DepType.CREATE),
          dep(app, model, null, DepType.CREATE),
        ]);
      }
      const relatedDependencies = relatedNames.map((n) => dep(app, model, n, DepType.CREATE));
      relatedDependencies.push(dep(app, model, null, DepType.CREATE));
      for (const index of indexes) this.addOperation(app, new AddIndex(model, nativeObj(index)), relatedDependencies);
      for (const c of constraints) this.addOperation(app, new AddConstraint(model, nativeObj(c)), relatedDependencies);
      if (uniqueTogether && togetherItems(uniqueTogether).length) {
        this.addOperation(app, new AlterUniqueTogether(model, uniqueTogether), relatedDependencies);
      }
      if (this.oldProxyKeys.has(k2(app, model))) {
        for (const [relKey, relFields] of this.access.relations(this.toState, app, model)) {
          const relState = this.to(relKey[0], relKey[1]);
          for (const [relFieldName, relField] of relFields) {
            this.addOperation(relState.appLabel, new AlterField(relState.name, relFieldName, relField), [dep(app, model, null, DepType.CREATE)]);
          }
        }
      }
    }
  }

  private generateCreatedProxies(): void {
    for (const key of sortedKeys(difference(this.newProxyKeys, this.oldProxyKeys))) {
      const [app, model] = split(key);
      const ms = this.to(app, model);
      const dependencies: OpDep[] = [dep(app, model, null, DepType.REMOVE)];
      for (const base of ms.bases) {
        if (typeof base === 'string' && base.includes('.')) {
          const i = base.indexOf('.');
          dependencies.push(dep(base.slice(0, i), base.slice(i + 1), null, DepType.CREATE));
        }
      }
      this.addOperation(app, new CreateModel(ms.name, [], optionsRecord(ms), ms.bases, ms.managers), dependencies);
    }
  }

  private generateDeletedModels(): void {
    const newKeys = union(this.newModelKeys, this.newUnmanagedKeys);
    const deleted = difference(this.oldModelKeys, newKeys);
    const deletedUnmanaged = difference(this.oldUnmanagedKeys, newKeys);
    for (const key of [...sortedKeys(deleted), ...sortedKeys(deletedUnmanaged)]) {
      const [app, model] = split(key);
      const ms = this.from(app, model);
      const relatedFields = new Map<string, DetectorField>();
      for (const [fieldName, field] of ms.fields) {
        if (field.remoteField) {
          if (field.remoteField.model) relatedFields.set(fieldName, field);
          if (field.remoteField.through) relatedFields.set(fieldName, field);
        }
      }
      const uniqueTogether = popOpt(ms, 'unique_together');
      if (uniqueTogether && togetherItems(uniqueTogether).length) this.addOperation(app, new AlterUniqueTogether(model, null));
      const relatedNames = [...relatedFields.keys()].sort(strCompare);
      for (const name of relatedNames) this.addOperation(app, new RemoveField(model, name));
      const dependencies: OpDep[] = [];
      for (const [[relApp, relModel], relFields] of this.access.relations(this.fromState, app, model)) {
        for (const [fieldName, field] of relFields) {
          dependencies.push(dep(relApp, relModel, fieldName, DepType.REMOVE));
          if (!field.manyToMany) dependencies.push(dep(relApp, relModel, fieldName, DepType.ALTER));
        }
      }
      for (const name of relatedNames) dependencies.push(dep(app, model, name, DepType.REMOVE));
      const throughUser = this.throughUsers.get(k2(app, nameLower(ms)));
      if (throughUser) dependencies.push(dep(throughUser[0], throughUser[1], throughUser[2], DepType.REMOVE));
      this.addOperation(app, new DeleteModel(ms.name), uniqueDeps(dependencies));
    }
  }

  private generateDeletedProxies(): void {
    for (const key of sortedKeys(difference(this.oldProxyKeys, this.newProxyKeys))) {
      const [app, model] = split(key);
      this.addOperation(app, new DeleteModel(this.from(app, model).name));
    }
  }

  private createRenamedFields(): void {
    this.renamedOperations = [];
    const oldFieldKeys = new Set(this.oldFieldKeys);
    for (const key of sortedKeys(difference(this.newFieldKeys, oldFieldKeys))) {
      const [app, model, fieldName] = split(key);
      const oldModelState = this.from(app, this.oldName(app, model));
      const newModelState = this.to(app, model);
      const field = newModelState.getField(fieldName);
      const newDec = sharedFieldDec(field);
      for (const rkey of sortedKeys(difference(oldFieldKeys, this.newFieldKeys))) {
        const [remApp, remModel, remField] = split(rkey);
        if (remApp !== app || remModel !== model) continue;
        const oldField = oldModelState.getField(remField);
        const oldDec = fieldDec(oldField);
        if (field.remoteField && field.remoteField.model && oldDec.kwargs.has('to')) {
          const oldRelTo = oldDec.kwargs.get('to');
          if (typeof oldRelTo === 'string' && this.renamedModelsRel.has(oldRelTo)) oldDec.kwargs.set('to', this.renamedModelsRel.get(oldRelTo));
        }
        oldField.setAttributesFromName(remField);
        const oldDbColumn = oldField.getAttnameColumn()[1];
        const withColumn = new Map(oldDec.kwargs);
        withColumn.set('db_column', oldDbColumn);
        if (
          decEq(oldDec, newDec) ||
          (oldDec.path === newDec.path && decEq(new DecList('list', oldDec.args), new DecList('list', newDec.args)) && kwargsEq(withColumn, newDec.kwargs))
        ) {
          if (this.questioner.askRename(model, remField, fieldName, fieldClassName(field))) {
            this.renamedOperations.push([remApp, remModel, oldField.dbColumn, remField, app, model, field, fieldName]);
            oldFieldKeys.delete(rkey);
            oldFieldKeys.add(k3(app, model, fieldName));
            this.renamedFields.set(k3(app, model, fieldName), remField);
            break;
          }
        }
      }
    }
  }

  private generateRenamedFields(): void {
    for (const [remApp, remModel, remDbColumn, remField, app, model, field, fieldName] of this.renamedOperations) {
      if (!pyEq(remDbColumn as PyValue, field.dbColumn as PyValue)) {
        const altered = field.clone();
        altered.name = remField;
        this.addOperation(app, new AlterField(model, remField, altered));
      }
      this.addOperation(app, new RenameField(model, remField, fieldName));
      this.oldFieldKeys.delete(k3(remApp, remModel, remField));
      this.oldFieldKeys.add(k3(app, model, fieldName));
    }
  }

  private generateAddedFields(): void {
    for (const key of sortedKeys(difference(this.newFieldKeys, this.oldFieldKeys))) {
      const [app, model, fieldName] = split(key);
      this.generateAddedField(app, model, fieldName);
    }
  }

  private generateAddedField(app: string, model: string, fieldName: string): void {
    let field = this.to(app, model).getField(fieldName);
    const dependencies: OpDep[] = [dep(app, model, fieldName, DepType.REMOVE)];
    if (field.remoteField && field.remoteField.model) dependencies.push(...this.dependenciesForForeignKey(app, model, field));
    if (field.generated) dependencies.push(...this.dependenciesForGeneratedField(field));
    const type = field.getInternalType();
    const isTime = type === 'DateField' || type === 'DateTimeField' || type === 'TimeField';
    const isAuto = type === 'AutoField' || type === 'SmallAutoField' || type === 'BigAutoField';
    const preserveDefault =
      field.null ||
      field.hasDefault() ||
      field.hasDbDefault() ||
      !!field.manyToMany ||
      (field.blank && field.emptyStringsAllowed) ||
      (isTime && truthy(field.autoNow)) ||
      isAuto;
    if (!preserveDefault) {
      field = field.clone();
      if (isTime && truthy(field.autoNowAdd)) field.default = this.questioner.askAutoNowAddAddition(fieldName, model);
      else field.default = this.questioner.askNotNullAddition(fieldName, model);
    }
    if (field.unique && field.hasDefault() && isCallableValue(field.default)) {
      this.questioner.askUniqueCallableDefaultAddition(fieldName, model);
    }
    this.addOperation(app, new AddField(model, fieldName, field, !!preserveDefault), dependencies);
  }

  private generateRemovedFields(): void {
    for (const key of sortedKeys(difference(this.oldFieldKeys, this.newFieldKeys))) {
      const [app, model, fieldName] = split(key);
      this.generateRemovedField(app, model, fieldName);
    }
  }

  private generateRemovedField(app: string, model: string, fieldName: string): void {
    this.addOperation(app, new RemoveField(model, fieldName), [
      dep(app, model, fieldName, DepType.REMOVE_ORDER_WRT),
      dep(app, model, fieldName, DepType.ALTER_FOO_TOGETHER),
    ]);
  }

  private generateAlteredFields(): void {
    for (const key of sortedKeys(intersect(this.oldFieldKeys, this.newFieldKeys))) {
      const [app, model, fieldName] = split(key);
      const oldModelName = this.oldName(app, model);
      const oldFieldName = this.renamedFields.get(k3(app, model, fieldName)) ?? fieldName;
      const oldField = this.from(app, oldModelName).getField(oldFieldName);
      const newField = this.to(app, model).getField(fieldName);
      const dependencies: OpDep[] = [];
      // The new field may be pointed back at the old names below: deconstruct it afresh.
      fieldDecCache.delete(newField);
      if (newField.remoteField && newField.remoteField.model) {
        const renameKey = resolveRelation(newField.remoteField.model, app, model);
        if (this.renamedModels.has(k2(...renameKey))) newField.remoteField.model = oldField.remoteField!.model;
        const remoteFieldName = newField.remoteField.fieldName;
        if (remoteFieldName) {
          if (this.renamedFields.has(k3(renameKey[0], renameKey[1], remoteFieldName))) {
            newField.remoteField.model = oldField.remoteField!.model;
            newField.remoteField.fieldName = oldField.remoteField!.fieldName;
          }
        }
        const fromFields = newField.fromFields;
        if (fromFields && fromFields.length) {
          (newField as { fromFields?: unknown[] }).fromFields = fromFields.map((f) => this.renamedFields.get(k3(app, model, String(f))) ?? f);
          (newField as { toFields?: unknown[] }).toFields = (newField.toFields ?? []).map((f) =>
            f === null ? f : (this.renamedFields.get(k3(renameKey[0], renameKey[1], String(f))) ?? f),
          );
        }
        dependencies.push(...this.dependenciesForForeignKey(app, model, newField));
      }
      if (newField.remoteField && newField.remoteField.through) {
        const renameKey = resolveRelation(newField.remoteField.through, app, model);
        if (this.renamedModels.has(k2(...renameKey))) newField.remoteField.through = oldField.remoteField!.through;
      }
      const oldDec = sharedFieldDec(oldField);
      const newDec = sharedFieldDec(newField);
      if (!decEq(oldDec, newDec) && oldFieldName === fieldName) {
        const bothM2m = !!oldField.manyToMany && !!newField.manyToMany;
        const neitherM2m = !oldField.manyToMany && !newField.manyToMany;
        if (bothM2m || neitherM2m) {
          let preserveDefault = true;
          let field = newField;
          if (oldField.null && !newField.null && !newField.hasDefault() && !newField.hasDbDefault() && !newField.manyToMany) {
            field = newField.clone();
            const newDefault = this.questioner.askNotNullAlteration(fieldName, model);
            if (newDefault !== NOT_PROVIDED) {
              field.default = newDefault;
              preserveDefault = false;
            }
          }
          this.addOperation(app, new AlterField(model, fieldName, field, preserveDefault), dependencies);
        } else {
          this.generateRemovedField(app, model, fieldName);
          this.generateAddedField(app, model, fieldName);
        }
      }
    }
  }

  private createAlteredIndexes(): void {
    this.renamedIndexTogetherValues = new Map();
    const together = [...this.alteredFooTogether('index_together')];
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [app, model] = split(key);
      const oldState = this.from(app, this.oldName(app, model));
      const newState = this.to(app, model);
      const oldIndexes = listOption(opt(oldState, 'indexes'));
      const newIndexes = listOption(opt(newState, 'indexes'));
      let added = newIndexes.filter((i) => !oldIndexes.some((o) => objEq(i, o)));
      let removed = oldIndexes.filter((i) => !newIndexes.some((n) => objEq(i, n)));
      const renamed: [string | null, string, string[] | null][] = [];
      const removeFromAdded: unknown[] = [];
      const removeFromRemoved: unknown[] = [];
      for (const newIndex of added) {
        const newDec = deepDeconstruct(newIndex) as DecObject;
        const newName = newDec.kwargs.get('name');
        newDec.kwargs.delete('name');
        for (const oldIndex of removed) {
          const oldDec = deepDeconstruct(oldIndex) as DecObject;
          const oldName = oldDec.kwargs.get('name');
          oldDec.kwargs.delete('name');
          if (decEq(newDec, oldDec) && newName !== oldName) {
            renamed.push([oldName as string, newName as string, null]);
            removeFromAdded.push(newIndex);
            removeFromRemoved.push(oldIndex);
          }
        }
      }
      for (const [oldValue, newValue, tApp, tModel] of together) {
        if (app !== tApp || model !== tModel) continue;
        for (const removedTogether of oldValue.filter((v) => !newValue.some((n) => sameNames(n, v)))) {
          const candidates = added.filter((idx) => {
            const d = nativeDeconstruct(idx)!;
            const args = d[1] as unknown[];
            const kw = kwEntries(d[2]).map(([k]) => k);
            const fields = ((idx instanceof PyInstance ? idx.native : idx) as NamedObjectLike).fields ?? [];
            return !args.length && sameNames([...fields], removedTogether) && kw.length === 2 && kw.includes('name') && kw.includes('fields');
          });
          if (candidates.length === 1) {
            removeFromAdded.push(candidates[0]);
            renamed.push([null, objName(candidates[0]), removedTogether]);
            const list = this.renamedIndexTogetherValues.get(k2(tApp, tModel)) ?? [];
            list.push(removedTogether);
            this.renamedIndexTogetherValues.set(k2(tApp, tModel), list);
          }
        }
      }
      added = added.filter((i) => !removeFromAdded.includes(i));
      removed = removed.filter((i) => !removeFromRemoved.includes(i));
      this.alteredIndexes.set(key, { added, removed, renamed });
    }
  }

  private generateAddedIndexes(): void {
    for (const [key, alt] of this.alteredIndexes) {
      const [app, model] = split(key);
      const deps = this.dependenciesForModel(app, model);
      for (const index of alt.added) this.addOperation(app, new AddIndex(model, nativeObj(index)), deps);
    }
  }

  private generateRemovedIndexes(): void {
    for (const [key, alt] of this.alteredIndexes) {
      const [app, model] = split(key);
      for (const index of alt.removed) this.addOperation(app, new RemoveIndex(model, objName(index)));
    }
  }

  private generateRenamedIndexes(): void {
    for (const [key, alt] of this.alteredIndexes) {
      const [app, model] = split(key);
      for (const [oldName, newName, oldFields] of alt.renamed) {
        this.addOperation(app, new RenameIndex(model, newName, oldName, oldFields));
      }
    }
  }

  private constraintShouldBeDroppedAndRecreated(oldC: unknown, newC: unknown): boolean {
    const strip = (c: unknown) => {
      const d = deepDeconstruct(c) as DecObject;
      const n = (c instanceof PyInstance ? c.native : c) as { nonDbAttrs?: readonly string[] };
      for (const attr of n.nonDbAttrs ?? ['violation_error_code', 'violation_error_message']) d.kwargs.delete(attr);
      return d;
    };
    return !decEq(strip(oldC), strip(newC));
  }

  private createAlteredConstraints(): void {
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [app, model] = split(key);
      const oldConstraints = listOption(opt(this.from(app, this.oldName(app, model)), 'constraints'));
      const newConstraints = listOption(opt(this.to(app, model), 'constraints'));
      const altered: unknown[] = [];
      const alteredNames: string[] = [];
      for (const oldC of oldConstraints) {
        for (const newC of newConstraints) {
          if (!decEq(deepDeconstruct(oldC), deepDeconstruct(newC)) && objName(oldC) === objName(newC) && !this.constraintShouldBeDroppedAndRecreated(oldC, newC)) {
            altered.push(newC);
            alteredNames.push(objName(newC));
          }
        }
      }
      const added = newConstraints.filter((c) => !oldConstraints.some((o) => objEq(c, o)) && !alteredNames.includes(objName(c)));
      const removed = oldConstraints.filter((c) => !newConstraints.some((n) => objEq(c, n)) && !alteredNames.includes(objName(c)));
      this.alteredConstraints.set(key, { added, removed, altered });
    }
  }

  private generateAddedConstraints(): void {
    for (const [key, alt] of this.alteredConstraints) {
      const [app, model] = split(key);
      const deps = this.dependenciesForModel(app, model);
      for (const c of alt.added) this.addOperation(app, new AddConstraint(model, nativeObj(c)), deps);
    }
  }

  private generateRemovedConstraints(): void {
    for (const [key, alt] of this.alteredConstraints) {
      const [app, model] = split(key);
      for (const c of alt.removed) this.addOperation(app, new RemoveConstraint(model, objName(c)));
    }
  }

  private generateAlteredConstraints(): void {
    for (const [key, alt] of this.alteredConstraints) {
      const [app, model] = split(key);
      const deps = this.dependenciesForModel(app, model);
      for (const c of alt.altered) this.addOperation(app, new AlterConstraint(model, objName(c), nativeObj(c)), deps);
    }
  }

  private dependenciesForForeignKey(app: string, model: string, field: DetectorField): OpDep[] {
    let remoteModel: unknown = null;
    const rf = field.remoteField as { model?: unknown } | null;
    if (rf && rf.model !== undefined && rf.model !== null) remoteModel = rf.model;
    else {
      for (const [[ra, rm], fields] of this.access.relations(this.toState, app, model)) {
        if ([...fields.values()].some((f) => (f.remoteField as unknown) === field)) {
          remoteModel = `${ra}.${rm}`;
          break;
        }
      }
    }
    const swappable = (field as { swappableSetting?: string | null }).swappableSetting;
    let depApp: string;
    let depObj: string;
    if (swappable !== undefined && swappable !== null) {
      depApp = '__setting__';
      depObj = swappable;
    } else [depApp, depObj] = resolveRelation(remoteModel, app, model);
    const deps = [dep(depApp, depObj, null, DepType.CREATE)];
    const through = (field.remoteField as { through?: unknown } | null)?.through;
    if (through) {
      const [ta, tm] = resolveRelation(through, app, model);
      deps.push(dep(ta, tm, null, DepType.CREATE));
    }
    return deps;
  }

  private dependenciesForGeneratedField(field: DetectorField): OpDep[] {
    const referenced = new Set<string>(((field as { referencedBaseFields?: () => Iterable<string> }).referencedBaseFields?.() ?? []) as Iterable<string>);
    const deps: OpDep[] = [];
    for (const key of sortedKeys(difference(this.newFieldKeys, this.oldFieldKeys))) {
      const [app, model, addedName] = split(key);
      const added = this.to(app, model).getField(addedName);
      if ((added.remoteField && added.remoteField.model) || referenced.has(added.name ?? addedName)) {
        deps.push(dep(app, model, added.name ?? addedName, DepType.CREATE));
      }
    }
    return deps;
  }

  private dependenciesForModel(app: string, model: string): OpDep[] {
    const deps: OpDep[] = [];
    for (const field of this.to(app, model).fields.values()) {
      if (field.isRelation) deps.push(...this.dependenciesForForeignKey(app, model, field));
    }
    return deps;
  }

  private *alteredFooTogether(optionName: 'unique_together' | 'index_together'): Generator<[string[][], string[][], string, string, OpDep[]]> {
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [app, model] = split(key);
      const oldState = this.from(app, this.oldName(app, model));
      const newState = this.to(app, model);
      const oldRaw = opt(oldState, optionName);
      const oldValue = oldRaw ? uniqueNames(togetherItems(oldRaw).map((t) => t.map((n) => this.renamedFields.get(k3(app, model, n)) ?? n))) : [];
      const newRaw = opt(newState, optionName);
      const newValue = newRaw ? uniqueNames(togetherItems(newRaw)) : [];
      if (!sameSet(oldValue, newValue)) {
        const deps: OpDep[] = [];
        for (const fooTogether of newValue) {
          for (const fieldName of fooTogether) {
            const field = newState.getField(fieldName);
            if (field.remoteField && field.remoteField.model) deps.push(...this.dependenciesForForeignKey(app, model, field));
          }
        }
        yield [oldValue, newValue, app, model, deps];
      }
    }
  }

  private generateRemovedAlteredFooTogether(optionName: 'unique_together' | 'index_together'): void {
    for (let [oldValue, newValue, app, model, deps] of this.alteredFooTogether(optionName)) {
      if (optionName === 'index_together') {
        const renamed = this.renamedIndexTogetherValues.get(k2(app, model)) ?? [];
        oldValue = oldValue.filter((v) => !renamed.some((r) => sameNames(r, v)));
      }
      const removal = newValue.filter((v) => oldValue.some((o) => sameNames(o, v)));
      if (removal.length || oldValue.length) {
        const value = new PySet(removal.map((t) => new PyTuple(t)));
        const op = optionName === 'unique_together' ? new AlterUniqueTogether(model, value) : new AlterIndexTogether(model, value);
        this.addOperation(app, op, deps);
      }
    }
  }

  private generateRemovedAlteredUniqueTogether(): void {
    this.generateRemovedAlteredFooTogether('unique_together');
  }

  private generateAlteredUniqueTogether(): void {
    for (const [oldValue, newValue, app, model, deps] of this.alteredFooTogether('unique_together')) {
      const removal = newValue.filter((v) => oldValue.some((o) => sameNames(o, v)));
      if (!sameSet(newValue, removal)) {
        this.addOperation(app, new AlterUniqueTogether(model, new PySet(newValue.map((t) => new PyTuple(t)))), deps);
      }
    }
  }

  private modelsToCheck(extra: Set<string>[] = []): string[] {
    return sortedKeys(union(this.keptModelKeys, this.keptProxyKeys, this.keptUnmanagedKeys, ...extra));
  }

  private generateAlteredDbTable(): void {
    for (const key of this.modelsToCheck()) {
      const [app, model] = split(key);
      const oldT = opt(this.from(app, this.oldName(app, model)), 'db_table') ?? null;
      const newT = opt(this.to(app, model), 'db_table') ?? null;
      if (!pyEq(oldT as PyValue, newT as PyValue)) this.addOperation(app, new AlterModelTable(model, newT as string | null));
    }
  }

  private generateAlteredDbTableComment(): void {
    for (const key of this.modelsToCheck()) {
      const [app, model] = split(key);
      const oldC = opt(this.from(app, this.oldName(app, model)), 'db_table_comment') ?? null;
      const newC = opt(this.to(app, model), 'db_table_comment') ?? null;
      if (!pyEq(oldC as PyValue, newC as PyValue)) this.addOperation(app, new AlterModelTableComment(model, newC as string | null));
    }
  }

  private generateAlteredOptions(): void {
    const keys = this.modelsToCheck([intersect(this.oldUnmanagedKeys, this.newModelKeys), intersect(this.oldModelKeys, this.newUnmanagedKeys)]);
    for (const key of keys) {
      const [app, model] = split(key);
      const pick = (ms: DetectorModelState) =>
        Object.fromEntries(Object.entries(optionsRecord(ms)).filter(([k]) => AlterModelOptions.ALTER_OPTION_KEYS.includes(k)));
      const oldOptions = pick(this.from(app, this.oldName(app, model)));
      const newOptions = pick(this.to(app, model));
      if (!optionsEqual(oldOptions, newOptions)) this.addOperation(app, new AlterModelOptions(model, newOptions));
    }
  }

  private generateAlteredOrderWithRespectTo(): void {
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [app, model] = split(key);
      const oldV = opt(this.from(app, this.oldName(app, model)), 'order_with_respect_to') ?? null;
      const newV = opt(this.to(app, model), 'order_with_respect_to') ?? null;
      if (!pyEq(oldV as PyValue, newV as PyValue)) {
        const deps: OpDep[] = [];
        if (truthy(newV)) deps.push(dep(app, model, newV as string, DepType.CREATE));
        this.addOperation(app, new AlterOrderWithRespectTo(model, newV as string | null), deps);
      }
    }
  }

  private generateAlteredManagers(): void {
    for (const key of sortedKeys(this.keptModelKeys)) {
      const [app, model] = split(key);
      const oldM = this.from(app, this.oldName(app, model)).managers;
      const newM = this.to(app, model).managers;
      const same = oldM.length === newM.length && oldM.every(([n, m], i) => n === newM[i][0] && decEq(deepDeconstruct(m), deepDeconstruct(newM[i][1])));
      if (!same) this.addOperation(app, new AlterModelManagers(model, newM));
    }
  }

  arrangeForGraph(changes: Changes, graph: MigrationGraph, migrationName?: string): Changes {
    const leaves = graph.leafNodes();
    const nameMap = new Map<string, Dependency>();
    for (const [appLabel, migrations] of [...changes.entries()]) {
      if (!migrations.length) continue;
      const appLeaf = leaves.find((l) => l[0] === appLabel) ?? null;
      if (appLeaf === null && !this.questioner.askInitial(appLabel)) {
        for (const m of migrations) nameMap.set(`${appLabel}\u0000${m.name}`, [appLabel, '__first__']);
        changes.delete(appLabel);
        continue;
      }
      let nextNumber = appLeaf === null ? 1 : (MigrationAutodetector.parseNumber(appLeaf[1]) ?? 0) + 1;
      migrations.forEach((m, i) => {
        if (i === 0 && appLeaf) m.dependencies.push(appLeaf);
        const parts = [String(nextNumber).padStart(4, '0')];
        if (migrationName) parts.push(migrationName);
        else if (i === 0 && !appLeaf) parts.push('initial');
        else parts.push([...m.suggestName()].slice(0, 100).join(''));
        const newName = parts.join('_');
        nameMap.set(`${appLabel}\u0000${m.name}`, [appLabel, newName]);
        nextNumber++;
        m.name = newName;
      });
    }
    for (const migrations of changes.values()) {
      for (const m of migrations) {
        m.dependencies = m.dependencies.map((d) => {
          const mapped = nameMap.get(`${d[0]}\u0000${d[1]}`);
          return mapped ?? d;
        });
      }
    }
    return changes;
  }

  private trimToApps(changes: Changes, appLabels: Set<string>): Changes {
    const appDeps = new Map<string, Set<string>>();
    for (const [appLabel, migrations] of changes) {
      for (const m of migrations) {
        for (const d of m.dependencies) {
          if (!appDeps.has(appLabel)) appDeps.set(appLabel, new Set());
          appDeps.get(appLabel)!.add(d[0]);
        }
      }
    }
    const required = new Set(appLabels);
    let size = -1;
    while (size !== required.size) {
      size = required.size;
      for (const a of [...required]) for (const d of appDeps.get(a) ?? []) required.add(d);
    }
    for (const appLabel of [...changes.keys()]) if (!required.has(appLabel)) changes.delete(appLabel);
    return changes;
  }

  static parseNumber(name: string): number | null {
    const squashed = /.*_squashed_(\d+)/.exec(name);
    if (squashed) return Number(squashed[1]);
    const m = /^\d+/.exec(name);
    return m ? Number(m[0]) : null;
  }
}

// ------------------------------------------------------------------------------------------

/** The (lower-case) model an operation acts on, for the operations dependencies can name. */
function opModel(op: Operation): string | undefined {
  if (op instanceof CreateModel || op instanceof DeleteModel || op instanceof AlterOrderWithRespectTo || op instanceof AlterUniqueTogether || op instanceof AlterIndexTogether) {
    return op.nameLower;
  }
  if (op instanceof AddField || op instanceof RemoveField || op instanceof AlterField) return op.modelNameLower;
  return undefined;
}

function fieldClassName(field: DetectorField): string {
  if (field.pyClass) return field.pyClass.name;
  const path = field.deconstruct()[1];
  return path.slice(path.lastIndexOf('.') + 1);
}

function nativeObj(v: unknown): NamedObjectLike {
  return (v instanceof PyInstance ? v.native : v) as NamedObjectLike;
}

function intersect(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((x) => b.has(x)));
}
function difference(a: Set<string>, b: Set<string>): Set<string> {
  return new Set([...a].filter((x) => !b.has(x)));
}
function union(...sets: Set<string>[]): Set<string> {
  const out = new Set<string>();
  for (const s of sets) for (const x of s) out.add(x);
  return out;
}

function sameNames(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
function uniqueNames(list: string[][]): string[][] {
  const out: string[][] = [];
  for (const t of list) if (!out.some((o) => sameNames(o, t))) out.push(t);
  return out;
}
function sameSet(a: string[][], b: string[][]): boolean {
  return a.length === b.length && a.every((x) => b.some((y) => sameNames(x, y)));
}

function optionsEqual(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  const ka = Object.keys(a);
  const kb = Object.keys(b);
  if (ka.length !== kb.length) return false;
  return ka.every((k) => k in b && decEq(deepDeconstruct(a[k]), deepDeconstruct(b[k])));
}
