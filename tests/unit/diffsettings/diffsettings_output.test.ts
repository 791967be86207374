// `manage.py diffsettings` (hash and unified output, --all, --default) on projects with assorted
// setting values: stdout, stderr and exit status compared with what the real Django 5.2 printed
// (fixtures/*.json, written by record.py from cases/*.py).

import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Console, ProjectFiles } from '../../../src/engine/project';

interface Run {
  argv: string[];
  stdout: string;
  stderr: string;
  exit: number;
}
interface Recorded {
  files: Record<string, string>;
  runs: Run[];
}

const FIXTURES = join(__dirname, 'fixtures');
const cases: [string, Recorded][] = readdirSync(FIXTURES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(FIXTURES, f), 'utf8')) as Recorded]);

function files(c: Recorded): ProjectFiles {
  const m = new Map<string, string>([['blog/__init__.py', ''], ['blog/migrations/__init__.py', ''], ...Object.entries(c.files)]);
  return { read: (p) => m.get(p), write: (p, t) => void m.set(p, t), delete: (p) => void m.delete(p), list: () => [...m.keys()].sort() };
}

/** A traceback is compared by its last line. */
function normalize(text: string): string {
  if (!text.startsWith('Traceback')) return text;
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1];
}

describe('diffsettings prints what Django 5.2 prints', () => {
  for (const [name, c] of cases) {
    for (const run of c.runs) {
      it(`${name}: manage.py ${run.argv.join(' ')}`, async () => {
        const { Project } = await import('../../../src/engine/project');
        const { loadSqlJs } = await import('../../../src/platform/node');
        const { SqlJsDatabase } = await import('../../../src/platform/sqljs');
        const project = new Project(files(c), SqlJsDatabase.create(await loadSqlJs()));
        let stdout = '';
        let stderr = '';
        const console: Console = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readLine: async () => null, isatty: false };
        const exit = await project.run(run.argv, console);
        expect({ exit, stdout: normalize(stdout), stderr: normalize(stderr) }).toEqual({
          exit: run.exit,
          stdout: normalize(run.stdout),
          stderr: normalize(run.stderr),
        });
      }, 30000);
    }
  }
});
