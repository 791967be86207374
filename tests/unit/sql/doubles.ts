// Small stand-ins for rendered models and fields, shaped like Django's (and the model layer's).

import initSqlJs from 'sql.js';
import { SqlJsDatabase } from '../../../src/platform/sqljs';
import { DatabaseWrapper } from '../../../src/engine/db/backends/sqlite3/base';
import { sqliteDataType } from '../../../src/engine/db/models/fields/index';
import { optsOf, type SchemaField, type SchemaModel, type SchemaOptions, type SchemaIndex, type SchemaConstraint } from '../../../src/engine/db/backends/base/types';

let counter = 0;
let autoCounter = -1;

export interface FieldOpts {
  column?: string;
  maxLength?: number;
  null?: boolean;
  blank?: boolean;
  unique?: boolean;
  dbIndex?: boolean;
  primaryKey?: boolean;
  default?: unknown;
  dbDefault?: unknown;
  autoCreated?: boolean;
  to?: SchemaModel;
  toField?: string;
}

export class TestField implements SchemaField {
  name = '';
  attname = '';
  column: string | null = null;
  primaryKey: boolean;
  unique: boolean;
  null: boolean;
  blank: boolean;
  dbIndex: boolean;
  dbConstraint = true;
  autoCreated: boolean;
  creationCounter: number;
  remoteField: SchemaField['remoteField'] = null;
  model?: SchemaModel;
  dbDefault: unknown;
  private readonly def: unknown;
  constructor(
    readonly internalType: string,
    readonly opts: FieldOpts = {},
  ) {
    this.primaryKey = !!opts.primaryKey;
    this.unique = !!opts.unique || this.primaryKey;
    this.null = !!opts.null;
    this.blank = !!opts.blank;
    this.autoCreated = !!opts.autoCreated;
    this.creationCounter = this.autoCreated ? autoCounter-- : counter++;
    this.def = opts.default;
    this.dbDefault = opts.dbDefault;
    this.dbIndex = opts.dbIndex ?? (internalType === 'ForeignKey');
    if (opts.to) this.remoteField = { model: opts.to, fieldName: opts.toField ?? null };
  }
  setName(name: string): this {
    this.name = name;
    this.attname = this.remoteField ? `${name}_id` : name;
    this.column = this.opts.column ?? this.attname;
    return this;
  }
  getInternalType(): string {
    return this.internalType;
  }
  dbParameters(connection: unknown) {
    const conn = connection as DatabaseWrapper;
    if (this.remoteField) {
      const target = optsOf(this.remoteField.model).pk!;
      const t = target.getInternalType();
      const type = t === 'BigAutoField' ? 'bigint' : t === 'AutoField' ? 'integer' : target.dbParameters(conn).type;
      return { type, check: null };
    }
    const maxLength = this.opts.maxLength ?? null;
    const type = sqliteDataType(this.internalType, maxLength === null ? null : BigInt(maxLength));
    const check = conn.dataTypeCheckConstraints[this.internalType]?.replace(/%\(column\)s/g, this.column!) ?? null;
    return { type, check };
  }
  hasDefault() {
    return this.def !== undefined;
  }
  getDefault() {
    return this.def ?? null;
  }
  hasDbDefault() {
    return this.dbDefault !== undefined;
  }
  deconstruct(): [string | null, string, unknown[], unknown] {
    return [this.name, `django.db.models.${this.internalType}`, [], { ...this.opts, to: this.opts.to ? optsOf(this.opts.to).dbTable : undefined }];
  }
}

export function makeModel(
  appLabel: string,
  name: string,
  fields: [string, TestField][],
  extra: Partial<Pick<SchemaOptions, 'uniqueTogether' | 'indexes' | 'constraints' | 'dbTable'>> & { noAutoPk?: boolean } = {},
): SchemaModel {
  const all: [string, TestField][] = [];
  if (!extra.noAutoPk && !fields.some(([, f]) => f.primaryKey)) {
    all.push(['id', new TestField('BigAutoField', { primaryKey: true, autoCreated: true })]);
  }
  all.push(...fields);
  for (const [n, f] of all) f.setName(n);
  const local = all.map(([, f]) => f);
  const meta: SchemaOptions = {
    appLabel,
    modelName: name.toLowerCase(),
    objectName: name,
    dbTable: extra.dbTable ?? `${appLabel}_${name.toLowerCase()}`,
    localFields: local,
    localConcreteFields: local,
    localManyToMany: [],
    uniqueTogether: extra.uniqueTogether ?? [],
    indexes: (extra.indexes ?? []) as SchemaIndex[],
    constraints: (extra.constraints ?? []) as SchemaConstraint[],
    pk: local.find((f) => f.primaryKey) ?? null,
    managed: true,
    proxy: false,
    getField(n: string) {
      const f = local.find((x) => x.name === n || x.attname === n);
      if (!f) throw new Error(`no field ${n}`);
      return f;
    },
  };
  const model = { _meta: meta };
  for (const f of local) f.model = model;
  return model;
}

export async function connect(): Promise<DatabaseWrapper> {
  const SQL = await initSqlJs();
  return new DatabaseWrapper(SqlJsDatabase.create(SQL));
}

export function schemaOf(conn: DatabaseWrapper): string[] {
  return conn
    .query("SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%' ORDER BY type DESC, name")
    .map((r) => String(r[0]));
}
