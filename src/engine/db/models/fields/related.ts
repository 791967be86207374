// Relation fields (django.db.models.fields.related): ForeignKey, OneToOneField and
// ManyToManyField, their lazy references, deconstruct() and checks.

import { PyClass, PyDict, PyException, PyList, PySet, PyTuple, type PyValue } from '../../../python/values';
import { CheckMessage, Error_, Warning_ } from '../../../core/checks/messages';
import { isCallable, pyRepr, truthy, pyEq, typeName } from '../../../utils/py';
import { LOOKUP_SEP, RECURSIVE_RELATIONSHIP_CONSTANT } from '../constants';
import { Field, metaOf, opt, type Connection, type FieldKwargs, type ModelClass } from './index';
import { ForeignObjectRel, ManyToManyRel, ManyToOneRel, OneToOneRel } from './reverse_related';
import { settingsReference } from '../../../conf/reference';
import { swappableSettingsName } from '../swappable';
import { CASCADE, SET_DEFAULT, SET_NULL } from '../deletion';
import { touchDefaultConnection } from '../../database_settings';

/** resolve_relation: 'self', 'Model', 'app.Model' or a model class, seen from `scope`. */
export function resolveRelation(scope: ModelClass, relation: ModelClass | string): ModelClass | string {
  if (relation === RECURSIVE_RELATIONSHIP_CONSTANT) return scope;
  if (typeof relation === 'string' && !relation.includes('.')) return `${metaOf(scope)!.appLabel}.${relation}`;
  return relation;
}

/** make_model_tuple: ('blog', 'post') from 'blog.Post' or a model class. */
export function makeModelTuple(model: ModelClass | string): [string, string] {
  if (typeof model === 'string') {
    const parts = model.split('.');
    if (parts.length !== 2)
      throw new PyException('ValueError', `Invalid model reference '${model}'. String model references must be of the form 'app_label.ModelName'.`);
    return [parts[0], parts[1].toLowerCase()];
  }
  const m = metaOf(model)!;
  return [m.appLabel, m.modelName];
}

export abstract class RelatedField extends Field {
  declare _relatedName: PyValue;
  declare _relatedQueryName: PyValue;
  declare _limitChoicesTo: PyValue;
  declare swappable: boolean;
  declare remoteField: ForeignObjectRel;

  constructor(o: FieldKwargs) {
    const relatedName = opt(o, 'related_name', null);
    const relatedQueryName = opt(o, 'related_query_name', null);
    const limit = opt(o, 'limit_choices_to', null);
    super(o);
    this._relatedName = relatedName;
    this._relatedQueryName = relatedQueryName;
    this._limitChoicesTo = limit;
    this.swappable = truthy(opt(o, 'swappable', true));
  }

  get relatedModel(): ModelClass | string {
    return this.remoteField.model;
  }

  relatedQueryName(): string {
    return this.remoteField.relatedQueryName || this.remoteField.relatedName || metaOf(this.model)!.modelName;
  }

  override dbType(_connection?: Connection): string | null {
    return null;
  }

  /** The settings name when this relation points at a swappable model (AUTH_USER_MODEL). */
  get swappableSetting(): string | null {
    if (!this.swappable) return null;
    const m = this.remoteField.model;
    const toString = typeof m === 'string' ? m : metaOf(m)!.label;
    return swappableSettingsName(toString);
  }

  override contributeToClass(cls: ModelClass, name: string, privateOnly = false): void {
    super.contributeToClass(cls, name, privateOnly);
    const meta = metaOf(cls)!;
    if (meta.abstract) return;
    const rawName = this.remoteField.relatedName as unknown as PyValue;
    if (rawName !== null && typeof rawName !== 'string' && truthy(rawName))
      throw new PyException('TypeError', `unsupported operand type(s) for %=: '${typeName(rawName)}' and 'dict'`);
    const rawQuery = this.remoteField.relatedQueryName as unknown as PyValue;
    if (rawQuery !== null && typeof rawQuery !== 'string' && truthy(rawQuery))
      throw new PyException('TypeError', `unsupported operand type(s) for %: '${typeName(rawQuery)}' and 'dict'`);
    const relatedName = (truthy(rawName) ? this.remoteField.relatedName : null) || meta.defaultRelatedName;
    if (relatedName) {
      this.remoteField.relatedName = percentFormat(String(relatedName), {
        class: cls.name.toLowerCase(),
        model_name: meta.modelName.toLowerCase(),
        app_label: meta.appLabel.toLowerCase(),
      });
    }
    if (this.remoteField.relatedQueryName) {
      this.remoteField.relatedQueryName = percentFormat(this.remoteField.relatedQueryName, {
        class: cls.name.toLowerCase(),
        app_label: meta.appLabel.toLowerCase(),
      });
    }
    meta.apps.lazyRelatedOperation(
      (models) => {
        this.remoteField.model = models[1];
        this.doRelatedClass(models[1], cls);
      },
      cls,
      [this.remoteField.model],
      this,
    );
  }

  doRelatedClass(other: ModelClass, _cls: ModelClass): void {
    this.setAttributesFromRel();
    this.contributeToRelatedClass(other, this.remoteField);
  }

  setAttributesFromRel(): void {
    const target = metaOf(this.remoteField.model as ModelClass)!;
    this.name = this.name || `${target.modelName}_${target.pk?.name}`;
    if (this.verboseName === null) this.verboseName = target.verboseName;
    this.remoteField.setFieldName();
  }

  contributeToRelatedClass(_cls: ModelClass, _related: ForeignObjectRel): void {}

  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (truthy(this._limitChoicesTo)) k.set('limit_choices_to', this._limitChoicesTo);
    if (this._relatedName !== null) k.set('related_name', this._relatedName);
    if (this._relatedQueryName !== null) k.set('related_query_name', this._relatedQueryName);
    return k;
  }

  /** kwargs['to'] as Django writes it: 'app.model' (lowercase model) or a SettingsReference. */
  protected deconstructTo(): PyValue {
    const m = this.remoteField.model;
    let to: string;
    if (typeof m === 'string') {
      if (m.includes('.')) {
        const [app, model] = m.split('.');
        to = `${app}.${model.toLowerCase()}`;
      } else to = m.toLowerCase();
    } else to = metaOf(m)!.labelLower;
    const setting = this.swappableSetting;
    return setting !== null ? settingsReference(to, setting) : to;
  }

  override check(): CheckMessage[] {
    return [
      ...super.check(),
      ...this.checkRelatedNameIsValid(),
      ...this.checkRelatedQueryNameIsValid(),
      ...this.checkRelationModelExists(),
      ...this.checkReferencingToSwappedModel(),
      ...this.checkClashes(),
    ];
  }

  private checkRelatedNameIsValid(): CheckMessage[] {
    const rn = this.remoteField.relatedName;
    if (rn === null) return [];
    if (typeof rn !== 'string') {
      const v = rn as unknown as PyValue;
      if (v instanceof PyList || v instanceof PyDict || v instanceof PySet) throw new PyException('TypeError', `unhashable type: '${typeName(v)}'`);
      throw new PyException('AttributeError', `'${typeName(v)}' object has no attribute 'isidentifier'`);
    }
    const isValidId = /^[A-Za-z_\u00c0-\uffff][\w\u00c0-\uffff]*$/.test(rn) && !PY_KEYWORDS.has(rn);
    if (!(isValidId || rn.endsWith('+')))
      return [
        Error_(`The name '${rn}' is invalid related_name for field ${metaOf(this.model)!.objectName}.${this.name}`, {
          hint: "Related name must be a valid Python identifier or end with a '+'",
          obj: this,
          id: 'fields.E306',
        }),
      ];
    return [];
  }

  private checkRelatedQueryNameIsValid(): CheckMessage[] {
    if (this.remoteField.hidden) return [];
    const rq = this.relatedQueryName();
    const out: CheckMessage[] = [];
    const hint = 'Add or change a related_name or related_query_name argument for this field.';
    if (rq.endsWith('_')) out.push(Error_(`Reverse query name '${rq}' must not end with an underscore.`, { hint, obj: this, id: 'fields.E308' }));
    if (rq.includes(LOOKUP_SEP))
      out.push(Error_(`Reverse query name '${rq}' must not contain '${LOOKUP_SEP}'.`, { hint, obj: this, id: 'fields.E309' }));
    return out;
  }

  private checkRelationModelExists(): CheckMessage[] {
    const m = this.remoteField.model;
    const apps = metaOf(this.model)!.apps;
    const installed = typeof m !== 'string' && apps.hasModel(m, { includeAutoCreated: true });
    const name = typeof m === 'string' ? m : metaOf(m)!.objectName;
    if (!installed && (typeof m === 'string' || !metaOf(m)!.swapped))
      return [
        Error_(`Field defines a relation with model '${name}', which is either not installed, or is abstract.`, {
          obj: this,
          id: 'fields.E300',
        }),
      ];
    return [];
  }

  private checkReferencingToSwappedModel(): CheckMessage[] {
    const m = this.remoteField.model;
    if (typeof m === 'string') return [];
    const meta = metaOf(m)!;
    const apps = metaOf(this.model)!.apps;
    if (!apps.hasModel(m) && meta.swapped)
      return [
        Error_(`Field defines a relation with the model '${meta.label}', which has been swapped out.`, {
          hint: `Update the relation to point at 'settings.${meta.swappable}'.`,
          obj: this,
          id: 'fields.E301',
        }),
      ];
    return [];
  }

  private checkClashes(): CheckMessage[] {
    const errors: CheckMessage[] = [];
    const opts = metaOf(this.model)!;
    const target = this.remoteField.model;
    const relOpts = metaOf(target);
    if (typeof target === 'string' || !relOpts) return [];
    const relIsHidden = this.remoteField.hidden;
    const relName = this.remoteField.accessorName;
    const relQueryName = this.relatedQueryName();
    const fieldName = `${opts.label}.${this.name}`;
    for (const clash of [...relOpts.fields, ...relOpts.manyToMany]) {
      if (!relIsHidden && clash.name === relName) {
        const clashName = `${relOpts.label}.${clash.name}`;
        errors.push(
          Error_(`Reverse accessor '${relOpts.objectName}.${relName}' for '${fieldName}' clashes with field name '${clashName}'.`, {
            hint: `Rename field '${clashName}', or add/change a related_name argument to the definition for field '${fieldName}'.`,
            obj: this,
            id: 'fields.E302',
          }),
        );
      }
      if (clash.name === relQueryName) {
        const clashName = `${relOpts.label}.${clash.name}`;
        errors.push(
          Error_(`Reverse query name for '${fieldName}' clashes with field name '${clashName}'.`, {
            hint: `Rename field '${clashName}', or add/change a related_name argument to the definition for field '${fieldName}'.`,
            obj: this,
            id: 'fields.E303',
          }),
        );
      }
    }
    for (const clash of relOpts.relatedObjects) {
      if (clash.field === this) continue;
      const clashName = `${metaOf(clash.relatedModel)!.label}.${clash.field.name}`;
      if (!relIsHidden && clash.accessorName === relName) {
        errors.push(
          Error_(`Reverse accessor '${relOpts.objectName}.${relName}' for '${fieldName}' clashes with reverse accessor for '${clashName}'.`, {
            hint: `Add or change a related_name argument to the definition for '${fieldName}' or '${clashName}'.`,
            obj: this,
            id: 'fields.E304',
          }),
        );
      }
      if (clash.accessorName === relQueryName) {
        errors.push(
          Error_(`Reverse query name for '${fieldName}' clashes with reverse query name for '${clashName}'.`, {
            hint: `Add or change a related_name argument to the definition for '${fieldName}' or '${clashName}'.`,
            obj: this,
            id: 'fields.E305',
          }),
        );
      }
    }
    return errors;
  }
}

const PY_KEYWORDS = new Set(
  'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
);

/** Python's `s % {...}` for the %(name)s placeholders related_name may use. */
function percentFormat(s: string, values: Record<string, string>): string {
  return s.replace(/%\((\w+)\)s|%%/g, (m, key: string | undefined) => {
    if (m === '%%') return '%';
    if (key !== undefined && key in values) return values[key];
    throw new PyException('KeyError', `'${key}'`);
  });
}

export class ForeignKey extends RelatedField {
  static override readonly internalType: string = 'ForeignKey';
  override get manyToMany(): boolean {
    return false;
  }
  override get manyToOne(): boolean {
    return true;
  }
  override get oneToMany(): boolean {
    return false;
  }
  override get oneToOne(): boolean {
    return false;
  }
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  override get descriptorClass(): string {
    return 'ForeignKeyDeferredAttribute';
  }
  declare dbConstraint: boolean;
  declare fromFields: PyValue[];
  declare toFields: PyValue[];

  constructor(o: FieldKwargs, relClass: typeof ManyToOneRel = ManyToOneRel) {
    const to = o.get('to') as PyValue;
    const clsName = (o.get('__class_name__') as string) ?? 'ForeignKey';
    const toMeta = metaOf(to);
    let toField = opt(o, 'to_field', null);
    if (!toMeta) {
      if (typeof to !== 'string')
        throw new PyException(
          'TypeError',
          `${clsName}(${pyRepr(to)}) is invalid. First parameter to ForeignKey must be either a model, a model name, or the string 'self'`,
        );
    } else {
      toField = truthy(toField) ? toField : toMeta.pk ? toMeta.pk.name : null;
    }
    const onDelete = o.get('on_delete') as PyValue;
    if (!isCallable(onDelete)) throw new PyException('TypeError', 'on_delete must be callable.');
    const rel = new relClass(
      null as unknown as Field,
      (toMeta ? to : to) as ModelClass | string,
      null,
      null,
      opt(o, 'limit_choices_to', null),
      truthy(opt(o, 'parent_link', false)),
      onDelete,
    );
    rel.relatedName = (opt(o, 'related_name', null) as string | null) ?? null;
    rel.relatedQueryName = (opt(o, 'related_query_name', null) as string | null) ?? null;
    rel.fieldName = (toField as string | null) ?? null;
    o.set('rel', rel as unknown as PyValue);
    if (!o.has('db_index')) o.set('db_index', true);
    super(o);
    rel.field = this;
    this.dbConstraint = truthy(opt(o, 'db_constraint', true));
    this.fromFields = ['self'];
    this.toFields = [toField];
  }

  override getAttname(): string {
    return `${this.name}_id`;
  }

  /** The field on the target model this one stores (the pk unless to_field is given). */
  get targetField(): Field {
    return this.remoteField.getRelatedField();
  }

  override contributeToRelatedClass(cls: ModelClass, related: ForeignObjectRel): void {
    if (this.remoteField.fieldName === null) this.remoteField.fieldName = metaOf(cls)!.pk?.name ?? null;
    void related;
  }

  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    k.set('on_delete', this.remoteField.onDelete);
    if (this.remoteField.parentLink) k.set('parent_link', true);
    k.set('to', this.deconstructTo());
    if (truthy(this.dbIndex)) k.delete('db_index');
    else k.set('db_index', false);
    if (this.dbConstraint !== true) k.set('db_constraint', this.dbConstraint);
    const toMeta = metaOf(this.remoteField.model as PyValue);
    const fieldName = this.remoteField.fieldName;
    if (fieldName && (!toMeta || (toMeta.pk && fieldName !== toMeta.pk.name))) k.set('to_field', fieldName);
    return k;
  }

  override dbType(connection?: Connection): string | null {
    if (metaOf(this.remoteField.model as PyValue) === undefined) return null;
    return this.targetField.relDbType(connection);
  }
  override castDbType(connection?: Connection): string | null {
    return this.targetField.castDbType(connection);
  }
  override dbCheck(): string | null {
    return null;
  }
  override dbParameters(connection?: Connection) {
    const target = metaOf(this.remoteField.model as PyValue) ? this.targetField.dbParameters(connection) : { collation: null };
    return { type: this.dbType(connection), check: null, collation: (target as { collation?: PyValue }).collation ?? null };
  }

  override getDefault(): PyValue {
    return super.getDefault();
  }

  override check(): CheckMessage[] {
    return [...super.check(), ...this.checkOnDelete(), ...this.checkUnique(), ...this.checkToFieldsExist(), ...this.checkUniqueTarget()];
  }

  private checkOnDelete(): CheckMessage[] {
    const od = this.remoteField.onDelete;
    if (od === SET_NULL && !this.null)
      return [
        Error_('Field specifies on_delete=SET_NULL, but cannot be null.', {
          hint: 'Set null=True argument on the field, or change the on_delete rule.',
          obj: this,
          id: 'fields.E320',
        }),
      ];
    if (od === SET_DEFAULT && !this.hasDefault())
      return [
        Error_('Field specifies on_delete=SET_DEFAULT, but has no default value.', {
          hint: 'Set a default value, or change the on_delete rule.',
          obj: this,
          id: 'fields.E321',
        }),
      ];
    return [];
  }

  protected checkUnique(): CheckMessage[] {
    if (!this.unique) return [];
    return [
      Warning_('Setting unique=True on a ForeignKey has the same effect as using a OneToOneField.', {
        hint: 'ForeignKey(unique=True) is usually better served by a OneToOneField.',
        obj: this,
        id: 'fields.W342',
      }),
    ];
  }

  private checkToFieldsExist(): CheckMessage[] {
    const m = this.remoteField.model;
    const meta = metaOf(m as PyValue);
    if (!meta) return [];
    const toField = this.toFields[0];
    if (typeof toField !== 'string') return [];
    if (!meta.tryGetField(toField))
      return [
        Error_(`The to_field '${toField}' doesn't exist on the related model '${meta.label}'.`, { obj: this, id: 'fields.E312' }),
      ];
    return [];
  }

  private checkUniqueTarget(): CheckMessage[] {
    const meta = metaOf(this.remoteField.model as PyValue);
    if (!meta) return [];
    const name = this.remoteField.fieldName ?? meta.pk?.name;
    if (!name) return [];
    const target = meta.tryGetField(name);
    if (!target || target.unique) return [];
    const uniqueByConstraint = meta.totalUniqueConstraintFieldSets().some((s) => s.length === 1 && s[0] === name);
    const uniqueTogether = meta.uniqueTogetherSets().some((s) => s.length === 1 && s[0] === name);
    if (uniqueByConstraint || uniqueTogether) return [];
    return [
      Error_(`'${meta.objectName}.${name}' must be unique because it is referenced by a foreign key.`, {
        hint: 'Add unique=True to this field or add a UniqueConstraint (without condition) in the model Meta.constraints.',
        obj: this,
        id: 'fields.E311',
      }),
    ];
  }
}

export class OneToOneField extends ForeignKey {
  static override readonly internalType: string = 'OneToOneField';
  override get manyToOne(): boolean {
    return false;
  }
  override get oneToOne(): boolean {
    return true;
  }
  constructor(o: FieldKwargs) {
    o.set('unique', true);
    super(o, OneToOneRel);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    k.delete('unique');
    return k;
  }
  protected override checkUnique(): CheckMessage[] {
    return [];
  }
}

export class ManyToManyField extends RelatedField {
  static override readonly internalType: string = 'ManyToManyField';
  override get manyToMany(): boolean {
    return true;
  }
  override get manyToOne(): boolean {
    return false;
  }
  override get oneToMany(): boolean {
    return false;
  }
  override get oneToOne(): boolean {
    return false;
  }
  declare dbTable: PyValue;
  declare hasNullArg: boolean;

  constructor(o: FieldKwargs) {
    const to = o.get('to') as PyValue;
    const toMeta = metaOf(to);
    if (!toMeta && typeof to !== 'string')
      throw new PyException(
        'TypeError',
        `ManyToManyField(${pyRepr(to)}) is invalid. First parameter to ManyToManyField must be either a model, a model name, or the string 'self'`,
      );
    let symmetrical = opt(o, 'symmetrical', null);
    if (symmetrical === null) symmetrical = to === RECURSIVE_RELATIONSHIP_CONSTANT;
    const through = opt(o, 'through', null);
    const dbTable = opt(o, 'db_table', null);
    if (through !== null && dbTable !== null) throw new PyException('ValueError', 'Cannot specify a db_table if an intermediary model is used.');
    const throughFields = opt(o, 'through_fields', null);
    const dbConstraint = truthy(opt(o, 'db_constraint', true));
    if (truthy(through) && !dbConstraint) throw new PyException('ValueError', "Can't supply a through model and db_constraint=False");
    if (truthy(throughFields) && !truthy(through)) throw new PyException('ValueError', 'Cannot specify through_fields without a through model');
    const rel = new ManyToManyRel(null as unknown as Field, to as ModelClass | string, null, null, opt(o, 'limit_choices_to', null));
    rel.relatedName = (opt(o, 'related_name', null) as string | null) ?? null;
    rel.relatedQueryName = (opt(o, 'related_query_name', null) as string | null) ?? null;
    rel.symmetrical = truthy(symmetrical);
    rel.through = (through as ModelClass | string | null) ?? null;
    rel.throughFields = throughFields;
    rel.dbConstraint = dbConstraint;
    o.set('rel', rel as unknown as PyValue);
    const hasNull = o.has('null');
    super(o);
    rel.field = this;
    this.hasNullArg = hasNull;
    this.dbTable = dbTable;
  }

  override getAttnameColumn(): [string, string | null] {
    return [this.getAttname(), null];
  }

  override contributeToClass(cls: ModelClass, name: string, privateOnly = false): void {
    const meta = metaOf(cls)!;
    const rf = this.remoteField;
    if (rf.symmetrical && (rf.model === RECURSIVE_RELATIONSHIP_CONSTANT || rf.model === meta.objectName)) {
      rf.relatedName = `${name}_rel_+`;
    } else if (rf.hidden) {
      rf.relatedName = `_${meta.appLabel}_${cls.name.toLowerCase()}_${name}_+`;
    }
    super.contributeToClass(cls, name, privateOnly);
    if (!meta.abstract) {
      if (rf.through) {
        meta.apps.lazyRelatedOperation(
          (models) => {
            rf.through = models[1];
          },
          cls,
          [rf.through],
          this,
          'through',
        );
      } else if (!meta.swapped) {
        rf.through = meta.apps.createManyToManyIntermediaryModel(this, cls);
      }
    }
  }

  /** The table of the through model. */
  m2mDbTable(): string {
    const through = this.remoteField.through;
    const tm = metaOf(through as PyValue);
    if (tm) return tm.dbTable;
    if (typeof this.dbTable === 'string' && this.dbTable) return this.dbTable;
    touchDefaultConnection();
    return `${stripQuotes(metaOf(this.model)!.dbTable)}_${this.name}`;
  }

  /** The column on the through table pointing at this field's model (m2m_column_name). */
  m2mColumnName(): string {
    return this.m2mLinkField(false)?.column ?? '';
  }
  m2mReverseName(): string {
    return this.m2mLinkField(true)?.column ?? '';
  }
  m2mFieldName(): string {
    return this.m2mLinkField(false)?.name ?? '';
  }
  m2mReverseFieldName(): string {
    return this.m2mLinkField(true)?.name ?? '';
  }
  m2mTargetFieldName(): string | null {
    const lf = this.m2mLinkField(false) as ForeignKey | undefined;
    return lf ? lf.targetField.name : null;
  }
  m2mReverseTargetFieldName(): string | null {
    const lf = this.m2mLinkField(true) as ForeignKey | undefined;
    return lf ? lf.targetField.name : null;
  }

  /** The through model's FK to this side (reverse=false) or to the target (reverse=true). */
  private m2mLinkField(reverse: boolean): Field | undefined {
    const through = metaOf(this.remoteField.through as PyValue);
    if (!through) return undefined;
    const tf = this.remoteField.throughFields;
    const linkName = tf instanceof PyTuple || tf instanceof PyList ? (tf.items[reverse ? 1 : 0] as string) : null;
    const source = this.model;
    const target = this.remoteField.model;
    if (!reverse) {
      for (const f of through.fields)
        if (f.isRelation && f.remoteField!.model === source && (linkName === null || linkName === f.name)) return f;
      return undefined;
    }
    let found = false;
    for (const f of through.fields) {
      if (f.isRelation && f.remoteField!.model === target) {
        if (linkName === null && source === target) {
          if (found) return f;
          found = true;
        } else if (linkName === null || linkName === f.name) return f;
      }
    }
    return undefined;
  }

  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (this.dbTable !== null) k.set('db_table', this.dbTable);
    if (this.remoteField.dbConstraint !== true) k.set('db_constraint', this.remoteField.dbConstraint);
    k.set('to', this.deconstructTo());
    const through = this.remoteField.through;
    if (through !== null) {
      if (typeof through === 'string') k.set('through', through);
      else if (!metaOf(through)!.autoCreated) k.set('through', metaOf(through)!.label);
    }
    if (truthy(this.remoteField.throughFields)) k.set('through_fields', this.remoteField.throughFields);
    return k;
  }

  override check(): CheckMessage[] {
    return [...super.check(), ...this.checkUniqueM2m(), ...this.checkRelationshipModel(), ...this.checkIgnoredOptions(), ...this.checkTableUniqueness()];
  }

  private checkUniqueM2m(): CheckMessage[] {
    return this.unique ? [Error_('ManyToManyFields cannot be unique.', { obj: this, id: 'fields.E330' })] : [];
  }

  private checkIgnoredOptions(): CheckMessage[] {
    const w: CheckMessage[] = [];
    if (this.hasNullArg) w.push(Warning_('null has no effect on ManyToManyField.', { obj: this, id: 'fields.W340' }));
    if (this._validators.length) w.push(Warning_('ManyToManyField does not support validators.', { obj: this, id: 'fields.W341' }));
    if (this.remoteField.symmetrical && this._relatedName !== null && truthy(this._relatedName))
      w.push(
        Warning_('related_name has no effect on ManyToManyField with a symmetrical relationship, e.g. to "self".', {
          obj: this,
          id: 'fields.W345',
        }),
      );
    if (truthy(this.dbComment)) w.push(Warning_('db_comment has no effect on ManyToManyField.', { obj: this, id: 'fields.W346' }));
    return w;
  }

  private checkRelationshipModel(): CheckMessage[] {
    const through = this.remoteField.through;
    const selfMeta = metaOf(this.model)!;
    const apps = selfMeta.apps;
    const qualified = typeof through === 'string' ? through : through ? metaOf(through)!.label : '';
    if (through === null) return [];
    if (typeof through === 'string' || !apps.hasModel(through, { includeAutoCreated: true })) {
      return [
        Error_(`Field specifies a many-to-many relation through model '${qualified}', which has not been installed.`, {
          obj: this,
          id: 'fields.E331',
        }),
      ];
    }
    const errors: CheckMessage[] = [];
    const target = this.remoteField.model;
    if (typeof target === 'string') return errors;
    const tmeta = metaOf(through)!;
    const fromModel = this.model!;
    const selfReferential = fromModel === target;
    const countTo = (m: ModelClass) => tmeta.fields.filter((f) => f.isRelation && f.remoteField!.model === m).length;
    const tf = this.remoteField.throughFields;
    if (selfReferential) {
      const seen = countTo(fromModel);
      if (seen > 2 && !truthy(tf))
        errors.push(
          Error_(
            `The model is used as an intermediate model by '${selfMeta.label}.${this.name}', but it has more than two foreign keys to '${selfMeta.objectName}', which is ambiguous. You must specify which two foreign keys Django should use via the through_fields keyword argument.`,
            { hint: 'Use through_fields to specify which two foreign keys Django should use.', obj: through as unknown as import('../../../core/checks/messages').CheckTarget, id: 'fields.E333' },
          ),
        );
    } else {
      const seenFrom = countTo(fromModel);
      const seenTo = countTo(target);
      const throughLabel = `'${tmeta.label}'`;
      if (seenFrom > 1 && !truthy(tf))
        errors.push(
          Error_(
            `The model is used as an intermediate model by '${selfMeta.label}.${this.name}', but it has more than one foreign key from '${selfMeta.objectName}', which is ambiguous. You must specify which foreign key Django should use via the through_fields keyword argument.`,
            {
              hint: `If you want to create a recursive relationship, use ManyToManyField("self", through="${tmeta.objectName}").`,
              obj: this,
              id: 'fields.E334',
            },
          ),
        );
      if (seenTo > 1 && !truthy(tf))
        errors.push(
          Error_(
            `The model is used as an intermediate model by '${selfMeta.label}.${this.name}', but it has more than one foreign key to '${metaOf(target)!.objectName}', which is ambiguous. You must specify which foreign key Django should use via the through_fields keyword argument.`,
            {
              hint: `If you want to create a recursive relationship, use ManyToManyField("self", through="${tmeta.objectName}").`,
              obj: this,
              id: 'fields.E335',
            },
          ),
        );
      if (seenFrom === 0 || seenTo === 0)
        errors.push(
          Error_(
            `The model is used as an intermediate model by '${selfMeta.label}.${this.name}', but it does not have a foreign key to '${seenFrom === 0 ? selfMeta.objectName : metaOf(target)!.objectName}' or '${seenFrom === 0 ? metaOf(target)!.objectName : selfMeta.objectName}'.`,
            { obj: this, id: 'fields.E336' },
          ),
        );
      void throughLabel;
    }
    return errors;
  }

  private checkTableUniqueness(): CheckMessage[] {
    const through = this.remoteField.through;
    const tmeta = metaOf(through as PyValue);
    if (typeof through === 'string' || !tmeta || !tmeta.managed) return [];
    const apps = metaOf(this.model)!.apps;
    const table = this.m2mDbTable();
    for (const model of apps.getModels({ includeAutoCreated: true })) {
      const m = metaOf(model)!;
      if (model === through || !m.managed || m.dbTable !== table) continue;
      if (m.concreteModel === tmeta.concreteModel) continue;
      let clashing = m.label;
      if (m.autoCreated) {
        const owner = metaOf(m.autoCreated as PyValue)!;
        const f = owner.localManyToMany.find((x) => x.remoteField!.through === model);
        clashing = `${owner.label}.${f?.name}`;
      }
      return [Error_(`The field's intermediary table '${table}' clashes with the table name of '${clashing}'.`, { obj: this, id: 'fields.E340' })];
    }
    return [];
  }
}

function stripQuotes(s: string): string {
  return s.startsWith('"') && s.endsWith('"') ? s.slice(1, -1) : s;
}

export function isRelatedField(f: Field): f is RelatedField {
  return f instanceof RelatedField;
}

void CASCADE;
void pyEq;
void PyClass;
