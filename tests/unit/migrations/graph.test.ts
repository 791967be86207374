import { describe, expect, it } from 'vitest';
import { MigrationGraph } from '../../../src/engine/db/migrations/graph';
import { Migration } from '../../../src/engine/db/migrations/migration';
import { MigrationAutodetector } from '../../../src/engine/db/migrations/autodetector';
import { PyException } from '../../../src/engine/python/values';

function graph(edges: [string, string][], nodes: string[]) {
  const g = new MigrationGraph<Migration>();
  for (const n of nodes) {
    const [a, b] = n.split('.');
    g.addNode([a, b], new Migration(b, a));
  }
  for (const [child, parent] of edges) {
    const [ca, cn] = child.split('.');
    const [pa, pn] = parent.split('.');
    g.addDependency(child, [ca, cn], [pa, pn], true);
  }
  return g;
}

describe('MigrationGraph', () => {
  const g = graph(
    [
      ['blog.0002_b', 'blog.0001_a'],
      ['blog.0003_c', 'blog.0002_b'],
      ['blog.0002_b', 'auth.0001_initial'],
    ],
    ['auth.0001_initial', 'blog.0001_a', 'blog.0002_b', 'blog.0003_c'],
  );
  it('plans forwards and backwards through dependencies', () => {
    // Same order as Django's iterative DFS (checked against Django 5.2).
    expect(g.forwardsPlan(['blog', '0003_c'])).toEqual([
      ['blog', '0001_a'],
      ['auth', '0001_initial'],
      ['blog', '0002_b'],
      ['blog', '0003_c'],
    ]);
    expect(g.backwardsPlan(['blog', '0001_a'])).toEqual([
      ['blog', '0003_c'],
      ['blog', '0002_b'],
      ['blog', '0001_a'],
    ]);
  });
  it('finds roots and leaves per app', () => {
    expect(g.leafNodes()).toEqual([
      ['auth', '0001_initial'],
      ['blog', '0003_c'],
    ]);
    expect(g.rootNodes('blog')).toEqual([['blog', '0001_a']]);
  });
  it('reports missing parents as Django does', () => {
    const h = graph([['blog.0002_fix', 'blog.0001_inital']], ['blog.0002_fix']);
    try {
      h.validateConsistency();
      throw new Error('no error');
    } catch (e) {
      expect((e as PyException).type).toBe('django.db.migrations.exceptions.NodeNotFoundError');
      expect((e as PyException).pyMessage).toBe("Migration blog.0002_fix dependencies reference nonexistent parent node ('blog', '0001_inital')");
    }
  });
  it('detects cycles', () => {
    const h = graph(
      [
        ['blog.0001_a', 'blog.0002_b'],
        ['blog.0002_b', 'blog.0001_a'],
      ],
      ['blog.0001_a', 'blog.0002_b'],
    );
    expect(() => h.ensureNotCyclic()).toThrow(/CircularDependencyError/);
  });
});

describe('migration numbering', () => {
  it('parses numbers like Django', () => {
    expect(MigrationAutodetector.parseNumber('0004_post_views')).toBe(4);
    expect(MigrationAutodetector.parseNumber('0001_squashed_0005_x')).toBe(5);
    expect(MigrationAutodetector.parseNumber('custom')).toBe(null);
  });
});
