// Model classes (django.db.models.base): what ModelBase does when a `class Post(models.Model)`
// statement runs — Meta options, fields, inheritance (abstract, multi-table, proxy), the
// automatic primary key and manager, and registration in the app registry.

import { PyClass, PyException, PyInstance, PyList, PyTuple, type Kwargs, type PyValue } from '../../python/values';
import { builtin, nativeClass, pyStr, truthy, callValue } from '../../utils/py';
import { Field, metaOf, isAutoField, type ModelClass } from './fields/index';
import { ForeignKey, OneToOneField, makeModelTuple, resolveRelation } from './fields/related';
import { fieldClass, FIELD_CLASSES } from './fields/pyclasses';
import { OrderWrt } from './fields/proxy';
import { Options } from './options';
import { Manager, newManager } from './manager';
import { CASCADE } from './deletion';
import { Apps } from '../../apps/registry';
import { exceptionClass } from '../../python/types';

/** The registry `class ...(models.Model)` statements register into (Meta.apps overrides it). */
let currentApps: Apps | null = null;
export function setCurrentApps(apps: Apps | null): Apps | null {
  const prev = currentApps;
  currentApps = apps;
  return prev;
}
export function getCurrentApps(): Apps | null {
  return currentApps;
}

export function isModelClass(v: PyValue): v is ModelClass {
  return metaOf(v) !== undefined;
}

/** The interpreter sets these on classes it creates (see engine-map: PyClass lineno/attrLines). */
interface ClassLines {
  lineno?: number;
  attrLines?: Map<string, number>;
}

function contributable(v: PyValue): boolean {
  return v instanceof PyInstance && (v.native instanceof Field || v.native instanceof Manager);
}

function addToClass(cls: ModelClass, name: string, value: PyValue): void {
  if (value instanceof PyInstance && value.native instanceof Field) value.native.contributeToClass(cls, name);
  else if (value instanceof PyInstance && value.native instanceof Manager) value.native.contributeToClass(cls, name);
  else cls.dict.set(name, value);
}

function moduleFile(module: string): string {
  return module === '__fake__' ? '' : module.replace(/\./g, '/') + '.py';
}

/** ModelBase.__new__ for a class the interpreter (or the state renderer) just created. */
export function setupModelClass(cls: ModelClass, appsOverride?: Apps): void {
  const parents = cls.bases.filter((b) => b !== Model && b.isSubclassOf(Model));
  if (!cls.bases.some((b) => b.isSubclassOf(Model))) return;
  const lines = cls as unknown as ClassLines;
  const module = cls.module;

  const attrMetaV = cls.dict.get('Meta');
  const attrMeta = attrMetaV instanceof PyClass ? attrMetaV : null;
  cls.dict.delete('Meta');
  const contrib: [string, PyValue][] = [];
  for (const entry of cls.dict) if (contributable(entry[1])) contrib.push(entry);
  for (const [k] of contrib) cls.dict.delete(k);
  const abstract = truthy(attrMeta?.lookup('abstract') ?? false);
  const meta = attrMeta ?? ((cls.lookup('Meta') as PyClass | undefined) instanceof PyClass ? (cls.lookup('Meta') as PyClass) : null);
  let baseMeta: Options | undefined;
  for (const c of cls.mro.slice(1)) {
    const m = metaOf(c);
    if (m) {
      baseMeta = m;
      break;
    }
  }

  const metaApps = meta?.lookup('apps');
  const apps = appsOverride ?? (metaApps instanceof PyInstance && metaApps.native instanceof Apps ? metaApps.native : currentApps);
  if (!apps) throw new PyException('django.core.exceptions.AppRegistryNotReady', "Apps aren't loaded yet.");
  let appLabel: string | null = null;
  const appConfig = apps.getContainingAppConfig(module);
  const explicitLabel = meta?.lookup('app_label');
  if (explicitLabel === undefined || explicitLabel === null) {
    if (!appConfig) {
      if (!abstract)
        throw new PyException(
          'RuntimeError',
          `Model class ${module}.${cls.name} doesn't declare an explicit app_label and isn't in an application in INSTALLED_APPS.`,
        );
    } else appLabel = appConfig.label;
  }
  const opts = new Options(meta, appLabel, apps);
  opts.file = moduleFile(module);
  opts.lineno = lines.lineno ?? 0;
  cls.native = opts;
  opts.contributeToClass(cls);

  if (!abstract && baseMeta && !baseMeta.abstract) {
    if (meta?.lookup('ordering') === undefined) opts.ordering = baseMeta.ordering;
    if (meta?.lookup('get_latest_by') === undefined) opts.getLatestBy = baseMeta.getLatestBy;
  }
  const isProxy = opts.proxy;
  if (isProxy && baseMeta && baseMeta.swapped) throw new PyException('TypeError', `${cls.name} cannot proxy the swapped model '${baseMeta.swapped}'.`);

  for (const [name, v] of contrib) {
    if (v instanceof PyInstance && v.native instanceof Field) v.native.lineno = lines.attrLines?.get(name) ?? 0;
    addToClass(cls, name, v);
  }
  // Only inheritance asks which names the class declares itself.
  const fieldNames = parents.length ? new Set([...opts.localFields, ...opts.localManyToMany, ...opts.privateFields].map((f) => f.name)) : new Set<string | null>();

  if (isProxy) {
    let base: ModelClass | null = null;
    for (const parent of parents.filter((p) => isModelClass(p))) {
      const pm = metaOf(parent)!;
      if (pm.abstract) {
        if (pm.fields.length) throw new PyException('TypeError', `Abstract base class containing model fields not permitted for proxy model '${cls.name}'.`);
        continue;
      }
      if (base === null) base = parent;
      else if (pm.concreteModel !== metaOf(base)!.concreteModel)
        throw new PyException('TypeError', `Proxy model '${cls.name}' has more than one non-abstract model base class.`);
    }
    if (base === null) throw new PyException('TypeError', `Proxy model '${cls.name}' has no non-abstract model base class.`);
    opts.setupProxy(base);
    opts.concreteModel = metaOf(base)!.concreteModel;
  } else {
    opts.concreteModel = cls;
  }

  // Parent links declared explicitly (OneToOneField(parent_link=True)).
  const parentLinks = new Map<string, Field>();
  for (const base of [...[cls, ...parents]].reverse()) {
    const bm = metaOf(base);
    if (!bm) continue;
    if (base !== cls && !bm.abstract) continue;
    for (const f of bm.localFields) {
      if (f instanceof OneToOneField && f.remoteField.parentLink) {
        const related = resolveRelation(cls, f.remoteField.model);
        parentLinks.set(makeModelTuple(related).join('.'), f);
      }
    }
  }

  // Attribute names earlier bases in the MRO provide (fields of concrete parents, and every
  // attribute of classes that are not model parents: looked up in their dicts when needed).
  const inherited = new Set<string>();
  const plainBases: PyClass[] = [];
  const isInherited = (name: string) => inherited.has(name) || plainBases.some((b) => b.dict.has(name));
  for (const base of cls.mro) {
    const bm = metaOf(base);
    if (!parents.includes(base) || !bm) {
      if (base !== cls) plainBases.push(base);
      continue;
    }
    const parentFields = [...bm.localFields, ...bm.localManyToMany];
    if (!bm.abstract) {
      for (const f of parentFields) {
        if (fieldNames.has(f.name))
          throw new PyException(
            'django.core.exceptions.FieldError',
            `Local field '${f.name}' in class '${cls.name}' clashes with field of the same name from base class '${base.name}'.`,
          );
        inherited.add(f.name!);
      }
      const concrete = bm.concreteModel!;
      const key = makeModelTuple(concrete).join('.');
      let link: Field | null;
      if (parentLinks.has(key)) link = parentLinks.get(key)!;
      else if (!isProxy) {
        const attrName = `${metaOf(concrete)!.modelName}_ptr`;
        const ptr = callValue(fieldClass('OneToOneField'), [concrete], new Map<string, PyValue>([
          ['on_delete', CASCADE],
          ['name', attrName],
          ['auto_created', true],
          ['parent_link', true],
        ])) as PyInstance;
        if (fieldNames.has(attrName))
          throw new PyException(
            'django.core.exceptions.FieldError',
            `Auto-generated field '${attrName}' in class '${cls.name}' for parent_link to base class '${concrete.name}' clashes with declared field of the same name.`,
          );
        if (!opts.tryGetField(attrName) && !cls.dict.has(attrName)) addToClass(cls, attrName, ptr);
        link = ptr.native as Field;
      } else link = null;
      opts.parents.set(concrete, link);
    } else {
      const baseParents = new Map(bm.parents);
      for (const f of parentFields) {
        if (!fieldNames.has(f.name) && !cls.dict.has(f.name!) && !isInherited(f.name!)) {
          const nf = f.deepcopy();
          nf.lineno = f.lineno;
          addToClass(cls, f.name!, nf.toPy());
          for (const [pk, pv] of baseParents) if (pv === f) baseParents.set(pk, nf);
        }
      }
      for (const [k, v] of baseParents) opts.parents.set(k, v);
    }
  }

  opts.indexes = opts.indexes.map((i) => i.clone());

  if (abstract) {
    if (attrMeta) {
      attrMeta.dict.set('abstract', false);
      cls.dict.set('Meta', attrMeta);
    }
    return;
  }
  prepare(cls);
  apps.registerModel(opts.appLabel, cls);
}

/** ModelBase._prepare plus Options._prepare. */
function prepare(cls: ModelClass): void {
  const opts = metaOf(cls)!;
  if (opts.orderWithRespectTo !== null) {
    const query = pyStr(opts.orderWithRespectTo);
    const f = [...opts.fields, ...opts.manyToMany].find((x) => x.name === query || x.attname === query);
    if (!f) throw new PyException('django.core.exceptions.FieldDoesNotExist', `${opts.objectName} has no field named '${query}'`);
    opts.orderWithRespectToField = f;
    opts.ordering = ['_order'];
    if (!opts.localFields.some((x) => x instanceof OrderWrt)) addToClass(cls, '_order', callValue(fieldClass('OrderWrt'), [], new Map()));
  }
  if (!opts.pk) {
    if (opts.parents.size) {
      let field = [...opts.parents.values()][0]!;
      const already = opts.localFields.filter((x) => x.name === field.name);
      if (already.length) field = already[0];
      field.primaryKey = true;
      opts.setupPk(field);
    } else {
      const pkClass = defaultPkClass(opts);
      const auto = callValue(pkClass, [], new Map<string, PyValue>([
        ['verbose_name', 'ID'],
        ['primary_key', true],
        ['auto_created', true],
      ])) as PyInstance;
      addToClass(cls, 'id', auto);
    }
  }
  for (const idx of opts.indexes) if (!idx.name) idx.setNameWithModel(opts);
  if (!opts.managers.length) {
    if (opts.fields.some((f) => f.name === 'objects'))
      throw new PyException('ValueError', `Model ${cls.name} must specify a custom Manager, because it has a field named 'objects'.`);
    const m = newManager('', null, true);
    m.contributeToClass(cls, 'objects');
  }
}

/** Options._get_default_pk_class with Django's error messages. */
function defaultPkClass(opts: Options): PyClass {
  const { path, source } = opts.apps.defaultAutoFieldFor(opts.appLabel);
  if (!path) throw new PyException('django.core.exceptions.ImproperlyConfigured', `${source} must not be empty.`);
  const cls = resolveFieldPath(path);
  if (!cls) throw new PyException('django.core.exceptions.ImproperlyConfigured', `${source} refers to the module '${path}' that could not be imported.`);
  const probe = cls.isSubclassOf(fieldClass('AutoField')) || cls.isSubclassOf(fieldClass('BigAutoField')) || cls.isSubclassOf(fieldClass('SmallAutoField'));
  if (!probe) throw new PyException('ValueError', `Primary key '${path}' referred by ${source} must subclass AutoField.`);
  return cls;
}

/** 'django.db.models.BigAutoField' -> the field class (also the .fields module spelling). */
export function resolveFieldPath(path: string): PyClass | undefined {
  const m = /^django\.db\.models(?:\.fields)?\.(\w+)$/.exec(path);
  if (m) return FIELD_CLASSES.get(m[1]);
  return undefined;
}

// ---- Python-visible model class and _meta ----------------------------------------------------

export const OptionsClass = nativeClass('Options', 'django.db.models.options', [], {
  getAttr(self, name) {
    const o = self.native as Options;
    switch (name) {
      case 'app_label':
        return o.appLabel;
      case 'model_name':
        return o.modelName;
      case 'object_name':
        return o.objectName;
      case 'db_table':
        return o.dbTable;
      case 'label':
        return o.label;
      case 'label_lower':
        return o.labelLower;
      case 'verbose_name':
        return o.verboseName;
      case 'verbose_name_plural':
        return o.verboseNamePlural;
      case 'abstract':
        return o.abstract;
      case 'proxy':
        return o.proxy;
      case 'managed':
        return o.managed;
      case 'model':
        return o.model;
      case 'concrete_model':
        return o.concreteModel;
      case 'pk':
        return o.pk ? o.pk.toPy() : null;
      case 'ordering':
        // The Meta value itself, as Django keeps it (None, a tuple, ...).
        if (o.originalAttrs.has('ordering')) return o.originalAttrs.get('ordering')!;
        return o.orderWithRespectTo !== null ? new PyTuple(['_order']) : new PyList([...o.ordering]);
      case 'unique_together':
        return new PyTuple(o.uniqueTogether.map((names) => new PyTuple([...names])));
      case 'get_latest_by':
        return o.getLatestBy;
      case 'db_table_comment':
        return o.dbTableComment;
      case 'db_tablespace':
        return o.dbTablespace;
      case 'default_related_name':
        return o.defaultRelatedName;
      case 'order_with_respect_to':
        return o.orderWithRespectToField ? o.orderWithRespectToField.toPy() : o.orderWithRespectTo;
      case 'permissions':
        return o.permissions;
      case 'default_permissions':
        return o.defaultPermissions;
      case 'select_on_save':
        return o.selectOnSave;
      case 'auto_created':
        return o.autoCreated;
      case 'swappable':
        return o.swappable;
      case 'verbose_name_raw':
        return pyStr(o.verboseName);
      case 'local_many_to_many':
        return new PyList(o.localManyToMany.map((f) => f.toPy()));
      case 'concrete_fields':
        return new PyTuple(o.concreteFields.map((f) => f.toPy()));
      case 'local_concrete_fields':
        return new PyTuple(o.localConcreteFields.map((f) => f.toPy()));
      case 'fields':
        return new PyTuple(o.fields.map((f) => f.toPy()));
      case 'local_fields':
        return new PyList(o.localFields.map((f) => f.toPy()));
      case 'many_to_many':
        return new PyTuple(o.manyToMany.map((f) => f.toPy()));
      case 'get_field':
        return builtin('get_field', 'django.db.models.options', (args) => o.getField(pyStr(args[0])).toPy());
      case 'get_fields':
        return builtin('get_fields', 'django.db.models.options', () => new PyTuple(o.fields.map((f) => f.toPy())));
    }
    return undefined;
  },
  repr: (self) => `<Options for ${(self.native as Options).objectName}>`,
});

function metaPy(o: Options): PyInstance {
  const c = o as unknown as { _py?: PyInstance };
  if (!c._py) c._py = new PyInstance(OptionsClass, o);
  return c._py;
}

export const ObjectDoesNotExist = nativeClass('ObjectDoesNotExist', 'django.core.exceptions', [exceptionClass]);

export const Model: PyClass = nativeClass('Model', 'django.db.models.base', [], {
  subclassCreated: (cls) => setupModelClass(cls),
  getClassAttr(cls, name) {
    const o = metaOf(cls);
    if (!o) return undefined;
    if (name === '_meta') return metaPy(o);
    if (name === '_default_manager') return o.defaultManager?.toPy() ?? null;
    const m = o.managers.find((x) => x.name === name);
    if (m) return m.toPy();
    const f = o.tryGetField(name);
    if (f && (f.name === name || f.attname === name)) return f.toPy();
    return undefined;
  },
  construct(cls, args, kwargs) {
    const o = metaOf(cls);
    if (!o) throw new PyException('TypeError', `${cls.name} cannot be instantiated`);
    if (o.abstract) throw new PyException('TypeError', 'Abstract models cannot be instantiated.');
    const inst = new PyInstance(cls);
    const fields = o.concreteFields;
    if (args.length > fields.length) throw new PyException('IndexError', 'Number of args exceeds number of fields');
    args.forEach((a, i) => inst.dict.set(fields[i].attname!, a));
    for (const [k, v] of kwargs as Kwargs) {
      const f = o.tryGetField(k);
      if (!f && k !== 'pk') throw new PyException('TypeError', `${cls.name}() got unexpected keyword arguments: '${k}'`);
      inst.dict.set(f ? (f.isRelation && !f.manyToMany && v instanceof PyInstance ? f.name! : f.attname!) : 'pk', v);
    }
    for (const f of fields) if (!inst.dict.has(f.attname!) && !inst.dict.has(f.name!)) inst.dict.set(f.attname!, f.hasDefault() ? f.getDefault() : null);
    return inst;
  },
});

// ---- auto-created many-to-many through models ------------------------------------------------

/** create_many_to_many_intermediary_model */
function createThrough(apps: Apps, field: Field, klass: ModelClass): ModelClass {
  const km = metaOf(klass)!;
  const toModel = resolveRelation(klass, field.remoteField!.model);
  const name = `${km.objectName}_${field.name}`;
  let to = makeModelTuple(toModel)[1];
  let from = km.modelName;
  if (to === from) {
    to = `to_${to}`;
    from = `from_${from}`;
  }
  const m2m = field as import('./fields/related').ManyToManyField;
  const metaAttrs = new Map<string, PyValue>([
    ['db_table', m2m.m2mDbTable()],
    ['auto_created', klass],
    ['app_label', km.appLabel],
    ['db_tablespace', km.dbTablespace],
    ['unique_together', new PyTuple([from, to])],
    ['verbose_name', `${from}-${to} relationship`],
    ['verbose_name_plural', `${from}-${to} relationships`],
  ]);
  const fk = (target: ModelClass | string) =>
    callValue(fieldClass('ForeignKey'), [target], new Map<string, PyValue>([
      ['related_name', `${name}+`],
      ['db_tablespace', field._dbTablespace],
      ['db_constraint', m2m.remoteField.dbConstraint],
      ['on_delete', CASCADE],
    ]));
  const body = new Map<string, PyValue>([
    [from, fk(klass)],
    [to, fk(toModel)],
  ]);
  const through = buildModelClass(apps, name, klass.module, [Model], body, metaAttrs);
  // set_managed: the through table is managed when either side is.
  apps.lazyRelatedOperation(
    (models) => {
      metaOf(through)!.managed = metaOf(models[0])!.managed || metaOf(models[1])!.managed;
    },
    klass,
    [toModel],
  );
  return through;
}
Apps.m2mFactory = createThrough;

/** type(name, bases, body) with a Meta built from `metaAttrs`, registered in `apps`. */
export function buildModelClass(
  apps: Apps,
  name: string,
  module: string,
  bases: PyClass[],
  body: Map<string, PyValue>,
  metaAttrs: Map<string, PyValue>,
): ModelClass {
  const meta = nativeClass('Meta', module);
  for (const [k, v] of metaAttrs) meta.dict.set(k, v);
  const cls = new PyClass(name, module, bases, {});
  for (const [k, v] of body) cls.dict.set(k, v);
  cls.dict.set('Meta', meta);
  setupModelClass(cls, apps);
  return cls;
}

export { isAutoField, ForeignKey };
