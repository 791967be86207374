// The "remote_field" objects of relation fields (django.db.models.fields.reverse_related):
// they describe the relation seen from the target model.

import { PyException, type PyValue } from '../../../python/values';
import { getItem } from '../../../python/protocol';
import { pyEq, truthy } from '../../../utils/py';
import type { Field, ModelClass } from './index';
import { metaOf } from './index';

export class ForeignObjectRel {
  readonly autoCreated = true;
  readonly concrete = false;
  readonly editable = false;
  readonly isRelation = true;
  readonly null = true;
  symmetrical = false;
  multiple = true;
  limitChoicesTo: PyValue;

  constructor(
    /** The forward field (ForeignKey, ManyToManyField ...). */
    public field: Field,
    /** The target: a model class, or a string until the reference is resolved. */
    public model: ModelClass | string,
    public relatedName: string | null = null,
    public relatedQueryName: string | null = null,
    limitChoicesTo: PyValue = null,
    public parentLink = false,
    /** The on_delete callable (models.CASCADE ...), a Python value. */
    public onDelete: PyValue = null,
  ) {
    this.limitChoicesTo = limitChoicesTo;
  }

  get hidden(): boolean {
    const name = this.relatedName as PyValue;
    if (typeof name === 'string') return name.endsWith('+');
    // related_name=True and the like: Python's name[-1] == '+' (and its TypeError).
    return truthy(name) && pyEq(getItem(name, -1n), '+');
  }
  get remoteField(): Field {
    return this.field;
  }
  /** The model holding the forward field. */
  get relatedModel(): ModelClass | null {
    return this.field.model;
  }
  get manyToMany(): boolean {
    return !!this.field.manyToMany;
  }
  get manyToOne(): boolean {
    return !!this.field.oneToMany;
  }
  get oneToMany(): boolean {
    return !!this.field.manyToOne;
  }
  get oneToOne(): boolean {
    return !!this.field.oneToOne;
  }
  /** The reverse query name (`post`, or related_query_name / related_name). */
  get name(): string {
    return (this.field as unknown as { relatedQueryName(): string }).relatedQueryName();
  }
  get accessorName(): string | null {
    return this.getAccessorName();
  }
  getAccessorName(model?: ModelClass): string | null {
    const m = model ?? this.relatedModel;
    const opts = metaOf(m);
    if (this.multiple && this.symmetrical && m === this.model) return null;
    if (this.relatedName) return this.relatedName;
    return (opts?.modelName ?? '') + (this.multiple ? '_set' : '');
  }
  /** Name of the field on the target this relation points at (ManyToOneRel). */
  fieldName: string | null = null;
  /** ManyToManyRel */
  through: ModelClass | string | null = null;
  throughFields: PyValue = null;
  dbConstraint = true;

  getRelatedField(): Field {
    const meta = metaOf(this.model as ModelClass);
    if (!meta) throw new PyException('ValueError', `Related model ${String(this.model)} cannot be resolved`);
    if (this.fieldName === null) return meta.pk!;
    return meta.getField(this.fieldName);
  }
  setFieldName(): void {
    if (!this.fieldName) this.fieldName = metaOf(this.model as ModelClass)?.pk?.name ?? null;
  }
}

export class ManyToOneRel extends ForeignObjectRel {}

export class OneToOneRel extends ManyToOneRel {
  override multiple = false;
}

export class ManyToManyRel extends ForeignObjectRel {}
