// JSONField (django.db.models.fields.json).

import { PyException, type PyValue } from '../../../python/values';
import { CheckMessage, Warning_ } from '../../../core/checks/messages';
import { isCallable } from '../../../utils/py';
import { Field, type FieldKwargs } from './index';

export class JSONField extends Field {
  static override readonly internalType: string = 'JSONField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  declare encoder: PyValue;
  declare decoder: PyValue;
  constructor(o: FieldKwargs) {
    const encoder = o.get('encoder') ?? null;
    const decoder = o.get('decoder') ?? null;
    if (encoder !== null && encoder !== false && !isCallable(encoder)) throw new PyException('ValueError', 'The encoder parameter must be a callable object.');
    if (decoder !== null && decoder !== false && !isCallable(decoder)) throw new PyException('ValueError', 'The decoder parameter must be a callable object.');
    super(o);
    this.encoder = encoder;
    this.decoder = decoder;
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (this.encoder !== null) k.set('encoder', this.encoder);
    if (this.decoder !== null) k.set('decoder', this.decoder);
    return k;
  }
  override check(): CheckMessage[] {
    const errors = super.check();
    if (this.hasDefault() && this.default !== null && !isCallable(this.default as PyValue))
      errors.push(
        Warning_(`${this.pyClass.name} default should be a callable instead of an instance so that it's not shared between all field instances.`, {
          hint: 'Use a callable instead, e.g., use `dict` instead of `{}`.',
          obj: this,
          id: 'fields.E010',
        }),
      );
    return errors;
  }
}
