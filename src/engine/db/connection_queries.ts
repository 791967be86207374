// The ORM's view of the database connection: every statement the ORM runs goes through
// `OrmConnection.execute`, which records it the way Django's debug cursor does
// (`connection.queries`: `{'sql': <last_executed_query>, 'time': '0.000'}`) and tells
// listeners (the UI's SQL pane) the moment it runs.

import type { QueryResult } from '../project';
import { PyBytes, PyInstance, type PyValue } from '../python/values';
import { pyStr } from '../python/index';
import type { DatabaseWrapper } from './backends/sqlite3/base';
import { connectionFor } from './backends/connection';
import type { Database } from '../project';
import { getCurrentApps } from './models/base';
import { truthy } from '../python/index';

/** One statement as it ran: Django's SQL with `%s` placeholders, its parameters, and the text with them filled in. */
export interface QueryEvent {
  /** The statement as `connection.queries` shows it (parameters quoted as SQLite's QUOTE() does). */
  sql: string;
  /** The statement with `%s` placeholders, as the compiler produced it. */
  template: string;
  params: readonly PyValue[];
  /** Milliseconds. */
  time: number;
}

export type QueryListener = (e: QueryEvent) => void;

const listeners = new Set<QueryListener>();

/** Calls `fn` for each statement the ORM runs (shell, RunPython); returns an unsubscribe function. */
export function onQuery(fn: QueryListener): () => void {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

/** SQLite's QUOTE() of a value as Python's sqlite3 adapts it (str of Decimal/date, 1/0 for bools). */
export function quoteSqlValue(v: PyValue | Uint8Array): string {
  if (v === null || v === undefined) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return v.toFixed(1);
    return String(v);
  }
  if (v instanceof Uint8Array || v instanceof PyBytes) {
    const bytes = v instanceof PyBytes ? v.bytes : v;
    return `X'${Array.from(bytes, (b) => b.toString(16).toUpperCase().padStart(2, '0')).join('')}'`;
  }
  const s = typeof v === 'string' ? v : v instanceof PyInstance ? pyStr(v) : String(v);
  return `'${s.replace(/'/g, "''")}'`;
}

/** `sql % params` with each parameter shown as its Python str() (what `str(qs.query)` prints). */
export function interpolateForDisplay(sql: string, params: readonly PyValue[]): string {
  let i = 0;
  return sql.replace(/%s|%%/g, (m) => {
    if (m === '%%') return '%';
    const v = params[i++];
    return v === undefined ? '%s' : displayParam(v);
  });
}

function displayParam(v: PyValue): string {
  if (v === null) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if ((v as unknown) instanceof Uint8Array) return String(v);
  return pyStr(v);
}

/** last_executed_query on SQLite: parameters quoted. */
export function lastExecutedQuery(sql: string, params: readonly PyValue[]): string {
  let i = 0;
  return sql.replace(/%s|%%/g, (m) => {
    if (m === '%%') return '%';
    const v = params[i++];
    return v === undefined ? '%s' : quoteSqlValue(v);
  });
}

export interface QueryRecord {
  sql: string;
  time: string;
}

/** django.db.connection for the ORM: debug log, capture contexts, transactions. */
export class OrmConnection {
  /** connection.queries_log (kept when DEBUG or a CaptureQueriesContext forces it). */
  readonly queriesLog: QueryRecord[] = [];
  forceDebugCursor = 0;

  constructor(readonly wrapper: DatabaseWrapper) {}

  get debug(): boolean {
    const v = getCurrentApps()?.settingValue('DEBUG');
    return v !== undefined && truthy(v);
  }

  get queriesLogged(): boolean {
    return this.forceDebugCursor > 0 || this.debug;
  }

  /** Runs one statement written with `%s` placeholders and already-adapted parameters. */
  execute(sql: string, params: readonly PyValue[] = [], run?: [string, readonly PyValue[]]): QueryResult[] {
    const [s, p] = run ?? [sql, params];
    if (!this.queriesLogged && !listeners.size) return this.wrapper.execute(s, p as unknown[]);
    const start = Date.now();
    try {
      return this.wrapper.execute(s, p as unknown[]);
    } finally {
      this.logQuery(sql, params, Date.now() - start);
    }
  }

  /** connection.queries and the query listeners get the statement as Django logs it. */
  private logQuery(sql: string, params: readonly PyValue[], time: number): void {
    const text = lastExecutedQuery(sql, params);
    if (this.queriesLogged) {
      this.queriesLog.push({ sql: text, time: (time / 1000).toFixed(3) });
      if (this.queriesLog.length > 9000) this.queriesLog.shift();
    }
    for (const l of [...listeners]) {
      try {
        l({ sql: text, template: sql, params, time });
      } catch {
        // A listener's failure must not break the query.
      }
    }
  }

  /** Rows of a query. */
  select(sql: string, params: readonly PyValue[] = [], run?: [string, readonly PyValue[]]): QueryResult {
    const res = this.execute(sql, params, run);
    return res.length ? res[res.length - 1] : { columns: [], values: [] };
  }

  /** Rows changed by the last statement. */
  changes(): number {
    const r = this.wrapper.db.exec('SELECT changes()');
    return Number(r[0]?.values[0]?.[0] ?? 0);
  }

  lastInsertRowid(): PyValue {
    const r = this.wrapper.db.exec('SELECT last_insert_rowid()');
    const v = r[0]?.values[0]?.[0];
    return typeof v === 'number' ? BigInt(v) : typeof v === 'bigint' ? v : null;
  }

  get inAtomicBlock(): boolean {
    return this.wrapper.inAtomicBlock;
  }

  /** transaction.atomic(): the connection's transaction, its control statements logged as Django logs them. */
  atomic<T>(fn: () => T, savepoint = true): T {
    return this.wrapper.atomic(fn, savepoint, this.runControl);
  }

  markForRollbackOnError<T>(fn: () => T): T {
    return this.wrapper.markForRollbackOnError(fn);
  }

  readonly runControl = (sql: string): void => {
    this.execute(sql);
  };
}

const ormConnections = new WeakMap<DatabaseWrapper, OrmConnection>();

export function ormConnectionFor(wrapper: DatabaseWrapper): OrmConnection {
  let c = ormConnections.get(wrapper);
  if (!c) {
    c = new OrmConnection(wrapper);
    ormConnections.set(wrapper, c);
  }
  return c;
}

/** The connection the ORM uses now (the shell's project database, or a migration's). */
const stack: OrmConnection[] = [];

export function currentConnection(): OrmConnection {
  const c = stack[stack.length - 1];
  if (!c) throw new Error('no database connection is active');
  return c;
}

export function hasCurrentConnection(): boolean {
  return stack.length > 0;
}

/** Runs `fn` with the ORM talking to `db` (or a wrapper). */
export function withConnection<T>(target: Database | DatabaseWrapper, fn: () => T): T {
  const wrapper = 'exec' in target ? connectionFor(target as Database) : (target as DatabaseWrapper);
  stack.push(ormConnectionFor(wrapper));
  try {
    return fn();
  } finally {
    stack.pop();
  }
}

/** Async variant for the shell, which awaits input between statements. */
export async function withConnectionAsync<T>(target: Database | DatabaseWrapper, fn: () => Promise<T>): Promise<T> {
  const wrapper = 'exec' in target ? connectionFor(target as Database) : (target as DatabaseWrapper);
  stack.push(ormConnectionFor(wrapper));
  try {
    return await fn();
  } finally {
    stack.pop();
  }
}
