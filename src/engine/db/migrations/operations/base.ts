// The Operation base class (django/db/migrations/operations/base.py) and the shapes of the
// things operations hold: fields, indexes, constraints.
//
// The SQL side (databaseForwards / databaseBackwards) lives in the same classes; the base
// versions here raise NotImplementedError as Django's do.

import { PyClass, PyException, PyInstance } from '../../../python/values';

export const OperationCategory = {
  ADDITION: '+',
  REMOVAL: '-',
  ALTERATION: '~',
  PYTHON: 'p',
  SQL: 's',
  MIXED: '?',
} as const;
export type OperationCategory = (typeof OperationCategory)[keyof typeof OperationCategory];

/** A model field as operations see it (MODELS' Field satisfies this). */
export interface FieldLike {
  name?: string | null;
  deconstruct(): [string | null, string, unknown[], unknown];
  clone(): FieldLike;
  remoteField?: RemoteFieldLike | null;
  /** ForeignObject's from/to fields. */
  fromFields?: readonly unknown[];
  toFields?: readonly unknown[];
  dbColumn?: unknown;
  default?: unknown;
  primaryKey?: boolean;
  null?: boolean;
}

export interface RemoteFieldLike {
  model: unknown;
  through?: unknown;
  throughFields?: readonly unknown[] | null;
}

/** An Index or a constraint (MODELS' classes satisfy this). */
export interface NamedObjectLike {
  name: string;
  fields?: readonly string[];
  expressions?: readonly unknown[];
  deconstruct(): unknown[];
  clone?(): NamedObjectLike;
}

/** A manager as ModelState keeps it. */
export interface ManagerLike {
  deconstruct(): unknown[];
}

export type OperationResult = Operation[] | boolean;

/** The ProjectState methods operations call (MODELS' ProjectState, Django's names in camelCase). */
/* eslint-disable @typescript-eslint/no-explicit-any */
export interface StateLike {
  models: Map<string, any>;
  addModel(modelState: any): void;
  removeModel(appLabel: string, modelName: string): void;
  renameModel(appLabel: string, oldName: string, newName: string): void;
  alterModelOptions(appLabel: string, modelName: string, options: Map<string, any>, optionKeys?: string[]): void;
  removeModelOptions(appLabel: string, modelName: string, optionName: string, valueToRemove: any[]): void;
  alterModelManagers(appLabel: string, modelName: string, managers: [string, any][]): void;
  addIndex(appLabel: string, modelName: string, index: any): void;
  removeIndex(appLabel: string, modelName: string, indexName: string): void;
  renameIndex(appLabel: string, modelName: string, oldIndexName: string, newIndexName: string): void;
  addConstraint(appLabel: string, modelName: string, constraint: any): void;
  removeConstraint(appLabel: string, modelName: string, constraintName: string): void;
  alterConstraint?(appLabel: string, modelName: string, constraintName: string, constraint: unknown): void;
  addField(appLabel: string, modelName: string, name: string, field: any, preserveDefault: boolean): void;
  removeField(appLabel: string, modelName: string, name: string): void;
  alterField(appLabel: string, modelName: string, name: string, field: any, preserveDefault: boolean): void;
  renameField(appLabel: string, modelName: string, oldName: string, newName: string): void;
  clone(): StateLike;
}

export abstract class Operation {
  /** Marks operations for the serializer (which cannot import this class). */
  readonly isMigrationOperation = true as const;
  reducesToSql = true;
  atomic: boolean | null = false;
  elidable = false;
  serializationExpandArgs: string[] = [];
  category: OperationCategory | null = null;
  /** The module the class lives in; operations outside django.db.migrations are imported. */
  pythonModule = 'django.db.migrations';

  /** The Python class name (CreateModel, AddField...). */
  abstract get className(): string;
  /** Parameter names of __init__, in order (the writer writes keyword arguments in this order). */
  abstract get constructorArgNames(): string[];
  abstract deconstruct(): [string, unknown[], Map<string, unknown>];
  abstract stateForwards(appLabel: string, state: StateLike): void;

  get reversible(): boolean {
    return true;
  }

  databaseForwards(_appLabel: string, _schemaEditor: unknown, _fromState: unknown, _toState: unknown): void {
    throw new PyException('NotImplementedError', 'subclasses of Operation must provide a database_forwards() method');
  }

  databaseBackwards(_appLabel: string, _schemaEditor: unknown, _fromState: unknown, _toState: unknown): void {
    throw new PyException('NotImplementedError', 'subclasses of Operation must provide a database_backwards() method');
  }

  describe(): string {
    return `${this.className}: ...`;
  }

  /** "+ Create model Post" as makemigrations lists it. */
  formattedDescription(): string {
    return `${this.category ?? OperationCategory.MIXED} ${this.describe()}`;
  }

  get migrationNameFragment(): string | null {
    return null;
  }

  referencesModel(_name: string, _appLabel: string): boolean {
    return true;
  }

  referencesField(modelName: string, _name: string, appLabel: string): boolean {
    return this.referencesModel(modelName, appLabel);
  }

  reduce(operation: Operation, _appLabel: string): OperationResult {
    if (this.elidable) return [operation];
    if (operation.elidable) return [this];
    return false;
  }
}

// ------------------------------------------------------------------------------------------
// Relation helpers (django/db/migrations/utils.py)

export const RECURSIVE_RELATIONSHIP_CONSTANT = 'self';

/** A model reference (class or 'app.Model' / 'Model' / 'self') -> [appLabel, modelNameLower]. */
export function resolveRelation(model: unknown, appLabel?: string, modelName?: string): [string, string] {
  if (typeof model === 'string') {
    if (model === RECURSIVE_RELATIONSHIP_CONSTANT) {
      if (appLabel === undefined || modelName === undefined) {
        throw new PyException('TypeError', 'app_label and model_name must be provided to resolve recursive relationships.');
      }
      return [appLabel, modelName];
    }
    if (model.includes('.')) {
      const i = model.indexOf('.');
      return [model.slice(0, i), model.slice(i + 1).toLowerCase()];
    }
    if (appLabel === undefined) throw new PyException('TypeError', 'app_label must be provided to resolve unscoped model relationships.');
    return [appLabel, model.toLowerCase()];
  }
  const meta = modelMeta(model);
  if (meta) return [meta.appLabel, meta.modelName];
  return ['', String(model).toLowerCase()];
}

/** The `_meta` of a model class value (a PyClass whose native carries `_meta`, or a TS model). */
export function modelMeta(model: unknown): { appLabel: string; modelName: string; label?: string; labelLower?: string } | undefined {
  const n = model instanceof PyClass || model instanceof PyInstance ? (model.native as Record<string, unknown> | undefined) : (model as Record<string, unknown>);
  if (!n || typeof n !== 'object') return undefined;
  const meta = (n.meta ?? n._meta ?? n) as { appLabel?: string; modelName?: string };
  if (typeof meta.appLabel === 'string' && typeof meta.modelName === 'string') return meta as { appLabel: string; modelName: string };
  return undefined;
}

export interface FieldReference {
  to: [RemoteFieldLike, unknown] | null;
  through: [RemoteFieldLike, unknown] | null;
}

const sameTuple = (a: [string, string], b: [string, string]) => a[0] === b[0] && a[1] === b[1];

/** Whether `field` (on model `modelTuple`) references `referenceModelTuple` (and that field name). */
export function fieldReferences(
  modelTuple: [string, string],
  field: FieldLike,
  referenceModelTuple: [string, string],
  referenceFieldName?: string,
  referenceField?: FieldLike,
): FieldReference | false {
  const remote = field.remoteField;
  if (!remote) return false;
  let referencesTo: [RemoteFieldLike, unknown] | null = null;
  let referencesThrough: [RemoteFieldLike, unknown] | null = null;
  if (sameTuple(resolveRelation(remote.model, ...modelTuple), referenceModelTuple)) {
    const toFields = field.toFields;
    if (
      referenceFieldName === undefined ||
      toFields === undefined ||
      toFields === null ||
      (toFields.includes(null) && (referenceField === undefined || referenceField.primaryKey)) ||
      toFields.includes(referenceFieldName)
    ) {
      referencesTo = [remote, toFields];
    }
  }
  const through = remote.through;
  if (through && sameTuple(resolveRelation(through, ...modelTuple), referenceModelTuple)) {
    const throughFields = remote.throughFields;
    if (referenceFieldName === undefined || !throughFields || throughFields.includes(referenceFieldName)) {
      referencesThrough = [remote, throughFields];
    }
  }
  if (!(referencesTo || referencesThrough)) return false;
  return { to: referencesTo, through: referencesThrough };
}

/** kwargs in insertion order, skipping undefined values. */
export function kwargs(entries: [string, unknown][]): Map<string, unknown> {
  return new Map(entries.filter(([, v]) => v !== undefined));
}
