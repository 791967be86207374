// Field operations (django/db/migrations/operations/fields.py).

import { fieldReferences, Operation, OperationCategory, type FieldLike, type OperationResult, type StateLike } from './base';
import * as db from './database';

export abstract class FieldOperation extends Operation {
  constructor(
    public modelName: string,
    public name: string,
    public field: FieldLike | null = null,
  ) {
    super();
  }
  get modelNameLower(): string {
    return this.modelName.toLowerCase();
  }
  get nameLower(): string {
    return this.name.toLowerCase();
  }
  isSameModelOperation(operation: FieldOperation): boolean {
    return this.modelNameLower === operation.modelNameLower;
  }
  isSameFieldOperation(operation: FieldOperation): boolean {
    return this.isSameModelOperation(operation) && this.nameLower === operation.nameLower;
  }
  override referencesModel(name: string, appLabel: string): boolean {
    const nameLower = name.toLowerCase();
    if (nameLower === this.modelNameLower) return true;
    if (this.field) return !!fieldReferences([appLabel, this.modelNameLower], this.field, [appLabel, nameLower]);
    return false;
  }
  override referencesField(modelName: string, name: string, appLabel: string): boolean {
    const modelNameLower = modelName.toLowerCase();
    if (modelNameLower === this.modelNameLower) {
      if (name === this.name) return true;
      if (this.field && this.field.fromFields && this.field.fromFields.includes(name)) return true;
    }
    if (!this.field) return false;
    return !!fieldReferences([appLabel, this.modelNameLower], this.field, [appLabel, modelNameLower], name);
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    return super.reduce(operation, appLabel) || !operation.referencesField(this.modelName, this.name, appLabel);
  }
}

export class AddField extends FieldOperation {
  override category = OperationCategory.ADDITION;
  constructor(
    modelName: string,
    name: string,
    field: FieldLike,
    public preserveDefault = true,
  ) {
    super(modelName, name, field);
  }
  get className() {
    return 'AddField';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.addFieldForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.addFieldBackwards(this, appLabel, se, from);
  }
  get constructorArgNames() {
    return ['model_name', 'name', 'field', 'preserve_default'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    const kw = new Map<string, unknown>([
      ['model_name', this.modelName],
      ['name', this.name],
      ['field', this.field],
    ]);
    if (this.preserveDefault !== true) kw.set('preserve_default', this.preserveDefault);
    return ['AddField', [], kw];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.addField(appLabel, this.modelNameLower, this.name, this.field, this.preserveDefault);
  }
  override describe(): string {
    return `Add field ${this.name} to ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `${this.modelNameLower}_${this.nameLower}`;
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if (operation instanceof FieldOperation && this.isSameFieldOperation(operation)) {
      if (operation instanceof AlterField) return [new AddField(this.modelName, operation.name, operation.field!)];
      if (operation instanceof RemoveField) return [];
      if (operation instanceof RenameField) return [new AddField(this.modelName, operation.newName, this.field!)];
    }
    return super.reduce(operation, appLabel);
  }
}

/** Set by operations/models.ts (DeleteModel lives there; importing it here would be circular). */
export const DELETE_MODEL: { is?: (op: Operation) => op is Operation & { nameLower: string } } = {};

export class RemoveField extends FieldOperation {
  override category = OperationCategory.REMOVAL;
  constructor(modelName: string, name: string) {
    super(modelName, name);
  }
  get className() {
    return 'RemoveField';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.removeFieldForwards(this, appLabel, se, from);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.removeFieldBackwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['model_name', 'name'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'RemoveField',
      [],
      new Map<string, unknown>([
        ['model_name', this.modelName],
        ['name', this.name],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.removeField(appLabel, this.modelNameLower, this.name);
  }
  override describe(): string {
    return `Remove field ${this.name} from ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `remove_${this.modelNameLower}_${this.nameLower}`;
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if (DELETE_MODEL.is?.(operation) && operation.nameLower === this.modelNameLower) return [operation];
    return super.reduce(operation, appLabel);
  }
}

export class AlterField extends FieldOperation {
  override category = OperationCategory.ALTERATION;
  constructor(
    modelName: string,
    name: string,
    field: FieldLike,
    public preserveDefault = true,
  ) {
    super(modelName, name, field);
  }
  get className() {
    return 'AlterField';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterFieldForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.alterFieldForwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['model_name', 'name', 'field', 'preserve_default'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    const kw = new Map<string, unknown>([
      ['model_name', this.modelName],
      ['name', this.name],
      ['field', this.field],
    ]);
    if (this.preserveDefault !== true) kw.set('preserve_default', this.preserveDefault);
    return ['AlterField', [], kw];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.alterField(appLabel, this.modelNameLower, this.name, this.field, this.preserveDefault);
  }
  override describe(): string {
    return `Alter field ${this.name} on ${this.modelName}`;
  }
  override get migrationNameFragment(): string {
    return `alter_${this.modelNameLower}_${this.nameLower}`;
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if ((operation instanceof AlterField || operation instanceof RemoveField) && this.isSameFieldOperation(operation)) {
      return [operation];
    }
    if (operation instanceof RenameField && this.isSameFieldOperation(operation) && (this.field!.dbColumn ?? null) === null) {
      return [operation, new AlterField(this.modelName, operation.newName, this.field!)];
    }
    return super.reduce(operation, appLabel);
  }
}

export class RenameField extends FieldOperation {
  override category = OperationCategory.ALTERATION;
  constructor(
    modelName: string,
    public oldName: string,
    public newName: string,
  ) {
    super(modelName, oldName);
  }
  get oldNameLower() {
    return this.oldName.toLowerCase();
  }
  get newNameLower() {
    return this.newName.toLowerCase();
  }
  get className() {
    return 'RenameField';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.renameFieldForwards(this, appLabel, se, from, to);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.renameFieldForwards(this, appLabel, se, from, to, true);
  }
  get constructorArgNames() {
    return ['model_name', 'old_name', 'new_name'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    return [
      'RenameField',
      [],
      new Map<string, unknown>([
        ['model_name', this.modelName],
        ['old_name', this.oldName],
        ['new_name', this.newName],
      ]),
    ];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    state.renameField(appLabel, this.modelNameLower, this.oldName, this.newName);
  }
  override describe(): string {
    return `Rename field ${this.oldName} on ${this.modelName} to ${this.newName}`;
  }
  override get migrationNameFragment(): string {
    return `rename_${this.oldNameLower}_${this.modelNameLower}_${this.newNameLower}`;
  }
  override referencesField(modelName: string, name: string, appLabel: string): boolean {
    const n = name.toLowerCase();
    return this.referencesModel(modelName, appLabel) && (n === this.oldNameLower || n === this.newNameLower);
  }
  override reduce(operation: Operation, appLabel: string): OperationResult {
    if (operation instanceof RenameField && this.isSameModelOperation(operation) && this.newNameLower === operation.oldNameLower) {
      return [new RenameField(this.modelName, this.oldName, operation.newName)];
    }
    // Skip FieldOperation.reduce: both names matter for what can be optimized through.
    return (
      Operation.prototype.reduce.call(this, operation, appLabel) ||
      !(operation.referencesField(this.modelName, this.oldName, appLabel) || operation.referencesField(this.modelName, this.newName, appLabel))
    );
  }
}
