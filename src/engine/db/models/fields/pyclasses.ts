// The Python classes of the field types (models.CharField ...). Calling one builds the
// TypeScript Field behind a PyInstance; Python subclasses in models.py work too, including
// an `__init__` that ends in `super().__init__(*args, **kwargs)`.

import { PyClass, PyDict, PyFunction, PyInstance, PyTuple, PyList, type Kwargs, type PyValue } from '../../../python/values';
import { bindArgs, builtin, nativeClass, pyRepr, type ParamsSpec } from '../../../utils/py';
import * as F from './index';
import { Field, FIELD_PARAMS, type FieldKwargs } from './index';
import { ForeignKey, ManyToManyField, OneToOneField } from './related';
import { FileField, ImageField } from './files';
import { JSONField } from './json';
import { GeneratedField } from './generated';
import { OrderWrt } from './proxy';
import { settingsReferenceOf } from '../../../conf/reference';

type FieldCtor = new (o: FieldKwargs) => Field;

interface Spec {
  ctor: FieldCtor;
  module: string;
  base?: string;
  /** Positional parameter names (before those passed on to Field). */
  positional?: string[];
  keywordOnly?: string[];
  required?: string[];
  requiredKeywordOnly?: string[];
}

const FIELDS_MOD = 'django.db.models.fields';
const F_ALL = FIELD_PARAMS;
const DT = ['verbose_name', 'name', 'auto_now', 'auto_now_add'];

const SPECS: Record<string, Spec> = {
  Field: { ctor: Field, module: FIELDS_MOD },
  BooleanField: { ctor: F.BooleanField, module: FIELDS_MOD, base: 'Field' },
  CharField: { ctor: F.CharField, module: FIELDS_MOD, base: 'Field', keywordOnly: ['db_collation'] },
  CommaSeparatedIntegerField: { ctor: F.CommaSeparatedIntegerField, module: FIELDS_MOD, base: 'CharField', keywordOnly: ['db_collation'] },
  DateField: { ctor: F.DateField, module: FIELDS_MOD, base: 'Field', positional: DT },
  DateTimeField: { ctor: F.DateTimeField, module: FIELDS_MOD, base: 'DateField', positional: DT },
  DecimalField: { ctor: F.DecimalField, module: FIELDS_MOD, base: 'Field', positional: ['verbose_name', 'name', 'max_digits', 'decimal_places'] },
  DurationField: { ctor: F.DurationField, module: FIELDS_MOD, base: 'Field' },
  EmailField: { ctor: F.EmailField, module: FIELDS_MOD, base: 'CharField', keywordOnly: ['db_collation'] },
  FilePathField: {
    ctor: F.FilePathField,
    module: FIELDS_MOD,
    base: 'Field',
    positional: ['verbose_name', 'name', 'path', 'match', 'recursive', 'allow_files', 'allow_folders'],
  },
  FloatField: { ctor: F.FloatField, module: FIELDS_MOD, base: 'Field' },
  IntegerField: { ctor: F.IntegerField, module: FIELDS_MOD, base: 'Field' },
  BigIntegerField: { ctor: F.BigIntegerField, module: FIELDS_MOD, base: 'IntegerField' },
  SmallIntegerField: { ctor: F.SmallIntegerField, module: FIELDS_MOD, base: 'IntegerField' },
  IPAddressField: { ctor: F.IPAddressField, module: FIELDS_MOD, base: 'Field' },
  GenericIPAddressField: { ctor: F.GenericIPAddressField, module: FIELDS_MOD, base: 'Field', positional: ['verbose_name', 'name', 'protocol', 'unpack_ipv4'] },
  NullBooleanField: { ctor: F.NullBooleanField, module: FIELDS_MOD, base: 'BooleanField' },
  PositiveBigIntegerField: { ctor: F.PositiveBigIntegerField, module: FIELDS_MOD, base: 'BigIntegerField' },
  PositiveIntegerField: { ctor: F.PositiveIntegerField, module: FIELDS_MOD, base: 'IntegerField' },
  PositiveSmallIntegerField: { ctor: F.PositiveSmallIntegerField, module: FIELDS_MOD, base: 'SmallIntegerField' },
  SlugField: { ctor: F.SlugField, module: FIELDS_MOD, base: 'CharField', keywordOnly: ['db_collation', 'allow_unicode'] },
  TextField: { ctor: F.TextField, module: FIELDS_MOD, base: 'Field', keywordOnly: ['db_collation'] },
  TimeField: { ctor: F.TimeField, module: FIELDS_MOD, base: 'Field', positional: DT },
  URLField: { ctor: F.URLField, module: FIELDS_MOD, base: 'CharField', positional: ['verbose_name', 'name'], keywordOnly: ['db_collation'] },
  BinaryField: { ctor: F.BinaryField, module: FIELDS_MOD, base: 'Field' },
  UUIDField: { ctor: F.UUIDField, module: FIELDS_MOD, base: 'Field', positional: ['verbose_name'] },
  AutoField: { ctor: F.AutoField, module: FIELDS_MOD, base: 'IntegerField' },
  BigAutoField: { ctor: F.BigAutoField, module: FIELDS_MOD, base: 'BigIntegerField' },
  SmallAutoField: { ctor: F.SmallAutoField, module: FIELDS_MOD, base: 'SmallIntegerField' },
  FileField: { ctor: FileField, module: `${FIELDS_MOD}.files`, base: 'Field', positional: ['verbose_name', 'name', 'upload_to', 'storage'] },
  ImageField: {
    ctor: ImageField,
    module: `${FIELDS_MOD}.files`,
    base: 'FileField',
    positional: ['verbose_name', 'name', 'width_field', 'height_field'],
    keywordOnly: ['upload_to', 'storage'],
  },
  JSONField: { ctor: JSONField, module: `${FIELDS_MOD}.json`, base: 'Field', positional: ['verbose_name', 'name', 'encoder', 'decoder'] },
  GeneratedField: {
    ctor: GeneratedField,
    module: `${FIELDS_MOD}.generated`,
    base: 'Field',
    positional: [],
    requiredKeywordOnly: ['expression', 'output_field'],
    keywordOnly: ['db_persist'],
  },
  OrderWrt: { ctor: OrderWrt, module: `${FIELDS_MOD}.proxy`, base: 'IntegerField' },
  ForeignKey: {
    ctor: ForeignKey as unknown as FieldCtor,
    module: `${FIELDS_MOD}.related`,
    base: 'Field',
    positional: ['to', 'on_delete', 'related_name', 'related_query_name', 'limit_choices_to', 'parent_link', 'to_field', 'db_constraint'],
    required: ['to', 'on_delete'],
    keywordOnly: ['swappable'],
  },
  OneToOneField: {
    ctor: OneToOneField,
    module: `${FIELDS_MOD}.related`,
    base: 'ForeignKey',
    positional: ['to', 'on_delete', 'to_field'],
    required: ['to', 'on_delete'],
    keywordOnly: ['related_name', 'related_query_name', 'limit_choices_to', 'parent_link', 'db_constraint', 'swappable'],
  },
  ManyToManyField: {
    ctor: ManyToManyField,
    module: `${FIELDS_MOD}.related`,
    base: 'Field',
    positional: ['to', 'related_name', 'related_query_name', 'limit_choices_to', 'symmetrical', 'through', 'through_fields', 'db_constraint', 'db_table', 'swappable'],
    required: ['to'],
  },
};

/** The TypeScript class behind each native field class. */
const CTOR_OF = new Map<PyClass, Spec>();
const NATIVE_INIT = new Map<PyClass, PyValue>();
export const FIELD_CLASSES = new Map<string, PyClass>();

const PARAMS_CACHE = new Map<string, ParamsSpec>();

function paramsFor(name: string, spec: Spec): ParamsSpec {
  let hit = PARAMS_CACHE.get(name);
  if (!hit) {
    hit = computeParams(name, spec);
    PARAMS_CACHE.set(name, hit);
  }
  return hit;
}

function computeParams(name: string, spec: Spec): ParamsSpec {
  const positional = spec.positional ?? F_ALL;
  const extra = new Set<string>([...F_ALL, ...(spec.keywordOnly ?? [])]);
  for (const p of positional) extra.delete(p);
  // Relation fields take the relation options through **kwargs of their bases.
  if (name === 'OneToOneField' || name === 'ForeignKey') for (const p of ['related_name', 'related_query_name', 'limit_choices_to', 'parent_link', 'db_constraint', 'swappable', 'to_field']) if (!positional.includes(p)) extra.add(p);
  if (name === 'ImageField') for (const p of ['upload_to', 'storage']) extra.add(p);
  return {
    func: `${name}.__init__`,
    positional,
    required: spec.required,
    requiredKeywordOnly: spec.requiredKeywordOnly,
    keywordOnly: [...extra],
    unknownKwFunc: 'Field.__init__',
  };
}

/** The native spec a (possibly Python-defined) field class builds. */
function specOf(cls: PyClass): [string, Spec] {
  for (const c of cls.mro) {
    const s = CTOR_OF.get(c);
    if (s) return [c.name, s];
  }
  return ['Field', SPECS.Field];
}

/** Builds the TypeScript field for `self` from call arguments (the native __init__). */
function initField(self: PyInstance, nativeName: string, spec: Spec, args: PyValue[], kwargs: Kwargs): void {
  const field = buildField(self.cls, spec, bindArgs(paramsFor(nativeName, spec), args, kwargs));
  field.bindPy(self);
  field.initArgs = [...args];
  field.initKwargs = new Map(kwargs);
  self.native = field;
}

/** The TypeScript field of class `cls` from its bound arguments (which the constructor may change). */
function buildField(cls: PyClass, spec: Spec, o: FieldKwargs): Field {
  const to = o.get('to');
  if (to !== undefined) {
    const ref = settingsReferenceOf(to);
    if (ref) o.set('to', ref.value);
  }
  o.set('__class_name__', cls.name);
  const field = new spec.ctor(o);
  field.pyClass = cls;
  return field;
}

/**
 * Field.clone() for a field class of Django's own, whose __init__ nobody replaced: the keywords
 * deconstruct() wrote are exactly its arguments, so they go to the constructor without the
 * Python call (rendering model states clones every field of every model).
 */
function cloneBuiltin(cls: PyClass, kwargs: Kwargs): Field | undefined {
  const spec = CTOR_OF.get(cls);
  if (!spec || cls.dict.get('__init__') !== NATIVE_INIT.get(cls) || cls.lookup('__new__') !== undefined) return undefined;
  const field = buildField(cls, spec, new Map(kwargs));
  field.initKwargs = kwargs;
  return field;
}
Field.cloneBuiltin = cloneBuiltin;

function makeFieldClass(name: string, spec: Spec, base: PyClass | undefined): PyClass {
  const cls = nativeClass(name, spec.module, base ? [base] : [], base ? {} : fieldHooks);
  CTOR_OF.set(cls, spec);
  const init = builtin('__init__', spec.module, (args, kwargs) => {
    const self = args[0] as PyInstance;
    initField(self, name, spec, args.slice(1), kwargs);
    return null;
  }, `${name}.__init__`);
  cls.dict.set('__init__', init);
  NATIVE_INIT.set(cls, init);
  return cls;
}

export function constructField(cls: PyClass, args: PyValue[], kwargs: Kwargs): PyInstance {
  const init = cls.lookup('__init__');
  const self = new PyInstance(cls);
  if (init instanceof PyFunction) {
    init.impl([self, ...args], kwargs);
    if (!(self.native instanceof Field)) {
      const [n, s] = specOf(cls);
      initField(self, n, s, [], new Map());
    }
    return self;
  }
  const [n, s] = specOf(cls);
  initField(self, n, s, args, kwargs);
  return self;
}

const fieldHooks = {
  construct: constructField,
  repr: (self: PyInstance) => (self.native instanceof Field ? self.native.repr() : `<${self.cls.module}.${self.cls.qualname}>`),
  str: (self: PyInstance) => (self.native instanceof Field ? self.native.checkLabel() : `<${self.cls.name}>`),
  getAttr(self: PyInstance, name: string): PyValue | undefined {
    const f = self.native;
    if (!(f instanceof Field)) return undefined;
    return fieldAttr(f, name);
  },
};

function fieldAttr(f: Field, name: string): PyValue | undefined {
  switch (name) {
    case 'name':
      return f.name;
    case 'attname':
      return f.attname;
    case 'column':
      return f.column;
    case 'verbose_name':
      return f.verboseName;
    case 'primary_key':
      return f.primaryKey;
    case 'max_length':
      return f.maxLength;
    case 'unique':
      return f.unique;
    case 'blank':
      return f.blank;
    case 'null':
      return f.null;
    case 'db_index':
      return f.dbIndex;
    case 'editable':
      return f.editable;
    case 'help_text':
      return f.helpText;
    case 'choices':
      return f.choices;
    case 'db_column':
      return f.dbColumn;
    case 'auto_created':
      return f.autoCreated;
    case 'is_relation':
      return f.isRelation;
    case 'many_to_many':
      return f.manyToMany;
    case 'many_to_one':
      return f.manyToOne;
    case 'one_to_one':
      return f.oneToOne;
    case 'concrete':
      return f.concrete;
    case 'model':
      return f.model;
    case 'creation_counter':
      return BigInt(f.creationCounter);
    case 'default':
      return f.hasDefault() ? (f.default as PyValue) : null;
    case 'has_default':
      return builtin('has_default', 'django', () => f.hasDefault());
    case 'get_default':
      return builtin('get_default', 'django', () => f.getDefault());
    case 'get_internal_type':
      return builtin('get_internal_type', 'django', () => f.getInternalType());
    case 'deconstruct':
      return builtin('deconstruct', 'django', () => {
        const [n, p, a, k] = f.deconstruct();
        return new PyTuple([n, p, new PyList(a), kwargsDict(k)]);
      });
    case 'clone':
      return builtin('clone', 'django', () => f.clone().toPy());
  }
  return undefined;
}

function kwargsDict(k: Kwargs): PyDict {
  const d = new PyDict();
  for (const [key, v] of k) d.set(key, v);
  return d;
}

// Build the classes in dependency order.
for (const [name, spec] of Object.entries(SPECS)) {
  const base = spec.base ? FIELD_CLASSES.get(spec.base) : undefined;
  if (spec.base && !base) throw new Error(`field base ${spec.base} missing`);
  FIELD_CLASSES.set(name, makeFieldClass(name, spec, base));
}

export function fieldClass(name: string): PyClass {
  return FIELD_CLASSES.get(name)!;
}

/** Builds a field from Python-style arguments (the TypeScript side's shortcut). */
export function makeField(name: string, kwargs: Record<string, PyValue> = {}, args: PyValue[] = []): Field {
  const inst = constructField(fieldClass(name), args, new Map(Object.entries(kwargs)));
  return inst.native as Field;
}

export function fieldRepr(v: PyValue): string {
  return pyRepr(v);
}
