// The `manage.py` entry point: Django's ManagementUtility (help, --version, command lookup).

import type { Console } from '../../project';
import { ArgumentParser, SystemExit } from './argparse';
import { BaseCommand, CommandError, DJANGO_VERSION, type CommandContext } from './base';
import { colorStyle, noStyle } from './color';
import { IMPLEMENTED_COMMANDS } from './commands';
import { getCloseMatches } from './difflib';
import { pyReprStr } from './pyrepr';
import type { CommandEnvironment } from './environment';
import { isSettingsError } from '../../conf/settings';
import type { PyException } from '../../python/values';

/** Every command Django 5.2 ships, by the app that provides it (for help and "Did you mean"). */
const DJANGO_COMMANDS: Record<string, string[]> = {
  'django.core': [
    'check',
    'compilemessages',
    'createcachetable',
    'dbshell',
    'diffsettings',
    'dumpdata',
    'flush',
    'inspectdb',
    'loaddata',
    'makemessages',
    'makemigrations',
    'migrate',
    'optimizemigration',
    'runserver',
    'sendtestemail',
    'shell',
    'showmigrations',
    'sqlflush',
    'sqlmigrate',
    'sqlsequencereset',
    'squashmigrations',
    'startapp',
    'startproject',
    'test',
    'testserver',
  ],
  'django.contrib.auth': ['changepassword', 'createsuperuser'],
  'django.contrib.contenttypes': ['remove_stale_contenttypes'],
  'django.contrib.sessions': ['clearsessions'],
  'django.contrib.staticfiles': ['collectstatic', 'findstatic', 'runserver'],
};

/** name -> providing app, as django.core.management.get_commands() builds it. */
export function getCommands(installedApps: readonly string[]): Map<string, string> {
  const commands = new Map<string, string>();
  for (const name of DJANGO_COMMANDS['django.core']) commands.set(name, 'django.core');
  for (const app of [...installedApps].reverse()) {
    for (const name of DJANGO_COMMANDS[app] ?? []) commands.set(name, app);
  }
  return commands;
}

export class ManagementUtility {
  readonly progName = 'manage.py';
  /** What reading settings.py raised, when help is printed anyway. */
  private settingsException: PyException | null = null;

  constructor(
    private readonly env: CommandEnvironment,
    private readonly console: Console,
  ) {}

  private installedApps(): string[] {
    try {
      return this.env.installedApps();
    } catch {
      return [];
    }
  }

  mainHelpText(commandsOnly = false): string {
    const commands = getCommands(this.installedApps());
    if (commandsOnly) return [...commands.keys()].sort().join('\n');
    const usage = ['', `Type '${this.progName} help <subcommand>' for help on a specific subcommand.`, '', 'Available subcommands:'];
    const byApp = new Map<string, string[]>();
    for (const [name, app] of commands) {
      const label = app === 'django.core' ? 'django' : app.slice(app.lastIndexOf('.') + 1);
      if (!byApp.has(label)) byApp.set(label, []);
      byApp.get(label)!.push(name);
    }
    const style = this.console.isatty ? colorStyle() : noStyle();
    for (const app of [...byApp.keys()].sort()) {
      usage.push('');
      usage.push(style.NOTICE(`[${app}]`));
      for (const name of byApp.get(app)!.sort()) usage.push(`    ${name}`);
    }
    if (this.settingsException)
      usage.push(
        style.NOTICE(`Note that only Django core commands are listed as settings are not properly configured (error: ${this.settingsException.pyMessage}).`),
      );
    return usage.join('\n');
  }

  /** The command for `subcommand`, or prints "Unknown command" and exits 1. */
  fetchCommand(subcommand: string) {
    const commands = getCommands(this.installedApps());
    if (!commands.has(subcommand)) {
      const matches = getCloseMatches(subcommand, commands.keys());
      let msg = `Unknown command: ${pyReprStr(subcommand)}`;
      if (matches.length) msg += `. Did you mean ${matches[0]}?`;
      msg += `\nType '${this.progName} help' for usage.\n`;
      this.console.stderr(msg);
      throw new SystemExit(1);
    }
    const ctx: CommandContext = { env: this.env, console: this.console, progName: this.progName };
    const factory = IMPLEMENTED_COMMANDS[subcommand];
    if (!factory) return new UnavailableCommand(ctx, subcommand);
    return factory(ctx);
  }

  /** argv as after `manage.py`. Throws SystemExit for exit statuses other than 0. */
  async execute(argv: string[]): Promise<void> {
    const subcommand = argv[0] ?? 'help';
    const pre = new ArgumentParser(this.progName, { stdout: () => {}, stderr: () => {} }, { addHelp: false, allowAbbrev: false });
    pre.addArgument('--settings');
    pre.addArgument('--pythonpath');
    pre.addArgument('args', { nargs: '*' });
    let restArgs: string[] = [];
    pre.errorHook = (m) => {
      throw new Error(m);
    };
    try {
      const [opts] = pre.parseKnownArgs(argv.slice(1));
      restArgs = (opts.args as string[]) ?? [];
    } catch {
      restArgs = [];
    }

    // django.setup(): settings and every app's models are imported before any command runs.
    // Settings that fail to load still leave the main help and the version to print.
    try {
      this.env.setup();
    } catch (e) {
      const mainHelp = subcommand === 'help' && (!restArgs.length || argv.includes('--commands'));
      const alone = argv.length === 1 && ['--help', '-h', '--version'].includes(subcommand);
      if (!isSettingsError(e) || !(mainHelp || alone || subcommand === 'version')) throw e;
      this.settingsException = e;
    }

    if (subcommand === 'help') {
      if (argv.slice(1).includes('--commands')) {
        this.console.stdout(this.mainHelpText(true) + '\n');
      } else if (!restArgs.length) {
        this.console.stdout(this.mainHelpText() + '\n');
      } else {
        this.fetchCommand(restArgs[0]).printHelp(this.progName, restArgs[0]);
      }
    } else if (subcommand === 'version' || (argv.length === 1 && argv[0] === '--version')) {
      this.console.stdout(DJANGO_VERSION + '\n');
    } else if (argv.length === 1 && (argv[0] === '--help' || argv[0] === '-h')) {
      this.console.stdout(this.mainHelpText() + '\n');
    } else {
      await this.fetchCommand(subcommand).runFromArgv([this.progName, ...argv]);
    }
  }
}


/** A Django command the playground does not provide (runserver, dbshell, ...). */
class UnavailableCommand extends BaseCommand {
  constructor(
    ctx: CommandContext,
    private readonly name: string,
  ) {
    super(ctx);
    this.requiresSystemChecks = [];
  }
  override async runFromArgv(_argv: string[]): Promise<void> {
    this.stderr.write(`CommandError: The '${this.name}' command is not available in the Migration Playground.`);
    throw new SystemExit(1);
  }
  handle(): void {
    throw new CommandError(`The '${this.name}' command is not available in the Migration Playground.`);
  }
}
