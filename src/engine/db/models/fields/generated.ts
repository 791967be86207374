// GeneratedField (django.db.models.fields.generated).

import { PyException, PyInstance, type PyValue } from '../../../python/values';
import { CheckMessage, Error_, Warning_ } from '../../../core/checks/messages';
import { truthy } from '../../../utils/py';
import { NOT_PROVIDED } from '../constants';
import { Field, type Connection, type FieldKwargs } from './index';

export class GeneratedField extends Field {
  static override readonly internalType: string = 'GeneratedField';
  override get generated(): boolean {
    return true;
  }
  declare expression: PyValue;
  declare outputField: PyValue;
  declare dbPersist: PyValue;
  constructor(o: FieldKwargs) {
    if (!o.has('editable')) o.set('editable', false);
    if (truthy(o.get('editable')!)) throw new PyException('ValueError', 'GeneratedField cannot be editable.');
    if (!o.has('blank')) o.set('blank', true);
    if (!truthy(o.get('blank')!)) throw new PyException('ValueError', 'GeneratedField must be blank.');
    if (o.has('default')) throw new PyException('ValueError', 'GeneratedField cannot have a default.');
    if (o.has('db_default')) throw new PyException('ValueError', 'GeneratedField cannot have a database default.');
    const dbPersist = o.get('db_persist') ?? null;
    if (dbPersist !== true && dbPersist !== false) throw new PyException('ValueError', 'GeneratedField.db_persist must be True or False.');
    super(o);
    this.expression = o.get('expression')!;
    this.outputField = o.get('output_field')!;
    this.dbPersist = dbPersist;
    void NOT_PROVIDED;
  }
  /** The Field given as output_field. */
  get outputFieldObject(): Field | undefined {
    const v = this.outputField;
    return v instanceof PyInstance && v.native instanceof Field ? v.native : undefined;
  }
  override dbType(connection?: Connection): string | null {
    return this.outputFieldObject?.dbType(connection) ?? null;
  }
  override dbParameters(connection?: Connection) {
    const of = this.outputFieldObject;
    return of ? of.dbParameters(connection) : { type: null, check: null };
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    k.delete('blank');
    k.delete('editable');
    k.set('db_persist', this.dbPersist);
    k.set('expression', this.expression);
    k.set('output_field', this.outputField);
    return k;
  }
  override check(): CheckMessage[] {
    const errors = super.check();
    const of = this.outputFieldObject;
    if (of) {
      const checks = of.check().filter((c) => c.id !== 'fields.E001' && c.id !== 'fields.E002');
      const errs = checks.filter((c) => c.level >= 40);
      const warns = checks.filter((c) => c.level < 40);
      if (errs.length)
        errors.push(Error_('GeneratedField.output_field has errors:' + errs.map((c) => `\n    ${c.msg} (${c.id})`).join(''), { obj: this, id: 'fields.E223' }));
      if (warns.length)
        errors.push(Warning_('GeneratedField.output_field has warnings:' + warns.map((c) => `\n    ${c.msg} (${c.id})`).join(''), { obj: this, id: 'fields.W224' }));
    }
    return errors;
  }
}
