// Options: a model's `_meta` (django.db.models.options).

import { PyClass, PyDict, PyException, PyInstance, PyList, PySet, PyTuple, type PyValue } from '../../python/values';
import { inplaceOp } from '../../python/protocol';
import { iterItems, pyRepr, pyStr, truthy } from '../../utils/py';
import { Field, metaOf, isAutoField, type ModelClass } from './fields/index';
import type { ForeignObjectRel } from './fields/reverse_related';
import { BaseConstraint, Index, UniqueConstraint } from './indexes';
import type { Manager } from './manager';
import type { Apps } from '../../apps/registry';
import { touchDefaultConnection } from '../database_settings';

export const DEFAULT_NAMES = [
  'verbose_name',
  'verbose_name_plural',
  'db_table',
  'db_table_comment',
  'ordering',
  'unique_together',
  'permissions',
  'get_latest_by',
  'order_with_respect_to',
  'app_label',
  'db_tablespace',
  'abstract',
  'managed',
  'proxy',
  'swappable',
  'auto_created',
  'apps',
  'default_permissions',
  'select_on_save',
  'default_related_name',
  'required_db_features',
  'required_db_vendor',
  'base_manager_name',
  'default_manager_name',
  'indexes',
  'constraints',
];

/** normalize_together: a single ('a', 'b') becomes (('a', 'b'),); returns tuples of names. */
export function normalizeTogether(value: PyValue): PyValue[][] {
  if (!truthy(value)) return [];
  if (value instanceof PySet) return value.values().map((x) => iterItems(x) ?? [x]);
  if (!(value instanceof PyTuple || value instanceof PyList)) return [];
  const first = value.items[0];
  if (!(first instanceof PyTuple || first instanceof PyList)) return [[...value.items]];
  return value.items.map((x) => iterItems(x) ?? [x]);
}

const spacedNames = new Map<string, string>();

/** Django's camel_case_to_spaces: 'BlogPost' -> 'blog post'. */
export function camelCaseToSpaces(value: string): string {
  let spaced = spacedNames.get(value);
  if (spaced === undefined) {
    spaced = value
      .replace(/((?<=[a-z])[A-Z])|([A-Z](?![A-Z]|$))/g, ' $&')
      .trim()
      .toLowerCase();
    if (spacedNames.size >= 4096) spacedNames.clear();
    spacedNames.set(value, spaced);
  }
  return spaced;
}

/** The caches that depend on other models' relations to this one. */
const RELATION_CACHES = ['relatedObjects', 'fieldsMap', 'relationTree'];

export class Options {
  readonly isOptions = true;
  model!: ModelClass;
  meta: PyClass | null;
  apps: Apps;

  localFields: Field[] = [];
  localManyToMany: Field[] = [];
  privateFields: Field[] = [];
  localManagers: Manager[] = [];
  baseManagerName: string | null = null;
  defaultManagerName: string | null = null;
  modelName = '';
  objectName = '';
  verboseName: PyValue = '';
  verboseNamePlural: PyValue = '';
  dbTable = '';
  dbTableComment = '';
  ordering: PyValue[] = [];
  indexes: Index[] = [];
  constraints: BaseConstraint[] = [];
  uniqueTogether: PyValue[][] = [];
  selectOnSave = false;
  defaultPermissions: PyValue = new PyTuple(['add', 'change', 'delete', 'view']);
  permissions: PyValue = new PyList([]);
  getLatestBy: PyValue = null;
  orderWithRespectTo: PyValue = null;
  /** The resolved order_with_respect_to field (after class preparation). */
  orderWithRespectToField: Field | null = null;
  dbTablespace: PyValue = '';
  requiredDbFeatures: PyValue = new PyList([]);
  requiredDbVendor: PyValue = null;
  appLabel: string;
  pk: Field | null = null;
  autoField: Field | null = null;
  abstract = false;
  managed = true;
  proxy = false;
  proxyForModel: ModelClass | null = null;
  concreteModel: ModelClass | null = null;
  swappable: string | null = null;
  parents = new Map<ModelClass, Field | null>();
  autoCreated: PyValue = false;
  defaultRelatedName: string | null = null;
  /** Meta attributes as written (Options.original_attrs). */
  originalAttrs = new Map<string, PyValue>();
  /** Where the model is defined (for messages and squiggles). */
  file = '';
  lineno = 0;
  private cache = new Map<string, unknown>();

  constructor(meta: PyClass | null, appLabel: string | null, apps: Apps) {
    this.meta = meta;
    this.appLabel = appLabel ?? '';
    this.apps = apps;
  }

  get label(): string {
    return `${this.appLabel}.${this.objectName}`;
  }
  get labelLower(): string {
    return `${this.appLabel}.${this.modelName}`;
  }

  /** Meta attributes including those inherited by a Meta class from its bases, Meta's own first. */
  private static metaAttrs(meta: PyClass): Map<string, PyValue> {
    const out = new Map<string, PyValue>();
    for (const c of meta.mro) {
      if (c.module === 'builtins') continue;
      for (const [k, v] of c.dict) if (!k.startsWith('_') && !out.has(k)) out.set(k, v);
    }
    return out;
  }

  /** Meta.attr as Python would find it (None of a missing Meta gives undefined). */
  static metaGet(meta: PyClass | null | undefined, name: string): PyValue | undefined {
    if (!meta) return undefined;
    return meta.lookup(name);
  }

  contributeToClass(cls: ModelClass, _name = '_meta'): void {
    this.model = cls;
    this.objectName = cls.name;
    this.modelName = cls.name.toLowerCase();
    this.verboseName = camelCaseToSpaces(this.objectName);
    if (this.meta) {
      const attrs = Options.metaAttrs(this.meta);
      for (const name of DEFAULT_NAMES) {
        if (attrs.has(name)) {
          const v = attrs.get(name)!;
          this.setOption(name, v);
          this.originalAttrs.set(name, v);
          attrs.delete(name);
        }
      }
      this.uniqueTogether = normalizeTogether(this.uniqueTogetherRaw);
      if (!this.abstract) {
        this.constraints = this.formatNames(this.constraints);
        this.indexes = this.formatNames(this.indexes);
      }
      if (!this.originalAttrs.has('verbose_name_plural')) this.verboseNamePlural = `${pyStr(this.verboseName)}s`;
      if (attrs.size) throw new PyException('TypeError', `'class Meta' got invalid attribute(s): ${[...attrs.keys()].join(',')}`);
    } else {
      this.verboseNamePlural = `${pyStr(this.verboseName)}s`;
    }
    if (!this.dbTable) {
      this.dbTable = `${this.appLabel}_${this.modelName}`;
      touchDefaultConnection();
    }
  }

  /** Copies of the indexes or constraints with `%(app_label)s` and `%(class)s` filled in their names. */
  private formatNames<T extends { name: string; clone(): T }>(objs: T[]): T[] {
    if (!objs.length) return objs;
    const names = new PyDict([
      ['app_label', this.appLabel.toLowerCase()],
      ['class', this.modelName],
    ]);
    return objs.map((obj) => {
      const copy = obj.clone();
      copy.name = inplaceOp('%', copy.name as PyValue, names) as string;
      return copy;
    });
  }

  /** Meta.unique_together as written (checks judge its shape). */
  uniqueTogetherRaw: PyValue = new PyTuple([]);

  private setOption(name: string, v: PyValue): void {
    switch (name) {
      case 'verbose_name':
        this.verboseName = v;
        break;
      case 'verbose_name_plural':
        this.verboseNamePlural = v;
        break;
      case 'db_table':
        // A false value (AlterModelTable(table=None) puts None here) means the default name.
        this.dbTable = typeof v === 'string' ? v : truthy(v) ? pyStr(v) : '';
        break;
      case 'db_table_comment':
        this.dbTableComment = typeof v === 'string' ? v : truthy(v) ? pyStr(v) : '';
        break;
      case 'ordering':
        // Meta.ordering = None (or empty): no default ordering.
        this.ordering = truthy(v) ? (iterItems(v) ?? [v]) : [];
        break;
      case 'unique_together':
        this.uniqueTogetherRaw = v;
        break;
      case 'permissions':
        this.permissions = v;
        break;
      case 'get_latest_by':
        this.getLatestBy = v;
        break;
      case 'order_with_respect_to':
        this.orderWithRespectTo = v;
        break;
      case 'app_label':
        this.appLabel = pyStr(v);
        break;
      case 'db_tablespace':
        this.dbTablespace = v;
        break;
      case 'abstract':
        this.abstract = truthy(v);
        break;
      case 'managed':
        this.managed = truthy(v);
        break;
      case 'proxy':
        this.proxy = truthy(v);
        break;
      case 'swappable':
        this.swappable = v === null ? null : pyStr(v);
        break;
      case 'auto_created':
        this.autoCreated = v;
        break;
      case 'default_permissions':
        this.defaultPermissions = v;
        break;
      case 'select_on_save':
        this.selectOnSave = truthy(v);
        break;
      case 'default_related_name':
        this.defaultRelatedName = v === null ? null : pyStr(v);
        break;
      case 'required_db_features':
        this.requiredDbFeatures = v;
        break;
      case 'required_db_vendor':
        this.requiredDbVendor = v;
        break;
      case 'base_manager_name':
        this.baseManagerName = v === null ? null : pyStr(v);
        break;
      case 'default_manager_name':
        this.defaultManagerName = v === null ? null : pyStr(v);
        break;
      case 'indexes':
        this.indexes = (iterItems(v) ?? []).map((x) => {
          if (x instanceof PyInstance && x.native instanceof Index) return x.native;
          throw new PyException('TypeError', `'indexes' must contain Index instances, got ${pyRepr(x)}`);
        });
        break;
      case 'constraints':
        this.constraints = (iterItems(v) ?? []).map((x) => {
          if (x instanceof PyInstance && x.native instanceof BaseConstraint) return x.native;
          throw new PyException('TypeError', `'constraints' must contain constraint instances, got ${pyRepr(x)}`);
        });
        break;
      case 'apps':
        break;
    }
  }

  // ---- fields --------------------------------------------------------------------------------

  addField(field: Field, privateOnly = false): void {
    if (privateOnly) this.privateFields.push(field);
    else if (field.isRelation && field.manyToMany) insortByCounter(this.localManyToMany, field);
    else insortByCounter(this.localFields, field);
    this.setupPk(field);
    this.expireCache();
  }

  setupPk(field: Field): void {
    if (!this.pk && field.primaryKey) {
      this.pk = field;
      field.serialize = false;
    }
  }

  setupProxy(target: ModelClass): void {
    const t = metaOf(target)!;
    this.pk = t.pk;
    this.proxyForModel = target;
    this.dbTable = t.dbTable;
  }

  expireCache(): void {
    this.cache.clear();
  }
  /** Called by the registry when models are added (reverse relations change). */
  expireRelationCache(): void {
    for (const k of RELATION_CACHES) this.cache.delete(k);
  }

  private cacheVersion = -1;
  /** Set once the model is unregistered: the registry no longer expires its caches (Django's clear_cache only reaches registered models). */
  private detached = false;

  /**
   * The registry is removing this model. Its reverse relations stay as they are now: those it had
   * worked out, or, when the registry's relation graph is current, the relations it holds for
   * this model (Django's graph sets every registered model's _relation_tree at once).
   */
  detach(registryTree: Field[] | undefined): void {
    if (this.detached) return;
    if (this.cacheVersion !== this.apps.version) {
      this.expireRelationCache();
      this.cacheVersion = this.apps.version;
    }
    if (registryTree !== undefined && !this.cache.has('relationTree')) this.cache.set('relationTree', registryTree);
    this.detached = true;
  }

  /** Forward relation fields pointing at this model (Options._relation_tree). */
  private relationTree(): Field[] {
    return this.cached('relationTree', () => this.apps.relationTree(this.concreteModel ?? this.model));
  }

  private cached<T>(key: string, make: () => T): T {
    if (this.cacheVersion !== this.apps.version && !this.detached) {
      // Models were registered or removed since: reverse relations may differ.
      this.expireRelationCache();
      this.cacheVersion = this.apps.version;
    }
    if (this.cache.has(key)) return this.cache.get(key) as T;
    const v = make();
    this.cache.set(key, v);
    return v;
  }

  /** Forward fields of this model and its concrete parents, parents first (Options._get_fields). */
  private forwardFields(): Field[] {
    return this.cached('forward', () => {
      const out: Field[] = [];
      for (const parent of this.parents.keys()) {
        for (const f of metaOf(parent)!.forwardFields()) {
          if (!(f.remoteField && f.remoteField.parentLink) || f.model === this.concreteModel) out.push(f);
        }
      }
      // A field reachable through two parents appears once.
      const seen = new Set<Field>();
      const dedup = out.filter((f) => (seen.has(f) ? false : (seen.add(f), true)));
      return [...dedup, ...this.localFields, ...this.localManyToMany];
    });
  }

  /** Concrete and relation forward fields, no many-to-many (Options.fields). */
  get fields(): Field[] {
    return this.cached('fields', () => [...this.forwardFields().filter((f) => !f.manyToMany), ...this.privateFields.filter((f) => !f.manyToMany)]);
  }
  get concreteFields(): Field[] {
    return this.cached('concreteFields', () => this.fields.filter((f) => f.concrete));
  }
  get localConcreteFields(): Field[] {
    return this.cached('localConcreteFields', () => this.localFields.filter((f) => f.concrete));
  }
  get manyToMany(): Field[] {
    return this.cached('manyToMany', () => this.forwardFields().filter((f) => f.manyToMany));
  }

  /** Reverse relations pointing at this model (ForeignObjectRel objects). */
  get relatedObjects(): ForeignObjectRel[] {
    return this.cached('relatedObjects', () => {
      const out: ForeignObjectRel[] = [];
      for (const parent of this.parents.keys()) {
        for (const r of metaOf(parent)!.relatedObjects) if (!r.parentLink) out.push(r);
      }
      for (const f of this.relationTree()) {
        const rel = f.remoteField!;
        if (!rel.hidden || f.manyToMany) out.push(rel);
      }
      return out;
    });
  }

  /** Every field and reverse relation (get_fields()). */
  getFields(includeHidden = false): (Field | ForeignObjectRel)[] {
    const reverse: ForeignObjectRel[] = [];
    for (const f of this.relationTree()) {
      const rel = f.remoteField!;
      if (includeHidden || !rel.hidden) reverse.push(rel);
    }
    return [...reverse, ...this.forwardFields(), ...this.privateFields];
  }

  private fieldsMap(): Map<string, Field | ForeignObjectRel> {
    return this.cached('fieldsMap', () => {
      const m = new Map<string, Field | ForeignObjectRel>();
      for (const r of this.getFields(true)) {
        if (r instanceof Field) continue;
        m.set(r.name, r);
      }
      for (const f of [...this.forwardFields(), ...this.privateFields]) {
        if (f.name) m.set(f.name, f);
        if (f.attname && !m.has(f.attname)) m.set(f.attname, f);
      }
      return m;
    });
  }

  /** get_field(name); raises FieldDoesNotExist as Django words it. */
  getField(name: string): Field {
    const f = this.tryGetField(name);
    if (!f) throw new PyException('django.core.exceptions.FieldDoesNotExist', `${this.objectName} has no field named '${name}'`);
    return f;
  }
  tryGetField(name: string): Field | undefined {
    for (const f of this.forwardFields()) if (f.name === name || f.attname === name) return f;
    for (const f of this.privateFields) if (f.name === name) return f;
    return undefined;
  }
  /** Forward field or reverse relation by name (what lookups and ordering accept). */
  getFieldOrRelation(name: string): Field | ForeignObjectRel | undefined {
    return this.fieldsMap().get(name);
  }

  // ---- model-level helpers -------------------------------------------------------------------

  get swapped(): string | null {
    if (!this.swappable) return null;
    const swappedFor = this.apps.settingValue(this.swappable);
    if (typeof swappedFor !== 'string' || !swappedFor) return null;
    const parts = swappedFor.split('.');
    if (parts.length !== 2) return swappedFor;
    const [app, model] = parts;
    if (`${app}.${model.toLowerCase()}` !== this.labelLower) return swappedFor;
    return null;
  }

  get totalUniqueConstraints(): UniqueConstraint[] {
    return this.constraints.filter((c): c is UniqueConstraint => c instanceof UniqueConstraint && c.condition === null && !c.containsExpressions);
  }
  totalUniqueConstraintFieldSets(): string[][] {
    return this.totalUniqueConstraints.map((c) => c.fields);
  }
  uniqueTogetherSets(): string[][] {
    return this.uniqueTogether.map((t) => t.map((x) => pyStr(x)));
  }

  get managers(): Manager[] {
    return this.cached('managers', () => {
      const found: [number, number, Manager][] = [];
      const seen = new Set<string>();
      let depth = 0;
      for (const base of this.model.mro) {
        const m = metaOf(base);
        if (!m) continue;
        for (const manager of m.localManagers) {
          if (seen.has(manager.name)) continue;
          seen.add(manager.name);
          const copy = manager.copy();
          copy.model = this.model;
          found.push([depth, manager.creationCounter, copy]);
        }
        depth++;
      }
      found.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      return found.map((x) => x[2]);
    });
  }

  get defaultManager(): Manager | null {
    const name = this.defaultManagerName;
    const ms = this.managers;
    if (!name && ms.length) return ms[0];
    if (name) return ms.find((m) => m.name === name) ?? null;
    return null;
  }

  /** db_returning_fields, pk first etc. are the SQL side's; this is the auto-field flag. */
  get hasAutoField(): boolean {
    return this.autoField !== null;
  }
  isAutoPk(): boolean {
    return !!this.pk && isAutoField(this.pk);
  }

  /** The chain of parent-link fields from this model up to `ancestor` (get_ancestor_link). */
  getAncestorLink(ancestor: ModelClass): Field | null {
    if (this.parents.has(ancestor)) return this.parents.get(ancestor) ?? null;
    for (const parent of this.parents.keys()) {
      const link = metaOf(parent)!.getAncestorLink(ancestor);
      if (link) return this.parents.get(parent) ?? link;
    }
    return null;
  }

  getParentList(): ModelClass[] {
    const out: ModelClass[] = [];
    for (const p of this.parents.keys()) {
      out.push(p);
      for (const pp of metaOf(p)!.getParentList()) if (!out.includes(pp)) out.push(pp);
    }
    return out;
  }

  toString(): string {
    return this.label;
  }
}

function insortByCounter(list: Field[], f: Field): void {
  let i = list.length;
  while (i > 0 && list[i - 1].creationCounter > f.creationCounter) i--;
  list.splice(i, 0, f);
}

void PySet;
