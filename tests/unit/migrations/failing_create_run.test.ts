// A run of CreateModel operations has its SQL built first and executed after (faster than
// alternating); a statement that fails must still leave the database as Django leaves it.
// Expected outcomes recorded from Django 5.2: blog_book already exists when 0001_initial runs.

import { describe, expect, it } from 'vitest';
import { manage } from '../manage';

const SETTINGS =
  "INSTALLED_APPS = ['blog']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n";

const MODELS = `from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)


class Book(models.Model):
    title = models.CharField(max_length=50)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)


class Shelf(models.Model):
    label = models.CharField(max_length=20)
`;

const initial = (atomic: boolean) => `from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    initial = True
${atomic ? '' : '    atomic = False\n'}
    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='Author',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=50)),
            ],
        ),
        migrations.CreateModel(
            name='Shelf',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('label', models.CharField(max_length=20)),
            ],
        ),
        migrations.CreateModel(
            name='Book',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('title', models.CharField(max_length=50)),
                ('author', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='blog.author')),
            ],
        ),
    ]
`;

async function migrateOver(atomic: boolean) {
  const run = await manage(
    {
      'settings.py': SETTINGS,
      'blog/__init__.py': '',
      'blog/models.py': MODELS,
      'blog/migrations/__init__.py': '',
      'blog/migrations/0001_initial.py': initial(atomic),
    },
    ['CREATE TABLE blog_book (x int)', 'INSERT INTO blog_book VALUES (7)'],
  );
  const { exit: code, stdout, stderr } = await run('migrate');
  const rows = (sql: string) => run.db.exec(sql)[0].values;
  return {
    code,
    out: stdout + stderr,
    tables: rows("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").map((r) => r[0]),
    applied: rows('SELECT app, name FROM django_migrations'),
    rows: rows('SELECT * FROM blog_book'),
  };
}

describe('a CreateModel whose table already exists', () => {
  it('rolls the whole atomic migration back and records nothing', async () => {
    const r = await migrateOver(true);
    expect(r.code).toBe(1);
    expect(r.out).toContain('  Applying blog.0001_initial...');
    expect(r.out).toContain('django.db.utils.OperationalError: table "blog_book" already exists');
    expect(r.tables).toEqual(['blog_book', 'django_migrations', 'sqlite_sequence']);
    expect(r.applied).toEqual([]);
    expect(r.rows).toEqual([[7]]);
  });

  it('keeps the tables created before it when the migration is not atomic', async () => {
    const r = await migrateOver(false);
    expect(r.code).toBe(1);
    expect(r.out).toContain('django.db.utils.OperationalError: table "blog_book" already exists');
    expect(r.tables).toEqual(['blog_author', 'blog_book', 'blog_shelf', 'django_migrations', 'sqlite_sequence']);
    expect(r.applied).toEqual([]);
  });
});
