import { describe, expect, it } from 'vitest';
import type { TableInfo } from '../../../src/engine/project';
import { completionsAt, hoverDoc, isInsideMeta } from '../../../src/ui/editor/djangoCompletions';
import { dataLossFromPlan, dbChangesBetween, describeLoss } from '../../../src/ui/workspaceLogic';

const col = (name: string, type = 'integer') => ({ name, type, notNull: true, primaryKey: name === 'id', unique: false, default: null });
const post: TableInfo = { name: 'blog_post', columns: [col('id'), col('title', 'varchar(200)'), col('views_count')], indexes: [], rowCount: 3 };
const comment: TableInfo = { name: 'blog_comment', columns: [col('id'), col('post_id', 'bigint')], indexes: [], rowCount: 5 };

describe('dataLossFromPlan', () => {
  it('names dropped tables and columns with their rows', () => {
    const plan = 'Planned operations:\nblog.0003_comment\n    Undo Create model Comment\nblog.0002_post_views_count\n    Undo Add field views_count to post\n';
    const loss = dataLossFromPlan(plan, 'blog', [post, comment], []);
    expect(loss.map(describeLoss)).toEqual([
      'table blog_comment is dropped with its 5 rows',
      'column views_count of blog_post is dropped (its values in 3 rows)',
    ]);
  });
  it('finds foreign key columns and skips columns of dropped tables', () => {
    const plan = 'Planned operations:\nblog.0002\n    Undo Add field post to comment\nblog.0001_initial\n    Undo Create model Comment\n';
    expect(dataLossFromPlan(plan, 'blog', [post, comment], [])).toEqual([{ kind: 'table', table: 'blog_comment', rows: 5 }]);
  });
  it('says nothing for forward plans', () => {
    expect(dataLossFromPlan('Planned operations:\nblog.0002\n    Add field x to post\n', 'blog', [post], [])).toEqual([]);
  });
});

describe('dbChangesBetween', () => {
  it('marks new tables and changed columns', () => {
    const before = [{ ...post, columns: post.columns.slice(0, 2) }];
    const ch = dbChangesBetween(before, [post, comment]);
    expect([...ch.tables].sort()).toEqual(['blog_comment', 'blog_post']);
    expect(ch.columns.has('blog_post.views_count')).toBe(true);
    expect(ch.columns.has('blog_post.title')).toBe(false);
  });
});

describe('Django completions', () => {
  it('offers fields after models., on_delete values, options inside a call, Meta options', () => {
    expect(completionsAt('    title = models.', false).map((c) => c.label)).toContain('CharField');
    expect(completionsAt("    post = models.ForeignKey(Post, on_delete=models.", false).map((c) => c.label)).toEqual([
      'CASCADE', 'PROTECT', 'RESTRICT', 'SET_NULL', 'SET_DEFAULT', 'SET', 'DO_NOTHING',
    ]);
    expect(completionsAt('    title = models.CharField(max_length=20, ', false).map((c) => c.label)).toContain('null');
    expect(completionsAt('        ', true).map((c) => c.label)).toContain('db_table');
  });
  it('knows when a line is inside class Meta and gives hover docs', () => {
    const lines = ['class Post(models.Model):', '    title = 1', '', '    class Meta:', '        ordering = []'];
    expect(isInsideMeta(lines, 5)).toBe(true);
    expect(isInsideMeta(lines, 2)).toBe(false);
    expect(hoverDoc('CASCADE', '', false)?.doc).toMatch(/Delete the rows/);
    expect(hoverDoc('ordering', '        ordering = []', true)?.detail).toBe('Meta option');
  });
});
