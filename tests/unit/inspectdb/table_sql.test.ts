import { describe, expect, it } from 'vitest';
import { tokenize } from '../../../src/engine/db/backends/sqlite3/sql_tokens';
import { columnCollations, IntrospectionError, parseTableConstraints } from '../../../src/engine/db/backends/sqlite3/table_sql';

const words = (sql: string) => tokenize(sql).filter((t) => t.type !== 'Whitespace');

describe('the CREATE TABLE lexer', () => {
  it('tells names, keywords, type names and quoted names apart', () => {
    expect(words('CREATE TABLE x ("a" int UNIQUE, b varchar(3), UNIQUE(a))').map((t) => [t.type, t.value])).toEqual([
      ['OtherKeyword', 'CREATE'],
      ['Word', 'TABLE'],
      ['Word', 'x'],
      ['Punctuation', '('],
      ['Symbol', '"a"'],
      ['OtherKeyword', 'int'],
      ['Word', 'UNIQUE'],
      ['Punctuation', ','],
      ['Word', 'b'],
      ['Name', 'varchar'],
      ['Punctuation', '('],
      ['Number', '3'],
      ['Punctuation', ')'],
      ['Punctuation', ','],
      ['Name', 'UNIQUE'],
      ['Punctuation', '('],
      ['Word', 'a'],
      ['Punctuation', ')'],
      ['Punctuation', ')'],
    ]);
  });

  it('reads multi-word keywords and strings as one token', () => {
    expect(words("a NOT  NULL PRIMARY KEY DEFAULT 'x, (y'").map((t) => t.value)).toEqual(['a', 'NOT  NULL', 'PRIMARY KEY', 'DEFAULT', "'x, (y'"]);
  });
});

describe('inline constraints', () => {
  const parse = (sql: string, cols: string[]) => Object.fromEntries(parseTableConstraints(sql, new Set(cols)));

  it('finds column UNIQUE, named and unnamed table constraints, and CHECKs', () => {
    const sql =
      'CREATE TABLE t ("a" int UNIQUE, b int, c int, CONSTRAINT "u" UNIQUE ("b", c), UNIQUE (a, b), CHECK (c > 0))';
    expect(parse(sql, ['a', 'b', 'c'])).toEqual({
      __unnamed_constraint_1__: { columns: ['a'], unique: true, check: false },
      u: { columns: ['b', 'c'], unique: true, check: false },
      // Django's reading: an unnamed table-level UNIQUE names no real column.
      __unnamed_constraint_2__: { columns: ['UNIQUE'], unique: true, check: false },
      __unnamed_constraint_3__: { columns: ['c'], unique: false, check: true },
    });
  });

  it('takes a later word for an unquoted column that reads as a type name', () => {
    expect(parse('CREATE TABLE s (date date NOT NULL UNIQUE, "n" int)', ['date', 'n'])).toEqual({
      __unnamed_constraint_1__: { columns: ['NOT NULL'], unique: true, check: false },
    });
  });
});

describe('column collations', () => {
  it('reads COLLATE after a quoted name; an unquoted name loses its first letter', () => {
    const c = columnCollations('CREATE TABLE t ("id" integer, "name" text COLLATE NOCASE, nick text COLLATE NOCASE)');
    expect(c.get('name')).toBe('NOCASE');
    expect(c.has('nick')).toBe(false);
    expect(c.get('ick')).toBe('NOCASE');
  });

  it('fails like Django on a ", " inside a table constraint', () => {
    expect(() => columnCollations('CREATE TABLE t (a int, b int, PRIMARY KEY (a, b))')).toThrow(IntrospectionError);
  });

  it('reads nothing useful after WITHOUT ROWID', () => {
    expect([...columnCollations('CREATE TABLE t ("a" text COLLATE NOCASE PRIMARY KEY) WITHOUT ROWID').values()]).toEqual([null]);
  });
});
