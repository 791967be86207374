// SQLite's schema editor (django.db.backends.sqlite3.schema): inline foreign keys, literal
// defaults, and the table rebuild SQLite needs for most ALTERs.

import { BaseDatabaseSchemaEditor } from '../base/schema';
import type { SchemaField, SchemaIndex, SchemaModel, SchemaOptions } from '../base/types';
import { Statement } from '../ddl_references';
import { stripQuotes } from '../utils';
import type { DatabaseWrapper } from './base';
import { optsOf } from '../base/types';

export class DatabaseSchemaEditor extends BaseDatabaseSchemaEditor {
  override sqlDeleteTable = 'DROP TABLE %(table)s';
  override sqlCreateFk = null;
  override sqlCreateInlineFk = 'REFERENCES %(to_table)s (%(to_column)s) DEFERRABLE INITIALLY DEFERRED';
  override sqlCreateColumnInlineFk = 'REFERENCES %(to_table)s (%(to_column)s) DEFERRABLE INITIALLY DEFERRED';
  override sqlDeleteColumn = 'ALTER TABLE %(table)s DROP COLUMN %(column)s';
  override sqlCreateUnique = 'CREATE UNIQUE INDEX %(name)s ON %(table)s (%(columns)s)';
  override sqlDeleteUnique = 'DROP INDEX %(name)s';
  override sqlAlterTableComment = null;
  override sqlAlterColumnComment = null;

  private entered = false;

  constructor(connection: DatabaseWrapper, collectSql = false, atomic = true) {
    super(connection, collectSql, atomic);
  }

  /**
   * Runs `fn` the way `with connection.schema_editor() as editor:` does: foreign key checks off,
   * a transaction when atomic, `PRAGMA foreign_key_check`, deferred SQL at the end, checks on.
   */
  run<T>(fn: (editor: this) => T): T {
    // On the way out, the foreign keys are checked first, even when `fn` failed (a transaction
    // that error broke then raises TransactionManagementError), then the deferred SQL runs.
    const body = (): T => {
      this.deferredSql = [];
      this.entered = true;
      let result: T;
      try {
        result = fn(this);
      } finally {
        if (!this.collectSql) this.connection.checkConstraints();
      }
      for (const sql of this.deferredSql) this.execute(sql, null);
      this.deferredSql = [];
      return result;
    };
    if (this.collectSql) return body();
    if (!this.connection.disableConstraintChecking()) {
      throw new Error(
        'SQLite schema editor cannot be used while foreign key constraint checks are enabled. Make sure to disable them before entering a transaction.atomic() context because SQLite does not support disabling them in the middle of a multi-statement transaction.',
      );
    }
    try {
      return this.atomicMigration ? this.connection.atomic(body) : body();
    } finally {
      this.connection.enableConstraintChecking();
      this.entered = false;
    }
  }

  get isEntered(): boolean {
    return this.entered;
  }

  override prepareDefault(value: unknown): string {
    return this.quoteValue(value);
  }

  _remakeTable(
    model: SchemaModel,
    opts: { createField?: SchemaField; deleteField?: SchemaField; alterFields?: [SchemaField, SchemaField][] } = {},
  ): void {
    const meta = optsOf(model);
    const { createField, deleteField } = opts;
    const alterFields = opts.alterFields ?? [];
    // name -> field, in the model's column order; a Map keeps insertion order like a dict.
    const body = new Map<string, SchemaField>();
    for (const f of meta.localConcreteFields) body.set(f.name, f);
    const mapping = new Map<string, string>();
    for (const f of meta.localConcreteFields) if (!f.generated) mapping.set(f.column!, this.quoteName(f.column!));
    const renameMapping = new Map<string, string>();
    // Fields whose primary_key flag is switched off while the new table is built.
    const pkOverrides = new Map<SchemaField, boolean>();
    if (createField?.primaryKey || alterFields.some(([, n]) => n.primaryKey)) {
      for (const [name, field] of [...body]) {
        if (field.primaryKey && !alterFields.some(([, n]) => n.name === name)) {
          pkOverrides.set(field, false);
          if (field.autoCreated) {
            body.delete(name);
            mapping.delete(field.column!);
          }
        }
      }
    }
    if (createField) {
      body.set(createField.name, createField);
      if (!this.hasDbDefault(createField) && !(createField.manyToMany || createField.generated) && createField.concrete !== false) {
        mapping.set(createField.column!, this.prepareDefault(this.effectiveDefault(createField)));
      }
    }
    for (const [oldField, newField] of alterFields) {
      body.delete(oldField.name);
      mapping.delete(oldField.column!);
      body.set(newField.name, newField);
      renameMapping.set(oldField.name, newField.name);
      if (newField.generated) continue;
      if (oldField.null && !newField.null) {
        const def = this.hasDbDefault(newField)
          ? this.dbDefaultSql(newField)[0]
          : this.prepareDefault(this.effectiveDefault(newField));
        mapping.set(newField.column!, `coalesce(${this.quoteName(oldField.column!)}, ${def})`);
      } else {
        mapping.set(newField.column!, this.quoteName(oldField.column!));
      }
    }
    if (deleteField) {
      body.delete(deleteField.name);
      mapping.delete(deleteField.column!);
      if (deleteField.manyToMany && this.throughAutoCreated(deleteField)) {
        this.deleteModel(deleteField.remoteField!.through!);
        return;
      }
    }
    const uniqueTogether = meta.uniqueTogether.map((u) => u.map((n) => renameMapping.get(n) ?? n));
    let indexes: readonly SchemaIndex[] = meta.indexes;
    if (deleteField) indexes = indexes.filter((i) => !(i.fields ?? []).some((f) => f.replace(/^-/, '') === deleteField.name));
    const newTable = `new__${stripQuotes(meta.dbTable)}`;
    // Django clones the model's own relations to itself for the new class: a clone is the newest
    // field, so those columns move to the end of the rebuilt table.
    // The created and altered fields replace their clones, so they keep their place.
    const replaced = new Set([createField?.name, ...alterFields.map(([, n]) => n.name)]);
    const clones = meta.localConcreteFields.filter(
      (f) => body.get(f.name) === f && !replaced.has(f.name) && f.remoteField && optsOf(f.remoteField.model) === meta,
    );
    const fields = orderLikeModelFields([...body.values()], clones);
    const pkOf = (f: SchemaField) => (pkOverrides.has(f) ? pkOverrides.get(f)! : f.primaryKey);
    const newFields = fields.map((f) => (pkOverrides.has(f) ? withPrimaryKey(f, pkOf(f)) : f));
    const newModel = syntheticModel(meta, newTable, newFields, uniqueTogether, indexes);

    this.createModel(newModel);
    this.execute(
      `INSERT INTO ${this.quoteName(newTable)} (${[...mapping.keys()].map((c) => this.quoteName(c)).join(', ')}) SELECT ${[
        ...mapping.values(),
      ].join(', ')} FROM ${this.quoteName(meta.dbTable)}`,
    );
    this.deleteModel(model, false);
    this.alterDbTable(newModel, newTable, meta.dbTable);
    for (const sql of this.deferredSql) this.execute(sql, null);
    this.deferredSql = [];
  }

  override deleteModel(model: SchemaModel, handleAutoM2M = true): void {
    if (handleAutoM2M) {
      super.deleteModel(model);
      return;
    }
    this.execute(`DROP TABLE ${this.quoteName(optsOf(model).dbTable)}`);
    this.dropDeferredReferencingTable(optsOf(model).dbTable);
  }

  override addField(model: SchemaModel, field: SchemaField): void {
    if (field.manyToMany && this.throughAutoCreated(field)) {
      this.createModel(field.remoteField!.through!);
      return;
    }
    const dbDefault = this.hasDbDefault(field);
    const def = this.effectiveDefault(field);
    if (
      field.primaryKey ||
      field.unique ||
      !field.null ||
      (def !== null && def !== undefined) ||
      (dbDefault && !isValueExpression(field.dbDefault))
    ) {
      this._remakeTable(model, { createField: field });
    } else {
      super.addField(model, field);
    }
  }

  override removeField(model: SchemaModel, field: SchemaField): void {
    if (field.manyToMany) {
      if (this.throughAutoCreated(field)) this.deleteModel(field.remoteField!.through!);
      return;
    }
    if (
      this.connection.features.canAlterTableDropColumn &&
      !field.primaryKey &&
      !field.unique &&
      !field.dbIndex &&
      !(field.remoteField && field.dbConstraint !== false)
    ) {
      super.removeField(model, field);
      return;
    }
    if (this.dbParams(field).type === null) return;
    this._remakeTable(model, { deleteField: field });
  }

  override _alterField(
    model: SchemaModel,
    oldField: SchemaField,
    newField: SchemaField,
    oldType: string,
    newType: string,
    oldDbParams: { collation?: string | null },
    newDbParams: { collation?: string | null },
  ): void {
    // Only a renamed column compares the definitions (building one can raise, as in Django).
    const sameDefinition = () => JSON.stringify(this.columnSql(model, oldField)) === JSON.stringify(this.columnSql(model, newField));
    if (
      oldField.column !== newField.column &&
      sameDefinition() &&
      !((oldField.remoteField && oldField.dbConstraint !== false) || (newField.remoteField && newField.dbConstraint !== false))
    ) {
      this.execute(this._renameFieldSql(optsOf(model).dbTable, oldField, newField, newType));
      return;
    }
    this._remakeTable(model, { alterFields: [[oldField, newField]] });
    if (newField.unique && (oldType !== newType || (oldDbParams.collation ?? null) !== (newDbParams.collation ?? null))) {
      const related = new Set<SchemaModel>();
      const opts = optsOf(newField.model ?? model);
      for (const rel of opts.relatedObjects ?? []) {
        if (rel.relatedModel === model) continue;
        if (!rel.manyToMany) {
          const target = rel.fieldName ?? opts.pk?.name;
          if (target === newField.name) related.add(rel.relatedModel);
        } else if (newField.primaryKey && optsOf(rel.through).autoCreated) {
          related.add(rel.through!);
        }
      }
      if (newField.primaryKey) {
        for (const m2m of opts.manyToMany ?? []) {
          if (m2m.remoteField?.model === model) continue;
          if (optsOf(m2m.remoteField?.through).autoCreated) related.add(m2m.remoteField!.through!);
        }
      }
      for (const m of related) this._remakeTable(m);
    }
  }

  override _alterManyToMany(model: SchemaModel, oldField: SchemaField, newField: SchemaField): void {
    const oldThrough = oldField.remoteField!.through!;
    const newThrough = newField.remoteField!.through!;
    if (optsOf(oldThrough).dbTable === optsOf(newThrough).dbTable) {
      this._remakeTable(oldThrough, {
        alterFields: [
          [optsOf(oldThrough).getField(oldField.m2mReverseFieldName!()), optsOf(newThrough).getField(newField.m2mReverseFieldName!())],
          [optsOf(oldThrough).getField(oldField.m2mFieldName!()), optsOf(newThrough).getField(newField.m2mFieldName!())],
        ],
      });
      return;
    }
    this.createModel(newThrough);
    this.execute(
      `INSERT INTO ${this.quoteName(optsOf(newThrough).dbTable)} (${['id', newField.m2mColumnName!(), newField.m2mReverseName!()].join(
        ', ',
      )}) SELECT ${['id', oldField.m2mColumnName!(), oldField.m2mReverseName!()].join(', ')} FROM ${this.quoteName(
        optsOf(oldThrough).dbTable,
      )}`,
    );
    this.deleteModel(oldThrough);
    void model;
  }

  override addConstraint(model: SchemaModel, constraint: Parameters<BaseDatabaseSchemaEditor['addConstraint']>[1]): void {
    if (this.isUniqueConstraint(constraint) && (constraint.condition || constraint.expressions?.length || constraint.include?.length || constraint.deferrable)) {
      super.addConstraint(model, constraint);
    } else {
      this._remakeTable(model);
    }
  }

  override removeConstraint(model: SchemaModel, constraint: Parameters<BaseDatabaseSchemaEditor['removeConstraint']>[1]): void {
    if (this.isUniqueConstraint(constraint) && (constraint.condition || constraint.expressions?.length || constraint.include?.length || constraint.deferrable)) {
      super.removeConstraint(model, constraint);
    } else {
      this._remakeTable(model);
    }
  }

  override _collateSql(collation: string): string {
    return `COLLATE ${collation}`;
  }

  /** The SQL collected in collect_sql mode (sqlmigrate). */
  get collected(): readonly string[] {
    return this.collectedSql;
  }
}

function isValueExpression(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return true;
  const name =
    (v as { cls?: { name?: string } }).cls?.name ?? (v as { constructor?: { name?: string } }).constructor?.name ?? '';
  if (name === 'Value') return true;
  // A plain Python value (str, int, Decimal...) becomes Value(...) in Django.
  return !/Func|Now|Lower|Upper|Concat|Expression|F$|Combined|Cast|Coalesce|Length|Random|Pi/.test(name);
}

/**
 * Django builds the new table from a model class whose fields are sorted by creation order:
 * auto-created fields first, then the others by their creation counter (when the model layer
 * provides it), else in the order given.
 */
function orderLikeModelFields(fields: SchemaField[], clones: SchemaField[] = []): SchemaField[] {
  const clonedAt = new Map(clones.map((f, i) => [f, i]));
  const counter = (f: SchemaField): number | undefined =>
    clonedAt.has(f) ? Number.MAX_SAFE_INTEGER - clones.length + clonedAt.get(f)! : (f as { creationCounter?: number }).creationCounter;
  const indexed = fields.map((f, i) => ({ f, i }));
  if (fields.every((f) => typeof counter(f) === 'number')) {
    // Auto-created fields count down from -1, so they sort first, the newest of them first.
    indexed.sort((a, b) => counter(a.f)! - counter(b.f)! || a.i - b.i);
  } else {
    indexed.sort((a, b) => (a.f.autoCreated ? 0 : 1) - (b.f.autoCreated ? 0 : 1) || a.i - b.i);
  }
  return indexed.map((x) => x.f);
}

function withPrimaryKey(field: SchemaField, primaryKey: boolean): SchemaField {
  return new Proxy(field, {
    get(target, prop, receiver) {
      if (prop === 'primaryKey') return primaryKey;
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** A stand-in for the `NewModel` class Django builds for the rebuilt table. */
function syntheticModel(
  meta: SchemaOptions,
  dbTable: string,
  fields: SchemaField[],
  uniqueTogether: string[][],
  indexes: readonly SchemaIndex[],
): SchemaModel {
  const byName = new Map<string, SchemaField>();
  for (const f of fields) {
    byName.set(f.name, f);
    if (f.attname) byName.set(f.attname, f);
  }
  const pk = fields.find((f) => f.primaryKey) ?? null;
  const newMeta: SchemaOptions = {
    appLabel: meta.appLabel,
    modelName: `new${meta.modelName}`,
    objectName: `New${meta.objectName}`,
    dbTable,
    localFields: fields,
    localConcreteFields: fields,
    localManyToMany: [],
    uniqueTogether,
    indexes,
    constraints: meta.constraints,
    pk,
    managed: true,
    proxy: false,
    swapped: null,
    autoCreated: false,
    dbTableComment: meta.dbTableComment ?? null,
    getField(name: string): SchemaField {
      const f = byName.get(name) ?? meta.getField(name);
      return f;
    },
  };
  return { _meta: newMeta };
}

export { Statement };
