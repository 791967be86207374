// What management commands need from the project they run in. `Project` implements it.

import type { Console, Database, ProjectFiles } from '../../project';
import type { MigrationsRuntime } from '../../db/migrations/runtime';

/** One system check message, already formatted as Django prints it. */
export interface CheckResult {
  /** DEBUG 10, INFO 20, WARNING 30, ERROR 40, CRITICAL 50. */
  level: number;
  /** e.g. "blog.Post.title: (fields.E120) CharFields must define a 'max_length' attribute." */
  text: string;
  silenced: boolean;
  /** Where the checked object is defined, when known. */
  file?: string;
  line?: number;
}

export interface CommandEnvironment {
  readonly files: ProjectFiles;
  readonly db: Database;
  /** django.setup(): reads settings and imports every app's models; throws PyException. */
  setup(): void;
  /** INSTALLED_APPS as written in settings. */
  installedApps(): string[];
  /** Labels of the installed apps ('blog', 'auth', ...), in INSTALLED_APPS order. */
  appLabels(): string[];
  runChecks(opts: { appLabels?: string[]; tags?: string[]; deploy?: boolean; databases?: string[] }): CheckResult[];
  /** Migrations on disk not applied to the database (for the "unapplied migration(s)" notice). */
  unappliedMigrations?(): { app: string; name: string }[];
  readonly console?: Console;
  /** The migration machinery bound to this project (after setup()). */
  migrationsRuntime(): MigrationsRuntime;
}
