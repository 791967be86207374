// `manage.py check --deploy` and `check --list-tags` on projects whose settings trip (or pass)
// the security deployment checks: stdout, stderr and exit status compared with what the real
// Django 5.2 printed (fixtures/*.json, written by record.py from cases/*.py).

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { manage, recordedFixtures, tracebackTail } from '../manage';

interface Run {
  argv: string[];
  stdout: string;
  stderr: string;
  exit: number;
}
interface Recorded {
  settings: string;
  models: string;
  runs: Run[];
}

const cases = recordedFixtures<Recorded>(join(__dirname, 'fixtures'));

const files = (c: Recorded) => ({ 'settings.py': c.settings, 'blog/__init__.py': '', 'blog/migrations/__init__.py': '', 'blog/models.py': c.models });

describe('check --deploy prints what Django 5.2 prints', () => {
  for (const [name, c] of cases) {
    for (const run of c.runs) {
      it(`${name}: manage.py ${run.argv.join(' ')}`, async () => {
        const got = await (await manage(files(c)))(...run.argv);
        expect({ exit: got.exit, stdout: tracebackTail(got.stdout), stderr: tracebackTail(got.stderr) }).toEqual({
          exit: run.exit,
          stdout: tracebackTail(run.stdout),
          stderr: tracebackTail(run.stderr),
        });
      }, 30000);
    }
  }
});
