// `manage.py check` / `makemigrations` / `migrate` on projects that trip the auth permission
// checks, db_default, fixed date defaults, through_fields and an overridden Model.check():
// stdout, stderr and exit status compared with what the real Django 5.2 printed
// (fixtures/*.json, written by record.py from cases/*.py).

import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { manage, recordedFixtures, tracebackTail } from '../manage';

interface Recorded {
  argv: string[];
  settings: string;
  models: string;
  stdout: string;
  stderr: string;
  exit: number;
}

const cases = recordedFixtures<Recorded>(join(__dirname, 'fixtures'));

const files = (c: Recorded) => ({ 'settings.py': c.settings, 'blog/__init__.py': '', 'blog/migrations/__init__.py': '', 'blog/models.py': c.models });

/** Function addresses differ from run to run; a traceback is compared by its last line. */
const normalize = (text: string) => tracebackTail(text.replace(/ at 0x[0-9a-f]+>/g, ' at 0x…>'));

describe('system checks print what Django 5.2 prints', () => {
  for (const [name, c] of cases) {
    it(`${name}: manage.py ${c.argv.join(' ')}`, async () => {
      const got = await (await manage(files(c)))(...c.argv);
      expect({ exit: got.exit, stdout: normalize(got.stdout), stderr: normalize(got.stderr) }).toEqual({ exit: c.exit, stdout: normalize(c.stdout), stderr: normalize(c.stderr) });
    }, 30000);
  }
});
