// Pure helpers behind the workspace: what a migrate would lose, what the last migrate changed.
import type { ModelInfo, TableInfo } from '../engine/project';
import type { DbChanges } from './panes/DatabasePane';

export type DataLoss =
  | { kind: 'table'; table: string; rows: number }
  | { kind: 'column'; table: string; column: string; rows: number };

function tableFor(app: string, modelLower: string, models: ModelInfo[], tables: TableInfo[]): string {
  const m = models.find((x) => x.app === app && x.name.toLowerCase() === modelLower.toLowerCase());
  if (m && tables.some((t) => t.name === m.table)) return m.table;
  return `${app}_${modelLower.toLowerCase()}`;
}

/**
 * Reads `migrate <app> <target> --plan` output and names the data that unapplying would drop:
 * whole tables (Undo Create model) and columns (Undo Add field), with their row counts.
 */
export function dataLossFromPlan(plan: string, app: string, tables: TableInfo[], models: ModelInfo[]): DataLoss[] {
  const loss: DataLoss[] = [];
  let currentApp = app;
  for (const raw of plan.split('\n')) {
    const head = /^(\w+)\.\w+$/.exec(raw.trim());
    if (head && !raw.startsWith(' ')) currentApp = head[1];
    const create = /^\s+Undo Create model (\w+)/.exec(raw);
    if (create) {
      const table = tableFor(currentApp, create[1], models, tables);
      const t = tables.find((x) => x.name === table);
      if (t) loss.push({ kind: 'table', table, rows: t.rowCount });
      continue;
    }
    const add = /^\s+Undo Add field (\w+) to (\w+)/.exec(raw);
    if (add) {
      const table = tableFor(currentApp, add[2], models, tables);
      const t = tables.find((x) => x.name === table);
      const col = t?.columns.find((c) => c.name === add[1] || c.name === `${add[1]}_id`);
      if (t && col) loss.push({ kind: 'column', table, column: col.name, rows: t.rowCount });
    }
  }
  // A column of a table that goes entirely is not worth naming twice.
  const dropped = new Set(loss.filter((l) => l.kind === 'table').map((l) => l.table));
  return loss.filter((l) => l.kind === 'table' || !dropped.has(l.table));
}

export function describeLoss(l: DataLoss): string {
  const rows = `${l.rows} row${l.rows === 1 ? '' : 's'}`;
  return l.kind === 'table' ? `table ${l.table} is dropped with its ${rows}` : `column ${l.column} of ${l.table} is dropped (its values in ${rows})`;
}

/** Tables and columns that are new or different after a migrate. */
export function dbChangesBetween(before: TableInfo[], after: TableInfo[]): DbChanges {
  const tables = new Set<string>();
  const columns = new Set<string>();
  for (const t of after) {
    const old = before.find((b) => b.name === t.name);
    if (t.name === 'django_migrations' || t.name === 'sqlite_sequence') {
      if (!old || old.rowCount !== t.rowCount) tables.add(t.name);
      continue;
    }
    if (!old) {
      tables.add(t.name);
      for (const c of t.columns) columns.add(`${t.name}.${c.name}`);
      continue;
    }
    let changed = old.rowCount !== t.rowCount || old.indexes.length !== t.indexes.length;
    for (const c of t.columns) {
      const oc = old.columns.find((x) => x.name === c.name);
      if (!oc || oc.type !== c.type || oc.notNull !== c.notNull || oc.unique !== c.unique) {
        columns.add(`${t.name}.${c.name}`);
        changed = true;
      }
    }
    if (old.columns.length !== t.columns.length) changed = true;
    if (changed) tables.add(t.name);
  }
  return { tables, columns };
}
