// The shapes the schema editor reads from rendered models, fields, indexes and constraints.
// They follow Django's attribute names in camelCase; the model layer's classes satisfy them
// structurally. Everything optional here is read defensively.

export interface DbParameters {
  type: string | null;
  check: string | null;
  collation?: string | null;
}

export interface SchemaRemoteField {
  model: SchemaModel;
  /** The target field's name (to_field), or undefined/null for the primary key. */
  fieldName?: string | null;
  through?: SchemaModel | null;
  onDelete?: unknown;
}

export interface SchemaField {
  name: string;
  attname?: string;
  column: string | null;
  primaryKey: boolean;
  unique: boolean;
  null: boolean;
  blank?: boolean;
  dbIndex: boolean;
  dbConstraint?: boolean;
  dbComment?: string | null;
  dbDefault?: unknown;
  generated?: boolean;
  dbPersist?: boolean;
  manyToMany?: boolean;
  isRelation?: boolean;
  concrete?: boolean;
  autoCreated?: boolean;
  emptyStringsAllowed?: boolean;
  remoteField?: SchemaRemoteField | null;
  model?: SchemaModel;
  autoNow?: boolean;
  autoNowAdd?: boolean;
  dbParameters(connection: unknown): DbParameters;
  dbTypeSuffix?(connection: unknown): string | null;
  getInternalType(): string;
  hasDefault(): boolean;
  getDefault(): unknown;
  hasDbDefault?(): boolean;
  getDbPrepSave?(value: unknown, connection: unknown): unknown;
  generatedSql?(connection: unknown): [string, unknown[]];
  deconstruct?(): [string | null, string, unknown[], unknown];
  nonDbAttrs?: readonly string[];
  clone?(): SchemaField;
  m2mColumnName?(): string;
  m2mReverseName?(): string;
  m2mFieldName?(): string;
  m2mReverseFieldName?(): string;
  targetField?: SchemaField;
}

export interface SchemaIndex {
  name: string;
  fields?: readonly string[];
  fieldsOrders?: readonly [string, string][];
  expressions?: readonly unknown[];
  condition?: unknown;
  include?: readonly string[];
  containsExpressions?: boolean;
  createSql?(model: SchemaModel, schemaEditor: unknown): unknown;
  removeSql?(model: SchemaModel, schemaEditor: unknown): unknown;
}

export interface SchemaConstraint {
  name: string;
  fields?: readonly string[];
  expressions?: readonly unknown[];
  condition?: unknown;
  deferrable?: unknown;
  include?: readonly string[];
  containsExpressions?: boolean;
  nullsDistinct?: boolean | null;
  constraintSql?(model: SchemaModel, schemaEditor: unknown): string | null;
  createSql?(model: SchemaModel, schemaEditor: unknown): unknown;
  removeSql?(model: SchemaModel, schemaEditor: unknown): unknown;
}

export interface SchemaOptions {
  appLabel: string;
  modelName: string;
  objectName: string;
  dbTable: string;
  localFields: SchemaField[];
  localConcreteFields: SchemaField[];
  localManyToMany: SchemaField[];
  uniqueTogether: readonly (readonly string[])[];
  indexTogether?: readonly (readonly string[])[];
  indexes: readonly SchemaIndex[];
  constraints: readonly SchemaConstraint[];
  pk: SchemaField | null;
  managed: boolean;
  proxy: boolean;
  swapped?: unknown;
  autoCreated?: unknown;
  dbTableComment?: string | null;
  relatedObjects?: readonly {
    relatedModel: SchemaModel;
    fieldName?: string | null;
    manyToMany?: boolean;
    through?: SchemaModel | null;
    field?: SchemaField;
  }[];
  manyToMany?: readonly SchemaField[];
  getField(name: string): SchemaField;
}

/**
 * A rendered model: the model layer's class (a PyClass whose `native` is its Options) or any
 * object with `_meta` (the rebuilt table's stand-in, tests). Read it through `optsOf`.
 */
export type SchemaModel = object;

const EMPTY_OPTIONS = {
  appLabel: '',
  modelName: '',
  objectName: '',
  dbTable: '',
  localFields: [],
  localConcreteFields: [],
  localManyToMany: [],
  uniqueTogether: [],
  indexes: [],
  constraints: [],
  pk: null,
  managed: false,
  proxy: false,
  autoCreated: false,
  getField(name: string): SchemaField {
    throw new Error(`no field ${name}`);
  },
} as SchemaOptions;

/** The `_meta` (Options) of a rendered model; an empty one for a missing model. */
export function optsOf(model: unknown): SchemaOptions {
  if (model === null || model === undefined) return EMPTY_OPTIONS;
  const m = model as { _meta?: SchemaOptions; native?: unknown };
  if (m._meta) return m._meta;
  const n = m.native as { dbTable?: unknown } | undefined;
  if (n && typeof n === 'object' && typeof n.dbTable === 'string') return n as unknown as SchemaOptions;
  throw new Error(`not a rendered model: ${String((model as { name?: string }).name ?? model)}`);
}
