// What the migration commands need from the running project (Project provides it): the
// installed apps, states, the loader's environment, the database's applied migrations and the
// interpreter for one-off defaults.

import type { PyValue } from '../../python/values';
import type { DetectorState, StateAccess } from './autodetector';
import type { MigrationKey } from './exceptions';
import { MigrationLoader, type LoaderAppConfig, type LoaderEnvironment } from './loader';

export interface MigrationsRuntime extends LoaderEnvironment {
  appConfigs(): LoaderAppConfig[];
  /** ProjectState.from_apps(apps): the models as models.py defines them now (a fresh copy). */
  currentState(): DetectorState;
  stateAccess: StateAccess;
  /** Applied migrations (connects to the database, creating the file as sqlite3 does). */
  appliedMigrations(): MigrationKey[];
  /** Evaluates a one-off default typed at the questioner's `>>>` prompt. */
  evaluateDefault(code: string): PyValue;
  /** A string setting (AUTH_USER_MODEL). */
  setting(name: string): string | undefined;
  /** `<app folder>/migrations/` files besides __init__.py, or undefined when that package cannot be imported. */
  migrationFiles(appLabel: string): string[] | undefined;
  /** Where an app's migration files go ('blog/migrations'). */
  migrationsDir(appLabel: string): string;
}

/** The message get_app_config() raises for an unknown label. */
export function noInstalledApp(runtime: MigrationsRuntime, label: string): string {
  let msg = `No installed app with label '${label}'.`;
  const byName = runtime.appConfigs().find((a) => a.name === label);
  if (byName) msg += ` Did you mean '${byName.label}'?`;
  return msg;
}

export function makeLoader(runtime: MigrationsRuntime, useDatabase: boolean, ignoreNoMigrations = false): MigrationLoader {
  return new MigrationLoader(runtime, useDatabase, true, ignoreNoMigrations);
}
