// How inspectdb turns table names into class names and column names into field names, with
// the notes it prints when a name had to change.

/** Python's reserved words (keyword.kwlist). */
const PY_KEYWORDS = new Set(
  (
    'False None True and as assert async await break class continue def del elif else except ' +
    'finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'
  ).split(' '),
);

export type ParamValue = string | number | boolean | null;

export interface NormalizedName {
  name: string;
  params: Map<string, ParamValue>;
  notes: string[];
}

const isCased = (ch: string) => ch.toLowerCase() !== ch.toUpperCase();

/** Python's str.title(): a letter after a letter is lowered, any other letter raised. */
export function pyTitle(s: string): string {
  let out = '';
  let prevCased = false;
  for (const ch of s) {
    if (isCased(ch)) {
      out += prevCased ? ch.toLowerCase() : ch.toUpperCase();
      prevCased = true;
    } else {
      out += ch;
      prevCased = false;
    }
  }
  return out;
}

/** The model class name for a table. */
export function normalizeTableName(table: string): string {
  return pyTitle(table).replace(/[^a-zA-Z0-9]/g, '');
}

/** A Python-compatible field name for a column, the db_column it then needs, and why. */
export function normalizeColName(column: string, usedNames: readonly string[], isRelation: boolean): NormalizedName {
  const params = new Map<string, ParamValue>();
  const notes: string[] = [];
  let name = column.toLowerCase();
  if (name !== column) notes.push('Field name made lowercase.');
  if (isRelation) {
    if (name.endsWith('_id')) name = name.slice(0, -3);
    else params.set('db_column', column);
  }
  if (/[^\p{L}\p{N}_]/u.test(name)) {
    name = name.replace(/[^\p{L}\p{N}_]/gu, '_');
    notes.push('Field renamed to remove unsuitable characters.');
  }
  if (name.includes('__')) {
    while (name.includes('__')) name = name.replaceAll('__', '_');
    if (column.toLowerCase().includes('__')) notes.push("Field renamed because it contained more than one '_' in a row.");
  }
  if (name.startsWith('_')) {
    name = `field${name}`;
    notes.push("Field renamed because it started with '_'.");
  }
  if (name.endsWith('_')) {
    name = `${name}field`;
    notes.push("Field renamed because it ended with '_'.");
  }
  if (PY_KEYWORDS.has(name)) {
    name += '_field';
    notes.push('Field renamed because it was a Python reserved word.');
  }
  if (/^\p{Nd}/u.test(name)) {
    name = `number_${name}`;
    notes.push("Field renamed because it wasn't a valid Python identifier.");
  }
  if (usedNames.includes(name)) {
    let num = 0;
    while (usedNames.includes(`${name}_${num}`)) num++;
    name = `${name}_${num}`;
    notes.push('Field renamed because of name conflict.');
  }
  if (column !== name && notes.length) params.set('db_column', column);
  return { name, params, notes };
}
