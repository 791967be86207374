// A project run through the engine's Project over a sql.js database, for the command tests.
import { manage } from '../manage';

function files(apps: Record<string, string | null>): Record<string, string> {
  const m: Record<string, string> = {
    'settings.py': `INSTALLED_APPS = [${Object.keys(apps).map((a) => `'${a}'`).join(', ')}]\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n`,
  };
  for (const [app, models] of Object.entries(apps)) {
    m[`${app}/__init__.py`] = '';
    m[`${app}/migrations/__init__.py`] = '';
    if (models !== null) m[`${app}/models.py`] = models;
  }
  return m;
}

export function project(apps: Record<string, string | null>, sql: string[] = []) {
  return manage(files(apps), sql);
}
