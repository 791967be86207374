// The tags `check --tag` accepts and `check --list-tags` prints: those of the checks Django
// registers for the project (its own, and those of the installed contrib apps).

import type { Apps } from '../../apps/registry';

/** django.core.checks' own checks, registered whatever the project (security has the CSRF failure view check). */
const CORE = ['caches', 'commands', 'compatibility', 'database', 'files', 'models', 'security', 'templates', 'translation', 'urls'];
/** Their deployment checks. */
const CORE_DEPLOY = ['async_support', 'caches', 'security'];
/** The tags a contrib app's ready() registers checks under. */
const CONTRIB: Record<string, string[]> = {
  'django.contrib.admin': ['admin'],
  'django.contrib.auth': ['models'],
  'django.contrib.contenttypes': ['models'],
  'django.contrib.staticfiles': ['staticfiles'],
};

export function availableTags(apps: Apps, deploy: boolean): string[] {
  const tags = new Set(CORE);
  if (deploy) for (const t of CORE_DEPLOY) tags.add(t);
  for (const [app, appTags] of Object.entries(CONTRIB)) if (apps.isInstalled(app)) for (const t of appTags) tags.add(t);
  return [...tags].sort();
}
