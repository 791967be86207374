// A project run through the engine's Project over a sql.js database, for the command tests.
import type { Console, ProjectFiles } from '../../../src/engine/project';

function files(apps: Record<string, string | null>): ProjectFiles {
  const m = new Map<string, string>([['settings.py', `INSTALLED_APPS = [${Object.keys(apps).map((a) => `'${a}'`).join(', ')}]\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n`]]);
  for (const [app, models] of Object.entries(apps)) {
    m.set(`${app}/__init__.py`, '');
    m.set(`${app}/migrations/__init__.py`, '');
    if (models !== null) m.set(`${app}/models.py`, models);
  }
  return { read: (p) => m.get(p), write: (p, t) => void m.set(p, t), delete: (p) => void m.delete(p), list: () => [...m.keys()].sort() };
}

export async function project(apps: Record<string, string | null>, sql: string[] = []) {
  const { Project } = await import('../../../src/engine/project');
  const { loadSqlJs } = await import('../../../src/platform/node');
  const { SqlJsDatabase } = await import('../../../src/platform/sqljs');
  const db = SqlJsDatabase.create(await loadSqlJs());
  for (const s of sql) db.exec(s);
  const p = new Project(files(apps), db);
  return async (...argv: string[]) => {
    let stdout = '';
    let stderr = '';
    const console: Console = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readLine: async () => null, isatty: false };
    const exit = await p.run(argv, console);
    return { exit, stdout, stderr };
  };
}

