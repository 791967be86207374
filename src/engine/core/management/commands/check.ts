// `manage.py check`: runs the system checks and reports them as Django does.

import { PyException } from '../../../python/values';
import type { ArgumentParser } from '../argparse';
import { BaseCommand, CommandError, type Options } from '../base';
import { availableCheckTags } from '../checks_bridge';

const LEVELS: Record<string, number> = { CRITICAL: 50, ERROR: 40, WARNING: 30, INFO: 20, DEBUG: 10 };

export class CheckCommand extends BaseCommand {
  override help = 'Checks the entire Django project for potential problems.';
  override requiresSystemChecks: string[] = [];

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('args', { metavar: 'app_label', nargs: '*' });
    parser.addArgument(['--tag', '-t'], { action: 'append', dest: 'tags', help: 'Run only checks labeled with given tag.' });
    parser.addArgument('--list-tags', {
      action: 'store_true',
      help: 'List available tags. Specify --deploy to include available deployment tags.',
    });
    parser.addArgument('--deploy', { action: 'store_true', help: 'Check deployment settings.' });
    parser.addArgument('--fail-level', {
      default: 'ERROR',
      choices: ['CRITICAL', 'ERROR', 'WARNING', 'INFO', 'DEBUG'],
      help: 'Message level that will cause the command to exit with a non-zero status. Default is ERROR.',
    });
    parser.addArgument('--database', {
      action: 'append',
      choices: ['default'],
      dest: 'databases',
      help: 'Run database related checks against these aliases.',
    });
  }

  handle(options: Options, appLabels: string[]): void {
    const deploy = !!options.deploy;
    if (options.list_tags) {
      this.stdout.write(availableCheckTags(this.env, deploy).join('\n'));
      return;
    }
    const installed = this.env.appLabels();
    for (const label of appLabels) {
      if (!installed.includes(label)) throw new PyException('LookupError', `No installed app with label '${label}'.`);
    }
    const tags = options.tags as string[] | null;
    if (tags) {
      const known = availableCheckTags(this.env, deploy);
      const bad = tags.find((t) => !known.includes(t));
      if (bad !== undefined) throw new CommandError(`There is no system check with the "${bad}" tag.`);
    }
    this.check({
      appLabels: appLabels.length ? appLabels : undefined,
      tags: tags ?? undefined,
      displayNumErrors: true,
      deploy,
      failLevel: LEVELS[options.fail_level as string],
    });
  }
}
