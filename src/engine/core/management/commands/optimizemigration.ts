// `manage.py optimizemigration app migration [--check]`: rewrites one migration with its
// operations optimized.

import { Migration } from '../../../db/migrations/migration';
import { MigrationOptimizer } from '../../../db/migrations/optimizer';
import { MigrationWriter } from '../../../db/migrations/writer';
import type { ArgumentParser } from '../argparse';
import { BaseCommand, CommandError, SystemExit, type Options } from '../base';
import { has, services } from './migration_support';
import { findMigration } from './squashmigrations';
import { abspath } from '../../../python/stdlib/small';

export class OptimizemigrationCommand extends BaseCommand {
  override help = 'Optimizes the operations for the named migration.';

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('app_label', { help: 'App label of the application to optimize the migration for.' });
    parser.addArgument('migration_name', { help: 'Migration name to optimize the operations for.' });
    parser.addArgument('--check', { action: 'store_true', help: 'Exit with a non-zero status if the migration can be optimized.' });
  }

  handle(options: Options): void {
    const verbosity = options.verbosity;
    const appLabel = options.app_label as string;
    if (!this.env.appLabels().includes(appLabel)) throw new CommandError(`No installed app with label '${appLabel}'.`);
    const loader = services(this.env).migrationLoader(null, {});
    if (!has(loader.migratedApps, appLabel)) throw new CommandError(`App '${appLabel}' does not have migrations.`);
    const migration = findMigration(loader, appLabel, options.migration_name as string) as unknown as Migration;
    const newOperations = new MigrationOptimizer().optimize(migration.operations, migration.appLabel);
    if (newOperations.length === migration.operations.length) {
      if (verbosity > 0) this.stdout.write('No optimizations possible.');
      return;
    }
    if (verbosity > 0) {
      this.stdout.write(`Optimizing from ${migration.operations.length} operations to ${newOperations.length} operations.`);
    }
    if (options.check) throw new SystemExit(1);
    // A loaded swappable dependency is written as the tuple it resolved to, as Django does.
    const dependencies = migration.dependencies.map((d) => [d[0], d[1]] as [string, string]);
    let writer = new MigrationWriter({
      name: migration.name,
      appLabel,
      operations: newOperations,
      dependencies,
      replaces: migration.replaces,
      initial: migration.initial,
    });
    let text = writer.asString();
    if (writer.needsManualPorting) {
      if (migration.replaces.length) {
        throw new CommandError(
          'Migration will require manual porting but is already a squashed migration.\nTransition to a normal migration first: https://docs.djangoproject.com/en/5.2/topics/migrations/#squashing-migrations',
        );
      }
      writer = new MigrationWriter({
        name: `${migration.name}_optimized`,
        appLabel,
        operations: newOperations,
        dependencies,
        replaces: [[appLabel, migration.name]],
        initial: null,
      });
      text = writer.asString();
      if (verbosity > 0) {
        this.stdout.write(
          this.style.MIGRATE_HEADING('Manual porting required') +
            '\n' +
            '  Your migrations contained functions that must be manually copied over,\n' +
            '  as we could not safely copy their implementation.\n' +
            '  See the comment at the top of the optimized migration for details.',
        );
      }
    }
    const path = writer.path(appLabel);
    this.env.files.write(path, text);
    if (verbosity > 0) this.stdout.write(this.style.MIGRATE_HEADING(`Optimized migration ${abspath(path)}`));
  }
}
