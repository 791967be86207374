import { describe, expect, it } from 'vitest';
import { migrationGraphText, migrationRole, replacementMap } from '../../../src/diagrams';
import type { MigrationNode } from '../../../src/engine/project';
import { historyGraph } from './projects';

describe('migration graph', () => {
  it('squashed history, a merge, cross-app dependencies, applied and not', () => {
    expect(migrationGraphText(historyGraph).text).toMatchInlineSnapshot(`
      "flowchart TB
        subgraph m_app_contenttypes["contenttypes"]
          direction TB
          m_contenttypes_0001_initial("0001_initial<br/>✓ applied")
        end
        subgraph m_app_auth["auth"]
          direction TB
          m_auth_0001_initial("0001_initial<br/>✓ applied")
          m_auth_0002_alter_permission_name_max_length("0002_alter_permission_name_max_length<br/>✓ applied")
        end
        subgraph m_app_blog["blog"]
          direction TB
          m_blog_0001_squashed_0004_alter_post_title[["0001_squashed_0004_alter_post_title<br/>squashes 4: 0001…0004<br/>✓ applied"]]
          m_blog_0005_post_tags("0005_post_tags<br/>✓ applied")
          m_blog_0005_post_views("0005_post_views<br/>○ not applied")
          m_blog_0006_merge_20260101_1200{{"0006_merge_20260101_1200<br/>merge<br/>○ not applied"}}
          subgraph m_replaced_blog_0001_squashed_0004_alter_post_title["replaced by 0001_squashed_0004_alter_post_title"]
            direction TB
            m_blog_0001_initial("0001_initial<br/>replaced<br/>✓ applied")
            m_blog_0002_post_slug("0002_post_slug<br/>replaced<br/>✓ applied")
            m_blog_0003_post_author("0003_post_author<br/>replaced<br/>✓ applied")
            m_blog_0004_alter_post_title("0004_alter_post_title<br/>replaced<br/>✓ applied")
          end
        end
        subgraph m_app_shop["shop"]
          direction TB
          m_shop_0001_initial("0001_initial<br/>○ not applied")
        end
        m_contenttypes_0001_initial --> m_auth_0001_initial
        m_auth_0001_initial --> m_auth_0002_alter_permission_name_max_length
        m_blog_0001_initial --> m_blog_0002_post_slug
        m_blog_0002_post_slug --> m_blog_0003_post_author
        m_auth_0002_alter_permission_name_max_length --> m_blog_0003_post_author
        m_blog_0003_post_author --> m_blog_0004_alter_post_title
        m_auth_0002_alter_permission_name_max_length --> m_blog_0001_squashed_0004_alter_post_title
        m_blog_0001_squashed_0004_alter_post_title --> m_blog_0005_post_tags
        m_blog_0001_squashed_0004_alter_post_title --> m_blog_0005_post_views
        m_blog_0005_post_tags --> m_blog_0006_merge_20260101_1200
        m_blog_0005_post_views --> m_blog_0006_merge_20260101_1200
        m_auth_0001_initial --> m_shop_0001_initial
        m_blog_0006_merge_20260101_1200 --> m_shop_0001_initial
        classDef app0 fill:#dbeafe,stroke:#2563eb,color:#0f172a,stroke-width:2px
        classDef app0p fill:#ffffff,stroke:#2563eb,color:#0f172a,stroke-width:2px,stroke-dasharray:5 4
        classDef app1 fill:#dcfce7,stroke:#16a34a,color:#0f172a,stroke-width:2px
        classDef app1p fill:#ffffff,stroke:#16a34a,color:#0f172a,stroke-width:2px,stroke-dasharray:5 4
        classDef app2 fill:#fef3c7,stroke:#d97706,color:#0f172a,stroke-width:2px
        classDef app2p fill:#ffffff,stroke:#d97706,color:#0f172a,stroke-width:2px,stroke-dasharray:5 4
        classDef app3 fill:#f3e8ff,stroke:#9333ea,color:#0f172a,stroke-width:2px
        classDef app3p fill:#ffffff,stroke:#9333ea,color:#0f172a,stroke-width:2px,stroke-dasharray:5 4
        classDef stub fill:#f1f5f9,stroke:#94a3b8,color:#475569,stroke-dasharray:3 3
        classDef missing fill:#fee2e2,stroke:#dc2626,color:#450a0a,stroke-dasharray:3 3
        classDef replaced opacity:0.6
        class m_contenttypes_0001_initial app0
        class m_auth_0001_initial,m_auth_0002_alter_permission_name_max_length app1
        class m_blog_0001_squashed_0004_alter_post_title,m_blog_0005_post_tags,m_blog_0001_initial,m_blog_0002_post_slug,m_blog_0003_post_author,m_blog_0004_alter_post_title app2
        class m_blog_0005_post_views,m_blog_0006_merge_20260101_1200 app2p
        class m_blog_0001_initial,m_blog_0002_post_slug,m_blog_0003_post_author,m_blog_0004_alter_post_title replaced
        class m_shop_0001_initial app3p
        linkStyle 0,4,6,11,12 stroke-dasharray:6 4
      "
    `);
  });

  it('filtered to one app, dependencies on other apps are stubs', () => {
    const d = migrationGraphText(historyGraph, { apps: ['shop'], theme: 'dark', direction: 'LR' });
    expect(d.text).toMatchInlineSnapshot(`
      "flowchart LR
        subgraph m_app_shop["shop"]
          direction TB
          m_shop_0001_initial("0001_initial<br/>○ not applied")
        end
        m_auth_0001_initial("auth.0001_initial")
        m_blog_0006_merge_20260101_1200("blog.0006_merge_20260101_1200")
        m_auth_0001_initial --> m_shop_0001_initial
        m_blog_0006_merge_20260101_1200 --> m_shop_0001_initial
        classDef app0 fill:#1e3a8a,stroke:#60a5fa,color:#f1f5f9,stroke-width:2px
        classDef app0p fill:#1e1e1e,stroke:#60a5fa,color:#e2e8f0,stroke-width:2px,stroke-dasharray:5 4
        classDef app1 fill:#14532d,stroke:#4ade80,color:#f1f5f9,stroke-width:2px
        classDef app1p fill:#1e1e1e,stroke:#4ade80,color:#e2e8f0,stroke-width:2px,stroke-dasharray:5 4
        classDef app2 fill:#78350f,stroke:#fbbf24,color:#f1f5f9,stroke-width:2px
        classDef app2p fill:#1e1e1e,stroke:#fbbf24,color:#e2e8f0,stroke-width:2px,stroke-dasharray:5 4
        classDef app3 fill:#581c87,stroke:#c084fc,color:#f1f5f9,stroke-width:2px
        classDef app3p fill:#1e1e1e,stroke:#c084fc,color:#e2e8f0,stroke-width:2px,stroke-dasharray:5 4
        classDef stub fill:#1e293b,stroke:#64748b,color:#cbd5e1,stroke-dasharray:3 3
        classDef missing fill:#7f1d1d,stroke:#f87171,color:#fef2f2,stroke-dasharray:3 3
        classDef replaced opacity:0.6
        class m_shop_0001_initial app3p
        class m_auth_0001_initial,m_blog_0006_merge_20260101_1200 stub
        linkStyle 0,1 stroke-dasharray:6 4
      "
    `);
    expect([...d.ids.values()]).toEqual(['shop.0001_initial', 'auth.0001_initial', 'blog.0006_merge_20260101_1200']);
  });

  it('a dependency that is not in the graph is marked missing', () => {
    const nodes: MigrationNode[] = [{ app: 'a', name: '0002_x', applied: false, dependencies: [{ app: 'a', name: '0001_initial' }], replaces: [], operations: [] }];
    expect(migrationGraphText(nodes).text).toContain('m_a_0001_initial("a.0001_initial (missing)")');
  });

  it('says so when there is nothing to draw', () => {
    expect(migrationGraphText([]).text).toContain('"No migrations yet"');
  });

  it('knows each migration’s role', () => {
    const replaced = replacementMap(historyGraph);
    const role = (name: string) => migrationRole(historyGraph.find((n) => n.name === name)!, replaced);
    expect(role('0002_post_slug')).toBe('replaced');
    expect(role('0001_squashed_0004_alter_post_title')).toBe('squashed');
    expect(role('0006_merge_20260101_1200')).toBe('merge');
    expect(role('0005_post_views')).toBe('normal');
  });
});
