// `manage.py showmigrations`: the migrations of each app with [X] for applied ones, or the
// whole plan with --plan (and dependencies with -v 2).

import type { ArgumentParser } from '../argparse';
import { BaseCommand, SystemExit, type Options } from '../base';
import { MigrationRecorder } from '../../../db/migrations/recorder';
import { appliedKeySet, type MigrationKey } from '../../../db/migrations/executor';
import { connectionFor, services, type CommandLoader } from './migration_support';
import type { DatabaseWrapper } from '../../../db/backends/sqlite3/base';

export class ShowmigrationsCommand extends BaseCommand {
  override help = 'Shows all available migrations for the current project';
  private verbosity = 1;

  override addArguments(parser: ArgumentParser): void {
    parser.addArgument('app_label', { nargs: '*', help: 'App labels of applications to limit the output to.' });
    parser.addArgument('--database', {
      default: 'default',
      choices: ['default'],
      help: 'Nominates a database to show migrations for. Defaults to the "default" database.',
    });
    parser.addArgument(['--list', '-l'], {
      action: 'store_const',
      dest: 'format',
      const: 'list',
      default: 'list',
      help: 'Shows a list of all migrations and which are applied. With a verbosity level of 2 or above, the applied datetimes will be included.',
    });
    parser.addArgument(['--plan', '-p'], {
      action: 'store_const',
      dest: 'format',
      const: 'plan',
      default: 'list',
      help: 'Shows all migrations in the order they will be applied. With a verbosity level of 2 or above all direct migration dependencies and reverse dependencies (run_before) will be included.',
    });
  }

  handle(options: Options): void {
    this.verbosity = options.verbosity;
    const connection = connectionFor(this.env);
    const appNames = (options.app_label as string[] | null) ?? [];
    if (options.format === 'plan') this.showPlan(connection, appNames);
    else this.showList(connection, appNames);
  }

  private validateAppNames(appNames: string[]): void {
    let bad = false;
    const installed = this.env.appLabels();
    for (const name of appNames) {
      if (!installed.includes(name)) {
        this.stderr.write(`No installed app with label '${name}'.`);
        bad = true;
      }
    }
    if (bad) throw new SystemExit(2);
  }

  private showList(connection: DatabaseWrapper, appNamesIn: string[]): void {
    const loader = services(this.env).migrationLoader(connection, { ignoreNoMigrations: true });
    const recorded = new Map(new MigrationRecorder(connection).appliedMigrations().map((m) => [`${m.app}\u0000${m.name}`, m]));
    const applied = appliedKeySet(loader.appliedMigrations);
    const graph = loader.graph;
    let appNames = appNamesIn;
    if (appNames.length) this.validateAppNames(appNames);
    else appNames = [...loader.migratedApps].sort();
    for (const app of appNames) {
      this.stdout.write(app, this.style.MIGRATE_LABEL);
      const shown = new Set<string>();
      for (const leaf of graph.leafNodes(app)) {
        for (const planNode of graph.forwardsPlan(leaf)) {
          const k = `${planNode[0]}\u0000${planNode[1]}`;
          if (shown.has(k) || planNode[0] !== app) continue;
          let title = planNode[1];
          const migration = graph.nodes.get(k);
          if (migration?.replaces.length) title += ` (${migration.replaces.length} squashed migrations)`;
          if (applied.has(k)) {
            let output: string;
            if (recorded.has(k)) output = ` [X] ${title}`;
            else output = ` [-] ${title} Run 'manage.py migrate' to finish recording.`;
            const rec = recorded.get(k);
            if (this.verbosity >= 2 && rec) output += ` (applied at ${rec.applied.slice(0, 19)})`;
            this.stdout.write(output);
          } else {
            this.stdout.write(` [ ] ${title}`);
          }
          shown.add(k);
        }
      }
      if (!shown.size) this.stdout.write(' (no migrations)', this.style.ERROR);
    }
  }

  private showPlan(connection: DatabaseWrapper, appNames: string[]): void {
    const loader: CommandLoader = services(this.env).migrationLoader(connection, {});
    const graph = loader.graph;
    let targets: MigrationKey[];
    if (appNames.length) {
      this.validateAppNames(appNames);
      targets = graph.leafNodes().filter((k) => appNames.includes(k[0]));
    } else {
      targets = graph.leafNodes();
    }
    const plan: MigrationKey[] = [];
    const seen = new Set<string>();
    for (const target of targets) {
      for (const m of graph.forwardsPlan(target)) {
        const k = `${m[0]}\u0000${m[1]}`;
        if (!seen.has(k)) {
          plan.push(m);
          seen.add(k);
        }
      }
    }
    const applied = appliedKeySet(loader.appliedMigrations);
    for (const key of plan) {
      let deps = '';
      if (this.verbosity >= 2) {
        const node = graph.nodeMap.get(`${key[0]}\u0000${key[1]}`) as unknown as { parents?: Set<{ key: MigrationKey }> };
        const parents = [...(node?.parents ?? [])].map((p) => p.key).sort((a, b) => cmp(a, b));
        if (parents.length) deps = ` ... (${parents.map((p) => `${p[0]}.${p[1]}`).join(', ')})`;
      }
      const mark = applied.has(`${key[0]}\u0000${key[1]}`) ? '[X]' : '[ ]';
      this.stdout.write(`${mark}  ${key[0]}.${key[1]}${deps}`);
    }
    if (!plan.length) this.stdout.write('(no migrations)', this.style.ERROR);
  }
}

function cmp(a: MigrationKey, b: MigrationKey): number {
  if (a[0] !== b[0]) return a[0] < b[0] ? -1 : 1;
  return a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0;
}
