// Choices, TextChoices and IntegerChoices (django.db.models.enums), built natively: a class
// statement deriving from them turns its plain attributes into members with a value and label.

import { PyClass, PyInstance, PyList, PyTuple, PyException, type PyValue } from '../../python/values';
import { nativeClass, pyRepr, pyStr, pyEq, typeError } from '../../utils/py';
import { registerEnumRoot } from '../../python/stdlib/enum';

export class ChoicesMember {
  constructor(
    readonly name: string,
    readonly value: PyValue,
    readonly label: PyValue,
  ) {}
}

/** What a Choices subclass knows about itself (stored in `cls.native`). */
export class ChoicesInfo {
  readonly members: PyInstance[] = [];
  empty: PyValue | undefined;
}

const MODULE = 'django.db.models.enums';

function titleCase(key: string): string {
  return key
    .replace(/_/g, ' ')
    .replace(/[A-Za-z]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
}

function memberOf(v: PyInstance): ChoicesMember {
  return v.native as ChoicesMember;
}

export function isChoicesClass(v: PyValue): v is PyClass {
  return v instanceof PyClass && v.native instanceof ChoicesInfo;
}

export function isChoicesMember(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && v.native instanceof ChoicesMember;
}

/** The plain value behind a choices member (what the migration serializer writes). */
export function choicesMemberValue(v: PyValue): PyValue {
  return isChoicesMember(v) ? memberOf(v).value : v;
}

/** `Status.choices`: [(value, label), ...], with the `__empty__` entry first when set. */
export function choicesOf(cls: PyClass): PyList {
  const info = cls.native as ChoicesInfo;
  const items: PyValue[] = [];
  if (info.empty !== undefined) items.push(new PyTuple([null, info.empty]));
  for (const m of info.members) items.push(new PyTuple([memberOf(m).value, memberOf(m).label]));
  return new PyList(items);
}

function buildMembers(cls: PyClass): void {
  const base = cls.bases.find((b) => b.native instanceof ChoicesInfo || b === Choices || b === TextChoices || b === IntegerChoices);
  if (!base) return;
  const info = new ChoicesInfo();
  cls.native = info;
  const isText = cls.isSubclassOf(TextChoices);
  const isInt = cls.isSubclassOf(IntegerChoices);
  const seen: PyValue[] = [];
  for (const [key, raw] of [...cls.dict]) {
    if (key.startsWith('_') && key !== '__empty__') continue;
    if (key === '__empty__') {
      info.empty = raw;
      continue;
    }
    if (raw instanceof PyClass || (raw !== null && typeof raw === 'object' && !(raw instanceof PyTuple) && !(raw instanceof PyList) && !(raw instanceof PyInstance))) continue;
    let value: PyValue = raw;
    let label: PyValue;
    if ((raw instanceof PyTuple || raw instanceof PyList) && raw.items.length > 1 && typeof raw.items[raw.items.length - 1] === 'string') {
      const vals = raw.items.slice(0, -1);
      label = raw.items[raw.items.length - 1];
      value = vals.length === 1 ? vals[0] : new PyTuple(vals);
    } else {
      label = titleCase(key);
    }
    if (isText && typeof value !== 'string') {
      if (typeof value === 'bigint' || typeof value === 'number') value = pyStr(value);
      else throw typeError(`${pyRepr(value)} is not a valid ${cls.name}`);
    }
    if (isInt && typeof value !== 'bigint') {
      if (typeof value === 'boolean') value = value ? 1n : 0n;
      else if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) value = BigInt(value.trim());
      else if (typeof value === 'number' && Number.isInteger(value)) value = BigInt(value);
      else
        throw new PyException(
          'ValueError',
          `invalid literal for int() with base 10: ${pyRepr(value)}`,
        );
    }
    const dup = seen.findIndex((s) => pyEq(s, value));
    if (dup >= 0) {
      const other = memberOf(info.members[dup]).name;
      throw new PyException('ValueError', `duplicate values found in <enum '${cls.name}'>: ${key} -> ${other}`);
    }
    seen.push(value);
    const member = new PyInstance(cls, new ChoicesMember(key, value, label));
    info.members.push(member);
    cls.dict.set(key, member);
  }
}

const choicesHooks = {
  subclassCreated: buildMembers,
  getAttr(self: PyInstance, name: string): PyValue | undefined {
    const m = self.native as ChoicesMember;
    if (!(m instanceof ChoicesMember)) return undefined;
    if (name === 'value' || name === '_value_') return m.value;
    if (name === 'label') return m.label;
    if (name === 'name' || name === '_name_') return m.name;
    if (name === 'do_not_call_in_templates') return true;
    return undefined;
  },
  getClassAttr(cls: PyClass, name: string): PyValue | undefined {
    if (!(cls.native instanceof ChoicesInfo)) return undefined;
    const info = cls.native;
    if (name === 'choices') return choicesOf(cls);
    if (name === 'labels') return new PyList(choicesOf(cls).items.map((t) => (t as PyTuple).items[1]));
    if (name === 'values') return new PyList(choicesOf(cls).items.map((t) => (t as PyTuple).items[0]));
    if (name === 'names')
      return new PyList([...(info.empty !== undefined ? ['__empty__'] : []), ...info.members.map((m) => memberOf(m).name)]);
    return undefined;
  },
  repr(self: PyInstance): string {
    const m = self.native as ChoicesMember;
    return `${self.cls.name}.${m.name}`;
  },
  str(self: PyInstance): string {
    return pyStr((self.native as ChoicesMember).value);
  },
  eq(self: PyInstance, other: PyValue): boolean {
    if (other === self) return true;
    if (isChoicesMember(other)) return other === self;
    return pyEq((self.native as ChoicesMember).value, other);
  },
  hash(self: PyInstance): string {
    const v = (self.native as ChoicesMember).value;
    return typeof v === 'string' ? 's:' + v : typeof v === 'bigint' ? 'n:' + v : 'm:' + (self.native as ChoicesMember).name;
  },
  iterClass(cls: PyClass): Iterable<PyValue> {
    return cls.native instanceof ChoicesInfo ? cls.native.members : [];
  },
};

export const Choices = nativeClass('Choices', MODULE, [], choicesHooks);
registerEnumRoot(Choices);
export const IntegerChoices = nativeClass('IntegerChoices', MODULE, [Choices]);
export const TextChoices = nativeClass('TextChoices', MODULE, [Choices]);
