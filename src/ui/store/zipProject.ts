// Export the project as a zip of a real Django project, and import such a zip back.
import { strFromU8, strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import type { FileMap } from '../engine/protocol';
import { sanitizeFiles } from './untrusted';

export const MANAGE_PY = `#!/usr/bin/env python3
"""Django's command-line utility for administrative tasks."""
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
`;

const README = `# Django project exported from the Migration Playground

Run it with Django 5.2:

    python -m venv .venv && . .venv/bin/activate
    pip install "Django>=5.2,<5.3"
    python manage.py migrate
    python manage.py showmigrations

\`db.sqlite3\` (when present) is the playground's database, with the migrations
applied so far recorded in its \`django_migrations\` table.
`;

/** Files to put in the zip: the project plus what a real Django project needs around it. */
export function exportFiles(files: FileMap): FileMap {
  const out: FileMap = { ...files };
  out['manage.py'] ??= MANAGE_PY;
  out['README.md'] ??= README;
  const apps = new Set(Object.keys(files).filter((p) => /^[A-Za-z_]\w*\/models\.py$/.test(p)).map((p) => p.split('/')[0]));
  for (const app of apps) {
    out[`${app}/__init__.py`] ??= '';
    out[`${app}/migrations/__init__.py`] ??= '';
  }
  return out;
}

export function zipProject(files: FileMap, db: Uint8Array | null, folder = 'playground_project'): Uint8Array {
  const tree: Zippable = {};
  for (const [path, text] of Object.entries(exportFiles(files))) tree[`${folder}/${path}`] = strToU8(text);
  if (db && db.length) tree[`${folder}/db.sqlite3`] = db;
  return zipSync(tree, { level: 6 });
}

export interface ImportedProject {
  files: FileMap;
  db: Uint8Array | null;
}

/** Reads a zip of a Django project (files at the top or in one folder). Throws with a plain message. */
export function unzipProject(bytes: Uint8Array): ImportedProject {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes, { filter: (f) => f.originalSize < 2_000_000 });
  } catch {
    throw new Error('This file is not a zip archive.');
  }
  const paths = Object.keys(entries).filter((p) => !p.endsWith('/') && !p.startsWith('__MACOSX/'));
  const settings = paths.filter((p) => p === 'settings.py' || p.endsWith('/settings.py')).sort((a, b) => a.length - b.length)[0];
  if (!settings) throw new Error('No settings.py found in the zip.');
  const root = settings.slice(0, -'settings.py'.length);
  const raw: Record<string, string> = {};
  let db: Uint8Array | null = null;
  for (const p of paths) {
    if (!p.startsWith(root)) continue;
    const rel = p.slice(root.length);
    if (rel === 'db.sqlite3') db = entries[p];
    else if (/\.(py|md|txt|cfg|toml)$/.test(rel) && !rel.includes('__pycache__')) raw[rel] = strFromU8(entries[p]);
  }
  delete raw['manage.py'];
  delete raw['README.md'];
  const files = sanitizeFiles(raw);
  if (!files) throw new Error('The zip holds no project files.');
  return { files, db };
}
