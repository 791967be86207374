// The engine's one public face: a Django project you can edit and run commands on.
// The browser app (in a Web Worker), the Node CLI and the tests all go through this.
//
// Everything here is DOM-free and Node-free: files, database and console are passed in.

/** A project's files: POSIX paths relative to the project root ('blog/models.py'). */
export interface ProjectFiles {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
  delete(path: string): void;
  /** Every file path, sorted. */
  list(): string[];
  /** The project folder's absolute path on a disk (bin/manage); Python sees `/project` otherwise. */
  readonly root?: string;
}

/** The SQLite database (sql.js in the browser and in Node). */
export interface Database {
  /** Runs one or more statements; returns the result sets of those that return rows. */
  exec(sql: string, params?: SqlValue[]): QueryResult[];
  /** The database file's bytes (to persist or write to disk). */
  export(): Uint8Array;
}

export type SqlValue = null | number | bigint | string | Uint8Array;
export interface QueryResult {
  columns: string[];
  values: SqlValue[][];
}

/** Where a command writes and asks. The questioner awaits `ask`, so a terminal or a dialog can answer. */
export interface Console {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Shows `prompt` (written by readLine itself, without a newline, like Python's input()) and
   * waits for one line of input, without its newline. `null` means end of input (Ctrl+D /
   * closed stdin). The answer is not echoed by the engine.
   */
  readLine(prompt: string): Promise<string | null>;
  /** Whether output goes to a colour terminal (Django colours a TTY). */
  readonly isatty: boolean;
}

/** A problem in a file, pointed at its line. */
export interface Diagnostic {
  file: string;
  /** 1-based; 0 when unknown. */
  line: number;
  column?: number;
  severity: 'error' | 'warning';
  /** Django's or Python's own message, e.g. "blog.Post.title: (fields.E120) CharFields must define a 'max_length' attribute." */
  message: string;
  /** e.g. 'fields.E120' or 'SyntaxError'. */
  code?: string;
}

/** What `makemigrations` would do now, without writing anything or asking anything. */
export interface MigrationPreview {
  status: 'changes' | 'no-changes' | 'error';
  /** Migrations that would be written, in order. */
  migrations: {
    app: string;
    name: string;
    path: string;
    /** The file's full text, byte-identical to Django's. */
    text: string;
    /** '+ Add field views_count to post' style summary lines. */
    summary: string[];
    /** The SQL `sqlmigrate` would print for it. */
    sql: string;
  }[];
  /** Questions makemigrations would ask interactively (rename? one-off default?). */
  questions: string[];
  diagnostics: Diagnostic[];
}

export interface ColumnInfo {
  name: string;
  /** The declared type as the CREATE TABLE text spells it ('integer', 'varchar(200)'). */
  type: string;
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  default: string | null;
  references?: { table: string; column: string };
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  indexes: { name: string; columns: string[]; unique: boolean }[];
  rowCount: number;
}

/** The models as written in models.py (for the ER diagram and lesson checks). */
export interface ModelInfo {
  app: string;
  name: string;
  table: string;
  abstract: boolean;
  proxy: boolean;
  managed: boolean;
  fields: {
    name: string;
    /** 'CharField', 'ForeignKey', ... */
    type: string;
    column: string | null;
    dbType: string | null;
    primaryKey: boolean;
    unique: boolean;
    null: boolean;
    /** Relations: 'app.Model'. */
    relatedModel?: string;
    relation?: 'many-to-one' | 'one-to-one' | 'many-to-many';
    relatedName?: string | null;
    through?: string;
  }[];
}

export interface MigrationNode {
  app: string;
  name: string;
  applied: boolean;
  dependencies: { app: string; name: string }[];
  replaces: { app: string; name: string }[];
  /** Operation descriptions ('Create model Post'). */
  operations: string[];
}

export interface CommandResult {
  exitCode: number;
}

// ---------------------------------------------------------------------------------------
// The Project

import { setProjectRoot } from './python/stdlib/small';
import { SystemExit } from './core/management/argparse';
import { CommandError } from './core/management/base';
import type { CheckResult, CommandEnvironment } from './core/management/environment';
import type { MigrationsRuntime } from './db/migrations/runtime';
import { ProjectImporter, activateProject, setupProject, type LoadedProject } from './apps/loader';
import { activity } from './python/activity';
import { getStderr, getStdout, setStderr, setStdout } from './python/builtins';
import { registerMigrationsModule } from './db/migrations/pymodule';
import { ProjectMigrationsRuntime } from './db/migrations/project_runtime';
import { stateBridge } from './db/migrations/state_bridge';
import { MigrationRecorder } from './db/migrations/recorder';
import { connectionFor } from './core/management/commands/migration_support';
import { runSystemChecks } from './core/management/checks_bridge';
import './core/checks/index';
import { makeLoader } from './db/migrations/runtime';
import { describeGraph, describeModels, previewMigrations } from './db/migrations/preview';
import type { ProjectState } from './db/migrations/state';
import { declaredType } from './db/backends/sqlite3/declared_type';
import { ManagementUtility } from './core/management/index';
import { PyException } from './python/values';

/**
 * A Django project you can edit and run commands on. Files and database are live: every call
 * reads the files as they are now (results are cached by file content).
 */
export class Project implements CommandEnvironment {
  private loaded?: LoadedProject;
  private runtime?: ProjectMigrationsRuntime;
  /** Whether the last run() ended in an engine bug rather than a Python-level error. */
  internalError = false;

  constructor(
    readonly files: ProjectFiles,
    readonly db: Database,
  ) {
    registerMigrationsModule();
    setProjectRoot(files.root ?? '/project');
  }

  // ---- settings and apps ------------------------------------------------------------------

  private settingsCache?: { text: string; apps: string[] };

  installedApps(): string[] {
    if (this.loaded) return this.loaded.settings.installedApps;
    const text = this.files.read('settings.py') ?? '';
    if (this.settingsCache?.text !== text) {
      const m = /INSTALLED_APPS\s*=\s*[[(]([\s\S]*?)[\])]/.exec(text);
      const apps = m ? [...m[1].matchAll(/['"]([^'"]+)['"]/g)].map((x) => x[1]) : [];
      this.settingsCache = { text, apps };
    }
    return this.settingsCache.apps;
  }

  appLabels(): string[] {
    if (this.loaded) return [...this.loaded.apps.appConfigs.keys()];
    return this.installedApps().map((a) => a.slice(a.lastIndexOf('.') + 1));
  }

  /** The SQLite file settings.DATABASES['default']['NAME'] names: relative to the project root, or absolute. */
  databaseName(): string {
    if (this.loaded) return this.loaded.settings.databaseName;
    const text = this.files.read('settings.py') ?? '';
    const m = /['"]NAME['"]\s*:\s*(?:BASE_DIR\s*\/\s*)?['"]([^'"]+)['"]/.exec(text);
    return m ? m[1] : 'db.sqlite3';
  }

  /**
   * django.setup(): settings and every app's models module. Throws PyException.
   *
   * Every command starts with it, as every `manage.py` run starts a new Python process. Running
   * the same files again gives the same result unless they read the clock or randomness, so
   * the loaded project is kept while the files are unchanged and no code has run since that
   * could have changed it (see run()).
   */
  setup(): void {
    this.runtime = undefined;
    const key = this.setupKey();
    if (this.loaded && this.loadedKey === key && this.loadedPristine) {
      activateProject(this.loaded);
      return;
    }
    this.loaded = undefined;
    this.loadedKey = undefined;
    const reads = activity.volatileReads;
    const outputs = activity.outputs;
    this.loaded = setupProject(this.files);
    this.loadedKey = key;
    // A models module that prints prints at every command.
    this.loadedPristine = activity.volatileReads === reads && activity.outputs === outputs;
  }

  /** System check results for the loaded project, by options (the checks only read models and settings). */
  private checksCache = new WeakMap<LoadedProject, Map<string, CheckResult[]>>();

  runChecks(opts: { appLabels?: string[]; tags?: string[]; deploy?: boolean; databases?: string[] }): CheckResult[] {
    const loaded = this.loaded;
    if (!loaded) return runSystemChecks(this, opts);
    let byOpts = this.checksCache.get(loaded);
    if (!byOpts) this.checksCache.set(loaded, (byOpts = new Map()));
    const key = JSON.stringify([opts.appLabels ?? null, opts.tags ?? null, !!opts.deploy, opts.databases ?? null]);
    const hit = byOpts.get(key);
    if (hit) return [...hit];
    const reads = activity.volatileReads;
    const results = runSystemChecks(this, opts);
    // A check that compares a default with the current time answers differently later.
    if (activity.volatileReads === reads) byOpts.set(key, results);
    return results;
  }

  migrationsRuntime(): MigrationsRuntime {
    if (!this.loaded) this.setup();
    if (!this.runtime) {
      const loaded = this.loaded!;
      const importer = new ProjectImporter(this.files);
      for (const [name, mod] of loaded.modules) importer.modules.set(name, mod);
      this.runtime = new ProjectMigrationsRuntime(this.files, loaded.settings, loaded.apps, importer, stateBridge(), () =>
        new MigrationRecorder(connectionFor(this)).appliedMigrations().map((m) => [m.app, m.name] as [string, string]),
      );
    }
    return this.runtime;
  }

  /** The loaded settings and apps (after setup()). */
  get project(): LoadedProject | undefined {
    return this.loaded;
  }

  // ---- commands -----------------------------------------------------------------------------

  /** Runs `manage.py <argv>`; resolves to the exit status. Never throws. */
  async run(argv: string[], console: Console): Promise<number> {
    const utility = new ManagementUtility(this, console);
    this.internalError = false;
    const calls = activity.projectCalls;
    // print() and sys.stdout in project code (models.py, RunPython) write to the command's output.
    const [stdout, stderr] = [getStdout(), getStderr()];
    setStdout((t) => console.stdout(t));
    setStderr((t) => console.stderr(t));
    try {
      await utility.execute(argv);
      return 0;
    } catch (e) {
      this.internalError = !(e instanceof SystemExit || e instanceof PyException || e instanceof CommandError);
      return reportFailure(e, console, this.files);
    } finally {
      setStdout(stdout);
      setStderr(stderr);
      this.runtime = undefined;
      // Project code that ran (a RunPython function, the shell) may have changed modules or classes.
      if (activity.projectCalls !== calls || this.internalError || !KEEPS_PROJECT_LOADED.has(argv[0] ?? 'help')) this.loadedPristine = false;
    }
  }

  // ---- views for the UI ---------------------------------------------------------------------

  private loadedKey?: string;
  /** Whether `loaded` is as setup() left it, so a new command may start from it. */
  private loadedPristine = false;

  /** Every Python source that django.setup() reads (migration files aside), as one key. */
  private setupKey(): string {
    let key = '';
    for (const path of this.files.list()) {
      if (!path.endsWith('.py') || path.includes('/migrations/')) continue;
      key += path + '\u0000' + (this.files.read(path) ?? '') + '\u0000';
    }
    return key;
  }

  /** setup() unless the loaded project is still current; returns the error when it fails. */
  private ensureLoaded(): PyException | null {
    if (this.loaded && this.loadedKey === this.setupKey()) return null;
    try {
      this.setup();
      return null;
    } catch (e) {
      if (e instanceof PyException) return e;
      return new PyException('SystemError', e instanceof Error ? e.message : String(e));
    }
  }

  preview(): MigrationPreview {
    const diagnostics = this.diagnostics();
    if (!this.loaded || diagnostics.some((d) => d.severity === 'error')) {
      return { status: 'error', migrations: [], questions: [], diagnostics };
    }
    try {
      const result = previewMigrations(this.migrationsRuntime(), this.files, connectionFor(this));
      return { ...result, diagnostics: [...diagnostics, ...result.diagnostics] };
    } catch (e) {
      const err = e instanceof PyException ? e : new PyException('SystemError', e instanceof Error ? e.message : String(e));
      return { status: 'error', migrations: [], questions: [], diagnostics: [...diagnostics, diagnosticOf(err)] };
    } finally {
      this.runtime = undefined;
    }
  }

  diagnostics(): Diagnostic[] {
    const err = this.ensureLoaded();
    if (err) return [diagnosticOf(err)];
    try {
      // With the database checks, as `migrate` runs them: the editor shows what migrate would print.
      return this.runChecks({ databases: ['default'] }).map((c) => ({
        file: c.file ?? '',
        line: c.line ?? 0,
        severity: c.level >= 40 ? ('error' as const) : ('warning' as const),
        message: c.text,
        code: /\(([a-z_]+\.[EW]\d+)\)/.exec(c.text)?.[1],
      }));
    } catch (e) {
      return e instanceof PyException ? [diagnosticOf(e)] : [];
    }
  }

  models(): ModelInfo[] {
    if (this.ensureLoaded() || !this.loaded) return [];
    try {
      return describeModels(this.loaded.apps);
    } catch {
      return [];
    }
  }

  tables(): TableInfo[] {
    return introspectTables(this.db);
  }

  /**
   * The models of the migration state just before and just after one migration (what it
   * changes), or null when there is no such migration or the project does not load.
   */
  migrationSnapshots(app: string, name: string): { before: ModelInfo[]; after: ModelInfo[] } | null {
    if (this.ensureLoaded()) return null;
    try {
      const loader = makeLoader(this.migrationsRuntime(), true);
      const key: [string, string] = [app, name];
      if (!loader.graph.get(key)) return null;
      const before = loader.projectState(key, false) as ProjectState;
      const after = loader.projectState(key, true) as ProjectState;
      return { before: describeModels(before.apps), after: describeModels(after.apps) };
    } catch {
      return null;
    } finally {
      this.runtime = undefined;
    }
  }

  migrationGraph(): MigrationNode[] {
    if (this.ensureLoaded()) return [];
    try {
      return describeGraph(makeLoader(this.migrationsRuntime(), true));
    } catch {
      return [];
    } finally {
      this.runtime = undefined;
    }
  }
}

/** Commands that run no project code but the models modules django.setup() imports. */
const KEEPS_PROJECT_LOADED = new Set([
  'makemigrations', 'migrate', 'showmigrations', 'sqlmigrate', 'check', 'squashmigrations', 'optimizemigration',
  'inspectdb', 'sqlsequencereset', 'diffsettings', 'help', 'version', '--version',
]);

/** A Python exception as an editor diagnostic. */
export function diagnosticOf(e: PyException): Diagnostic {
  const short = e.type.slice(e.type.lastIndexOf('.') + 1);
  return {
    file: e.filename && !e.filename.startsWith('/') && !e.filename.startsWith('<') ? e.filename : '',
    line: e.lineno ?? 0,
    severity: 'error',
    message: e.pyMessage ? `${short}: ${e.pyMessage}` : short,
    code: short,
  };
}

/** Turns an escaped exception into Django's output and exit status. */
export function reportFailure(e: unknown, console: Console, files?: ProjectFiles): number {
  if (e instanceof SystemExit) return e.code;
  if (e instanceof PyException) {
    console.stderr(formatTraceback(e, files));
    return 1;
  }
  if (e instanceof CommandError) {
    // Reaches here only with --traceback.
    console.stderr(
      'Traceback (most recent call last):\n  File "manage.py", line 22, in <module>\n' +
        `django.core.management.base.${e.className}: ${e.message}\n`,
    );
    return e.returncode;
  }
  const msg = e instanceof Error ? e.message : String(e);
  console.stderr(
    'Traceback (most recent call last):\n  File "manage.py", line 22, in <module>\n' +
      `SystemError: internal error in the Migration Playground: ${msg.split('\n')[0]}\n`,
  );
  return 1;
}

/** A Python-shaped traceback for an exception raised while running project code. */
export function formatTraceback(e: PyException, files?: ProjectFiles): string {
  const sourceLine = (file: string, line: number) => {
    const text = files?.read(file)?.split('\n')[line - 1];
    return text !== undefined && text.trim() ? `    ${text.trim()}\n` : '';
  };
  let out = 'Traceback (most recent call last):\n  File "manage.py", line 22, in <module>\n';
  const isSyntax = e.type === 'SyntaxError' || e.type === 'IndentationError' || e.type === 'TabError';
  const frames = [...(e.traceback ?? [])].reverse();
  for (const f of frames) {
    if (!f.filename) continue;
    out += `  File "${f.filename}", line ${f.lineno}, in ${f.name}\n` + sourceLine(f.filename, f.lineno);
  }
  if (isSyntax && e.filename) {
    out += `  File "${e.filename}", line ${e.lineno ?? 0}\n` + sourceLine(e.filename, e.lineno ?? 0);
  } else if (!frames.length && e.filename) {
    out += `  File "${e.filename}", line ${e.lineno ?? 0}, in <module>\n` + sourceLine(e.filename, e.lineno ?? 0);
  }
  out += (e.pyMessage ? `${e.type}: ${e.pyMessage}` : e.type) + '\n';
  return out;
}

const quoteName = (name: string) => `"${name.replace(/"/g, '""')}"`;

/** The database's tables as the UI shows them (sqlite_master and PRAGMAs). */
export function introspectTables(db: Database): TableInfo[] {
  const rows = (sql: string) => db.exec(sql)[0]?.values ?? [];
  const names = rows("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").map((r) => String(r[0]));
  return names.map((name) => {
    const createSql = rows(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '${name.replace(/'/g, "''")}'`)[0]?.[0];
    const fks = rows(`PRAGMA foreign_key_list(${quoteName(name)})`);
    const indexes = rows(`PRAGMA index_list(${quoteName(name)})`).map((r) => {
      const idx = String(r[1]);
      return { name: idx, columns: rows(`PRAGMA index_info(${quoteName(idx)})`).map((c) => String(c[2])), unique: Number(r[2]) === 1 };
    });
    const columns: ColumnInfo[] = rows(`PRAGMA table_info(${quoteName(name)})`).map((c) => {
      const col = String(c[1]);
      const fk = fks.find((f) => String(f[3]) === col);
      const info: ColumnInfo = {
        name: col,
        type: declaredType(typeof createSql === 'string' ? createSql : null, col, String(c[2])),
        notNull: Number(c[3]) === 1,
        primaryKey: Number(c[5]) > 0,
        unique: indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === col),
        default: c[4] === null ? null : String(c[4]),
      };
      if (fk) info.references = { table: String(fk[2]), column: String(fk[4]) };
      return info;
    });
    const rowCount = Number(rows(`SELECT COUNT(*) FROM ${quoteName(name)}`)[0]?.[0] ?? 0);
    return { name, columns, indexes, rowCount };
  });
}
