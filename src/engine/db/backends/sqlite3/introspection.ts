// Reading the schema back from SQLite (django.db.backends.sqlite3.introspection): the schema
// editor's constraint lookups, --fake-initial detection, the UI's table views, and the fuller
// Django-shaped readers inspectdb uses.

import type { TableInfo } from '../../../project';
import type { DatabaseWrapper } from './base';
import { columnCollations, IntrospectionError, parseTableConstraints } from './table_sql';

export { IntrospectionError };

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

/** get_table_list(): a table ('t') or a view ('v'). */
export interface TableListEntry {
  name: string;
  type: string;
}

/** A column as get_table_description() describes it (Django's SQLite FieldInfo). */
export interface FieldInfo {
  name: string;
  typeCode: string;
  /** n of a "varchar(n)" / "char(n)" type, else null. */
  displaySize: number | null;
  nullOk: boolean;
  default: string | null;
  collation: string | null;
  /** Whether it is the table's only primary key column. */
  pk: boolean;
  hasJsonConstraint: boolean;
}

/** One entry of get_constraints(), every kind Django's SQLite backend finds. */
export interface IntrospectedConstraint {
  columns: (string | null)[];
  primaryKey: boolean;
  unique: boolean;
  /** [table, column]; the column is null for a REFERENCES without a column list. */
  foreignKey: [string, string | null] | null;
  check: boolean;
  index: boolean;
}

/** SQLite type names as Django reads them back into field classes. */
const DATA_TYPES_REVERSE: Record<string, string> = {
  bool: 'BooleanField',
  boolean: 'BooleanField',
  smallint: 'SmallIntegerField',
  'smallint unsigned': 'PositiveSmallIntegerField',
  smallinteger: 'SmallIntegerField',
  int: 'IntegerField',
  integer: 'IntegerField',
  bigint: 'BigIntegerField',
  'integer unsigned': 'PositiveIntegerField',
  'bigint unsigned': 'PositiveBigIntegerField',
  decimal: 'DecimalField',
  real: 'FloatField',
  text: 'TextField',
  char: 'CharField',
  varchar: 'CharField',
  blob: 'BinaryField',
  date: 'DateField',
  datetime: 'DateTimeField',
  time: 'TimeField',
};

const INTEGER_FIELDS = new Set(['BigIntegerField', 'IntegerField', 'SmallIntegerField']);

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

  /** column -> [referenced column, referenced table] (a REFERENCES without a column reads 'null'). */
  getRelations(table: string): Map<string, [string, string]> {
    return new Map([...this.getForeignKeys(table)].map(([column, [refColumn, refTable]]) => [column, [String(refColumn), refTable]]));
  }

  getConstraints(table: string): Map<string, ConstraintInfo> {
    const q = (n: string) => this.connection.ops.quoteName(n);
    const constraints = new Map<string, ConstraintInfo>();
    const tableSql = this.tableSql(table);
    if (tableSql !== null) {
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

  // ---- Django's introspection API, as inspectdb uses it ----------------------------------------

  /** Tables and views, by name, without sqlite_sequence. */
  getTableList(): TableListEntry[] {
    return this.connection
      .query("SELECT name, type FROM sqlite_master WHERE type in ('table', 'view') AND NOT name='sqlite_sequence' ORDER BY name")
      .map((r) => ({ name: String(r[0]), type: String(r[1])[0] }));
  }

  /** The columns of a table or view (hidden columns of virtual tables left out). */
  getFieldInfos(table: string): FieldInfo[] {
    const rows = this.connection.query(`PRAGMA table_xinfo(${this.connection.ops.quoteName(table)})`);
    if (!rows.length) throw new IntrospectionError(`Table ${table} does not exist (empty pragma).`);
    const tableSql = this.tableSql(table);
    const collations = tableSql === null ? new Map<string, string | null>() : columnCollations(tableSql);
    const infos: FieldInfo[] = [];
    for (const [, name, type, notNull, dflt, pk, hidden] of rows) {
      if (![0, 2, 3].includes(Number(hidden))) continue;
      const column = String(name);
      const typeCode = type === null ? '' : String(type);
      const size = /^\s*(?:var)?char\s*\(\s*(\d+)\s*\)\s*$/.exec(typeCode);
      infos.push({
        name: column,
        typeCode,
        displaySize: size ? Number(size[1]) : null,
        nullOk: !Number(notNull),
        default: dflt === null ? null : String(dflt),
        collation: collations.get(column) ?? null,
        pk: Boolean(Number(pk)),
        hasJsonConstraint: this.hasJsonConstraint(table, column),
      });
    }
    if (infos.filter((f) => f.pk).length > 1) for (const f of infos) f.pk = false;
    return infos;
  }

  /** The field class Django maps a column's type to, or null where it has to guess. */
  getFieldType(info: FieldInfo): string | null {
    const key = info.typeCode.toLowerCase().split('(')[0].trim();
    const type = Object.hasOwn(DATA_TYPES_REVERSE, key) ? DATA_TYPES_REVERSE[key] : null;
    if (type === null) return null;
    // SQLite makes every integer primary key a signed 64-bit rowid alias.
    if (info.pk && INTEGER_FIELDS.has(type)) return 'AutoField';
    if (info.hasJsonConstraint) return 'JSONField';
    return type;
  }

  /** Primary key columns in table order (Django's SQLite get_primary_key_columns()). */
  getPrimaryKeyColumnsInTableOrder(table: string): string[] {
    return this.connection
      .query(`PRAGMA table_info(${this.connection.ops.quoteName(table)})`)
      .filter((r) => Number(r[5]))
      .map((r) => String(r[1]));
  }

  /** column -> [referenced column (null when the REFERENCES names none), referenced table]. */
  getForeignKeys(table: string): Map<string, [string | null, string]> {
    const out = new Map<string, [string | null, string]>();
    for (const r of this.connection.query(`PRAGMA foreign_key_list(${this.connection.ops.quoteName(table)})`)) {
      out.set(String(r[3]), [r[4] === null ? null : String(r[4]), String(r[2])]);
    }
    return out;
  }

  /** Django's SQLite get_constraints(): inline ones parsed from the table's SQL, then indexes, the PK, FKs. */
  getAllConstraints(table: string): Map<string, IntrospectedConstraint> {
    const q = (n: string) => this.connection.ops.quoteName(n);
    const constraints = new Map<string, IntrospectedConstraint>();
    const tableSql = this.tableSql(table);
    if (tableSql !== null) {
      const columns = new Set(this.getFieldInfos(table).map((f) => f.name));
      for (const [name, c] of parseTableConstraints(tableSql, columns)) {
        constraints.set(name, { ...c, primaryKey: false, foreignKey: null, index: false });
      }
    }
    for (const row of this.connection.query(`PRAGMA index_list(${q(table)})`)) {
      const index = String(row[1]);
      const sql = this.connection.query("SELECT sql FROM sqlite_master WHERE type='index' AND name=?", [index])[0]?.[0];
      // Indexes SQLite made for inline constraints have no SQL; those came from the parse above.
      if (!sql) continue;
      for (const r of this.connection.query(`PRAGMA index_info(${q(index)})`)) {
        let c = constraints.get(index);
        if (!c) {
          c = { columns: [], primaryKey: false, unique: Boolean(Number(row[2])), foreignKey: null, check: false, index: true };
          constraints.set(index, c);
        }
        c.columns.push(r[2] === null ? null : String(r[2]));
      }
    }
    const pk = this.getPrimaryKeyColumnsInTableOrder(table);
    if (pk.length) {
      constraints.set('__primary__', { columns: pk, primaryKey: true, unique: false, foreignKey: null, check: false, index: false });
    }
    let i = 0;
    for (const [column, [refColumn, refTable]] of this.getForeignKeys(table)) {
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

  private tableSql(table: string): string | null {
    const sql = this.connection.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?", [table])[0]?.[0];
    return typeof sql === 'string' ? sql : null;
  }

  private hasJsonConstraint(table: string, column: string): boolean {
    const pattern = `%json_valid("${column}")%`;
    return this.connection.query("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ? AND sql LIKE ?", [table, pattern]).length > 0;
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
