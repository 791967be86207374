// RunPython sees every model fully rendered, even after operations that re-rendered only a
// model's neighbours (delayed reloads), as in Django.

import { expect, it } from 'vitest';
import { Project, type Console } from '../../../src/engine/project';
import { loadSqlJs } from '../../../src/platform/node';
import { SqlJsDatabase } from '../../../src/platform/sqljs';
import { MemoryFiles } from '../../../src/ui/engine/memoryFiles';

const MIGRATION = `from django.db import migrations, models
import django.db.models.deletion


def fill(apps, schema_editor):
    Author = apps.get_model('blog', 'Author')
    Book = apps.get_model('blog', 'Book')
    Review = apps.get_model('blog', 'Review')
    a = Author.objects.create(name='Ann')
    b = Book.objects.create(author=a, title='T')
    Review.objects.create(book=b, stars=5)
    print(a.book_set.count(), b.review_set.count(), Review.objects.filter(book__author__name='Ann').count())


class Migration(migrations.Migration):

    initial = True

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
            name='Review',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('stars', models.IntegerField()),
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
        migrations.AddField(
            model_name='review',
            name='book',
            field=models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to='blog.book'),
        ),
        migrations.RunPython(fill),
    ]
`;

const MODELS = `from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=50)


class Book(models.Model):
    title = models.CharField(max_length=50)
    author = models.ForeignKey(Author, on_delete=models.CASCADE)


class Review(models.Model):
    stars = models.IntegerField()
    book = models.ForeignKey(Book, on_delete=models.CASCADE)
`;

it('RunPython after a relation was added reaches every reverse relation', async () => {
  const files = new MemoryFiles({
    'settings.py': "INSTALLED_APPS = ['blog']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n",
    'blog/__init__.py': '',
    'blog/migrations/__init__.py': '',
    'blog/migrations/0001_initial.py': MIGRATION,
    'blog/models.py': MODELS,
  });
  let out = '';
  const console: Console = { stdout: (t) => void (out += t), stderr: (t) => void (out += t), readLine: async () => null, isatty: false };
  const code = await new Project(files, SqlJsDatabase.create(await loadSqlJs())).run(['migrate'], console);
  expect(out).toContain('Applying blog.0001_initial...1 1 1\n OK');
  expect(code).toBe(0);
});
