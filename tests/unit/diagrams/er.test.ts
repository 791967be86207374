import { describe, expect, it } from 'vitest';
import { erDiagramText, schemaFromModels, schemaFromTables, tableApps } from '../../../src/diagrams';
import { blogModels, blogTablesAfter, clubModels, clubTables, shopModels } from './projects';

describe('ER diagram of the models as written', () => {
  it('blog: foreign keys (one nullable) and a many-to-many with Django’s own join table', () => {
    expect(erDiagramText(schemaFromModels(blogModels)).text).toMatchInlineSnapshot(`
      "erDiagram
        e_blog_Author["Author"] {
          BigAutoField id PK "integer"
          CharField name "varchar(100)"
        }
        e_blog_Post["Post"] {
          BigAutoField id PK "integer"
          CharField title "varchar(200)"
          CharField slug UK "varchar(50)"
          TextField body "text"
          ForeignKey author FK "bigint, → Author"
          ForeignKey editor FK "bigint null, → Author"
          ManyToManyField tags "→ Tag"
        }
        e_blog_Tag["Tag"] {
          BigAutoField id PK "integer"
          CharField name UK "varchar(50)"
        }
        e_blog_Post }o--|| e_blog_Author : "author"
        e_blog_Post }o--o| e_blog_Author : "editor"
        e_blog_Post }o--o{ e_blog_Tag : "tags"
        classDef app0 fill:#dbeafe,stroke:#2563eb,color:#0f172a
        class e_blog_Author,e_blog_Post,e_blog_Tag app0
      "
    `);
  });

  it('club: one-to-one across apps, explicit through, inheritance, abstract left out, proxy marked', () => {
    expect(erDiagramText(schemaFromModels(clubModels)).text).toMatchInlineSnapshot(`
      "erDiagram
        e_auth_User["auth.User"] {
          BigAutoField id PK "integer"
          CharField username UK "varchar(150)"
          CharField email "varchar(254)"
        }
        e_club_Profile["club.Profile"] {
          BigAutoField id PK "integer"
          OneToOneField user FK, UK "bigint, → auth.User"
          CharField bio "varchar(500)"
        }
        e_club_Club["club.Club"] {
          BigAutoField id PK "integer"
          CharField name "varchar(200)"
          ManyToManyField members "→ auth.User, through Membership"
        }
        e_club_Membership["club.Membership"] {
          BigAutoField id PK "integer"
          ForeignKey club FK "bigint, → Club"
          ForeignKey user FK "bigint, → auth.User"
          DateField joined "date"
        }
        e_club_Place["club.Place"] {
          BigAutoField id PK "integer"
          CharField address "varchar(200)"
        }
        e_club_Restaurant["club.Restaurant"] {
          OneToOneField place_ptr PK, FK "bigint, → Place"
          BooleanField serves_pizza "bool"
        }
        e_club_RecentClub["club.RecentClub (proxy)"] {
          BigAutoField id PK "integer"
          CharField name "varchar(200)"
          ManyToManyField members "→ auth.User, through Membership"
        }
        e_club_Profile |o--|| e_auth_User : "user"
        e_club_Club }o..o{ e_auth_User : "members (through Membership)"
        e_club_Membership }o--|| e_club_Club : "club"
        e_club_Membership }o--|| e_auth_User : "user"
        e_club_Restaurant |o--|| e_club_Place : "inherits (place_ptr)"
        e_club_RecentClub }o..o{ e_auth_User : "members (through Membership)"
        classDef app0 fill:#dbeafe,stroke:#2563eb,color:#0f172a
        class e_auth_User app0
        classDef app1 fill:#dcfce7,stroke:#16a34a,color:#0f172a
        class e_club_Profile,e_club_Club,e_club_Membership,e_club_Place,e_club_Restaurant,e_club_RecentClub app1
      "
    `);
  });

  it('shop: several apps; a filter keeps related entities of other apps as stubs', () => {
    const d = erDiagramText(schemaFromModels(shopModels), { apps: ['reviews'], columns: 'keys', theme: 'dark' });
    expect(d.text).toMatchInlineSnapshot(`
      "erDiagram
        e_reviews_Review["reviews.Review"] {
          BigAutoField id PK "integer"
          ForeignKey product FK "bigint, → shop.Product"
          ForeignKey post FK "bigint null, → blog.Post"
        }
        e_shop_Product["shop.Product"]
        e_blog_Post["blog.Post"]
        e_reviews_Review }o--|| e_shop_Product : "product"
        e_reviews_Review }o--o| e_blog_Post : "post"
        classDef app3 fill:#581c87,stroke:#c084fc,color:#f1f5f9
        class e_reviews_Review app3
        classDef stub fill:#1e293b,stroke:#64748b,color:#cbd5e1,stroke-dasharray:4 3
        class e_shop_Product,e_blog_Post stub
      "
    `);
    expect(d.size).toBe(3);
  });

  it('focus: one model and its direct neighbours, across apps', () => {
    const d = erDiagramText(schemaFromModels(shopModels), { focus: 'blog.Post', columns: 'none' });
    expect(d.text).toMatchInlineSnapshot(`
      "erDiagram
        e_blog_Author["blog.Author"]
        e_blog_Post["blog.Post"]
        e_blog_Tag["blog.Tag"]
        e_reviews_Review["reviews.Review"]
        e_blog_Post }o--|| e_blog_Author : "author"
        e_blog_Post }o--o| e_blog_Author : "editor"
        e_blog_Post }o--o{ e_blog_Tag : "tags"
        e_reviews_Review }o--o| e_blog_Post : "post"
        classDef app2 fill:#fef3c7,stroke:#d97706,color:#0f172a
        class e_blog_Author,e_blog_Post,e_blog_Tag app2
        classDef app3 fill:#f3e8ff,stroke:#9333ea,color:#0f172a
        class e_reviews_Review app3
      "
    `);
    // An unknown focus draws everything.
    expect(erDiagramText(schemaFromModels(blogModels), { focus: 'blog.Nope' }).size).toBe(3);
  });

  it('names only', () => {
    expect(erDiagramText(schemaFromModels(blogModels), { columns: 'none', direction: 'LR' }).text).toMatchInlineSnapshot(`
      "erDiagram
        direction LR
        e_blog_Author["Author"]
        e_blog_Post["Post"]
        e_blog_Tag["Tag"]
        e_blog_Post }o--|| e_blog_Author : "author"
        e_blog_Post }o--o| e_blog_Author : "editor"
        e_blog_Post }o--o{ e_blog_Tag : "tags"
        classDef app0 fill:#dbeafe,stroke:#2563eb,color:#0f172a
        class e_blog_Author,e_blog_Post,e_blog_Tag app0
      "
    `);
  });

  it('maps mermaid ids back to models', () => {
    const d = erDiagramText(schemaFromModels(blogModels));
    expect([...d.ids]).toEqual([
      ['e_blog_Author', 'blog.Author'],
      ['e_blog_Post', 'blog.Post'],
      ['e_blog_Tag', 'blog.Tag'],
    ]);
  });
});

describe('ER diagram of the database as migrated', () => {
  it('blog: the join table carries the many-to-many; django_migrations is a table too', () => {
    const apps = tableApps(blogModels);
    expect(erDiagramText(schemaFromTables(blogTablesAfter, (t) => apps.get(t))).text).toMatchInlineSnapshot(`
      "erDiagram
        e_django_migrations["django_migrations"] {
          integer id PK
          varchar(255) app
          varchar(255) name
          datetime applied
        }
        e_blog_author["blog_author"] {
          integer id PK
          varchar(100) name
        }
        e_blog_post["blog_post"] {
          integer id PK
          varchar(200) title
          varchar(50) slug UK
          text body
          bigint author_id FK "to blog_author.id"
          bigint editor_id FK "null, to blog_author.id"
        }
        e_blog_tag["blog_tag"] {
          integer id PK
          varchar(50) name UK
        }
        e_blog_post_tags["blog_post_tags"] {
          integer id PK
          bigint post_id FK "to blog_post.id"
          bigint tag_id FK "to blog_tag.id"
        }
        e_blog_post }o--|| e_blog_author : "author_id"
        e_blog_post }o--o| e_blog_author : "editor_id"
        e_blog_post_tags }o--|| e_blog_post : "post_id"
        e_blog_post_tags }o--|| e_blog_tag : "tag_id"
        classDef app0 fill:#dbeafe,stroke:#2563eb,color:#0f172a
        class e_django_migrations app0
        classDef app1 fill:#dcfce7,stroke:#16a34a,color:#0f172a
        class e_blog_author,e_blog_post,e_blog_tag,e_blog_post_tags app1
      "
    `);
  });

  it('club: a unique foreign key is one-to-one; a primary-key foreign key is the parent link', () => {
    const apps = tableApps(clubModels);
    expect(erDiagramText(schemaFromTables(clubTables, (t) => apps.get(t))).text).toMatchInlineSnapshot(`
      "erDiagram
        e_auth_user["auth_user"] {
          integer id PK
          varchar(150) username UK
          varchar(254) email
        }
        e_club_profile["club_profile"] {
          integer id PK
          bigint user_id FK, UK "to auth_user.id"
          varchar(500) bio
        }
        e_club_club["club_club"] {
          integer id PK
          varchar(200) name
        }
        e_club_membership["club_membership"] {
          integer id PK
          bigint club_id FK "to club_club.id"
          bigint user_id FK "to auth_user.id"
          date joined
        }
        e_club_place["club_place"] {
          integer id PK
          varchar(200) address
        }
        e_club_restaurant["club_restaurant"] {
          bigint place_ptr_id PK, FK "to club_place.id"
          bool serves_pizza
        }
        e_club_profile |o--|| e_auth_user : "user_id"
        e_club_membership }o--|| e_club_club : "club_id"
        e_club_membership }o--|| e_auth_user : "user_id"
        e_club_restaurant |o--|| e_club_place : "inherits (place_ptr_id)"
        classDef app0 fill:#dbeafe,stroke:#2563eb,color:#0f172a
        class e_auth_user app0
        classDef app1 fill:#dcfce7,stroke:#16a34a,color:#0f172a
        class e_club_profile,e_club_club,e_club_membership,e_club_place,e_club_restaurant app1
      "
    `);
  });

  it('can show row counts', () => {
    const text = erDiagramText(schemaFromTables(blogTablesAfter), { rows: true, columns: 'none' }).text;
    expect(text).toContain('e_blog_post["blog_post · 3 rows"]');
    expect(text).toContain('e_django_migrations["django_migrations · 18 rows"]');
    expect(text).toContain('e_blog_tag["blog_tag · 0 rows"]');
  });

  it('groups tables by app from the models, else by their prefix', () => {
    const apps = tableApps(shopModels);
    expect(apps.get('blog_post_tags')).toBe('blog');
    expect(apps.get('shop_order_coupons')).toBe('shop');
    const s = schemaFromTables(blogTablesAfter);
    expect(s.entities.map((e) => e.app)).toEqual(['django', 'blog', 'blog', 'blog', 'blog']);
  });
});
