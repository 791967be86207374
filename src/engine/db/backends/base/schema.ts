// The backend-independent half of the schema editor (django.db.backends.base.schema): turns
// model and field changes into DDL statements, with Django's templates and generated names.

import type { DatabaseWrapper } from '../sqlite3/base';
import { PyException } from '../../../python/values';
import { Columns, Expressions, ForeignKeyName, IndexName, interpolate, Statement, Table, type Part } from '../ddl_references';
import { namesDigest, splitIdentifier } from '../utils';
import type { SchemaConstraint, SchemaField, SchemaIndex, SchemaModel } from './types';
import { prepForDb } from '../sqlite3/adapt';
import { compileCondition, compileExpressions, compileDbDefault, compileGenerated } from '../sqlite3/ddl_compiler';
import { optsOf } from './types';

/** A statement waiting in `deferredSql`: a Statement (adjustable) or plain text. */
export type DeferredSql = Statement | string;

export abstract class BaseDatabaseSchemaEditor {
  sqlCreateTable = 'CREATE TABLE %(table)s (%(definition)s)';
  sqlRenameTable = 'ALTER TABLE %(old_table)s RENAME TO %(new_table)s';
  sqlDeleteTable = 'DROP TABLE %(table)s CASCADE';
  sqlCreateColumn = 'ALTER TABLE %(table)s ADD COLUMN %(column)s %(definition)s';
  sqlDeleteColumn = 'ALTER TABLE %(table)s DROP COLUMN %(column)s CASCADE';
  sqlRenameColumn = 'ALTER TABLE %(table)s RENAME COLUMN %(old_column)s TO %(new_column)s';
  sqlUniqueConstraint = 'UNIQUE (%(columns)s)%(deferrable)s';
  sqlCheckConstraint = 'CHECK (%(check)s)';
  sqlDeleteConstraint = 'ALTER TABLE %(table)s DROP CONSTRAINT %(name)s';
  sqlConstraint = 'CONSTRAINT %(name)s %(constraint)s';
  sqlCreateCheck = 'ALTER TABLE %(table)s ADD CONSTRAINT %(name)s CHECK (%(check)s)';
  sqlDeleteCheck = 'ALTER TABLE %(table)s DROP CONSTRAINT %(name)s';
  sqlCreateUnique = 'ALTER TABLE %(table)s ADD CONSTRAINT %(name)s UNIQUE%(nulls_distinct)s (%(columns)s)%(deferrable)s';
  sqlDeleteUnique = 'ALTER TABLE %(table)s DROP CONSTRAINT %(name)s';
  sqlCreateFk: string | null =
    'ALTER TABLE %(table)s ADD CONSTRAINT %(name)s FOREIGN KEY (%(column)s) REFERENCES %(to_table)s (%(to_column)s)%(deferrable)s';
  sqlCreateInlineFk: string | null = null;
  sqlCreateColumnInlineFk: string | null = null;
  sqlDeleteFk = 'ALTER TABLE %(table)s DROP CONSTRAINT %(name)s';
  sqlCreateIndex = 'CREATE INDEX %(name)s ON %(table)s (%(columns)s)%(include)s%(extra)s%(condition)s';
  sqlCreateUniqueIndex = 'CREATE UNIQUE INDEX %(name)s ON %(table)s (%(columns)s)%(include)s%(nulls_distinct)s%(condition)s';
  sqlRenameIndex = 'ALTER INDEX %(old_name)s RENAME TO %(new_name)s';
  sqlDeleteIndex = 'DROP INDEX %(name)s';
  sqlPkConstraint = 'PRIMARY KEY (%(columns)s)';
  sqlAlterTableComment: string | null = 'COMMENT ON TABLE %(table)s IS %(comment)s';
  sqlAlterColumnComment: string | null = 'COMMENT ON COLUMN %(table)s.%(column)s IS %(comment)s';

  deferredSql: DeferredSql[] = [];
  readonly collectedSql: string[] = [];
  readonly atomicMigration: boolean;
  /** Statements held back by executeHeldBack(), in the order they were issued. */
  private heldBack: [string, readonly unknown[] | null][] | null = null;

  constructor(
    readonly connection: DatabaseWrapper,
    readonly collectSql = false,
    atomic = true,
  ) {
    this.atomicMigration = connection.features.canRollbackDdl && atomic;
  }

  // ---- core utilities ---------------------------------------------------------------------

  execute(sql: DeferredSql, params: readonly unknown[] | null = []): void {
    const text = String(sql);
    if (this.collectSql) {
      const ending = text.trimEnd().endsWith(';') ? '' : ';';
      if (params !== null) {
        let i = 0;
        const filled = text.replace(/%%|%s/g, (m) => (m === '%%' ? '%' : i < params.length ? this.quoteValue(params[i++]) : m));
        this.collectedSql.push(filled + ending);
      } else {
        this.collectedSql.push(text + ending);
      }
    } else if (this.heldBack) {
      this.heldBack.push([text, params]);
    } else {
      this.connection.execute(text, params);
    }
  }

  /**
   * Runs `generate` with the statements it executes held back, then executes them in the same
   * order: building SQL and running it in two tight loops is faster than alternating them. Only
   * for work that never reads the database, inside a migration that rolls back as a whole. If
   * building fails, the statements built so far still run first, so a failing statement reports
   * its error as it would have.
   */
  executeHeldBack(generate: () => void): void {
    if (this.collectSql || this.heldBack || !this.atomicMigration) {
      generate();
      return;
    }
    const held: [string, readonly unknown[] | null][] = [];
    this.heldBack = held;
    let failure: { error: unknown } | null = null;
    try {
      generate();
    } catch (error) {
      failure = { error };
    } finally {
      this.heldBack = null;
    }
    for (const [text, params] of held) this.connection.execute(text, params);
    if (failure) throw failure.error;
  }

  /** An atomic block inside a non-atomic migration (an operation with atomic=True). */
  atomic(fn: () => void): void {
    if (this.collectSql) fn();
    else this.connection.atomic(fn);
  }

  quoteName(name: string): string {
    return this.connection.ops.quoteName(name);
  }

  quoteValue(value: unknown): string {
    return this.connection.ops.quoteValue(value);
  }

  abstract prepareDefault(value: unknown): string;

  // ---- field helpers ----------------------------------------------------------------------

  protected dbParams(field: SchemaField) {
    return field.dbParameters(this.connection);
  }

  protected dbTypeSuffix(field: SchemaField): string | null {
    if (field.dbTypeSuffix) return field.dbTypeSuffix(this.connection);
    return this.connection.dataTypesSuffix[field.getInternalType()] ?? null;
  }

  hasDbDefault(field: SchemaField): boolean {
    if (typeof field.hasDbDefault === 'function') return field.hasDbDefault();
    return isProvided(field.dbDefault);
  }

  protected isGenerated(field: SchemaField): boolean {
    return field.generated === true;
  }

  protected throughAutoCreated(field: SchemaField): boolean {
    return !!optsOf(field.remoteField?.through).autoCreated;
  }

  protected hasDbConstraint(field: SchemaField): boolean {
    return !!field.remoteField && field.dbConstraint !== false;
  }

  /** The field a relation points at (to_field or the target's primary key). */
  targetFieldOf(field: SchemaField): SchemaField {
    const rf = field.remoteField!;
    const opts = optsOf(rf.model);
    return rf.fieldName ? opts.getField(rf.fieldName) : (field.targetField ?? opts.pk!);
  }

  // ---- table definitions ------------------------------------------------------------------

  tableSql(model: SchemaModel): [string, unknown[]] {
    const meta = optsOf(model);
    for (const names of meta.uniqueTogether) {
      const fields = names.map((n) => meta.getField(n));
      const sql = this._createUniqueSql(model, fields);
      if (sql) this.deferredSql.push(sql);
    }
    const columnSqls: string[] = [];
    const params: unknown[] = [];
    for (const field of meta.localFields) {
      const dbParams = this.dbParams(field);
      const [definition0, extraParams] = this.columnSql(model, field, false, dbParams);
      if (definition0 === null) continue;
      let definition = definition0;
      if (dbParams.check) definition += ' ' + interpolate(this.sqlCheckConstraint, { check: dbParams.check });
      const suffix = this.dbTypeSuffix(field);
      if (suffix) definition += ` ${suffix}`;
      params.push(...extraParams);
      if (field.remoteField && this.hasDbConstraint(field)) {
        const target = this.targetFieldOf(field);
        const toTable = optsOf(field.remoteField.model).dbTable;
        if (this.sqlCreateInlineFk) {
          definition +=
            ' ' + interpolate(this.sqlCreateInlineFk, { to_table: this.quoteName(toTable), to_column: this.quoteName(target.column!) });
        } else if (this.connection.features.supportsForeignKeys) {
          this.deferredSql.push(this._createFkSql(model, field, '_fk_%(to_table)s_%(to_column)s'));
        }
      }
      columnSqls.push(`${this.quoteName(field.column!)} ${definition}`);
    }
    const constraintSqls: string[] = [];
    if (params.length) {
      for (const c of meta.constraints) {
        const s = this.constraintCreateSql(model, c);
        if (s) this.deferredSql.push(s);
      }
    } else {
      for (const c of meta.constraints) {
        const s = this.constraintSqlOf(model, c);
        if (s) constraintSqls.push(s);
      }
    }
    const sql = interpolate(this.sqlCreateTable, {
      table: this.quoteName(meta.dbTable),
      definition: [...columnSqls, ...constraintSqls].filter((s) => s).join(', '),
    });
    return [sql, params];
  }

  columnSql(model: SchemaModel, field: SchemaField, includeDefault = false, dbParams = this.dbParams(field)): [string | null, unknown[]] {
    const type = dbParams.type;
    if (type === null || type === undefined) return [null, []];
    const params: unknown[] = [];
    const parts: string[] = [type];
    if (dbParams.collation) parts.push(this._collateSql(dbParams.collation));
    const nul = field.null;
    if (this.hasDbDefault(field)) {
      const [defaultSql, defaultParams] = this.dbDefaultSql(field);
      parts.push(`DEFAULT ${defaultSql}`);
      params.push(...defaultParams);
      includeDefault = false;
    }
    if (includeDefault) {
      const value = this.effectiveDefault(field);
      if (value !== null && value !== undefined) {
        if (this.connection.features.requiresLiteralDefaults) {
          parts.push(`DEFAULT ${this.prepareDefault(value)}`);
        } else {
          parts.push('DEFAULT %s');
          params.push(value);
        }
      }
    }
    if (this.isGenerated(field)) {
      parts.push(this._columnGeneratedSql(field));
    } else if (!nul) {
      parts.push('NOT NULL');
    } else if (!this.connection.features.impliedColumnNull) {
      parts.push('NULL');
    }
    if (field.primaryKey) parts.push('PRIMARY KEY');
    else if (field.unique) parts.push('UNIQUE');
    return [parts.join(' '), params];
  }

  dbDefaultSql(field: SchemaField): [string, unknown[]] {
    const sql = compileDbDefault(field, this);
    return [sql, []];
  }

  _columnGeneratedSql(field: SchemaField): string {
    const expr = compileGenerated(field, this);
    return `GENERATED ALWAYS AS (${expr}) ${field.dbPersist ? 'STORED' : 'VIRTUAL'}`;
  }

  /** The Python-level default the column gets when rows already exist. */
  _effectiveDefault(field: SchemaField): unknown {
    if (field.hasDefault()) return field.getDefault();
    if (this.isGenerated(field)) return null;
    const internal = field.getInternalType();
    if (!field.null && field.blank && field.emptyStringsAllowed !== false && emptyStringsAllowedFor(field)) {
      return internal === 'BinaryField' ? new Uint8Array() : '';
    }
    if (field.autoNow || field.autoNowAdd) {
      const now = new Date();
      const iso = now.toISOString(); // 2024-01-02T03:04:05.678Z
      const date = iso.slice(0, 10);
      const time = `${iso.slice(11, 23)}000`;
      if (internal === 'DateTimeField') return `${date} ${time}`;
      if (internal === 'DateField') return date;
      if (internal === 'TimeField') return time;
      return `${date} ${time}`;
    }
    return null;
  }

  effectiveDefault(field: SchemaField): unknown {
    const value = this._effectiveDefault(field);
    if (!field.hasDefault() && (field.autoNow || field.autoNowAdd)) return value;
    return prepForDb(field, value);
  }

  _collateSql(collation: string): string {
    return collation ? `COLLATE ${this.quoteName(collation)}` : '';
  }

  // ---- actions ----------------------------------------------------------------------------

  createModel(model: SchemaModel): void {
    const [sql, params] = this.tableSql(model);
    this.execute(sql, params.length ? params : null);
    this.deferredSql.push(...this._modelIndexesSql(model));
    for (const field of optsOf(model).localManyToMany) {
      if (this.throughAutoCreated(field)) this.createModel(field.remoteField!.through!);
    }
  }

  deleteModel(model: SchemaModel): void {
    for (const field of optsOf(model).localManyToMany) {
      if (this.throughAutoCreated(field)) this.deleteModel(field.remoteField!.through!);
    }
    this.execute(interpolate(this.sqlDeleteTable, { table: this.quoteName(optsOf(model).dbTable) }));
    this.dropDeferredReferencingTable(optsOf(model).dbTable);
  }

  protected dropDeferredReferencingTable(table: string): void {
    this.deferredSql = this.deferredSql.filter((s) => !(s instanceof Statement && s.referencesTable(table)));
  }

  addIndex(model: SchemaModel, index: SchemaIndex): void {
    const sql = this.indexCreateSql(model, index);
    if (sql) this.execute(sql, null);
  }

  removeIndex(model: SchemaModel, index: SchemaIndex): void {
    const sql = this.indexRemoveSql(model, index);
    if (sql) this.execute(sql);
  }

  renameIndex(model: SchemaModel, oldIndex: SchemaIndex, newIndex: SchemaIndex): void {
    if (this.connection.features.canRenameIndex) {
      this.execute(
        new Statement(this.sqlRenameIndex, {
          table: new Table(optsOf(model).dbTable, (n) => this.quoteName(n)),
          old_name: this.quoteName(oldIndex.name),
          new_name: this.quoteName(newIndex.name),
        }),
        null,
      );
    } else {
      this.removeIndex(model, oldIndex);
      this.addIndex(model, newIndex);
    }
  }

  addConstraint(model: SchemaModel, constraint: SchemaConstraint): void {
    const sql = this.constraintCreateSql(model, constraint);
    if (sql) this.execute(sql, null);
  }

  removeConstraint(model: SchemaModel, constraint: SchemaConstraint): void {
    const sql = this.constraintRemoveSql(model, constraint);
    if (sql) this.execute(sql);
  }

  alterUniqueTogether(model: SchemaModel, oldUT: readonly (readonly string[])[], newUT: readonly (readonly string[])[]): void {
    const key = (f: readonly string[]) => JSON.stringify(f);
    const olds = new Map(oldUT.map((f) => [key(f), f]));
    const news = new Map(newUT.map((f) => [key(f), f]));
    for (const [k, fields] of olds) {
      if (!news.has(k)) this._deleteComposedIndex(model, fields, { unique: true, primaryKey: false }, this.sqlDeleteUnique);
    }
    for (const [k, fields] of news) {
      if (olds.has(k)) continue;
      const sql = this._createUniqueSql(
        model,
        fields.map((n) => optsOf(model).getField(n)),
      );
      if (sql) this.execute(sql);
    }
  }

  alterIndexTogether(model: SchemaModel, oldIT: readonly (readonly string[])[], newIT: readonly (readonly string[])[]): void {
    const key = (f: readonly string[]) => JSON.stringify(f);
    const olds = new Map(oldIT.map((f) => [key(f), f]));
    const news = new Map(newIT.map((f) => [key(f), f]));
    for (const [k, fields] of olds) {
      if (!news.has(k)) this._deleteComposedIndex(model, fields, { index: true, unique: false }, this.sqlDeleteIndex);
    }
    for (const [k, fields] of news) {
      if (olds.has(k)) continue;
      this.execute(this._createIndexSql(model, { fields: fields.map((n) => optsOf(model).getField(n)), suffix: '_idx' }));
    }
  }

  _deleteComposedIndex(
    model: SchemaModel,
    fields: readonly string[],
    kw: { unique?: boolean; primaryKey?: boolean; index?: boolean },
    sql: string,
  ): void {
    const meta = optsOf(model);
    const exclude = new Set([...meta.constraints.map((c) => c.name), ...meta.indexes.map((i) => i.name)]);
    const columns = fields.map((f) => meta.getField(f).column!);
    let names = this._constraintNames(model, columns, { ...kw, exclude });
    if (kw.unique === true && names.length && this.connection.features.allowsMultipleConstraintsOnSameFields) {
      const defaultName = this._createIndexName(meta.dbTable, columns, '_uniq');
      if (names.includes(defaultName)) names = [defaultName];
    }
    if (names.length !== 1) {
      throw new SchemaValueError(`Found wrong number (${names.length}) of constraints for ${meta.dbTable}(${columns.join(', ')})`);
    }
    this.execute(this._deleteConstraintSql(sql, model, names[0]));
  }

  alterDbTable(model: SchemaModel, oldDbTable: string, newDbTable: string): void {
    if (oldDbTable === newDbTable) return;
    if (this.connection.features.ignoresTableNameCase && oldDbTable.toLowerCase() === newDbTable.toLowerCase()) return;
    this.execute(
      interpolate(this.sqlRenameTable, { old_table: this.quoteName(oldDbTable), new_table: this.quoteName(newDbTable) }),
    );
    for (const s of this.deferredSql) if (s instanceof Statement) s.renameTableReferences(oldDbTable, newDbTable);
  }

  alterDbTableComment(model: SchemaModel, _old: string | null, newComment: string | null): void {
    if (this.sqlAlterTableComment && this.connection.features.supportsComments) {
      this.execute(
        interpolate(this.sqlAlterTableComment, {
          table: this.quoteName(optsOf(model).dbTable),
          comment: this.quoteValue(newComment ?? ''),
        }),
      );
    }
  }

  alterDbTablespace(): void {}

  addField(model: SchemaModel, field: SchemaField): void {
    if (field.manyToMany && this.throughAutoCreated(field)) {
      this.createModel(field.remoteField!.through!);
      return;
    }
    const [definition0, params] = this.columnSql(model, field, true);
    if (definition0 === null) return;
    let definition = definition0;
    const suffix = this.dbTypeSuffix(field);
    if (suffix) definition += ` ${suffix}`;
    const dbParams = this.dbParams(field);
    if (dbParams.check) definition += ' ' + interpolate(this.sqlCheckConstraint, { check: dbParams.check });
    if (field.remoteField && this.connection.features.supportsForeignKeys && this.hasDbConstraint(field)) {
      if (this.sqlCreateColumnInlineFk) {
        const target = this.targetFieldOf(field);
        definition +=
          ' ' +
          interpolate(this.sqlCreateColumnInlineFk, {
            to_table: this.quoteName(optsOf(field.remoteField.model).dbTable),
            to_column: this.quoteName(target.column!),
            deferrable: this.connection.ops.deferrableSql(),
          });
      } else {
        this.deferredSql.push(this._createFkSql(model, field, '_fk_%(to_table)s_%(to_column)s'));
      }
    }
    this.execute(
      interpolate(this.sqlCreateColumn, {
        table: this.quoteName(optsOf(model).dbTable),
        column: this.quoteName(field.column!),
        definition,
      }),
      params.length ? params : null,
    );
    this.deferredSql.push(...this._fieldIndexesSql(model, field));
  }

  removeField(model: SchemaModel, field: SchemaField): void {
    if (field.manyToMany && this.throughAutoCreated(field)) {
      this.deleteModel(field.remoteField!.through!);
      return;
    }
    if (this.dbParams(field).type === null) return;
    this.execute(
      interpolate(this.sqlDeleteColumn, { table: this.quoteName(optsOf(model).dbTable), column: this.quoteName(field.column!) }),
    );
    const table = optsOf(model).dbTable;
    this.deferredSql = this.deferredSql.filter((s) => !(s instanceof Statement && s.referencesColumn(table, field.column!)));
  }

  alterField(model: SchemaModel, oldField: SchemaField, newField: SchemaField, strict = false): void {
    if (!this._fieldShouldBeAltered(oldField, newField)) return;
    const oldDbParams = this.dbParams(oldField);
    const newDbParams = this.dbParams(newField);
    const oldType = oldDbParams.type;
    const newType = newDbParams.type;
    if ((oldType === null && !oldField.remoteField) || (newType === null && !newField.remoteField)) {
      throw new SchemaValueError(
        `Cannot alter field ${fieldLabel(oldField)} into ${fieldLabel(newField)} - they do not properly define db_type (are you using a badly-written custom field?)`,
      );
    }
    if (oldType === null && newType === null) {
      const oldThrough = oldField.remoteField?.through;
      const newThrough = newField.remoteField?.through;
      if (oldThrough && newThrough && optsOf(oldThrough).autoCreated && optsOf(newThrough).autoCreated) {
        this._alterManyToMany(model, oldField, newField, strict);
        return;
      }
      if (oldThrough && newThrough && !optsOf(oldThrough).autoCreated && !optsOf(newThrough).autoCreated) return;
    }
    if (oldType === null || newType === null) {
      throw new SchemaValueError(
        `Cannot alter field ${fieldLabel(oldField)} into ${fieldLabel(newField)} - they are not compatible types (you cannot alter to or from M2M fields, or add or remove through= on M2M fields)`,
      );
    }
    let modifyingGenerated = false;
    if (!!oldField.generated !== !!newField.generated || (newField.generated && !!oldField.dbPersist !== !!newField.dbPersist)) {
      modifyingGenerated = true;
    } else if (newField.generated) {
      try {
        modifyingGenerated = compileGenerated(oldField, this) !== compileGenerated(newField, this);
      } catch {
        modifyingGenerated = true;
      }
    }
    if (modifyingGenerated) {
      throw new SchemaValueError(
        `Modifying GeneratedFields is not supported - the field ${fieldLabel(newField)} must be removed and re-added with the new definition.`,
      );
    }
    this._alterField(model, oldField, newField, oldType, newType, oldDbParams, newDbParams, strict);
  }

  abstract _alterField(
    model: SchemaModel,
    oldField: SchemaField,
    newField: SchemaField,
    oldType: string,
    newType: string,
    oldDbParams: { collation?: string | null },
    newDbParams: { collation?: string | null },
    strict: boolean,
  ): void;

  abstract _alterManyToMany(model: SchemaModel, oldField: SchemaField, newField: SchemaField, strict: boolean): void;

  // ---- names and statements ---------------------------------------------------------------

  _createIndexName(tableName: string, columnNames: string[], suffix = ''): string {
    const [, table] = splitIdentifier(tableName);
    let hashSuffixPart = `${namesDigest([table, ...columnNames], 8)}${suffix}`;
    const maxLength = this.connection.ops.maxNameLength() || 200;
    let indexName = `${table}_${columnNames.join('_')}_${hashSuffixPart}`;
    if (indexName.length <= maxLength || [...indexName].length <= maxLength) return indexName;
    if (hashSuffixPart.length > maxLength / 3) hashSuffixPart = hashSuffixPart.slice(0, Math.floor(maxLength / 3));
    const otherLength = Math.floor((maxLength - hashSuffixPart.length) / 2) - 1;
    indexName = `${[...table].slice(0, otherLength).join('')}_${[...columnNames.join('_')].slice(0, otherLength).join('')}_${hashSuffixPart}`;
    if (indexName[0] === '_' || /[0-9]/.test(indexName[0])) indexName = `D${indexName.slice(0, -1)}`;
    return indexName;
  }

  _createIndexSql(
    model: SchemaModel,
    opts: {
      fields?: SchemaField[];
      name?: string | null;
      suffix?: string;
      colSuffixes?: readonly string[];
      sql?: string;
      condition?: string | null;
      include?: string[];
      expressions?: Expressions | null;
    },
  ): Statement {
    const fields = opts.fields ?? [];
    const columns = fields.map((f) => f.column!);
    const table = optsOf(model).dbTable;
    let name = opts.name ?? null;
    const createIndexName = (t: string, cols: string[], suffix: string) => {
      if (name === null) name = this._createIndexName(t, cols, suffix);
      return this.quoteName(name);
    };
    const q = (n: string) => this.quoteName(n);
    return new Statement(opts.sql ?? this.sqlCreateIndex, {
      table: new Table(table, q),
      name: new IndexName(table, columns, opts.suffix ?? '', createIndexName),
      using: '',
      columns: columns.length ? new Columns(table, columns, q, opts.colSuffixes ?? []) : (opts.expressions ?? ''),
      extra: '',
      condition: this._indexConditionSql(opts.condition ?? null),
      include: '',
    });
  }

  _indexConditionSql(condition: string | null): string {
    return condition ? ` WHERE ${condition}` : '';
  }

  _deleteIndexSql(model: SchemaModel, name: string, sql?: string): Statement {
    const statement = new Statement(sql ?? this.sqlDeleteIndex, {
      table: new Table(optsOf(model).dbTable, (n) => this.quoteName(n)),
      name: this.quoteName(name),
    });
    const tableName = optsOf(model).dbTable;
    const indexName = this.quoteName(name);
    this.deferredSql = this.deferredSql.filter((s) => !(s instanceof Statement && s.referencesIndex(tableName, indexName)));
    return statement;
  }

  _modelIndexesSql(model: SchemaModel): DeferredSql[] {
    const meta = optsOf(model);
    if (!meta.managed || meta.proxy || meta.swapped) return [];
    const out: DeferredSql[] = [];
    for (const field of meta.localFields) out.push(...this._fieldIndexesSql(model, field));
    for (const index of meta.indexes) {
      const s = this.indexCreateSql(model, index);
      if (s) out.push(s);
    }
    return out;
  }

  _fieldIndexesSql(model: SchemaModel, field: SchemaField): Statement[] {
    return this._fieldShouldBeIndexed(model, field) ? [this._createIndexSql(model, { fields: [field] })] : [];
  }

  _fieldShouldBeIndexed(_model: SchemaModel, field: SchemaField): boolean {
    return !!field.dbIndex && !field.unique;
  }

  _fieldShouldBeAltered(oldField: SchemaField, newField: SchemaField, ignore: Set<string> = new Set()): boolean {
    // Django's many-to-many fields count as concrete (they have a column name, if no column).
    const concrete = (f: SchemaField) => f.concrete !== false || !!f.manyToMany;
    if (!concrete(oldField) && !concrete(newField)) return false;
    if (!oldField.deconstruct || !newField.deconstruct) return true;
    const [, oldPath, oldArgs, oldKw] = oldField.deconstruct();
    const [, newPath, newArgs, newKw] = newField.deconstruct();
    const oldKwargs = kwargsMap(oldKw);
    const newKwargs = kwargsMap(newKw);
    for (const attr of [...ignore, ...(oldField.nonDbAttrs ?? NON_DB_ATTRS)]) oldKwargs.delete(attr);
    for (const attr of [...ignore, ...(newField.nonDbAttrs ?? NON_DB_ATTRS)]) newKwargs.delete(attr);
    if (
      !newField.manyToMany &&
      oldField.remoteField &&
      newField.remoteField &&
      optsOf(oldField.remoteField.model).dbTable === optsOf(newField.remoteField.model).dbTable
    ) {
      oldKwargs.delete('to');
      newKwargs.delete('to');
    }
    if (oldKwargs.get('db_default') && newKwargs.get('db_default')) {
      if (this.dbDefaultSql(oldField)[0] === this.dbDefaultSql(newField)[0]) {
        oldKwargs.delete('db_default');
        newKwargs.delete('db_default');
      }
    }
    // A many-to-many field's column is its name (or db_column) in Django, though no table has it.
    const columnOf = (f: SchemaField) => f.column ?? (f.manyToMany ? String((f as { dbColumn?: unknown }).dbColumn ?? f.name) : '');
    if (this.quoteName(columnOf(oldField)) !== this.quoteName(columnOf(newField))) return true;
    return (
      oldPath !== newPath ||
      valueKey(oldArgs) !== valueKey(newArgs) ||
      valueKey([...oldKwargs.entries()].sort()) !== valueKey([...newKwargs.entries()].sort())
    );
  }

  _renameFieldSql(table: string, oldField: SchemaField, newField: SchemaField, newType: string): string {
    return interpolate(this.sqlRenameColumn, {
      table: this.quoteName(table),
      old_column: this.quoteName(oldField.column!),
      new_column: this.quoteName(newField.column!),
      type: newType,
    });
  }

  _createFkSql(model: SchemaModel, field: SchemaField, suffix: string): Statement {
    const q = (n: string) => this.quoteName(n);
    const target = this.targetFieldOf(field);
    const toTable = optsOf(field.remoteField!.model).dbTable;
    return new Statement(this.sqlCreateFk ?? '', {
      table: new Table(optsOf(model).dbTable, q),
      name: this._fkConstraintName(model, field, suffix),
      column: new Columns(optsOf(model).dbTable, [field.column!], q),
      to_table: new Table(toTable, q),
      to_column: new Columns(toTable, [target.column!], q),
      deferrable: this.connection.ops.deferrableSql(),
    });
  }

  _fkConstraintName(model: SchemaModel, field: SchemaField, suffix: string): ForeignKeyName {
    const target = this.targetFieldOf(field);
    return new ForeignKeyName(
      optsOf(model).dbTable,
      [field.column!],
      splitIdentifier(optsOf(field.remoteField!.model).dbTable)[1],
      [target.column!],
      suffix,
      (t, c, s) => this.quoteName(this._createIndexName(t, c, s)),
    );
  }

  _deferrableConstraintSql(deferrable: unknown): string {
    if (deferrable === null || deferrable === undefined) return '';
    const d = String(deferrable).toLowerCase();
    if (d.includes('immediate')) return ' DEFERRABLE INITIALLY IMMEDIATE';
    return ' DEFERRABLE INITIALLY DEFERRED';
  }

  _uniqueSupported(o: { condition?: unknown; deferrable?: unknown; include?: unknown[]; expressions?: unknown; nullsDistinct?: unknown }): boolean {
    const f = this.connection.features;
    return (
      (!o.condition || f.supportsPartialIndexes) &&
      (!o.deferrable || f.supportsDeferrableUniqueConstraints) &&
      (!o.include?.length || f.supportsCoveringIndexes) &&
      (!o.expressions || f.supportsExpressionIndexes) &&
      (o.nullsDistinct === null || o.nullsDistinct === undefined || f.supportsNullsDistinctUniqueConstraints)
    );
  }

  _uniqueSql(
    model: SchemaModel,
    fields: SchemaField[],
    name: string,
    o: { condition?: string | null; deferrable?: unknown; include?: string[]; expressions?: Expressions | null; nullsDistinct?: boolean | null } = {},
  ): string | null {
    if (!this._uniqueSupported(o)) return null;
    if (o.condition || o.include?.length || o.expressions || (o.nullsDistinct !== null && o.nullsDistinct !== undefined)) {
      const sql = this._createUniqueSql(model, fields, name, o);
      if (sql) this.deferredSql.push(sql);
      return null;
    }
    const constraint = interpolate(this.sqlUniqueConstraint, {
      columns: fields.map((f) => this.quoteName(f.column!)).join(', '),
      deferrable: this._deferrableConstraintSql(o.deferrable),
    });
    return interpolate(this.sqlConstraint, { name: this.quoteName(name), constraint });
  }

  _createUniqueSql(
    model: SchemaModel,
    fields: SchemaField[],
    name: string | null = null,
    o: { condition?: string | null; deferrable?: unknown; include?: string[]; expressions?: Expressions | null; nullsDistinct?: boolean | null } = {},
  ): Statement | null {
    if (!this._uniqueSupported(o)) return null;
    const table = optsOf(model).dbTable;
    const columns = fields.map((f) => f.column!);
    const q = (n: string) => this.quoteName(n);
    const nameRef: Part = name === null ? this._uniqueConstraintName(table, columns) : this.quoteName(name);
    const sql = o.condition || o.include?.length || o.expressions ? this.sqlCreateUniqueIndex : this.sqlCreateUnique;
    return new Statement(sql, {
      table: new Table(table, q),
      name: nameRef,
      columns: columns.length ? new Columns(table, columns, q) : (o.expressions ?? ''),
      condition: this._indexConditionSql(o.condition ?? null),
      deferrable: this._deferrableConstraintSql(o.deferrable),
      include: '',
      nulls_distinct: '',
    });
  }

  _uniqueConstraintName(table: string, columns: string[]): IndexName {
    return new IndexName(table, columns, '_uniq', (t, c, s) => this.quoteName(this._createIndexName(t, c, s)));
  }

  _deleteUniqueSql(
    model: SchemaModel,
    name: string,
    o: { condition?: string | null; deferrable?: unknown; include?: string[]; expressions?: unknown; nullsDistinct?: boolean | null } = {},
  ): Statement | null {
    if (!this._uniqueSupported(o)) return null;
    const sql = o.condition || o.include?.length || o.expressions ? this.sqlDeleteIndex : this.sqlDeleteUnique;
    return this._deleteConstraintSql(sql, model, name);
  }

  _checkSql(name: string, check: string): string {
    return interpolate(this.sqlConstraint, {
      name: this.quoteName(name),
      constraint: interpolate(this.sqlCheckConstraint, { check }),
    });
  }

  _createCheckSql(model: SchemaModel, name: string, check: string): Statement | null {
    if (!this.connection.features.supportsTableCheckConstraints) return null;
    return new Statement(this.sqlCreateCheck, {
      table: new Table(optsOf(model).dbTable, (n) => this.quoteName(n)),
      name: this.quoteName(name),
      check,
    });
  }

  _deleteCheckSql(model: SchemaModel, name: string): Statement | null {
    if (!this.connection.features.supportsTableCheckConstraints) return null;
    return this._deleteConstraintSql(this.sqlDeleteCheck, model, name);
  }

  _deleteConstraintSql(template: string, model: SchemaModel, name: string): Statement {
    return new Statement(template, {
      table: new Table(optsOf(model).dbTable, (n) => this.quoteName(n)),
      name: this.quoteName(name),
    });
  }

  _constraintNames(
    model: SchemaModel,
    columnNames: string[] | null,
    o: { unique?: boolean; primaryKey?: boolean; index?: boolean; foreignKey?: boolean; check?: boolean; exclude?: Set<string> } = {},
  ): string[] {
    const constraints = this.connection.introspection.getConstraints(optsOf(model).dbTable);
    const out: string[] = [];
    for (const [name, info] of constraints) {
      if (columnNames !== null && JSON.stringify(columnNames) !== JSON.stringify(info.columns)) continue;
      if (o.unique !== undefined && info.unique !== o.unique) continue;
      if (o.primaryKey !== undefined && info.primaryKey !== o.primaryKey) continue;
      if (o.index !== undefined && info.index !== o.index) continue;
      if (o.check !== undefined && info.check !== o.check) continue;
      if (o.foreignKey !== undefined && !info.foreignKey) continue;
      if (o.exclude?.has(name)) continue;
      out.push(name);
    }
    return out;
  }

  // ---- indexes and constraints (Index.create_sql / Constraint.constraint_sql) -------------

  indexCreateSql(model: SchemaModel, index: SchemaIndex): DeferredSql | null {
    if (index.createSql) return index.createSql(model, this) as DeferredSql;
    const meta = optsOf(model);
    const condition = index.condition ? compileCondition(index.condition, model, this) : null;
    const include = (index.include ?? []).map((n) => meta.getField(n).column!);
    if (index.expressions && index.expressions.length) {
      return this._createIndexSql(model, {
        name: index.name,
        condition,
        include,
        expressions: compileExpressions(index.expressions, model, this, true),
      });
    }
    const orders: [string, string][] =
      index.fieldsOrders?.map(([a, b]) => [a, b]) ??
      (index.fields ?? []).map((f) => (f.startsWith('-') ? [f.slice(1), 'DESC'] : [f, '']));
    return this._createIndexSql(model, {
      fields: orders.map(([n]) => meta.getField(n)),
      name: index.name,
      colSuffixes: orders.map(([, o]) => o),
      condition,
      include,
    });
  }

  indexRemoveSql(model: SchemaModel, index: SchemaIndex): DeferredSql | null {
    if (index.removeSql) return index.removeSql(model, this) as DeferredSql;
    return this._deleteIndexSql(model, index.name);
  }

  protected isUniqueConstraint(c: SchemaConstraint): boolean {
    return constraintKind(c) === 'unique';
  }

  constraintSqlOf(model: SchemaModel, c: SchemaConstraint): string | null {
    if (c.constraintSql) return c.constraintSql(model, this);
    if (constraintKind(c) === 'check') return this._checkSql(c.name, compileCondition(c.condition, model, this));
    const o = this.uniqueOptions(model, c);
    return this._uniqueSql(
      model,
      (c.fields ?? []).map((n) => optsOf(model).getField(n)),
      c.name,
      o,
    );
  }

  constraintCreateSql(model: SchemaModel, c: SchemaConstraint): DeferredSql | null {
    if (c.createSql) return c.createSql(model, this) as DeferredSql | null;
    if (constraintKind(c) === 'check') return this._createCheckSql(model, c.name, compileCondition(c.condition, model, this));
    return this._createUniqueSql(
      model,
      (c.fields ?? []).map((n) => optsOf(model).getField(n)),
      c.name,
      this.uniqueOptions(model, c),
    );
  }

  constraintRemoveSql(model: SchemaModel, c: SchemaConstraint): DeferredSql | null {
    if (c.removeSql) return c.removeSql(model, this) as DeferredSql | null;
    if (constraintKind(c) === 'check') return this._deleteCheckSql(model, c.name);
    const o = this.uniqueOptions(model, c);
    return this._deleteUniqueSql(model, c.name, o);
  }

  private uniqueOptions(model: SchemaModel, c: SchemaConstraint) {
    return {
      condition: c.condition ? compileCondition(c.condition, model, this) : null,
      deferrable: c.deferrable ?? null,
      include: (c.include ?? []).map((n) => optsOf(model).getField(n).column!),
      expressions: c.expressions && c.expressions.length ? compileExpressions(c.expressions, model, this, true) : null,
      nullsDistinct: c.nullsDistinct ?? null,
    };
  }
}

/** A ValueError the schema editor raises (Django's messages). */
export class SchemaValueError extends PyException {
  constructor(message: string) {
    super('ValueError', message);
  }
}

const NON_DB_ATTRS = [
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

function isProvided(v: unknown): boolean {
  if (v === undefined || v === null) return false;
  const name = (v as { constructor?: { name?: string } }).constructor?.name ?? '';
  if (name === 'NotProvided' || name === 'NOT_PROVIDED') return false;
  const cls = (v as { cls?: { name?: string } }).cls;
  if (cls?.name === 'NOT_PROVIDED') return false;
  return true;
}

function emptyStringsAllowedFor(field: SchemaField): boolean {
  if (field.emptyStringsAllowed !== undefined) return field.emptyStringsAllowed;
  return /^(CharField|TextField|SlugField|EmailField|URLField|FileField|ImageField|FilePathField|BinaryField|GenericIPAddressField)$/.test(
    field.getInternalType(),
  );
}

function fieldLabel(f: SchemaField): string {
  const m = optsOf(f.model);
  return m ? `${m.appLabel}.${m.objectName}.${f.name}` : f.name;
}

function constraintKind(c: SchemaConstraint): 'check' | 'unique' {
  const ctor = (c as { constructor?: { name?: string } }).constructor?.name ?? '';
  const kind = (c as { kind?: string }).kind;
  if (kind === 'check' || /Check/.test(ctor)) return 'check';
  if (kind === 'unique' || /Unique/.test(ctor)) return 'unique';
  return c.fields || c.expressions ? 'unique' : 'check';
}

function kwargsMap(kw: unknown): Map<string, unknown> {
  if (kw instanceof Map) return new Map(kw as Map<string, unknown>);
  const dict = kw as { items?: () => [unknown, unknown][] } | null;
  if (dict && typeof dict.items === 'function') return new Map(dict.items().map(([k, v]) => [String(k), v]));
  if (kw && typeof kw === 'object') return new Map(Object.entries(kw as Record<string, unknown>));
  return new Map();
}

/** A comparison key for deconstructed values (Python equality, roughly). */
export function valueKey(v: unknown): string {
  const seen = new WeakSet<object>();
  const walk = (x: unknown): unknown => {
    // Python's ==: True == 1 == 1.0.
    if (typeof x === 'bigint') return `\u0000int:${x}`;
    if (typeof x === 'boolean') return `\u0000int:${x ? 1 : 0}`;
    if (typeof x === 'number' && Number.isInteger(x)) return `\u0000int:${x}`;
    if (x === null || typeof x !== 'object') return x;
    if (seen.has(x)) return '<cycle>';
    seen.add(x);
    if (x instanceof Map) return [...x.entries()].map(([k, val]) => [walk(k), walk(val)]);
    if (Array.isArray(x)) return x.map(walk);
    const o = x as Record<string, unknown> & { cls?: { name?: string }; items?: unknown };
    if (o.cls && typeof o.cls === 'object' && 'name' in o.cls) {
      const native = (o as { native?: unknown }).native;
      if (native && typeof (native as { deconstruct?: unknown }).deconstruct === 'function') {
        return [o.cls.name, walk((native as { deconstruct: () => unknown }).deconstruct())];
      }
      return [o.cls.name, walk(native ?? null), walk((o as { dict?: unknown }).dict ?? null)];
    }
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(o).sort()) out[k] = walk(o[k]);
    return out;
  };
  return JSON.stringify(walk(v));
}
