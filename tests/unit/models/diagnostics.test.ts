// The editor's problems are what `migrate` would report, database checks included.

import { describe, expect, it } from 'vitest';
import { Project } from '../../../src/engine/project';
import { loadSqlJs } from '../../../src/platform/node';
import { SqlJsDatabase } from '../../../src/platform/sqljs';
import { MemoryFiles } from '../../../src/ui/engine/memoryFiles';

const SETTINGS =
  "INSTALLED_APPS = ['blog']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n";

describe('diagnostics', () => {
  it('include the database checks migrate runs (SQLite has no column comments)', async () => {
    const models = "from django.db import models\n\n\nclass Post(models.Model):\n    title = models.CharField(max_length=200, db_comment='The title')\n";
    const d = new Project(new MemoryFiles({ 'settings.py': SETTINGS, 'blog/__init__.py': '', 'blog/models.py': models }), SqlJsDatabase.create(await loadSqlJs())).diagnostics();
    expect(d).toEqual([
      expect.objectContaining({ file: 'blog/models.py', line: 5, severity: 'warning', code: 'fields.W163', message: 'blog.Post.title: (fields.W163) SQLite does not support comments on columns (db_comment).' }),
    ]);
  });
});
