// `manage.py migrate`: brings the database to the state of the migrations (Django's messages,
// plans, --fake, --fake-initial, --plan, --check, zero and partial targets).

import { PyList, PyTuple, type PyValue } from '../../../python/values';
import { MigrationExecutor, type ExecMigration, type PlanStep, type ProgressCallback } from '../../../db/migrations/executor';
import type { ArgumentParser } from '../argparse';
import { BaseCommand, CommandError, SystemExit, type CheckKwargs, type Options } from '../base';
import { connectionFor, has, services, truncateChars } from './migration_support';
import { emitPostMigrate } from './post_migrate';
import { optsOf } from '../../../db/backends/base/types';

export class MigrateCommand extends BaseCommand {
  override help = 'Updates database schema. Manages both apps with migrations and those without.';
  private verbosity = 1;

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('app_label', { nargs: '?', help: 'App label of an application to synchronize the state.' });
    parser.addArgument('migration_name', {
      nargs: '?',
      help: 'Database state will be brought to the state after that migration. Use the name "zero" to unapply all migrations.',
    });
    parser.addArgument(['--noinput', '--no-input'], {
      action: 'store_false',
      dest: 'interactive',
      help: 'Tells Django to NOT prompt the user for input of any kind.',
    });
    parser.addArgument('--database', {
      default: 'default',
      choices: ['default'],
      help: 'Nominates a database to synchronize. Defaults to the "default" database.',
    });
    parser.addArgument('--fake', { action: 'store_true', help: 'Mark migrations as run without actually running them.' });
    parser.addArgument('--fake-initial', {
      action: 'store_true',
      help:
        'Detect if tables already exist and fake-apply initial migrations if so. Make sure that the current database schema matches your initial migration before using this flag. Django will only check for an existing table name.',
    });
    parser.addArgument('--plan', { action: 'store_true', help: 'Shows a list of the migration actions that will be performed.' });
    parser.addArgument('--run-syncdb', { action: 'store_true', help: 'Creates tables for apps without migrations.' });
    parser.addArgument('--check', {
      action: 'store_true',
      dest: 'check_unapplied',
      help: 'Exits with a non-zero status if unapplied migrations exist and does not actually apply migrations.',
    });
    parser.addArgument('--prune', { action: 'store_true', dest: 'prune', help: 'Delete nonexistent migrations from the django_migrations table.' });
  }

  /** migrate also runs the database checks (fields.W163 and the like). */
  override getCheckKwargs(options: Options): CheckKwargs {
    return { ...super.getCheckKwargs(options), databases: [String(options.database ?? 'default')] };
  }

  handle(options: Options): void {
    this.verbosity = options.verbosity;
    const connection = connectionFor(this.env);
    const svc = services(this.env);
    const loader = svc.migrationLoader(connection, {});
    const executor = new MigrationExecutor(connection, loader, (realApps) => svc.emptyProjectState(realApps), this.progress);
    loader.checkConsistentHistory?.(executor.recorder.appliedMigrations().map((m) => [m.app, m.name] as [string, string]));
    const conflictsRaw = loader.detectConflicts();
    const conflicts = conflictsRaw instanceof Map ? [...conflictsRaw.entries()] : Object.entries(conflictsRaw);
    if (conflicts.length) {
      const nameStr = conflicts.map(([app, names]) => `${names.join(', ')} in ${app}`).join('; ');
      throw new CommandError(
        `Conflicting migrations detected; multiple leaf nodes in the migration graph: (${nameStr}).\nTo fix them run 'python manage.py makemigrations --merge'`,
      );
    }
    const appLabel = (options.app_label as string | null) ?? null;
    const migrationName = (options.migration_name as string | null) ?? null;
    const runSyncdbOpt = !!options.run_syncdb;
    let targetAppLabelsOnly = true;
    if (appLabel !== null) {
      if (!this.env.appLabels().includes(appLabel)) throw new CommandError(`No installed app with label '${appLabel}'.`);
      if (runSyncdbOpt) {
        if (has(loader.migratedApps, appLabel)) throw new CommandError(`Can't use run_syncdb with app '${appLabel}' as it has migrations.`);
      } else if (!has(loader.migratedApps, appLabel)) {
        throw new CommandError(`App '${appLabel}' does not have migrations.`);
      }
    }
    let targets: [string, string | null][];
    if (appLabel !== null && migrationName !== null) {
      if (migrationName === 'zero') {
        targets = [[appLabel, null]];
      } else {
        let migration: ExecMigration;
        try {
          migration = loader.getMigrationByPrefix(appLabel, migrationName);
        } catch (e) {
          if (isAmbiguity(e)) {
            throw new CommandError(`More than one migration matches '${migrationName}' in app '${appLabel}'. Please be more specific.`);
          }
          throw new CommandError(`Cannot find a migration matching '${migrationName}' from app '${appLabel}'.`);
        }
        let target: [string, string] = [appLabel, migration.name];
        const key = `${target[0]}\u0000${target[1]}`;
        if (!loader.graph.nodes.has(key) && loader.replacements.has(key)) {
          const replaces = loader.replacements.get(key)!.replaces;
          target = replaces[replaces.length - 1];
        }
        targets = [target];
      }
      targetAppLabelsOnly = false;
    } else if (appLabel !== null) {
      targets = loader.graph.leafNodes().filter((k) => k[0] === appLabel);
    } else {
      targets = loader.graph.leafNodes();
    }

    if (options.prune) {
      if (appLabel === null) throw new CommandError('Migrations can be pruned only when an app is specified.');
      if (this.verbosity > 0) this.stdout.write('Pruning migrations:', this.style.MIGRATE_HEADING);
      const applied = [...executor.recorder.appliedMigrations()].map((m) => [m.app, m.name] as [string, string]);
      const disk = loader.diskMigrations;
      const toPrune = applied
        .filter(([a, n]) => a === appLabel && !disk.has(`${a}\u0000${n}`))
        .sort((x, y) => (x[1] < y[1] ? -1 : x[1] > y[1] ? 1 : 0));
      const blocked = [...loader.replacements.entries()].filter(([, m]) => m.replaces.some(([a, n]) => toPrune.some(([pa, pn]) => pa === a && pn === n)));
      if (blocked.length) {
        this.stdout.write(
          this.style.NOTICE(
            "  Cannot use --prune because the following squashed migrations have their 'replaces' attributes and may not be recorded as applied:",
          ),
        );
        for (const [key] of blocked) this.stdout.write(`    ${key.replace('\u0000', '.')}`);
        this.stdout.write(
          this.style.NOTICE(
            "  Re-run 'manage.py migrate' if they are not marked as applied, and remove 'replaces' attributes in their Migration classes.",
          ),
        );
      } else if (toPrune.length) {
        for (const [a, n] of toPrune) {
          if (this.verbosity > 0) this.stdout.write(this.style.MIGRATE_LABEL(`  Pruning ${a}.${n}`), undefined, '');
          executor.recorder.recordUnapplied(a, n);
          if (this.verbosity > 0) this.stdout.write(this.style.SUCCESS(' OK'));
        }
      } else if (this.verbosity > 0) {
        this.stdout.write('  No migrations to prune.');
      }
    }

    const plan = executor.migrationPlan(targets);
    if (options.plan) {
      this.stdout.write('Planned operations:', this.style.MIGRATE_LABEL);
      if (!plan.length) {
        this.stdout.write('  No planned migration operations.');
      } else {
        for (const [migration, backwards] of plan) {
          this.stdout.write(String(migration), this.style.MIGRATE_HEADING);
          for (const op of migration.operations) {
            const [message, isError] = describeOperation(op, backwards);
            this.stdout.write(`    ${message}`, isError ? this.style.WARNING : null);
          }
        }
        if (options.check_unapplied) throw new SystemExit(1);
      }
      return;
    }
    if (options.check_unapplied) {
      if (plan.length) throw new SystemExit(1);
      return;
    }
    if (options.prune) return;

    const unmigrated = [...loader.unmigratedApps];
    const runSyncdb = runSyncdbOpt && unmigrated.length > 0;
    if (this.verbosity >= 1) {
      this.stdout.write(this.style.MIGRATE_HEADING('Operations to perform:'));
      if (runSyncdb) {
        if (appLabel !== null) this.stdout.write(this.style.MIGRATE_LABEL(`  Synchronize unmigrated app: ${appLabel}`));
        else this.stdout.write(this.style.MIGRATE_LABEL('  Synchronize unmigrated apps: ') + [...unmigrated].sort().join(', '));
      }
      if (targetAppLabelsOnly) {
        const labels = [...new Set(targets.map(([a]) => a))].sort();
        this.stdout.write(this.style.MIGRATE_LABEL('  Apply all migrations: ') + (labels.join(', ') || '(none)'));
      } else if (targets[0][1] === null) {
        this.stdout.write(this.style.MIGRATE_LABEL('  Unapply all migrations: ') + targets[0][0]);
      } else {
        this.stdout.write(this.style.MIGRATE_LABEL('  Target specific migration: ') + `${targets[0][1]}, from ${targets[0][0]}`);
      }
    }
    // Rendered for the pre_migrate signal, as Django does: a state whose models cannot be built
    // (a lazy reference to a model no migration provides) stops migrate here. The executor
    // applies forwards from this rendered state.
    const preMigrateState = executor.createProjectState(true);
    void preMigrateState.apps;
    const appsWithModels = this.appsWithModels();
    if (this.verbosity >= 2) {
      for (const app of this.env.appLabels()) {
        if (appsWithModels.has(app)) this.stdout.write(`Running pre-migrate handlers for application ${app}`);
      }
    }
    if (runSyncdb) {
      if (this.verbosity >= 1) this.stdout.write(this.style.MIGRATE_HEADING('Synchronizing apps without migrations:'));
      this.syncApps(connection, appLabel !== null ? [appLabel] : unmigrated);
    }
    if (this.verbosity >= 1) this.stdout.write(this.style.MIGRATE_HEADING('Running migrations:'));
    let fake = false;
    let fakeInitial = false;
    if (!plan.length) {
      if (this.verbosity >= 1) {
        this.stdout.write('  No migrations to apply.');
        let changes: string[] = [];
        try {
          changes = services(this.env).pendingChanges?.(loader) ?? [];
        } catch {
          changes = [];
        }
        if (changes.length) {
          this.stdout.write(
            this.style.NOTICE(
              `  Your models in app(s): ${[...changes].sort().map((a) => `'${a}'`).join(', ')} have changes that are not yet reflected in a migration, and so won't be applied.`,
            ),
          );
          this.stdout.write(
            this.style.NOTICE("  Run 'manage.py makemigrations' to make new migrations, and then re-run 'manage.py migrate' to apply them."),
          );
        }
      }
    } else {
      fake = !!options.fake;
      fakeInitial = !!options.fake_initial;
    }
    const postMigrateState = executor.migrate(targets, { plan, state: preMigrateState.clone(), fake, fakeInitial });
    emitPostMigrate(connection, postMigrateState, this.env.appLabels(), appsWithModels, this.verbosity, (line) => this.stdout.write(line), (name) =>
      name === 'AUTH_USER_MODEL' ? (/^AUTH_USER_MODEL\s*=\s*['"]([^'"]+)['"]/m.exec(this.env.files.read('settings.py') ?? '')?.[1] ?? 'auth.User') : undefined,
    );
  }

  /** --run-syncdb: creates the tables of apps without migrations (Django's sync_apps). */
  private syncApps(connection: ReturnType<typeof connectionFor>, appLabels: string[]): void {
    const tables = new Set(connection.introspection.tableNames().map((t) => t.toLowerCase()));
    const runtime = (this.env as unknown as { migrationsRuntime(): { currentState(): unknown } }).migrationsRuntime();
    const state = runtime.currentState() as { models: Map<string, { appLabel: string; name: string }>; apps: { getModel(a: string, m: string): unknown } };
    const toCreate: object[] = [];
    for (const app of this.env.appLabels()) {
      if (!appLabels.includes(app)) continue;
      for (const ms of state.models.values()) {
        if (ms.appLabel !== app) continue;
        const model = state.apps.getModel(app, ms.name) as object;
        const opts = optsOf(model);
        if (opts.autoCreated) continue;
        if (tables.has(opts.dbTable.toLowerCase())) continue;
        toCreate.push(model);
      }
    }
    if (this.verbosity >= 1) this.stdout.write('  Creating tables...');
    connection.schemaEditor().run((editor) => {
      for (const model of toCreate) {
        const opts = optsOf(model);
        if (!opts.managed || opts.proxy || opts.swapped) continue;
        if (this.verbosity >= 3) this.stdout.write(`    Processing ${opts.appLabel}.${opts.objectName} model`);
        if (this.verbosity >= 1) this.stdout.write(`    Creating table ${opts.dbTable}`);
        editor.createModel(model);
      }
      if (this.verbosity >= 1) this.stdout.write('    Running deferred SQL...');
    });
  }

  /** Installed apps with a models module (post_migrate is sent to those). */
  private appsWithModels(): Set<string> {
    const out = new Set<string>();
    for (const name of this.env.installedApps()) {
      const label = name.slice(name.lastIndexOf('.') + 1);
      if (name.startsWith('django.contrib.')) {
        if (!['messages', 'staticfiles', 'humanize'].includes(label)) out.add(label);
      } else if (this.env.files.read(`${name.replace(/\./g, '/')}/models.py`) !== undefined) {
        out.add(label);
      }
    }
    return out;
  }

  private readonly progress: ProgressCallback = (action, migration, fake) => {
    if (this.verbosity < 1) return;
    const computeTime = this.verbosity > 1;
    const elapsed = () => (computeTime ? ` (${((performance.now() - this.start) / 1000).toFixed(3)}s)` : '');
    switch (action) {
      case 'apply_start':
        this.start = performance.now();
        this.stdout.write(`  Applying ${String(migration)}...`, undefined, '');
        break;
      case 'unapply_start':
        this.start = performance.now();
        this.stdout.write(`  Unapplying ${String(migration)}...`, undefined, '');
        break;
      case 'apply_success':
      case 'unapply_success':
        this.stdout.write(this.style.SUCCESS((fake ? ' FAKED' : ' OK') + elapsed()));
        break;
      case 'render_start':
        this.start = performance.now();
        this.stdout.write('  Rendering model states...', undefined, '');
        break;
      case 'render_success':
        this.stdout.write(this.style.SUCCESS(' DONE' + elapsed()));
        break;
    }
  };
  private start = 0;
}

function isAmbiguity(e: unknown): boolean {
  const t = (e as { type?: string })?.type ?? '';
  return typeof t === 'string' && t.endsWith('AmbiguityError');
}

/** One line of `migrate --plan`: the operation, and its SQL or the docstring of its code. */
export function describeOperation(op: ExecMigration['operations'][number], backwards: boolean): [string, boolean] {
  const o = op as unknown as { code?: PyValue; reverseCode?: PyValue | null; sql?: PyValue; reverseSql?: PyValue | null; describe(): string };
  let prefix = '';
  let isError = false;
  let action: string | null;
  if ('code' in o && o.code !== undefined) {
    const code = backwards ? o.reverseCode : o.code;
    action = code ? docOf(code) : null;
  } else if ('sql' in o && o.sql !== undefined) {
    const sql = backwards ? o.reverseSql : o.sql;
    action = sql === null || sql === undefined ? null : pyStrOfSql(sql);
  } else {
    action = '';
    if (backwards) prefix = 'Undo ';
  }
  if (action !== null) action = action.replace(/\n/g, '');
  else if (backwards) {
    action = 'IRREVERSIBLE';
    isError = true;
  }
  if (action) action = ` -> ${action}`;
  return [prefix + o.describe() + truncateChars(action ?? '', 40), isError];
}

function docOf(code: PyValue): string {
  const dict = (code as { dict?: Map<string, PyValue> }).dict;
  const doc = dict?.get('__doc__');
  return typeof doc === 'string' ? doc : '';
}

function pyStrOfSql(v: PyValue): string {
  if (typeof v === 'string') return v;
  const repr = (x: PyValue): string => {
    if (typeof x === 'string') return `'${x.replace(/\\/g, '\\\\').replace(/'/g, "\\'").replace(/\n/g, '\\n')}'`;
    if (x === null) return 'None';
    if (typeof x === 'bigint' || typeof x === 'number') return String(x);
    if (typeof x === 'boolean') return x ? 'True' : 'False';
    if (x instanceof PyList) return `[${x.items.map(repr).join(', ')}]`;
    if (x instanceof PyTuple) return x.items.length === 1 ? `(${repr(x.items[0])},)` : `(${x.items.map(repr).join(', ')})`;
    return String(x);
  };
  return repr(v);
}
