// The app registry (django.apps.registry.Apps): installed app configs, registered model
// classes, and lazy model references waiting for their target to appear.

import { PyClass, PyException, type PyValue } from '../python/values';
import { metaOf, type Field, type ModelClass } from '../db/models/fields/index';
import { makeModelTuple, resolveRelation } from '../db/models/fields/related';

export interface AppConfig {
  /** 'blog' or 'django.contrib.auth'. */
  name: string;
  label: string;
  verboseName: string;
  /** AppConfig.default_auto_field when the app sets one (contrib apps use AutoField). */
  defaultAutoField: string | null;
  /** Where default_auto_field came from, for messages ('blog.apps.BlogConfig.default_auto_field'). */
  defaultAutoFieldSource?: string;
  /** The AppConfig class's qualified name ('BlogConfig'; 'AppConfig' when the app has none). */
  appConfigClass?: string;
  /** The models module path ('blog.models'), when the app has one. */
  modelsModule: string | null;
  /** The project file holding the models ('blog/models.py'), for local apps. */
  modelsFile: string | null;
}

export type PendingOp = {
  fn: (models: ModelClass[]) => void;
  field: Field | null;
  /** What waits: a relation target ('field'), a many-to-many through model, or other work. */
  kind: 'field' | 'through' | 'other';
  collected: ModelClass[];
  keys: [string, string][];
};

export class Apps {
  readonly appConfigs = new Map<string, AppConfig>();
  /** app label -> model name (lowercase) -> model class, in registration order. */
  readonly allModels = new Map<string, Map<string, ModelClass>>();
  readonly pendingOperations = new Map<string, PendingOp[]>();
  /** True once every models module has been imported (django.setup() finished). */
  ready = false;
  private relationTreeCache: Map<ModelClass, Field[]> | null = null;
  private modelsCache = new Map<string, ModelClass[]>();

  constructor(
    /** Looks up a setting (AUTH_USER_MODEL, DEFAULT_AUTO_FIELD ...). */
    readonly settingValue: (name: string) => PyValue | undefined = () => undefined,
  ) {}

  // ---- app configs -------------------------------------------------------------------------

  getAppConfig(label: string): AppConfig {
    const c = this.appConfigs.get(label);
    if (!c) {
      const msg = `No installed app with label '${label}'.`;
      throw new PyException('LookupError', msg);
    }
    return c;
  }
  isInstalled(name: string): boolean {
    return [...this.appConfigs.values()].some((c) => c.name === name);
  }
  /** The app whose package contains `module` ('blog.models' -> blog). */
  getContainingAppConfig(module: string): AppConfig | null {
    let best: AppConfig | null = null;
    for (const c of this.appConfigs.values()) {
      if (module === c.name || module.startsWith(c.name + '.')) {
        if (!best || c.name.length > best.name.length) best = c;
      }
    }
    return best;
  }

  // ---- models --------------------------------------------------------------------------------

  registerModel(appLabel: string, model: ModelClass): void {
    const meta = metaOf(model)!;
    let app = this.allModels.get(appLabel);
    if (!app) {
      app = new Map();
      this.allModels.set(appLabel, app);
    }
    const existing = app.get(meta.modelName);
    if (existing && existing !== model) {
      const em = metaOf(existing)!;
      if (em.objectName === meta.objectName && (em.file === meta.file || meta.file === '' || em.file === ''))
        throw new PyException('RuntimeError', `Conflicting '${meta.modelName}' models in application '${appLabel}': ${existing.module}.${existing.name} and ${model.module}.${model.name}.`);
      throw new PyException('RuntimeError', `Conflicting '${meta.modelName}' models in application '${appLabel}': ${existing.module}.${existing.name} and ${model.module}.${model.name}.`);
    }
    app.set(meta.modelName, model);
    this.clearCache();
    this.doPending(model);
  }

  unregisterModel(appLabel: string, modelName: string): void {
    const app = this.allModels.get(appLabel);
    const model = app?.get(modelName.toLowerCase());
    const meta = model ? metaOf(model) : undefined;
    if (meta && meta.apps === this) {
      const concrete = meta.concreteModel ?? model!;
      const tree = this.bulkTree !== undefined ? this.bulkTree : this.relationTreeCache;
      meta.detach(tree ? (tree.get(concrete) ?? []) : undefined);
    }
    app?.delete(modelName.toLowerCase());
    this.clearCache();
  }

  /** During unregisterMany: the relation graph as it was before the first model went. */
  private bulkTree: Map<ModelClass, Field[]> | null | undefined = undefined;

  /** Unregisters models together (Django's bulk_update): each keeps the reverse relations it had before any of them went. */
  unregisterMany(keys: Iterable<[string, string]>): void {
    this.bulkTree = this.relationTreeCache;
    try {
      for (const [app, name] of keys) this.unregisterModel(app, name);
    } finally {
      this.bulkTree = undefined;
    }
  }

  /** Bumped whenever models come or go; Options drop their reverse-relation caches on change. */
  version = 0;

  clearCache(): void {
    this.relationTreeCache = null;
    this.modelsCache.clear();
    this.version++;
  }

  getModels(opts: { includeAutoCreated?: boolean; includeSwapped?: boolean } = {}): ModelClass[] {
    const key = `${!!opts.includeAutoCreated}:${!!opts.includeSwapped}`;
    const hit = this.modelsCache.get(key);
    if (hit) return hit;
    const out: ModelClass[] = [];
    const order = [...this.appConfigs.keys(), ...[...this.allModels.keys()].filter((l) => !this.appConfigs.has(l))];
    for (const label of order) {
      if (!this.appConfigs.has(label) && this.appConfigs.size) continue;
      for (const m of this.allModels.get(label)?.values() ?? []) {
        const meta = metaOf(m)!;
        if (meta.autoCreated && !opts.includeAutoCreated) continue;
        if (meta.swapped && !opts.includeSwapped) continue;
        out.push(m);
      }
    }
    this.modelsCache.set(key, out);
    return out;
  }

  private modelSets = new Map<ModelClass[], Set<ModelClass>>();

  /** Whether getModels(opts) would list `model`. */
  hasModel(model: ModelClass, opts: { includeAutoCreated?: boolean; includeSwapped?: boolean } = {}): boolean {
    const list = this.getModels(opts);
    let set = this.modelSets.get(list);
    if (!set) {
      if (this.modelSets.size > 8) this.modelSets.clear();
      set = new Set(list);
      this.modelSets.set(list, set);
    }
    return set.has(model);
  }

  /** Models of one app, as AppConfig.get_models() returns them. */
  getAppModels(label: string, includeAutoCreated = false): ModelClass[] {
    return [...(this.allModels.get(label)?.values() ?? [])].filter((m) => includeAutoCreated || !metaOf(m)!.autoCreated);
  }

  getRegisteredModel(appLabel: string, modelName: string): ModelClass | undefined {
    return this.allModels.get(appLabel)?.get(modelName.toLowerCase());
  }

  /** get_model('blog', 'Post') or get_model('blog.Post'); LookupError as Django words it. */
  getModel(appLabel: string, modelName?: string): ModelClass {
    if (modelName === undefined) {
      const parts = appLabel.split('.');
      if (parts.length !== 2) throw new PyException('ValueError', `not enough values to unpack (expected 2, got ${parts.length})`);
      [appLabel, modelName] = parts;
    }
    if (this.appConfigs.size && !this.appConfigs.has(appLabel)) throw new PyException('LookupError', `No installed app with label '${appLabel}'.`);
    const m = this.getRegisteredModel(appLabel, modelName);
    if (!m) throw new PyException('LookupError', `App '${appLabel}' doesn't have a '${modelName}' model.`);
    return m;
  }

  // ---- lazy references -----------------------------------------------------------------------

  /** lazy_related_operation: runs `fn([scope, ...related])` once every model is registered. */
  lazyRelatedOperation(
    fn: (models: ModelClass[]) => void,
    scope: ModelClass,
    related: (ModelClass | string)[],
    field: Field | null = null,
    kind: PendingOp['kind'] = field ? 'field' : 'other',
  ): void {
    const models = [scope, ...related.map((r) => resolveRelation(scope, r))];
    const keys = models.map((m) => makeModelTuple(m));
    this.lazyModelOperation({ fn, field, kind, collected: [], keys });
  }

  private lazyModelOperation(op: PendingOp): void {
    if (op.collected.length === op.keys.length) {
      op.fn(op.collected);
      return;
    }
    const key = op.keys[op.collected.length];
    const model = this.getRegisteredModel(key[0], key[1]);
    if (model) {
      this.lazyModelOperation({ ...op, collected: [...op.collected, model] });
    } else {
      const k = key.join('.');
      const list = this.pendingOperations.get(k) ?? [];
      list.push(op);
      this.pendingOperations.set(k, list);
    }
  }

  private doPending(model: ModelClass): void {
    const meta = metaOf(model)!;
    const key = `${meta.appLabel}.${meta.modelName}`;
    const ops = this.pendingOperations.get(key);
    if (!ops) return;
    this.pendingOperations.delete(key);
    for (const op of ops) this.lazyModelOperation({ ...op, collected: [...op.collected, model] });
  }

  // ---- relations -------------------------------------------------------------------------------

  /** Forward relation fields pointing at `model`'s concrete model (Options._relation_tree). */
  relationTree(model: ModelClass): Field[] {
    if (!this.relationTreeCache) {
      const tree = new Map<ModelClass, Field[]>();
      for (const m of this.getModels({ includeAutoCreated: true })) {
        const meta = metaOf(m)!;
        for (const f of [...meta.localFields, ...meta.localManyToMany, ...meta.privateFields]) {
          if (!f.isRelation || !f.remoteField) continue;
          const target = f.remoteField.model;
          if (typeof target === 'string') continue;
          const tm = metaOf(target);
          if (!tm) continue;
          const concrete = tm.concreteModel ?? target;
          const list = tree.get(concrete) ?? [];
          list.push(f);
          tree.set(concrete, list);
        }
      }
      this.relationTreeCache = tree;
    }
    const concrete = metaOf(model)?.concreteModel ?? model;
    return this.relationTreeCache.get(concrete) ?? [];
  }

  /** Swappable models for settings references (AUTH_USER_MODEL). */
  swappableModels(): { labelLower: string; setting: string; swappedTo: string | null }[] {
    const out: { labelLower: string; setting: string; swappedTo: string | null }[] = [];
    for (const m of this.getModels({ includeSwapped: true })) {
      const meta = metaOf(m)!;
      if (meta.swappable) out.push({ labelLower: meta.labelLower, setting: meta.swappable, swappedTo: meta.swapped });
    }
    return out;
  }

  /** Hook for the model layer (set by base.ts to avoid an import cycle). */
  createManyToManyIntermediaryModel(field: Field, cls: ModelClass): ModelClass {
    return Apps.m2mFactory!(this, field, cls);
  }
  static m2mFactory: ((apps: Apps, field: Field, cls: ModelClass) => ModelClass) | null = null;

  /** The auto field class path for models of an app without their own primary key. */
  defaultAutoFieldFor(appLabel: string): { path: string; source: string; overridden: boolean } {
    const c = this.appConfigs.get(appLabel);
    if (c?.defaultAutoField) return { path: c.defaultAutoField, source: c.defaultAutoFieldSource ?? 'DEFAULT_AUTO_FIELD', overridden: !!c.defaultAutoFieldSource };
    const s = this.settingValue('DEFAULT_AUTO_FIELD');
    return { path: typeof s === 'string' ? s : 'django.db.models.AutoField', source: 'DEFAULT_AUTO_FIELD', overridden: false };
  }

  isPyModel(v: PyValue): v is PyClass {
    return metaOf(v) !== undefined;
  }
}
