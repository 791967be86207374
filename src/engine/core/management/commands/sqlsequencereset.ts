// `manage.py sqlsequencereset app_label ...`: the SQL that resets primary key sequences. SQLite
// needs none, so an app with a models module only gets "No sequences found." on stderr.

import type { ArgumentParser } from '../argparse';
import { BaseCommand, CommandError, type Options } from '../base';
import type { AppConfig } from '../../../apps/registry';
import type { LoadedProject } from '../../../apps/loader';

export class SqlsequenceresetCommand extends BaseCommand {
  override help = 'Prints the SQL statements for resetting sequences for the given app name(s).';
  override outputTransaction = true;

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('args', { metavar: 'app_label', nargs: '+', help: 'One or more application label.' });
    parser.addArgument('--database', {
      default: 'default',
      choices: ['default'],
      help: 'Nominates a database to print the SQL for. Defaults to the "default" database.',
    });
  }

  override async runFromArgv(argv: string[]): Promise<void> {
    // Django's AppCommand asks for a label only when no argument at all was given.
    if (argv.length <= 2) this.createParser(argv[0], argv[1]).error('Enter at least one application label.');
    return super.runFromArgv(argv);
  }

  handle(options: Options, appLabels: string[]): string {
    const configs = appLabels.map((label) => this.appConfig(label));
    for (const config of configs) {
      if (config.modelsModule === null) continue;
      // The SQLite backend has no sequence reset statements for any model.
      if (options.verbosity >= 1) this.stderr.write('No sequences found.');
    }
    return '';
  }

  private appConfig(label: string): AppConfig {
    const apps = (this.env as typeof this.env & { project?: LoadedProject }).project?.apps;
    const config = apps?.appConfigs.get(label);
    if (config) return config;
    let message = `No installed app with label '${label}'.`;
    const named = [...(apps?.appConfigs.values() ?? [])].find((c) => c.name === label);
    if (named) message += ` Did you mean '${named.label}'?`;
    throw new CommandError(`${message}. Are you sure your INSTALLED_APPS setting is correct?`);
  }
}
