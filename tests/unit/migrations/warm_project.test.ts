// A Project keeps what django.setup() loaded between commands only while running the files
// again could not give anything else: each `manage.py` command is a new Python process.

import { describe, expect, it } from 'vitest';
import { Project, type Console } from '../../../src/engine/project';
import { loadSqlJs } from '../../../src/platform/node';
import { SqlJsDatabase } from '../../../src/platform/sqljs';
import { MemoryFiles } from '../../../src/ui/engine/memoryFiles';

const SETTINGS =
  "INSTALLED_APPS = ['blog']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n";

const POST = `from django.db import models


class Post(models.Model):
    title = models.CharField(max_length=200)
`;

async function project(extra: Record<string, string>): Promise<Project> {
  return new Project(new MemoryFiles({ 'settings.py': SETTINGS, 'blog/__init__.py': '', 'blog/migrations/__init__.py': '', ...extra }), SqlJsDatabase.create(await loadSqlJs()));
}

async function run(p: Project, ...argv: string[]): Promise<{ code: number; out: string }> {
  let out = '';
  const console: Console = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), readLine: async () => null, isatty: false };
  const code = await p.run(argv, console);
  return { code, out };
}

// Registers one more model in the app, in this process only.
const EXTRA_MODEL = `from django.db import models
class Extra(models.Model):
    name = models.CharField(max_length=5)
    class Meta:
        app_label = 'blog'
`;

describe('the loaded project between commands', () => {
  it('is reused while the files are unchanged', async () => {
    const p = await project({ 'blog/models.py': POST });
    await run(p, 'check');
    const first = p.project;
    await run(p, 'makemigrations');
    await run(p, 'migrate');
    expect(p.project).toBe(first);
    p.files.write('blog/models.py', POST + '    body = models.TextField(default="")\n');
    const { out } = await run(p, 'makemigrations');
    expect(out).toContain('+ Add field body to post');
    expect(p.project).not.toBe(first);
  });

  it('is loaded again when models.py read the clock (every run sees a new default)', async () => {
    const models = `import datetime

from django.db import models


class Post(models.Model):
    published = models.DateTimeField(default=datetime.datetime.now())
`;
    const p = await project({ 'blog/models.py': models });
    expect((await run(p, 'makemigrations')).out).toContain('+ Create model Post');
    await new Promise((r) => setTimeout(r, 5));
    const { out } = await run(p, 'makemigrations');
    expect(out).toContain('~ Alter field published on post');
  });

  it('is loaded again when models.py prints (every command prints it first)', async () => {
    const p = await project({ 'blog/models.py': "print('loading models')\n" + POST });
    expect((await run(p, 'check')).out).toBe('loading models\nSystem check identified no issues (0 silenced).\n');
    expect((await run(p, 'check')).out).toBe('loading models\nSystem check identified no issues (0 silenced).\n');
  });

  it('is loaded again after the shell defined a model', async () => {
    const p = await project({ 'blog/models.py': POST });
    await run(p, 'makemigrations');
    await run(p, 'shell', '-c', EXTRA_MODEL);
    expect((await run(p, 'makemigrations')).out).toBe('No changes detected\n');
  });

  it('is loaded again after a RunPython function ran', async () => {
    const p = await project({
      'blog/models.py': POST,
      'blog/migrations/0001_initial.py': `from django.db import migrations, models


def shrink(apps, schema_editor):
    from django.db import models

    class Extra(models.Model):
        name = models.CharField(max_length=5)

        class Meta:
            app_label = 'blog'


class Migration(migrations.Migration):

    initial = True

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Post',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=200)),
            ],
        ),
        migrations.RunPython(shrink),
    ]
`,
    });
    expect((await run(p, 'migrate')).code).toBe(0);
    expect((await run(p, 'makemigrations')).out).toBe('No changes detected\n');
  });
});
