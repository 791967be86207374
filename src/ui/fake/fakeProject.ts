// A stand-in for the engine's Project, used by the UI until (or when) the real engine is
// unavailable. It understands only the simplest models.py shapes (one field per line) and a
// handful of operations, but speaks through exactly the same interface, so the workspace,
// the terminal and the tests exercise the real wiring.
import type {
  Console,
  Database,
  Diagnostic,
  MigrationNode,
  MigrationPreview,
  ModelInfo,
  ProjectFiles,
  TableInfo,
} from '../../engine/project';
import { introspectTables } from './introspect';

interface FieldDef {
  name: string;
  type: string;
  args: string;
  line: number;
}
interface ModelDef {
  app: string;
  name: string;
  fields: FieldDef[];
  line: number;
}
type Op =
  | { kind: 'CreateModel'; name: string; fields: FieldDef[] }
  | { kind: 'DeleteModel'; name: string }
  | { kind: 'AddField'; model: string; field: FieldDef }
  | { kind: 'RemoveField'; model: string; name: string }
  | { kind: 'AlterField'; model: string; field: FieldDef }
  | { kind: 'RenameField'; model: string; oldName: string; newName: string };
interface MigrationDef {
  app: string;
  name: string;
  deps: { app: string; name: string }[];
  ops: Op[];
}

const KNOWN_FIELDS = new Set([
  'AutoField', 'BigAutoField', 'CharField', 'TextField', 'IntegerField', 'BigIntegerField',
  'PositiveIntegerField', 'SmallIntegerField', 'BooleanField', 'DateField', 'DateTimeField',
  'FloatField', 'DecimalField', 'EmailField', 'SlugField', 'URLField', 'JSONField', 'UUIDField',
  'ForeignKey', 'OneToOneField', 'TimeField', 'DurationField',
]);

const STYLE = {
  heading: (s: string) => `\x1b[36;1m${s}\x1b[0m`,
  label: (s: string) => `\x1b[1m${s}\x1b[0m`,
  success: (s: string) => `\x1b[32;1m${s}\x1b[0m`,
  error: (s: string) => `\x1b[31;1m${s}\x1b[0m`,
};
const plain = { heading: (s: string) => s, label: (s: string) => s, success: (s: string) => s, error: (s: string) => s };

export class FakeProject {
  constructor(
    private readonly files: ProjectFiles,
    private readonly db: Database,
  ) {}

  // ---- reading the project -------------------------------------------------------------

  private apps(): string[] {
    const settings = this.files.read('settings.py') ?? '';
    const m = /INSTALLED_APPS\s*=\s*\[([^\]]*)\]/s.exec(settings);
    if (!m) return [];
    return [...m[1].matchAll(/['"]([\w.]+)['"]/g)].map((x) => x[1]).filter((a) => !a.includes('.'));
  }

  private parseModels(app: string, diags: Diagnostic[]): ModelDef[] {
    const file = `${app}/models.py`;
    const text = this.files.read(file);
    if (text === undefined) return [];
    const models: ModelDef[] = [];
    let current: ModelDef | null = null;
    let depth = 0;
    text.split('\n').forEach((raw, i) => {
      const line = i + 1;
      for (const ch of raw.replace(/#.*/, '')) {
        if (ch === '(' || ch === '[') depth++;
        if (ch === ')' || ch === ']') depth--;
      }
      const cls = /^class\s+(\w+)\s*\(\s*models\.Model\s*\)\s*:/.exec(raw);
      if (cls) {
        current = { app, name: cls[1], fields: [], line };
        models.push(current);
        return;
      }
      if (/^\S/.test(raw) && !raw.startsWith('#')) current = null;
      const fld = /^\s+(\w+)\s*=\s*models\.(\w+)\((.*)\)\s*(#.*)?$/.exec(raw);
      if (fld && current) {
        const [, name, type, args] = fld;
        if (!KNOWN_FIELDS.has(type)) {
          diags.push({ file, line, severity: 'error', code: 'AttributeError', message: `AttributeError: module 'django.db.models' has no attribute '${type}'` });
          return;
        }
        if (type === 'CharField' && !/max_length\s*=/.test(args)) {
          diags.push({ file, line, severity: 'error', code: 'fields.E120', message: `${app}.${current.name}.${name}: (fields.E120) CharFields must define a 'max_length' attribute.` });
        }
        (current as ModelDef).fields.push({ name, type, args: args.trim(), line });
      }
    });
    if (depth > 0) {
      const lines = text.split('\n');
      diags.push({ file, line: lines.length, severity: 'error', code: 'SyntaxError', message: "SyntaxError: '(' was never closed" });
    }
    return models;
  }

  private migrationFiles(app: string): string[] {
    const prefix = `${app}/migrations/`;
    return this.files
      .list()
      .filter((p) => p.startsWith(prefix) && /^\d{4}_\w+\.py$/.test(p.slice(prefix.length)))
      .sort();
  }

  private loadMigrations(): MigrationDef[] {
    const out: MigrationDef[] = [];
    for (const app of this.apps()) {
      for (const path of this.migrationFiles(app)) {
        const text = this.files.read(path) ?? '';
        const name = path.slice(`${app}/migrations/`.length, -3);
        const deps = [...text.matchAll(/\('(\w+)', '(\w+)'\)/g)].map((m) => ({ app: m[1], name: m[2] }));
        out.push({ app, name, deps, ops: parseOps(text) });
      }
    }
    return out;
  }

  private stateFrom(migrations: MigrationDef[]): Map<string, Map<string, FieldDef[]>> {
    const state = new Map<string, Map<string, FieldDef[]>>();
    for (const m of migrations) {
      const models = state.get(m.app) ?? new Map<string, FieldDef[]>();
      state.set(m.app, models);
      applyOp(models, m.ops);
    }
    return state;
  }

  // ---- the public face -----------------------------------------------------------------

  diagnostics(): Diagnostic[] {
    const diags: Diagnostic[] = [];
    for (const app of this.apps()) this.parseModels(app, diags);
    return diags;
  }

  models(): ModelInfo[] {
    const diags: Diagnostic[] = [];
    return this.apps().flatMap((app) =>
      this.parseModels(app, diags).map((m) => ({
        app,
        name: m.name,
        table: `${app}_${m.name.toLowerCase()}`,
        abstract: false,
        proxy: false,
        managed: true,
        fields: [{ name: 'id', type: 'BigAutoField', column: 'id', dbType: 'integer', primaryKey: true, unique: true, null: false }, ...m.fields.map((f) => {
          const rel = /^(ForeignKey|OneToOneField)$/.test(f.type);
          const target = /^\s*['"]?([\w.]+)/.exec(f.args)?.[1] ?? '';
          return {
            name: f.name,
            type: f.type,
            column: rel ? `${f.name}_id` : f.name,
            dbType: dbType(f),
            primaryKey: false,
            unique: /unique\s*=\s*True/.test(f.args) || f.type === 'OneToOneField',
            null: /null\s*=\s*True/.test(f.args),
            ...(rel ? { relatedModel: target.includes('.') ? target : `${app}.${target}`, relation: f.type === 'ForeignKey' ? 'many-to-one' as const : 'one-to-one' as const } : {}),
          };
        })],
      })),
    );
  }

  private detect(askRename: boolean): { app: string; ops: Op[]; questions: { text: string; accept: () => void }[] }[] {
    const diags: Diagnostic[] = [];
    const state = this.stateFrom(this.loadMigrations());
    const result: { app: string; ops: Op[]; questions: { text: string; accept: () => void }[] }[] = [];
    for (const app of this.apps()) {
      const before = state.get(app) ?? new Map<string, FieldDef[]>();
      const after = this.parseModels(app, diags);
      const ops: Op[] = [];
      const questions: { text: string; accept: () => void }[] = [];
      for (const m of after) {
        const old = before.get(m.name);
        if (!old) {
          ops.push({ kind: 'CreateModel', name: m.name, fields: m.fields });
          continue;
        }
        const lower = m.name.toLowerCase();
        const added = m.fields.filter((f) => !old.some((o) => o.name === f.name));
        const removed = old.filter((o) => !m.fields.some((f) => f.name === o.name));
        for (const f of m.fields) {
          const o = old.find((x) => x.name === f.name);
          if (o && (o.type !== f.type || o.args !== f.args)) ops.push({ kind: 'AlterField', model: lower, field: f });
        }
        for (const f of added) {
          const twin = removed.find((r) => r.type === f.type && r.args === f.args);
          if (twin) {
            const renameOp: Op = { kind: 'RenameField', model: lower, oldName: twin.name, newName: f.name };
            const addOp: Op = { kind: 'AddField', model: lower, field: f };
            const removeOp: Op = { kind: 'RemoveField', model: lower, name: twin.name };
            const at = ops.length;
            ops.push(addOp, removeOp);
            const q = {
              text: `Was ${lower}.${twin.name} renamed to ${lower}.${f.name} (a ${f.type})? [y/N] `,
              accept: () => {
                ops.splice(ops.indexOf(addOp), 1);
                ops.splice(ops.indexOf(removeOp), 1, renameOp);
              },
            };
            void at;
            questions.push(q);
            removed.splice(removed.indexOf(twin), 1);
            if (askRename) continue;
          } else {
            ops.push({ kind: 'AddField', model: lower, field: f });
          }
        }
        for (const r of removed) ops.push({ kind: 'RemoveField', model: lower, name: r.name });
      }
      for (const name of before.keys()) if (!after.some((m) => m.name === name)) ops.push({ kind: 'DeleteModel', name });
      if (ops.length) result.push({ app, ops, questions });
    }
    return result;
  }

  private nextName(app: string, ops: Op[]): string {
    const existing = this.migrationFiles(app);
    const num = String(existing.length + 1).padStart(4, '0');
    if (existing.length === 0) return `${num}_initial`;
    const frags = ops.map(fragment);
    const joined = frags.join('_');
    return `${num}_${joined.length <= 52 ? joined : 'auto'}`;
  }

  private render(app: string, ops: Op[]): MigrationPreview['migrations'][number] {
    const name = this.nextName(app, ops);
    const prev = this.migrationFiles(app).at(-1);
    const deps = prev ? `        ('${app}', '${prev.slice(app.length + 12, -3)}'),\n` : '';
    const initial = prev ? '' : '    initial = True\n\n';
    const text =
      `# Generated by Django 5.2.18 on 2026-01-01 00:00\n\nfrom django.db import migrations, models\n\n\nclass Migration(migrations.Migration):\n\n${initial}` +
      `    dependencies = [\n${deps}    ]\n\n    operations = [\n${ops.map(writeOp).join('')}    ]\n`;
    return { app, name, path: `${app}/migrations/${name}.py`, text, summary: ops.map((o) => `+ ${describe(o)}`), sql: sqlFor(app, ops, true) };
  }

  preview(): MigrationPreview {
    const diagnostics = this.diagnostics();
    if (diagnostics.some((d) => d.severity === 'error')) return { status: 'error', migrations: [], questions: [], diagnostics };
    const changes = this.detect(false);
    const migrations = changes.map((c) => this.render(c.app, c.ops));
    return {
      status: migrations.length ? 'changes' : 'no-changes',
      migrations,
      questions: changes.flatMap((c) => c.questions.map((q) => q.text.replace(/ \[y\/N\] $/, ''))),
      diagnostics,
    };
  }

  tables(): TableInfo[] {
    return introspectTables(this.db);
  }

  migrationGraph(): MigrationNode[] {
    const applied = this.applied();
    return this.loadMigrations().map((m) => ({
      app: m.app,
      name: m.name,
      applied: applied.has(`${m.app}.${m.name}`),
      dependencies: m.deps,
      replaces: [],
      operations: m.ops.map(describe),
    }));
  }

  private applied(): Set<string> {
    try {
      const r = this.db.exec('SELECT app, name FROM django_migrations');
      return new Set((r[0]?.values ?? []).map((v) => `${v[0]}.${v[1]}`));
    } catch {
      return new Set();
    }
  }

  // ---- commands ------------------------------------------------------------------------

  async run(argv: string[], console: Console): Promise<number> {
    const s = console.isatty ? STYLE : plain;
    const [cmd, ...args] = argv;
    const out = (t: string) => console.stdout(t);
    try {
      switch (cmd) {
        case 'makemigrations': {
          const diags = this.diagnostics();
          if (diags.length) {
            console.stderr(diags.map((d) => d.message).join('\n') + '\n');
            return 1;
          }
          const changes = this.detect(true);
          if (!changes.length) {
            out('No changes detected\n');
            return 0;
          }
          for (const c of changes) {
            for (const q of c.questions) {
              out(q.text);
              const answer = await console.readLine(q.text);
              if (answer === null) return 1;
              if (/^y/i.test(answer.trim())) q.accept();
            }
            const m = this.render(c.app, c.ops);
            out(s.heading(`Migrations for '${c.app}':`) + '\n');
            out(`  ${s.label(m.path)}\n`);
            for (const line of m.summary) out(`    ${line}\n`);
            if (!args.includes('--dry-run')) this.files.write(m.path, m.text);
          }
          return 0;
        }
        case 'showmigrations': {
          const applied = this.applied();
          const graph = this.loadMigrations();
          const only = args.filter((a) => !a.startsWith('-'));
          for (const app of this.apps()) {
            if (only.length && !only.includes(app)) continue;
            out(s.label(app) + '\n');
            const ms = graph.filter((m) => m.app === app);
            if (!ms.length) out(s.error(' (no migrations)') + '\n');
            for (const m of ms) out(` [${applied.has(`${app}.${m.name}`) ? 'X' : ' '}] ${m.name}\n`);
          }
          return 0;
        }
        case 'sqlmigrate': {
          const [app, prefix] = args;
          if (!app || !prefix) {
            console.stderr('usage: manage.py sqlmigrate app_label migration_name\nmanage.py sqlmigrate: error: the following arguments are required: app_label, migration_name\n');
            return 2;
          }
          const m = this.loadMigrations().find((x) => x.app === app && x.name.startsWith(prefix));
          if (!m) {
            console.stderr(`CommandError: Cannot find a migration matching '${prefix}' from app '${app}'. Is it in INSTALLED_APPS?\n`);
            return 1;
          }
          out(sqlFor(app, m.ops, !args.includes('--backwards')) + '\n');
          return 0;
        }
        case 'migrate':
          return this.migrate(args, console);
        case 'check': {
          const diags = this.diagnostics();
          if (!diags.length) {
            out('System check identified no issues (0 silenced).\n');
            return 0;
          }
          console.stderr(`SystemCheckError: System check identified some issues:\n\nERRORS:\n${diags.map((d) => d.message).join('\n')}\n\nSystem check identified ${diags.length} issue${diags.length > 1 ? 's' : ''} (0 silenced).\n`);
          return 1;
        }
        case 'help':
        case undefined:
          out('\nType \'manage.py help <subcommand>\' for help on a specific subcommand.\n\nAvailable subcommands:\n\n' + s.error('[django]') + '\n    check\n    makemigrations\n    migrate\n    showmigrations\n    sqlmigrate\n');
          return 0;
        default:
          console.stderr(`Unknown command: '${cmd}'\nType 'manage.py help' for usage.\n`);
          return 1;
      }
    } catch (e) {
      console.stderr(`${e instanceof Error ? e.message : String(e)}\n`);
      return 1;
    }
  }

  private migrate(args: string[], console: Console): number {
    const s = console.isatty ? STYLE : plain;
    const out = (t: string) => console.stdout(t);
    const planOnly = args.includes('--plan');
    const pos = args.filter((a) => !a.startsWith('-'));
    this.db.exec('CREATE TABLE IF NOT EXISTS "django_migrations" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT, "app" varchar(255) NOT NULL, "name" varchar(255) NOT NULL, "applied" datetime NOT NULL)');
    const all = this.loadMigrations();
    const applied = this.applied();
    const [app, target] = pos;
    let forwards: MigrationDef[] = [];
    let backwards: MigrationDef[] = [];
    let heading: string;
    if (app && !this.apps().includes(app)) {
      console.stderr(`CommandError: No installed app with label '${app}'.\n`);
      return 1;
    }
    if (app && target) {
      const list = all.filter((m) => m.app === app);
      const idx = target === 'zero' ? -1 : list.findIndex((m) => m.name.startsWith(target));
      if (target !== 'zero' && idx < 0) {
        console.stderr(`CommandError: Cannot find a migration matching '${target}' from app '${app}'.\n`);
        return 1;
      }
      forwards = list.slice(0, idx + 1).filter((m) => !applied.has(`${app}.${m.name}`));
      backwards = list.slice(idx + 1).filter((m) => applied.has(`${app}.${m.name}`)).reverse();
      heading = target === 'zero' ? s.label('  Unapply all migrations: ') + app : s.label('  Target specific migration: ') + `${list[idx].name}, from ${app}`;
    } else {
      forwards = all.filter((m) => (!app || m.app === app) && !applied.has(`${m.app}.${m.name}`));
      heading = s.label('  Apply all migrations: ') + (app ?? [...new Set(all.map((m) => m.app))].sort().join(', '));
    }
    if (planOnly) {
      out(s.label('Planned operations:') + '\n');
      if (!forwards.length && !backwards.length) out('  No planned migration operations.\n');
      for (const m of forwards) out(s.heading(`${m.app}.${m.name}`) + '\n' + m.ops.map((o) => `    ${describe(o)}\n`).join(''));
      for (const m of backwards) out(s.heading(`${m.app}.${m.name}`) + '\n' + [...m.ops].reverse().map((o) => `    Undo ${describe(o)}\n`).join(''));
      return 0;
    }
    out(s.heading('Operations to perform:') + '\n' + heading + '\n' + s.heading('Running migrations:') + '\n');
    if (!forwards.length && !backwards.length) out('  No migrations to apply.\n');
    if (backwards.length) out('  Rendering model states...' + s.success(' DONE') + '\n');
    for (const m of forwards) {
      out(`  Applying ${m.app}.${m.name}...`);
      this.db.exec('BEGIN');
      try {
        this.db.exec(sqlFor(m.app, m.ops, true, false));
        this.db.exec(`INSERT INTO django_migrations (app, name, applied) VALUES ('${m.app}', '${m.name}', datetime('now'))`);
        this.db.exec('COMMIT');
      } catch (e) {
        this.db.exec('ROLLBACK');
        out('\n');
        throw e;
      }
      out(s.success(' OK') + '\n');
    }
    for (const m of backwards) {
      out(`  Unapplying ${m.app}.${m.name}...`);
      this.db.exec(sqlFor(m.app, m.ops, false, false));
      this.db.exec(`DELETE FROM django_migrations WHERE app = '${m.app}' AND name = '${m.name}'`);
      out(s.success(' OK') + '\n');
    }
    return 0;
  }
}

// ---- migration files: reading and writing the few operations the fake knows ----------------

function parseOps(text: string): Op[] {
  const ops: Op[] = [];
  const re = /migrations\.(\w+)\(([\s\S]*?)\n        \),?\n/g;
  for (const m of text.matchAll(re)) {
    const body = m[2];
    const kw = (k: string) => new RegExp(`${k}='(\\w+)'`).exec(body)?.[1] ?? '';
    switch (m[1]) {
      case 'CreateModel': {
        const fields = [...body.matchAll(/\('(\w+)', models\.(\w+)\((.*)\)\),/g)]
          .filter((f) => f[1] !== 'id')
          .map((f) => ({ name: f[1], type: f[2], args: f[3], line: 0 }));
        ops.push({ kind: 'CreateModel', name: kw('name'), fields });
        break;
      }
      case 'DeleteModel':
        ops.push({ kind: 'DeleteModel', name: kw('name') });
        break;
      case 'AddField':
      case 'AlterField': {
        const f = /field=models\.(\w+)\((.*)\),?\s*$/m.exec(body);
        ops.push({ kind: m[1], model: kw('model_name'), field: { name: kw('name'), type: f?.[1] ?? 'TextField', args: f?.[2] ?? '', line: 0 } });
        break;
      }
      case 'RemoveField':
        ops.push({ kind: 'RemoveField', model: kw('model_name'), name: kw('name') });
        break;
      case 'RenameField':
        ops.push({ kind: 'RenameField', model: kw('model_name'), oldName: kw('old_name'), newName: kw('new_name') });
        break;
    }
  }
  return ops;
}

function applyOp(models: Map<string, FieldDef[]>, ops: Op[]): void {
  const find = (lower: string) => [...models.keys()].find((k) => k.toLowerCase() === lower);
  for (const op of ops) {
    if (op.kind === 'CreateModel') models.set(op.name, [...op.fields]);
    else if (op.kind === 'DeleteModel') models.delete(op.name);
    else {
      const key = find(op.model);
      if (!key) continue;
      const fields = models.get(key)!;
      if (op.kind === 'AddField') fields.push(op.field);
      else if (op.kind === 'RemoveField') models.set(key, fields.filter((f) => f.name !== op.name));
      else if (op.kind === 'AlterField') models.set(key, fields.map((f) => (f.name === op.field.name ? op.field : f)));
      else models.set(key, fields.map((f) => (f.name === op.oldName ? { ...f, name: op.newName } : f)));
    }
  }
}

function writeOp(op: Op): string {
  const i = '        ';
  switch (op.kind) {
    case 'CreateModel':
      return `${i}migrations.CreateModel(\n${i}    name='${op.name}',\n${i}    fields=[\n${i}        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),\n${op.fields.map((f) => `${i}        ('${f.name}', models.${f.type}(${f.args})),\n`).join('')}${i}    ],\n${i}),\n`;
    case 'DeleteModel':
      return `${i}migrations.DeleteModel(\n${i}    name='${op.name}',\n${i}),\n`;
    case 'AddField':
    case 'AlterField':
      return `${i}migrations.${op.kind}(\n${i}    model_name='${op.model}',\n${i}    name='${op.field.name}',\n${i}    field=models.${op.field.type}(${op.field.args}),\n${i}),\n`;
    case 'RemoveField':
      return `${i}migrations.RemoveField(\n${i}    model_name='${op.model}',\n${i}    name='${op.name}',\n${i}),\n`;
    case 'RenameField':
      return `${i}migrations.RenameField(\n${i}    model_name='${op.model}',\n${i}    old_name='${op.oldName}',\n${i}    new_name='${op.newName}',\n${i}),\n`;
  }
}

function describe(op: Op): string {
  switch (op.kind) {
    case 'CreateModel': return `Create model ${op.name}`;
    case 'DeleteModel': return `Delete model ${op.name}`;
    case 'AddField': return `Add field ${op.field.name} to ${op.model}`;
    case 'RemoveField': return `Remove field ${op.name} from ${op.model}`;
    case 'AlterField': return `Alter field ${op.field.name} on ${op.model}`;
    case 'RenameField': return `Rename field ${op.oldName} on ${op.model} to ${op.newName}`;
  }
}

function fragment(op: Op): string {
  switch (op.kind) {
    case 'CreateModel': return op.name.toLowerCase();
    case 'DeleteModel': return `delete_${op.name.toLowerCase()}`;
    case 'AddField': return `${op.model}_${op.field.name}`;
    case 'RemoveField': return `remove_${op.model}_${op.name}`;
    case 'AlterField': return `alter_${op.model}_${op.field.name}`;
    case 'RenameField': return `rename_${op.oldName}_${op.model}_${op.newName}`;
  }
}

function dbType(f: FieldDef): string {
  const len = /max_length\s*=\s*(\d+)/.exec(f.args)?.[1];
  switch (f.type) {
    case 'CharField': return `varchar(${len ?? 255})`;
    case 'EmailField': return 'varchar(254)';
    case 'SlugField': return 'varchar(50)';
    case 'URLField': return 'varchar(200)';
    case 'BooleanField': return 'bool';
    case 'DateField': return 'date';
    case 'DateTimeField': return 'datetime';
    case 'TimeField': return 'time';
    case 'FloatField': return 'real';
    case 'DecimalField': return 'decimal';
    case 'UUIDField': return 'char(32)';
    case 'TextField': case 'JSONField': return 'text';
    case 'ForeignKey': case 'OneToOneField': case 'BigIntegerField': return 'bigint';
    case 'PositiveIntegerField': return 'integer unsigned';
    case 'SmallIntegerField': return 'smallint';
    default: return 'integer';
  }
}

function columnSql(f: FieldDef): string {
  const col = /^(ForeignKey|OneToOneField)$/.test(f.type) ? `${f.name}_id` : f.name;
  const nullable = /null\s*=\s*True/.test(f.args);
  return `"${col}" ${dbType(f)}${nullable ? ' NULL' : ' NOT NULL'}`;
}

function defaultLiteral(f: FieldDef): string {
  const d = /default\s*=\s*([^,)]+)/.exec(f.args)?.[1]?.trim();
  if (!d) return /null\s*=\s*True/.test(f.args) ? 'NULL' : "''";
  if (d === 'True') return '1';
  if (d === 'False') return '0';
  return d.replace(/^"(.*)"$/, "'$1'");
}

function sqlFor(app: string, ops: Op[], forwards: boolean, wrap = true): string {
  const table = (model: string) => `${app}_${model.toLowerCase()}`;
  const lines: string[] = [];
  const seq = forwards ? ops : [...ops].reverse();
  for (const op of seq) {
    lines.push('--', `-- ${forwards ? '' : 'Undo '}${describe(op)}`.replace('-- Undo ', '-- Undo '), '--');
    switch (op.kind) {
      case 'CreateModel':
        lines.push(
          forwards
            ? `CREATE TABLE "${table(op.name)}" ("id" integer NOT NULL PRIMARY KEY AUTOINCREMENT${op.fields.map((f) => ', ' + columnSql(f)).join('')});`
            : `DROP TABLE "${table(op.name)}";`,
        );
        break;
      case 'DeleteModel':
        lines.push(forwards ? `DROP TABLE "${table(op.name)}";` : `-- (cannot restore ${table(op.name)} in the preview engine)`);
        break;
      case 'AddField':
        lines.push(
          forwards
            ? `ALTER TABLE "${table(op.model)}" ADD COLUMN ${columnSql(op.field)} DEFAULT ${defaultLiteral(op.field)};`
            : `ALTER TABLE "${table(op.model)}" DROP COLUMN "${op.field.name}";`,
        );
        break;
      case 'RemoveField':
        lines.push(forwards ? `ALTER TABLE "${table(op.model)}" DROP COLUMN "${op.name}";` : `ALTER TABLE "${table(op.model)}" ADD COLUMN "${op.name}" text NULL;`);
        break;
      case 'AlterField':
        lines.push('-- (no-op in the preview engine)');
        break;
      case 'RenameField':
        lines.push(
          `ALTER TABLE "${table(op.model)}" RENAME COLUMN "${forwards ? op.oldName : op.newName}" TO "${forwards ? op.newName : op.oldName}";`,
        );
        break;
    }
  }
  const body = lines.join('\n');
  return wrap ? `BEGIN;\n${body}\nCOMMIT;` : body.replace(/^--.*$/gm, '').trim() || 'SELECT 1';
}
