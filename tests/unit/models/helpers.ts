import type { ProjectFiles } from '../../../src/engine/project';
import { setupProject } from '../../../src/engine/apps/loader';
import { metaOf } from '../../../src/engine/db/models/fields/index';
import type { PyValue } from '../../../src/engine/python/values';
import { pyRepr } from '../../../src/engine/python/index';

export class MemoryFiles implements ProjectFiles {
  readonly map: Map<string, string>;
  constructor(files: Record<string, string>) {
    this.map = new Map(Object.entries(files));
  }
  read(p: string) {
    return this.map.get(p);
  }
  write(p: string, t: string) {
    this.map.set(p, t);
  }
  delete(p: string) {
    this.map.delete(p);
  }
  list() {
    return [...this.map.keys()].sort();
  }
}

export function settingsPy(apps: string[], extra = ''): string {
  return `SECRET_KEY = 'x'\nINSTALLED_APPS = [${apps.map((a) => `'${a}'`).join(', ')}]\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\nUSE_TZ = True\n${extra}`;
}

/** A project with settings and `<app>/models.py` sources. */
export function project(models: Record<string, string>, opts: { apps?: string[]; extraSettings?: string } = {}) {
  const files: Record<string, string> = {};
  const apps = opts.apps ?? Object.keys(models);
  files['settings.py'] = settingsPy(apps, opts.extraSettings);
  for (const [app, src] of Object.entries(models)) {
    files[`${app}/__init__.py`] = '';
    files[`${app}/models.py`] = src;
    files[`${app}/migrations/__init__.py`] = '';
  }
  return setupProject(new MemoryFiles(files));
}

/** `models.CharField(max_length=200)` style rendering of a deconstruct() result (sorted kwargs). */
export function decon(v: [string | null, string, PyValue[], Map<string, PyValue>]): string {
  const [, path, args, kwargs] = v;
  const parts = [...args.map((a) => pyRepr(a)), ...[...kwargs].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => `${k}=${pyRepr(x)}`)];
  return `${path.replace('django.db.models.', 'models.')}(${parts.join(', ')})`;
}

export { metaOf };
