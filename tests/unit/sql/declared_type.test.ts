// The Database tab's column types: the declared type as the CREATE TABLE text spells it
// (SQLite's PRAGMA table_info upper-cases the six standard names).
import { describe, expect, it } from 'vitest';
import { declaredType } from '../../../src/engine/db/backends/sqlite3/declared_type';
import { introspectTables } from '../../../src/engine/project';
import { loadSqlJs } from '../../../src/platform/node';
import { SqlJsDatabase } from '../../../src/platform/sqljs';
import { introspectTables as fakeIntrospect } from '../../../src/ui/fake/introspect';

const DJANGO_DDL =
  'CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, ' +
  '"body" text NOT NULL, "score" real NULL, "views" integer unsigned NOT NULL CHECK ("views" >= 0), "data" blob NULL, "n" Int NOT NULL)';

describe('column types as declared', () => {
  it('keeps what CREATE TABLE wrote, for Project.tables() and the stand-in engine', async () => {
    const db = SqlJsDatabase.create(await loadSqlJs());
    db.exec(DJANGO_DDL);
    db.exec('ALTER TABLE "blog_post" ADD COLUMN "extra" text NULL');
    db.exec('CREATE TABLE plain (a INTEGER, b text, [c d] integer, `e` Text)');
    for (const tables of [introspectTables(db), fakeIntrospect(db)]) {
      const types = (t: string) => Object.fromEntries(tables.find((x) => x.name === t)!.columns.map((c) => [c.name, c.type]));
      expect(types('blog_post')).toEqual({
        id: 'integer', title: 'varchar(200)', body: 'text', score: 'real', views: 'integer unsigned', data: 'blob', n: 'Int', extra: 'text',
      });
      expect(types('plain')).toEqual({ a: 'INTEGER', b: 'text', 'c d': 'integer', e: 'Text' });
    }
  });

  it('falls back to the reported type when the text cannot be matched', () => {
    expect(declaredType(null, 'id', 'INTEGER')).toBe('INTEGER');
    expect(declaredType('CREATE TABLE t (x integer)', 'id', 'INTEGER')).toBe('INTEGER');
    // "idx" is not "id"; a longer type name is not the standard one.
    expect(declaredType('CREATE TABLE t ("idx" integer, "id" INTEGER)', 'id', 'INTEGER')).toBe('INTEGER');
    expect(declaredType('CREATE TABLE t ("id" integer)', 'id', 'varchar(3)')).toBe('varchar(3)');
  });
});
