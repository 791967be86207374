// The engine's `Database` over a sql.js database (browser and Node alike).

import type { Database as SqlJsRaw, SqlJsStatic, Statement } from 'sql.js';
import type { Database, QueryResult, SqlValue } from '../engine/project';

type BindValue = number | string | Uint8Array | null;

/** Integers come back as `number` when exact, else as `bigint`; REAL as `number`. */
export class SqlJsDatabase implements Database {
  /** Set by every statement run through `exec`: the engine connected to the database. */
  used = false;

  constructor(readonly raw: SqlJsRaw) {}

  static create(SQL: SqlJsStatic, bytes?: Uint8Array): SqlJsDatabase {
    return new SqlJsDatabase(openDatabase(SQL, bytes));
  }

  exec(sql: string, params?: SqlValue[]): QueryResult[] {
    this.used = true;
    // Text without ';' holds one statement at most: prepared directly, without walking the tail.
    if (!sql.includes(';')) {
      let stmt: Statement;
      try {
        stmt = this.raw.prepare(sql);
      } catch (e) {
        if (e === NOTHING_TO_PREPARE) return [];
        throw e;
      }
      return runStatement(stmt, params, []);
    }
    const results: QueryResult[] = [];
    let first = true;
    for (const stmt of this.raw.iterateStatements(sql)) {
      runStatement(stmt, first ? params : undefined, results);
      first = false;
    }
    return results;
  }

  export(): Uint8Array {
    return exportDatabase(this.raw);
  }
}

/**
 * A sql.js database with the engine's connection settings. The database is one connection over
 * an in-memory file, so the rollback journal is kept in memory and the file lock is held rather
 * than taken and released at every transaction: transactions and rollbacks behave as on disk.
 */
export function openDatabase(SQL: SqlJsStatic, bytes?: Uint8Array | null): SqlJsRaw {
  const raw = bytes && bytes.length ? new SQL.Database(bytes) : new SQL.Database();
  configure(raw);
  return raw;
}

/** The database file's bytes. sql.js reopens the database to read them; the settings come back. */
export function exportDatabase(raw: SqlJsRaw): Uint8Array {
  const bytes = raw.export();
  configure(raw);
  return bytes;
}

function configure(raw: SqlJsRaw): void {
  raw.exec('PRAGMA journal_mode = MEMORY; PRAGMA locking_mode = EXCLUSIVE');
}

/** What sql.js throws when the text holds no statement (only whitespace or comments). */
const NOTHING_TO_PREPARE = 'Nothing to prepare';
const BIGINT_ROWS = { useBigInt: true };

/** Binds, steps and reads one statement into `results`, then frees it. */
function runStatement(stmt: Statement, params: SqlValue[] | undefined, results: QueryResult[]): QueryResult[] {
  try {
    if (params && params.length) stmt.bind(params as unknown as BindValue[]);
    const columns = stmt.getColumnNames();
    const values: SqlValue[][] = [];
    while (stmt.step()) {
      const row = (stmt.get as (p: null, o: typeof BIGINT_ROWS) => unknown[])(null, BIGINT_ROWS);
      for (let i = 0; i < row.length; i++) row[i] = toValue(row[i]);
      values.push(row as SqlValue[]);
    }
    if (columns.length) results.push({ columns, values });
  } finally {
    stmt.free();
  }
  return results;
}

function toValue(v: unknown): SqlValue {
  if (typeof v === 'bigint') {
    return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
  }
  return v as SqlValue;
}
