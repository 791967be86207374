// Benchmark harness (bundled by bench/run.mjs): generated projects, migrate from an empty
// database, the same statements replayed on bare sql.js, and sqlmigrate of the initial migration.

import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { Project, type Console, type Database, type QueryResult, type SqlValue } from '../src/engine/project';
import { SqlJsDatabase } from '../src/platform/sqljs';
import { MemoryFiles } from '../src/ui/engine/memoryFiles';

let SQL: SqlJsStatic | undefined;
export async function init(): Promise<void> {
  SQL = await initSqlJs();
}

/** Records every statement (with its parameters) that reaches the database. */
class RecordingDatabase implements Database {
  readonly log: [string, SqlValue[] | undefined][] = [];
  constructor(readonly inner: SqlJsDatabase) {}
  exec(sql: string, params?: SqlValue[]): QueryResult[] {
    this.log.push([sql, params]);
    return this.inner.exec(sql, params);
  }
  export(): Uint8Array {
    return this.inner.export();
  }
}

const quiet: Console = {
  stdout: () => {},
  stderr: () => {},
  readLine: async () => null,
  isatty: false,
};

/** A blog-like project with `n` models: a few columns each, a ForeignKey to the previous model. */
export function generateProject(n: number): Record<string, string> {
  const lines = ['from django.db import models', ''];
  for (let i = 0; i < n; i++) {
    lines.push('', `class Model${i}(models.Model):`);
    lines.push('    name = models.CharField(max_length=100)');
    lines.push('    slug = models.SlugField(unique=True)');
    lines.push('    count = models.PositiveIntegerField(default=0)');
    lines.push('    created = models.DateTimeField(auto_now_add=True)');
    if (i > 0) lines.push(`    parent = models.ForeignKey('Model${i - 1}', on_delete=models.CASCADE, null=True)`);
    lines.push('');
  }
  return {
    'settings.py':
      "SECRET_KEY = 'bench'\nINSTALLED_APPS = [\n    'blog',\n]\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\nUSE_TZ = True\n",
    'manage.py': '',
    'blog/__init__.py': '',
    'blog/migrations/__init__.py': '',
    'blog/models.py': lines.join('\n'),
  };
}

/** Runs makemigrations once and returns the files with the initial migration. */
export async function withMigrations(files: Record<string, string>): Promise<Record<string, string>> {
  const mem = new MemoryFiles(files);
  const project = new Project(mem, SqlJsDatabase.create(SQL!));
  const code = await project.run(['makemigrations'], quiet);
  if (code !== 0) throw new Error(`makemigrations failed with ${code}`);
  return mem.toObject();
}

/**
 * migrate on an empty database: milliseconds, and the statements it ran. `loaded`: as in the
 * playground, where the live preview has already loaded the project the student is editing;
 * otherwise as a fresh `manage.py` process, which first runs settings.py and models.py.
 */
export async function timeMigrate(
  files: Record<string, string>,
  loaded: boolean,
): Promise<{ ms: number; log: [string, SqlValue[] | undefined][]; code: number }> {
  const db = new RecordingDatabase(SqlJsDatabase.create(SQL!));
  const project = new Project(new MemoryFiles(files), db);
  if (loaded) {
    project.preview();
    db.log.length = 0;
  }
  const t0 = performance.now();
  const code = await project.run(['migrate'], quiet);
  const ms = performance.now() - t0;
  db.inner.raw.close();
  return { ms, log: db.log, code };
}

/** The same statements on a bare sql.js database with its default settings, through its own API. */
export function timeReplay(log: [string, SqlValue[] | undefined][]): number {
  const db = new SQL!.Database();
  const t0 = performance.now();
  for (const [sql, params] of log) {
    try {
      db.exec(sql, params as (number | string | Uint8Array | null)[] | undefined);
    } catch {
      // a statement that failed during migrate fails here too
    }
  }
  const ms = performance.now() - t0;
  db.close();
  return ms;
}

export async function timeSqlmigrate(files: Record<string, string>): Promise<{ ms: number; code: number }> {
  const db = SqlJsDatabase.create(SQL!);
  const project = new Project(new MemoryFiles(files), db);
  const t0 = performance.now();
  const code = await project.run(['sqlmigrate', 'blog', '0001'], quiet);
  const ms = performance.now() - t0;
  db.raw.close();
  return { ms, code };
}
