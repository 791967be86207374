// What Django's SQLite introspection reads out of a table's CREATE TABLE text: the UNIQUE and
// CHECK constraints written inline, and each column's COLLATE. Both readings are deliberately
// as naive as Django's (inspectdb's output depends on their blind spots): an unnamed table-level
// UNIQUE (a, b) yields the column list ['UNIQUE'], an unquoted column loses its first letter
// before its collation is looked up, and a ", " inside a table constraint breaks the lookup.

import { isKeyword, isNameOrKeyword, tokenize, type SqlToken } from './sql_tokens';

export interface InlineConstraint {
  /** null where Django's parse found no name for the column (an unquoted type-like word). */
  columns: (string | null)[];
  unique: boolean;
  check: boolean;
}

/** A Python exception raised while reading the schema; `message` is its str(). */
export class IntrospectionError extends Error {}

interface Definition {
  name: string | null;
  unique: (string | null)[] | null;
  check: string[] | null;
  end: SqlToken | null;
}

const isPunct = (t: SqlToken, v: string) => t.type === 'Punctuation' && t.value === v;

function identifierOf(t: SqlToken): string | undefined {
  if (isNameOrKeyword(t)) return t.value;
  if (t.type === 'Symbol') return t.value.slice(1, -1);
  return undefined;
}

/** One column or table-constraint definition, up to its ',' (or the closing ')'). */
function readDefinition(tokens: SqlToken[], cursor: { i: number }, columns: ReadonlySet<string>): Definition {
  let token: SqlToken | null = null;
  let isConstraint: boolean | null = null;
  let fieldName: string | null = null;
  let constraintName: string | null = null;
  let unique = false;
  let uniqueColumns: (string | null)[] = [];
  let uniqueDepth = 0;
  let check = false;
  const checkColumns: string[] = [];
  let checkDepth = 0;
  let depth = 0;
  while (cursor.i < tokens.length) {
    token = tokens[cursor.i++];
    if (isPunct(token, '(')) depth++;
    else if (isPunct(token, ')')) {
      depth--;
      if (depth < 0) break;
    } else if (depth === 0 && isPunct(token, ',')) break;
    if (isConstraint === null) {
      isConstraint = isKeyword(token, 'CONSTRAINT');
      if (isConstraint) continue;
    }
    if (isConstraint) {
      if (constraintName === null) constraintName = identifierOf(token) ?? null;
      if (isKeyword(token, 'UNIQUE')) {
        unique = true;
        uniqueDepth = depth;
      } else if (unique) {
        if (uniqueDepth === depth) {
          if (uniqueColumns.length) unique = false;
          continue;
        }
        const id = identifierOf(token);
        if (id !== undefined) uniqueColumns.push(id);
      }
    } else {
      if (fieldName === null) fieldName = identifierOf(token) ?? null;
      if (isKeyword(token, 'UNIQUE')) uniqueColumns = [fieldName];
    }
    if (isKeyword(token, 'CHECK')) {
      check = true;
      checkDepth = depth;
    } else if (check) {
      if (checkDepth === depth) {
        if (checkColumns.length) check = false;
        continue;
      }
      const id = identifierOf(token);
      if (id !== undefined && columns.has(id)) checkColumns.push(id);
    }
  }
  return {
    name: constraintName,
    unique: uniqueColumns.length ? uniqueColumns : null,
    check: checkColumns.length ? checkColumns : null,
    end: token,
  };
}

/** The inline constraints of a CREATE TABLE text, by name (`__unnamed_constraint_N__` when unnamed). */
export function parseTableConstraints(sql: string, columns: ReadonlySet<string>): Map<string, InlineConstraint> {
  const tokens = tokenize(sql).filter((t) => t.type !== 'Whitespace');
  const constraints = new Map<string, InlineConstraint>();
  const cursor = { i: 0 };
  while (cursor.i < tokens.length && !isPunct(tokens[cursor.i++], '(')) {
    // skip to the column list
  }
  let unnamed = 0;
  for (;;) {
    const def = readDefinition(tokens, cursor, columns);
    const add = (c: InlineConstraint) => constraints.set(def.name ? def.name : `__unnamed_constraint_${++unnamed}__`, c);
    if (def.unique) add({ columns: def.unique, unique: true, check: false });
    if (def.check) add({ columns: def.check, unique: false, check: true });
    if (!def.end) throw new IntrospectionError("'NoneType' object has no attribute 'match'");
    if (isPunct(def.end, ')')) break;
  }
  return constraints;
}

/** The text of the statement's last top-level token: its outermost trailing parenthesis, usually. */
function lastTopLevelText(sql: string): string {
  const tokens = tokenize(sql);
  const last = tokens[tokens.length - 1];
  if (!last) return '';
  if (!isPunct(last, ')')) return last.value;
  let depth = 0;
  let offset = sql.length;
  for (let i = tokens.length - 1; i >= 0; i--) {
    offset -= tokens[i].value.length;
    if (isPunct(tokens[i], ')')) depth++;
    else if (isPunct(tokens[i], '(') && --depth === 0) return sql.slice(offset);
  }
  return sql;
}

function stripChars(s: string, chars: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && chars.includes(s[a])) a++;
  while (b > a && chars.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

/** column -> collation (null without COLLATE), read the way Django's SQLite backend reads it. */
export function columnCollations(sql: string): Map<string, string | null> {
  const collations = new Map<string, string | null>();
  for (const column of stripChars(lastTopLevelText(sql), '()').split(', ')) {
    const words = column.slice(1).split(/\s+/).filter((w) => w.length);
    if (!words.length) throw new IntrospectionError('list index out of range');
    let collation: string | null = null;
    const at = words.indexOf('COLLATE');
    if (at >= 0) {
      if (at + 1 >= words.length) throw new IntrospectionError('list index out of range');
      collation = words[at + 1];
    }
    collations.set(stripChars(words[0], '"'), collation);
  }
  return collations;
}
