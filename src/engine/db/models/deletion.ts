// on_delete handlers (django.db.models.deletion). The playground never deletes through the ORM
// in models.py, so these are identities the checks, the serializer and the shell compare against.

import { PyBuiltin, PyException, type PyValue } from '../../python/values';
import { builtin, pyRepr } from '../../utils/py';

const MODULE = 'django.db.models.deletion';

function handler(name: string): PyBuiltin {
  return builtin(name, MODULE, () => null);
}

export const CASCADE = handler('CASCADE');
export const PROTECT = handler('PROTECT');
export const RESTRICT = handler('RESTRICT');
export const SET_NULL = handler('SET_NULL');
export const SET_DEFAULT = handler('SET_DEFAULT');
export const DO_NOTHING = handler('DO_NOTHING');

/** The callable SET(value) returns; it deconstructs back to SET(value). */
export class SetHandler extends PyBuiltin {
  constructor(readonly value: PyValue) {
    super('set_on_delete', MODULE, () => null);
  }
  deconstruct(): [string, PyValue[], Map<string, PyValue>] {
    return ['django.db.models.SET', [this.value], new Map()];
  }
}

export const SET = builtin('SET', MODULE, (args, kwargs) => {
  if (args.length !== 1 || kwargs.size) throw new PyException('TypeError', `SET() takes 1 positional argument but ${args.length} were given`);
  return new SetHandler(args[0]);
});

export function onDeleteName(v: PyValue): string {
  if (v instanceof SetHandler) return `SET(${pyRepr(v.value)})`;
  if (v instanceof PyBuiltin) return v.name;
  return pyRepr(v);
}

export const DELETION_HANDLERS = { CASCADE, PROTECT, RESTRICT, SET_NULL, SET_DEFAULT, DO_NOTHING, SET };
