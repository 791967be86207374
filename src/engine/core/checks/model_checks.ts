// The model system checks (django.core.checks.model_checks and Model.check()).

import { PyClass, PyInstance, PyList, PyTuple, type PyValue } from '../../python/values';
import { classmethodClass, propertyClass, staticmethodClass } from '../../python/index';
import { fakeAddress } from '../../python/protocol';
import { FileField, ImageField } from '../../db/models/fields/files';
import { Error_, Warning_, CheckMessage, type CheckTarget } from './messages';
import { Field, metaOf, type ModelClass } from '../../db/models/fields/index';
import { ForeignKey, OneToOneField } from '../../db/models/fields/related';
import { ManyToManyRel, type ForeignObjectRel } from '../../db/models/fields/reverse_related';
import type { Apps } from '../../apps/registry';
import type { Options } from '../../db/models/options';
import { LOOKUP_SEP } from '../../db/models/constants';
import { CheckConstraint, UniqueConstraint } from '../../db/models/indexes';
import { Expression, Func, QNode } from '../../db/models/expressions';
import { funcSourceArgs } from './expression_text';
import { pyRepr, truthy } from '../../utils/py';
import { extraFieldChecks } from './field_checks';

export interface SettingsLike {
  get(name: string): PyValue | undefined;
  isOverridden(name: string): boolean;
}

/** A model as a check target: printed as its label, located at its class statement. */
export function modelTarget(model: ModelClass): CheckTarget {
  const meta = metaOf(model)!;
  return {
    checkLabel: () => meta.label,
    checkLocation: () => (meta.file ? { file: meta.file, line: meta.lineno } : undefined),
  };
}

// ---- lazy references ---------------------------------------------------------------------------

/** fields.E307 for every relation whose target never appeared (_check_lazy_references). */
export function lazyReferenceMessages(apps: Apps, ignore: Set<string> = new Set()): CheckMessage[] {
  const out: CheckMessage[] = [];
  for (const [key, ops] of apps.pendingOperations) {
    if (ignore.has(key)) continue;
    const [app, model] = [key.slice(0, key.indexOf('.')), key.slice(key.indexOf('.') + 1)];
    const modelError = apps.appConfigs.has(app) ? `app '${app}' doesn't provide model '${model}'` : `app '${app}' isn't installed`;
    for (const op of ops) {
      if (op.kind === 'through') {
        const fn = '<function ManyToManyField.contribute_to_class.<locals>.resolve_through_model at 0x7f3a1c2b5e40>';
        out.push(Error_(`${fn} contains a lazy reference to ${key}, but ${modelError}.`, { obj: fn, id: 'models.E022' }));
        continue;
      }
      if (!op.field) continue;
      out.push(
        Error_(`The field ${op.field.checkLabel()} was declared with a lazy reference to '${key}', but ${modelError}.`, {
          obj: op.field,
          id: 'fields.E307',
        }),
      );
    }
  }
  return out.sort((a, b) => (a.msg < b.msg ? -1 : a.msg > b.msg ? 1 : 0));
}

// ---- Model.check() -------------------------------------------------------------------------------

export function checkModel(model: ModelClass, settings: SettingsLike, databases = false): CheckMessage[] {
  const meta = metaOf(model)!;
  const obj = modelTarget(model);
  const errors: CheckMessage[] = [...checkSwappable(meta), ...checkModelProxy(model, meta, obj)];
  if (meta.swapped) return errors;
  for (const f of [...meta.localFields, ...meta.localManyToMany]) {
    const own = f.check();
    errors.push(...own, ...extraFieldChecks(f, own, settings, databases));
    if (databases && truthy(f.dbComment) && !f.manyToMany)
      errors.push(Warning_('SQLite does not support comments on columns (db_comment).', { obj: f, id: 'fields.W163' }));
  }
  errors.push(...checkM2mThroughSameRelationship(model, meta, obj));
  const clash = [
    ...checkIdField(meta, obj),
    ...checkFieldNameClashes(model, meta, obj),
    ...checkModelNameDbLookupClashes(model, obj),
    ...checkPropertyNameRelatedFieldAccessorClashes(model, meta, obj),
    ...checkSinglePrimaryKey(meta, obj),
  ];
  errors.push(...clash);
  if (!clash.length) errors.push(...checkColumnNameClashes(meta, obj));
  errors.push(
    ...checkUniqueTogether(meta, obj),
    ...checkIndexes(meta, obj, databases),
    ...checkOrdering(meta, obj),
    ...(databases ? checkConstraints(meta, obj) : []),
    ...checkDefaultPk(model, meta, obj, settings),
  );
  if (databases && meta.dbTableComment)
    errors.push(Warning_('SQLite does not support comments on tables (db_table_comment).', { obj, id: 'models.W046' }));
  return errors;
}

function checkSwappable(meta: Options): CheckMessage[] {
  const swapped = meta.swapped;
  if (!swapped) return [];
  const parts = swapped.split('.');
  if (parts.length !== 2) return [Error_(`'${meta.swappable}' is not of the form 'app_label.app_name'.`, { id: 'models.E001' })];
  const [app, model] = parts;
  const target = meta.apps.getRegisteredModel(app, model);
  if (!target || !meta.apps.appConfigs.has(app) || metaOf(target)!.abstract)
    return [Error_(`'${meta.swappable}' references '${app}.${model}', which has not been installed, or is abstract.`, { id: 'models.E002' })];
  return [];
}

function checkModelProxy(model: ModelClass, meta: Options, obj: CheckTarget): CheckMessage[] {
  if (meta.proxy && (meta.localFields.length || meta.localManyToMany.length))
    return [Error_(`Proxy model '${model.name}' contains model fields.`, { id: 'models.E017' })];
  return [];
}

function checkM2mThroughSameRelationship(_model: ModelClass, meta: Options, obj: CheckTarget): CheckMessage[] {
  const seen: string[] = [];
  const errors: CheckMessage[] = [];
  for (const f of meta.localManyToMany) {
    const rf = f.remoteField!;
    if (typeof rf.model === 'string' || !metaOf(rf.through as PyValue)) continue;
    const sig = `${metaOf(rf.model)!.label}|${metaOf(rf.through as PyValue)!.label}|${rf.throughFields === null ? 'None' : pyRepr(rf.throughFields as PyValue)}`;
    if (seen.includes(sig))
      errors.push(
        Error_(`The model has two identical many-to-many relations through the intermediate model '${metaOf(rf.through as PyValue)!.label}'.`, {
          obj,
          id: 'models.E003',
        }),
      );
    else seen.push(sig);
  }
  return errors;
}

function checkIdField(meta: Options, obj: CheckTarget): CheckMessage[] {
  const fields = meta.localFields.filter((f) => f.name === 'id' && f !== meta.pk);
  if (fields.length && !fields[0].primaryKey && meta.pk?.name === 'id')
    return [Error_("'id' can only be used as a field name if the field also sets 'primary_key=True'.", { obj, id: 'models.E004' })];
  return [];
}

function optsLabel(f: Field): string {
  return metaOf(f.model)!.label;
}

function checkFieldNameClashes(model: ModelClass, meta: Options, obj: CheckTarget): CheckMessage[] {
  const errors: CheckMessage[] = [];
  const used = new Map<string, Field>();
  const allParents = meta.getParentList();
  for (const parent of allParents) {
    for (const f of metaOf(parent)!.localFields) {
      const clash = used.get(f.name!) ?? used.get(f.attname!);
      if (clash)
        errors.push(
          Error_(`The field '${clash.name}' from parent model '${optsLabel(clash)}' clashes with the field '${f.name}' from parent model '${optsLabel(f)}'.`, {
            obj,
            id: 'models.E005',
          }),
        );
      used.set(f.name!, f);
      used.set(f.attname!, f);
    }
  }
  for (const parent of allParents) for (const f of metaOf(parent)!.fields) if (!used.has(f.name!)) used.set(f.name!, f);
  for (const link of meta.parents.values()) {
    if (!link) continue;
    const clash = used.get(link.name!);
    if (clash)
      errors.push(Error_(`The field '${link.name}' clashes with the field '${clash.name}' from model '${optsLabel(clash)}'.`, { obj, id: 'models.E006' }));
  }
  for (const f of meta.localFields) {
    const clash = used.get(f.name!) ?? used.get(f.attname!);
    const idConflict = f.name === 'id' && clash && clash.name === 'id' && clash.model === model;
    if (clash && !idConflict)
      errors.push(Error_(`The field '${f.name}' clashes with the field '${clash.name}' from model '${optsLabel(clash)}'.`, { obj: f, id: 'models.E006' }));
    used.set(f.name!, f);
    used.set(f.attname!, f);
  }
  return errors;
}

function checkModelNameDbLookupClashes(model: ModelClass, obj: CheckTarget): CheckMessage[] {
  const n = model.name;
  if (n.startsWith('_') || n.endsWith('_'))
    return [Error_(`The model name '${n}' cannot start or end with an underscore as it collides with the query lookup syntax.`, { obj, id: 'models.E023' })];
  if (n.includes(LOOKUP_SEP))
    return [Error_(`The model name '${n}' cannot contain double underscores as it collides with the query lookup syntax.`, { obj, id: 'models.E024' })];
  return [];
}

function checkPropertyNameRelatedFieldAccessorClashes(model: ModelClass, meta: Options, obj: CheckTarget): CheckMessage[] {
  // Options._property_names: the first definition of a name along the MRO decides. A field's
  // descriptors (under its name and attname) replace what the class body put there.
  const props = new Set<string>();
  const seen = new Set<string>();
  for (const c of model.mro) {
    const installed = new Set<string>();
    const cm = metaOf(c);
    for (const f of cm ? [...cm.localFields, ...cm.localManyToMany] : []) {
      if (f.name) installed.add(f.name);
      if (f.attname) installed.add(f.attname);
    }
    for (const [k, v] of c.dict) if (!seen.has(k) && !installed.has(k) && v instanceof PyInstance && v.cls === propertyClass) props.add(k);
    for (const k of [...c.dict.keys(), ...installed]) seen.add(k);
  }
  if (!props.size) return [];
  const errors: CheckMessage[] = [];
  for (const f of [...meta.fields, ...meta.manyToMany]) {
    if (!f.isRelation) continue;
    const accessor = f.getAttname();
    if (props.has(accessor)) errors.push(Error_(`The property '${accessor}' clashes with a related field accessor.`, { obj, id: 'models.E025' }));
  }
  return errors;
}

function checkSinglePrimaryKey(meta: Options, obj: CheckTarget): CheckMessage[] {
  if (meta.localFields.filter((f) => f.primaryKey).length > 1)
    return [Error_("The model cannot have more than one field with 'primary_key=True'.", { obj, id: 'models.E026' })];
  return [];
}

function checkColumnNameClashes(meta: Options, obj: CheckTarget): CheckMessage[] {
  const used: string[] = [];
  const errors: CheckMessage[] = [];
  for (const f of meta.localFields) {
    const [, column] = f.getAttnameColumn();
    if (column && used.includes(column))
      errors.push(
        Error_(`Field '${f.name}' has column name '${column}' that is used by another field.`, {
          hint: "Specify a 'db_column' for the field.",
          obj,
          id: 'models.E007',
        }),
      );
    else if (column) used.push(column);
  }
  return errors;
}

function checkLocalFields(meta: Options, fields: PyValue[], option: string, obj: CheckTarget): CheckMessage[] {
  const forward = new Map<string, Field>();
  for (const f of [...meta.fields, ...meta.manyToMany]) {
    forward.set(f.name!, f);
    if (f.attname) forward.set(f.attname, f);
  }
  const errors: CheckMessage[] = [];
  for (const nameV of fields) {
    const name = typeof nameV === 'string' ? nameV : String(nameV);
    const f = forward.get(name);
    if (!f) errors.push(Error_(`'${option}' refers to the nonexistent field '${name}'.`, { obj, id: 'models.E012' }));
    else if (f.remoteField instanceof ManyToManyRel)
      errors.push(
        Error_(`'${option}' refers to a ManyToManyField '${name}', but ManyToManyFields are not permitted in '${option}'.`, { obj, id: 'models.E013' }),
      );
    else if (!meta.localFields.includes(f))
      errors.push(
        Error_(`'${option}' refers to field '${name}' which is not local to model '${meta.objectName}'.`, {
          hint: 'This issue may be caused by multi-table inheritance.',
          obj,
          id: 'models.E016',
        }),
      );
  }
  return errors;
}

function checkUniqueTogether(meta: Options, obj: CheckTarget): CheckMessage[] {
  const raw = meta.uniqueTogetherRaw;
  if (raw === null || raw === false || (raw instanceof PyTuple && raw.items.length === 0) || (raw instanceof PyList && raw.items.length === 0)) return [];
  if (!(raw instanceof PyTuple || raw instanceof PyList)) return [Error_("'unique_together' must be a list or tuple.", { obj, id: 'models.E010' })];
  const first = raw.items[0];
  const groups = first instanceof PyTuple || first instanceof PyList ? raw.items : [raw];
  if (groups.some((g) => !(g instanceof PyTuple || g instanceof PyList)))
    return [Error_("All 'unique_together' elements must be lists or tuples.", { obj, id: 'models.E011' })];
  return groups.flatMap((g) => checkLocalFields(meta, (g as PyTuple).items as PyValue[], 'unique_together', obj));
}

function checkIndexes(meta: Options, obj: CheckTarget, databases: boolean): CheckMessage[] {
  const errors: CheckMessage[] = [];
  if (databases && meta.indexes.some((i) => i.include.length))
    errors.push(
      Warning_('SQLite does not support indexes with non-key columns.', {
        hint: "Non-key columns will be ignored. Silence this warning if you don't care about it.",
        obj,
        id: 'models.W040',
      }),
    );
  for (const idx of meta.indexes) {
    if (idx.name && (idx.name[0] === '_' || /\d/.test(idx.name[0])))
      errors.push(Error_(`The index name '${idx.name}' cannot start with an underscore or a number.`, { obj, id: 'models.E033' }));
    if (idx.name.length > 30) errors.push(Error_(`The index name '${idx.name}' cannot be longer than 30 characters.`, { obj, id: 'models.E034' }));
  }
  const fields: PyValue[] = [];
  for (const idx of meta.indexes) for (const [f] of idx.fieldsOrders) fields.push(f);
  for (const idx of meta.indexes) fields.push(...idx.include);
  const refs: string[][] = [];
  for (const idx of meta.indexes) for (const e of idx.expressions) exprReferences(e, refs);
  fields.push(...new Set(refs.map((r) => r[0])));
  errors.push(...checkLocalFields(meta, fields, 'indexes', obj));
  return errors;
}

/** Lookups a Q/F expression refers to, split on '__' (Model._get_expr_references). */
function exprReferences(v: PyValue, out: string[][]): void {
  if (v instanceof PyInstance && v.native instanceof QNode) {
    for (const child of v.native.children) {
      if (child instanceof PyTuple) {
        out.push(String(child.items[0]).split(LOOKUP_SEP));
        exprReferences(child.items[1], out);
      } else exprReferences(child, out);
    }
  } else if (v instanceof PyInstance && v.native instanceof Expression) {
    if (v.native.kind === 'F') out.push(String(v.native.args[0]).split(LOOKUP_SEP));
    else if (v.cls.isSubclassOf(Func)) {
      // A function's string arguments are field names (Func wraps them in F()).
      for (const a of funcSourceArgs(v.native, v.cls.name)) {
        if (typeof a === 'string') out.push(a.split(LOOKUP_SEP));
        else exprReferences(a, out);
      }
    } else for (const a of [...v.native.args, ...v.native.kwargs.values()]) exprReferences(a, out);
  }
}

/** Whether a condition has a RawSQL() anywhere in it (Q.flatten() / Expression.flatten()). */
function containsRawSql(v: PyValue): boolean {
  if (v instanceof PyInstance && v.native instanceof QNode)
    return v.native.children.some((c) => containsRawSql(c instanceof PyTuple ? c.items[1] : c));
  if (v instanceof PyInstance && v.native instanceof Expression)
    return v.native.kind === 'RawSQL' || [...v.native.args, ...v.native.kwargs.values()].some(containsRawSql);
  return false;
}

function checkConstraints(meta: Options, obj: CheckTarget): CheckMessage[] {
  const errors: CheckMessage[] = [];
  const hint = "A constraint won't be created. Silence this warning if you don't care about it.";
  for (const c of meta.constraints) {
    const refs: string[][] = [];
    let names: PyValue[] = [];
    if (c instanceof UniqueConstraint) {
      names = [...new Set([...c.fields, ...c.include.map((x) => String(x))])];
      const local = checkLocalFields(meta, names, 'constraints', obj);
      errors.push(...local);
      if (c.deferrable !== null) errors.push(Warning_('SQLite does not support deferrable unique constraints.', { hint, obj, id: 'models.W038' }));
      if (c.include.length) errors.push(Warning_('SQLite does not support unique constraints with non-key columns.', { hint, obj, id: 'models.W039' }));
      if (c.nullsDistinct !== null) errors.push(Warning_('SQLite does not support unique constraints with nulls distinct.', { hint, obj, id: 'models.W047' }));
      exprReferences(c.condition, refs);
      for (const e of c.expressions) exprReferences(e, refs);
    } else if (c instanceof CheckConstraint) {
      if (containsRawSql(c.condition))
        errors.push(
          Warning_(`Check constraint ${pyRepr(c.name)} contains RawSQL() expression and won't be validated during the model full_clean().`, {
            hint: "Silence this warning if you don't care about it.",
            obj,
            id: 'models.W045',
          }),
        );
      exprReferences(c.condition, refs);
    }
    if (!refs.length) continue;
    const fields = new Set<string>();
    for (const [name, ...lookups] of refs) {
      if (name !== 'pk') fields.add(name);
      if (!lookups.length) continue;
      const f = name === 'pk' ? meta.pk : meta.tryGetField(name);
      if (!f || !f.isRelation || f.manyToMany) continue;
      if (!LOOKUPS.has(lookups[0]))
        errors.push(Error_(`'constraints' refers to the joined field '${[name, ...lookups].join(LOOKUP_SEP)}'.`, { obj, id: 'models.E041' }));
    }
    errors.push(...checkLocalFields(meta, [...fields], 'constraints', obj));
  }
  return errors;
}

const LOOKUPS = new Set(
  'exact iexact gt gte lt lte in contains icontains startswith istartswith endswith iendswith range isnull regex iregex year iso_year month day week week_day iso_week_day quarter hour minute second date time contained_by overlap'.split(
    ' ',
  ),
);

function checkOrdering(meta: Options, obj: CheckTarget): CheckMessage[] {
  const orderingRaw = meta.originalAttrs.get('ordering');
  if (orderingRaw !== undefined && truthy(orderingRaw) && meta.orderWithRespectTo !== null)
    return [Error_("'ordering' and 'order_with_respect_to' cannot be used together.", { obj, id: 'models.E021' })];
  if (meta.orderWithRespectTo !== null || !meta.ordering.length) return [];
  if (orderingRaw !== undefined && !(orderingRaw instanceof PyList || orderingRaw instanceof PyTuple))
    return [Error_("'ordering' must be a tuple or list (even if you want to order by only one field).", { obj, id: 'models.E014' })];
  const errors: CheckMessage[] = [];
  const names = meta.ordering.filter((f): f is string => typeof f === 'string' && f !== '?').map((f) => (f.startsWith('-') ? f.slice(1) : f));
  const plain = names.filter((f) => !f.includes(LOOKUP_SEP));
  for (const field of names.filter((f) => f.includes(LOOKUP_SEP))) {
    let cur: Options | null = meta;
    let fld: Field | ForeignObjectRel | null = null;
    for (const part of field.split(LOOKUP_SEP)) {
      const next: Field | ForeignObjectRel | null | undefined = cur ? (part === 'pk' ? cur.pk : cur.getFieldOrRelation(part)) : undefined;
      if (next) {
        fld = next;
        if (fld.isRelation) {
          const target: PyValue | string = fld instanceof Field ? (fld.remoteField!.model as PyValue) : (fld.relatedModel as PyValue);
          cur = typeof target === 'string' ? null : (metaOf(target as PyValue) ?? null);
        } else cur = null;
      } else if (fld === null || !LOOKUPS.has(part)) {
        errors.push(Error_(`'ordering' refers to the nonexistent field, related field, or lookup '${field}'.`, { obj, id: 'models.E015' }));
      }
    }
  }
  const valid = new Set<string>();
  for (const f of meta.fields) {
    valid.add(f.name!);
    if (f.attname) valid.add(f.attname);
  }
  for (const r of meta.relatedObjects) valid.add(r.name);
  const invalid = [...new Set(plain.filter((f) => f !== 'pk'))].filter((f) => !valid.has(f));
  for (const f of invalid) errors.push(Error_(`'ordering' refers to the nonexistent field, related field, or lookup '${f}'.`, { obj, id: 'models.E015' }));
  return errors;
}

function checkDefaultPk(model: ModelClass, meta: Options, obj: CheckTarget, settings: SettingsLike): CheckMessage[] {
  const pk = meta.pk;
  if (meta.abstract || !pk || !pk.autoCreated) return [];
  if (pk instanceof OneToOneField && pk.remoteField.parentLink) return [];
  const cfg = meta.apps.appConfigs.get(meta.appLabel);
  if (!cfg) return [];
  if (settings.isOverridden('DEFAULT_AUTO_FIELD')) return [];
  if (cfg.defaultAutoField) return [];
  const dflt = settings.get('DEFAULT_AUTO_FIELD');
  const qualname = cfg.appConfigClass ?? 'AppConfig';
  void model;
  return [
    Warning_(`Auto-created primary key used when not defining a primary key type, by default '${String(dflt ?? 'django.db.models.AutoField')}'.`, {
      hint: `Configure the DEFAULT_AUTO_FIELD setting or the ${qualname}.default_auto_field attribute to point to a subclass of AutoField, e.g. 'django.db.models.BigAutoField'.`,
      obj,
      id: 'models.W042',
    }),
  ];
}

// ---- check_all_models -------------------------------------------------------------------------

/** The descriptor class a field puts on its model under its name. */
function fieldDescriptorPath(f: Field): string {
  const related = 'django.db.models.fields.related_descriptors';
  if (f instanceof OneToOneField) return `${related}.ForwardOneToOneDescriptor`;
  if (f instanceof ForeignKey) return `${related}.ForwardManyToOneDescriptor`;
  if (f.manyToMany) return `${related}.ManyToManyDescriptor`;
  if (f instanceof ImageField) return 'django.db.models.fields.files.ImageFileDescriptor';
  if (f instanceof FileField) return 'django.db.models.fields.files.FileDescriptor';
  return 'django.db.models.query_utils.DeferredAttribute';
}

/**
 * repr(Model.check) when the class body replaced the classmethod with something else
 * (models.E020: Django then skips the model's own checks); undefined when it did not.
 */
function overriddenCheck(model: ModelClass): string | undefined {
  for (const c of model.mro) {
    const field = metaOf(c)?.localFields.concat(metaOf(c)!.localManyToMany).find((f) => f.name === 'check');
    if (field) return `<${fieldDescriptorPath(field)} object at ${fakeAddress(field)}>`;
    if (!c.dict.has('check')) continue;
    if (!c.filename && c.lineno === 0) return undefined;
    let v: PyValue = c.dict.get('check')!;
    if (v instanceof PyInstance && v.cls === classmethodClass) return undefined;
    if (v instanceof PyInstance && v.cls === staticmethodClass) v = (v.native as { func: PyValue }).func;
    return pyRepr(v);
  }
  return undefined;
}

export function checkAllModels(apps: Apps, models: ModelClass[], settings: SettingsLike, databases = false): CheckMessage[] {
  const errors: CheckMessage[] = [];
  const tables = new Map<string, string[]>();
  const indexes = new Map<string, string[]>();
  const constraints = new Map<string, string[]>();
  for (const model of models) {
    const meta = metaOf(model)!;
    if (meta.managed && !meta.proxy) tables.set(meta.dbTable, [...(tables.get(meta.dbTable) ?? []), meta.label]);
    const overridden = overriddenCheck(model);
    if (overridden)
      errors.push(Error_(`The '${model.name}.check()' class method is currently overridden by ${overridden}.`, { obj: modelTarget(model), id: 'models.E020' }));
    else errors.push(...checkModel(model, settings, databases));
    for (const i of meta.indexes) indexes.set(i.name, [...(indexes.get(i.name) ?? []), meta.label]);
    for (const c of meta.constraints) constraints.set(c.name, [...(constraints.get(c.name) ?? []), meta.label]);
  }
  for (const [table, labels] of tables)
    if (labels.length !== 1) errors.push(Error_(`db_table '${table}' is used by multiple models: ${labels.join(', ')}.`, { obj: table, id: 'models.E028' }));
  for (const [name, labels] of indexes) {
    if (labels.length > 1) {
      const uniq = [...new Set(labels)].sort();
      errors.push(
        Error_(`index name '${name}' is not unique ${uniq.length > 1 ? 'among models:' : 'for model'} ${uniq.join(', ')}.`, {
          id: uniq.length === 1 ? 'models.E029' : 'models.E030',
        }),
      );
    }
  }
  for (const [name, labels] of constraints) {
    if (labels.length > 1) {
      const uniq = [...new Set(labels)].sort();
      errors.push(
        Error_(`constraint name '${name}' is not unique ${uniq.length > 1 ? 'among models:' : 'for model'} ${uniq.join(', ')}.`, {
          id: uniq.length === 1 ? 'models.E031' : 'models.E032',
        }),
      );
    }
  }
  void apps;
  return errors;
}

void PyClass;
