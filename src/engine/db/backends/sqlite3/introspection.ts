// Reading the schema back from SQLite (django.db.backends.sqlite3.introspection), enough for the
// schema editor's constraint lookups, --fake-initial detection and the UI's table views.

import type { TableInfo } from '../../../project';
import type { DatabaseWrapper } from './base';

export interface ColumnDescription {
  name: string;
  type: string;
  notNull: boolean;
  default: string | null;
  pk: number;
}

export interface ConstraintInfo {
  columns: string[];
  primaryKey: boolean;
  unique: boolean;
  foreignKey: [string, string] | null;
  check: boolean;
  index: boolean;
  type?: string;
}

export class DatabaseIntrospection {
  constructor(private readonly connection: DatabaseWrapper) {}

  /** Every table and view name, sorted, without SQLite's internal tables. */
  tableNames(): string[] {
    const rows = this.connection.query(
      "SELECT name FROM sqlite_master WHERE type in ('table', 'view') AND NOT name='sqlite_sequence' ORDER BY name",
    );
    return rows.map((r) => String(r[0]));
  }

  getTableDescription(table: string): ColumnDescription[] {
    const rows = this.connection.query(`PRAGMA table_info(${this.connection.ops.quoteName(table)})`);
    return rows.map((r) => ({
      name: String(r[1]),
      type: String(r[2]),
      notNull: Number(r[3]) === 1,
      default: r[4] === null ? null : String(r[4]),
      pk: Number(r[5]),
    }));
  }

  getPrimaryKeyColumns(table: string): string[] {
    return this.getTableDescription(table)
      .filter((c) => c.pk)
      .sort((a, b) => a.pk - b.pk)
      .map((c) => c.name);
  }

  getPrimaryKeyColumn(table: string): string | null {
    return this.getPrimaryKeyColumns(table)[0] ?? null;
  }

  /** column -> [referenced column, referenced table]. */
  getRelations(table: string): Map<string, [string, string]> {
    const out = new Map<string, [string, string]>();
    for (const r of this.connection.query(`PRAGMA foreign_key_list(${this.connection.ops.quoteName(table)})`)) {
      out.set(String(r[3]), [String(r[4]), String(r[2])]);
    }
    return out;
  }

  getConstraints(table: string): Map<string, ConstraintInfo> {
    const q = (n: string) => this.connection.ops.quoteName(n);
    const constraints = new Map<string, ConstraintInfo>();
    const tableSql = this.connection.query("SELECT sql FROM sqlite_master WHERE type='table' and name=?", [table])[0]?.[0];
    if (typeof tableSql === 'string') {
      for (const m of tableSql.matchAll(/CONSTRAINT "([^"]+)" (UNIQUE|CHECK) \(([^)]*)\)/g)) {
        const columns = m[2] === 'UNIQUE' ? [...m[3].matchAll(/"([^"]+)"/g)].map((x) => x[1]) : [];
        constraints.set(m[1], {
          columns,
          primaryKey: false,
          unique: m[2] === 'UNIQUE',
          foreignKey: null,
          check: m[2] === 'CHECK',
          index: false,
        });
      }
    }
    for (const row of this.connection.query(`PRAGMA index_list(${q(table)})`)) {
      const index = String(row[1]);
      const unique = Number(row[2]) === 1;
      const sql = this.connection.query("SELECT sql FROM sqlite_master WHERE type='index' AND name=?", [index])[0]?.[0];
      if (!sql) continue;
      const columns = this.connection.query(`PRAGMA index_info(${q(index)})`).map((r) => String(r[2]));
      constraints.set(index, { columns, primaryKey: false, unique, foreignKey: null, check: false, index: true, type: 'idx' });
    }
    const pk = this.getPrimaryKeyColumns(table);
    if (pk.length) {
      constraints.set('__primary__', { columns: pk, primaryKey: true, unique: false, foreignKey: null, check: false, index: false });
    }
    let i = 0;
    for (const [column, [refColumn, refTable]] of this.getRelations(table)) {
      constraints.set(`fk_${i++}`, {
        columns: [column],
        primaryKey: false,
        unique: false,
        foreignKey: [refTable, refColumn],
        check: false,
        index: false,
      });
    }
    return constraints;
  }

  /** Every user table with its columns, indexes and row count (the UI's Database pane). */
  tableInfos(): TableInfo[] {
    const q = (n: string) => this.connection.ops.quoteName(n);
    const names = this.connection
      .query("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .map((r) => String(r[0]));
    return names.map((name) => {
      const relations = this.getRelations(name);
      const uniqueColumns = new Set<string>();
      const indexes: TableInfo['indexes'] = [];
      for (const row of this.connection.query(`PRAGMA index_list(${q(name)})`)) {
        const index = String(row[1]);
        const unique = Number(row[2]) === 1;
        const columns = this.connection.query(`PRAGMA index_info(${q(index)})`).map((r) => String(r[2]));
        if (unique && columns.length === 1) uniqueColumns.add(columns[0]);
        indexes.push({ name: index, columns, unique });
      }
      const columns = this.getTableDescription(name).map((c) => {
        const rel = relations.get(c.name);
        return {
          name: c.name,
          type: c.type,
          notNull: c.notNull,
          primaryKey: c.pk > 0,
          unique: uniqueColumns.has(c.name),
          default: c.default,
          ...(rel ? { references: { table: rel[1], column: rel[0] } } : {}),
        };
      });
      const rowCount = Number(this.connection.query(`SELECT count(*) FROM ${q(name)}`)[0]?.[0] ?? 0);
      return { name, columns, indexes, rowCount };
    });
  }
}
