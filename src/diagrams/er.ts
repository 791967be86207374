// Entity-relationship diagrams: the models as written (ModelInfo[]) and the database as
// migrated (TableInfo[]) both become one small intermediate schema, which becomes mermaid
// `erDiagram` text.

import type { ColumnInfo, ModelInfo, TableInfo } from '../engine/project';
import { IdAllocator, erWord, quoted } from './escape';
import { appSwatch, changeSwatch, classDefStyle, type ChangeKind, type DiagramTheme } from './palette';

export type ColumnDetail = 'all' | 'keys' | 'none';

export interface ErColumn {
  name: string;
  type: string;
  keys: ('PK' | 'FK' | 'UK')[];
  /** Shown in the column's comment cell. */
  note?: string;
  change?: 'added' | 'removed' | 'changed';
}

export interface ErEntity {
  /** Stable key: 'blog.Post' for models, the table name for tables. */
  key: string;
  label: string;
  app?: string;
  columns: ErColumn[];
  /** Drawn without columns: a related entity outside the app filter, or missing. */
  stub?: boolean;
  change?: 'added' | 'removed' | 'changed';
  /** Rows in the table (database diagrams). */
  rows?: number;
}

export type RelationKind = 'many-to-one' | 'one-to-one' | 'many-to-many' | 'parent-link';

export interface ErRelation {
  /** The entity holding the reference (the child). */
  from: string;
  /** The referenced entity. */
  to: string;
  kind: RelationKind;
  /** The reference may be NULL (zero-or-one on the referenced side). */
  nullable: boolean;
  label: string;
  /** Drawn dashed: a logical relation (many-to-many through a model drawn elsewhere). */
  dashed?: boolean;
}

export interface ErSchema {
  entities: ErEntity[];
  relations: ErRelation[];
}

export interface ErOptions {
  /** Only these apps (others appear as stubs when related). Undefined or empty: all apps. */
  apps?: readonly string[];
  columns?: ColumnDetail;
  theme?: DiagramTheme;
  /** Layout direction; mermaid's default is TB. */
  direction?: 'TB' | 'LR';
  /** Add the row count to each table's name ('blog_post · 3 rows'). */
  rows?: boolean;
  /** Only this entity (its key) and the entities it is directly related to; `apps` is ignored. */
  focus?: string;
}

export interface DiagramText {
  text: string;
  /** Number of entities or nodes drawn (to warn before drawing something huge). */
  size: number;
  /** Mermaid id -> the key of the thing drawn (model key, table name, 'app.migration'). */
  ids: Map<string, string>;
}

/** Django's parent link for multi-table inheritance: a primary-key one-to-one named `<parent>_ptr`. */
function isParentLink(f: ModelInfo['fields'][number]): boolean {
  return f.relation === 'one-to-one' && f.primaryKey && /_ptr$/.test(f.name);
}

/** A through model the student wrote, not the one Django creates (`Post_tags`). */
function isExplicitThrough(m: ModelInfo, f: ModelInfo['fields'][number]): boolean {
  if (!f.through) return false;
  const name = f.through.replace(/^.*\./, '');
  return name.toLowerCase() !== `${m.name}_${f.name}`.toLowerCase();
}

const modelKey = (m: Pick<ModelInfo, 'app' | 'name'>) => `${m.app}.${m.name}`;

/** The models as written. Abstract models have no table and are left out. */
export function schemaFromModels(models: readonly ModelInfo[]): ErSchema {
  const entities: ErEntity[] = [];
  const relations: ErRelation[] = [];
  const byKey = new Map(models.map((m) => [modelKey(m).toLowerCase(), m]));
  for (const m of models) {
    if (m.abstract) continue;
    const key = modelKey(m);
    const columns: ErColumn[] = [];
    for (const f of m.fields) {
      const keys: ErColumn['keys'] = [];
      if (f.primaryKey) keys.push('PK');
      if (f.relatedModel && f.relation !== 'many-to-many') keys.push('FK');
      if (f.unique && !f.primaryKey) keys.push('UK');
      // Short notes: the database type, NULL, and where a relation points (within the
      // model's app by model name alone); the column only when it is not the usual one.
      const notes: string[] = [];
      if (f.dbType) notes.push(f.null ? `${f.dbType} null` : f.dbType);
      else if (f.null) notes.push('null');
      const usualColumn = f.relatedModel ? `${f.name}_id` : f.name;
      if (f.column && f.column !== usualColumn) notes.push(`column ${f.column}`);
      const short = (ref: string) => (ref.startsWith(`${m.app}.`) ? ref.slice(m.app.length + 1) : ref);
      if (f.relatedModel) notes.push(`\u2192 ${short(f.relatedModel)}`);
      if (isExplicitThrough(m, f)) notes.push(`through ${short(f.through!)}`);
      columns.push({ name: f.name, type: f.type, keys, note: notes.join(', ') || undefined });
      if (!f.relatedModel || !f.relation) continue;
      const target = byKey.get(f.relatedModel.toLowerCase());
      const to = target ? modelKey(target) : f.relatedModel;
      if (f.relation === 'many-to-many') {
        const explicit = isExplicitThrough(m, f);
        relations.push({
          from: key,
          to,
          kind: 'many-to-many',
          nullable: true,
          label: explicit ? `${f.name} (through ${f.through!.replace(/^.*\./, '')})` : f.name,
          dashed: explicit,
        });
      } else {
        relations.push({
          from: key,
          to,
          kind: isParentLink(f) ? 'parent-link' : f.relation,
          nullable: f.null,
          label: isParentLink(f) ? `inherits (${f.name})` : f.name,
        });
      }
    }
    entities.push({ key, label: m.proxy ? `${m.name} (proxy)` : m.name, app: m.app, columns });
  }
  return { entities, relations };
}

/**
 * The database as migrated. `appOf` maps a table to its app (from the models) for the app
 * filter and the colours; tables it does not know get the prefix before the first `_`.
 */
export function schemaFromTables(tables: readonly TableInfo[], appOf?: (table: string) => string | undefined): ErSchema {
  const entities: ErEntity[] = [];
  const relations: ErRelation[] = [];
  for (const t of tables) {
    if (t.name.startsWith('sqlite_')) continue;
    entities.push({ key: t.name, label: t.name, app: appOf?.(t.name) ?? guessApp(t.name), columns: t.columns.map((c) => tableColumn(t, c)), rows: t.rowCount });
    for (const c of t.columns) {
      if (!c.references) continue;
      const unique = isUniqueColumn(t, c);
      relations.push({
        from: t.name,
        to: c.references.table,
        kind: c.primaryKey ? 'parent-link' : unique ? 'one-to-one' : 'many-to-one',
        nullable: !c.notNull,
        label: c.primaryKey ? `inherits (${c.name})` : c.name,
      });
    }
  }
  return { entities, relations };
}

function guessApp(table: string): string {
  const i = table.indexOf('_');
  return i > 0 ? table.slice(0, i) : table;
}

function isUniqueColumn(t: TableInfo, c: ColumnInfo): boolean {
  return c.unique || t.indexes.some((ix) => ix.unique && ix.columns.length === 1 && ix.columns[0] === c.name);
}

function tableColumn(t: TableInfo, c: ColumnInfo): ErColumn {
  const keys: ErColumn['keys'] = [];
  if (c.primaryKey) keys.push('PK');
  if (c.references) keys.push('FK');
  if (!c.primaryKey && isUniqueColumn(t, c)) keys.push('UK');
  const notes: string[] = [];
  if (!c.notNull && !c.primaryKey) notes.push('null');
  if (c.default !== null) notes.push(`default ${c.default}`);
  if (c.references) notes.push(`to ${c.references.table}.${c.references.column}`);
  return { name: c.name, type: c.type || 'untyped', keys, note: notes.join(', ') || undefined };
}

/** A map from table name to app label, from the models (for `schemaFromTables`). */
export function tableApps(models: readonly ModelInfo[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const m of models) {
    if (m.abstract || m.proxy) continue;
    map.set(m.table, m.app);
    for (const f of m.fields) {
      if (f.relation === 'many-to-many' && !isExplicitThrough(m, f)) map.set(`${m.table}_${f.name}`, m.app);
    }
  }
  return map;
}

/** The apps of a schema, in first-seen order (the order the colours are handed out in). */
export function schemaApps(schema: ErSchema): string[] {
  return [...new Set(schema.entities.map((e) => e.app ?? '').filter(Boolean))];
}

/** Mermaid cardinality for one relation, child on the left. */
function cardinality(r: ErRelation): string {
  const line = r.dashed ? '..' : '--';
  switch (r.kind) {
    case 'many-to-many':
      return `}o${line}o{`;
    case 'one-to-one':
      return `|o${line}${r.nullable ? 'o|' : '||'}`;
    case 'parent-link':
      return `|o${line}||`;
    default:
      return `}o${line}${r.nullable ? 'o|' : '||'}`;
  }
}

/**
 * Mermaid `erDiagram` text for a schema: entities filtered by app (related entities outside
 * the filter become stubs), columns at the chosen detail, one colour per app.
 */
export function erDiagramText(schema: ErSchema, options: ErOptions = {}): DiagramText {
  const theme = options.theme ?? 'light';
  const detail = options.columns ?? 'all';
  const filter = options.apps && options.apps.length > 0 ? new Set(options.apps) : undefined;
  const allApps = schemaApps(schema);
  const byKey = new Map(schema.entities.map((e) => [e.key, e]));
  let shown = schema.entities.filter((e) => !filter || filter.has(e.app ?? ''));
  let relations: ErRelation[];
  if (options.focus && byKey.has(options.focus)) {
    // One entity and its direct neighbours, whatever their app; nothing else.
    const f = options.focus;
    relations = schema.relations.filter((r) => r.from === f || r.to === f);
    const keep = new Set([f, ...relations.flatMap((r) => [r.from, r.to])]);
    shown = schema.entities.filter((e) => keep.has(e.key));
  } else {
    const keys = new Set(shown.map((e) => e.key));
    relations = schema.relations.filter((r) => keys.has(r.from) || keys.has(r.to));
  }
  const shownKeys = new Set(shown.map((e) => e.key));
  // Entities at the far end of a shown relation, outside the filter (or missing): stubs.
  const stubs: ErEntity[] = [];
  for (const r of relations) {
    for (const k of [r.from, r.to]) {
      if (shownKeys.has(k)) continue;
      shownKeys.add(k);
      const e = byKey.get(k);
      stubs.push({ key: k, label: e ? e.label : k, app: e?.app, columns: [], stub: true });
    }
  }

  const ids = new IdAllocator('e_');
  const idMap = new Map<string, string>();
  const lines: string[] = ['erDiagram'];
  if (options.direction) lines.push(`  direction ${options.direction}`);
  const multiApp = allApps.length > 1;
  const classOf = new Map<string, string[]>();
  const addClass = (cls: string, id: string) => {
    const list = classOf.get(cls) ?? [];
    list.push(id);
    classOf.set(cls, list);
  };

  for (const e of [...shown, ...stubs]) {
    const id = ids.id(e.key);
    idMap.set(id, e.key);
    let label = multiApp && e.app && e.label !== e.key && !e.key.startsWith(`${e.app}_`) ? `${e.app}.${e.label}` : e.label;
    if (options.rows && !e.stub && e.rows !== undefined) label += ` \u00B7 ${e.rows} ${e.rows === 1 ? 'row' : 'rows'}`;
    const columns = e.stub ? [] : e.columns.filter((c) => detail === 'all' || (detail === 'keys' && (c.keys.length > 0 || c.change)));
    if (columns.length === 0) {
      lines.push(`  ${id}[${quoted(label)}]`);
    } else {
      lines.push(`  ${id}[${quoted(label)}] {`);
      for (const c of columns) {
        const keys = c.keys.length ? ` ${c.keys.join(', ')}` : '';
        const notes = [c.change, c.note].filter(Boolean).join(': ');
        const comment = c.name !== erWord(c.name, 'col') ? [`named ${c.name}`, notes].filter(Boolean).join(', ') : notes;
        lines.push(`    ${erWord(c.type, 't')} ${erWord(c.name, 'col')}${keys}${comment ? ' ' + quoted(comment, 80) : ''}`);
      }
      lines.push('  }');
    }
    if (e.stub) addClass('stub', id);
    else if (e.change) addClass(e.change, id);
    else if (e.app) addClass(`app${allApps.indexOf(e.app)}`, id);
  }

  for (const r of relations) {
    lines.push(`  ${ids.id(r.from)} ${cardinality(r)} ${ids.id(r.to)} : ${quoted(r.label, 48)}`);
  }

  for (const [cls, members] of classOf) {
    let style: string;
    if (cls.startsWith('app')) style = classDefStyle(appSwatch(Number(cls.slice(3)), theme));
    else style = classDefStyle(changeSwatch(cls as ChangeKind, theme), cls === 'stub' || cls === 'removed' ? 'stroke-dasharray:4 3' : '');
    lines.push(`  classDef ${cls} ${style}`);
    lines.push(`  class ${members.join(',')} ${cls}`);
  }
  return { text: lines.join('\n') + '\n', size: shown.length + stubs.length, ids: idMap };
}
