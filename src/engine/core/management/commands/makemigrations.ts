// `manage.py makemigrations`: Django 5.2's command, flags and messages.

import { SystemExit } from '../argparse';
import type { ArgumentParser } from '../argparse';
import { BaseCommand, CommandError, type Options, type OutputWrapper } from '../base';
import { MigrationAutodetector, type Changes } from '../../../db/migrations/autodetector';
import { keyStr } from '../../../db/migrations/graph';
import type { MigrationLoader } from '../../../db/migrations/loader';
import { Migration, migrationNameTimestamp, type Dependency } from '../../../db/migrations/migration';
import { MigrationOptimizer } from '../../../db/migrations/optimizer';
import {
  InteractiveMigrationQuestioner,
  MigrationQuestioner,
  NeedAnswer,
  NonInteractiveMigrationQuestioner,
} from '../../../db/migrations/questioner';
import { makeLoader, noInstalledApp, type MigrationsRuntime } from '../../../db/migrations/runtime';
import { strCompare } from '../../../db/migrations/serializer';
import { MigrationWriter } from '../../../db/migrations/writer';
import { abspath } from '../../../python/stdlib/small';

const isIdentifier = (s: string) => /^[\p{L}\p{Nl}_][\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}]*$/u.test(s);

export class MakemigrationsCommand extends BaseCommand {
  override help = 'Creates new migration(s) for apps.';
  private verbosity = 1;
  private interactive = true;
  private dryRun = false;
  private migrationName: string | null = null;
  private includeHeader = true;
  private scriptable = false;
  writtenFiles: string[] = [];

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('args', { metavar: 'app_label', nargs: '*', help: 'Specify the app label(s) to create migrations for.' });
    parser.addArgument('--dry-run', { action: 'store_true', help: "Just show what migrations would be made; don't actually write them." });
    parser.addArgument('--merge', { action: 'store_true', help: 'Enable fixing of migration conflicts.' });
    parser.addArgument('--empty', { action: 'store_true', help: 'Create an empty migration.' });
    parser.addArgument(['--noinput', '--no-input'], {
      action: 'store_false',
      dest: 'interactive',
      help: 'Tells Django to NOT prompt the user for input of any kind.',
    });
    parser.addArgument(['-n', '--name'], { help: 'Use this name for migration file(s).' });
    parser.addArgument('--no-header', { action: 'store_false', dest: 'include_header', help: 'Do not add header comments to new migration file(s).' });
    parser.addArgument('--check', {
      action: 'store_true',
      dest: 'check_changes',
      help: "Exit with a non-zero status if model changes are missing migrations and don't actually write them. Implies --dry-run.",
    });
    parser.addArgument('--scriptable', {
      action: 'store_true',
      dest: 'scriptable',
      help: 'Divert log output and input prompts to stderr, writing only paths of generated migration files to stdout.',
    });
    parser.addArgument('--update', {
      action: 'store_true',
      dest: 'update',
      help: 'Merge model changes into the latest migration and optimize the resulting operations.',
    });
  }

  private get logOutput(): OutputWrapper {
    return this.scriptable ? this.stderr : this.stdout;
  }

  private log(msg: string): void {
    this.logOutput.write(msg);
  }

  private runtime(): MigrationsRuntime {
    return this.env.migrationsRuntime();
  }

  async handle(options: Options, labels: string[]): Promise<void> {
    this.verbosity = options.verbosity;
    this.interactive = options.interactive as boolean;
    this.dryRun = options.dry_run as boolean;
    const merge = options.merge as boolean;
    const empty = options.empty as boolean;
    this.migrationName = (options.name as string | null) ?? null;
    if (this.migrationName !== null && !isIdentifier(this.migrationName)) {
      throw new CommandError('The migration name must be a valid Python identifier.');
    }
    this.includeHeader = options.include_header as boolean;
    const checkChanges = options.check_changes as boolean;
    if (checkChanges) this.dryRun = true;
    this.scriptable = options.scriptable as boolean;
    const update = options.update as boolean;
    if (this.scriptable) this.stderr.setStyleFunc(null);

    const runtime = this.runtime();
    const appLabels = [...new Set(labels)];
    const installed = new Set(runtime.appConfigs().map((a) => a.label));
    let bad = false;
    for (const label of appLabels) {
      if (!installed.has(label)) {
        this.stderr.write(noInstalledApp(runtime, label));
        bad = true;
      }
    }
    if (bad) throw new SystemExit(2);

    const loader = makeLoader(runtime, false, true);
    loader.checkConsistentHistory(runtime.appliedMigrations());

    let conflicts = loader.detectConflicts();
    if (appLabels.length) conflicts = new Map([...conflicts].filter(([app]) => appLabels.includes(app)));
    if (conflicts.size && !merge) {
      const nameStr = [...conflicts].map(([app, names]) => `${names.join(', ')} in ${app}`).join('; ');
      throw new CommandError(
        `Conflicting migrations detected; multiple leaf nodes in the migration graph: (${nameStr}).\n` +
          "To fix them run 'python manage.py makemigrations --merge'",
      );
    }
    if (merge && !conflicts.size) {
      this.log('No conflicts detected to merge.');
      return;
    }
    if (merge && conflicts.size) return this.handleMerge(loader, conflicts);

    const qopts = { specifiedApps: appLabels, dryRun: this.dryRun, migrationFiles: (l: string) => runtime.migrationFiles(l) };
    const questioner = this.interactive
      ? new InteractiveMigrationQuestioner(qopts, this.logOutput, this.ctx.console, (code) => runtime.evaluateDefault(code), !this.scriptable)
      : new NonInteractiveMigrationQuestioner(qopts, this.verbosity, (m) => this.log(m));

    const detector = () =>
      new MigrationAutodetector(loader.projectState() as never, runtime.currentState(), runtime.stateAccess, questioner, {
        setting: (n) => runtime.setting(n),
      });

    if (empty) {
      if (!appLabels.length) throw new CommandError('You must supply at least one app label when using --empty.');
      const changes: Changes = new Map(appLabels.map((app) => [app, [new Migration('custom', app)]]));
      const arranged = detector().arrangeForGraph(changes, loader.graph, this.migrationName ?? undefined);
      this.writeMigrationFiles(arranged);
      return;
    }

    let changes: Changes;
    for (;;) {
      if (questioner instanceof InteractiveMigrationQuestioner) questioner.rewind();
      try {
        changes = detector().changes(
          loader.graph,
          appLabels.length ? new Set(appLabels) : undefined,
          appLabels.length ? new Set(appLabels) : undefined,
          this.migrationName ?? undefined,
        );
        break;
      } catch (e) {
        if (e instanceof NeedAnswer && questioner instanceof InteractiveMigrationQuestioner) {
          await questioner.resolve(e.question);
          continue;
        }
        throw e;
      }
    }

    if (!changes.size) {
      if (this.verbosity >= 1) {
        if (appLabels.length === 1) this.log(`No changes detected in app '${appLabels[0]}'`);
        else if (appLabels.length) this.log(`No changes detected in apps '${appLabels.join("', '")}'`);
        else this.log('No changes detected');
      }
      return;
    }
    if (update) this.writeToLastMigrationFiles(changes);
    else this.writeMigrationFiles(changes);
    if (checkChanges) throw new SystemExit(1);
  }

  private writeToLastMigrationFiles(changes: Changes): void {
    const runtime = this.runtime();
    const loader = makeLoader(runtime, true);
    const newChanges: Changes = new Map();
    const previousPaths = new Map<string, string>();
    for (const [appLabel, appMigrations] of changes) {
      const leaves = loader.graph.leafNodes(appLabel);
      if (!leaves.length) throw new CommandError(`App ${appLabel} has no migration, cannot update last migration.`);
      const leafKey = leaves[0];
      const leaf = loader.graph.get(leafKey)!;
      if (leaf.replaces.length) throw new CommandError(`Cannot update squash migration '${leaf}'.`);
      if (loader.appliedMigrations.has(keyStr(leafKey))) throw new CommandError(`Cannot update applied migration '${leaf}'.`);
      const depending = [...loader.diskMigrations.values()].filter((m) => m.dependencies.some((d) => d[0] === leafKey[0] && d[1] === leafKey[1]));
      if (depending.length) {
        throw new CommandError(`Cannot update migration '${leaf}' that migrations ${depending.map((m) => `'${m}'`).join(', ')} depend on.`);
      }
      for (const m of appMigrations) {
        leaf.operations.push(...m.operations);
        for (const d of m.dependencies) {
          if (d.setting !== undefined) {
            if (runtime.setting('AUTH_USER_MODEL') === d.setting) leaf.dependencies.push(['__setting__', 'AUTH_USER_MODEL'] as Dependency);
            else leaf.dependencies.push(d);
          } else if (d[0] !== m.appLabel) leaf.dependencies.push(d);
        }
      }
      leaf.operations = new MigrationOptimizer().optimize(leaf.operations, appLabel);
      const previousPath = `${runtime.migrationsDir(appLabel)}/${leaf.name}.py`;
      const fragment = this.migrationName ?? leaf.suggestName();
      const suggested = leaf.name.slice(0, 4) + `_${fragment}`;
      leaf.name = leaf.name === suggested ? leaf.name + '_updated' : suggested;
      newChanges.set(appLabel, [leaf]);
      previousPaths.set(appLabel, previousPath);
    }
    this.writeMigrationFiles(newChanges, previousPaths);
  }

  private writerFor(migration: Migration): MigrationWriter {
    return new MigrationWriter(
      {
        name: migration.name,
        appLabel: migration.appLabel,
        operations: migration.operations,
        dependencies: migration.dependencies.map((d) => [d[0], d[1]] as [string, string]),
        replaces: migration.replaces,
        initial: migration.initial,
      },
      { includeHeader: this.includeHeader },
    );
  }

  private writeMigrationFiles(changes: Changes, previousPaths?: Map<string, string>): void {
    const runtime = this.runtime();
    const files = this.env.files;
    const created = new Set<string>();
    for (const [appLabel, appMigrations] of changes) {
      if (this.verbosity >= 1) this.log(this.style.MIGRATE_HEADING(`Migrations for '${appLabel}':`));
      const dir = runtime.migrationsDir(appLabel);
      for (const migration of appMigrations) {
        const writer = this.writerFor(migration);
        const path = `${dir}/${writer.filename}`;
        if (this.verbosity >= 1) {
          this.log(`  ${this.style.MIGRATE_LABEL(path)}\n`);
          for (const op of migration.operations) this.log(`    ${op.formattedDescription()}`);
          if (this.scriptable) this.stdout.write(path);
        }
        if (!this.dryRun) {
          if (!created.has(appLabel)) {
            if (files.read(`${dir}/__init__.py`) === undefined) files.write(`${dir}/__init__.py`, '');
            created.add(appLabel);
          }
          files.write(path, writer.asString());
          this.writtenFiles.push(path);
          const prev = previousPaths?.get(appLabel);
          if (prev) {
            if (writer.needsManualPorting) {
              this.log(
                this.style.WARNING(
                  `Updated migration ${path} requires manual porting.\nPrevious migration ${prev} was kept and must be deleted after porting functions manually.`,
                ),
              );
            } else {
              files.delete(prev);
              this.log(`Deleted ${prev}`);
            }
          }
        } else if (this.verbosity === 3) {
          this.log(this.style.MIGRATE_HEADING(`Full migrations file '${writer.filename}':`));
          this.log(writer.asString());
        }
      }
    }
  }

  private async handleMerge(loader: MigrationLoader, conflicts: Map<string, string[]>): Promise<void> {
    const runtime = this.runtime();
    const questioner = this.interactive
      ? new InteractiveMigrationQuestioner({}, this.logOutput, this.ctx.console, (c) => runtime.evaluateDefault(c), !this.scriptable)
      : new MigrationQuestioner({ defaults: { ask_merge: true } });
    for (const [appLabel, names] of conflicts) {
      const merging = names.map((name) => {
        const m = loader.getMigration(appLabel, name);
        const ancestry = loader.graph.forwardsPlan([appLabel, name]).filter((k) => k[0] === appLabel);
        return { m, ancestry };
      });
      let common = 0;
      const minLen = Math.min(...merging.map((x) => x.ancestry.length));
      while (common < minLen && merging.every((x) => x.ancestry[common][1] === merging[0].ancestry[common][1])) common++;
      if (!common) throw new Error(`Could not find common ancestor of ${names.join(', ')}`);
      if (this.verbosity > 0) {
        this.log(this.style.MIGRATE_HEADING(`Merging ${appLabel}`));
        for (const { m, ancestry } of merging) {
          this.log(this.style.MIGRATE_LABEL(`  Branch ${m.name}`));
          for (const key of ancestry.slice(common)) {
            for (const op of loader.getMigration(key[0], key[1]).operations) this.log(`    ${op.formattedDescription()}`);
          }
        }
      }
      const yes =
        questioner instanceof InteractiveMigrationQuestioner
          ? await questioner.booleanInput(
              '\nMerging will only work if the operations printed above do not conflict\n' +
                'with each other (working on different fields or models)\n' +
                'Should these migration branches be merged? [y/N]',
              false,
            )
          : (questioner.defaults.ask_merge ?? false);
      if (!yes) continue;
      const numbers = merging.map(({ m }) => MigrationAutodetector.parseNumber(m.name)).filter((n): n is number => n !== null);
      const biggest = numbers.length ? Math.max(...numbers) : 1;
      const parts = [String(biggest + 1).padStart(4, '0')];
      if (this.migrationName) parts.push(this.migrationName);
      else {
        parts.push('merge');
        const leafNames = merging
          .map(({ m }) => m.name)
          .sort(strCompare)
          .join('_');
        parts.push(leafNames.length > 47 ? migrationNameTimestamp() : leafNames);
      }
      const merged = new Migration(parts.join('_'), appLabel);
      merged.dependencies = merging.map(({ m }) => [appLabel, m.name] as Dependency);
      const writer = this.writerFor(merged);
      const path = `${runtime.migrationsDir(appLabel)}/${writer.filename}`;
      if (!this.dryRun) {
        this.env.files.write(path, writer.asString());
        if (this.verbosity > 0) {
          this.log(`\nCreated new merge migration ${abspath(path)}`);
          if (this.scriptable) this.stdout.write(abspath(path));
        }
      } else if (this.verbosity === 3) {
        this.log(this.style.MIGRATE_HEADING(`Full merge migrations file '${writer.filename}':`));
        this.log(writer.asString());
      }
    }
  }
}
