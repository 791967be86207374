// `enum`: Enum, IntEnum, StrEnum, auto, unique. Members are created when a subclass is defined
// (the `subclassCreated` hook); Django's Choices build on `defineEnumMembers`.

import { hashKey, objectId, PyBoundMethod, PyBuiltin, PyClass, PyFunction, PyInstance, type PyValue } from '../values';
import {
  binaryOp,
  compareOp,
  err,
  getAttr,
  keyError,
  pyEq,
  pyRepr,
  pyStr,
  truthy,
  typeOf,
} from '../protocol';
import { builtin, makeModule, nativeClass, registerNativeModule } from '../native';
import { intClass, objectClass, strClass, classmethodClass, staticmethodClass, propertyClass } from '../types';
import { formatValue } from '../format';
import type { NativeClassHooks } from '../values';

export interface EnumMember {
  name: string;
  value: PyValue;
}

interface EnumInfo {
  members: PyInstance[];
  byName: Map<string, PyInstance>;
}

const infos = new WeakMap<PyClass, EnumInfo>();

/** The members of an enum class in definition order (aliases excluded). */
export function enumMembers(cls: PyClass): PyInstance[] {
  for (const c of cls.mro) {
    const info = infos.get(c);
    if (info) return info.members;
  }
  return [];
}

export function isEnumMember(v: PyValue): v is PyInstance {
  return v instanceof PyInstance && infos.has(v.cls) && (v.native as EnumMember | undefined)?.name !== undefined;
}

function mixinOf(cls: PyClass): 'str' | 'int' | null {
  for (const c of cls.mro) {
    if (c === strClass) return 'str';
    if (c === intClass) return 'int';
  }
  return null;
}

const AutoClass = nativeClass({
  name: 'auto',
  module: 'enum',
  hooks: {
    construct: (cls) => new PyInstance(cls, {}),
    repr: () => 'auto(_auto_null)',
  },
});

export function isMemberCandidate(name: string, v: PyValue): boolean {
  if (name.startsWith('_')) return false;
  if (v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod || v instanceof PyClass) return false;
  if (v instanceof PyInstance && (v.cls === classmethodClass || v.cls === staticmethodClass || v.cls === propertyClass)) return false;
  return true;
}

/**
 * Turns `entries` into members of `cls` (replacing the class attributes) and installs the enum
 * hooks on the class. Values equal to an earlier member's become aliases.
 */
export function defineEnumMembers(cls: PyClass, entries: [string, PyValue][]): PyInstance[] {
  const mixin = mixinOf(cls);
  const members: PyInstance[] = [];
  const byName = new Map<string, PyInstance>();
  for (const [name, value] of entries) {
    let v = value;
    if (mixin === 'str' && typeof v !== 'string') {
      if (v instanceof PyInstance && v.cls === AutoClass) v = name.toLowerCase();
      else throw err('TypeError', `${pyRepr(v)} is not a string`);
    }
    if (mixin === 'int' && typeof v !== 'bigint' && typeof v !== 'boolean') {
      throw err('ValueError', `invalid literal for int() with base 10: ${pyRepr(v)}`);
    }
    const existing = members.find((m) => pyEq((m.native as EnumMember).value, v));
    const member = existing ?? new PyInstance(cls, { name, value: v } satisfies EnumMember);
    if (!existing) members.push(member);
    byName.set(name, member);
    cls.dict.set(name, member);
  }
  infos.set(cls, { members, byName });
  Object.assign(cls.hooks, enumHooks);
  return members;
}

function autoValues(cls: PyClass, entries: [string, PyValue][]): [string, PyValue][] {
  const mixin = mixinOf(cls);
  const strLike = mixin === 'str';
  let last: bigint = 0n;
  for (const m of enumMembers(cls.bases[0] ?? objectClass)) {
    const v = (m.native as EnumMember).value;
    if (typeof v === 'bigint') last = v;
  }
  return entries.map(([name, v]) => {
    if (v instanceof PyInstance && v.cls === AutoClass) {
      if (strLike) return [name, name.toLowerCase()];
      last += 1n;
      return [name, last];
    }
    if (typeof v === 'bigint') last = v;
    return [name, v];
  });
}

function memberOf(self: PyInstance): EnumMember {
  return self.native as EnumMember;
}

export const enumHooks: NativeClassHooks = {
  construct: (cls, args) => {
    const info = infos.get(cls);
    if (!info || info.members.length === 0) {
      if (args.length > 1) throw err('NotImplementedError', "the functional Enum API is not supported by the playground's Python interpreter");
      throw err('TypeError', `${cls.name}() takes no arguments`);
    }
    const v = args[0];
    if (v instanceof PyInstance && v.cls === cls) return v;
    for (const m of info.members) if (pyEq(memberOf(m).value, v)) return m;
    throw err('ValueError', `${pyRepr(v)} is not a valid ${cls.qualname}`);
  },
  subclassCreated: (cls) => {
    const entries: [string, PyValue][] = [];
    for (const [k, v] of cls.dict) if (isMemberCandidate(k, v)) entries.push([k, v]);
    defineEnumMembers(cls, autoValues(cls, entries));
  },
  getAttr: (self, name) => {
    const m = self.native as EnumMember | undefined;
    if (!m || m.name === undefined) return undefined;
    if (name === 'name' || name === '_name_') return m.name;
    if (name === 'value' || name === '_value_') return m.value;
    // Methods of the mixed-in type act on the value (`Status.DRAFT.upper()`).
    for (const c of self.cls.mro) {
      if (c.dict.has(name)) {
        if (c === strClass || c === intClass) return getAttr(m.value, name);
        return undefined;
      }
    }
    return undefined;
  },
  repr: (self) => `<${self.cls.name}.${memberOf(self).name}: ${pyRepr(memberOf(self).value)}>`,
  str: (self) => {
    const cls = self.cls;
    if (cls.mro.some((c) => c === IntEnumClass || c === StrEnumClass)) return pyStr(memberOf(self).value);
    return `${cls.name}.${memberOf(self).name}`;
  },
  format: (self, spec) => {
    const cls = self.cls;
    if (cls.mro.some((c) => c === IntEnumClass || c === StrEnumClass) || spec) return formatValue(memberOf(self).value, spec);
    return `${cls.name}.${memberOf(self).name}`;
  },
  eq: (self, other) => {
    if (other === self) return true;
    if (!mixinOf(self.cls)) return false;
    const ov = other instanceof PyInstance && isEnumMember(other) ? memberOf(other).value : other;
    return pyEq(memberOf(self).value, ov);
  },
  hash: (self) => (mixinOf(self.cls) ? hashKey(memberOf(self).value) : 'enum:' + objectId(self)),
  compare: (op, self, other) => {
    if (!mixinOf(self.cls)) return undefined;
    const ov = other instanceof PyInstance && isEnumMember(other) ? memberOf(other).value : other;
    return compareOp(op, memberOf(self).value, ov);
  },
  binaryOp: (op, self, other, reflected) => {
    if (!mixinOf(self.cls)) return undefined;
    const v = memberOf(self).value;
    const ov = other instanceof PyInstance && isEnumMember(other) ? memberOf(other).value : other;
    return reflected ? binaryOp(op, ov, v) : binaryOp(op, v, ov);
  },
  truthy: (self) => (mixinOf(self.cls) ? truthy(memberOf(self).value) : true),
  iterClass: (cls) => enumMembers(cls),
  getClassItem: (cls, key) => {
    for (const c of cls.mro) {
      const info = infos.get(c);
      if (info) {
        const m = typeof key === 'string' ? info.byName.get(key) : undefined;
        if (!m) throw keyError(key);
        return m;
      }
    }
    throw keyError(key);
  },
  classRepr: (cls) => `<enum '${cls.name}'>`,
};

export const EnumClass = nativeClass({ name: 'Enum', module: 'enum', hooks: { ...enumHooks } });
infos.set(EnumClass, { members: [], byName: new Map() });
export const IntEnumClass = nativeClass({ name: 'IntEnum', module: 'enum', bases: [intClass, EnumClass], hooks: { ...enumHooks } });
infos.set(IntEnumClass, { members: [], byName: new Map() });
export const StrEnumClass = nativeClass({ name: 'StrEnum', module: 'enum', bases: [strClass, EnumClass], hooks: { ...enumHooks } });
infos.set(StrEnumClass, { members: [], byName: new Map() });
export const FlagClass = nativeClass({ name: 'Flag', module: 'enum', bases: [EnumClass], hooks: { ...enumHooks } });
infos.set(FlagClass, { members: [], byName: new Map() });
export const IntFlagClass = nativeClass({ name: 'IntFlag', module: 'enum', bases: [intClass, FlagClass], hooks: { ...enumHooks } });
infos.set(IntFlagClass, { members: [], byName: new Map() });

/** Enum classes whose subclasses' bodies follow Python's _EnumDict rules (Enum; Django's Choices). */
const enumRoots = new Set<PyClass>([EnumClass]);
export function registerEnumRoot(cls: PyClass): void {
  enumRoots.add(cls);
}

/** Whether a class with these bases is an enum, whose class body may not bind a member name twice. */
export function isEnumBody(bases: PyClass[]): boolean {
  return bases.some((b) => b.mro.some((c) => enumRoots.has(c)));
}

registerNativeModule('enum', () =>
  makeModule('enum', {
    Enum: EnumClass,
    IntEnum: IntEnumClass,
    StrEnum: StrEnumClass,
    Flag: FlagClass,
    IntFlag: IntFlagClass,
    auto: AutoClass,
    unique: builtin('unique', (args) => args[0], 'enum'),
    EnumMeta: typeOf(EnumClass),
    EnumType: typeOf(EnumClass),
    property: propertyClass,
  }),
);
