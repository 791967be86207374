// OrderWrt: the hidden `_order` column order_with_respect_to adds (django.db.models.fields.proxy).

import { IntegerField, type FieldKwargs } from './index';

export class OrderWrt extends IntegerField {
  constructor(o: FieldKwargs) {
    o.set('name', '_order');
    o.set('editable', false);
    super(o);
  }
}
