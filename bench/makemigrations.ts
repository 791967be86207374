// makemigrations speed: after one edit to an already migrated project, from models.py text to
// the written migration text (parse, state, autodetect, write), in process.

import initSqlJs, { type SqlJsStatic } from 'sql.js';
import { Project, type Console } from '../src/engine/project';
import { SqlJsDatabase } from '../src/platform/sqljs';
import { MemoryFiles } from '../src/ui/engine/memoryFiles';
import { generateProject } from './harness';

let SQL: SqlJsStatic | undefined;
export async function init(): Promise<void> {
  SQL = await initSqlJs();
}

const quiet: Console = { stdout: () => {}, stderr: () => {}, readLine: async () => null, isatty: false };

/** The seed lesson's project: one Post model. */
export function seedProject(): Record<string, string> {
  return {
    'settings.py':
      "SECRET_KEY = 'bench'\nINSTALLED_APPS = [\n    'blog',\n]\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\nUSE_TZ = True\n",
    'blog/__init__.py': '',
    'blog/migrations/__init__.py': '',
    'blog/models.py': 'from django.db import models\n\n\nclass Post(models.Model):\n    title = models.CharField(max_length=200)\n    content = models.TextField()\n',
  };
}

export { generateProject };

/** Project with its initial migration written, plus the models.py text after one edit. */
export async function prepare(files: Record<string, string>): Promise<{ files: Record<string, string>; edited: string }> {
  const mem = new MemoryFiles(files);
  const project = new Project(mem, SqlJsDatabase.create(SQL!));
  const code = await project.run(['makemigrations'], quiet);
  if (code !== 0) throw new Error(`makemigrations failed with ${code}`);
  const out = mem.toObject();
  const models = out['blog/models.py'];
  // One edit: a new field on the last model.
  const edited = models.replace(/\n*$/, '\n    views_count = models.IntegerField(default=0)\n');
  return { files: out, edited };
}

/**
 * One timed run in a long-lived project (as in the playground, where the engine stays loaded):
 * models.py is edited, then makemigrations writes the new migration.
 */
export async function timeOneEdit(project: Project, mem: MemoryFiles, original: Record<string, string>, edited: string): Promise<number> {
  for (const [p, t] of Object.entries(original)) mem.write(p, t);
  for (const p of mem.list()) if (!(p in original)) mem.delete(p);
  mem.write('blog/models.py', edited);
  const t0 = performance.now();
  const code = await project.run(['makemigrations'], quiet);
  const ms = performance.now() - t0;
  if (code !== 0 || !mem.list().some((p) => p.startsWith('blog/migrations/0002_'))) throw new Error('no migration written');
  return ms;
}

export function makeProject(files: Record<string, string>): { project: Project; mem: MemoryFiles } {
  const mem = new MemoryFiles(files);
  return { project: new Project(mem, SqlJsDatabase.create(SQL!)), mem };
}
