// Model operations (django/db/migrations/operations/models.py): create, delete, rename models,
// their options, indexes and constraints.

import { PyClass, PyException, PyList, PySet, PyTuple, type PyValue } from '../../../python/values';
import { reprValue } from '../serializer';
import {
  fieldReferences,
  kwargs,
  modelMeta,
  Operation,
  OperationCategory,
  resolveRelation,
  type FieldLike,
  type ManagerLike,
  type NamedObjectLike,
  type OperationResult,
  type StateLike,
} from './base';
import { AddField, AlterField, DELETE_MODEL, FieldOperation, RemoveField, RenameField } from './fields';
import { makeModelState } from './state-hooks';
import * as db from './database';

export type Options = Record<string, unknown>;

function checkForDuplicates(argName: string, values: unknown[]): void {
  const seen = new Set<string>();
  for (const v of values) {
    const key = typeof v === 'string' ? v : v instanceof PyClass ? `${v.module}.${v.qualname}` : reprValue(v);
    if (seen.has(key)) throw new PyException('ValueError', `Found duplicate value ${typeof v === 'string' ? v : reprValue(v)} in CreateModel ${argName} argument.`);
    seen.add(key);
  }
}

/** Whether a base is django.db.models.Model itself. */
export function isModelBase(base: unknown): boolean {
  return base instanceof PyClass && base.name === 'Model' && base.module === 'django.db.models.base';
}

/** The default managers list ([('objects', models.Manager())]) is left out of CreateModel. */
function isDefaultManagers(managers: [string, ManagerLike][]): boolean {
  if (managers.length !== 1 || managers[0][0] !== 'objects') return false;
  const d = managers[0][1].deconstruct();
  return d[0] === false && d[1] === 'django.db.models.manager.Manager' && !(d[3] as unknown[] | null)?.length && isEmptyKwargs(d[4]);
}

function isEmptyKwargs(k: unknown): boolean {
  if (!k) return true;
  if (k instanceof Map) return k.size === 0;
  return Object.keys(k as object).length === 0;
}

function optionsMap(options: Options): Map<string, unknown> {
  return new Map(Object.entries(options));
}

/** normalize_together: a single tuple of names becomes a tuple of tuples; the result is a set of tuples. */
export function normalizeTogether(value: unknown): PySet {
  const items = (v: unknown): unknown[] =>
    v instanceof PyTuple || v instanceof PyList ? [...v.items] : v instanceof PySet ? v.values() : Array.isArray(v) ? v : [];
  const outer = items(value);
  if (!outer.length) return new PySet();
  const first = outer[0];
  const tuples = typeof first === 'string' ? [outer] : outer.map(items);
  return new PySet(tuples.map((t) => new PyTuple(t as PyValue[])));
}

export abstract class ModelOperation extends Operation {
  constructor(public name: string) {
    super();
  }
  get nameLower(): string {
    return this.name.toLowerCase();
  }
  override referencesModel(name: string, _appLabel: string): boolean {
    return name.toLowerCase() === this.nameLower;
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    return super.reduce(operation, appLabel) || this.canReduceThrough(operation, appLabel);
  }
  canReduceThrough(operation: Operation, appLabel: string): boolean {
    return !operation.referencesModel(this.name, appLabel);
  }
}

export class CreateModel extends ModelOperation {
  override category = OperationCategory.ADDITION;
  override serializationExpandArgs = ['fields', 'options', 'managers'];
  readonly options: Options;
  readonly bases: unknown[];
  readonly managers: [string, ManagerLike][];

  constructor(
    name: string,
    readonly fields: [string, FieldLike][],
    options?: Options | null,
    bases?: unknown[] | null,
    managers?: [string, ManagerLike][] | null,
  ) {
    super(name);
    this.options = options ?? {};
    this.bases = bases && bases.length ? bases : [MODEL_BASE.value];
    this.managers = managers ?? [];
    checkForDuplicates(
      'fields',
      fields.map(([n]) => n),
    );
    checkForDuplicates(
      'bases',
      this.bases.map((b) => {
        const meta = modelMeta(b);
        if (meta && !(b instanceof PyClass && isModelBase(b))) return meta.labelLower ?? `${meta.appLabel}.${meta.modelName}`;
        return typeof b === 'string' ? b.toLowerCase() : b;
      }),
    );
    checkForDuplicates(
      'managers',
      this.managers.map(([n]) => n),
    );
  }

  get className() {
    return 'CreateModel';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.createModelForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.createModelBackwards(this, appLabel, se, from);
  }
  get constructorArgNames() {
    return ['name', 'fields', 'options', 'bases', 'managers'];
  }

  deconstruct(): [string, unknown[], Map<string, unknown>] {
    const kw = kwargs([
      ['name', this.name],
      ['fields', this.fields.map(([n, f]) => new PyTuple([n, f as unknown as PyValue]))],
    ]);
    if (Object.keys(this.options).length) kw.set('options', optionsMap(this.options));
    if (this.bases.length && !(this.bases.length === 1 && isModelBase(this.bases[0]))) kw.set('bases', new PyTuple(this.bases as PyValue[]));
    if (this.managers.length && !isDefaultManagers(this.managers)) {
      kw.set(
        'managers',
        this.managers.map(([n, m]) => new PyTuple([n, m as unknown as PyValue])),
      );
    }
    return ['CreateModel', [], kw];
  }

  stateForwards(appLabel: string, state: StateLike): void {
    state.addModel(makeModelState(appLabel, this.name, [...this.fields], { ...this.options }, [...this.bases], [...this.managers]));
  }

  override describe(): string {
    return `Create ${truthyOption(this.options.proxy) ? 'proxy ' : ''}model ${this.name}`;
  }

  override get migrationNameFragment(): string {
    return this.nameLower;
  }

  override referencesModel(name: string, appLabel: string): boolean {
    const nameLower = name.toLowerCase();
    if (nameLower === this.nameLower) return true;
    const ref: [string, string] = [appLabel, nameLower];
    for (const base of this.bases) {
      if (isModelBase(base)) continue;
      if (typeof base === 'string' || modelMeta(base)) {
        const r = resolveRelation(base, appLabel);
        if (r[0] === ref[0] && r[1] === ref[1]) return true;
      }
    }
    for (const [, field] of this.fields) {
      if (fieldReferences([appLabel, this.nameLower], field, ref)) return true;
    }
    return false;
  }

  private withChanges(changes: { name?: string; fields?: [string, FieldLike][]; options?: Options; managers?: [string, ManagerLike][] }): CreateModel {
    return new CreateModel(
      changes.name ?? this.name,
      changes.fields ?? this.fields,
      changes.options ?? this.options,
      this.bases,
      changes.managers ?? this.managers,
    );
  }

  override reduce(operation: Operation, appLabel: string): OperationResult {
    if (operation instanceof DeleteModel && this.nameLower === operation.nameLower && !truthyOption(this.options.proxy)) {
      return [];
    }
    if (operation instanceof RenameModel && this.nameLower === operation.oldNameLower) {
      return [this.withChanges({ name: operation.newName })];
    }
    if (operation instanceof AlterModelOptions && this.nameLower === operation.nameLower) {
      const options: Options = { ...this.options, ...operation.options };
      for (const key of AlterModelOptions.ALTER_OPTION_KEYS) {
        if (!(key in operation.options)) delete options[key];
      }
      return [this.withChanges({ options })];
    }
    if (operation instanceof AlterModelManagers && this.nameLower === operation.nameLower) {
      return [this.withChanges({ managers: operation.managers })];
    }
    if (operation instanceof AlterModelTable && this.nameLower === operation.nameLower) {
      return [this.withChanges({ options: { ...this.options, db_table: operation.table } })];
    }
    if (operation instanceof AlterModelTableComment && this.nameLower === operation.nameLower) {
      return [this.withChanges({ options: { ...this.options, db_table_comment: operation.tableComment } })];
    }
    if (operation instanceof AlterTogetherOptionOperation && this.nameLower === operation.nameLower) {
      return [this.withChanges({ options: { ...this.options, [operation.optionName]: operation.optionValue } })];
    }
    if (operation instanceof AlterOrderWithRespectTo && this.nameLower === operation.nameLower) {
      return [this.withChanges({ options: { ...this.options, order_with_respect_to: operation.orderWithRespectTo } })];
    }
    if (operation instanceof FieldOperation && this.nameLower === operation.modelNameLower) {
      if (operation instanceof AddField) {
        return [this.withChanges({ fields: [...this.fields, [operation.name, operation.field!]] })];
      }
      if (operation instanceof AlterField) {
        return [this.withChanges({ fields: this.fields.map(([n, v]) => [n, n === operation.name ? operation.field! : v]) })];
      }
      if (operation instanceof RemoveField) {
        const options: Options = { ...this.options };
        for (const optionName of ['unique_together', 'index_together']) {
          const option = options[optionName];
          delete options[optionName];
          if (option && togetherItems(option).length) {
            const filtered = togetherItems(option)
              .map((fields) => fields.filter((f) => f !== operation.nameLower))
              .filter((t) => t.length);
            if (filtered.length) options[optionName] = new PySet(filtered.map((t) => new PyTuple(t)));
          }
        }
        if (options.order_with_respect_to === operation.nameLower) delete options.order_with_respect_to;
        return [this.withChanges({ fields: this.fields.filter(([n]) => n.toLowerCase() !== operation.nameLower), options })];
      }
      if (operation instanceof RenameField) {
        const options: Options = { ...this.options };
        for (const optionName of ['unique_together', 'index_together']) {
          const option = options[optionName];
          if (option && togetherItems(option).length) {
            options[optionName] = new PySet(
              togetherItems(option).map((fields) => new PyTuple(fields.map((f) => (f === operation.oldName ? operation.newName : f)))),
            );
          }
        }
        if (options.order_with_respect_to === operation.oldName) options.order_with_respect_to = operation.newName;
        return [
          this.withChanges({
            fields: this.fields.map(([n, v]) => [n === operation.oldName ? operation.newName : n, v]),
            options,
          }),
        ];
      }
    }
    if (operation instanceof IndexOperation && this.nameLower === operation.modelNameLower) {
      if (operation instanceof AddIndex) {
        return [this.withChanges({ options: { ...this.options, indexes: [...listOption(this.options.indexes), operation.index] } })];
      }
      if (operation instanceof RemoveIndex) {
        const indexes = listOption(this.options.indexes).filter((i) => (i as NamedObjectLike).name !== operation.name);
        return [this.withChanges({ options: { ...this.options, indexes } })];
      }
      if (operation instanceof AddConstraint) {
        return [
          this.withChanges({ options: { ...this.options, constraints: [...listOption(this.options.constraints), operation.constraint] } }),
        ];
      }
      if (operation instanceof RemoveConstraint) {
        const constraints = listOption(this.options.constraints).filter((c) => (c as NamedObjectLike).name !== operation.name);
        return [this.withChanges({ options: { ...this.options, constraints } })];
      }
    }
    return super.reduce(operation, appLabel);
  }
}

function truthyOption(v: unknown): boolean {
  return !!v && v !== 0n;
}

/** The items of an index/constraint list option (JS array or Python list). */
export function listOption(v: unknown): unknown[] {
  if (!v) return [];
  if (Array.isArray(v)) return v;
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  return [];
}

/** unique_together / index_together as arrays of field names. */
export function togetherItems(v: unknown): string[][] {
  const items = (x: unknown): unknown[] =>
    x instanceof PySet ? x.values() : x instanceof PyTuple || x instanceof PyList ? [...x.items] : Array.isArray(x) ? x : [];
  return items(v).map((t) => items(t).map(String));
}

/** Placeholder for models.Model until the model layer provides its class (set by setModelBase). */
export const MODEL_BASE: { value: unknown } = { value: new PyClass('Model', 'django.db.models.base', []) };

export class DeleteModel extends ModelOperation {
  override category = OperationCategory.REMOVAL;
  get className() {
    return 'DeleteModel';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.deleteModelForwards(this, appLabel, se, from);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.deleteModelBackwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['name'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return ['DeleteModel', [], kwargs([['name', this.name]])];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.removeModel(appLabel, this.nameLower);
  }
  override referencesModel(): boolean {
    return true;
  }
  override describe(): string {
    return `Delete model ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return `delete_${this.nameLower}`;
  }
}

export class RenameModel extends ModelOperation {
  override category = OperationCategory.ALTERATION;
  constructor(
    public oldName: string,
    public newName: string,
  ) {
    super(oldName);
  }
  get oldNameLower() {
    return this.oldName.toLowerCase();
  }
  get newNameLower() {
    return this.newName.toLowerCase();
  }
  get className() {
    return 'RenameModel';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.renameModelForwards(this.oldName, this.newName, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.renameModelForwards(this.newName, this.oldName, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['old_name', 'new_name'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'RenameModel',
      [],
      kwargs([
        ['old_name', this.oldName],
        ['new_name', this.newName],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.renameModel(appLabel, this.oldName, this.newName);
  }
  override referencesModel(name: string): boolean {
    const n = name.toLowerCase();
    return n === this.oldNameLower || n === this.newNameLower;
  }
  override describe(): string {
    return `Rename model ${this.oldName} to ${this.newName}`;
  }
  override get migrationNameFragment(): string {
    return `rename_${this.oldNameLower}_${this.newNameLower}`;
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if (operation instanceof RenameModel && this.newNameLower === operation.oldNameLower) {
      return [new RenameModel(this.oldName, operation.newName)];
    }
    // Skip ModelOperation.reduce: a rename can't be optimized through operations that use the new name.
    return Operation.prototype.reduce.call(this, operation, appLabel) || !operation.referencesModel(this.newName, appLabel);
  }
}

export abstract class ModelOptionOperation extends ModelOperation {
  override category = OperationCategory.ALTERATION;
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if ((operation.constructor === this.constructor || operation instanceof DeleteModel) && this.nameLower === (operation as ModelOperation).nameLower) {
      return [operation];
    }
    return super.reduce(operation, appLabel);
  }
}

export class AlterModelTable extends ModelOptionOperation {
  constructor(
    name: string,
    public table: string | null,
  ) {
    super(name);
  }
  get className() {
    return 'AlterModelTable';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterModelTableForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterModelTableForwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['name', 'table'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'AlterModelTable',
      [],
      new Map<string, unknown>([
        ['name', this.name],
        ['table', this.table],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.alterModelOptions(appLabel, this.nameLower, new Map([['db_table', this.table]]));
  }
  override describe(): string {
    return `Rename table for ${this.name} to ${this.table !== null ? this.table : '(default)'}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_table`;
  }
}

export class AlterModelTableComment extends ModelOptionOperation {
  constructor(
    name: string,
    public tableComment: string | null,
  ) {
    super(name);
  }
  get className() {
    return 'AlterModelTableComment';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterModelTableCommentForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterModelTableCommentForwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['name', 'table_comment'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'AlterModelTableComment',
      [],
      new Map<string, unknown>([
        ['name', this.name],
        ['table_comment', this.tableComment],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.alterModelOptions(appLabel, this.nameLower, new Map([['db_table_comment', this.tableComment]]));
  }
  override describe(): string {
    return `Alter ${this.name} table comment`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_table_comment`;
  }
}

export abstract class AlterTogetherOptionOperation extends ModelOptionOperation {
  abstract readonly optionName: 'unique_together' | 'index_together';
  readonly optionValue: PySet | null | unknown;
  constructor(name: string, optionValue: unknown) {
    super(name);
    this.optionValue = optionValue && togetherItems(optionValue).length ? normalizeTogether(optionValue) : optionValue;
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      this.className,
      [],
      new Map<string, unknown>([
        ['name', this.name],
        [this.optionName, this.optionValue],
      ]),
    ];
  }
  get constructorArgNames() {
    return ['name', this.optionName];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.alterModelOptions(appLabel, this.nameLower, new Map([[this.optionName, this.optionValue]]));
  }
  override referencesField(modelName: string, name: string, appLabel: string): boolean {
    return (
      this.referencesModel(modelName, appLabel) &&
      (!this.optionValue || !togetherItems(this.optionValue).length || togetherItems(this.optionValue).some((fields) => fields.includes(name)))
    );
  }
  override describe(): string {
    const n = this.optionValue ? togetherItems(this.optionValue).length : 0;
    return `Alter ${this.optionName} for ${this.name} (${n} constraint(s))`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_${this.optionName}`;
  }
  override canReduceThrough(operation: Operation, appLabel: string): boolean {
    return (
      super.canReduceThrough(operation, appLabel) ||
      (operation instanceof AlterTogetherOptionOperation && operation.constructor !== this.constructor)
    );
  }
}

export class AlterUniqueTogether extends AlterTogetherOptionOperation {
  readonly optionName = 'unique_together';
  get className() {
    return 'AlterUniqueTogether';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterTogetherForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterTogetherForwards(this, appLabel, se, from, to);
  }
}

export class AlterIndexTogether extends AlterTogetherOptionOperation {
  readonly optionName = 'index_together';
  get className() {
    return 'AlterIndexTogether';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterTogetherForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterTogetherForwards(this, appLabel, se, from, to);
  }
}

export class AlterOrderWithRespectTo extends ModelOptionOperation {
  readonly optionName = 'order_with_respect_to';
  constructor(
    name: string,
    public orderWithRespectTo: string | null,
  ) {
    super(name);
  }
  get className() {
    return 'AlterOrderWithRespectTo';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterOrderWithRespectToForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterOrderWithRespectToForwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['name', 'order_with_respect_to'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'AlterOrderWithRespectTo',
      [],
      new Map<string, unknown>([
        ['name', this.name],
        ['order_with_respect_to', this.orderWithRespectTo],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.alterModelOptions(appLabel, this.nameLower, new Map([['order_with_respect_to', this.orderWithRespectTo]]));
  }
  override referencesField(modelName: string, name: string, appLabel: string): boolean {
    return this.referencesModel(modelName, appLabel) && (this.orderWithRespectTo === null || name === this.orderWithRespectTo);
  }
  override describe(): string {
    return `Set order_with_respect_to on ${this.name} to ${this.orderWithRespectTo === null ? 'None' : this.orderWithRespectTo}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_order_with_respect_to`;
  }
}

export class AlterModelOptions extends ModelOptionOperation {
  static readonly ALTER_OPTION_KEYS = [
    'base_manager_name',
    'default_manager_name',
    'default_related_name',
    'get_latest_by',
    'managed',
    'ordering',
    'permissions',
    'default_permissions',
    'select_on_save',
    'verbose_name',
    'verbose_name_plural',
  ];
  constructor(
    name: string,
    public options: Options,
  ) {
    super(name);
  }
  get className() {
    return 'AlterModelOptions';
  }
  get constructorArgNames() {
    return ['name', 'options'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'AlterModelOptions',
      [],
      new Map<string, unknown>([
        ['name', this.name],
        ['options', optionsMap(this.options)],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.alterModelOptions(appLabel, this.nameLower, optionsMap(this.options), AlterModelOptions.ALTER_OPTION_KEYS);
  }
  override databaseForwards(): void {}
  override databaseBackwards(): void {}
  override describe(): string {
    return `Change Meta options on ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_options`;
  }
}

export class AlterModelManagers extends ModelOptionOperation {
  override serializationExpandArgs = ['managers'];
  constructor(
    name: string,
    public managers: [string, ManagerLike][],
  ) {
    super(name);
  }
  get className() {
    return 'AlterModelManagers';
  }
  get constructorArgNames() {
    return ['name', 'managers'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return ['AlterModelManagers', [this.name, this.managers.map(([n, m]) => new PyTuple([n, m as unknown as PyValue]))], new Map()];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.alterModelManagers(appLabel, this.nameLower, this.managers);
  }
  override databaseForwards(): void {}
  override databaseBackwards(): void {}
  override describe(): string {
    return `Change managers on ${this.name}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.nameLower}_managers`;
  }
}

export abstract class IndexOperation extends Operation {
  optionName = 'indexes';
  constructor(public modelName: string) {
    super();
  }
  get modelNameLower(): string {
    return this.modelName.toLowerCase();
  }
}

/** str() of an index expression (F('title') -> "F(title)", Lower(F(title))...). */
function exprStr(e: unknown): string {
  const n = (e as { native?: unknown })?.native ?? e;
  const s = (n as { str?: () => string; toString?: () => string }) ?? {};
  if (typeof s.str === 'function') return s.str();
  return String(n);
}

export class AddIndex extends IndexOperation {
  override category = OperationCategory.ADDITION;
  constructor(
    modelName: string,
    public index: NamedObjectLike,
  ) {
    super(modelName);
    if (!index.name) {
      throw new PyException(
        'ValueError',
        `Indexes passed to AddIndex operations require a name argument. ${reprValue(index)} doesn't have one.`,
      );
    }
  }
  get className() {
    return 'AddIndex';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.addIndexForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.addIndexBackwards(this, appLabel, se, from);
  }
  get constructorArgNames() {
    return ['model_name', 'index'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'AddIndex',
      [],
      new Map<string, unknown>([
        ['model_name', this.modelName],
        ['index', this.index],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.addIndex(appLabel, this.modelNameLower, this.index);
  }
  override describe(): string {
    if (this.index.expressions && this.index.expressions.length) {
      return `Create index ${this.index.name} on ${this.index.expressions.map(exprStr).join(', ')} on model ${this.modelName}`;
    }
    return `Create index ${this.index.name} on field(s) ${(this.index.fields ?? []).join(', ')} of model ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `${this.modelNameLower}_${this.index.name.toLowerCase()}`;
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if (operation instanceof RemoveIndex && this.index.name === operation.name) return [];
    if (operation instanceof RenameIndex && this.index.name === operation.oldName) {
      this.index.name = operation.newName;
      return [new AddIndex(this.modelName, this.index)];
    }
    return super.reduce(operation, appLabel);
  }
}

export class RemoveIndex extends IndexOperation {
  override category = OperationCategory.REMOVAL;
  constructor(
    modelName: string,
    public name: string,
  ) {
    super(modelName);
  }
  get className() {
    return 'RemoveIndex';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.removeIndexForwards(this, appLabel, se, from);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.removeIndexBackwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['model_name', 'name'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'RemoveIndex',
      [],
      new Map<string, unknown>([
        ['model_name', this.modelName],
        ['name', this.name],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.removeIndex(appLabel, this.modelNameLower, this.name);
  }
  override describe(): string {
    return `Remove index ${this.name} from ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `remove_${this.modelNameLower}_${this.name.toLowerCase()}`;
  }
}

/** Builds models.Index(fields=..., name=...) for RenameIndex(old_fields=...); set by the model layer. */
export const INDEX_FACTORY: { make?: (fields: string[], name: string) => NamedObjectLike } = {};

export class RenameIndex extends IndexOperation {
  override category = OperationCategory.ALTERATION;
  constructor(
    modelName: string,
    public newName: string,
    public oldName: string | null = null,
    public oldFields: string[] | null = null,
  ) {
    super(modelName);
    if (!oldName && !(oldFields && oldFields.length)) {
      throw new PyException('ValueError', 'RenameIndex requires one of old_name and old_fields arguments to be set.');
    }
    if (oldName && oldFields && oldFields.length) {
      throw new PyException('ValueError', 'RenameIndex.old_name and old_fields are mutually exclusive.');
    }
  }
  get oldNameLower() {
    return (this.oldName ?? '').toLowerCase();
  }
  get newNameLower() {
    return this.newName.toLowerCase();
  }
  get className() {
    return 'RenameIndex';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.renameIndexForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.renameIndexBackwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['model_name', 'new_name', 'old_name', 'old_fields'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    const kw = new Map<string, unknown>([
      ['model_name', this.modelName],
      ['new_name', this.newName],
    ]);
    if (this.oldName) kw.set('old_name', this.oldName);
    if (this.oldFields && this.oldFields.length) kw.set('old_fields', this.oldFields);
    return ['RenameIndex', [], kw];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    if (this.oldFields && this.oldFields.length) {
      if (!INDEX_FACTORY.make) throw new PyException('NotImplementedError', 'RenameIndex with old_fields needs models.Index');
      state.addIndex(appLabel, this.modelNameLower, INDEX_FACTORY.make(this.oldFields, this.newName));
      state.removeModelOptions(appLabel, this.modelNameLower, 'index_together', this.oldFields);
    } else {
      state.renameIndex(appLabel, this.modelNameLower, this.oldName!, this.newName);
    }
  }
  override describe(): string {
    if (this.oldName) return `Rename index ${this.oldName} on ${this.modelName} to ${this.newName}`;
    return `Rename unnamed index for ${reprValue(this.oldFields)} on ${this.modelName} to ${this.newName}`;
  }
  override get migrationNameFragment(): string {
    if (this.oldName) return `rename_${this.oldNameLower}_${this.newNameLower}`;
    return `rename_${this.modelNameLower}_${(this.oldFields ?? []).join('_')}_${this.newNameLower}`;
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if (
      operation instanceof RenameIndex &&
      this.modelNameLower === operation.modelNameLower &&
      operation.oldName &&
      this.newNameLower === operation.oldNameLower
    ) {
      return [new RenameIndex(this.modelName, operation.newName, this.oldName, this.oldFields)];
    }
    return super.reduce(operation, appLabel);
  }
}

export class AddConstraint extends IndexOperation {
  override category = OperationCategory.ADDITION;
  override optionName = 'constraints';
  constructor(
    modelName: string,
    public constraint: NamedObjectLike,
  ) {
    super(modelName);
  }
  get className() {
    return 'AddConstraint';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.addConstraintForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.addConstraintBackwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['model_name', 'constraint'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'AddConstraint',
      [],
      new Map<string, unknown>([
        ['model_name', this.modelName],
        ['constraint', this.constraint],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.addConstraint(appLabel, this.modelNameLower, this.constraint);
  }
  override describe(): string {
    return `Create constraint ${this.constraint.name} on model ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `${this.modelNameLower}_${this.constraint.name.toLowerCase()}`;
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if (operation instanceof RemoveConstraint && this.modelNameLower === operation.modelNameLower && this.constraint.name === operation.name) {
      return [];
    }
    if (operation instanceof AlterConstraint && this.modelNameLower === operation.modelNameLower && this.constraint.name === operation.name) {
      return [new AddConstraint(this.modelName, operation.constraint)];
    }
    return super.reduce(operation, appLabel);
  }
}

export class RemoveConstraint extends IndexOperation {
  override category = OperationCategory.REMOVAL;
  override optionName = 'constraints';
  constructor(
    modelName: string,
    public name: string,
  ) {
    super(modelName);
  }
  get className() {
    return 'RemoveConstraint';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.removeConstraintForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.removeConstraintBackwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['model_name', 'name'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'RemoveConstraint',
      [],
      new Map<string, unknown>([
        ['model_name', this.modelName],
        ['name', this.name],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.removeConstraint(appLabel, this.modelNameLower, this.name);
  }
  override describe(): string {
    return `Remove constraint ${this.name} from model ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `remove_${this.modelNameLower}_${this.name.toLowerCase()}`;
  }
}

export class AlterConstraint extends IndexOperation {
  override category = OperationCategory.ALTERATION;
  override optionName = 'constraints';
  constructor(
    modelName: string,
    public name: string,
    public constraint: NamedObjectLike,
  ) {
    super(modelName);
  }
  get className() {
    return 'AlterConstraint';
  }
  get constructorArgNames() {
    return ['model_name', 'name', 'constraint'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'AlterConstraint',
      [],
      new Map<string, unknown>([
        ['model_name', this.modelName],
        ['name', this.name],
        ['constraint', this.constraint],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    if (state.alterConstraint) state.alterConstraint(appLabel, this.modelNameLower, this.name, this.constraint);
    else {
      state.removeConstraint(appLabel, this.modelNameLower, this.name);
      state.addConstraint(appLabel, this.modelNameLower, this.constraint);
    }
  }
  override databaseForwards(): void {}
  override databaseBackwards(): void {}
  override describe(): string {
    return `Alter constraint ${this.name} on ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.modelNameLower}_${this.constraint.name.toLowerCase()}`;
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if (
      (operation instanceof AlterConstraint || operation instanceof RemoveConstraint) &&
      this.modelNameLower === operation.modelNameLower &&
      this.name === operation.name
    ) {
      return [operation];
    }
    return super.reduce(operation, appLabel);
  }
}

DELETE_MODEL.is = (op: Operation): op is DeleteModel => op instanceof DeleteModel;
