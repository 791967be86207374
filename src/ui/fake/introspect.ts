// Reads a SQLite database's tables, columns, keys and indexes (used by the stand-in engine).
import type { ColumnInfo, Database, TableInfo } from '../../engine/project';
import { declaredType } from '../../engine/db/backends/sqlite3/declared_type';

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

export function introspectTables(db: Database): TableInfo[] {
  const names = (db.exec("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")[0]?.values ?? []).map((v) => String(v[0]));
  return names.map((name) => {
    const createSql = db.exec(`SELECT sql FROM sqlite_master WHERE type = 'table' AND name = '${name.replace(/'/g, "''")}'`)[0]?.values[0]?.[0];
    const fks = db.exec(`PRAGMA foreign_key_list(${quote(name)})`)[0]?.values ?? [];
    const indexList = db.exec(`PRAGMA index_list(${quote(name)})`)[0]?.values ?? [];
    const indexes = indexList.map((row) => {
      const idx = String(row[1]);
      const cols = (db.exec(`PRAGMA index_info(${quote(idx)})`)[0]?.values ?? []).map((c) => String(c[2]));
      return { name: idx, columns: cols, unique: Number(row[2]) === 1 };
    });
    const columns: ColumnInfo[] = (db.exec(`PRAGMA table_info(${quote(name)})`)[0]?.values ?? []).map((c) => {
      const col = String(c[1]);
      const fk = fks.find((f) => String(f[3]) === col);
      return {
        name: col,
        type: declaredType(typeof createSql === 'string' ? createSql : null, col, String(c[2])),
        notNull: Number(c[3]) === 1,
        primaryKey: Number(c[5]) > 0,
        unique: indexes.some((i) => i.unique && i.columns.length === 1 && i.columns[0] === col),
        default: c[4] === null ? null : String(c[4]),
        ...(fk ? { references: { table: String(fk[2]), column: String(fk[4]) } } : {}),
      };
    });
    const rowCount = Number(db.exec(`SELECT COUNT(*) FROM ${quote(name)}`)[0]?.values[0]?.[0] ?? 0);
    return { name, columns, indexes, rowCount };
  });
}
