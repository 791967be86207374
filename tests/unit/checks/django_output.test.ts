// `manage.py check` / `makemigrations` / `migrate` on projects that trip the auth permission
// checks, db_default, fixed date defaults, through_fields and an overridden Model.check():
// stdout, stderr and exit status compared with what the real Django 5.2 printed
// (fixtures/*.json, written by record.py from cases/*.py).

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Console, ProjectFiles } from '../../../src/engine/project';

interface Recorded {
  argv: string[];
  settings: string;
  models: string;
  stdout: string;
  stderr: string;
  exit: number;
}

const FIXTURES = join(__dirname, 'fixtures');
const cases: [string, Recorded][] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Recorded]);

function files(c: Recorded): ProjectFiles {
  const m = new Map<string, string>([
    ['settings.py', c.settings],
    ['blog/__init__.py', ''],
    ['blog/migrations/__init__.py', ''],
    ['blog/models.py', c.models],
  ]);
  return { read: (p) => m.get(p), write: (p, t) => void m.set(p, t), delete: (p) => void m.delete(p), list: () => [...m.keys()].sort() };
}

/** Function addresses differ from run to run; a traceback is compared by its last line. */
function normalize(text: string): string {
  const t = text.replace(/ at 0x[0-9a-f]+>/g, ' at 0x…>');
  if (!t.startsWith('Traceback')) return t;
  const lines = t.trimEnd().split('\n');
  return lines[lines.length - 1];
}

describe('system checks print what Django 5.2 prints', () => {
  for (const [name, c] of cases) {
    it(`${name}: manage.py ${c.argv.join(' ')}`, async () => {
      const { Project } = await import('../../../src/engine/project');
      const { loadSqlJs } = await import('../../../src/platform/node');
      const { SqlJsDatabase } = await import('../../../src/platform/sqljs');
      const project = new Project(files(c), SqlJsDatabase.create(await loadSqlJs()));
      let stdout = '';
      let stderr = '';
      const console: Console = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readLine: async () => null, isatty: false };
      const exit = await project.run(c.argv, console);
      expect({ exit, stdout: normalize(stdout), stderr: normalize(stderr) }).toEqual({ exit: c.exit, stdout: normalize(c.stdout), stderr: normalize(c.stderr) });
    }, 30000);
  }
});
