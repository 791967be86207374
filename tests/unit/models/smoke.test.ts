import { describe, expect, it } from 'vitest';
import { project, decon, metaOf } from './helpers';

describe('smoke', () => {
  it('loads a simple project', () => {
    const p = project({
      blog: `from django.db import models


class Author(models.Model):
    name = models.CharField(max_length=100)


class Post(models.Model):
    title = models.CharField(max_length=200)
    author = models.ForeignKey(Author, on_delete=models.CASCADE, related_name="posts")
    tags = models.ManyToManyField("Tag", blank=True)


class Tag(models.Model):
    name = models.SlugField(unique=True)
`,
    });
    const post = p.apps.getModel('blog', 'post');
    const meta = metaOf(post)!;
    const out = [...meta.localFields, ...meta.localManyToMany].map((f) => `${f.name}: ${decon(f.deconstruct())} ${f.dbType()}`);
    console.log(out.join('\n'));
    expect(out.length).toBe(4);
  });
});
