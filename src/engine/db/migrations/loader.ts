// Loads migration files into a graph (django/db/migrations/loader.py): every installed app's
// `<app>/migrations/*.py` through the interpreter, contrib apps' built-in histories, the applied
// migrations from the database, squash replacements, and Django's error messages.

import { PyClass, PyException, PyInstance, PyList, PyModule, PyTuple, type PyValue } from '../../python/values';
import {
  BadMigrationError,
  InconsistentMigrationHistory,
  keyRepr,
  AmbiguityError,
  NodeNotFoundError,
  type MigrationKey,
} from './exceptions';
import { keyStr, MigrationGraph } from './graph';
import { Migration, SwappableTuple, type Dependency } from './migration';
import { Operation } from './operations/base';
import { strCompare } from './serializer';

export const MIGRATIONS_MODULE_NAME = 'migrations';

export interface LoaderAppConfig {
  label: string;
  /** Dotted module name ('blog', 'django.contrib.auth'). */
  name: string;
  /** Folder of the app in the project ('blog'); undefined for apps outside the project. */
  path?: string;
}

export interface LoaderEnvironment {
  appConfigs(): LoaderAppConfig[];
  /** Every file path of the project (sorted). */
  listFiles(): string[];
  /** Runs a migration file (cached by its text) and returns its module. Throws PyException. */
  execMigrationModule(path: string, moduleName: string): PyModule;
  /** Built-in migration history of an app that is not in the project (contrib apps). */
  builtinMigrations?(appLabel: string): Migration[] | undefined;
  /** settings.MIGRATION_MODULES */
  migrationModules?(): Record<string, string | null>;
  /** Applied migrations from django_migrations, in recorded order; undefined without a database. */
  appliedMigrations?(): MigrationKey[] | undefined;
  /** A new, empty ProjectState (MODELS' ProjectState with these real apps). */
  emptyState(realApps: Set<string>): unknown;
}

function tupleItems(v: PyValue | undefined): PyValue[] {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  if (v === undefined || v === null) return [];
  throw new PyException('TypeError', `'${v.constructor.name}' object is not iterable`);
}

function keyOfValue(v: PyValue): Dependency {
  const items = tupleItems(v);
  if (items.length !== 2) {
    throw new PyException('ValueError', items.length > 2 ? 'too many values to unpack (expected 2)' : `not enough values to unpack (expected 2, got ${items.length})`);
  }
  const dep = [String(items[0]), String(items[1])] as Dependency;
  if (v instanceof SwappableTuple) dep.setting = v.setting;
  return dep;
}

/** Builds the Migration for a migration module (Django instantiates its Migration class). */
export function migrationFromModule(mod: PyModule, name: string, appLabel: string): Migration {
  const cls = mod.dict.get('Migration');
  if (!(cls instanceof PyClass)) throw BadMigrationError(`Migration ${name} in app ${appLabel} has no Migration class`);
  const m = new Migration(name, appLabel);
  m.operations = tupleItems(cls.lookup('operations')).map((o) => {
    const op = o instanceof PyInstance ? o.native : undefined;
    if (!(op instanceof Operation)) throw new PyException('TypeError', `'${o === null ? 'NoneType' : (o as object).constructor.name}' object is not a migration operation`);
    return op;
  });
  m.dependencies = tupleItems(cls.lookup('dependencies')).map(keyOfValue);
  m.runBefore = tupleItems(cls.lookup('run_before')).map(keyOfValue);
  m.replaces = tupleItems(cls.lookup('replaces')).map(keyOfValue);
  const initial = cls.lookup('initial');
  m.initial = initial === null || initial === undefined ? null : !!initial;
  const atomic = cls.lookup('atomic');
  m.atomic = atomic === undefined ? true : !!atomic;
  return m;
}

export class MigrationLoader {
  graph = new MigrationGraph<Migration>();
  diskMigrations = new Map<string, Migration>();
  appliedMigrations = new Map<string, MigrationKey>();
  replacements = new Map<string, Migration>();
  unmigratedApps = new Set<string>();
  migratedApps = new Set<string>();

  constructor(
    readonly env: LoaderEnvironment,
    /** Read applied migrations from the database (Django passes a connection). */
    readonly useDatabase = true,
    public replaceMigrations = true,
    readonly ignoreNoMigrations = false,
    load = true,
  ) {
    if (load) this.buildGraph();
  }

  /** The module name of an app's migrations package, and whether it was set explicitly. */
  migrationsModule(app: LoaderAppConfig): [string | null, boolean] {
    const explicit = this.env.migrationModules?.() ?? {};
    if (app.label in explicit) return [explicit[app.label], true];
    return [`${app.name}.${MIGRATIONS_MODULE_NAME}`, false];
  }

  loadDisk(): void {
    this.diskMigrations = new Map();
    this.unmigratedApps = new Set();
    this.migratedApps = new Set();
    const files = this.env.listFiles();
    for (const app of this.env.appConfigs()) {
      const [moduleName] = this.migrationsModule(app);
      if (moduleName === null) {
        this.unmigratedApps.add(app.label);
        continue;
      }
      if (app.path === undefined) {
        const builtin = this.env.builtinMigrations?.(app.label);
        if (!builtin) {
          this.unmigratedApps.add(app.label);
          continue;
        }
        this.migratedApps.add(app.label);
        for (const m of builtin) this.diskMigrations.set(keyStr([app.label, m.name]), m);
        continue;
      }
      const dir = moduleName === `${app.name}.${MIGRATIONS_MODULE_NAME}` ? `${app.path}/${MIGRATIONS_MODULE_NAME}` : moduleName.split('.').join('/');
      // A folder without __init__.py is a namespace package: Django treats the app as unmigrated.
      if (!files.includes(`${dir}/__init__.py`)) {
        this.unmigratedApps.add(app.label);
        continue;
      }
      this.migratedApps.add(app.label);
      const names = files
        .filter((f) => f.startsWith(dir + '/') && f.endsWith('.py') && !f.slice(dir.length + 1).includes('/'))
        .map((f) => f.slice(dir.length + 1, -3))
        .filter((n) => n.length && !'_~'.includes(n[0]) && !n.includes('.'))
        .sort(strCompare);
      for (const name of names) {
        const mod = this.env.execMigrationModule(`${dir}/${name}.py`, `${moduleName}.${name}`);
        this.diskMigrations.set(keyStr([app.label, name]), migrationFromModule(mod, name, app.label));
      }
    }
  }

  getMigration(appLabel: string, name: string): Migration {
    return this.graph.get([appLabel, name])!;
  }

  getMigrationByPrefix(appLabel: string, prefix: string): Migration {
    const results: Migration[] = [];
    for (const m of this.diskMigrations.values()) if (m.appLabel === appLabel && m.name.startsWith(prefix)) results.push(m);
    if (results.length > 1) throw AmbiguityError(`There is more than one migration for '${appLabel}' with the prefix '${prefix}'`);
    if (!results.length) throw new PyException('KeyError', `"There is no migration for '${appLabel}' with the prefix '${prefix}'"`);
    return results[0];
  }

  private checkKey(key: MigrationKey, currentApp: string): MigrationKey | null {
    if ((key[1] !== '__first__' && key[1] !== '__latest__') || this.graph.has(key)) return key;
    if (key[0] === currentApp) return null;
    if (this.unmigratedApps.has(key[0])) return null;
    if (this.migratedApps.has(key[0])) {
      const list = key[1] === '__first__' ? this.graph.rootNodes(key[0]) : this.graph.leafNodes(key[0]);
      if (list.length) return list[0];
      if (this.ignoreNoMigrations) return null;
      throw new PyException('ValueError', `Dependency on app with no migrations: ${key[0]}`);
    }
    throw new PyException('ValueError', `Dependency on unknown app: ${key[0]}`);
  }

  private addInternalDependencies(key: MigrationKey, m: Migration): void {
    for (const parent of m.dependencies) {
      if (parent[0] === key[0] && parent[1] !== '__first__') this.graph.addDependency(String(m), key, [parent[0], parent[1]], true);
    }
  }

  private addExternalDependencies(key: MigrationKey, m: Migration): void {
    for (const p of m.dependencies) {
      if (key[0] === p[0]) continue;
      const parent = this.checkKey([p[0], p[1]], key[0]);
      if (parent !== null) this.graph.addDependency(String(m), key, parent, true);
    }
    for (const c of m.runBefore) {
      const child = this.checkKey(c, key[0]);
      if (child !== null) this.graph.addDependency(String(m), child, key, true);
    }
  }

  buildGraph(): void {
    this.loadDisk();
    this.appliedMigrations = new Map();
    if (this.useDatabase) {
      for (const k of this.env.appliedMigrations?.() ?? []) this.appliedMigrations.set(keyStr(k), k);
    }
    this.graph = new MigrationGraph<Migration>();
    this.replacements = new Map();
    for (const m of this.diskMigrations.values()) {
      this.graph.addNode(m.key, m);
      if (m.replaces.length) this.replacements.set(keyStr(m.key), m);
    }
    for (const m of this.diskMigrations.values()) this.addInternalDependencies(m.key, m);
    for (const m of this.diskMigrations.values()) this.addExternalDependencies(m.key, m);
    if (this.replaceMigrations) {
      for (const [k, m] of this.replacements) {
        const statuses = m.replaces.map((t) => this.appliedMigrations.has(keyStr(t)));
        const all = statuses.every(Boolean);
        if (all) this.appliedMigrations.set(k, m.key);
        else this.appliedMigrations.delete(k);
        if (all || !statuses.some(Boolean)) this.graph.removeReplacedNodes(m.key, m.replaces);
        else this.graph.removeReplacementNode(m.key, m.replaces);
      }
    }
    try {
      this.graph.validateConsistency();
    } catch (exc) {
      if (exc instanceof NodeNotFoundError) {
        const candidates: Migration[] = [];
        for (const m of this.replacements.values()) {
          if (m.replaces.some((r) => keyStr(r) === keyStr(exc.node))) candidates.push(m);
        }
        if (candidates.length) {
          const isReplaced = candidates.some((c) => this.graph.has(c.key));
          if (!isReplaced) {
            const tries = candidates.map((c) => `${c.appLabel}.${c.name}`).join(', ');
            throw new NodeNotFoundError(
              `Migration ${exc.origin} depends on nonexistent node ('${exc.node[0]}', '${exc.node[1]}'). Django tried to replace migration ` +
                `${exc.node[0]}.${exc.node[1]} with any of [${tries}] but wasn't able to because some of the replaced migrations are already applied.`,
              exc.node,
            );
          }
        }
      }
      throw exc;
    }
    this.graph.ensureNotCyclic();
  }

  /** Raises InconsistentMigrationHistory when an applied migration's parent is not applied. */
  checkConsistentHistory(appliedOrConnection?: MigrationKey[] | unknown): void {
    const applied = Array.isArray(appliedOrConnection) ? (appliedOrConnection as MigrationKey[]) : (this.env.appliedMigrations?.() ?? []);
    const appliedSet = new Set(applied.map(keyStr));
    for (const key of applied) {
      const node = this.graph.nodeMap.get(keyStr(key));
      if (!node || !this.graph.nodes.has(keyStr(key))) continue;
      for (const parent of node.parents) {
        const pk = keyStr(parent.key);
        if (appliedSet.has(pk)) continue;
        const replacement = this.replacements.get(pk);
        if (replacement && replacement.replaces.every((r) => appliedSet.has(keyStr(r)))) continue;
        throw InconsistentMigrationHistory(
          `Migration ${key[0]}.${key[1]} is applied before its dependency ${parent.key[0]}.${parent.key[1]} on database 'default'.`,
        );
      }
    }
  }

  /** Apps with more than one leaf node: label -> sorted leaf names. */
  detectConflicts(): Map<string, string[]> {
    const seen = new Map<string, Set<string>>();
    const conflicting = new Set<string>();
    for (const [app, name] of this.graph.leafNodes()) {
      if (seen.has(app)) conflicting.add(app);
      if (!seen.has(app)) seen.set(app, new Set());
      seen.get(app)!.add(name);
    }
    const out = new Map<string, string[]>();
    for (const app of conflicting) out.set(app, [...seen.get(app)!].sort(strCompare));
    return out;
  }

  /** The ProjectState at the given nodes (default: the leaves), or before them with atEnd false. */
  projectState(nodes?: MigrationKey | MigrationKey[] | null, atEnd = true): unknown {
    return this.graph.makeState(() => this.env.emptyState(new Set(this.unmigratedApps)), nodes ?? undefined, atEnd);
  }
}

export { keyRepr };
