// `manage.py sqlmigrate app migration [--backwards]`: the SQL a migration runs, collected by
// the schema editor instead of executed.

import { MigrationExecutor, type ExecMigration } from '../../../db/migrations/executor';
import type { ArgumentParser } from '../argparse';
import { BaseCommand, CommandError, type Options } from '../base';
import { connectionFor, has, services } from './migration_support';

export class SqlmigrateCommand extends BaseCommand {
  override help = 'Prints the SQL statements for the named migration.';
  override outputTransaction = true;

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('app_label', { help: 'App label of the application containing the migration.' });
    parser.addArgument('migration_name', { help: 'Migration name to print the SQL for.' });
    parser.addArgument('--database', {
      default: 'default',
      choices: ['default'],
      help: 'Nominates a database to create SQL for. Defaults to the "default" database.',
    });
    parser.addArgument('--backwards', { action: 'store_true', help: 'Creates SQL to unapply the migration, rather than to apply it' });
  }

  override async execute(options: Options, args: string[] = []): Promise<string | void> {
    // sqlmigrate never colours its SQL keywords.
    this.style = { ...this.style, SQL_KEYWORD: (x: string) => x };
    return super.execute(options, args);
  }

  handle(options: Options): string {
    const connection = connectionFor(this.env);
    const svc = services(this.env);
    const loader = svc.migrationLoader(connection, { replaceMigrations: false });
    const appLabel = options.app_label as string;
    const migrationName = options.migration_name as string;
    if (!this.env.appLabels().includes(appLabel)) throw new CommandError(`No installed app with label '${appLabel}'.`);
    if (!has(loader.migratedApps, appLabel)) throw new CommandError(`App '${appLabel}' does not have migrations`);
    let migration: ExecMigration;
    try {
      migration = loader.getMigrationByPrefix(appLabel, migrationName);
    } catch (e) {
      const t = (e as { type?: string })?.type ?? '';
      if (typeof t === 'string' && t.endsWith('AmbiguityError')) {
        throw new CommandError(`More than one migration matches '${migrationName}' in app '${appLabel}'. Please be more specific.`);
      }
      throw new CommandError(`Cannot find a migration matching '${migrationName}' from app '${appLabel}'. Is it in INSTALLED_APPS?`);
    }
    this.outputTransaction = migration.atomic && connection.features.canRollbackDdl;
    const node = loader.graph.nodes.get(`${appLabel}\u0000${migration.name}`) ?? migration;
    const plan: [ExecMigration, boolean][] = [[node, !!options.backwards]];
    const executor = new MigrationExecutor(connection, loader, (realApps) => svc.emptyProjectState(realApps));
    const statements = loader.collectSql ? loader.collectSql(plan) : executor.collectSql(plan);
    if (!statements.length && options.verbosity >= 1) this.stderr.write('No operations found.');
    return statements.join('\n');
  }
}
