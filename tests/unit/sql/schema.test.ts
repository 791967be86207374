import { describe, expect, it } from 'vitest';
import { connect, makeModel, schemaOf, TestField } from './doubles';
import type { DatabaseWrapper } from '../../../src/engine/db/backends/sqlite3/base';

function collect(conn: DatabaseWrapper, fn: (e: ReturnType<DatabaseWrapper['schemaEditor']>) => void): string[] {
  const editor = conn.schemaEditor({ collectSql: true });
  editor.run(fn);
  return [...editor.collectedSql];
}

describe('sqlite schema editor', () => {
  it('creates a table with Django column definitions and a deferred FK index', async () => {
    const conn = await connect();
    const author = makeModel('blog', 'Author', [['name', new TestField('CharField', { maxLength: 100 })]]);
    const post = makeModel('blog', 'Post', [
      ['title', new TestField('CharField', { maxLength: 200, unique: true })],
      ['age', new TestField('PositiveIntegerField')],
      ['author', new TestField('ForeignKey', { to: author })],
    ]);
    const sql = collect(conn, (e) => {
      e.createModel(author);
      e.createModel(post);
    });
    expect(sql).toEqual([
      'CREATE TABLE "blog_author" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "name" varchar(100) NOT NULL);',
      'CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL UNIQUE, "age" integer unsigned NOT NULL CHECK ("age" >= 0), "author_id" bigint NOT NULL REFERENCES "blog_author" ("id") DEFERRABLE INITIALLY DEFERRED);',
      'CREATE INDEX "blog_post_author_id_dd7a8485" ON "blog_post" ("author_id");',
    ]);
  });

  it('names indexes like Django (md5 of table and columns)', async () => {
    const conn = await connect();
    const editor = conn.schemaEditor();
    expect(editor._createIndexName('blog_comment', ['post_id'])).toBe('blog_comment_post_id_580e96ef');
  });

  it('adds a nullable column with ALTER TABLE and rebuilds for NOT NULL with a default, keeping rows', async () => {
    const conn = await connect();
    const post = makeModel('blog', 'Post', [['title', new TestField('CharField', { maxLength: 200 })]]);
    conn.schemaEditor().run((e) => e.createModel(post));
    conn.execute("INSERT INTO blog_post (title) VALUES ('a'), ('b')");
    const subtitle = new TestField('CharField', { maxLength: 10, null: true }).setName('subtitle');
    const sql1 = collect(conn, (e) => e.addField(post, subtitle));
    expect(sql1).toEqual(['ALTER TABLE "blog_post" ADD COLUMN "subtitle" varchar(10) NULL;']);
    const views = new TestField('IntegerField', { default: 0n }).setName('views');
    const sql2 = collect(conn, (e) => e.addField(post, views));
    expect(sql2).toEqual([
      'CREATE TABLE "new__blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "views" integer NOT NULL);',
      'INSERT INTO "new__blog_post" ("id", "title", "views") SELECT "id", "title", 0 FROM "blog_post";',
      'DROP TABLE "blog_post";',
      'ALTER TABLE "new__blog_post" RENAME TO "blog_post";',
    ]);
    conn.schemaEditor().run((e) => e.addField(post, views));
    expect(conn.query('SELECT id, title, views FROM blog_post ORDER BY id')).toEqual([
      [1, 'a', 0],
      [2, 'b', 0],
    ]);
    expect(schemaOf(conn)[0]).toBe(
      'CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL, "views" integer NOT NULL)',
    );
  });

  it('drops a plain column with DROP COLUMN and rebuilds for a unique one', async () => {
    const conn = await connect();
    const title = new TestField('CharField', { maxLength: 200 });
    const slug = new TestField('SlugField', { maxLength: 50, unique: true });
    const post = makeModel('blog', 'Post', [
      ['title', title],
      ['slug', slug],
    ]);
    expect(collect(conn, (e) => e.removeField(post, title))).toEqual(['ALTER TABLE "blog_post" DROP COLUMN "title";']);
    expect(collect(conn, (e) => e.removeField(post, slug))[0]).toBe(
      'CREATE TABLE "new__blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL);',
    );
  });

  it('renames a column with RENAME COLUMN when only the name changes', async () => {
    const conn = await connect();
    const old = new TestField('CharField', { maxLength: 200 });
    const post = makeModel('blog', 'Post', [['title', old]]);
    const renamed = new TestField('CharField', { maxLength: 200 }).setName('headline');
    expect(collect(conn, (e) => e.alterField(post, old, renamed))).toEqual([
      'ALTER TABLE "blog_post" RENAME COLUMN "title" TO "headline";',
    ]);
  });

  it('rebuilds with coalesce when a column becomes NOT NULL', async () => {
    const conn = await connect();
    const old = new TestField('IntegerField', { null: true });
    const post = makeModel('blog', 'Post', [['views', old]]);
    const changed = new TestField('IntegerField', { default: 0n }).setName('views');
    const sql = collect(conn, (e) => e.alterField(post, old, changed));
    expect(sql[1]).toBe('INSERT INTO "new__blog_post" ("id", "views") SELECT "id", coalesce("views", 0) FROM "blog_post";');
  });

  it('creates unique_together and db_index indexes after the rebuild', async () => {
    const conn = await connect();
    const a = new TestField('CharField', { maxLength: 10, dbIndex: true });
    const b = new TestField('CharField', { maxLength: 10 });
    const m = makeModel('shop', 'Item', [
      ['a', a],
      ['b', b],
    ], { uniqueTogether: [['a', 'b']] });
    const sql = collect(conn, (e) => e.createModel(m));
    expect(sql[1]).toMatch(/^CREATE UNIQUE INDEX "shop_item_a_b_[0-9a-f]{8}_uniq" ON "shop_item" \("a", "b"\);$/);
    expect(sql[2]).toMatch(/^CREATE INDEX "shop_item_a_[0-9a-f]{8}" ON "shop_item" \("a"\);$/);
  });

  it('rolls a failed change back and keeps every row', async () => {
    const conn = await connect();
    const title = new TestField('CharField', { maxLength: 200 });
    const post = makeModel('blog', 'Post', [['title', title]]);
    conn.schemaEditor().run((e) => e.createModel(post));
    conn.execute("INSERT INTO blog_post (title) VALUES ('Same'), ('Same')");
    const unique = new TestField('CharField', { maxLength: 200, unique: true }).setName('title');
    expect(() => conn.schemaEditor().run((e) => e.alterField(post, title, unique))).toThrow(/UNIQUE constraint failed: new__blog_post.title/);
    expect(conn.query('SELECT title FROM blog_post')).toEqual([['Same'], ['Same']]);
    expect(schemaOf(conn)).toEqual(['CREATE TABLE "blog_post" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "title" varchar(200) NOT NULL)']);
  });
});
