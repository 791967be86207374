// The SQLite connection wrapper (django.db.backends.sqlite3.base.DatabaseWrapper) over the
// engine's `Database` (sql.js): column types, transactions and savepoints, constraint checks.

import type { Database, QueryResult, SqlValue } from '../../../project';
import { databaseError, wrapSqliteError } from '../errors';
import { PyException } from '../../../python/values';
import { DatabaseFeatures } from './features';
import { DatabaseIntrospection } from './introspection';
import { DatabaseOperations } from './operations';
import { DatabaseSchemaEditor } from './schema';
import { DATA_TYPES, DATA_TYPE_CHECK_CONSTRAINTS, DATA_TYPES_SUFFIX } from './data_types';

/** An open atomic block: the outermost one (the transaction) or an inner one, with its savepoint if it made one. */
export interface AtomicBlock {
  outermost: boolean;
  sid: string | null;
}

/** Runs a transaction control statement (BEGIN, COMMIT, SAVEPOINT ...). */
export type StatementRunner = (sql: string) => void;

/** django.db.transaction.TransactionManagementError: transactions used the wrong way. */
export function transactionManagementError(message: string): PyException {
  return new PyException('django.db.transaction.TransactionManagementError', message);
}

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
  /** Set when an error broke the transaction: no query runs until the atomic block that can roll it back exits. */
  needsRollback = false;
  private savepointSeq = 0;

  constructor(readonly db: Database) {
    this.introspection = new DatabaseIntrospection(this);
  }

  get inAtomicBlock(): boolean {
    return this.depth > 0;
  }

  /** Runs one statement (params bind `?` or Django's `%s`); errors become django.db.utils.* exceptions. */
  execute(sql: string, params?: readonly unknown[] | null): QueryResult[] {
    if (this.needsRollback) throw transactionManagementError("An error occurred in the current transaction. You can't execute queries until the end of the 'atomic' block.");
    const text = params && params.length ? convertPlaceholders(sql) : sql;
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

  /**
   * Runs `fn` as `with transaction.atomic(savepoint=...)`: a transaction at the top, a savepoint
   * inside one (none when `savepoint` is false or the transaction is already broken).
   */
  atomic<T>(fn: () => T, savepoint = true, run: StatementRunner = this.runControl): T {
    const block = this.atomicEnter(savepoint, run);
    let result: T;
    try {
      result = fn();
    } catch (e) {
      this.atomicExit(block, true, run);
      throw e;
    }
    this.atomicExit(block, false, run);
    return result;
  }

  /** Atomic.__enter__. `run` executes the control statements (the ORM logs them as queries). */
  atomicEnter(savepoint = true, run: StatementRunner = this.runControl): AtomicBlock {
    if (this.depth === 0) {
      this.needsRollback = false;
      run('BEGIN');
      this.depth++;
      return { outermost: true, sid: null };
    }
    let sid: string | null = null;
    if (savepoint && !this.needsRollback) {
      sid = `"s_x${++this.savepointSeq}"`;
      run(`SAVEPOINT ${sid}`);
    }
    this.depth++;
    return { outermost: false, sid };
  }

  /**
   * Atomic.__exit__: commits or releases when the block succeeded and nothing marked the
   * transaction for rollback; otherwise rolls back (to its savepoint), or, with no savepoint to
   * go back to, leaves the mark for the enclosing block. The caller re-raises the block's error.
   */
  atomicExit(block: AtomicBlock, failed: boolean, run: StatementRunner = this.runControl): void {
    this.depth--;
    if (!failed && !this.needsRollback) {
      if (block.outermost) {
        try {
          run('COMMIT');
        } catch (e) {
          this.rollbackQuietly('ROLLBACK', run);
          throw e;
        }
      } else if (block.sid !== null) {
        run(`RELEASE SAVEPOINT ${block.sid}`);
      }
      return;
    }
    this.needsRollback = false;
    if (block.outermost) {
      this.rollbackQuietly('ROLLBACK', run);
    } else if (block.sid === null) {
      this.needsRollback = true;
    } else {
      try {
        run(`ROLLBACK TO SAVEPOINT ${block.sid}`);
        run(`RELEASE SAVEPOINT ${block.sid}`);
      } catch {
        this.needsRollback = true;
      }
    }
  }

  /** transaction.mark_for_rollback_on_error: an error inside a transaction breaks it. */
  markForRollbackOnError<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      if (this.depth > 0) this.needsRollback = true;
      throw e;
    }
  }

  private rollbackQuietly(sql: string, run: StatementRunner): void {
    try {
      run(sql);
    } catch {
      // SQLite may already have rolled back after the error.
    }
  }

  /** Control statements skip the broken-transaction check, as Django's commit and rollback do. */
  private readonly runControl: StatementRunner = (sql) => {
    try {
      this.db.exec(sql);
    } catch (e) {
      throw wrapSqliteError(e);
    }
  };

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
