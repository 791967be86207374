// Management commands: Django's BaseCommand, CommandError and output wrappers.

import type { Console } from '../../project';
import { ArgumentParser, type Namespace, SystemExit } from './argparse';
import { colorStyle, noStyle, type Style, type StyleFunc } from './color';
import type { CommandEnvironment } from './environment';

export const DJANGO_VERSION = '5.2.18';

/** A problem the command reports as `CommandError: message` on stderr. */
export class CommandError extends Error {
  constructor(
    message: string,
    readonly returncode = 1,
  ) {
    super(message);
  }
  get className(): string {
    return 'CommandError';
  }
}

/** The system check framework found serious problems; its message is printed as is. */
export class SystemCheckError extends CommandError {
  override get className(): string {
    return 'SystemCheckError';
  }
}

/** Django's OutputWrapper: adds the line ending and applies a style only on a TTY. */
export class OutputWrapper {
  styleFunc: StyleFunc = (x) => x;
  constructor(
    private readonly sink: (text: string) => void,
    readonly isatty: boolean,
    readonly ending = '\n',
  ) {}
  setStyleFunc(f: StyleFunc | null): void {
    this.styleFunc = f && this.isatty ? f : (x) => x;
  }
  write(msg = '', styleFunc?: StyleFunc | null, ending?: string): void {
    const end = ending ?? this.ending;
    if (end && !msg.endsWith(end)) msg += end;
    const f = styleFunc ?? this.styleFunc;
    this.sink(f(msg));
  }
}

export interface CommandContext {
  env: CommandEnvironment;
  console: Console;
  progName: string;
}

/** Hands the raw console to a command (prompts go through it). */
export type CommandFactory = (ctx: CommandContext) => BaseCommand;

/** Options every command receives (after parsing). */
export type Options = Namespace & {
  verbosity: number;
  no_color: boolean;
  force_color: boolean;
  traceback: boolean;
  skip_checks?: boolean;
};

export interface CheckKwargs {
  appLabels?: string[];
  tags?: string[];
  displayNumErrors?: boolean;
  failLevel?: number;
  deploy?: boolean;
  /** Databases whose checks run too (migrate: ['default']). */
  databases?: string[];
}

export abstract class BaseCommand {
  help = '';
  outputTransaction = false;
  requiresMigrationsChecks = false;
  /** '__all__', a list of check tags, or [] for none. */
  requiresSystemChecks: '__all__' | string[] = '__all__';
  missingArgsMessage?: string;
  suppressedBaseArguments = new Set<string>();

  stdout: OutputWrapper;
  stderr: OutputWrapper;
  style: Style;

  constructor(readonly ctx: CommandContext) {
    const c = ctx.console;
    this.stdout = new OutputWrapper((t) => c.stdout(t), c.isatty);
    this.stderr = new OutputWrapper((t) => c.stderr(t), c.isatty);
    this.style = c.isatty ? colorStyle() : noStyle();
    this.stderr.setStyleFunc(this.style.ERROR);
  }

  get env(): CommandEnvironment {
    return this.ctx.env;
  }

  /** Subclasses add their own arguments here. */
  addArguments(_parser: ArgumentParser): void {}

  abstract handle(options: Options, args: string[]): Promise<string | void> | string | void;

  createParser(progName: string, subcommand: string): ArgumentParser {
    const out = { stdout: (t: string) => this.ctx.console.stdout(t), stderr: (t: string) => this.ctx.console.stderr(t) };
    const parser = new ArgumentParser(`${progName} ${subcommand}`, out, { description: this.help || undefined });
    parser.showLast = new Set([
      '--version',
      '--verbosity',
      '--traceback',
      '--settings',
      '--pythonpath',
      '--no-color',
      '--force-color',
      '--skip-checks',
    ]);
    const base = (names: string[], spec: Parameters<ArgumentParser['addArgument']>[1]) => {
      if (names.some((n) => this.suppressedBaseArguments.has(n))) spec = { ...spec, help: null };
      parser.addArgument(names, spec);
    };
    base(['--version'], { action: 'version', version: DJANGO_VERSION, help: "Show program's version number and exit." });
    base(['-v', '--verbosity'], {
      default: 1,
      type: 'int',
      choices: [0, 1, 2, 3],
      help: 'Verbosity level; 0=minimal output, 1=normal output, 2=verbose output, 3=very verbose output',
    });
    base(['--settings'], {
      help:
        'The Python path to a settings module, e.g. "myproject.settings.main". If this isn\'t provided, the ' +
        'DJANGO_SETTINGS_MODULE environment variable will be used.',
    });
    base(['--pythonpath'], { help: 'A directory to add to the Python path, e.g. "/home/djangoprojects/myproject".' });
    base(['--traceback'], { action: 'store_true', help: 'Display a full stack trace on CommandError exceptions.' });
    base(['--no-color'], { action: 'store_true', help: "Don't colorize the command output." });
    base(['--force-color'], { action: 'store_true', help: 'Force colorization of the command output.' });
    if (this.requiresSystemChecks === '__all__' || this.requiresSystemChecks.length) {
      parser.addArgument(['--skip-checks'], { action: 'store_true', help: 'Skip system checks.' });
    }
    this.addArguments(parser);
    return parser;
  }

  printHelp(progName: string, subcommand: string): void {
    this.createParser(progName, subcommand).printHelp();
  }

  /** Parses argv (['manage.py', 'makemigrations', ...]) and runs; CommandError becomes stderr + SystemExit. */
  async runFromArgv(argv: string[]): Promise<void> {
    const parser = this.createParser(argv[0], argv[1]);
    const rest = argv.slice(2);
    if (this.missingArgsMessage && !rest.some((a) => !a.startsWith('-'))) {
      parser.error(this.missingArgsMessage);
    }
    const ns = parser.parseArgs(rest) as Options;
    const args = (ns.args as string[] | undefined) ?? [];
    delete ns.args;
    try {
      await this.execute(ns, args);
    } catch (e) {
      if (e instanceof CommandError && !ns.traceback) {
        if (e instanceof SystemCheckError) this.stderr.write(e.message, (x) => x);
        else this.stderr.write(`${e.className}: ${e.message}`);
        throw new SystemExit(e.returncode);
      }
      throw e;
    }
  }

  async execute(options: Options, args: string[] = []): Promise<string | void> {
    if (options.force_color && options.no_color) {
      throw new CommandError("The --no-color and --force-color options can't be used together.");
    }
    if (options.force_color) {
      this.style = colorStyle();
      this.stdout = new OutputWrapper((t) => this.ctx.console.stdout(t), true);
      this.stderr = new OutputWrapper((t) => this.ctx.console.stderr(t), true);
      this.stderr.setStyleFunc(this.style.ERROR);
    } else if (options.no_color) {
      this.style = noStyle();
      this.stderr.setStyleFunc(null);
    }
    const wantsChecks = this.requiresSystemChecks === '__all__' || this.requiresSystemChecks.length > 0;
    if (wantsChecks && !options.skip_checks) this.check(this.getCheckKwargs(options));
    if (this.requiresMigrationsChecks) this.checkMigrations();
    let output = await this.handle(options, args);
    if (output) {
      if (this.outputTransaction) {
        output = `${this.style.SQL_KEYWORD('BEGIN;')}\n${output}\n${this.style.SQL_KEYWORD('COMMIT;')}`;
      }
      this.stdout.write(output);
    }
    return output;
  }

  /** The keyword arguments execute() passes to check() (migrate adds its database). */
  getCheckKwargs(_options: Options): CheckKwargs {
    return this.requiresSystemChecks === '__all__' ? {} : { tags: this.requiresSystemChecks };
  }

  /** Runs the system checks; serious ones raise SystemCheckError, others print on stderr. */
  check(opts: CheckKwargs = {}): void {
    const all = this.env.runChecks({ appLabels: opts.appLabels, tags: opts.tags, deploy: opts.deploy, databases: opts.databases });
    const failLevel = opts.failLevel ?? 40;
    let header = '';
    let body = '';
    let footer = '';
    let visible = 0;
    if (all.length) {
      const groups: [string, (l: number) => boolean][] = [
        ['CRITICALS', (l) => l >= 50],
        ['ERRORS', (l) => l >= 40 && l < 50],
        ['WARNINGS', (l) => l >= 30 && l < 40],
        ['INFOS', (l) => l >= 20 && l < 30],
        ['DEBUGS', (l) => l < 20],
      ];
      for (const [name, inGroup] of groups) {
        const issues = all.filter((e) => inGroup(e.level) && !e.silenced);
        if (!issues.length) continue;
        visible += issues.length;
        const formatted = issues.map((e) => (e.level >= 40 ? this.style.ERROR(e.text) : this.style.WARNING(e.text)));
        formatted.sort(pyStrCompare);
        body += `\n${name}:\n${formatted.join('\n')}\n`;
      }
    }
    if (visible) header = 'System check identified some issues:\n';
    if (opts.displayNumErrors) {
      if (visible) footer += '\n';
      const count = visible === 0 ? 'no issues' : visible === 1 ? '1 issue' : `${visible} issues`;
      footer += `System check identified ${count} (${all.length - visible} silenced).`;
    }
    if (all.some((e) => e.level >= failLevel && !e.silenced)) {
      throw new SystemCheckError(this.style.ERROR(`SystemCheckError: ${header}`) + body + footer);
    }
    const msg = header + body + footer;
    if (msg) {
      if (visible) this.stderr.write(msg, (x) => x);
      else this.stdout.write(msg);
    }
  }

  /** Warns when the database lags behind the migrations on disk (commands that serve data). */
  checkMigrations(): void {
    const pending = this.env.unappliedMigrations?.();
    if (!pending || !pending.length) return;
    const apps = [...new Set(pending.map((p) => p.app))].sort();
    this.stdout.write(
      this.style.NOTICE(
        `\nYou have ${pending.length} unapplied migration(s). Your project may not work properly until you apply the migrations for app(s): ${apps.join(', ')}.`,
      ),
    );
    this.stdout.write(this.style.NOTICE("Run 'python manage.py migrate' to apply them."));
  }
}

/** Python's default str ordering (by code point). */
export function pyStrCompare(a: string, b: string): number {
  if (a === b) return 0;
  const A = [...a];
  const B = [...b];
  const n = Math.min(A.length, B.length);
  for (let i = 0; i < n; i++) {
    if (A[i] !== B[i]) return A[i].codePointAt(0)! - B[i].codePointAt(0)!;
  }
  return A.length - B.length;
}

export { SystemExit };
