// `manage.py inspectdb [table ...]`: a models module written from the database's tables (and
// views with --include-views), every model unmanaged.

import type { ArgumentParser } from '../argparse';
import { BaseCommand, pyStrCompare, type Options } from '../base';
import { pyReprStr } from '../pyrepr';
import { PyException } from '../../../python/values';
import { connectionFor } from './migration_support';
import { normalizeColName, normalizeTableName, type ParamValue } from './inspectdb_names';
import type { DatabaseIntrospection, FieldInfo, IntrospectedConstraint } from '../../../db/backends/sqlite3/introspection';

const HEADER = [
  '# This is an auto-generated Django model module.',
  "# You'll have to do the following manually to clean this up:",
  "#   * Rearrange models' order",
  '#   * Make sure each model has one field with primary_key=True',
  '#   * Make sure each ForeignKey and OneToOneField has `on_delete` set to the desired behavior',
  '#   * Remove `managed = False` lines if you wish to allow Django to create, modify, and delete the table',
  "# Feel free to rename the models, but don't rename db_table values or field names.",
  'from django.db import models',
];

/** Python's repr() of a keyword argument's value. */
function pyRepr(v: ParamValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'number') return String(v);
  return pyReprStr(v);
}

/** Python's str() of an exception: its message without the class name. */
function pyStr(e: unknown): string {
  if (e instanceof PyException) return e.pyMessage;
  return e instanceof Error ? e.message : String(e);
}

interface FieldType {
  type: string;
  params: Map<string, ParamValue>;
  notes: string[];
}

export class InspectdbCommand extends BaseCommand {
  override help = 'Introspects the database tables in the given database and outputs a Django model module.';
  override requiresSystemChecks: string[] = [];

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('table', { nargs: '*', help: 'Selects what tables or views should be introspected.' });
    parser.addArgument('--database', {
      default: 'default',
      choices: ['default'],
      help: 'Nominates a database to introspect. Defaults to using the "default" database.',
    });
    parser.addArgument('--include-partitions', { action: 'store_true', help: 'Also output models for partition tables.' });
    parser.addArgument('--include-views', { action: 'store_true', help: 'Also output models for database views.' });
  }

  handle(options: Options): void {
    for (const line of this.inspection(options)) this.stdout.write(line);
  }

  private *inspection(options: Options): Generator<string> {
    const introspection = connectionFor(this.env).introspection;
    yield* HEADER;
    const types = new Set(['t']);
    if (options.include_partitions) types.add('p');
    if (options.include_views) types.add('v');
    const tableInfo = new Map(introspection.getTableList().filter((t) => types.has(t.type)).map((t) => [t.name, t]));
    const requested = (options.table as string[] | null) ?? [];
    const tables = requested.length ? requested : [...tableInfo.keys()].sort(pyStrCompare);
    const knownModels: string[] = [];
    for (const table of tables) {
      let relations: Map<string, [string | null, string]>;
      let constraints: Map<string, IntrospectedConstraint>;
      let primaryKeyColumns: string[];
      let description: FieldInfo[];
      try {
        relations = introspection.getForeignKeys(table);
        constraints = introspection.getAllConstraints(table);
        primaryKeyColumns = introspection.getPrimaryKeyColumnsInTableOrder(table);
        description = introspection.getFieldInfos(table);
      } catch (e) {
        yield `# Unable to inspect table '${table}'`;
        yield `# The error was: ${pyStr(e)}`;
        continue;
      }
      const primaryKeyColumn = primaryKeyColumns.length === 1 ? primaryKeyColumns[0] : null;
      const uniqueColumns = [...constraints.values()].filter((c) => c.unique && c.columns.length === 1).map((c) => c.columns[0]);

      const modelName = normalizeTableName(table);
      yield '';
      yield '';
      yield `class ${modelName}(models.Model):`;
      knownModels.push(modelName);
      if (primaryKeyColumns.length > 1) {
        yield `    pk = models.CompositePrimaryKey(${primaryKeyColumns.map((c) => `'${c}'`).join(', ')})`;
      }

      const usedColumnNames: string[] = [];
      const columnToFieldName = new Map<string, string>();
      const usedRelations = new Set<string>();
      for (const row of description) {
        const column = row.name;
        const relation = relations.get(column);
        const normalized = normalizeColName(column, usedColumnNames, relation !== undefined);
        const attName = normalized.name;
        const extra = new Map(normalized.params);
        const notes = [...normalized.notes];
        usedColumnNames.push(attName);
        columnToFieldName.set(column, attName);

        if (column === primaryKeyColumn) extra.set('primary_key', true);
        else if (uniqueColumns.includes(column)) extra.set('unique', true);

        let fieldType: string;
        if (relation) {
          const [refColumn, refTable] = relation;
          const wasUnique = extra.get('unique') === true;
          extra.delete('unique');
          let relType: string;
          if (wasUnique || extra.get('primary_key')) {
            relType = 'OneToOneField';
          } else {
            relType = 'ForeignKey';
            const refPk = introspection.getPrimaryKeyColumnsInTableOrder(refTable)[0];
            if (refPk && refPk !== refColumn) extra.set('to_field', refColumn);
          }
          const relTo = refTable === table ? 'self' : normalizeTableName(refTable);
          fieldType = knownModels.includes(relTo) ? `${relType}(${relTo}` : `${relType}('${relTo}'`;
          if (usedRelations.has(relTo)) extra.set('related_name', `${modelName.toLowerCase()}_${attName}_set`);
          usedRelations.add(relTo);
        } else {
          const guessed = this.fieldType(introspection, row);
          for (const [k, v] of guessed.params) extra.set(k, v);
          notes.push(...guessed.notes);
          fieldType = `${guessed.type}(`;
        }

        // An `id` AutoField primary key is what Django adds anyway.
        if (attName === 'id' && extra.size === 1 && extra.get('primary_key') === true && fieldType === 'AutoField(') continue;

        if (row.nullOk) {
          extra.set('blank', true);
          extra.set('null', true);
        }
        let desc = `${attName} = ${fieldType.includes('.') ? '' : 'models.'}${fieldType}`;
        if (fieldType.startsWith('ForeignKey(') || fieldType.startsWith('OneToOneField(')) desc += ', models.DO_NOTHING';
        if (extra.size) {
          if (!desc.endsWith('(')) desc += ', ';
          desc += [...extra].map(([k, v]) => `${k}=${pyRepr(v)}`).join(', ');
        }
        desc += ')';
        if (notes.length) desc += `  # ${notes.join(' ')}`;
        yield `    ${desc}`;
      }
      const info = tableInfo.get(table);
      yield* this.meta(table, constraints, columnToFieldName, info?.type === 'v', info?.type === 'p');
    }
  }

  private fieldType(introspection: DatabaseIntrospection, row: FieldInfo): FieldType {
    const params = new Map<string, ParamValue>();
    const notes: string[] = [];
    let type = introspection.getFieldType(row);
    if (type === null) {
      type = 'TextField';
      notes.push('This field type is a guess.');
    }
    if (type === 'CharField' && row.displaySize && row.displaySize > 0) params.set('max_length', row.displaySize);
    if ((type === 'CharField' || type === 'TextField') && row.collation) params.set('db_collation', row.collation);
    if (type === 'DecimalField') {
      // SQLite keeps no precision or scale to read back.
      notes.push('max_digits and decimal_places have been guessed, as this database handles decimal fields as float');
      params.set('max_digits', 10);
      params.set('decimal_places', 5);
    }
    return { type, params, notes };
  }

  private *meta(
    table: string,
    constraints: Map<string, IntrospectedConstraint>,
    columnToFieldName: Map<string, string>,
    isView: boolean,
    isPartition: boolean,
  ): Generator<string> {
    const uniqueTogether: string[] = [];
    let unsupported = false;
    for (const c of constraints.values()) {
      if (!c.unique) continue;
      if (c.columns.includes(null)) unsupported = true;
      const columns = c.columns.filter((x): x is string => x !== null && columnToFieldName.has(x));
      if (columns.length > 1 && !c.primaryKey) {
        uniqueTogether.push(`(${columns.map((x) => pyReprStr(columnToFieldName.get(x)!)).join(', ')})`);
      }
    }
    const managedComment = isView ? "  # Created from a view. Don't remove." : isPartition ? "  # Created from a partition. Don't remove." : '';
    yield '';
    if (unsupported) yield '    # A unique constraint could not be introspected.';
    yield '    class Meta:';
    yield `        managed = False${managedComment}`;
    yield `        db_table = ${pyReprStr(table)}`;
    if (uniqueTogether.length) yield `        unique_together = (${uniqueTogether.join(', ')},)`;
  }
}
