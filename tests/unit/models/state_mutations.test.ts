// ProjectState mutation methods (what operations' stateForwards call) and rendering.

import { describe, expect, it } from 'vitest';
import { ProjectState, ModelState } from '../../../src/engine/db/migrations/state';
import { makeField } from '../../../src/engine/db/models/fields/pyclasses';
import { CASCADE } from '../../../src/engine/db/models/deletion';
import { metaOf } from '../../../src/engine/db/models/fields/index';
import { project } from './helpers';

const MODELS = `from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)


class Post(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, to_field="name", related_name="posts")
    tags = models.ManyToManyField("Tag")


class Tag(models.Model):
    label = models.CharField(max_length=20)
`;

function fresh(): ProjectState {
  const p = project({ blog: MODELS });
  return ProjectState.fromApps(p.apps);
}

describe('ProjectState mutations', () => {
  it('renders models with resolved relations and auto-created through tables', () => {
    const s = fresh();
    const post = s.apps.getModel('blog', 'post');
    const meta = metaOf(post)!;
    const author = meta.getField('author');
    expect(metaOf(author.remoteField!.model as never)!.label).toBe('blog.Author');
    const tags = meta.getField('tags') as unknown as { m2mDbTable(): string; m2mColumnName(): string; m2mReverseName(): string };
    expect(tags.m2mDbTable()).toBe('blog_post_tags');
    expect(tags.m2mColumnName()).toBe('post_id');
    expect(tags.m2mReverseName()).toBe('tag_id');
    expect(author.dbType()).toBe('varchar(100)');
  });

  it('addField re-renders the model', () => {
    const s = fresh();
    void s.apps;
    s.addField('blog', 'post', 'views', makeField('IntegerField', { default: 0n }), true);
    expect(metaOf(s.apps.getModel('blog', 'post'))!.getField('views').column).toBe('views');
    expect([...s.models.get('blog.post')!.fields.keys()]).toEqual(['id', 'title', 'author', 'tags', 'views']);
  });

  it('alterField keeps the field position', () => {
    const s = fresh();
    s.alterField('blog', 'post', 'title', makeField('CharField', { max_length: 300n }), true);
    expect([...s.models.get('blog.post')!.fields.keys()]).toEqual(['id', 'title', 'author', 'tags']);
  });

  it('renameField updates to_field references', () => {
    const s = fresh();
    s.renameField('blog', 'author', 'name', 'full_name');
    const fk = s.models.get('blog.post')!.fields.get('author')!;
    expect(fk.remoteField!.fieldName).toBe('full_name');
    expect([...s.models.get('blog.author')!.fields.keys()]).toEqual(['id', 'full_name']);
  });

  it('renameModel repoints relations', () => {
    const s = fresh();
    void s.apps;
    s.renameModel('blog', 'Author', 'Writer');
    expect(s.models.has('blog.author')).toBe(false);
    expect(s.models.get('blog.post')!.fields.get('author')!.remoteField!.model).toBe('blog.Writer');
    const fk = metaOf(s.apps.getModel('blog', 'post'))!.getField('author');
    expect(metaOf(fk.remoteField!.model as never)!.objectName).toBe('Writer');
  });

  it('removeModel and addModel', () => {
    const s = fresh();
    void s.apps;
    s.removeModel('blog', 'tag');
    expect(s.models.has('blog.tag')).toBe(false);
    s.addModel(new ModelState('blog', 'Comment', [['id', makeField('BigAutoField', { primary_key: true, auto_created: true, verbose_name: 'ID' })], ['post', makeField('ForeignKey', { to: 'blog.post', on_delete: CASCADE })]]));
    const c = metaOf(s.apps.getModel('blog', 'comment'))!;
    expect(c.getField('post').column).toBe('post_id');
    expect(c.getField('post').dbType()).toBe('bigint');
  });

  it('clone is independent', () => {
    const s = fresh();
    const c = s.clone();
    c.removeField('blog', 'post', 'title');
    expect(s.models.get('blog.post')!.fields.has('title')).toBe(true);
  });

  it('relations index', () => {
    const s = fresh();
    const rel = s.relations.get('blog.author')!;
    expect([...rel.keys()]).toEqual(['blog.post']);
    expect([...rel.get('blog.post')!.keys()]).toEqual(['author']);
  });
});
