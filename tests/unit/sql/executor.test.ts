import { describe, expect, it } from 'vitest';
import { connect, schemaOf } from './doubles';
import { MigrationExecutor, type ExecLoader, type ExecState } from '../../../src/engine/db/migrations/executor';
import { Migration } from '../../../src/engine/db/migrations/migration';
import { MigrationGraph, keyStr } from '../../../src/engine/db/migrations/graph';
import { RunSQL } from '../../../src/engine/db/migrations/operations/special';
import { MigrationRecorder } from '../../../src/engine/db/migrations/recorder';
import { PyList } from '../../../src/engine/python/values';
import type { DatabaseWrapper } from '../../../src/engine/db/backends/sqlite3/base';

class FakeState implements ExecState {
  readonly apps = { getModel: () => ({}) };
  clone(): FakeState {
    return new FakeState();
  }
  models = new Map();
}

function migration(app: string, name: string, deps: [string, string][], sql: string, reverse: string | null = null): Migration {
  const m = new Migration(name, app);
  m.dependencies = deps;
  m.operations = [new RunSQL(sql, reverse)];
  return m;
}

function loaderFor(conn: DatabaseWrapper, migrations: Migration[]): ExecLoader {
  const graph = new MigrationGraph<Migration>();
  for (const m of migrations) graph.addNode(m.key, m);
  for (const m of migrations) for (const d of m.dependencies) graph.addDependency(String(m), m.key, d);
  const applied = new Map<string, [string, string]>();
  for (const r of new MigrationRecorder(conn).appliedMigrations()) applied.set(keyStr([r.app, r.name]), [r.app, r.name]);
  return {
    graph: graph as unknown as ExecLoader['graph'],
    appliedMigrations: applied,
    replacements: new Map(),
    unmigratedApps: [],
    projectState: () => new FakeState(),
  };
}

const history = () => [
  migration('blog', '0001_initial', [], 'CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "slug" varchar(50) NOT NULL)', 'DROP TABLE "blog_post"'),
  migration('blog', '0002_unique_slug', [['blog', '0001_initial']], 'CREATE UNIQUE INDEX "slug_uniq" ON "blog_post" ("slug")', 'DROP INDEX "slug_uniq"'),
];

function executorFor(conn: DatabaseWrapper, events: string[] = []) {
  return new MigrationExecutor(conn, loaderFor(conn, history()), () => new FakeState(), (action, m) =>
    events.push(`${action}${m ? ` ${String(m)}` : ''}`),
  );
}

describe('migration executor', () => {
  it('creates django_migrations as Django does and records applied migrations', async () => {
    const conn = await connect();
    const events: string[] = [];
    executorFor(conn, events).migrate([['blog', '0002_unique_slug']]);
    expect(schemaOf(conn)).toContain(
      'CREATE TABLE "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL)',
    );
    expect(conn.query('SELECT app, name FROM django_migrations ORDER BY id')).toEqual([
      ['blog', '0001_initial'],
      ['blog', '0002_unique_slug'],
    ]);
    expect(events).toEqual(['apply_start blog.0001_initial', 'apply_success blog.0001_initial', 'apply_start blog.0002_unique_slug', 'apply_success blog.0002_unique_slug']);
  });

  it('plans backwards to a target and to zero', async () => {
    const conn = await connect();
    executorFor(conn).migrate([['blog', '0002_unique_slug']]);
    const back = executorFor(conn).migrationPlan([['blog', '0001_initial']]);
    expect(back.map(([m, b]) => `${String(m)} ${b}`)).toEqual(['blog.0002_unique_slug true']);
    const zero = executorFor(conn).migrationPlan([['blog', null]]);
    expect(zero.map(([m]) => String(m))).toEqual(['blog.0002_unique_slug', 'blog.0001_initial']);
    executorFor(conn).migrate([['blog', null]]);
    expect(conn.query('SELECT count(*) FROM django_migrations')).toEqual([[0]]);
    expect(schemaOf(conn).some((s) => s.includes('blog_post'))).toBe(false);
  });

  it('rolls a failing migration back, records nothing and keeps every row', async () => {
    const conn = await connect();
    executorFor(conn).migrate([['blog', '0001_initial']]);
    conn.execute("INSERT INTO blog_post (slug) VALUES ('same'), ('same')");
    const before = schemaOf(conn);
    expect(() => executorFor(conn).migrate([['blog', '0002_unique_slug']])).toThrow(/UNIQUE constraint failed: blog_post.slug/);
    expect(conn.query('SELECT app, name FROM django_migrations')).toEqual([['blog', '0001_initial']]);
    expect(conn.query('SELECT slug FROM blog_post')).toEqual([['same'], ['same']]);
    expect(schemaOf(conn)).toEqual(before);
    expect(conn.inAtomicBlock).toBe(false);
  });

  it('fakes migrations without touching the schema', async () => {
    const conn = await connect();
    executorFor(conn).migrate([['blog', '0002_unique_slug']], { fake: true });
    expect(conn.query('SELECT name FROM django_migrations ORDER BY id')).toEqual([['0001_initial'], ['0002_unique_slug']]);
    expect(schemaOf(conn).some((s) => s.includes('blog_post'))).toBe(false);
  });

  it('collects RunSQL statements for sqlmigrate, lists with params too', async () => {
    const conn = await connect();
    const m = new Migration('0003_data', 'blog');
    m.operations = [new RunSQL(new PyList(["INSERT INTO t VALUES (1)", new PyList(['INSERT INTO t VALUES (%s, %s)', new PyList([2n, "it's"])])]))];
    const ex = executorFor(conn);
    const sql = ex.collectSql([[m as never, false]]);
    expect(sql).toEqual(['--', '-- Raw SQL operation', '--', 'INSERT INTO t VALUES (1);', "INSERT INTO t VALUES (2, 'it''s');"]);
  });
});
