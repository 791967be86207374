// The sql.js connection keeps its journal in memory and holds its lock; rollbacks
// and the exported file behave as before, and the settings survive an export.
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../src/platform/node';
import { SqlJsDatabase } from '../../../src/platform/sqljs';

const pragma = (db: SqlJsDatabase, name: string) => db.exec(`PRAGMA ${name}`)[0].values[0][0];

describe('sql.js connection settings', () => {
  it('applies them when the database is opened and again after an export', async () => {
    const SQL = await loadSqlJs();
    const db = SqlJsDatabase.create(SQL);
    expect(pragma(db, 'journal_mode')).toBe('memory');
    expect(pragma(db, 'locking_mode')).toBe('exclusive');
    db.exec('CREATE TABLE t (x integer)');
    const bytes = db.export();
    expect(pragma(db, 'journal_mode')).toBe('memory');
    expect(pragma(db, 'locking_mode')).toBe('exclusive');
    // The file reopens as an ordinary SQLite database.
    const copy = new SQL.Database(bytes);
    expect(copy.exec('PRAGMA journal_mode')[0].values[0][0]).toBe('delete');
    expect(copy.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0].values).toEqual([['t']]);
  });

  it('rolls a transaction back, DDL and rows alike', async () => {
    const db = SqlJsDatabase.create(await loadSqlJs());
    db.exec('CREATE TABLE t (x integer UNIQUE)');
    db.exec('INSERT INTO t VALUES (1), (2)');
    db.exec('BEGIN');
    db.exec('CREATE TABLE u (y integer)');
    db.exec('DELETE FROM t WHERE x = 1');
    expect(() => db.exec('INSERT INTO t VALUES (2)')).toThrow(/UNIQUE constraint failed/);
    db.exec('ROLLBACK');
    expect(db.exec("SELECT name FROM sqlite_master WHERE type = 'table'")[0].values).toEqual([['t']]);
    expect(db.exec('SELECT x FROM t ORDER BY x')[0].values).toEqual([[1], [2]]);
  });
});
