// The MigrationsRuntime of a set-up project: app configs, migration modules run through the
// interpreter (cached by file text), contrib apps' built-in migrations, applied migrations
// from the database, states from the model layer, one-off defaults.

import type { Apps } from '../../apps/registry';
import type { Settings } from '../../conf/settings';
import { contribMigrations } from '../../contrib/migrations';
import { evalExpression, execModule, importModuleByName, type Host } from '../../python/index';
import { PyModule, type PyValue } from '../../python/values';
import type { ProjectFiles } from '../../project';
import { pyStr } from '../../utils/py';
import type { DetectorState, StateAccess } from './autodetector';
import type { MigrationKey } from './exceptions';
import { migrationFromModule, type LoaderAppConfig } from './loader';
import type { Migration } from './migration';
import type { MigrationsRuntime } from './runtime';
import { setDefaultMigrationFiles } from './questioner';

/** How the runtime makes states (the model layer's ProjectState). */
export interface StateBridge {
  empty(realApps: Set<string>): unknown;
  fromApps(apps: Apps): DetectorState;
  access: StateAccess;
}

interface CachedModule {
  text: string;
  module: PyModule;
}

/** Migration modules by path, kept while their text is unchanged (shared by every Project). */
const migrationModules = new Map<string, CachedModule>();
/** Contrib migration modules never change. */
const contribModules = new Map<string, PyModule>();

export class ProjectMigrationsRuntime implements MigrationsRuntime {
  private configs?: LoaderAppConfig[];
  private applied?: MigrationKey[];

  constructor(
    private readonly files: ProjectFiles,
    private readonly settings: Settings,
    private readonly apps: Apps,
    private readonly host: Host,
    readonly states: StateBridge,
    /** Applied migrations read through the recorder (connects to the database). */
    private readonly readApplied: () => MigrationKey[],
  ) {
    setDefaultMigrationFiles((label) => this.migrationFiles(label));
  }

  get stateAccess(): StateAccess {
    return this.states.access;
  }

  appConfigs(): LoaderAppConfig[] {
    if (!this.configs) {
      this.configs = [...this.apps.appConfigs.values()].map((c) => ({
        label: c.label,
        name: c.name,
        path: c.name.startsWith('django.') ? undefined : c.name.replace(/\./g, '/'),
      }));
    }
    return this.configs;
  }

  listFiles(): string[] {
    return this.files.list();
  }

  execMigrationModule(path: string, moduleName: string): PyModule {
    const text = this.files.read(path) ?? '';
    const hit = migrationModules.get(path);
    if (hit && hit.text === text && hit.module.name === moduleName) return hit.module;
    const module = execModule(text, { filename: path, moduleName, host: this.host });
    migrationModules.set(path, { text, module });
    return module;
  }

  builtinMigrations(appLabel: string): Migration[] | undefined {
    const list = contribMigrations([appLabel]);
    if (!list.length) return undefined;
    return list.map((cm) => {
      let mod = contribModules.get(cm.module);
      if (!mod) {
        mod = execModule(cm.source, { filename: cm.file, moduleName: cm.module, host: this.host });
        contribModules.set(cm.module, mod);
      }
      return migrationFromModule(mod, cm.name, appLabel);
    });
  }

  migrationModules(): Record<string, string | null> {
    return {};
  }

  appliedMigrations(): MigrationKey[] {
    if (!this.applied) this.applied = this.readApplied();
    return this.applied;
  }

  /** Forget what was read from the database (after migrate). */
  invalidateApplied(): void {
    this.applied = undefined;
  }

  emptyState(realApps: Set<string>): unknown {
    return this.states.empty(realApps);
  }

  currentState(): DetectorState {
    return this.states.fromApps(this.apps);
  }

  evaluateDefault(code: string): PyValue {
    const mod = new PyModule('__main__');
    mod.dict.set('__name__', '__main__');
    mod.dict.set('__builtins__', null);
    mod.dict.set('datetime', importModuleByName('datetime', this.host));
    mod.dict.set('timezone', importModuleByName('django.utils.timezone', this.host));
    return evalExpression(code, mod, { filename: '<string>', moduleName: '__main__', host: this.host });
  }

  setting(name: string): string | undefined {
    const v = this.settings.get(name);
    return v === undefined || v === null ? undefined : pyStr(v);
  }

  migrationFiles(appLabel: string): string[] | undefined {
    const dir = this.migrationsDir(appLabel);
    const prefix = dir + '/';
    const names = this.files
      .list()
      .filter((p) => p.startsWith(prefix) && !p.slice(prefix.length).includes('/'))
      .map((p) => p.slice(prefix.length));
    if (!names.length && !this.files.list().some((p) => p.startsWith(prefix))) return undefined;
    return names;
  }

  migrationsDir(appLabel: string): string {
    const c = this.appConfigs().find((a) => a.label === appLabel);
    return `${c?.path ?? appLabel}/migrations`;
  }
}
