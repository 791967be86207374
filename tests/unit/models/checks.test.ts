// System check messages for broken models, compared with what `manage.py check` printed with
// the real Django 5.2 (fixtures/checks-django52.json).

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { setupProject } from '../../../src/engine/apps/loader';
import { runChecks } from '../../../src/engine/core/checks/registry';
import { MemoryFiles } from './helpers';

const cases: Record<string, { models: string; exit: number; stdout: string; stderr: string; default_auto: boolean }> = JSON.parse(
  readFileSync(join(__dirname, 'fixtures/checks-django52.json'), 'utf8'),
);

/** Django's grouping of messages (BaseCommand.check). */
function messages(text: string): string[] {
  const out: string[] = [];
  for (const line of text.split('\n')) {
    if (/^\t/.test(line)) out[out.length - 1] += '\n' + line;
    else if (/^\S+: \(/.test(line)) out.push(line);
  }
  return out.sort();
}

describe('system checks match Django 5.2', () => {
  for (const [name, c] of Object.entries(cases)) {
    it(name, () => {
      const settings =
        "SECRET_KEY='x'\nINSTALLED_APPS=['blog']\nDATABASES={'default':{'ENGINE':'django.db.backends.sqlite3','NAME':'db.sqlite3'}}\n" +
        (c.default_auto ? "DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n" : '');
      const loaded = setupProject(new MemoryFiles({ 'settings.py': settings, 'blog/__init__.py': '', 'blog/models.py': c.models }));
      const got = runChecks(loaded.apps, loaded.settings)
        .map((m) => m.toString())
        // Django names an unresolved through model's lazy reference by the address of a local function.
        .filter((m) => !m.includes('models.E022'));
      const want = messages(c.stdout + c.stderr).filter((m) => !m.includes('models.E022'));
      expect(got.sort()).toEqual(want);
    });
  }
});
