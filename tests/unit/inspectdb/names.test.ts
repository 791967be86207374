import { describe, expect, it } from 'vitest';
import { normalizeColName, normalizeTableName, pyTitle } from '../../../src/engine/core/management/commands/inspectdb_names';

describe('inspectdb table names', () => {
  it('title-cases words and drops what is not a letter or digit', () => {
    expect(pyTitle('blog_post')).toBe('Blog_Post');
    expect(pyTitle('2nd table')).toBe('2Nd Table');
    expect(normalizeTableName('blog_post_tags')).toBe('BlogPostTags');
    expect(normalizeTableName('Odd Table-1')).toBe('OddTable1');
    expect(normalizeTableName('ref_Holder')).toBe('RefHolder');
  });
});

describe('inspectdb column names', () => {
  const norm = (col: string, used: string[] = [], rel = false) => {
    const r = normalizeColName(col, used, rel);
    return { name: r.name, params: Object.fromEntries(r.params), notes: r.notes };
  };

  it('keeps a plain name as is', () => {
    expect(norm('title')).toEqual({ name: 'title', params: {}, notes: [] });
  });

  it('lowercases and replaces unsuitable characters, keeping the column', () => {
    expect(norm('First Name')).toEqual({
      name: 'first_name',
      params: { db_column: 'First Name' },
      notes: ['Field name made lowercase.', 'Field renamed to remove unsuitable characters.'],
    });
  });

  it('renames Python keywords, edge underscores, double underscores and leading digits', () => {
    expect(norm('class').name).toBe('class_field');
    expect(norm('None').name).toBe('none');
    expect(norm('value_').name).toBe('value_field');
    expect(norm('_hidden').name).toBe('field_hidden');
    expect(norm('a__b')).toEqual({
      name: 'a_b',
      params: { db_column: 'a__b' },
      notes: ["Field renamed because it contained more than one '_' in a row."],
    });
    expect(norm('2nd').name).toBe('number_2nd');
  });

  it('strips _id from a relation column, else keeps the column', () => {
    expect(norm('author_id', [], true)).toEqual({ name: 'author', params: {}, notes: [] });
    expect(norm('editor', [], true)).toEqual({ name: 'editor', params: { db_column: 'editor' }, notes: [] });
  });

  it('numbers a name that is already taken', () => {
    expect(norm('x y', ['x_y', 'x_y_0']).name).toBe('x_y_1');
    expect(norm('x y', ['x_y']).notes).toContain('Field renamed because of name conflict.');
  });
});
