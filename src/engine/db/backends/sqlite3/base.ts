// The SQLite connection wrapper (django.db.backends.sqlite3.base.DatabaseWrapper) over the
// engine's `Database` (sql.js): column types, transactions and savepoints, constraint checks.

import type { Database, QueryResult, SqlValue } from '../../../project';
import { databaseError, wrapSqliteError } from '../errors';
import { DatabaseFeatures } from './features';
import { DatabaseIntrospection } from './introspection';
import { DatabaseOperations } from './operations';
import { DatabaseSchemaEditor } from './schema';
import { DATA_TYPES, DATA_TYPE_CHECK_CONSTRAINTS, DATA_TYPES_SUFFIX } from './data_types';

export class DatabaseWrapper {
  readonly vendor = 'sqlite';
  readonly displayName = 'SQLite';
  readonly alias = 'default';

  readonly dataTypes = DATA_TYPES;
  readonly dataTypeCheckConstraints = DATA_TYPE_CHECK_CONSTRAINTS;
  readonly dataTypesSuffix = DATA_TYPES_SUFFIX;

  readonly ops = new DatabaseOperations();
  readonly features = new DatabaseFeatures();
  readonly introspection: DatabaseIntrospection;

  /** Nesting depth of atomic blocks (0: autocommit). */
  private depth = 0;
  private savepointSeq = 0;
  /** Every statement run, when a caller wants to see them (tests, the SQL pane). */
  queryLog: string[] | null = null;

  constructor(readonly db: Database) {
    this.introspection = new DatabaseIntrospection(this);
  }

  get inAtomicBlock(): boolean {
    return this.depth > 0;
  }

  /** Runs one statement (params bind `?` or Django's `%s`); errors become django.db.utils.* exceptions. */
  execute(sql: string, params?: readonly unknown[] | null): QueryResult[] {
    const text = params && params.length ? convertPlaceholders(sql) : sql;
    this.queryLog?.push(text);
    try {
      return this.db.exec(text, params && params.length ? params.map((p) => this.ops.adaptValue(p)) : undefined);
    } catch (e) {
      throw wrapSqliteError(e);
    }
  }

  /** Rows of a query. */
  query(sql: string, params?: readonly unknown[]): SqlValue[][] {
    const res = this.execute(sql, params);
    return res.length ? res[res.length - 1].values : [];
  }

  /** Runs `fn` in a transaction (or a savepoint inside one); rolls back when it throws. */
  atomic<T>(fn: () => T): T {
    if (this.depth === 0) {
      this.execute('BEGIN');
      this.depth++;
      try {
        const result = fn();
        this.depth--;
        this.execute('COMMIT');
        return result;
      } catch (e) {
        this.depth--;
        try {
          this.db.exec('ROLLBACK');
        } catch {
          // SQLite may already have rolled back after the error.
        }
        throw e;
      }
    }
    const sid = `"s${++this.savepointSeq}"`;
    this.execute(`SAVEPOINT ${sid}`);
    this.depth++;
    try {
      const result = fn();
      this.depth--;
      this.execute(`RELEASE SAVEPOINT ${sid}`);
      return result;
    } catch (e) {
      this.depth--;
      try {
        this.db.exec(`ROLLBACK TO SAVEPOINT ${sid}`);
        this.db.exec(`RELEASE SAVEPOINT ${sid}`);
      } catch {
        // ignore: the outer block rolls back anyway
      }
      throw e;
    }
  }

  disableConstraintChecking(): boolean {
    this.execute('PRAGMA foreign_keys = OFF');
    const enabled = this.query('PRAGMA foreign_keys')[0]?.[0];
    return !Number(enabled);
  }

  enableConstraintChecking(): void {
    this.execute('PRAGMA foreign_keys = ON');
  }

  /** Raises IntegrityError for the first row whose foreign key points at nothing. */
  checkConstraints(tableNames?: string[]): void {
    const q = (n: string) => this.ops.quoteName(n);
    const violations = tableNames
      ? tableNames.flatMap((t) => this.query(`PRAGMA foreign_key_check(${q(t)})`))
      : this.query('PRAGMA foreign_key_check');
    for (const [tableName, rowid, referencedTable, fkIndex] of violations) {
      const table = String(tableName);
      const fk = this.query(`PRAGMA foreign_key_list(${q(table)})`)[Number(fkIndex)];
      const column = String(fk[3]);
      const refColumn = String(fk[4]);
      const pkColumn = this.introspection.getPrimaryKeyColumn(table) ?? 'rowid';
      const [pkValue, bad] = this.query(`SELECT ${q(pkColumn)}, ${q(column)} FROM ${q(table)} WHERE rowid = ?`, [rowid])[0] ?? [];
      throw databaseError(
        'IntegrityError',
        `The row in table '${table}' with primary key '${pyStrOf(pkValue)}' has an invalid foreign key: ` +
          `${table}.${column} contains a value '${pyStrOf(bad)}' that does not have a corresponding value in ` +
          `${String(referencedTable)}.${refColumn}.`,
      );
    }
  }

  schemaEditor(opts: { collectSql?: boolean; atomic?: boolean } = {}): DatabaseSchemaEditor {
    return new DatabaseSchemaEditor(this, opts.collectSql ?? false, opts.atomic ?? true);
  }
}

function pyStrOf(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  return String(v);
}

/** Django writes `%s` placeholders; sql.js binds `?`. `%%` is a literal percent. */
export function convertPlaceholders(sql: string): string {
  if (!sql.includes('%')) return sql;
  let converted = convertedTexts.get(sql);
  if (converted === undefined) {
    converted = sql.replace(/%%|%s/g, (m) => (m === '%%' ? '%' : '?'));
    if (convertedTexts.size >= 1000) convertedTexts.clear();
    convertedTexts.set(sql, converted);
  }
  return converted;
}
/** The same statement texts recur (the recorder's INSERT, the ORM's queries). */
const convertedTexts = new Map<string, string>();
