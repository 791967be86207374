import { describe, expect, it } from 'vitest';
import {
  AddConstraint,
  AddField,
  AddIndex,
  AlterConstraint,
  AlterField,
  AlterModelManagers,
  AlterModelOptions,
  AlterModelTable,
  AlterModelTableComment,
  AlterOrderWithRespectTo,
  AlterUniqueTogether,
  CreateModel,
  DeleteModel,
  RemoveConstraint,
  RemoveField,
  RemoveIndex,
  RenameField,
  RenameIndex,
  RenameModel,
  RunPython,
  RunSQL,
  SeparateDatabaseAndState,
  type FieldLike,
  type NamedObjectLike,
  type Operation,
} from '../../../src/engine/db/migrations/operations';
import { MigrationOptimizer } from '../../../src/engine/db/migrations/optimizer';
import { Migration } from '../../../src/engine/db/migrations/migration';
import { PyFunction, PyTuple, PyException } from '../../../src/engine/python/values';
import { serialize } from '../../../src/engine/db/migrations/serializer';

function field(path = 'django.db.models.IntegerField', kw: [string, unknown][] = [], remote?: { model: unknown }): FieldLike {
  const f: FieldLike = { deconstruct: () => [null, path, [], new Map(kw)], clone: () => f, remoteField: remote ?? null };
  return f;
}
const fk = (to: string) => field('django.db.models.ForeignKey', [['to', to]], { model: to });
const index = (name: string, fields: string[]): NamedObjectLike => ({
  name,
  fields,
  expressions: [],
  deconstruct: () => ['django.db.models.Index', [], new Map<string, unknown>([['fields', fields], ['name', name]])],
});
const constraint = (name: string): NamedObjectLike => ({ name, deconstruct: () => ['django.db.models.UniqueConstraint', [], new Map([['name', name]])] });

describe('describe(), formatted description and name fragments (Django 5.2 wording)', () => {
  const cases: [Operation, string, string | null][] = [
    [new CreateModel('Post', []), '+ Create model Post', 'post'],
    [new CreateModel('PostProxy', [], { proxy: true }), '+ Create proxy model PostProxy', 'postproxy'],
    [new DeleteModel('Post'), '- Delete model Post', 'delete_post'],
    [new RenameModel('Post', 'Article'), '~ Rename model Post to Article', 'rename_post_article'],
    [new AlterModelTable('post', 'posts'), '~ Rename table for post to posts', 'alter_post_table'],
    [new AlterModelTable('post', null), '~ Rename table for post to (default)', 'alter_post_table'],
    [new AlterModelTableComment('post', 'x'), '~ Alter post table comment', 'alter_post_table_comment'],
    [new AlterUniqueTogether('post', [['a', 'b']]), '~ Alter unique_together for post (1 constraint(s))', 'alter_post_unique_together'],
    [new AlterUniqueTogether('post', null), '~ Alter unique_together for post (0 constraint(s))', 'alter_post_unique_together'],
    [new AlterOrderWithRespectTo('comment', 'post'), '~ Set order_with_respect_to on comment to post', 'alter_comment_order_with_respect_to'],
    [new AlterModelOptions('post', {}), '~ Change Meta options on post', 'alter_post_options'],
    [new AlterModelManagers('post', []), '~ Change managers on post', 'alter_post_managers'],
    [new AddField('post', 'views', field()), '+ Add field views to post', 'post_views'],
    [new RemoveField('post', 'views'), '- Remove field views from post', 'remove_post_views'],
    [new AlterField('post', 'views', field()), '~ Alter field views on post', 'alter_post_views'],
    [new RenameField('post', 'title', 'headline'), '~ Rename field title on post to headline', 'rename_title_post_headline'],
    [new AddIndex('post', index('post_title_idx', ['title'])), '+ Create index post_title_idx on field(s) title of model post', 'post_post_title_idx'],
    [new RemoveIndex('post', 'post_title_idx'), '- Remove index post_title_idx from post', 'remove_post_post_title_idx'],
    [new RenameIndex('post', 'new_idx', 'old_idx'), '~ Rename index old_idx on post to new_idx', 'rename_old_idx_new_idx'],
    [new AddConstraint('post', constraint('uniq')), '+ Create constraint uniq on model post', 'post_uniq'],
    [new RemoveConstraint('post', 'uniq'), '- Remove constraint uniq from model post', 'remove_post_uniq'],
    [new AlterConstraint('post', 'uniq', constraint('uniq')), '~ Alter constraint uniq on post', 'alter_post_uniq'],
    [new RunSQL('SELECT 1'), 's Raw SQL operation', null],
    [new RunPython(new PyFunction('f', 'f', 'm', [], () => null)), 'p Raw Python operation', null],
    [new SeparateDatabaseAndState(), '? Custom state/database change combination', null],
  ];
  for (const [op, desc, frag] of cases) {
    it(desc, () => {
      expect(op.formattedDescription()).toBe(desc);
      expect(op.migrationNameFragment).toBe(frag);
    });
  }
});

describe('deconstruct', () => {
  it('AddField leaves out preserve_default=True', () => {
    expect([...new AddField('post', 'x', field()).deconstruct()[2].keys()]).toEqual(['model_name', 'name', 'field']);
    expect([...new AddField('post', 'x', field(), false).deconstruct()[2].keys()]).toEqual(['model_name', 'name', 'field', 'preserve_default']);
  });
  it('CreateModel leaves out empty options and default bases', () => {
    expect([...new CreateModel('Post', []).deconstruct()[2].keys()]).toEqual(['name', 'fields']);
    expect([...new CreateModel('Post', [], { ordering: ['-id'] }).deconstruct()[2].keys()]).toEqual(['name', 'fields', 'options']);
  });
  it('AlterUniqueTogether normalizes a single tuple into a set of tuples', () => {
    const op = new AlterUniqueTogether('post', new PyTuple(['a', 'b']));
    expect(serialize(op.deconstruct()[2].get('unique_together'))[0]).toBe("{('a', 'b')}");
  });
  it('CreateModel refuses duplicate fields', () => {
    expect(() => new CreateModel('Post', [['a', field()], ['a', field()]])).toThrow(PyException);
  });
});

describe('optimizer', () => {
  const opt = (ops: Operation[]) => new MigrationOptimizer().optimize(ops, 'blog');
  it('CreateModel + AddField -> CreateModel with the field', () => {
    const out = opt([new CreateModel('Post', [['id', field()]]), new AddField('post', 'title', field())]);
    expect(out).toHaveLength(1);
    expect((out[0] as CreateModel).fields.map(([n]) => n)).toEqual(['id', 'title']);
  });
  it('CreateModel + DeleteModel -> nothing', () => {
    expect(opt([new CreateModel('Post', []), new DeleteModel('Post')])).toEqual([]);
  });
  it('AddField + RemoveField -> nothing; AddField + AlterField -> AddField', () => {
    expect(opt([new AddField('post', 'x', field()), new RemoveField('post', 'x')])).toEqual([]);
    const f2 = field('django.db.models.BigIntegerField');
    const out = opt([new AddField('post', 'x', field()), new AlterField('post', 'x', f2)]);
    expect(out).toHaveLength(1);
    expect((out[0] as AddField).field).toBe(f2);
  });
  it('RenameModel twice collapses', () => {
    const out = opt([new RenameModel('A', 'B'), new RenameModel('B', 'C')]);
    expect(out.map((o) => o.describe())).toEqual(['Rename model A to C']);
  });
  it('does not optimize across an operation that references the model', () => {
    const ops = [new CreateModel('Post', []), new CreateModel('Comment', [['post', fk('blog.post')]]), new DeleteModel('Post')];
    expect(opt(ops)).toHaveLength(3);
  });
  it('CreateModel + AlterModelOptions merges options', () => {
    const out = opt([new CreateModel('Post', [], { ordering: ['x'] }), new AlterModelOptions('post', { verbose_name: 'p' })]);
    expect((out[0] as CreateModel).options).toEqual({ verbose_name: 'p' });
  });
  it('AddIndex + RemoveIndex -> nothing', () => {
    expect(opt([new AddIndex('post', index('i', ['a'])), new RemoveIndex('post', 'i')])).toEqual([]);
  });
});

describe('Migration.suggestName', () => {
  it('joins fragments and falls back to auto_ or _and_more', () => {
    const m = new Migration('x', 'blog');
    m.operations = [new AddField('post', 'views', field())];
    expect(m.suggestName()).toBe('post_views');
    m.operations = [new RemoveField('post', 'x'), new AddField('post', 'y', field())];
    expect(m.suggestName()).toBe('remove_post_x_post_y');
    m.operations = Array.from({ length: 6 }, (_, i) => new AddField('post', `field_number_${i}`, field()));
    expect(m.suggestName()).toBe('post_field_number_0_post_field_number_1_and_more');
    m.operations = [new RunSQL('x')];
    expect(m.suggestName(new Date(2024, 0, 2, 3, 4))).toBe('auto_20240102_0304');
    m.initial = true;
    expect(m.suggestName()).toBe('initial');
  });
});
