// FileField and ImageField (django.db.models.fields.files).

import { PyBuiltin, PyFunction, PyInstance, type PyValue } from '../../../python/values';
import { CheckMessage, Error_ } from '../../../core/checks/messages';
import { Field, type FieldKwargs } from './index';

export class FileField extends Field {
  static override readonly internalType: string = 'FileField';
  declare uploadTo: PyValue;
  declare storage: PyValue;
  declare primaryKeySetExplicitly: boolean;
  constructor(o: FieldKwargs) {
    const pkExplicit = o.has('primary_key');
    const uploadTo = o.get('upload_to') ?? '';
    const storage = o.get('storage') ?? null;
    if (!o.has('max_length')) o.set('max_length', 100n);
    super(o);
    this.primaryKeySetExplicitly = pkExplicit;
    this.uploadTo = uploadTo;
    this.storage = storage;
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (k.get('max_length') === 100n) k.delete('max_length');
    k.set('upload_to', this.uploadTo);
    if (this.storage !== null) k.set('storage', this.storage);
    return k;
  }
  override check(): CheckMessage[] {
    const errors = super.check();
    if (this.primaryKeySetExplicitly)
      errors.push(Error_(`'primary_key' is not a valid argument for a ${this.pyClass.name}.`, { obj: this, id: 'fields.E201' }));
    if (typeof this.uploadTo === 'string' && this.uploadTo.startsWith('/'))
      errors.push(
        Error_(`${this.pyClass.name}'s 'upload_to' argument must be a relative path, not an absolute path.`, {
          hint: 'Remove the leading slash.',
          obj: this,
          id: 'fields.E202',
        }),
      );
    return errors;
  }
}

export class ImageField extends FileField {
  declare widthField: PyValue;
  declare heightField: PyValue;
  constructor(o: FieldKwargs) {
    const w = o.get('width_field') ?? null;
    const h = o.get('height_field') ?? null;
    super(o);
    this.widthField = w;
    this.heightField = h;
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (this.widthField) k.set('width_field', this.widthField);
    if (this.heightField) k.set('height_field', this.heightField);
    return k;
  }
  override check(): CheckMessage[] {
    // Pillow is never importable in the playground.
    return [
      ...super.check(),
      Error_('Cannot use ImageField because Pillow is not installed.', {
        hint: 'Get Pillow at https://pypi.org/project/Pillow/ or run command "python -m pip install Pillow".',
        obj: this,
        id: 'fields.E210',
      }),
    ];
  }
}

void PyBuiltin;
void PyFunction;
void PyInstance;
