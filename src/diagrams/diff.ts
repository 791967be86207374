// Before/after of a migration: which tables it touches, and which columns it adds, removes
// or changes. Snapshots are TableInfo[] (the database) or ModelInfo[] (models as written,
// turned into the tables Django would create for them).

import type { ColumnInfo, ModelInfo, TableInfo } from '../engine/project';
import { erDiagramText, type DiagramText, type ErEntity, type ErRelation, type ErOptions, type ErSchema } from './er';

export type Snapshot = readonly TableInfo[] | readonly ModelInfo[];

export interface ColumnDiff {
  name: string;
  kind: 'added' | 'removed' | 'changed' | 'same';
  before?: ColumnInfo;
  after?: ColumnInfo;
  /** For 'changed': what changed, in words ('type varchar(100) → varchar(200)'). */
  changes: string[];
}

export interface TableDiff {
  table: string;
  kind: 'added' | 'removed' | 'changed';
  columns: ColumnDiff[];
  /** Index and constraint changes, in words. */
  indexChanges: string[];
}

function isModels(s: Snapshot): s is readonly ModelInfo[] {
  return s.length > 0 && 'fields' in (s[0] as object);
}

/** Rel db type of a primary key: what a foreign key to it is declared as. */
function relDbType(pk: ModelInfo['fields'][number] | undefined): string {
  if (!pk) return 'bigint';
  if (pk.type === 'BigAutoField') return 'bigint';
  if (pk.type === 'AutoField') return 'integer';
  if (pk.type === 'SmallAutoField') return 'smallint';
  return pk.dbType ?? 'bigint';
}

/**
 * The tables Django would create for these models: concrete fields as columns, foreign keys
 * referencing the target's primary key, and a join table for each many-to-many field
 * without a through model of the student's own.
 */
export function tablesFromModels(models: readonly ModelInfo[]): TableInfo[] {
  const byKey = new Map(models.map((m) => [`${m.app}.${m.name}`.toLowerCase(), m]));
  const pkOf = (key: string | undefined) => {
    const m = key ? byKey.get(key.toLowerCase()) : undefined;
    return m ? { model: m, field: m.fields.find((f) => f.primaryKey) } : undefined;
  };
  const tables: TableInfo[] = [];
  for (const m of models) {
    if (m.abstract || m.proxy || !m.managed) continue;
    const columns: ColumnInfo[] = [];
    const joinTables: TableInfo[] = [];
    for (const f of m.fields) {
      if (f.relation === 'many-to-many') {
        const through = f.through?.replace(/^.*\./, '');
        if (through && through.toLowerCase() !== `${m.name}_${f.name}`.toLowerCase()) continue;
        const target = pkOf(f.relatedModel);
        const self = target?.model === m;
        const fromCol = self ? `from_${m.name.toLowerCase()}_id` : `${m.name.toLowerCase()}_id`;
        const toName = target?.model.name ?? (f.relatedModel ?? 'x').replace(/^.*\./, '');
        const toCol = self ? `to_${m.name.toLowerCase()}_id` : `${toName.toLowerCase()}_id`;
        const ownPk = m.fields.find((x) => x.primaryKey);
        joinTables.push({
          name: `${m.table}_${f.name}`,
          columns: [
            { name: 'id', type: 'integer', notNull: true, primaryKey: true, unique: false, default: null },
            { name: fromCol, type: relDbType(ownPk), notNull: true, primaryKey: false, unique: false, default: null, references: { table: m.table, column: ownPk?.column ?? 'id' } },
            { name: toCol, type: relDbType(target?.field), notNull: true, primaryKey: false, unique: false, default: null, references: { table: target?.model.table ?? toName.toLowerCase(), column: target?.field?.column ?? 'id' } },
          ],
          indexes: [],
          rowCount: 0,
        });
        continue;
      }
      if (!f.column) continue;
      const target = f.relatedModel ? pkOf(f.relatedModel) : undefined;
      columns.push({
        name: f.column,
        type: f.relatedModel ? relDbType(target?.field) : (f.dbType ?? ''),
        notNull: !f.null,
        primaryKey: f.primaryKey,
        unique: f.unique && !f.primaryKey,
        default: null,
        references: f.relatedModel
          ? { table: target?.model.table ?? f.relatedModel.toLowerCase().replace('.', '_'), column: target?.field?.column ?? 'id' }
          : undefined,
      });
    }
    tables.push({ name: m.table, columns, indexes: [], rowCount: 0 }, ...joinTables);
  }
  return tables;
}

export function asTables(s: Snapshot): TableInfo[] {
  return isModels(s) ? tablesFromModels(s) : [...(s as readonly TableInfo[])];
}

const norm = (t: string) => t.trim().replace(/\s+/g, ' ').toLowerCase();

/** Which side of a comparison was derived from models (which know nothing of Meta constraints). */
type ModelsSide = 'before' | 'after' | null;

function columnChanges(a: ColumnInfo, b: ColumnInfo, compareDefaults: boolean, modelsSide: ModelsSide = null): string[] {
  const out: string[] = [];
  // A column the models call not unique may still be unique in the database through a
  // UniqueConstraint in Meta, which ModelInfo does not carry: only trust uniqueness the
  // models side asserts.
  const uniqueUnknown = (modelsSide === 'before' && !a.unique && b.unique) || (modelsSide === 'after' && a.unique && !b.unique);
  if (norm(a.type) !== norm(b.type)) out.push(`type ${a.type || 'untyped'} \u2192 ${b.type || 'untyped'}`);
  if (a.notNull !== b.notNull) out.push(b.notNull ? 'now NOT NULL' : 'now allows NULL');
  if (a.primaryKey !== b.primaryKey) out.push(b.primaryKey ? 'now the primary key' : 'no longer the primary key');
  if (!a.primaryKey && !b.primaryKey && a.unique !== b.unique && !uniqueUnknown) out.push(b.unique ? 'now unique' : 'no longer unique');
  if (compareDefaults && (a.default ?? null) !== (b.default ?? null)) out.push(`default ${a.default ?? 'none'} \u2192 ${b.default ?? 'none'}`);
  // Models do not say which column a foreign key targets (to_field): compare tables only then.
  const ref = (r: ColumnInfo['references']) => (r ? (modelsSide ? r.table : `${r.table}.${r.column}`) : '');
  const ra = ref(a.references);
  const rb = ref(b.references);
  if (ra !== rb) out.push(rb ? `now references ${rb}` : `no longer references ${ra}`);
  return out;
}

export interface DiffOptions {
  /** Tables to leave out (Django's bookkeeping table by default). */
  ignoreTables?: (name: string) => boolean;
}

const defaultIgnore = (name: string) => name === 'django_migrations' || name.startsWith('sqlite_');

/** The tables that differ between two snapshots, in the order of `after` then removed ones. */
export function diffSnapshots(before: Snapshot, after: Snapshot, options: DiffOptions = {}): TableDiff[] {
  const ignore = options.ignoreTables ?? defaultIgnore;
  // Models carry no defaults, so defaults are compared only between two databases.
  const compareDefaults = !isModels(before) && !isModels(after);
  const modelsSide: ModelsSide = isModels(after) ? 'after' : isModels(before) ? 'before' : null;
  const a = new Map(asTables(before).filter((t) => !ignore(t.name)).map((t) => [t.name, t]));
  const b = new Map(asTables(after).filter((t) => !ignore(t.name)).map((t) => [t.name, t]));
  const out: TableDiff[] = [];
  for (const [name, tb] of b) {
    const ta = a.get(name);
    if (!ta) {
      out.push({ table: name, kind: 'added', columns: tb.columns.map((c) => ({ name: c.name, kind: 'added', after: c, changes: [] })), indexChanges: [] });
      continue;
    }
    const cols: ColumnDiff[] = [];
    const beforeCols = new Map(ta.columns.map((c) => [c.name, c]));
    const afterNames = new Set(tb.columns.map((c) => c.name));
    for (const c of tb.columns) {
      const old = beforeCols.get(c.name);
      if (!old) cols.push({ name: c.name, kind: 'added', after: c, changes: [] });
      else {
        const changes = columnChanges(old, c, compareDefaults, modelsSide);
        cols.push({ name: c.name, kind: changes.length ? 'changed' : 'same', before: old, after: c, changes });
      }
    }
    for (const c of ta.columns) if (!afterNames.has(c.name)) cols.push({ name: c.name, kind: 'removed', before: c, changes: [] });
    const indexChanges = compareIndexes(ta, tb, !isModels(before) && !isModels(after));
    if (cols.some((c) => c.kind !== 'same') || indexChanges.length > 0) out.push({ table: name, kind: 'changed', columns: cols, indexChanges });
  }
  for (const [name, ta] of a) {
    if (!b.has(name)) out.push({ table: name, kind: 'removed', columns: ta.columns.map((c) => ({ name: c.name, kind: 'removed', before: c, changes: [] })), indexChanges: [] });
  }
  return out;
}

function compareIndexes(a: TableInfo, b: TableInfo, enabled: boolean): string[] {
  if (!enabled) return [];
  const sig = (ix: TableInfo['indexes'][number]) => `${ix.unique ? 'unique ' : ''}(${ix.columns.join(', ')})`;
  const before = new Map(a.indexes.map((ix) => [ix.name, sig(ix)]));
  const after = new Map(b.indexes.map((ix) => [ix.name, sig(ix)]));
  const out: string[] = [];
  for (const [name, s] of after) if (before.get(name) !== s) out.push(`+ index ${name} ${s}`);
  for (const [name, s] of before) if (after.get(name) !== s) out.push(`\u2212 index ${name} ${s}`);
  return out;
}

/** Plain-language lines for a diff, for a list beside the picture and for screen readers. */
export function describeDiff(diffs: readonly TableDiff[]): string[] {
  const out: string[] = [];
  for (const d of diffs) {
    if (d.kind === 'added') out.push(`+ table ${d.table} (${d.columns.length} columns)`);
    else if (d.kind === 'removed') out.push(`\u2212 table ${d.table}`);
    else {
      out.push(`~ table ${d.table}`);
      for (const c of d.columns) {
        if (c.kind === 'added') out.push(`    + ${c.name} ${c.after?.type ?? ''}`.trimEnd());
        else if (c.kind === 'removed') out.push(`    \u2212 ${c.name}`);
        else if (c.kind === 'changed') out.push(`    ~ ${c.name}: ${c.changes.join(', ')}`);
      }
      for (const ix of d.indexChanges) out.push(`    ${ix}`);
    }
  }
  return out;
}

/**
 * The touched tables as an ER diagram: added tables green, removed red, changed amber;
 * within a changed table, each column says whether it was added, removed or changed.
 * Unchanged columns of a changed table are kept when `columns` is 'all'.
 */
export function beforeAfterText(diffs: readonly TableDiff[], options: Omit<ErOptions, 'apps'> = {}): DiagramText {
  const entities: ErEntity[] = [];
  const relations: ErRelation[] = [];
  for (const d of diffs) {
    entities.push({
      key: d.table,
      label: d.table,
      change: d.kind,
      columns: d.columns.map((c) => {
        const col = (c.after ?? c.before)!;
        const keys: ('PK' | 'FK' | 'UK')[] = [];
        if (col.primaryKey) keys.push('PK');
        if (col.references) keys.push('FK');
        if (col.unique && !col.primaryKey) keys.push('UK');
        const change = c.kind === 'same' || d.kind !== 'changed' ? undefined : c.kind;
        const note = c.kind === 'changed' ? c.changes.join(', ') : undefined;
        return { name: c.name, type: col.type || 'untyped', keys, change, note };
      }),
    });
    for (const c of d.columns) {
      const col = c.after ?? c.before;
      if (!col?.references) continue;
      relations.push({
        from: d.table,
        to: col.references.table,
        kind: col.primaryKey ? 'parent-link' : col.unique ? 'one-to-one' : 'many-to-one',
        nullable: !col.notNull,
        label: c.kind === 'removed' ? `${c.name} (removed)` : c.name,
        dashed: c.kind === 'removed',
      });
    }
  }
  const schema: ErSchema = { entities, relations };
  return erDiagramText(schema, { ...options, columns: options.columns === 'keys' ? 'keys' : options.columns ?? 'all' });
}
