// `manage.py squashmigrations app [start] end`: one migration replacing a range of them,
// optimized, written through the migration writer.

import { PyException } from '../../../python/values';
import { Migration, type Dependency } from '../../../db/migrations/migration';
import { MigrationOptimizer } from '../../../db/migrations/optimizer';
import { MigrationWriter } from '../../../db/migrations/writer';
import type { Operation } from '../../../db/migrations/operations/base';
import type { ExecMigration } from '../../../db/migrations/executor';
import type { ArgumentParser } from '../argparse';
import { BaseCommand, CommandError, type Options } from '../base';
import { connectionFor, has, services, type CommandLoader } from './migration_support';
import { abspath } from '../../../python/stdlib/small';

const DOCS_VERSION = '5.2';

export class SquashmigrationsCommand extends BaseCommand {
  override help = 'Squashes an existing set of migrations (from first until specified) into a single new one.';

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('app_label', { help: 'App label of the application to squash migrations for.' });
    parser.addArgument('start_migration_name', {
      nargs: '?',
      help: 'Migrations will be squashed starting from and including this migration.',
    });
    parser.addArgument('migration_name', { help: 'Migrations will be squashed until and including this migration.' });
    parser.addArgument('--no-optimize', { action: 'store_true', help: 'Do not try to optimize the squashed operations.' });
    parser.addArgument(['--noinput', '--no-input'], {
      action: 'store_false',
      dest: 'interactive',
      help: 'Tells Django to NOT prompt the user for input of any kind.',
    });
    parser.addArgument('--squashed-name', { help: 'Sets the name of the new squashed migration.' });
    parser.addArgument('--no-header', {
      action: 'store_false',
      dest: 'include_header',
      help: 'Do not add a header comment to the new squashed migration.',
    });
  }

  async handle(options: Options): Promise<void> {
    const verbosity = options.verbosity;
    const interactive = options.interactive !== false;
    const appLabel = options.app_label as string;
    let startName = (options.start_migration_name as string | null) ?? null;
    let endName = (options.migration_name as string | null) ?? null;
    // argparse fills a lone positional into the optional one first; Django's parser does not.
    if (endName === null && startName !== null) {
      endName = startName;
      startName = null;
    }
    const squashedName = (options.squashed_name as string | null) ?? null;
    if (!this.env.appLabels().includes(appLabel)) throw new CommandError(`No installed app with label '${appLabel}'.`);
    const loader = services(this.env).migrationLoader(connectionFor(this.env), {});
    if (!has(loader.migratedApps, appLabel)) {
      throw new CommandError(`App '${appLabel}' does not have migrations (so squashmigrations on it makes no sense)`);
    }
    const migration = findMigration(loader, appLabel, endName!);
    const get = (k: [string, string]) => loader.graph.nodes.get(`${k[0]}\u0000${k[1]}`) as unknown as Migration;
    let toSquash = loader.graph
      .forwardsPlan([migration.appLabel, migration.name])
      .filter(([a]) => a === migration.appLabel)
      .map(get);
    let startMigration: ExecMigration | null = null;
    if (startName !== null) {
      startMigration = findMigration(loader, appLabel, startName);
      const start = get([startMigration.appLabel, startMigration.name]);
      const idx = toSquash.indexOf(start);
      if (idx < 0) {
        throw new CommandError(
          `The migration '${String(startMigration)}' cannot be found. Maybe it comes after the migration '${String(migration)}'?\nHave a look at:\n  python manage.py showmigrations ${appLabel}\nto debug this issue.`,
        );
      }
      toSquash = toSquash.slice(idx);
    }
    if (verbosity > 0 || interactive) {
      this.stdout.write(this.style.MIGRATE_HEADING('Will squash the following migrations:'));
      for (const m of toSquash) this.stdout.write(` - ${m.name}`);
      if (interactive) {
        let answer: string | null = null;
        while (!answer || !'yn'.includes(answer)) {
          const line = await this.ctx.console.readLine('Do you wish to proceed? [y/N] ');
          if (line === null) throw new PyException('EOFError', 'EOF when reading a line');
          if (!line) {
            answer = 'n';
            break;
          }
          answer = line[0].toLowerCase();
        }
        if (answer !== 'y') return;
      }
    }
    const operations: Operation[] = [];
    const deps = new Map<string, Dependency>();
    const authUserModel = this.authUserModel();
    let first = true;
    for (const m of toSquash) {
      if (m.replaces.length) {
        throw new CommandError(
          `You cannot squash squashed migrations! Please transition it to a normal migration first: https://docs.djangoproject.com/en/${DOCS_VERSION}/topics/migrations/#squashing-migrations`,
        );
      }
      operations.push(...m.operations);
      for (const dep of m.dependencies) {
        if (dep.setting !== undefined) {
          if (authUserModel === dep.setting) deps.set('__setting__\u0000AUTH_USER_MODEL', ['__setting__', 'AUTH_USER_MODEL'] as Dependency);
          else deps.set(`${dep[0]}\u0000${dep[1]}`, dep);
        } else if (dep[0] !== m.appLabel || first) {
          deps.set(`${dep[0]}\u0000${dep[1]}`, dep);
        }
      }
      first = false;
    }
    let newOperations: Operation[];
    if (options.no_optimize) {
      if (verbosity > 0) this.stdout.write(this.style.MIGRATE_HEADING('(Skipping optimization.)'));
      newOperations = operations;
    } else {
      if (verbosity > 0) this.stdout.write(this.style.MIGRATE_HEADING('Optimizing...'));
      newOperations = new MigrationOptimizer().optimize(operations, migration.appLabel);
      if (verbosity > 0) {
        if (newOperations.length === operations.length) this.stdout.write('  No optimizations possible.');
        else this.stdout.write(`  Optimized from ${operations.length} operations to ${newOperations.length} operations.`);
      }
    }
    const replaces: [string, string][] = [];
    for (const m of toSquash) {
      if (m.replaces.length) replaces.push(...m.replaces);
      else replaces.push([m.appLabel, m.name]);
    }
    let name: string;
    let initial: boolean | null = null;
    if (startMigration) {
      if (squashedName) name = `${startMigration.name.split('_')[0]}_${squashedName}`;
      else name = `${startMigration.name}_squashed_${migration.name}`;
    } else {
      name = `0001_${squashedName ?? `squashed_${migration.name}`}`;
      initial = true;
    }
    const newMigration = new Migration(name, appLabel);
    newMigration.dependencies = [...deps.values()];
    newMigration.operations = newOperations;
    newMigration.replaces = replaces;
    newMigration.initial = initial;
    const writer = new MigrationWriter(
      {
        name,
        appLabel,
        operations: newOperations,
        dependencies: newMigration.dependencies.map((d) => [d[0], d[1]] as [string, string]),
        replaces,
        initial,
      },
      { includeHeader: options.include_header !== false },
    );
    const path = writer.path(appLabel);
    if (this.env.files.read(path) !== undefined) throw new CommandError(`Migration ${name} already exists. Use a different name.`);
    this.env.files.write(path, writer.asString());
    if (verbosity > 0) {
      this.stdout.write(
        this.style.MIGRATE_HEADING(`Created new squashed migration ${abspath(path)}`) +
          '\n' +
          '  You should commit this migration but leave the old ones in place;\n' +
          '  the new migration will be used for new installs. Once you are sure\n' +
          '  all instances of the codebase have applied the migrations you squashed,\n' +
          '  you can delete them.',
      );
      if (writer.needsManualPorting) {
        this.stdout.write(
          this.style.MIGRATE_HEADING('Manual porting required') +
            '\n' +
            '  Your migrations contained functions that must be manually copied over,\n' +
            '  as we could not safely copy their implementation.\n' +
            '  See the comment at the top of the squashed migration for details.',
        );
      }
    }
  }

  private authUserModel(): string {
    const text = this.env.files.read('settings.py') ?? '';
    const m = /^AUTH_USER_MODEL\s*=\s*['"]([^'"]+)['"]/m.exec(text);
    return m ? m[1] : 'auth.User';
  }
}

export function findMigration(loader: CommandLoader, appLabel: string, name: string): ExecMigration {
  try {
    return loader.getMigrationByPrefix(appLabel, name);
  } catch (e) {
    const t = (e as { type?: string })?.type ?? '';
    if (typeof t === 'string' && t.endsWith('AmbiguityError')) {
      throw new CommandError(`More than one migration matches '${name}' in app '${appLabel}'. Please be more specific.`);
    }
    throw new CommandError(`Cannot find a migration matching '${name}' from app '${appLabel}'.`);
  }
}
