// ModelState, ProjectState and StateApps (django.db.migrations.state): the migration system's
// picture of the models, built from model classes (fromModel/fromApps) or by operations'
// stateForwards, and rendered back into model classes for the schema editor.

import { PyClass, PyException, PyInstance, PyList, PySet, PyTuple, type Kwargs, type PyValue } from '../../python/values';
import { callValue, pyEq, pyStr } from '../../utils/py';
import { Field, metaOf, type ModelClass } from '../models/fields/index';
import { ForeignKey, ManyToManyField, RelatedField } from '../models/fields/related';
import { OrderWrt } from '../models/fields/proxy';
import { BaseConstraint, Index, deconstructEq } from '../models/indexes';
import { DEFAULT_NAMES, normalizeTogether } from '../models/options';
import { Manager, newManager } from '../models/manager';
import { Model, buildModelClass, getCurrentApps } from '../models/base';
import { NOT_PROVIDED } from '../models/constants';
import { Apps } from '../../apps/registry';
import { RECURSIVE_RELATIONSHIP_CONSTANT } from '../models/constants';
import { lazyReferenceMessages } from '../../core/checks/model_checks';

export type ModelKey = string; // 'app_label.model_name_lower'

export function modelKey(appLabel: string, modelName: string): ModelKey {
  return `${appLabel}.${modelName.toLowerCase()}`;
}
export function splitKey(key: ModelKey): [string, string] {
  const i = key.indexOf('.');
  return [key.slice(0, i), key.slice(i + 1)];
}

/** django.db.migrations.utils.resolve_relation -> (app_label, model_name_lower). */
export function resolveRelationKey(model: PyValue | ModelClass | string, appLabel?: string, modelName?: string): [string, string] {
  if (typeof model === 'string') {
    if (model === RECURSIVE_RELATIONSHIP_CONSTANT) {
      if (appLabel === undefined || modelName === undefined)
        throw new PyException('TypeError', 'app_label and model_name must be provided to resolve recursive relationships.');
      return [appLabel, modelName];
    }
    const i = model.indexOf('.');
    if (i >= 0) return [model.slice(0, i), model.slice(i + 1).toLowerCase()];
    if (appLabel === undefined) throw new PyException('TypeError', 'app_label must be provided to resolve unscoped model relationships.');
    return [appLabel, model.toLowerCase()];
  }
  const m = metaOf(model as PyValue)!;
  return [m.appLabel, m.modelName];
}

function isModelBase(b: PyValue): boolean {
  return typeof b === 'string' || (b instanceof PyClass && (b === Model || b.isSubclassOf(Model)));
}

export class ModelState {
  appLabel: string;
  name: string;
  fields: Map<string, Field>;
  /** Meta options as Python values (unique_together is a set of tuples; indexes/constraints lists). */
  options: Map<string, PyValue>;
  /** 'blog.post' strings for model bases, or classes (models.Model, mixins). */
  bases: PyValue[];
  managers: [string, Manager][];

  constructor(
    appLabel: string,
    name: string,
    fields: Iterable<[string, Field]>,
    options: Map<string, PyValue> = new Map(),
    bases: PyValue[] | null = null,
    managers: [string, Manager][] | null = null,
  ) {
    this.appLabel = appLabel;
    this.name = name;
    this.fields = new Map(fields);
    this.options = options;
    if (!this.options.has('indexes')) this.options.set('indexes', new PyList([]));
    if (!this.options.has('constraints')) this.options.set('constraints', new PyList([]));
    this.bases = bases && bases.length ? bases : [Model];
    this.managers = managers ?? [];
    for (const [n, f] of this.fields) {
      if (f.model) throw new PyException('ValueError', `ModelState.fields cannot be bound to a model - "${n}" is.`);
      if (f.isRelation && metaOf(f.remoteField!.model as PyValue))
        throw new PyException('ValueError', `Model fields in "ModelState.fields" cannot refer to a model class - "${appLabel}.${name}.${n}.to" does. Use a string reference instead.`);
      if (f.manyToMany && metaOf(f.remoteField!.through as PyValue))
        throw new PyException('ValueError', `Model fields in "ModelState.fields" cannot refer to a model class - "${appLabel}.${name}.${n}.through" does. Use a string reference instead.`);
    }
    for (const idx of this.indexes)
      if (!idx.name) throw new PyException('ValueError', `Indexes passed to ModelState require a name attribute. ${idx.repr()} doesn't have one.`);
  }

  get nameLower(): string {
    return this.name.toLowerCase();
  }
  get key(): ModelKey {
    return modelKey(this.appLabel, this.name);
  }

  /** options['indexes'] as Index objects. */
  get indexes(): Index[] {
    return listOf(this.options.get('indexes')).map((v) => (v as PyInstance).native as Index);
  }
  get constraints(): BaseConstraint[] {
    return listOf(this.options.get('constraints')).map((v) => (v as PyInstance).native as BaseConstraint);
  }

  getField(name: string): Field {
    if (name === '_order') {
      const owrt = this.options.get('order_with_respect_to');
      if (typeof owrt === 'string') name = owrt;
    }
    const f = this.fields.get(name);
    if (!f) throw new PyException('KeyError', `'${name}'`);
    return f;
  }

  getIndexByName(name: string): Index {
    const i = this.indexes.find((x) => x.name === name);
    if (!i) throw new PyException('ValueError', `No index named ${name} on model ${this.name}`);
    return i;
  }
  getConstraintByName(name: string): BaseConstraint {
    const c = this.constraints.find((x) => x.name === name);
    if (!c) throw new PyException('ValueError', `No constraint named ${name} on model ${this.name}`);
    return c;
  }

  /** ModelState.from_model with Django's rules for fields, options, bases and managers. */
  static fromModel(model: ModelClass, excludeRels = false): ModelState {
    const meta = metaOf(model)!;
    const fields: [string, Field][] = [];
    for (const f of meta.localFields) {
      if (f.remoteField && excludeRels) continue;
      if (f instanceof OrderWrt) continue;
      fields.push([f.name!, f.clone()]);
    }
    if (!excludeRels) for (const f of meta.localManyToMany) fields.push([f.name!, f.clone()]);

    const options = new Map<string, PyValue>();
    for (const name of DEFAULT_NAMES) {
      if (name === 'apps' || name === 'app_label') continue;
      if (!meta.originalAttrs.has(name)) continue;
      const v = meta.originalAttrs.get(name)!;
      if (name === 'unique_together') options.set(name, new PySet(normalizeTogether(v).map((t) => new PyTuple(t))));
      else if (name === 'indexes') {
        const idxs = meta.indexes.map((i) => i.clone());
        for (const i of idxs) if (!i.name) i.setNameWithModel(meta);
        options.set('indexes', new PyList(idxs.map((i) => i.toPy())));
      } else if (name === 'constraints') options.set('constraints', new PyList(meta.constraints.map((c) => c.clone().toPy())));
      else options.set(name, v);
    }
    if (excludeRels) {
      for (const key of ['unique_together', 'order_with_respect_to']) {
        if (options.has(key)) options.delete(key);
      }
    } else {
      const owrt = options.get('order_with_respect_to');
      if (typeof owrt === 'string' && meta.privateFields.some((f) => f.name === owrt)) options.delete('order_with_respect_to');
    }

    // Bases: abstract models are flattened away; concrete model bases become 'app.model' strings.
    const flatten = (cls: PyClass): PyClass[] => {
      const out: PyClass[] = [];
      for (const b of cls.bases) {
        const bm = metaOf(b);
        if (bm && bm.abstract) out.push(...flatten(b));
        else out.push(b);
      }
      return out;
    };
    const uniq: PyClass[] = [];
    for (const b of flatten(model)) if (!uniq.includes(b)) uniq.push(b);
    uniq.sort((a, b) => model.mro.indexOf(a) - model.mro.indexOf(b));
    let bases: PyValue[] = uniq.map((b) => (metaOf(b) ? metaOf(b)!.labelLower : b));
    if (!bases.some((b) => isModelBase(b))) bases = [Model];

    // Managers: those with use_in_migrations, plus shims for custom default/base managers.
    const managers: [string, Manager][] = [];
    const names = new Set<string>();
    let defaultShim: Manager | null = null;
    const defaultManager = meta.defaultManager;
    for (const m of meta.managers) {
      if (names.has(m.name)) continue;
      let nm: Manager;
      if (m.useInMigrations) {
        nm = m.copy();
        nm.setCreationCounter();
      } else if (defaultManager && m.name === defaultManager.name && m.pyClass === defaultManager.pyClass) {
        nm = newManager(m.name, m.model);
        defaultShim = nm;
      } else continue;
      names.add(m.name);
      managers.push([m.name, nm]);
    }
    const finalManagers = managers.length === 1 && managers[0][0] === 'objects' && managers[0][1] === defaultShim ? [] : managers;
    return new ModelState(meta.appLabel, meta.objectName, fields, options, bases, finalManagers);
  }

  /** Managers to put on the rendered class, by creation order. */
  constructManagers(): [string, PyValue][] {
    return [...this.managers]
      .sort((a, b) => a[1].creationCounter - b[1].creationCounter)
      .map(([name, m]) => {
        const [, , , args, kwargs] = m.deconstruct();
        return [name, callValue(m.pyClass, args, kwargs)];
      });
  }

  clone(): ModelState {
    return new ModelState(this.appLabel, this.name, new Map(this.fields), new Map(this.options), [...this.bases], [...this.managers]);
  }

  /** Builds the model class in `apps` (ModelState.render). */
  render(apps: Apps): ModelClass {
    const metaAttrs = new Map<string, PyValue>([['app_label', this.appLabel]]);
    for (const [k, v] of this.options) metaAttrs.set(k, v);
    const bases: PyClass[] = this.bases.map((b) => {
      if (typeof b === 'string') {
        const m = apps.getRegisteredModel(...resolveRelationKey(b));
        if (!m) throw new InvalidBasesError(`Cannot resolve one or more bases from (${this.bases.map((x) => (typeof x === 'string' ? `'${x}'` : pyStr(x))).join(', ')},)`);
        return m;
      }
      return b as PyClass;
    });
    const body = new Map<string, PyValue>();
    for (const [name, f] of this.fields) {
      const c = f.clone();
      body.set(name, c.toPy());
    }
    for (const [name, m] of this.constructManagers()) body.set(name, m);
    return buildModelClass(apps, this.name, '__fake__', bases, body, metaAttrs);
  }

  equals(other: ModelState): boolean {
    if (this.appLabel !== other.appLabel || this.name !== other.name) return false;
    if (this.fields.size !== other.fields.size) return false;
    const a = [...this.fields];
    const b = [...other.fields];
    for (let i = 0; i < a.length; i++) {
      if (a[i][0] !== b[i][0]) return false;
      const [, p1, x1, k1] = a[i][1].deconstruct();
      const [, p2, x2, k2] = b[i][1].deconstruct();
      if (!deconstructEq([p1, x1, k1], [p2, x2, k2])) return false;
    }
    if (this.options.size !== other.options.size) return false;
    for (const [k, v] of this.options) if (!other.options.has(k) || !pyEq(v, other.options.get(k)!)) return false;
    if (this.bases.length !== other.bases.length || !this.bases.every((x, i) => pyEq(x, other.bases[i]))) return false;
    if (this.managers.length !== other.managers.length) return false;
    return this.managers.every(([n, m], i) => n === other.managers[i][0] && m.deconstruct()[1] === other.managers[i][1].deconstruct()[1]);
  }

  toString(): string {
    return `<ModelState: '${this.appLabel}.${this.name}'>`;
  }
}

export class InvalidBasesError extends PyException {
  constructor(msg: string) {
    super('django.db.migrations.exceptions.InvalidBasesError', msg);
  }
}

function listOf(v: PyValue | undefined): PyValue[] {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  if (v instanceof PySet) return v.values();
  return [];
}

/** {remote model key: {model key: {field name: field}}} */
export type Relations = Map<ModelKey, Map<ModelKey, Map<string, Field>>>;

export class ProjectState {
  models: Map<ModelKey, ModelState>;
  realApps: Set<string>;
  isDelayed = false;
  private _relations: Relations | null = null;
  private _apps: StateApps | null = null;

  constructor(models?: Map<ModelKey, ModelState>, realApps?: Iterable<string>) {
    this.models = models ?? new Map();
    this.realApps = new Set(realApps ?? []);
  }

  static fromApps(apps: Apps): ProjectState {
    const models = new Map<ModelKey, ModelState>();
    for (const m of apps.getModels({ includeSwapped: true })) {
      const ms = ModelState.fromModel(m);
      models.set(ms.key, ms);
    }
    return new ProjectState(models);
  }

  getModelState(appLabel: string, modelName: string): ModelState {
    const ms = this.models.get(modelKey(appLabel, modelName));
    if (!ms) throw new PyException('KeyError', `('${appLabel}', '${modelName.toLowerCase()}')`);
    return ms;
  }

  get relations(): Relations {
    if (this._relations === null) this.resolveFieldsAndRelations();
    return this._relations!;
  }

  /** Whether the rendered apps exist (Django's `"apps" in self.__dict__`). */
  get hasApps(): boolean {
    return this._apps !== null;
  }

  get apps(): StateApps {
    if (!this._apps) this._apps = new StateApps(this.realApps, this.models);
    return this._apps;
  }
  set apps(a: StateApps) {
    this._apps = a;
  }

  /** The rendered models excluding unmigrated real apps' models (Django's concrete_apps). */
  get concreteApps(): StateApps {
    return this.apps;
  }

  // ---- mutations operations call -------------------------------------------------------------

  addModel(ms: ModelState): void {
    const key = ms.key;
    this.models.set(key, ms);
    if (this._relations !== null) this.resolveModelRelations(key);
    if (this._apps) this.reloadModel(key);
  }

  removeModel(appLabel: string, modelName: string): void {
    const key = modelKey(appLabel, modelName);
    this.models.delete(key);
    if (this._relations !== null) {
      this._relations.delete(key);
      for (const [rk, rels] of [...this._relations]) {
        rels.delete(key);
        if (!rels.size) this._relations.delete(rk);
      }
    }
    if (this._apps) {
      this._apps.unregisterModel(appLabel, modelName);
      this._apps.clearCache();
    }
  }

  renameModel(appLabel: string, oldName: string, newName: string): void {
    const oldKey = modelKey(appLabel, oldName);
    const newKey = modelKey(appLabel, newName);
    const renamed = this.models.get(oldKey)!.clone();
    renamed.name = newName;
    this.models.set(newKey, renamed);
    const newRemote = `${appLabel}.${newName}`;
    const toReload = new Set<ModelKey>();
    for (const ref of getReferences(this, oldKey)) {
      let changed: Field | null = null;
      if (ref.to) {
        changed = ref.field.clone();
        changed.remoteField!.model = newRemote;
      }
      if (ref.through) {
        if (!changed) changed = ref.field.clone();
        changed.remoteField!.through = newRemote;
      }
      if (changed) {
        ref.modelState.fields.set(ref.name, changed);
        toReload.add(ref.modelState.key);
      }
    }
    if (this._relations !== null) {
      if (this._relations.has(oldKey)) {
        this._relations.set(newKey, this._relations.get(oldKey)!);
        this._relations.delete(oldKey);
      }
      for (const rels of this._relations.values()) {
        if (rels.has(oldKey)) {
          rels.set(newKey, rels.get(oldKey)!);
          rels.delete(oldKey);
        }
      }
    }
    this.reloadModels(toReload, true);
    this.removeModel(appLabel, oldKey.slice(appLabel.length + 1));
    this.reloadModel(newKey, true);
  }

  alterModelOptions(appLabel: string, modelName: string, options: Map<string, PyValue>, optionKeys?: string[]): void {
    const ms = this.getModelState(appLabel, modelName);
    const merged = new Map(ms.options);
    for (const [k, v] of options) merged.set(k, v);
    if (optionKeys) for (const k of optionKeys) if (!options.has(k)) merged.delete(k);
    ms.options = merged;
    this.reloadModel(ms.key, true);
  }

  removeModelOptions(appLabel: string, modelName: string, optionName: string, valueToRemove: PyValue[]): void {
    const ms = this.getModelState(appLabel, modelName);
    const objs = ms.options.get(optionName);
    if (objs !== undefined && listOf(objs).length) {
      const target = new PyTuple(valueToRemove);
      ms.options.set(optionName, new PyList(listOf(objs).filter((o) => !pyEq(new PyTuple(listOf(o)), target))));
    }
    this.reloadModel(ms.key, true);
  }

  alterModelManagers(appLabel: string, modelName: string, managers: [string, Manager][]): void {
    const ms = this.getModelState(appLabel, modelName);
    ms.managers = [...managers];
    this.reloadModel(ms.key, true);
  }

  private appendOption(appLabel: string, modelName: string, option: string, obj: PyValue): void {
    const ms = this.getModelState(appLabel, modelName);
    ms.options.set(option, new PyList([...listOf(ms.options.get(option)), obj]));
    this.reloadModel(ms.key, true);
  }
  private removeOption(appLabel: string, modelName: string, option: string, objName: string): void {
    const ms = this.getModelState(appLabel, modelName);
    ms.options.set(
      option,
      new PyList(listOf(ms.options.get(option)).filter((o) => ((o as PyInstance).native as { name: string }).name !== objName)),
    );
    this.reloadModel(ms.key, true);
  }

  addIndex(appLabel: string, modelName: string, index: Index | PyInstance): void {
    this.appendOption(appLabel, modelName, 'indexes', index instanceof Index ? index.toPy() : index);
  }
  removeIndex(appLabel: string, modelName: string, indexName: string): void {
    this.removeOption(appLabel, modelName, 'indexes', indexName);
  }
  renameIndex(appLabel: string, modelName: string, oldIndexName: string, newIndexName: string): void {
    const ms = this.getModelState(appLabel, modelName);
    const out: PyValue[] = [];
    for (const o of listOf(ms.options.get('indexes'))) {
      const idx = (o as PyInstance).native as Index;
      if (idx.name === oldIndexName) {
        const c = idx.clone();
        c.name = newIndexName;
        out.push(c.toPy());
      } else out.push(o);
    }
    ms.options.set('indexes', new PyList(out));
    this.reloadModel(ms.key, true);
  }
  addConstraint(appLabel: string, modelName: string, constraint: BaseConstraint | PyInstance): void {
    this.appendOption(appLabel, modelName, 'constraints', constraint instanceof BaseConstraint ? constraint.toPy() : constraint);
  }
  removeConstraint(appLabel: string, modelName: string, constraintName: string): void {
    this.removeOption(appLabel, modelName, 'constraints', constraintName);
  }

  addField(appLabel: string, modelName: string, name: string, field: Field, preserveDefault: boolean): void {
    if (!preserveDefault) {
      field = field.clone();
      field.default = NOT_PROVIDED;
    }
    const key = modelKey(appLabel, modelName);
    this.models.get(key)!.fields.set(name, field);
    if (this._relations !== null) this.resolveModelFieldRelations(key, name, field);
    // Like a new model, a new relation re-renders the model, its target and their neighbours
    // only (a delayed reload, as Django does for other fields): classes further away keep
    // references to equal older classes, which no schema change reads, and RunPython renders
    // every model again first. Reloading the whole connected graph made each relation added
    // to a chain of models render all of them again.
    this.reloadModel(key, true);
  }

  removeField(appLabel: string, modelName: string, name: string): void {
    const key = modelKey(appLabel, modelName);
    const ms = this.models.get(key)!;
    const old = ms.fields.get(name);
    ms.fields.delete(name);
    if (old && this._relations !== null) this.resolveModelFieldRelations(key, name, old);
    this.reloadModel(key, !(old && old.isRelation));
  }

  alterField(appLabel: string, modelName: string, name: string, field: Field, preserveDefault: boolean): void {
    if (!preserveDefault) {
      field = field.clone();
      field.default = NOT_PROVIDED;
    }
    const key = modelKey(appLabel, modelName);
    const fields = this.models.get(key)!.fields;
    if (this._relations !== null) {
      const old = fields.get(name);
      fields.delete(name);
      if (old && old.isRelation) this.resolveModelFieldRelations(key, name, old);
      fields.set(name, field);
      if (field.isRelation) this.resolveModelFieldRelations(key, name, field);
    } else {
      // Keep the field's position (a dict assignment to an existing key keeps order).
      fields.set(name, field);
    }
    const delay = !field.isRelation && !fieldIsReferenced(this, key, name, field);
    this.reloadModel(key, delay);
  }

  renameField(appLabel: string, modelName: string, oldName: string, newName: string): void {
    const key = modelKey(appLabel, modelName);
    const ms = this.models.get(key)!;
    const found = ms.fields.get(oldName);
    if (!found) throw new PyException('django.core.exceptions.FieldDoesNotExist', `${appLabel}.${modelName} has no field named '${oldName}'`);
    // Rebuild the map so the renamed field moves to the end (dict.pop + assignment).
    ms.fields.delete(oldName);
    ms.fields.set(newName, found);
    for (const f of ms.fields.values()) {
      if (f instanceof ForeignKey && f.fromFields.length) f.fromFields = f.fromFields.map((x) => (x === oldName ? newName : x));
    }
    const ut = ms.options.get('unique_together');
    if (ut !== undefined)
      ms.options.set('unique_together', new PyList(listOf(ut).map((t) => new PyList(listOf(t).map((n) => (n === oldName ? newName : n))))));
    let delay = true;
    for (const ref of getReferences(this, key, [oldName, found])) {
      delay = false;
      if (ref.to) {
        const rf = ref.field.remoteField!;
        if (rf.fieldName === oldName) rf.fieldName = newName;
        if (ref.field instanceof ForeignKey && ref.toFields && ref.toFields.length)
          ref.field.toFields = ref.field.toFields.map((x) => (x === oldName ? newName : x));
      }
    }
    if (this._relations !== null) {
      const o = oldName.toLowerCase();
      const n = newName.toLowerCase();
      for (const toModel of this._relations.values()) {
        const m = toModel.get(key);
        if (m && m.has(o)) {
          const f = m.get(o)!;
          m.delete(o);
          f.name = n;
          m.set(n, f);
        }
      }
    }
    this.reloadModel(key, delay);
  }

  // ---- rendering -------------------------------------------------------------------------------

  private findReloadModels(key: ModelKey, delay: boolean): Set<ModelKey> {
    const out = new Set<ModelKey>();
    if (!this._apps) return out;
    if (delay) this.isDelayed = true;
    const [app, name] = splitKey(key);
    const old = this._apps.getRegisteredModel(app, name);
    const related = new Set<ModelKey>();
    if (old) {
      const collect = delay ? directRelatedKeys : recursiveRelatedKeys;
      for (const k of collect(old, this._apps)) related.add(k);
    }
    // Models whose fields point at this model by name (it may not be rendered yet).
    const rels = this._relations?.get(key);
    if (rels) for (const k of rels.keys()) related.add(k);
    out.add(key);
    for (const k of related) out.add(k);
    return out;
  }

  reloadModel(key: ModelKey, delay = true): void {
    if (!this._apps) return;
    this.reload(this.findReloadModels(key, delay));
  }

  reloadModels(keys: Iterable<ModelKey>, delay = true): void {
    if (!this._apps) return;
    const all = new Set<ModelKey>();
    for (const k of keys) for (const x of this.findReloadModels(k, delay)) all.add(x);
    this.reload(all);
  }

  /** Models to re-render once rendering resumes (see deferRendering). */
  private pendingReloads: Set<ModelKey> | null = null;

  /**
   * Collects the models that changes would re-render instead of re-rendering them after each
   * change, until flushRendering(). For a run of changes whose database side may read the
   * state at the end of the run: the models end up rendered as the changes one by one leave them.
   */
  deferRendering(): void {
    if (this._apps && !this.pendingReloads) this.pendingReloads = new Set();
  }

  /** Re-renders, at once, every model collected since deferRendering(). */
  flushRendering(): void {
    const keys = this.pendingReloads;
    this.pendingReloads = null;
    if (keys?.size) this.reload(keys);
  }

  /** Whether every model a new model state would point at (bases, relations, through models) is known. */
  resolvesReferences(appLabel: string, name: string, fields: Iterable<[string, Field]>, bases: readonly unknown[]): boolean {
    const own = modelKey(appLabel, name);
    const known = (target: unknown): boolean => {
      if (typeof target !== 'string' && !metaOf(target as PyValue)) return true;
      const [app, model] = resolveRelationKey(target as string | ModelClass, appLabel, name);
      const key = modelKey(app, model);
      return key === own || this.models.has(key) || !!this._apps?.getRegisteredModel(app, model);
    };
    for (const b of bases) if (typeof b === 'string' && !known(b)) return false;
    for (const [, f] of fields) {
      const rf = f.remoteField;
      if (rf && (!known(rf.model) || (rf.through && !known(rf.through)))) return false;
    }
    return true;
  }

  private reload(keys: Set<ModelKey>): void {
    if (this.pendingReloads) {
      for (const k of keys) this.pendingReloads.add(k);
      return;
    }
    const apps = this._apps!;
    apps.unregisterMany([...keys].map((k) => splitKey(k) as [string, string]));
    const states: ModelState[] = [];
    for (const k of keys) {
      const ms = this.models.get(k);
      if (ms) states.push(ms);
    }
    apps.renderMultiple(states);
  }

  clearDelayedAppsCache(): void {
    if (this.isDelayed && this._apps) this._apps = null;
  }

  // ---- relations -------------------------------------------------------------------------------

  resolveFieldsAndRelations(): void {
    for (const ms of this.models.values()) for (const [n, f] of ms.fields) f.name = n;
    this._relations = new Map();
    const [concretes, proxies] = this.concreteModelsMappingAndProxies();
    for (const key of concretes.keys()) this.resolveModelRelations(key, concretes);
    for (const key of proxies.keys()) {
      const target = concretes.get(key)!;
      let rels = this._relations.get(target);
      if (!rels) {
        rels = new Map();
        this._relations.set(target, rels);
      }
      this._relations.set(key, rels);
    }
  }

  resolveModelRelations(key: ModelKey, concretes?: Map<ModelKey, ModelKey>): void {
    concretes ??= this.concreteModelsMappingAndProxies()[0];
    const ms = this.models.get(key)!;
    for (const [n, f] of ms.fields) this.resolveModelFieldRelations(key, n, f, concretes);
  }

  resolveModelFieldRelations(key: ModelKey, fieldName: string, field: Field, concretes?: Map<ModelKey, ModelKey>): void {
    const rf = field.remoteField;
    if (!rf) return;
    concretes ??= this.concreteModelsMappingAndProxies()[0];
    this.updateModelFieldRelation(rf.model, key, fieldName, field, concretes);
    const through = rf.through;
    if (!through) return;
    this.updateModelFieldRelation(through, key, fieldName, field, concretes);
  }

  private updateModelFieldRelation(model: ModelClass | string, key: ModelKey, fieldName: string, field: Field, concretes: Map<ModelKey, ModelKey>): void {
    const [app, name] = splitKey(key);
    let remote = modelKey(...resolveRelationKey(model, app, name));
    if (!this.realApps.has(splitKey(remote)[0]) && concretes.has(remote)) remote = concretes.get(remote)!;
    let toRemote = this._relations!.get(remote);
    if (!toRemote) {
      toRemote = new Map();
      this._relations!.set(remote, toRemote);
    }
    if (this.models.get(key)!.fields.has(fieldName)) {
      let m = toRemote.get(key);
      if (!m) {
        m = new Map();
        toRemote.set(key, m);
      }
      m.set(fieldName, field);
    } else {
      const m = toRemote.get(key);
      if (m) {
        m.delete(fieldName);
        if (!m.size) toRemote.delete(key);
      }
    }
  }

  getConcreteModelKey(model: ModelClass | string): ModelKey {
    const [concretes] = this.concreteModelsMappingAndProxies();
    const k = modelKey(...resolveRelationKey(model));
    return concretes.get(k) ?? k;
  }

  private concreteModelsMappingAndProxies(): [Map<ModelKey, ModelKey>, Map<ModelKey, ModelState>] {
    const concretes = new Map<ModelKey, ModelKey>();
    const proxies = new Map<ModelKey, ModelState>();
    for (const [key, ms] of this.models) {
      const proxy = ms.options.get('proxy');
      if (proxy !== undefined && proxy !== null && proxy !== false) {
        proxies.set(key, ms);
        concretes.set(key, this.findConcreteModelFromProxy(proxies, ms) ?? key);
      } else concretes.set(key, key);
    }
    return [concretes, proxies];
  }

  private findConcreteModelFromProxy(proxies: Map<ModelKey, ModelState>, ms: ModelState): ModelKey | undefined {
    for (const base of ms.bases) {
      if (!isModelBase(base)) continue;
      if (base === Model) continue;
      const baseKey = modelKey(...resolveRelationKey(base as string | ModelClass));
      const baseState = proxies.get(baseKey) ?? (this.models.get(baseKey)?.options.get('proxy') ? this.models.get(baseKey) : undefined);
      if (!baseState) return baseKey;
      return this.findConcreteModelFromProxy(proxies, baseState);
    }
    return undefined;
  }

  clone(): ProjectState {
    const models = new Map<ModelKey, ModelState>();
    for (const [k, v] of this.models) models.set(k, v.clone());
    const s = new ProjectState(models, this.realApps);
    if (this._apps) s._apps = this._apps.cloneFor(s.models);
    s.isDelayed = this.isDelayed;
    return s;
  }

  equals(other: ProjectState): boolean {
    if (this.models.size !== other.models.size) return false;
    for (const [k, v] of this.models) {
      const o = other.models.get(k);
      if (!o || !v.equals(o)) return false;
    }
    return this.realApps.size === other.realApps.size && [...this.realApps].every((a) => other.realApps.has(a));
  }
}

// ---- references (django.db.migrations.utils.get_references / field_references) ---------------

interface FieldReference {
  modelState: ModelState;
  name: string;
  field: Field;
  to: boolean;
  toFields: PyValue[] | null;
  through: boolean;
}

function* getReferences(state: ProjectState, key: ModelKey, fieldTuple?: [string, Field]): Generator<FieldReference> {
  // Like Django, walk every model (reading `state.relations` would resolve them as a side
  // effect, and resolved relations change how later alter_field calls order fields).
  for (const [mk, ms] of state.models) {
    for (const [name, field] of ms.fields) {
      if (!field.remoteField) continue;
      const r = fieldReferences(splitKey(mk), field, key, fieldTuple);
      if (r) yield { modelState: ms, name, field, ...r };
    }
  }
}

function fieldReferences(
  modelTuple: [string, string],
  field: Field,
  referenceKey: ModelKey,
  referenceFieldTuple?: [string, Field],
): { to: boolean; toFields: PyValue[] | null; through: boolean } | null {
  const rf = field.remoteField;
  if (!rf) return null;
  const [app, name] = modelTuple;
  const refName = referenceFieldTuple?.[0];
  const refField = referenceFieldTuple?.[1];
  let to = false;
  let toFields: PyValue[] | null = null;
  if (modelKey(...resolveRelationKey(rf.model, app, name)) === referenceKey) {
    toFields = field instanceof ForeignKey ? field.toFields : null;
    if (
      refName === undefined ||
      toFields === null ||
      (toFields.includes(null) && (refField === undefined || refField.primaryKey)) ||
      toFields.includes(refName)
    )
      to = true;
  }
  let through = false;
  if (rf.through && modelKey(...resolveRelationKey(rf.through, app, name)) === referenceKey) {
    const tf = rf.throughFields;
    if (refName === undefined || tf === null || listOf(tf).includes(refName)) through = true;
  }
  if (!to && !through) return null;
  return { to, toFields, through };
}

function fieldTupleIsPk(t: [string, Field]): boolean {
  return t[1].primaryKey;
}

function fieldIsReferenced(state: ProjectState, key: ModelKey, name: string, field: Field): boolean {
  for (const _ of getReferences(state, key, [name, field])) return true;
  return false;
}

function directRelatedKeys(model: ModelClass, apps: Apps): Set<ModelKey> {
  const out = new Set<ModelKey>();
  const meta = metaOf(model)!;
  for (const f of apps.relationTree(model)) {
    const m = metaOf(f.model);
    if (m) out.add(m.autoCreated ? modelKey(metaOf(m.autoCreated as PyValue)?.appLabel ?? m.appLabel, metaOf(m.autoCreated as PyValue)?.modelName ?? m.modelName) : modelKey(m.appLabel, m.modelName));
  }
  // And the models its own relations point at (get_fields() lists both directions).
  for (const f of [...meta.fields, ...meta.manyToMany]) {
    const t = f.remoteField?.model;
    const tm = t && typeof t !== 'string' ? metaOf(t) : undefined;
    if (tm) out.add(modelKey(tm.appLabel, tm.modelName));
  }
  for (const sub of apps.getModels({ includeAutoCreated: false, includeSwapped: true })) {
    if (sub !== model && sub.mro.includes(model)) out.add(modelKey(metaOf(sub)!.appLabel, metaOf(sub)!.modelName));
  }
  out.delete(modelKey(meta.appLabel, meta.modelName));
  return out;
}

function recursiveRelatedKeys(model: ModelClass, apps: Apps): Set<ModelKey> {
  const seen = new Set<ModelKey>();
  const queue: ModelClass[] = [model];
  const self = modelKey(metaOf(model)!.appLabel, metaOf(model)!.modelName);
  while (queue.length) {
    const m = queue.pop()!;
    const related = new Set<ModelKey>(directRelatedKeys(m, apps));
    const meta = metaOf(m)!;
    for (const f of [...meta.localFields, ...meta.localManyToMany]) {
      const t = f.remoteField?.model;
      if (t && typeof t !== 'string') related.add(modelKey(metaOf(t)!.appLabel, metaOf(t)!.modelName));
    }
    for (const p of meta.getParentList()) related.add(modelKey(metaOf(p)!.appLabel, metaOf(p)!.modelName));
    for (const k of related) {
      if (seen.has(k) || k === self) continue;
      seen.add(k);
      const rm = apps.getRegisteredModel(...splitKey(k));
      if (rm) queue.push(rm);
    }
  }
  return seen;
}

// ---- StateApps ---------------------------------------------------------------------------------

export class StateApps extends Apps {
  readonly realModels: ModelState[] = [];

  constructor(realApps: Set<string>, models: Map<ModelKey, ModelState>, ignoreSwappable = false, render = true) {
    const global = getCurrentApps();
    super((n) => global?.settingValue(n));
    const labels = new Set<string>([...realApps]);
    for (const ms of models.values()) labels.add(ms.appLabel);
    for (const label of [...labels].sort())
      this.appConfigs.set(label, { name: label, label, verboseName: label, defaultAutoField: null, modelsModule: null, modelsFile: null });
    if (global) {
      for (const label of realApps) {
        for (const m of global.getAppModels(label)) this.realModels.push(ModelState.fromModel(m, true));
      }
    }
    if (!render) return;
    this.renderMultiple([...models.values(), ...this.realModels]);
    const authUser = global?.settingValue('AUTH_USER_MODEL');
    const ignore = new Set<string>();
    if (ignoreSwappable && typeof authUser === 'string') ignore.add(modelKey(...resolveRelationKey(authUser)));
    const errors = lazyReferenceMessages(this, ignore);
    if (errors.length) throw new PyException('ValueError', errors.map((e) => e.msg).join('\n'));
  }

  /** Renders model states, retrying those whose bases are not rendered yet (render_multiple). */
  renderMultiple(states: ModelState[]): void {
    let pending = states;
    while (pending.length) {
      const next: ModelState[] = [];
      for (const ms of pending) {
        try {
          ms.render(this);
        } catch (e) {
          if (e instanceof InvalidBasesError) next.push(ms);
          else throw e;
        }
      }
      if (next.length === pending.length)
        throw new InvalidBasesError(
          `Cannot resolve bases for [${next.map((m) => m.toString()).join(', ')}]\nThis can happen if you are inheriting models from an app with migrations (e.g. contrib.auth)\n in an app with no migrations; see https://docs.djangoproject.com/en/5.2/topics/migrations/#dependencies for more`,
        );
      pending = next;
    }
  }

  /** Registering a model of an app the state did not know adds a stub config for it. */
  override registerModel(appLabel: string, model: ModelClass): void {
    if (!this.appConfigs.has(appLabel))
      this.appConfigs.set(appLabel, { name: appLabel, label: appLabel, verboseName: appLabel, defaultAutoField: null, modelsModule: null, modelsFile: null });
    super.registerModel(appLabel, model);
  }

  /** Removes a model and the many-to-many through models it auto-created. */
  override unregisterModel(appLabel: string, modelName: string): void {
    const m = this.getRegisteredModel(appLabel, modelName);
    super.unregisterModel(appLabel, modelName);
    if (!m) return;
    for (const f of metaOf(m)!.localManyToMany) {
      const through = metaOf(f.remoteField?.through as PyValue);
      if (through?.autoCreated === m) super.unregisterModel(through.appLabel, through.modelName);
    }
  }

  /** A copy for a cloned ProjectState sharing the rendered classes (StateApps.clone). */
  cloneFor(_models: Map<ModelKey, ModelState>): StateApps {
    const c = new StateApps(new Set(), new Map(), false, false);
    for (const [k, v] of this.appConfigs) c.appConfigs.set(k, v);
    for (const [label, app] of this.allModels) c.allModels.set(label, new Map(app));
    return c;
  }
}

void RelatedField;
void ManyToManyField;
void ({} as Kwargs);
