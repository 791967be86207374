// A module is not serializable: the error shows the module's repr(), as Django's does.
import { describe, expect, it } from 'vitest';
import { serialize } from '../../../src/engine/db/migrations/serializer';
import { PyException, PyList, PyModule } from '../../../src/engine/python/values';
import type { Console, ProjectFiles } from '../../../src/engine/project';

function message(value: unknown): string {
  try {
    serialize(value);
  } catch (e) {
    expect(e).toBeInstanceOf(PyException);
    return (e as PyException).pyMessage.split('\n')[0];
  }
  throw new Error('serialized a module');
}

function module(name: string, dict: Record<string, unknown> = {}): PyModule {
  const m = new PyModule(name);
  for (const [k, v] of Object.entries(dict)) m.dict.set(k, v as never);
  return m;
}

describe('serializing a module', () => {
  it('names the module the way repr() does', () => {
    expect(message(module('blog.utils', { __file__: 'blog/utils.py' }))).toBe("Cannot serialize: <module 'blog.utils' from 'blog/utils.py'>");
    expect(message(module('django.db.models', { __path__: new PyList([]) }))).toBe(
      "Cannot serialize: <module 'django.db.models' from '/usr/lib/python3/dist-packages/django/db/models/__init__.py'>",
    );
    expect(message(module('os.path'))).toBe("Cannot serialize: <module 'posixpath' (frozen)>");
    expect(message(module('sys'))).toBe("Cannot serialize: <module 'sys' (built-in)>");
  });

  it('makemigrations with default=models fails like Django, without JS-shaped text', async () => {
    const { Project } = await import('../../../src/engine/project');
    const { loadSqlJs } = await import('../../../src/platform/node');
    const { SqlJsDatabase } = await import('../../../src/platform/sqljs');
    const m = new Map<string, string>([
      ['settings.py', "INSTALLED_APPS = ['blog']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n"],
      ['blog/__init__.py', ''],
      ['blog/migrations/__init__.py', ''],
      ['blog/models.py', 'from django.db import models\n\n\nclass P(models.Model):\n    x = models.IntegerField(default=models)\n'],
    ]);
    const files: ProjectFiles = { read: (p) => m.get(p), write: (p, t) => void m.set(p, t), delete: (p) => void m.delete(p), list: () => [...m.keys()].sort() };
    let err = '';
    const console: Console = { stdout: () => {}, stderr: (t) => void (err += t), readLine: async () => null, isatty: false };
    const status = await new Project(files, SqlJsDatabase.create(await loadSqlJs())).run(['makemigrations'], console);
    expect(status).toBe(1);
    expect(err).toContain(
      "ValueError: Cannot serialize: <module 'django.db.models' from '/usr/lib/python3/dist-packages/django/db/models/__init__.py'>\n" +
        'There are some values Django cannot serialize into migration files.\n',
    );
    expect(err).not.toContain('[object Object]');
  }, 30000);
});
