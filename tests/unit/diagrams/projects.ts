// Hand-built engine outputs for the diagram tests (unit and end-to-end): the shapes
// Project.models(), Project.tables() and Project.migrationGraph() return.
import type { ColumnInfo, MigrationNode, ModelInfo, TableInfo } from '../../../src/engine/project';

type Field = ModelInfo['fields'][number];

const pk = (): Field => ({ name: 'id', type: 'BigAutoField', column: 'id', dbType: 'integer', primaryKey: true, unique: true, null: false });
const char = (name: string, max = 200, extra: Partial<Field> = {}): Field => ({
  name, type: 'CharField', column: name, dbType: `varchar(${max})`, primaryKey: false, unique: false, null: false, ...extra,
});
const text = (name: string): Field => ({ name, type: 'TextField', column: name, dbType: 'text', primaryKey: false, unique: false, null: false });
const fk = (name: string, to: string, extra: Partial<Field> = {}): Field => ({
  name, type: 'ForeignKey', column: `${name}_id`, dbType: 'bigint', primaryKey: false, unique: false, null: false,
  relatedModel: to, relation: 'many-to-one', relatedName: null, ...extra,
});
const o2o = (name: string, to: string, extra: Partial<Field> = {}): Field => ({
  ...fk(name, to), type: 'OneToOneField', unique: true, relation: 'one-to-one', ...extra,
});
const m2m = (name: string, to: string, through?: string): Field => ({
  name, type: 'ManyToManyField', column: null, dbType: null, primaryKey: false, unique: false, null: false,
  relatedModel: to, relation: 'many-to-many', relatedName: null, through,
});
const model = (app: string, name: string, fields: Field[], extra: Partial<ModelInfo> = {}): ModelInfo => ({
  app, name, table: `${app}_${name.toLowerCase()}`, abstract: false, proxy: false, managed: true, fields, ...extra,
});

export const authUser = model('auth', 'User', [pk(), char('username', 150, { unique: true }), char('email', 254)]);

/** blog: Author ← Post (FK, nullable FK), Post ↔ Tag (M2M, auto through). */
export const blogModels: ModelInfo[] = [
  model('blog', 'Author', [pk(), char('name', 100)]),
  model('blog', 'Post', [
    pk(), char('title'), char('slug', 50, { unique: true }), text('body'),
    fk('author', 'blog.Author'), fk('editor', 'blog.Author', { null: true }), m2m('tags', 'blog.Tag', 'blog.Post_tags'),
  ]),
  model('blog', 'Tag', [pk(), char('name', 50, { unique: true })]),
];

/** O2O to another app, explicit M2M through, multi-table inheritance, abstract and proxy models. */
export const clubModels: ModelInfo[] = [
  authUser,
  model('club', 'Profile', [pk(), o2o('user', 'auth.User'), char('bio', 500)]),
  model('club', 'Club', [pk(), char('name'), m2m('members', 'auth.User', 'club.Membership')]),
  model('club', 'Membership', [pk(), fk('club', 'club.Club'), fk('user', 'auth.User'), { name: 'joined', type: 'DateField', column: 'joined', dbType: 'date', primaryKey: false, unique: false, null: false }]),
  model('club', 'Place', [pk(), char('address')]),
  model('club', 'Restaurant', [
    { ...o2o('place_ptr', 'club.Place'), primaryKey: true, unique: true },
    { name: 'serves_pizza', type: 'BooleanField', column: 'serves_pizza', dbType: 'bool', primaryKey: false, unique: false, null: false },
  ]),
  model('club', 'Timestamped', [{ name: 'created', type: 'DateTimeField', column: 'created', dbType: 'datetime', primaryKey: false, unique: false, null: false }], { abstract: true, table: '' }),
  model('club', 'RecentClub', [pk(), char('name'), m2m('members', 'auth.User', 'club.Membership')], { proxy: true, table: 'club_club' }),
];

/** Two apps of the student's and auth, related across apps. */
export const shopModels: ModelInfo[] = [
  authUser,
  model('shop', 'Product', [pk(), char('name'), { name: 'price', type: 'DecimalField', column: 'price', dbType: 'decimal', primaryKey: false, unique: false, null: false }]),
  model('shop', 'Order', [pk(), fk('customer', 'auth.User'), fk('product', 'shop.Product'), m2m('coupons', 'shop.Coupon')]),
  model('shop', 'Coupon', [pk(), char('code', 20, { unique: true })]),
  ...blogModels,
  model('reviews', 'Review', [pk(), fk('product', 'shop.Product'), fk('post', 'blog.Post', { null: true }), { name: 'stars', type: 'PositiveSmallIntegerField', column: 'stars', dbType: 'smallint unsigned', primaryKey: false, unique: false, null: false }]),
];

const col = (name: string, type: string, extra: Partial<ColumnInfo> = {}): ColumnInfo => ({
  name, type, notNull: true, primaryKey: false, unique: false, default: null, ...extra,
});
const idCol = () => col('id', 'integer', { primaryKey: true });

/** The blog as migrated (0001 only: Post has no slug yet, and title is shorter). */
export const blogTablesBefore: TableInfo[] = [
  { name: 'django_migrations', columns: [idCol(), col('app', 'varchar(255)'), col('name', 'varchar(255)'), col('applied', 'datetime')], indexes: [], rowCount: 18 },
  { name: 'blog_author', columns: [idCol(), col('name', 'varchar(100)')], indexes: [], rowCount: 2 },
  {
    name: 'blog_post',
    columns: [idCol(), col('title', 'varchar(100)'), col('body', 'text'), col('summary', 'text', { notNull: false }), col('author_id', 'bigint', { references: { table: 'blog_author', column: 'id' } })],
    indexes: [{ name: 'blog_post_author_id_3f0e6f1c', columns: ['author_id'], unique: false }],
    rowCount: 3,
  },
];

/** The blog as migrated to the end. */
export const blogTablesAfter: TableInfo[] = [
  blogTablesBefore[0]!,
  blogTablesBefore[1]!,
  {
    name: 'blog_post',
    columns: [
      idCol(), col('title', 'varchar(200)'), col('slug', 'varchar(50)', { unique: true }), col('body', 'text'),
      col('author_id', 'bigint', { references: { table: 'blog_author', column: 'id' } }),
      col('editor_id', 'bigint', { notNull: false, references: { table: 'blog_author', column: 'id' } }),
    ],
    indexes: [
      { name: 'blog_post_author_id_3f0e6f1c', columns: ['author_id'], unique: false },
      { name: 'blog_post_editor_id_8ad9ac19', columns: ['editor_id'], unique: false },
    ],
    rowCount: 3,
  },
  { name: 'blog_tag', columns: [idCol(), col('name', 'varchar(50)', { unique: true })], indexes: [], rowCount: 0 },
  {
    name: 'blog_post_tags',
    columns: [idCol(), col('post_id', 'bigint', { references: { table: 'blog_post', column: 'id' } }), col('tag_id', 'bigint', { references: { table: 'blog_tag', column: 'id' } })],
    indexes: [{ name: 'blog_post_tags_post_id_tag_id_4925ec37_uniq', columns: ['post_id', 'tag_id'], unique: true }],
    rowCount: 0,
  },
];

/** The club project as migrated: O2O, inheritance's parent link, explicit through. */
export const clubTables: TableInfo[] = [
  { name: 'auth_user', columns: [idCol(), col('username', 'varchar(150)', { unique: true }), col('email', 'varchar(254)')], indexes: [], rowCount: 1 },
  { name: 'club_profile', columns: [idCol(), col('user_id', 'bigint', { unique: true, references: { table: 'auth_user', column: 'id' } }), col('bio', 'varchar(500)')], indexes: [], rowCount: 0 },
  { name: 'club_club', columns: [idCol(), col('name', 'varchar(200)')], indexes: [], rowCount: 0 },
  {
    name: 'club_membership',
    columns: [idCol(), col('club_id', 'bigint', { references: { table: 'club_club', column: 'id' } }), col('user_id', 'bigint', { references: { table: 'auth_user', column: 'id' } }), col('joined', 'date')],
    indexes: [],
    rowCount: 0,
  },
  { name: 'club_place', columns: [idCol(), col('address', 'varchar(200)')], indexes: [], rowCount: 0 },
  { name: 'club_restaurant', columns: [col('place_ptr_id', 'bigint', { primaryKey: true, references: { table: 'club_place', column: 'id' } }), col('serves_pizza', 'bool')], indexes: [], rowCount: 0 },
];

const dep = (app: string, name: string) => ({ app, name });

/** auth's history (short), blog with a squash and a merge, shop depending on both. */
export const historyGraph: MigrationNode[] = [
  { app: 'contenttypes', name: '0001_initial', applied: true, dependencies: [], replaces: [], operations: ['Create model ContentType'] },
  { app: 'auth', name: '0001_initial', applied: true, dependencies: [dep('contenttypes', '0001_initial')], replaces: [], operations: ['Create model Permission', 'Create model Group', 'Create model User'] },
  { app: 'auth', name: '0002_alter_permission_name_max_length', applied: true, dependencies: [dep('auth', '0001_initial')], replaces: [], operations: ['Alter field name on permission'] },
  { app: 'blog', name: '0001_initial', applied: true, dependencies: [], replaces: [], operations: ['Create model Post'] },
  { app: 'blog', name: '0002_post_slug', applied: true, dependencies: [dep('blog', '0001_initial')], replaces: [], operations: ['Add field slug to post'] },
  { app: 'blog', name: '0003_post_author', applied: true, dependencies: [dep('blog', '0002_post_slug'), dep('auth', '0002_alter_permission_name_max_length')], replaces: [], operations: ['Add field author to post'] },
  { app: 'blog', name: '0004_alter_post_title', applied: true, dependencies: [dep('blog', '0003_post_author')], replaces: [], operations: ['Alter field title on post'] },
  {
    app: 'blog', name: '0001_squashed_0004_alter_post_title', applied: true,
    dependencies: [dep('auth', '0002_alter_permission_name_max_length')],
    replaces: [dep('blog', '0001_initial'), dep('blog', '0002_post_slug'), dep('blog', '0003_post_author'), dep('blog', '0004_alter_post_title')],
    operations: ['Create model Post'],
  },
  { app: 'blog', name: '0005_post_tags', applied: true, dependencies: [dep('blog', '0001_squashed_0004_alter_post_title')], replaces: [], operations: ['Create model Tag', 'Add field tags to post'] },
  { app: 'blog', name: '0005_post_views', applied: false, dependencies: [dep('blog', '0001_squashed_0004_alter_post_title')], replaces: [], operations: ['Add field views to post'] },
  { app: 'blog', name: '0006_merge_20260101_1200', applied: false, dependencies: [dep('blog', '0005_post_tags'), dep('blog', '0005_post_views')], replaces: [], operations: [] },
  { app: 'shop', name: '0001_initial', applied: false, dependencies: [dep('auth', '0001_initial'), dep('blog', '0006_merge_20260101_1200')], replaces: [], operations: ['Create model Product', 'Create model Order'] },
];

/** Names a hostile student (or share link) could write. */
export const HOSTILE = [
  'x" } %%{init: {"securityLevel": "loose"}}%% click e_blog_Post call alert(1) "',
  '<script>window.__pwned = 1</script>',
  '<img src=x onerror="window.__pwned=2">',
  '`**bold**` ```js\nalert(3)```',
  'line1\nline2\r\nend\n  subgraph x\nclick m_blog_0001_initial href "javascript:alert(4)"',
  '&lt;script&gt;alert(5)&lt;/script&gt; #quot; #35; &#x3C;',
  "style e_x fill:red; classDef a color:red; }|o--o{ x : y",
];

/** Models, tables and migrations named with hostile text. */
export function hostileProject(): { models: ModelInfo[]; tables: TableInfo[]; graph: MigrationNode[] } {
  const models = HOSTILE.map((h, i) =>
    model(`app${i}`, `M${i}`, [pk(), char(`f${i}`, 10, { column: h, dbType: h }), fk(`ref${i}`, `app${(i + 1) % HOSTILE.length}.M${(i + 1) % HOSTILE.length}`, { relatedName: h })], { table: h }),
  );
  models.push(model(HOSTILE[0]!, HOSTILE[1]!, [pk(), { ...char(HOSTILE[2]!), column: HOSTILE[3]! }, fk(HOSTILE[4]!, `app0.M0`)], { table: HOSTILE[5]! }));
  const tables: TableInfo[] = HOSTILE.map((h, i) => ({
    name: h,
    columns: [idCol(), col(HOSTILE[(i + 1) % HOSTILE.length]!, HOSTILE[(i + 2) % HOSTILE.length]!, { default: h, references: { table: HOSTILE[(i + 3) % HOSTILE.length]!, column: h } })],
    indexes: [{ name: h, columns: [h], unique: true }],
    rowCount: 0,
  }));
  const graph: MigrationNode[] = HOSTILE.map((h, i) => ({
    app: i % 2 ? HOSTILE[0]! : 'blog',
    name: h,
    applied: i % 3 === 0,
    dependencies: i > 0 ? [dep(i % 2 ? 'blog' : HOSTILE[0]!, HOSTILE[i - 1]!), dep(h, h)] : [],
    replaces: i === 4 ? [dep('blog', HOSTILE[0]!), dep('blog', HOSTILE[2]!)] : [],
    operations: [h],
  }));
  return { models, tables, graph };
}

/** A big project: `n` models over a few apps, each with a few FKs (for zoom, pan and timing). */
export function bigProject(n: number): ModelInfo[] {
  const apps = ['catalog', 'orders', 'people', 'billing', 'shipping'];
  const out: ModelInfo[] = [];
  for (let i = 0; i < n; i++) {
    const app = apps[i % apps.length]!;
    const fields: Field[] = [pk(), char('name'), char('code', 20, { unique: true })];
    if (i > 0) fields.push(fk('parent', `${apps[(i - 1) % apps.length]}.Thing${i - 1}`));
    if (i > 7) fields.push(fk('origin', `${apps[Math.floor(i / 3) % apps.length]}.Thing${Math.floor(i / 3)}`, { null: true }));
    out.push(model(app, `Thing${i}`, fields));
  }
  return out;
}
