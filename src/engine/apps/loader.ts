// django.setup(): evaluate settings.py, build the app configs of INSTALLED_APPS and import each
// app's models module through the interpreter (project files and the contrib apps' sources),
// so `from blog.models import Post` works across apps. Errors surface as PyExceptions carrying
// file and line, exactly where Python would raise them.

import { PyClass, PyException, PyModule, PyList, type PyValue } from '../python/values';
import { execModule, type Host } from '../python/index';
import type { ProjectFiles } from '../project';
import { Apps, type AppConfig } from './registry';
import { loadSettings, setCurrentSettings, Settings } from '../conf/settings';
import { setCurrentApps } from '../db/models/base';
import { setSwappableSource } from '../db/models/swappable';
import { CONTRIB_APP_CONFIGS, CONTRIB_APPS, CONTRIB_MODELS } from '../contrib/sources';
import { pyStr } from '../utils/py';
import '../db/models/pymodule';
import '../core/checks/index';

export interface LoadedProject {
  settings: Settings;
  apps: Apps;
  /** Modules imported from project files, by dotted name. */
  modules: Map<string, PyModule>;
}

/** Where settings.py is: the project root's, else the first `<pkg>/settings.py`. */
export function findSettingsFile(files: ProjectFiles): string | undefined {
  if (files.read('settings.py') !== undefined) return 'settings.py';
  return files.list().find((p) => /^[^/]+\/settings\.py$/.test(p));
}

/** A host that imports project files and the contrib sources, caching each module once. */
export class ProjectImporter implements Host {
  readonly modules = new Map<string, PyModule>();
  private readonly paths: Set<string>;
  constructor(private readonly files: ProjectFiles) {
    this.paths = new Set(files.list());
  }

  private isPackageDir(dir: string): boolean {
    const prefix = dir + '/';
    for (const p of this.paths) if (p.startsWith(prefix)) return true;
    return false;
  }

  importModule(name: string): PyModule | undefined {
    const hit = this.modules.get(name);
    if (hit) return hit;
    const contrib = CONTRIB_MODELS[name];
    if (contrib !== undefined) return this.exec(name, `/usr/lib/python3/dist-packages/${name.replace(/\./g, '/')}.py`, contrib, false);
    const base = name.replace(/\./g, '/');
    const file = `${base}.py`;
    const init = `${base}/__init__.py`;
    if (this.paths.has(file)) return this.exec(name, file, this.files.read(file) ?? '', false);
    if (this.paths.has(init)) return this.exec(name, init, this.files.read(init) ?? '', true);
    if (this.isPackageDir(base) && !name.startsWith('django')) {
      // A namespace package (a folder without __init__.py).
      const m = new PyModule(name);
      m.dict.set('__name__', name);
      m.dict.set('__path__', new PyList([]));
      this.modules.set(name, m);
      return m;
    }
    return undefined;
  }

  private exec(name: string, file: string, source: string, isPackage: boolean): PyModule {
    const mod = new PyModule(name);
    mod.dict.set('__name__', name);
    mod.dict.set('__file__', file);
    if (isPackage) mod.dict.set('__path__', new PyList([]));
    this.modules.set(name, mod);
    try {
      execModule(source, { filename: file, moduleName: name, host: this, module: mod, isPackage });
    } catch (e) {
      this.modules.delete(name);
      throw e;
    }
    return mod;
  }
}

function moduleNotFound(name: string): PyException {
  return new PyException('ModuleNotFoundError', `No module named '${name}'`);
}

/** Builds the app config for one INSTALLED_APPS entry. */
function appConfigFor(entry: string, importer: ProjectImporter, files: ProjectFiles): AppConfig {
  const contribName = CONTRIB_APP_CONFIGS[entry] ?? entry;
  const contrib = CONTRIB_APPS[contribName];
  if (contrib)
    return {
      name: contribName,
      label: contrib.label,
      verboseName: contrib.verboseName,
      defaultAutoField: contrib.defaultAutoField,
      modelsModule: contrib.models,
      modelsFile: null,
    };
  if (entry.startsWith('django.')) throw moduleNotFound(entry);
  // 'blog' or 'blog.apps.BlogConfig'
  let name = entry;
  let label: string | null = null;
  let defaultAutoField: string | null = null;
  let source: string | undefined;
  let verboseName: string | null = null;
  let appConfigClass = 'AppConfig';
  const mod = importer.importModule(entry);
  if (!mod) {
    const i = entry.lastIndexOf('.');
    if (i < 0) throw moduleNotFound(entry);
    const modName = entry.slice(0, i);
    const clsName = entry.slice(i + 1);
    const parent = importer.importModule(modName);
    if (!parent) throw moduleNotFound(modName.split('.')[0] === modName ? modName : entry.split('.')[0]);
    const cls = parent.dict.get(clsName);
    if (!(cls instanceof PyClass))
      throw new PyException('ImportError', `Module '${modName}' does not contain a '${clsName}' class.`);
    const n = cls.lookup('name');
    if (typeof n !== 'string') throw new PyException('django.core.exceptions.ImproperlyConfigured', `'${entry}' must supply a name attribute.`);
    name = n;
    const l = cls.lookup('label');
    if (typeof l === 'string') label = l;
    const daf = cls.dict.get('default_auto_field') ?? cls.lookup('default_auto_field');
    if (typeof daf === 'string') {
      defaultAutoField = daf;
      source = `${modName}.${clsName}.default_auto_field`;
    }
    appConfigClass = cls.qualname;
    const vn = cls.lookup('verbose_name');
    if (vn !== undefined && vn !== null) verboseName = pyStr(vn);
  } else {
    // An app package may carry a single AppConfig subclass in apps.py (Django picks it automatically).
    const appsFile = `${name.replace(/\./g, '/')}/apps.py`;
    if (files.read(appsFile) !== undefined) {
      const appsMod = importer.importModule(`${name}.apps`);
      const configs = appsMod
        ? [...appsMod.dict.values()].filter(
            (v): v is PyClass => v instanceof PyClass && v.module === `${name}.apps` && v.lookup('name') !== undefined && v.bases.some((b) => b.name === 'AppConfig'),
          )
        : [];
      if (configs.length === 1) {
        const cls = configs[0];
        appConfigClass = cls.qualname;
        const l = cls.lookup('label');
        if (typeof l === 'string') label = l;
        const daf = cls.dict.get('default_auto_field');
        if (typeof daf === 'string') {
          defaultAutoField = daf;
          source = `${name}.apps.${cls.name}.default_auto_field`;
        }
      }
    }
  }
  label = label ?? name.slice(name.lastIndexOf('.') + 1);
  const base = name.replace(/\./g, '/');
  const modelsFile = files.read(`${base}/models.py`) !== undefined ? `${base}/models.py` : files.read(`${base}/models/__init__.py`) !== undefined ? `${base}/models/__init__.py` : null;
  return {
    name,
    label,
    verboseName: verboseName ?? label.charAt(0).toUpperCase() + label.slice(1),
    defaultAutoField,
    defaultAutoFieldSource: source,
    modelsModule: modelsFile ? `${name}.models` : null,
    modelsFile,
    appConfigClass,
  };
}

/** django.setup() for a project: settings, app configs, every models module. Throws PyException. */
export function setupProject(files: ProjectFiles): LoadedProject {
  const importer = new ProjectImporter(files);
  const settingsFile = findSettingsFile(files);
  let settings: Settings;
  if (settingsFile) settings = loadSettings(files.read(settingsFile) ?? '', settingsFile, importer);
  else settings = new Settings('settings.py', null);
  setCurrentSettings(settings);
  const apps = new Apps((n) => settings.get(n));
  const prev = setCurrentApps(apps);
  void prev;
  setSwappableSource(apps);
  const configs: AppConfig[] = [];
  for (const entry of settings.installedApps) configs.push(appConfigFor(entry, importer, files));
  const seen = new Map<string, number>();
  for (const c of configs) seen.set(c.label, (seen.get(c.label) ?? 0) + 1);
  const dups = [...seen].filter(([, n]) => n > 1).map(([l]) => l);
  if (dups.length)
    throw new PyException('django.core.exceptions.ImproperlyConfigured', `Application labels aren't unique, duplicates: ${dups.join(', ')}`);
  for (const c of configs) apps.appConfigs.set(c.label, c);
  for (const c of configs) if (c.modelsModule) importer.importModule(c.modelsModule);
  apps.ready = true;
  return { settings, apps, modules: importer.modules };
}

/** Makes a project loaded earlier the current one again (settings, apps registry, swappable models). */
export function activateProject(loaded: LoadedProject): void {
  setCurrentSettings(loaded.settings);
  setCurrentApps(loaded.apps);
  setSwappableSource(loaded.apps);
}

void ({} as PyValue);
