// What the migration commands (migrate, sqlmigrate, showmigrations, squashmigrations,
// optimizemigration) share: the connection over the project's database, the loader, states.

import type { DatabaseWrapper } from '../../../db/backends/sqlite3/base';
import { connectionFor as connectionOf } from '../../../db/backends/connection';
import type { ExecLoader, ExecMigration, ExecState, MigrationKey } from '../../../db/migrations/executor';
import type { CommandEnvironment } from '../environment';
import { MigrationLoader } from '../../../db/migrations/loader';
import type { MigrationsRuntime } from '../../../db/migrations/runtime';
import { MigrationAutodetector } from '../../../db/migrations/autodetector';
import { MigrationQuestioner } from '../../../db/migrations/questioner';

/** One connection wrapper per database, like Django's `connections['default']`. */
export function connectionFor(env: CommandEnvironment): DatabaseWrapper {
  return connectionOf(env.db);
}

/** The loader as the migration commands use it (MIGRATIONS' MigrationLoader). */
export interface CommandLoader extends ExecLoader {
  migratedApps: Set<string> | string[];
  diskMigrations: Map<string, ExecMigration>;
  getMigrationByPrefix(appLabel: string, prefix: string): ExecMigration;
  detectConflicts(): Map<string, string[]> | Record<string, string[]>;
  checkConsistentHistory?(applied: MigrationKey[]): void;
  collectSql?(plan: [ExecMigration, boolean][]): string[];
}

export interface LoaderOptions {
  replaceMigrations?: boolean;
  ignoreNoMigrations?: boolean;
  /** False: only read the files, without the database's applied list. */
  withDatabase?: boolean;
}

/** The environment's migration services, over MIGRATIONS' runtime and loader. */
export interface MigrationServices {
  migrationLoader(connection: DatabaseWrapper | null, opts: LoaderOptions): CommandLoader;
  /** ProjectState(real_apps=...). */
  emptyProjectState(realApps: string[]): ExecState;
  /** App labels whose models have changes no migration reflects (the autodetector's answer). */
  pendingChanges(loader: CommandLoader): string[];
}

export function services(env: CommandEnvironment): MigrationServices {
  const runtime = (env as unknown as { migrationsRuntime(): MigrationsRuntime }).migrationsRuntime();
  return {
    migrationLoader: (connection, opts) =>
      new MigrationLoader(
        runtime,
        connection !== null && opts.withDatabase !== false,
        opts.replaceMigrations ?? true,
        opts.ignoreNoMigrations ?? false,
      ) as unknown as CommandLoader,
    emptyProjectState: (realApps) => runtime.emptyState(new Set(realApps)) as ExecState,
    pendingChanges: (loader) => {
      const detector = new MigrationAutodetector(
        loader.projectState() as never,
        runtime.currentState(),
        runtime.stateAccess,
        new MigrationQuestioner({}),
        { setting: (n: string) => runtime.setting(n) },
      );
      const changes = detector.changes(loader.graph as never);
      return [...changes.keys()].map(String);
    },
  };
}

export const has = (set: Set<string> | string[], v: string) => (Array.isArray(set) ? set.includes(v) : set.has(v));

export function keyString(k: MigrationKey): string {
  return `${k[0]}\u0000${k[1]}`;
}

/** Truncator(text).chars(n): at most n characters, the last one an ellipsis when cut. */
export function truncateChars(text: string, n: number): string {
  const chars = [...text];
  if (chars.length <= n) return text;
  return chars.slice(0, n - 1).join('') + '…';
}
