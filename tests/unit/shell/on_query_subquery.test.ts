// "Show SQL" for a QuerySet used as a filter value: building the filter runs nothing, and
// evaluating it runs the one statement Django runs, with the QuerySet as a subquery.

import { describe, expect, it } from 'vitest';
import type { Console, ProjectFiles } from '../../../src/engine/project';

const MODELS = `from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)


class Post(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)
`;

function files(): ProjectFiles {
  const m = new Map<string, string>([
    ['settings.py', "INSTALLED_APPS = ['blog']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n"],
    ['blog/__init__.py', ''],
    ['blog/migrations/__init__.py', ''],
    ['blog/models.py', MODELS],
  ]);
  return { read: (p) => m.get(p), write: (p, t) => void m.set(p, t), delete: (p) => void m.delete(p), list: () => [...m.keys()].sort() };
}

describe('onQuery with a subquery', () => {
  it('reports one statement for filter(x__in=<QuerySet>)', async () => {
    const { Project } = await import('../../../src/engine/project');
    const { loadSqlJs } = await import('../../../src/platform/node');
    const { SqlJsDatabase } = await import('../../../src/platform/sqljs');
    const { onQuery } = await import('../../../src/engine/shell');
    const project = new Project(files(), SqlJsDatabase.create(await loadSqlJs()));
    const quiet: Console = { stdout() {}, stderr() {}, readLine: async () => null, isatty: false };
    expect(await project.run(['makemigrations'], quiet)).toBe(0);
    expect(await project.run(['migrate'], quiet)).toBe(0);
    const seen: string[] = [];
    const marks: number[] = [];
    const input = [
      "a = Author.objects.create(name='Ann')",
      "Post.objects.create(title='Hi', author=a)",
      "qs = Post.objects.filter(author__in=Author.objects.filter(name__startswith='A'))",
      'list(qs)',
    ];
    let out = '';
    const tty: Console = {
      stdout: (t) => void (out += t),
      stderr: () => {},
      readLine: async () => {
        marks.push(seen.length);
        return input.shift() ?? null;
      },
      isatty: true,
    };
    const stop = onQuery((q) => seen.push(q.sql));
    expect(await project.run(['shell'], tty)).toBe(0);
    stop();
    expect(marks[3]).toBe(marks[2]);
    expect(seen.slice(marks[3])).toEqual([
      `SELECT "blog_post"."id", "blog_post"."title", "blog_post"."author_id" FROM "blog_post" WHERE "blog_post"."author_id" IN (SELECT U0."id" FROM "blog_author" U0 WHERE U0."name" LIKE 'A%' ESCAPE '\\')`,
    ]);
    expect(out).toContain('[<Post: Post object (1)>]');
  }, 30000);
});
