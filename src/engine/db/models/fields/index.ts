// Model fields (django.db.models.fields): the base Field and every plain field type, with
// Django 5.2's options, deconstruct() rules, SQLite column types and system checks.
//
// Option values are kept as the Python values the student wrote (maxLength is 200n, not 200)
// so deconstruct() gives them back unchanged and checks can judge them.

import { PyBytes, PyClass, PyDict, PyException, PyInstance, PyList, PyTuple, type PyValue } from '../../../python/values';
import { CheckMessage, Error_, Warning_, type CheckTarget } from '../../../core/checks/messages';
import { isCallable, isIterable, iterItems, pyEq, pyRepr, truthy, callValue, nativeOf } from '../../../utils/py';
import { LOOKUP_SEP, NOT_PROVIDED, type NotProvided } from '../constants';
import { choicesOf, isChoicesClass } from '../enums';
import type { Options } from '../options';
import { DATA_TYPES, DATA_TYPE_CHECK_CONSTRAINTS, DATA_TYPES_SUFFIX } from '../../backends/sqlite3/data_types';

/** Opaque to the model layer: the SQL engineer's connection. Only SQLite is modelled. */
export type Connection = unknown;

export type FieldKwargs = Map<string, PyValue>;

/** The model class (a PyClass whose `native` is its Options). */
export type ModelClass = PyClass;

export function metaOf(model: PyValue | null | undefined): Options | undefined {
  if (model instanceof PyClass) {
    const n = model.native as { isOptions?: boolean } | undefined;
    if (n && n.isOptions) return model.native as Options;
  }
  return undefined;
}

const FIELD_PARAMS = [
  'verbose_name',
  'name',
  'primary_key',
  'max_length',
  'unique',
  'blank',
  'null',
  'db_index',
  'rel',
  'default',
  'editable',
  'serialize',
  'unique_for_date',
  'unique_for_month',
  'unique_for_year',
  'choices',
  'help_text',
  'db_column',
  'db_tablespace',
  'auto_created',
  'validators',
  'error_messages',
  'db_comment',
  'db_default',
];
export { FIELD_PARAMS };

/** Options Field.__init__ keeps as given and the engine reads as booleans. */
const FLAG_OPTIONS = ['primary_key', 'unique', 'blank', 'null', 'editable', 'serialize', 'auto_created'] as const;

/** The keyword argument `key`, or `dflt` when it was not given (None is a given value). */
export function opt(o: FieldKwargs, key: string, dflt: PyValue): PyValue {
  const v = o.get(key);
  return v === undefined ? dflt : v;
}

/** normalize_choices: mappings and iterables of pairs become lists of 2-tuples. */
export function normalizeChoices(value: PyValue, depth = 0): PyValue {
  if (typeof value === 'string' || value instanceof PyBytes) return value;
  if (isChoicesClass(value)) return choicesOf(value);
  let items: PyValue[] | undefined;
  if (value instanceof PyDict && depth < 2) items = value.items().map(([k, v]) => new PyTuple([k, v]));
  else if (isIterable(value) && depth < 2) {
    const all = iterItems(value) ?? [];
    if (all.some((x) => typeof x === 'string' || x instanceof PyBytes)) return value;
    items = all;
  } else return value;
  const out: PyValue[] = [];
  for (const pair of items) {
    const kv = pair instanceof PyTuple || pair instanceof PyList ? pair.items : undefined;
    if (!kv || kv.length !== 2) return value;
    out.push(new PyTuple([kv[0], normalizeChoices(kv[1], depth + 1)]));
  }
  return new PyList(out);
}

const NON_DB_ATTRS: readonly string[] = [
  'blank',
  'choices',
  'db_column',
  'editable',
  'error_messages',
  'help_text',
  'limit_choices_to',
  'on_delete',
  'related_name',
  'related_query_name',
  'validators',
  'verbose_name',
];

/** The path Django's deconstruct() writes for a field class: django.db.models.fields.* shortened. */
function importPath(path: string): string {
  for (const sub of ['related', 'files', 'generated', 'json', 'proxy', 'composite']) {
    const prefix = `django.db.models.fields.${sub}`;
    if (path.startsWith(prefix)) return path.replace(prefix, 'django.db.models');
  }
  return path.startsWith('django.db.models.fields') ? path.replace('django.db.models.fields', 'django.db.models') : path;
}
const deconstructPaths = new WeakMap<PyClass, string>();

const NO_ARGS: readonly PyValue[] = [];
const NO_KWARGS: ReadonlyMap<string, PyValue> = new Map();

let creationCounter = 0;
let autoCreationCounter = -1;

/** Which TypeScript field class to build for a Python field class (set by the class registry). */
export interface FieldClassInfo {
  pyClass: PyClass;
}

export class Field implements CheckTarget {
  // Field flags
  static readonly internalType: string = 'Field';
  declare isRelation: boolean;
  // Class-level flags are getters (subclasses override them) so every field keeps one shape.
  get manyToMany(): boolean | null {
    return null;
  }
  get manyToOne(): boolean | null {
    return null;
  }
  get oneToMany(): boolean | null {
    return null;
  }
  get oneToOne(): boolean | null {
    return null;
  }
  get emptyStringsAllowed(): boolean {
    return true;
  }
  declare concrete: boolean;
  get hidden(): boolean {
    return false;
  }
  get descriptorClass(): string {
    return 'DeferredAttribute';
  }
  /** GeneratedField sets this (the schema editor writes GENERATED ALWAYS AS ...). */
  get generated(): boolean {
    return false;
  }
  /** Options that never change the database column (Field.non_db_attrs). */
  get nonDbAttrs(): readonly string[] {
    return NON_DB_ATTRS;
  }
  /** system_check_removed_details */
  declare removedDetails: { msg?: string; hint?: string; id?: string } | null;

  declare name: string | null;
  declare verboseName: PyValue;
  declare readonly _verboseName: PyValue;
  declare primaryKey: boolean;
  declare maxLength: PyValue;
  declare _unique: boolean;
  declare blank: boolean;
  declare null: boolean;
  declare dbIndex: PyValue;
  remoteField: import('./reverse_related').ForeignObjectRel | null;
  declare default: PyValue | NotProvided;
  declare dbDefault: PyValue | NotProvided;
  declare editable: boolean;
  declare serialize: boolean;
  declare uniqueForDate: PyValue;
  declare uniqueForMonth: PyValue;
  declare uniqueForYear: PyValue;
  declare choices: PyValue;
  declare helpText: PyValue;
  declare dbColumn: PyValue;
  declare dbComment: PyValue;
  declare _dbTablespace: PyValue;
  declare autoCreated: boolean;
  declare _validators: PyValue[];
  declare _errorMessages: PyValue;
  declare creationCounter: number;

  declare attname: string | null;
  declare column: string | null;
  declare model: ModelClass | null;
  /** The Python class this field was built from (CharField, or a subclass in models.py). */
  declare pyClass: PyClass;
  /** The Python-visible object for this field. */
  declare private _py?: PyInstance;
  /** Where the field was written, when known. */
  declare lineno: number;
  /** The arguments the field was built with (copy.deepcopy keeps them). */
  declare initArgs: readonly PyValue[];
  declare initKwargs: ReadonlyMap<string, PyValue>;
  /**
   * Flag options (null=1, unique=1.5) given as something other than True/False: Django keeps the
   * value as given and deconstruct() writes it back so; the engine reads the flags as booleans.
   */
  declare private nonBoolFlags: Map<string, PyValue> | null;

  constructor(o: FieldKwargs) {
    // Every field gets the same properties in the same order (one hidden class).
    this.isRelation = false;
    this.concrete = false;
    this.removedDetails = null;
    this.nonBoolFlags = null;
    this.attname = null;
    this.column = null;
    this.model = null;
    this._py = undefined;
    this.lineno = 0;
    this.initArgs = NO_ARGS;
    this.initKwargs = NO_KWARGS;
    // The defaults first, then one pass over the (few) keyword arguments given.
    this.name = null;
    this.verboseName = null;
    this._verboseName = null;
    this.primaryKey = false;
    this.maxLength = null;
    this._unique = false;
    this.blank = false;
    this.null = false;
    this.dbIndex = false;
    this.remoteField = null;
    this.default = NOT_PROVIDED;
    this.dbDefault = NOT_PROVIDED;
    this.editable = true;
    this.serialize = true;
    this.uniqueForDate = null;
    this.uniqueForMonth = null;
    this.uniqueForYear = null;
    this.choices = null;
    this.helpText = '';
    this.dbColumn = null;
    this.dbComment = null;
    this._dbTablespace = null;
    this.autoCreated = false;
    this._validators = [];
    this._errorMessages = null;
    for (const [key, v] of o) {
      switch (key) {
        case 'rel': this.remoteField = v as unknown as Field['remoteField']; break;
        case 'name': this.name = v as string | null; break;
        case 'verbose_name': this.verboseName = this._verboseName = v; break;
        case 'primary_key': this.primaryKey = truthy(v); break;
        case 'max_length': this.maxLength = v; break;
        case 'unique': this._unique = truthy(v); break;
        case 'blank': this.blank = truthy(v); break;
        case 'null': this.null = truthy(v); break;
        case 'db_index': this.dbIndex = v; break;
        case 'default': this.default = v; break;
        case 'db_default': this.dbDefault = v; break;
        case 'editable': this.editable = truthy(v); break;
        case 'serialize': this.serialize = truthy(v); break;
        case 'unique_for_date': this.uniqueForDate = v; break;
        case 'unique_for_month': this.uniqueForMonth = v; break;
        case 'unique_for_year': this.uniqueForYear = v; break;
        case 'choices': this.choices = v === null ? null : normalizeChoices(v); break;
        case 'help_text': this.helpText = v; break;
        case 'db_column': this.dbColumn = v; break;
        case 'db_comment': this.dbComment = v; break;
        case 'db_tablespace': this._dbTablespace = v; break;
        case 'auto_created': this.autoCreated = truthy(v); break;
        case 'validators': this._validators = iterItems(v) ?? []; break;
        case 'error_messages': this._errorMessages = v; break;
        default: continue;
      }
      if (typeof v !== 'boolean' && FLAG_OPTIONS.includes(key as (typeof FLAG_OPTIONS)[number])) (this.nonBoolFlags ??= new Map()).set(key, v);
    }
    this.isRelation = this.remoteField !== null;
    if (this.autoCreated) this.creationCounter = autoCreationCounter--;
    else this.creationCounter = creationCounter++;
  }

  get unique(): boolean {
    return this._unique || this.primaryKey;
  }

  get dbTablespace(): PyValue {
    return this._dbTablespace ?? '';
  }

  /** The Python object for this field (created once). */
  toPy(): PyInstance {
    if (!this._py) this._py = new PyInstance(this.pyClass, this);
    return this._py;
  }
  bindPy(inst: PyInstance): void {
    this._py = inst;
  }

  getInternalType(): string {
    return (this.constructor as typeof Field).internalType;
  }

  // ---- names -----------------------------------------------------------------------------

  getAttname(): string {
    return this.name as string;
  }
  getAttnameColumn(): [string, string | null] {
    const attname = this.getAttname();
    const column = (typeof this.dbColumn === 'string' ? this.dbColumn : null) ?? attname;
    return [attname, column];
  }
  setAttributesFromName(name: string): void {
    this.name = this.name || name;
    [this.attname, this.column] = this.getAttnameColumn();
    this.concrete = this.column !== null;
    if (this.verboseName === null && this.name) this.verboseName = this.name.replaceAll('_', ' ');
  }

  contributeToClass(cls: ModelClass, name: string, privateOnly = false): void {
    this.setAttributesFromName(name);
    this.model = cls;
    metaOf(cls)!.addField(this, privateOnly);
  }

  // ---- deconstruction ----------------------------------------------------------------------

  /** The import path Django writes: django.db.models.CharField, blog.models.MyField, ... */
  deconstructPath(): string {
    let path = deconstructPaths.get(this.pyClass);
    if (path === undefined) {
      path = importPath(`${this.pyClass.module}.${this.pyClass.qualname}`);
      deconstructPaths.set(this.pyClass, path);
    }
    return path;
  }

  deconstructKwargs(): Map<string, PyValue> {
    const k = new Map<string, PyValue>();
    const isNot = (key: string, value: PyValue | NotProvided, dflt: PyValue | NotProvided) => {
      const given = this.nonBoolFlags?.get(key);
      if (given !== undefined) k.set(key, given);
      else if (value !== dflt) k.set(key, value as PyValue);
    };
    isNot('verbose_name', this._verboseName, null);
    isNot('primary_key', this.primaryKey, false);
    isNot('max_length', this.maxLength, null);
    isNot('unique', this._unique, false);
    isNot('blank', this.blank, false);
    isNot('null', this.null, false);
    isNot('db_index', this.dbIndex, false);
    isNot('default', this.default, NOT_PROVIDED);
    isNot('db_default', this.dbDefault, NOT_PROVIDED);
    isNot('editable', this.editable, true);
    isNot('serialize', this.serialize, true);
    isNot('unique_for_date', this.uniqueForDate, null);
    isNot('unique_for_month', this.uniqueForMonth, null);
    isNot('unique_for_year', this.uniqueForYear, null);
    if (this.choices !== null) k.set('choices', this.choices);
    if (this.helpText !== '') k.set('help_text', this.helpText);
    isNot('db_column', this.dbColumn, null);
    isNot('db_comment', this.dbComment, null);
    isNot('db_tablespace', this._dbTablespace, null);
    isNot('auto_created', this.autoCreated, false);
    if (this._validators.length) k.set('validators', new PyList([...this._validators]));
    isNot('error_messages', this._errorMessages, null);
    return k;
  }

  /** [name, path, args, kwargs] as Django's Field.deconstruct() returns them. */
  deconstruct(): [string | null, string, PyValue[], Map<string, PyValue>] {
    return [this.name, this.deconstructPath(), [], this.deconstructKwargs()];
  }

  /** copy.deepcopy(field) before it is attached: same arguments, same creation order. */
  deepcopy(): Field {
    const made = callValue(this.pyClass, [...this.initArgs], new Map(this.initKwargs));
    const f = nativeOf(made, Field)!;
    f.creationCounter = this.creationCounter;
    f.lineno = this.lineno;
    return f;
  }

  /** Set by the field classes module: clone() without the Python call, for Django's own classes. */
  static cloneBuiltin: (cls: PyClass, kwargs: Map<string, PyValue>) => Field | undefined = () => undefined;

  /** A fresh, unattached copy built from deconstruct(). */
  clone(): Field {
    const [, , args, kwargs] = this.deconstruct();
    const fast = args.length ? undefined : Field.cloneBuiltin(this.pyClass, kwargs);
    if (fast) {
      fast.lineno = this.lineno;
      return fast;
    }
    const made = callValue(this.pyClass, args, kwargs);
    const f = nativeOf(made, Field);
    if (!f) throw new Error('field clone failed');
    f.lineno = this.lineno;
    return f;
  }

  // ---- defaults ----------------------------------------------------------------------------

  hasDefault(): boolean {
    return this.default !== NOT_PROVIDED;
  }
  hasDbDefault(): boolean {
    return this.dbDefault !== NOT_PROVIDED;
  }
  /** The Python default value (callables are called); '' or None otherwise, as Django does. */
  getDefault(): PyValue {
    if (this.hasDefault()) {
      const d = this.default as PyValue;
      return isCallable(d) ? callValue(d) : d;
    }
    if (this.hasDbDefault()) return this.dbDefault as PyValue;
    if (!this.emptyStringsAllowed || this.null) return null;
    return '';
  }

  // ---- database types (SQLite) --------------------------------------------------------------

  dbTypeParameters(): Record<string, PyValue> {
    return { max_length: this.maxLength, column: this.column };
  }
  dbType(_connection?: Connection): string | null {
    return sqliteDataType(this.getInternalType(), this.maxLength);
  }
  relDbType(connection?: Connection): string | null {
    return this.dbType(connection);
  }
  castDbType(connection?: Connection): string | null {
    return this.dbType(connection);
  }
  dbCheck(_connection?: Connection): string | null {
    const c = DATA_TYPE_CHECK_CONSTRAINTS[this.getInternalType()];
    return c ? c.replace(/%\(column\)s/g, this.column ?? '') : null;
  }
  dbParameters(connection?: Connection): { type: string | null; check: string | null; collation?: PyValue } {
    return { type: this.dbType(connection), check: this.dbCheck(connection) };
  }
  dbTypeSuffix(_connection?: Connection): string | null {
    return DATA_TYPES_SUFFIX[this.getInternalType()] ?? null;
  }
  get dbReturning(): boolean {
    return false;
  }
  /** Python values are what the SQL layer receives; it adapts them. */
  getDbPrepSave(value: PyValue): PyValue {
    return value;
  }

  // ---- naming for messages ------------------------------------------------------------------

  checkLabel(): string {
    const m = metaOf(this.model);
    if (!m) return `<${this.deconstructPath()}>`;
    return `${m.label}.${this.name}`;
  }
  checkLocation(): { file: string; line: number } | undefined {
    const m = metaOf(this.model);
    if (!m || !m.file) return undefined;
    return { file: m.file, line: this.lineno || m.lineno };
  }
  toString(): string {
    return this.checkLabel();
  }
  repr(): string {
    const path = `${this.pyClass.module}.${this.pyClass.qualname}`;
    return this.name !== null ? `<${path}: ${this.name}>` : `<${path}>`;
  }

  // ---- checks --------------------------------------------------------------------------------

  check(): CheckMessage[] {
    return [
      ...this.checkFieldName(),
      ...this.checkChoices(),
      ...this.checkDbIndex(),
      ...this.checkNullAllowedForPrimaryKeys(),
      ...this.checkValidators(),
      ...this.checkDeprecationDetails(),
    ];
  }

  protected checkFieldName(): CheckMessage[] {
    const n = this.name;
    if (n === null) return [];
    if (n.endsWith('_')) return [Error_('Field names must not end with an underscore.', { obj: this, id: 'fields.E001' })];
    if (n.includes(LOOKUP_SEP)) return [Error_(`Field names must not contain "${LOOKUP_SEP}".`, { obj: this, id: 'fields.E002' })];
    if (n === 'pk') return [Error_("'pk' is a reserved word that cannot be used as a field name.", { obj: this, id: 'fields.E003' })];
    return [];
  }

  protected checkChoices(): CheckMessage[] {
    if (!truthy(this.choices)) return [];
    const choices = this.choices;
    if (!isIterable(choices) || typeof choices === 'string') {
      return [
        Error_("'choices' must be a mapping (e.g. a dictionary) or an iterable (e.g. a list or tuple).", {
          obj: this,
          id: 'fields.E004',
        }),
      ];
    }
    const isValue = (v: PyValue) => typeof v === 'string' || !isIterable(v);
    const pairOf = (v: PyValue): [PyValue, PyValue] | undefined => {
      if (typeof v === 'string') return v.length === 2 ? [v[0], v[1]] : undefined;
      const items = iterItems(v);
      return items && items.length === 2 ? [items[0], items[1]] : undefined;
    };
    const maxLen = typeof this.maxLength === 'bigint' ? Number(this.maxLength) : null;
    let choiceMax = 0;
    let bad = false;
    for (const group of iterItems(choices) ?? []) {
      const gp = pairOf(group);
      if (!gp) {
        bad = true;
        break;
      }
      const [groupName, groupChoices] = gp;
      const inner = typeof groupChoices === 'string' ? undefined : iterItems(groupChoices);
      let innerOk = inner !== undefined;
      const innerPairs: [PyValue, PyValue][] = [];
      if (inner) {
        for (const c of inner) {
          const p = pairOf(c);
          if (!p) {
            innerOk = false;
            break;
          }
          innerPairs.push(p);
        }
      }
      if (innerOk) {
        if (!innerPairs.every(([v, h]) => isValue(v) && isValue(h))) {
          bad = true;
          break;
        }
        if (this.maxLength !== null && innerPairs.length)
          for (const [v] of innerPairs) if (typeof v === 'string') choiceMax = Math.max(choiceMax, [...v].length);
      } else {
        if (!isValue(groupName) || !isValue(groupChoices)) {
          bad = true;
          break;
        }
        if (this.maxLength !== null && typeof groupName === 'string') choiceMax = Math.max(choiceMax, [...groupName].length);
      }
      if (typeof group === 'string') {
        bad = true;
        break;
      }
    }
    if (!bad) {
      if (maxLen !== null && choiceMax > maxLen)
        return [
          Error_(`'max_length' is too small to fit the longest value in 'choices' (${choiceMax} characters).`, {
            obj: this,
            id: 'fields.E009',
          }),
        ];
      return [];
    }
    return [
      Error_(
        "'choices' must be a mapping of actual values to human readable names or an iterable containing (actual value, human readable name) tuples.",
        { obj: this, id: 'fields.E005' },
      ),
    ];
  }

  protected checkDbIndex(): CheckMessage[] {
    const v = this.dbIndex;
    if (v === null || v === true || v === false || pyEq(v, true) || pyEq(v, false)) return [];
    return [Error_("'db_index' must be None, True or False.", { obj: this, id: 'fields.E006' })];
  }

  protected checkNullAllowedForPrimaryKeys(): CheckMessage[] {
    if (this.primaryKey && this.null)
      return [
        Error_('Primary keys must not have null=True.', {
          hint: 'Set null=False on the field, or remove primary_key=True argument.',
          obj: this,
          id: 'fields.E007',
        }),
      ];
    return [];
  }

  protected checkValidators(): CheckMessage[] {
    return this._validators.flatMap((v, i) =>
      isCallable(v)
        ? []
        : [
            Error_("All 'validators' must be callable.", {
              hint: `validators[${i}] (${pyRepr(v)}) isn't a function or instance of a validator class.`,
              obj: this,
              id: 'fields.E008',
            }),
          ],
    );
  }

  protected checkDeprecationDetails(): CheckMessage[] {
    const d = this.removedDetails;
    if (!d) return [];
    return [
      Error_(d.msg ?? `${this.pyClass.name} has been removed except for support in historical migrations.`, {
        hint: d.hint ?? null,
        obj: this,
        id: d.id ?? 'fields.EXXX',
      }),
    ];
  }
}

function pyNumStr(v: PyValue): string {
  return typeof v === 'string' ? v : pyRepr(v);
}

export function sqliteDataType(internalType: string, maxLength: PyValue): string | null {
  if (internalType === 'CharField') return maxLength === null ? 'varchar' : `varchar(${pyNumStr(maxLength)})`;
  const t = DATA_TYPES[internalType];
  if (t === undefined) return null;
  return t.replace('%(max_length)s', pyNumStr(maxLength));
}

// ---- plain fields -------------------------------------------------------------------------------

export class BooleanField extends Field {
  static override readonly internalType: string = 'BooleanField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
}

export class CharField extends Field {
  static override readonly internalType: string = 'CharField';
  declare dbCollation: PyValue;
  constructor(o: FieldKwargs) {
    super(o);
    this.dbCollation = opt(o, 'db_collation', null);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (truthy(this.dbCollation)) k.set('db_collation', this.dbCollation);
    return k;
  }
  override dbParameters(connection?: Connection) {
    const { type, check } = super.dbParameters(connection);
    return { type, check, collation: this.dbCollation };
  }
  override castDbType(connection?: Connection): string | null {
    if (this.maxLength === null) return 'text';
    return super.castDbType(connection);
  }
  override check(): CheckMessage[] {
    return [...super.check(), ...this.checkMaxLengthAttribute()];
  }
  protected checkMaxLengthAttribute(): CheckMessage[] {
    // SQLite supports unlimited CharFields, so a missing max_length is fine (no fields.E120).
    if (this.maxLength === null) return [];
    if (typeof this.maxLength !== 'bigint' || this.maxLength <= 0n)
      return [Error_("'max_length' must be a positive integer.", { obj: this, id: 'fields.E121' })];
    return [];
  }
}

export class CommaSeparatedIntegerField extends CharField {
  constructor(o: FieldKwargs) {
    super(o);
    this.removedDetails = {
      msg: 'CommaSeparatedIntegerField is removed except for support in historical migrations.',
      hint: 'Use CharField(validators=[validate_comma_separated_integer_list]) instead.',
      id: 'fields.E901',
    };
  }
}

abstract class DateTimeCheckMixin extends Field {
  declare autoNow: PyValue;
  declare autoNowAdd: PyValue;
  constructor(o: FieldKwargs) {
    const autoNow = opt(o, 'auto_now', false);
    const autoNowAdd = opt(o, 'auto_now_add', false);
    if (truthy(autoNow) || truthy(autoNowAdd)) {
      o.set('editable', false);
      o.set('blank', true);
    }
    super(o);
    this.autoNow = autoNow;
    this.autoNowAdd = autoNowAdd;
  }
  override check(): CheckMessage[] {
    return [...super.check(), ...this.checkMutuallyExclusiveOptions()];
  }
  protected checkMutuallyExclusiveOptions(): CheckMessage[] {
    const enabled = [this.autoNowAdd, this.autoNow, this.hasDefault()].filter((x) => !(x === null || x === false || pyEq(x, false))).length;
    if (enabled > 1)
      return [
        Error_(
          'The options auto_now, auto_now_add, and default are mutually exclusive. Only one of these options may be present.',
          { obj: this, id: 'fields.E160' },
        ),
      ];
    return [];
  }
}

export class DateField extends DateTimeCheckMixin {
  static override readonly internalType: string = 'DateField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (truthy(this.autoNow)) k.set('auto_now', true);
    if (truthy(this.autoNowAdd)) k.set('auto_now_add', true);
    if (truthy(this.autoNow) || truthy(this.autoNowAdd)) {
      k.delete('editable');
      k.delete('blank');
    }
    return k;
  }
}

export class DateTimeField extends DateField {
  static override readonly internalType: string = 'DateTimeField';
}

export class DecimalField extends Field {
  static override readonly internalType: string = 'DecimalField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  declare maxDigits: PyValue;
  declare decimalPlaces: PyValue;
  constructor(o: FieldKwargs) {
    super(o);
    this.maxDigits = opt(o, 'max_digits', null);
    this.decimalPlaces = opt(o, 'decimal_places', null);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (this.maxDigits !== null) k.set('max_digits', this.maxDigits);
    if (this.decimalPlaces !== null) k.set('decimal_places', this.decimalPlaces);
    return k;
  }
  override check(): CheckMessage[] {
    const errors = super.check();
    const digits = [...this.checkInt(this.decimalPlaces, 'decimal_places', 'fields.E130', 'fields.E131', false), ...this.checkInt(this.maxDigits, 'max_digits', 'fields.E132', 'fields.E133', true)];
    if (digits.length) return [...errors, ...digits];
    if (toIntLike(this.decimalPlaces)! > toIntLike(this.maxDigits)!)
      errors.push(Error_("'max_digits' must be greater or equal to 'decimal_places'.", { obj: this, id: 'fields.E134' }));
    return errors;
  }
  private checkInt(v: PyValue, name: string, missingId: string, badId: string, positive: boolean): CheckMessage[] {
    if (v === null || (typeof v === 'object' && !(v instanceof PyInstance)))
      return [Error_(`DecimalFields must define a '${name}' attribute.`, { obj: this, id: missingId })];
    const n = toIntLike(v);
    if (n === undefined || (positive ? n <= 0 : n < 0))
      return [Error_(`'${name}' must be ${positive ? 'a positive' : 'a non-negative'} integer.`, { obj: this, id: badId })];
    return [];
  }
}

/** int(v) for the values a student may write; undefined when Python's int() would fail. */
function toIntLike(v: PyValue): number | undefined {
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v)) return Number(v.trim());
  return undefined;
}

export class DurationField extends Field {
  static override readonly internalType: string = 'DurationField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
}

export class EmailField extends CharField {
  constructor(o: FieldKwargs) {
    if (!o.has('max_length')) o.set('max_length', 254n);
    super(o);
  }
}

export class FilePathField extends Field {
  static override readonly internalType: string = 'FilePathField';
  declare path: PyValue;
  declare match: PyValue;
  declare recursive: PyValue;
  declare allowFiles: PyValue;
  declare allowFolders: PyValue;
  constructor(o: FieldKwargs) {
    const path = opt(o, 'path', '');
    const match = opt(o, 'match', null);
    const recursive = opt(o, 'recursive', false);
    const allowFiles = opt(o, 'allow_files', true);
    const allowFolders = opt(o, 'allow_folders', false);
    if (!o.has('max_length')) o.set('max_length', 100n);
    super(o);
    this.path = path;
    this.match = match;
    this.recursive = recursive;
    this.allowFiles = allowFiles;
    this.allowFolders = allowFolders;
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (!pyEq(this.path, '')) k.set('path', this.path);
    if (this.match !== null) k.set('match', this.match);
    if (this.recursive !== false) k.set('recursive', this.recursive);
    if (this.allowFiles !== true) k.set('allow_files', this.allowFiles);
    if (this.allowFolders !== false) k.set('allow_folders', this.allowFolders);
    if (pyEq(k.get('max_length') ?? null, 100n)) k.delete('max_length');
    return k;
  }
  override check(): CheckMessage[] {
    const errors = super.check();
    if (!truthy(this.allowFiles) && !truthy(this.allowFolders))
      errors.push(Error_("FilePathFields must have either 'allow_files' or 'allow_folders' set to True.", { obj: this, id: 'fields.E140' }));
    return errors;
  }
}

export class FloatField extends Field {
  static override readonly internalType: string = 'FloatField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
}

export class IntegerField extends Field {
  static override readonly internalType: string = 'IntegerField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  override check(): CheckMessage[] {
    const errors = super.check();
    if (this.maxLength !== null)
      errors.push(
        Warning_(`'max_length' is ignored when used with ${this.pyClass.name}.`, {
          hint: 'Remove \'max_length\' from field',
          obj: this,
          id: 'fields.W122',
        }),
      );
    return errors;
  }
}

export class BigIntegerField extends IntegerField {
  static override readonly internalType: string = 'BigIntegerField';
}
export class SmallIntegerField extends IntegerField {
  static override readonly internalType: string = 'SmallIntegerField';
}

export class IPAddressField extends Field {
  static override readonly internalType: string = 'IPAddressField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  constructor(o: FieldKwargs) {
    o.set('max_length', 15n);
    super(o);
    this.removedDetails = {
      msg: 'IPAddressField has been removed except for support in historical migrations.',
      hint: 'Use GenericIPAddressField instead.',
      id: 'fields.E900',
    };
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    k.delete('max_length');
    return k;
  }
}

export class GenericIPAddressField extends Field {
  static override readonly internalType: string = 'GenericIPAddressField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  declare protocol: PyValue;
  declare unpackIpv4: PyValue;
  constructor(o: FieldKwargs) {
    const protocol = opt(o, 'protocol', 'both');
    const unpack = opt(o, 'unpack_ipv4', false);
    o.set('max_length', 39n);
    super(o);
    this.protocol = protocol;
    this.unpackIpv4 = unpack;
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (this.unpackIpv4 !== false) k.set('unpack_ipv4', this.unpackIpv4);
    if (!pyEq(this.protocol, 'both')) k.set('protocol', this.protocol);
    if (k.has('max_length') && pyEq(k.get('max_length')!, this.maxLength)) k.delete('max_length');
    return k;
  }
  override check(): CheckMessage[] {
    const errors = super.check();
    if (!this.null && this.blank)
      errors.push(
        Error_('GenericIPAddressFields cannot have blank=True if null=False, as blank values are stored as nulls.', {
          obj: this,
          id: 'fields.E150',
        }),
      );
    return errors;
  }
}

export class NullBooleanField extends BooleanField {
  constructor(o: FieldKwargs) {
    o.set('null', true);
    o.set('blank', true);
    super(o);
    this.removedDetails = {
      msg: 'NullBooleanField is removed except for support in historical migrations.',
      hint: 'Use BooleanField(null=True, blank=True) instead.',
      id: 'fields.E903',
    };
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    k.delete('null');
    k.delete('blank');
    return k;
  }
}

export class PositiveBigIntegerField extends BigIntegerField {
  static override readonly internalType: string = 'PositiveBigIntegerField';
  override relDbType(): string | null {
    return 'bigint';
  }
}
export class PositiveIntegerField extends IntegerField {
  static override readonly internalType: string = 'PositiveIntegerField';
  override relDbType(): string | null {
    return 'integer';
  }
}
export class PositiveSmallIntegerField extends SmallIntegerField {
  static override readonly internalType: string = 'PositiveSmallIntegerField';
  override relDbType(): string | null {
    return 'smallint';
  }
}

export class SlugField extends CharField {
  static override readonly internalType: string = 'SlugField';
  declare allowUnicode: PyValue;
  constructor(o: FieldKwargs) {
    if (!o.has('max_length')) o.set('max_length', 50n);
    if (!o.has('db_index')) o.set('db_index', true);
    const allowUnicode = opt(o, 'allow_unicode', false);
    super(o);
    this.allowUnicode = allowUnicode;
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (k.has('max_length') && pyEq(k.get('max_length')!, 50n)) k.delete('max_length');
    if (this.dbIndex === false) k.set('db_index', false);
    else k.delete('db_index');
    if (this.allowUnicode !== false) k.set('allow_unicode', this.allowUnicode);
    return k;
  }
}

export class TextField extends Field {
  static override readonly internalType: string = 'TextField';
  declare dbCollation: PyValue;
  constructor(o: FieldKwargs) {
    super(o);
    this.dbCollation = opt(o, 'db_collation', null);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (truthy(this.dbCollation)) k.set('db_collation', this.dbCollation);
    return k;
  }
  override dbParameters(connection?: Connection) {
    const { type, check } = super.dbParameters(connection);
    return { type, check, collation: this.dbCollation };
  }
}

export class TimeField extends DateTimeCheckMixin {
  static override readonly internalType: string = 'TimeField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (this.autoNow !== false) k.set('auto_now', this.autoNow);
    if (this.autoNowAdd !== false) k.set('auto_now_add', this.autoNowAdd);
    if (truthy(this.autoNow) || truthy(this.autoNowAdd)) {
      k.delete('blank');
      k.delete('editable');
    }
    return k;
  }
}

export class URLField extends CharField {
  constructor(o: FieldKwargs) {
    if (!o.has('max_length')) o.set('max_length', 200n);
    super(o);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (k.has('max_length') && pyEq(k.get('max_length')!, 200n)) k.delete('max_length');
    return k;
  }
}

export class BinaryField extends Field {
  static override readonly internalType: string = 'BinaryField';
  constructor(o: FieldKwargs) {
    if (!o.has('editable')) o.set('editable', false);
    super(o);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    if (this.editable) k.set('editable', true);
    else k.delete('editable');
    return k;
  }
  override check(): CheckMessage[] {
    const errors = super.check();
    if (this.hasDefault() && typeof this.default === 'string')
      errors.push(Error_("BinaryField's default cannot be a string. Use bytes content instead.", { obj: this, id: 'fields.E170' }));
    return errors;
  }
}

export class UUIDField extends Field {
  static override readonly internalType: string = 'UUIDField';
  override get emptyStringsAllowed(): boolean {
    return false;
  }
  constructor(o: FieldKwargs) {
    o.set('max_length', 32n);
    super(o);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    const k = super.deconstructKwargs();
    k.delete('max_length');
    return k;
  }
}

/** AutoFieldMixin: blank=True always, primary_key required by check. */
function autoDeconstruct(k: Map<string, PyValue>): Map<string, PyValue> {
  k.delete('blank');
  k.set('primary_key', true);
  return k;
}
function autoCheck(f: Field): CheckMessage[] {
  return f.primaryKey ? [] : [Error_('AutoFields must set primary_key=True.', { obj: f, id: 'fields.E100' })];
}

export class AutoField extends IntegerField {
  static override readonly internalType: string = 'AutoField';
  constructor(o: FieldKwargs) {
    o.set('blank', true);
    super(o);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    return autoDeconstruct(super.deconstructKwargs());
  }
  override check(): CheckMessage[] {
    return [...super.check(), ...autoCheck(this)];
  }
  override relDbType(): string | null {
    return 'integer';
  }
  override get dbReturning(): boolean {
    return true;
  }
  override contributeToClass(cls: ModelClass, name: string, privateOnly = false): void {
    const meta = metaOf(cls)!;
    if (meta.autoField) throw new PyException('ValueError', `Model ${meta.label} can't have more than one auto-generated field.`);
    super.contributeToClass(cls, name, privateOnly);
    meta.autoField = this;
  }
}

export class BigAutoField extends BigIntegerField {
  static override readonly internalType: string = 'BigAutoField';
  constructor(o: FieldKwargs) {
    o.set('blank', true);
    super(o);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    return autoDeconstruct(super.deconstructKwargs());
  }
  override check(): CheckMessage[] {
    return [...super.check(), ...autoCheck(this)];
  }
  override relDbType(): string | null {
    return 'bigint';
  }
  override get dbReturning(): boolean {
    return true;
  }
  override contributeToClass(cls: ModelClass, name: string, privateOnly = false): void {
    super.contributeToClass(cls, name, privateOnly);
    metaOf(cls)!.autoField = this;
  }
}

export class SmallAutoField extends SmallIntegerField {
  static override readonly internalType: string = 'SmallAutoField';
  constructor(o: FieldKwargs) {
    o.set('blank', true);
    super(o);
  }
  override deconstructKwargs(): Map<string, PyValue> {
    return autoDeconstruct(super.deconstructKwargs());
  }
  override check(): CheckMessage[] {
    return [...super.check(), ...autoCheck(this)];
  }
  override relDbType(): string | null {
    return 'smallint';
  }
  override get dbReturning(): boolean {
    return true;
  }
  override contributeToClass(cls: ModelClass, name: string, privateOnly = false): void {
    super.contributeToClass(cls, name, privateOnly);
    metaOf(cls)!.autoField = this;
  }
}

/** isinstance(f, AutoField) in Django (the metaclass counts BigAutoField and SmallAutoField). */
export function isAutoField(f: Field): boolean {
  return f instanceof AutoField || f instanceof BigAutoField || f instanceof SmallAutoField;
}
