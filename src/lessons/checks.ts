// The task-check engine: declarative checks (from tasks.yaml) evaluated against a live project.
// Each failing check becomes one piece of feedback that says in plain words what is missing.
import type { ModelInfo, SqlValue } from '../engine/project';
import { CachedProbe, type ProjectProbe } from './probe';
import type { CheckSpec, FeedbackType } from './types';

export interface Feedback {
  type: FeedbackType;
  /** Markdown. */
  text: string;
}

export interface CheckOutcome {
  /** Index in the task's check list. */
  index: number;
  passed: boolean;
  /** Whether the check must pass for the task to pass. */
  required: boolean;
  /** Feedback when the check failed (or could not run). */
  feedback?: Feedback;
}

export interface TaskResult {
  passed: boolean;
  outcomes: CheckOutcome[];
  /** Failing feedback first (essential, actionable, informative), or one celebratory line. */
  feedback: Feedback[];
}

type Evaluator = (spec: CheckSpec, probe: CachedProbe) => Promise<string | null>;

/** Every check kind, with the options it accepts (for validation) and its evaluator. */
const KINDS: Record<string, { options: string[]; evaluate: Evaluator }> = {
  model: { options: ['absent'], evaluate: checkModel },
  field: {
    options: ['absent', 'fieldType', 'to', 'relation', 'relatedName', 'nullable', 'unique', 'primaryKey', 'through', 'dbType', 'column'],
    evaluate: checkField,
  },
  migration: { options: ['absent', 'applied', 'operations', 'contains', 'initial'], evaluate: checkMigration },
  migrationCount: { options: ['app', 'atLeast'], evaluate: checkMigrationCount },
  noPendingChanges: { options: [], evaluate: checkNoPendingChanges },
  table: { options: ['absent', 'columns', 'rows'], evaluate: checkTable },
  column: { options: ['absent', 'columnType', 'notNull', 'references', 'unique', 'primaryKey'], evaluate: checkColumn },
  index: { options: ['columns', 'unique', 'name', 'absent'], evaluate: checkIndex },
  sql: { options: ['expect', 'ordered'], evaluate: checkSql },
  file: { options: ['matches', 'notMatches', 'absent'], evaluate: checkFile },
  transcript: { options: ['matches', 'exitCode'], evaluate: checkTranscript },
};

const COMMON_OPTIONS = ['message', 'type'];

/** Problems with a check's shape, or an empty list. */
export function validateCheck(spec: unknown): string[] {
  if (!spec || typeof spec !== 'object' || Array.isArray(spec)) return ['a check must be a mapping'];
  const s = spec as CheckSpec;
  const kinds = Object.keys(s).filter((k) => k in KINDS);
  if (kinds.length !== 1) {
    return [`a check needs exactly one of ${Object.keys(KINDS).join(', ')} (found ${kinds.join(', ') || 'none'})`];
  }
  const kind = kinds[0];
  const problems: string[] = [];
  for (const key of Object.keys(s)) {
    if (key === kind || COMMON_OPTIONS.includes(key)) continue;
    if (!KINDS[kind].options.includes(key)) problems.push(`check "${kind}" does not take option "${key}"`);
  }
  if (s.type !== undefined && !['essential', 'actionable', 'informative'].includes(String(s.type))) {
    problems.push(`check type must be essential, actionable or informative (got ${String(s.type)})`);
  }
  for (const key of ['matches', 'notMatches', 'contains']) {
    if (typeof s[key] === 'string') {
      try { new RegExp(s[key] as string, 'm'); } catch { problems.push(`"${key}" is not a valid regular expression`); }
    }
  }
  if (kind === 'sql' && !Array.isArray(s.expect)) problems.push('an sql check needs "expect": a list of rows');
  return problems;
}

export function checkKind(spec: CheckSpec): string {
  return Object.keys(spec).find((k) => k in KINDS) ?? '?';
}

/** Runs a task's checks against the project. Never throws: engine failures become feedback. */
export async function runChecks(checks: CheckSpec[], project: ProjectProbe): Promise<TaskResult> {
  const probe = new CachedProbe(project);
  const outcomes: CheckOutcome[] = [];
  const loadProblem = await modelsLoadProblem(probe);
  // One piece of feedback per thing: once `migration: blog.0002_*` failed, later checks on the
  // same migration fail quietly, so the student fixes one thing at a time.
  const failedTargets = new Set<string>();
  for (const [index, spec] of checks.entries()) {
    const required = (spec.type ?? 'essential') !== 'informative';
    const kind = checkKind(spec);
    const target = `${kind}:${String(spec[kind])}`;
    let failure: string | null;
    try {
      failure = await KINDS[kind].evaluate(spec, probe);
    } catch (e) {
      failure = `This check could not run: ${errorText(e)}`;
    }
    if (failure === null) {
      outcomes.push({ index, passed: true, required });
    } else if (failedTargets.has(target) && kind !== 'sql' && kind !== 'file' && kind !== 'transcript') {
      outcomes.push({ index, passed: false, required });
    } else {
      const type = spec.type ?? 'essential';
      failedTargets.add(target);
      outcomes.push({ index, passed: false, required, feedback: { type, text: spec.message ?? failure } });
    }
  }
  const passed = outcomes.every((o) => o.passed || !o.required);
  const order: FeedbackType[] = ['essential', 'actionable', 'informative'];
  const feedback = outcomes
    .filter((o) => o.feedback)
    .map((o) => o.feedback as Feedback)
    .sort((a, b) => order.indexOf(a.type) - order.indexOf(b.type));
  if (loadProblem && !passed) feedback.unshift({ type: 'actionable', text: loadProblem });
  return { passed, outcomes, feedback };
}

async function modelsLoadProblem(probe: CachedProbe): Promise<string | null> {
  try {
    const preview = await probe.preview();
    const errors = preview.diagnostics.filter((d) => d.severity === 'error');
    if (errors.length === 0) return null;
    const first = errors[0];
    if (!first.file) return `Fix this first: ${first.message}`;
    const where = first.line ? `${first.file}, line ${first.line}` : first.file;
    return `Fix this first — the project does not load (${where}): ${first.message}`;
  } catch {
    return null;
  }
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

// ---------------------------------------------------------------- helpers

function str(v: unknown): string {
  return typeof v === 'string' ? v : String(v);
}

/** 'blog.Comment' -> ['blog', 'comment']. */
function splitLabel(label: string): [string, string] {
  const dot = label.indexOf('.');
  return [label.slice(0, dot), label.slice(dot + 1).toLowerCase()];
}

function findModel(models: ModelInfo[], label: string): ModelInfo | undefined {
  const [app, name] = splitLabel(label);
  return models.find((m) => m.app === app && m.name.toLowerCase() === name);
}

/** Shell-style '*' wildcards; everything else literal. */
function globToRegExp(pattern: string): RegExp {
  const escaped = pattern.split('*').map((p) => p.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*');
  return new RegExp(`^${escaped}$`);
}

const sameLabel = (a: string | undefined, b: string): boolean => (a ?? '').toLowerCase() === b.toLowerCase();

// ---------------------------------------------------------------- models

async function checkModel(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const label = str(spec.model);
  const model = findModel(await probe.models(), label);
  if (spec.absent === true) return model ? `${label} should not exist any more.` : null;
  return model ? null : `There is no model ${label} yet.`;
}

async function checkField(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const label = str(spec.field);
  const lastDot = label.lastIndexOf('.');
  const modelLabel = label.slice(0, lastDot);
  const fieldName = label.slice(lastDot + 1);
  const model = findModel(await probe.models(), modelLabel);
  const modelName = modelLabel.split('.')[1];
  if (!model) return spec.absent === true ? null : `There is no model ${modelLabel} yet.`;
  const field = model.fields.find((f) => f.name === fieldName);
  if (spec.absent === true) return field ? `${modelName} still has a field "${fieldName}".` : null;
  if (!field) {
    if (spec.fieldType === 'ForeignKey' && spec.to) return `${modelName} has no ForeignKey to ${str(spec.to).split('.')[1]} yet.`;
    return `${modelName} has no field "${fieldName}" yet.`;
  }
  if (spec.fieldType !== undefined && field.type !== spec.fieldType) {
    return `${modelName}.${fieldName} is a ${field.type}, not a ${str(spec.fieldType)}.`;
  }
  if (spec.to !== undefined && !sameLabel(field.relatedModel, str(spec.to))) {
    return `${modelName}.${fieldName} should point to ${str(spec.to)}${field.relatedModel ? `, not ${field.relatedModel}` : ''}.`;
  }
  if (spec.relation !== undefined && field.relation !== spec.relation) {
    return `${modelName}.${fieldName} should be a ${str(spec.relation)} relation.`;
  }
  if (spec.relatedName !== undefined) {
    const want = spec.relatedName === null ? null : str(spec.relatedName);
    if ((field.relatedName ?? null) !== want) {
      return want === null
        ? `${modelName}.${fieldName} should not set related_name.`
        : `${modelName}.${fieldName} should have related_name="${want}".`;
    }
  }
  // `nullable` (not `null`: YAML reads a bare `null:` key as the null value).
  for (const [opt, prop, words] of [['nullable', 'null', 'null=True'], ['unique', 'unique', 'unique=True'], ['primaryKey', 'primaryKey', 'primary_key=True']] as const) {
    if (spec[opt] !== undefined && field[prop] !== spec[opt]) {
      return spec[opt] ? `${modelName}.${fieldName} needs ${words}.` : `${modelName}.${fieldName} should not have ${words}.`;
    }
  }
  if (spec.through !== undefined && !sameLabel(field.through, str(spec.through))) {
    return `${modelName}.${fieldName} should use through=${str(spec.through).split('.')[1]}.`;
  }
  if (spec.dbType !== undefined && field.dbType !== spec.dbType) {
    return `${modelName}.${fieldName} has database type ${field.dbType ?? 'none'}, expected ${str(spec.dbType)}.`;
  }
  if (spec.column !== undefined && field.column !== spec.column) {
    return `${modelName}.${fieldName} should be stored in column "${str(spec.column)}".`;
  }
  return null;
}

// ---------------------------------------------------------------- migrations

async function checkMigration(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const label = str(spec.migration);
  const [app, pattern] = [label.slice(0, label.indexOf('.')), label.slice(label.indexOf('.') + 1)];
  const re = globToRegExp(pattern);
  const nodes = (await probe.migrationGraph()).filter((n) => n.app === app && re.test(n.name));
  if (spec.absent === true) return nodes.length ? `The migration ${app}.${nodes[0].name} should not exist.` : null;
  if (nodes.length === 0) return `There is no migration ${label} in ${app}/migrations/ yet.`;
  const node = nodes[nodes.length - 1];
  if (spec.operations !== undefined) {
    const wanted = (Array.isArray(spec.operations) ? spec.operations : [spec.operations]).map(str);
    for (const op of wanted) {
      if (!nodes.some((n) => n.operations.some((o) => o.toLowerCase() === op.toLowerCase()))) {
        return `The migration ${app}.${node.name} does not "${op}".`;
      }
    }
  }
  if (spec.contains !== undefined) {
    const files = await probe.files();
    const rx = new RegExp(str(spec.contains), 'm');
    if (!nodes.some((n) => rx.test(files[`${app}/migrations/${n.name}.py`] ?? ''))) {
      return `The migration ${app}.${node.name} does not contain what the task asks for.`;
    }
  }
  if (spec.applied !== undefined) {
    const applied = nodes.some((n) => n.applied);
    if (spec.applied && !applied) return `${app}.${node.name} is not applied yet — run migrate.`;
    if (!spec.applied && nodes.some((n) => n.applied)) return `${app}.${node.name} is still applied.`;
  }
  if (spec.initial !== undefined) {
    const files = await probe.files();
    const isInitial = /^\s*initial\s*=\s*True\b/m.test(files[`${app}/migrations/${node.name}.py`] ?? '');
    if (isInitial !== spec.initial) return `${app}.${node.name} should${spec.initial ? '' : ' not'} be an initial migration.`;
  }
  return null;
}

async function checkMigrationCount(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const app = str(spec.app ?? 'blog');
  const n = (await probe.migrationGraph()).filter((m) => m.app === app).length;
  const want = Number(spec.migrationCount);
  if (spec.atLeast === true) return n >= want ? null : `${app} has ${n} migration${n === 1 ? '' : 's'}; expected at least ${want}.`;
  return n === want ? null : `${app} has ${n} migration${n === 1 ? '' : 's'}; expected ${want}.`;
}

async function checkNoPendingChanges(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const preview = await probe.preview();
  if (spec.noPendingChanges === false) return preview.status === 'changes' ? null : 'makemigrations should still have changes to write.';
  if (preview.status === 'no-changes') return null;
  if (preview.status === 'error') return 'The project does not load, so makemigrations cannot run.';
  const first = preview.migrations[0];
  return `Your models have changes that are not in a migration yet${first ? ` (${first.summary.join('; ').replace(/^\+ /, '')})` : ''} — run makemigrations.`;
}

// ---------------------------------------------------------------- database

async function checkTable(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const name = str(spec.table);
  const table = (await probe.tables()).find((t) => t.name === name);
  if (spec.absent === true) return table ? `The table ${name} is still in the database.` : null;
  if (!table) return `The database has no table ${name} yet — did you run migrate?`;
  if (Array.isArray(spec.columns)) {
    for (const col of spec.columns.map(str)) {
      if (!table.columns.some((c) => c.name === col)) return `The table ${name} has no column ${col} yet.`;
    }
  }
  if (spec.rows !== undefined && table.rowCount !== Number(spec.rows)) {
    return `The table ${name} holds ${table.rowCount} row${table.rowCount === 1 ? '' : 's'}; expected ${str(spec.rows)}.`;
  }
  return null;
}

async function checkColumn(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const label = str(spec.column);
  const [tableName, colName] = [label.slice(0, label.lastIndexOf('.')), label.slice(label.lastIndexOf('.') + 1)];
  const table = (await probe.tables()).find((t) => t.name === tableName);
  const col = table?.columns.find((c) => c.name === colName);
  if (spec.absent === true) return col ? `The column ${label} is still in the database.` : null;
  if (!table) return `The database has no table ${tableName} yet — did you run migrate?`;
  if (!col) return `The table ${tableName} has no column ${colName} yet.`;
  if (spec.columnType !== undefined && col.type.toLowerCase() !== str(spec.columnType).toLowerCase()) {
    return `The column ${label} has type ${col.type}, expected ${str(spec.columnType)}.`;
  }
  if (spec.notNull !== undefined && col.notNull !== spec.notNull) {
    return spec.notNull ? `The column ${label} still allows NULL.` : `The column ${label} should allow NULL.`;
  }
  if (spec.unique !== undefined && col.unique !== spec.unique) return `The column ${label} should${spec.unique ? '' : ' not'} be UNIQUE.`;
  if (spec.primaryKey !== undefined && col.primaryKey !== spec.primaryKey) return `The column ${label} should${spec.primaryKey ? '' : ' not'} be the primary key.`;
  if (spec.references !== undefined) {
    const ref = col.references ? `${col.references.table}.${col.references.column}` : null;
    if (ref !== spec.references) return `The column ${label} should reference ${str(spec.references)}${ref ? `, not ${ref}` : ''}.`;
  }
  return null;
}

async function checkIndex(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const tableName = str(spec.index);
  const table = (await probe.tables()).find((t) => t.name === tableName);
  if (!table) return `The database has no table ${tableName} yet — did you run migrate?`;
  const cols = Array.isArray(spec.columns) ? spec.columns.map(str) : undefined;
  const match = table.indexes.find(
    (ix) =>
      (spec.name === undefined || ix.name === spec.name) &&
      (cols === undefined || (ix.columns.length === cols.length && ix.columns.every((c, i) => c === cols[i]))) &&
      (spec.unique === undefined || ix.unique === spec.unique),
  );
  const what = `${spec.unique ? 'unique ' : ''}index${spec.name ? ` ${str(spec.name)}` : ''}${cols ? ` on ${tableName}(${cols.join(', ')})` : ` on ${tableName}`}`;
  if (spec.absent === true) return match ? `The ${what} is still in the database.` : null;
  return match ? null : `The database has no ${what} yet.`;
}

/** Compares cell values loosely: 3 == 3n == '3' is not equal, but 3 == 3n is. */
function sameCell(a: SqlValue, b: unknown): boolean {
  if (typeof a === 'bigint' || typeof a === 'number') return typeof b === 'number' || typeof b === 'bigint' ? Number(a) === Number(b) : false;
  if (a === null) return b === null;
  if (a instanceof Uint8Array) return false;
  return a === b;
}

async function checkSql(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const sql = str(spec.sql);
  const results = await probe.query(sql);
  const rows = results.length ? results[results.length - 1].values : [];
  const expect = (spec.expect as unknown[][]).map((r) => (Array.isArray(r) ? r : [r]));
  const key = (r: unknown[]): string => JSON.stringify(r.map((v) => (typeof v === 'bigint' ? Number(v) : v)));
  const sameRow = (a: SqlValue[], b: unknown[]): boolean => a.length === b.length && a.every((v, i) => sameCell(v, b[i]));
  let ok = rows.length === expect.length;
  if (ok && spec.ordered === true) ok = rows.every((r, i) => sameRow(r, expect[i]));
  else if (ok) {
    const left = [...expect];
    for (const r of rows) {
      const i = left.findIndex((e) => sameRow(r, e));
      if (i < 0) { ok = false; break; }
      left.splice(i, 1);
    }
  }
  if (ok) return null;
  const shown = rows.slice(0, 5).map(key).join(', ');
  return `The query \`${sql}\` returns ${rows.length} row${rows.length === 1 ? '' : 's'}${rows.length ? ` (${shown}${rows.length > 5 ? ', …' : ''})` : ''}, not ${expect.map(key).join(', ') || 'no rows'}.`;
}

// ---------------------------------------------------------------- files and terminal

async function checkFile(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const path = str(spec.file);
  const files = await probe.files();
  const text = files[path];
  if (spec.absent === true) return text === undefined ? null : `${path} should not exist.`;
  if (text === undefined) return `There is no file ${path}.`;
  if (spec.matches !== undefined && !new RegExp(str(spec.matches), 'm').test(text)) return `${path} does not have what the task asks for yet.`;
  if (spec.notMatches !== undefined && new RegExp(str(spec.notMatches), 'm').test(text)) return `${path} still has something the task asks you to change.`;
  return null;
}

async function checkTranscript(spec: CheckSpec, probe: CachedProbe): Promise<string | null> {
  const command = str(spec.transcript);
  const runs = (await probe.transcript()).filter((r) => r.argv[0] === command);
  if (runs.length === 0) return `Run \`python manage.py ${command}\` first.`;
  const rx = spec.matches !== undefined ? new RegExp(str(spec.matches), 'm') : null;
  const ok = runs.some((r) => (rx ? rx.test(r.stdout) : true) && (spec.exitCode === undefined || r.exitCode === Number(spec.exitCode)));
  return ok ? null : `The output of \`${command}\` does not show what the task asks for yet.`;
}
