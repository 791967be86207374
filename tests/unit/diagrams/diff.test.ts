import { describe, expect, it } from 'vitest';
import { beforeAfterText, describeDiff, diffSnapshots, tablesFromModels } from '../../../src/diagrams';
import { blogModels, blogTablesAfter, blogTablesBefore, clubModels } from './projects';

describe('before/after of a migration', () => {
  it('finds added, removed and changed columns and tables', () => {
    const diffs = diffSnapshots(blogTablesBefore, blogTablesAfter);
    expect(describeDiff(diffs)).toEqual([
      '~ table blog_post',
      '    ~ title: type varchar(100) \u2192 varchar(200)',
      '    + slug varchar(50)',
      '    + editor_id bigint',
      '    \u2212 summary',
      '    + index blog_post_editor_id_8ad9ac19 (editor_id)',
      '+ table blog_tag (2 columns)',
      '+ table blog_post_tags (3 columns)',
    ]);
    expect(describeDiff(diffSnapshots(blogTablesAfter, blogTablesBefore))).toContain('\u2212 table blog_tag');
  });

  it('draws the touched tables with their changes marked', () => {
    expect(beforeAfterText(diffSnapshots(blogTablesBefore, blogTablesAfter)).text).toMatchInlineSnapshot(`
      "erDiagram
        e_blog_post["blog_post"] {
          integer id PK
          varchar(200) title "changed: type varchar(100) → varchar(200)"
          varchar(50) slug UK "added"
          text body
          bigint author_id FK
          bigint editor_id FK "added"
          text summary "removed"
        }
        e_blog_tag["blog_tag"] {
          integer id PK
          varchar(50) name UK
        }
        e_blog_post_tags["blog_post_tags"] {
          integer id PK
          bigint post_id FK
          bigint tag_id FK
        }
        e_blog_author["blog_author"]
        e_blog_post }o--|| e_blog_author : "author_id"
        e_blog_post }o--o| e_blog_author : "editor_id"
        e_blog_post_tags }o--|| e_blog_post : "post_id"
        e_blog_post_tags }o--|| e_blog_tag : "tag_id"
        classDef changed fill:#fef3c7,stroke:#d97706,color:#451a03
        class e_blog_post changed
        classDef added fill:#dcfce7,stroke:#16a34a,color:#052e16
        class e_blog_tag,e_blog_post_tags added
        classDef stub fill:#f1f5f9,stroke:#94a3b8,color:#475569,stroke-dasharray:4 3
        class e_blog_author stub
      "
    `);
  });

  it('nothing changes between equal snapshots', () => {
    expect(diffSnapshots(blogTablesAfter, blogTablesAfter)).toEqual([]);
  });

  it('models as written become the tables Django would create', () => {
    const tables = tablesFromModels(blogModels);
    expect(tables.map((t) => [t.name, t.columns.map((c) => `${c.name} ${c.type}${c.notNull ? '' : ' null'}${c.references ? ` -> ${c.references.table}.${c.references.column}` : ''}`)])).toEqual([
      ['blog_author', ['id integer', 'name varchar(100)']],
      ['blog_post', ['id integer', 'title varchar(200)', 'slug varchar(50)', 'body text', 'author_id bigint -> blog_author.id', 'editor_id bigint null -> blog_author.id']],
      ['blog_post_tags', ['id integer', 'post_id bigint -> blog_post.id', 'tag_id bigint -> blog_tag.id']],
      ['blog_tag', ['id integer', 'name varchar(50)']],
    ]);
    // Explicit through: no join table; abstract and proxy models: no table.
    expect(tablesFromModels(clubModels).map((t) => t.name)).toEqual(['auth_user', 'club_profile', 'club_club', 'club_membership', 'club_place', 'club_restaurant']);
  });

  it('a unique column the models do not call unique may come from a Meta constraint: not a change', () => {
    const tables = blogTablesAfter.map((t) => (t.name === 'blog_post' ? { ...t, columns: t.columns.map((c) => (c.name === 'title' ? { ...c, unique: true } : c)) } : t));
    expect(diffSnapshots(tables, blogModels)).toEqual([]);
    // The other way round the models assert it: the next migration makes it unique.
    const models = blogModels.map((m) => (m.name === 'Post' ? { ...m, fields: m.fields.map((f) => (f.name === 'title' ? { ...f, unique: true } : f)) } : m));
    expect(describeDiff(diffSnapshots(blogTablesAfter, models))).toEqual(['~ table blog_post', '    ~ title: now unique']);
  });

  it('database → models.py shows what the next migration changes (defaults are not compared)', () => {
    expect(diffSnapshots(blogTablesAfter, blogModels)).toEqual([]);
    expect(describeDiff(diffSnapshots(blogTablesBefore, blogModels))).toEqual([
      '~ table blog_post',
      '    ~ title: type varchar(100) \u2192 varchar(200)',
      '    + slug varchar(50)',
      '    + editor_id bigint',
      '    \u2212 summary',
      '+ table blog_post_tags (3 columns)',
      '+ table blog_tag (2 columns)',
    ]);
  });
});
