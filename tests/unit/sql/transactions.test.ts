// transaction.atomic on the SQLite connection: savepoints inside a transaction, and the
// "needs rollback" mark an error leaves when no savepoint can undo it.
import { describe, expect, it } from 'vitest';
import { loadSqlJs } from '../../../src/platform/node';
import { SqlJsDatabase } from '../../../src/platform/sqljs';
import { DatabaseWrapper } from '../../../src/engine/db/backends/sqlite3/base';

async function connection() {
  const c = new DatabaseWrapper(SqlJsDatabase.create(await loadSqlJs()));
  c.execute('CREATE TABLE t (x integer UNIQUE)');
  c.execute('INSERT INTO t VALUES (1)');
  return c;
}
const rows = (c: DatabaseWrapper) => c.query('SELECT x FROM t ORDER BY x').map((r) => r[0]);
const insert = (c: DatabaseWrapper, x: number) => c.execute('INSERT INTO t VALUES (%s)', [x]);
const brokenMessage = /TransactionManagementError|can't execute queries until the end of the 'atomic' block/;

describe('atomic blocks', () => {
  it('an inner block rolls back to its savepoint and the transaction goes on', async () => {
    const c = await connection();
    c.atomic(() => {
      insert(c, 2);
      expect(() => c.atomic(() => c.markForRollbackOnError(() => insert(c, 1)))).toThrow(/UNIQUE/);
      expect(c.needsRollback).toBe(false);
      insert(c, 3);
    });
    expect(rows(c)).toEqual([1, 2, 3]);
  });

  it('an error caught without a savepoint breaks the transaction until the outer block ends', async () => {
    const c = await connection();
    expect(() =>
      c.atomic(() => {
        insert(c, 2);
        try {
          c.markForRollbackOnError(() => insert(c, 1));
        } catch {
          // caught, but the transaction is marked
        }
        expect(c.needsRollback).toBe(true);
        insert(c, 3);
      }),
    ).toThrow(brokenMessage);
    expect(c.needsRollback).toBe(false);
    expect(rows(c)).toEqual([1]);
  });

  it('an inner block without a savepoint passes the mark on; the outer block rolls back silently', async () => {
    const c = await connection();
    c.atomic(() => {
      insert(c, 2);
      expect(() => c.atomic(() => insert(c, 1), false)).toThrow(/UNIQUE/);
      expect(c.needsRollback).toBe(true);
      // A block entered while the mark is set makes no savepoint and keeps the mark.
      c.atomic(() => undefined);
      expect(c.needsRollback).toBe(true);
    });
    expect(rows(c)).toEqual([1]);
  });

  it('outside a transaction an error leaves no mark', async () => {
    const c = await connection();
    expect(() => c.markForRollbackOnError(() => insert(c, 1))).toThrow(/UNIQUE/);
    expect(c.needsRollback).toBe(false);
    insert(c, 2);
    expect(rows(c)).toEqual([1, 2]);
  });
});
