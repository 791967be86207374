// `manage.py shell`: Django 5.2's shell over the playground's interpreter and ORM. The models of
// every installed app are imported automatically; `-c` runs a command; standard input that is
// not a terminal runs as a script; a terminal gets an interactive console (`>>> ` / `... `).

import { PyModule, type PyValue } from '../../../python/values';
import { ReplSession, interact, defaultBanner } from '../../../python/index';
import type { ArgumentParser } from '../argparse';
import { SystemExit } from '../argparse';
import { BaseCommand, CommandError, type Options } from '../base';
import { connectionFor } from './migration_support';
import { withConnectionAsync } from '../../../db/connection_queries';
import { getCurrentApps } from '../../../db/models/base';
import { metaOf } from '../../../db/models/fields/index';
import { installShell } from '../../../shell/install';
import { ProjectImporter, type LoadedProject } from '../../../apps/loader';
import { setUseTz } from '../../../db/models/sql/values';
import { truthy } from '../../../python/index';
import { getNativeModule } from '../../../python/native';

installShell();

export class ShellCommand extends BaseCommand {
  override help = 'Runs a Python interactive interpreter. Tries to use IPython or bpython, if one of them is available. Any standard input is executed as code.';
  override requiresSystemChecks: string[] = [];

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('--no-startup', {
      action: 'store_true',
      help: 'When using plain Python, ignore the PYTHONSTARTUP environment variable and ~/.pythonrc.py script.',
    });
    parser.addArgument('--no-imports', { action: 'store_true', help: 'Disable automatic imports of models.' });
    parser.addArgument(['-i', '--interface'], {
      choices: ['ipython', 'bpython', 'python'],
      help: 'Specify an interactive interpreter interface. Available options: "ipython", "bpython", and "python"',
    });
    parser.addArgument(['-c', '--command'], { help: 'Instead of opening an interactive shell, run a command as Django and exit.' });
  }

  /** get_namespace(): the models of the installed apps, earlier apps winning name clashes. */
  private namespace(options: Options): Map<string, PyValue> {
    const ns = new Map<string, PyValue>();
    if (options.no_imports) return ns;
    const apps = getCurrentApps();
    const models = apps ? [...apps.getModels()].reverse() : [];
    const byModule = new Map<string, [string, PyValue][]>();
    for (const m of models) {
      if (!m.module) continue;
      const list = byModule.get(m.module) ?? [];
      if (!list.some(([n, o]) => n === m.name && o === m)) list.push([m.name, m]);
      byModule.set(m.module, list);
    }
    for (const items of byModule.values()) for (const [n, o] of items) ns.set(n, o);
    const verbosity = options.verbosity;
    if (verbosity < 1) return ns;
    const amount = ns.size;
    let msg = `${amount} ${amount === 1 ? 'object' : 'objects'} imported automatically`;
    if (verbosity < 2) {
      if (amount) msg += ' (use -v 2 for details)';
      this.stdout.write(`${msg}.`, this.style.SUCCESS, '\n\n');
      return ns;
    }
    const lines = [...byModule].map(([mod, items]) => `  from ${mod} import ${items.map((i) => i[0]).join(', ')}`);
    msg = lines.length ? `${msg}:\n\n${lines.join('\n')}` : `${msg}.`;
    this.stdout.write(msg, this.style.SUCCESS, '\n\n');
    return ns;
  }

  async handle(options: Options): Promise<void> {
    const env = this.env as typeof this.env & { project?: LoadedProject };
    const loaded = env.project;
    const importer = new ProjectImporter(env.files);
    if (loaded) for (const [name, mod] of loaded.modules) importer.modules.set(name, mod);
    const useTz = loaded?.settings.get('USE_TZ');
    setUseTz(useTz === undefined ? true : truthy(useTz));
    const console = this.ctx.console;
    const sourceLines = (file: string) => env.files.read(file)?.split('\n');
    const connection = connectionFor(env);

    // Django's SQLite connections enforce foreign keys.
    if (!connection.inAtomicBlock) connection.enableConstraintChecking();
    await withConnectionAsync(connection, async () => {
      const command = options.command as string | null | undefined;
      if (command !== null && command !== undefined) {
        const module = this.module(this.scriptNamespace(options), 'django.core.management.commands.shell');
        const session = new ReplSession({ host: importer, stdout: (t) => console.stdout(t), stderr: (t) => console.stderr(t), module, sourceLines });
        exitWith(session, session.runScript(command) !== null);
        return;
      }
      if (!console.isatty) {
        const lines: string[] = [];
        for (;;) {
          const line = await console.readLine('');
          if (line === null) break;
          lines.push(line);
        }
        if (lines.length) {
          const module = this.module(this.scriptNamespace(options), 'django.core.management.commands.shell');
          const session = new ReplSession({ host: importer, stdout: (t) => console.stdout(t), stderr: (t) => console.stderr(t), module, sourceLines });
          exitWith(session, session.runScript(lines.join('\n') + '\n') !== null);
          return;
        }
      }
      const iface = options.interface as string | null | undefined;
      if (iface === 'ipython' || iface === 'bpython') throw new CommandError(`Couldn't import ${iface} interface.`);
      const module = this.module(this.namespace(options), '__console__');
      const session = new ReplSession({ host: importer, stdout: (t) => console.stdout(t), stderr: (t) => console.stderr(t), module, sourceLines });
      await interact(session, console, defaultBanner());
      exitWith(session, false);
    });
  }

  /**
   * What `-c` and standard input run in: the shell command module's own globals (so `sys.exit(3)`
   * works without an import, as in Django), then the automatic imports on top.
   */
  private scriptNamespace(options: Options): Map<string, PyValue> {
    const ns = new Map<string, PyValue>();
    for (const name of SHELL_MODULE_IMPORTS) {
      const mod = getNativeModule(name);
      if (mod) ns.set(name, mod);
    }
    for (const [k, v] of this.namespace(options)) ns.set(k, v);
    return ns;
  }

  private module(ns: Map<string, PyValue>, name: string): PyModule {
    const m = new PyModule(name);
    m.dict.set('__name__', name);
    m.dict.set('__builtins__', null);
    m.dict.delete('__builtins__');
    for (const [k, v] of ns) m.dict.set(k, v);
    return m;
  }
}

/** Modules django/core/management/commands/shell.py imports at its top. */
const SHELL_MODULE_IMPORTS = ['os', 'select', 'sys', 'traceback'];

/** Ends the command as Python would: SystemExit's status (`exit(3)`), else 1 after an uncaught exception. */
function exitWith(session: ReplSession, failed: boolean): void {
  const status = session.exitStatus ?? (failed ? 1 : 0);
  if (status !== 0) throw new SystemExit(status);
}

void metaOf;
