// The UI's view of laziness: onQuery reports each statement when it runs, not when the
// QuerySet is built.

import { describe, expect, it } from 'vitest';
import type { Console, ProjectFiles } from '../../../src/engine/project';

const MODELS = `from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)

    def __str__(self):
        return self.title


class Comment(models.Model):
    post = models.ForeignKey(Post, on_delete=models.CASCADE, related_name="comments")
    body = models.TextField()
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

describe('onQuery', () => {
  it('reports statements as they run in an interactive shell', async () => {
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
      "p = Post.objects.create(title='Hello')",
      "c = Comment.objects.create(post=p, body='Nice')",
      'qs = p.comments.all()',
      'qs',
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
    // Building the related QuerySet ran nothing; showing it ran one SELECT with LIMIT 21.
    expect(marks[3]).toBe(marks[2]);
    expect(seen.slice(marks[3])).toEqual([
      'SELECT "blog_comment"."id", "blog_comment"."post_id", "blog_comment"."body" FROM "blog_comment" WHERE "blog_comment"."post_id" = 1 LIMIT 21',
    ]);
    expect(seen[0]).toBe(`INSERT INTO "blog_post" ("title") VALUES ('Hello') RETURNING "blog_post"."id"`);
    expect(out).toContain('<QuerySet [<Comment: Comment object (1)>]>');
  }, 30000);
});
