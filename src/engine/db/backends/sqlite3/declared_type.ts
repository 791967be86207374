// SQLite (3.37+) reports the six standard type names (ANY, BLOB, INT, INTEGER, REAL, TEXT) in
// PRAGMA table_info upper-cased, whatever the CREATE TABLE said; other names come back as
// written. The table's stored CREATE statement keeps the text as written (`integer`, `text`,
// what Django's DDL says), so the Database tab takes the spelling from there.

const STANDARD = /^(?:ANY|BLOB|INT|INTEGER|REAL|TEXT)$/i;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The column's declared type as the CREATE TABLE text spells it, given the type PRAGMA
 * table_info reported; the reported type when the text cannot be matched.
 */
export function declaredType(createSql: string | null, column: string, reported: string): string {
  if (!createSql || !STANDARD.test(reported)) return reported;
  const names = [`"${column.replace(/"/g, '""')}"`, `\`${column.replace(/`/g, '``')}\``, `[${column}]`, column].map(escapeRe).join('|');
  const m = new RegExp(`[(,]\\s*(?:${names})\\s+(${escapeRe(reported)})(?![\\w(])`, 'i').exec(createSql);
  return m ? m[1]! : reported;
}
