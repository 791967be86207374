import { describe, expect, it } from 'vitest';
import { PyTuple } from '../../../src/engine/python/values';
import { compileCondition, compileExpressions } from '../../../src/engine/db/backends/sqlite3/ddl_compiler';
import { connect, makeModel, TestField } from './doubles';

const expr = (kind: string, args: unknown[], kwargs: [string, unknown][] = []) => ({ kind, args, kwargs: new Map(kwargs), className: kind });
const q = (children: unknown[], connector = 'AND', negated = false) => ({ children, connector, negated, className: 'Q' });

describe('DDL expression compiler', () => {
  it('compiles check conditions like Django (unqualified columns, inlined literals)', async () => {
    const conn = await connect();
    const m = makeModel('blog', 'Post', [
      ['rating', new TestField('IntegerField')],
      ['active', new TestField('BooleanField')],
      ['status', new TestField('CharField', { maxLength: 10 })],
    ]);
    const e = conn.schemaEditor();
    expect(compileCondition(q([new PyTuple(['rating__gte', 0n]), new PyTuple(['rating__lte', 5n])]), m, e)).toBe('("rating" >= 0 AND "rating" <= 5)');
    expect(compileCondition(q([new PyTuple(['active', true])]), m, e)).toBe('"active"');
    expect(compileCondition(q([new PyTuple(['status', 'published'])]), m, e)).toBe(`"status" = 'published'`);
    expect(compileCondition(q([new PyTuple(['rating__gte', expr('F', ['id']) as never])]), m, e)).toBe('"rating" >= ("id")');
  });

  it('compiles functional index expressions', async () => {
    const conn = await connect();
    const m = makeModel('blog', 'Post', [['title', new TestField('CharField', { maxLength: 10 })]]);
    const e = conn.schemaEditor();
    expect(String(compileExpressions([expr('Lower', ['title'])], m, e, true))).toBe('(LOWER("title"))');
  });
});
