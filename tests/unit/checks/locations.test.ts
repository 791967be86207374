// Where the new checks point in the editor: Project.diagnostics() gives each message the file
// and line a student should look at.

import { describe, expect, it } from 'vitest';
import type { Diagnostic, ProjectFiles } from '../../../src/engine/project';

const SETTINGS =
  "SECRET_KEY = 'x'\nINSTALLED_APPS = ['django.contrib.auth', 'django.contrib.contenttypes', 'blog']\n" +
  "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n";

function files(models: string, settings = SETTINGS): ProjectFiles {
  const m = new Map<string, string>([
    ['settings.py', settings],
    ['blog/__init__.py', ''],
    ['blog/migrations/__init__.py', ''],
    ['blog/models.py', models],
  ]);
  return { read: (p) => m.get(p), write: (p, t) => void m.set(p, t), delete: (p) => void m.delete(p), list: () => [...m.keys()].sort() };
}

async function diagnostics(models: string, settings?: string): Promise<Diagnostic[]> {
  const { Project } = await import('../../../src/engine/project');
  const { loadSqlJs } = await import('../../../src/platform/node');
  const { SqlJsDatabase } = await import('../../../src/platform/sqljs');
  return new Project(files(models, settings), SqlJsDatabase.create(await loadSqlJs())).diagnostics();
}

const brief = (d: Diagnostic[]) => d.map((x) => `${x.file}:${x.line} ${x.severity} ${x.code}`).sort();

describe('check locations in the editor', () => {
  it('permission problems point at Meta.permissions, a long verbose_name at verbose_name, a long model name at the class', async () => {
    const models = [
      'from django.db import models', //                    1
      '', //                                                 2
      '', //                                                 3
      'class Post(models.Model):', //                        4
      '    title = models.CharField(max_length=200)', //     5
      '', //                                                 6
      '    class Meta:', //                                  7
      "        verbose_name = 'post'", //                    8
      '        permissions = [', //                          9
      "            ('add_post', 'Can add'),", //             10
      "            ('publish', 'Can publish'),", //          11
      "            ('publish', 'Can publish'),", //          12
      '        ]', //                                        13
      '', //                                                 14
      '', //                                                 15
      'class Short(models.Model):', //                       16
      '    class Meta:', //                                  17
      "        verbose_name = 'v' * 250", //                 18
      '', //                                                 19
      '', //                                                 20
      `class ${'Long'.repeat(24)}(models.Model):`, //        21
      '    pass', //                                         22
      '',
    ].join('\n');
    expect(brief(await diagnostics(models, SETTINGS))).toEqual([
      'blog/models.py:18 error auth.E007',
      'blog/models.py:21 error auth.E011',
      'blog/models.py:9 error auth.E005',
      'blog/models.py:9 error auth.E006',
    ]);
  }, 30000);

  it('permissions inherited from an abstract Meta in the same file point at that Meta', async () => {
    const models = [
      'from django.db import models',
      '',
      '',
      'class Base(models.Model):',
      '    class Meta:',
      '        abstract = True',
      "        permissions = [('view_post', 'Can view')]",
      '',
      '',
      'class Post(Base):',
      '    class Meta(Base.Meta):',
      '        pass',
      '',
    ].join('\n');
    expect(brief(await diagnostics(models))).toEqual(['blog/models.py:7 error auth.E005']);
  }, 30000);

  it('a fixed date default and a through_fields typo point at the field', async () => {
    const models = [
      'from django.db import models', //                                                         1
      'from django.utils import timezone', //                                                    2
      '', //                                                                                      3
      '', //                                                                                      4
      'class Person(models.Model):', //                                                           5
      '    joined = models.DateTimeField(default=timezone.now())', //                             6
      '', //                                                                                      7
      '', //                                                                                      8
      'class Group(models.Model):', //                                                            9
      "    members = models.ManyToManyField(Person, through='Membership', through_fields=('group', 'persn'))", // 10
      '', //                                                                                      11
      '', //                                                                                      12
      'class Membership(models.Model):', //                                                       13
      '    group = models.ForeignKey(Group, on_delete=models.CASCADE)', //                        14
      '    person = models.ForeignKey(Person, on_delete=models.CASCADE)', //                      15
      '',
    ].join('\n');
    const d = await diagnostics(models);
    expect(brief(d)).toEqual(['blog/models.py:10 error fields.E338', 'blog/models.py:6 warning fields.W161']);
    expect(d.find((x) => x.code === 'fields.E338')!.message).toBe(
      "blog.Group.members: (fields.E338) The intermediary model 'blog.Membership' has no field 'persn'.\n\tHINT: Did you mean one of the following foreign keys to 'Person': person?",
    );
  }, 30000);

  it('a db_default that reads a column points at the field (the editor runs the database checks)', async () => {
    const models = [
      'from django.db import models',
      'from django.db.models.functions import Lower',
      '',
      '',
      'class Post(models.Model):',
      '    title = models.CharField(max_length=200)',
      "    slug = models.CharField(max_length=200, db_default=Lower('title'))",
      '',
    ].join('\n');
    const d = await diagnostics(models);
    expect(d.map((x) => [x.file, x.line, x.severity, x.message])).toEqual([
      ['blog/models.py', 7, 'error', 'blog.Post.slug: (fields.E012) Lower(F(title)) cannot be used in db_default.'],
    ]);
  }, 30000);

  it('an overridden check() points at the model', async () => {
    const models = ['from django.db import models', '', '', 'class Post(models.Model):', '    def check(self):', '        return []', ''].join('\n');
    expect(brief(await diagnostics(models))).toEqual(['blog/models.py:4 error models.E020']);
  }, 30000);

  it('a malformed Meta.permissions is a ValueError, as in Django, marked at Meta.permissions', async () => {
    const models = ['from django.db import models', '', '', 'class Post(models.Model):', '    class Meta:', "        permissions = ('publish', 'Can publish')", ''].join('\n');
    const d = await diagnostics(models);
    expect(d.map((x) => [x.file, x.line, x.message])).toEqual([['blog/models.py', 6, 'ValueError: too many values to unpack (expected 2)']]);
  }, 30000);
});
