// Project.migrationSnapshots: the models just before and just after one migration, from the
// migration files' states (the Diagram tab's per-migration before/after).
import { describe, expect, it } from 'vitest';
import { Project, type Console } from '../../../src/engine/project';
import { loadSqlJs } from '../../../src/platform/node';
import { SqlJsDatabase } from '../../../src/platform/sqljs';
import { MemoryFiles } from '../../../src/ui/engine/memoryFiles';

const SETTINGS = `INSTALLED_APPS = ['blog']
DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}
DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'
`;
const V1 = `from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
`;
const V2 = V1 + `    views_count = models.IntegerField(default=0)
`;

const quiet: Console = { stdout() {}, stderr() {}, readLine: async () => null, isatty: false };

async function twoMigrations() {
  const files = new MemoryFiles({
    'manage.py': '',
    'settings.py': SETTINGS,
    'blog/__init__.py': '',
    'blog/models.py': V1,
    'blog/migrations/__init__.py': '',
  });
  const db = SqlJsDatabase.create(await loadSqlJs());
  expect(await new Project(files, db).run(['makemigrations'], quiet)).toBe(0);
  files.write('blog/models.py', V2);
  expect(await new Project(files, db).run(['makemigrations'], quiet)).toBe(0);
  return new Project(files, db);
}

const columns = (models: { name: string; fields: { column: string | null }[] }[] | undefined, model: string) =>
  models?.find((m) => m.name === model)?.fields.map((f) => f.column) ?? [];

describe('Project.migrationSnapshots', () => {
  it('shows what one migration adds: before lacks the column, after has it', async () => {
    const project = await twoMigrations();
    const snap = project.migrationSnapshots('blog', '0002_post_views_count');
    expect(snap).not.toBeNull();
    expect(columns(snap!.before, 'Post')).toEqual(['id', 'title']);
    expect(columns(snap!.after, 'Post')).toEqual(['id', 'title', 'views_count']);
    const field = snap!.after.find((m) => m.name === 'Post')!.fields.find((f) => f.name === 'views_count')!;
    expect(field).toMatchObject({ type: 'IntegerField', dbType: 'integer', null: false });
    expect(snap!.after.find((m) => m.name === 'Post')).toMatchObject({ app: 'blog', table: 'blog_post' });
  });

  it('the first migration starts from no models', async () => {
    const project = await twoMigrations();
    const snap = project.migrationSnapshots('blog', '0001_initial');
    expect(snap!.before.filter((m) => m.app === 'blog')).toEqual([]);
    expect(columns(snap!.after, 'Post')).toEqual(['id', 'title']);
  });

  it('answers null for a migration that does not exist, without touching the database', async () => {
    const project = await twoMigrations();
    expect(project.migrationSnapshots('blog', '0003_nope')).toBeNull();
    expect(project.migrationSnapshots('nope', '0001_initial')).toBeNull();
    expect(project.tables().filter((t) => t.name.startsWith('blog_'))).toEqual([]);
  });
});
