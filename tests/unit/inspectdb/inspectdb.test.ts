// inspectdb run through the engine's Project over a sql.js database.
import { describe, expect, it } from 'vitest';
import { project } from './project';

const modelsOf = (stdout: string) => stdout.slice(stdout.indexOf('from django.db import models\n') + 29);

describe('inspectdb', () => {
  it('writes an unmanaged model per table, with relations and unique_together', async () => {
    const run = await project({ blog: '' }, [
      'CREATE TABLE author (id integer PRIMARY KEY, "Full Name" varchar(40) NOT NULL)',
      'CREATE TABLE book (code varchar(8) PRIMARY KEY, author_id int REFERENCES author (id), editor int REFERENCES author (id), isbn text, ed int, CONSTRAINT u UNIQUE (isbn, ed))',
    ]);
    const r = await run('inspectdb');
    expect(r.exit).toBe(0);
    expect(r.stderr).toBe('');
    expect(modelsOf(r.stdout)).toBe(
      [
        '',
        '',
        'class Author(models.Model):',
        "    full_name = models.CharField(db_column='Full Name', max_length=40)  # Field name made lowercase. Field renamed to remove unsuitable characters.",
        '',
        '    class Meta:',
        '        managed = False',
        "        db_table = 'author'",
        '',
        '',
        'class Book(models.Model):',
        '    code = models.CharField(primary_key=True, max_length=8, blank=True, null=True)',
        '    author = models.ForeignKey(Author, models.DO_NOTHING, blank=True, null=True)',
        "    editor = models.ForeignKey(Author, models.DO_NOTHING, db_column='editor', related_name='book_editor_set', blank=True, null=True)",
        '    isbn = models.TextField(blank=True, null=True)',
        '    ed = models.IntegerField(blank=True, null=True)',
        '',
        '    class Meta:',
        '        managed = False',
        "        db_table = 'book'",
        "        unique_together = (('isbn', 'ed'),)",
        '',
      ].join('\n'),
    );
  }, 30000);

  it('leaves views out unless asked, and reports tables it cannot read', async () => {
    const run = await project({ blog: '' }, ['CREATE TABLE t (a int, b int, PRIMARY KEY (a, b))', 'CREATE VIEW v AS SELECT a FROM t']);
    const plain = await run('inspectdb');
    expect(modelsOf(plain.stdout)).toBe("# Unable to inspect table 't'\n# The error was: list index out of range\n");
    const views = await run('inspectdb', '--include-views', 'v', 'nope');
    expect(modelsOf(views.stdout)).toContain("        managed = False  # Created from a view. Don't remove.\n");
    expect(modelsOf(views.stdout)).toContain("# Unable to inspect table 'nope'\n# The error was: Table nope does not exist (empty pragma).\n");
  }, 30000);

  it("prints an SQLite error as Python's str() of it", async () => {
    const run = await project({ blog: '' }, ['CREATE TABLE "a""b" (x int)']);
    const r = await run('inspectdb');
    expect(modelsOf(r.stdout)).toBe('# Unable to inspect table \'a"b\'\n# The error was: near "b": syntax error\n');
  }, 30000);
});
