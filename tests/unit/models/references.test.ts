// Lazy model references and inheritance: 'self', 'Model', 'app.Model', settings.AUTH_USER_MODEL,
// models defined later, cross-app imports; abstract, multi-table and proxy inheritance.

import { describe, expect, it } from 'vitest';
import { PyException } from '../../../src/engine/python/values';
import { metaOf } from '../../../src/engine/db/models/fields/index';
import { project } from './helpers';

describe('references', () => {
  it('resolves self, later, app-qualified and cross-app references', () => {
    const p = project(
      {
        shop: `from django.db import models\n\nclass Product(models.Model):\n    name = models.CharField(max_length=5)\n`,
        blog: `from django.conf import settings
from django.db import models
from shop.models import Product


class Post(models.Model):
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True)
    next = models.ForeignKey("Later", on_delete=models.CASCADE)
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
    other = models.ForeignKey("shop.Product", on_delete=models.CASCADE, related_name="+")
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)


class Later(models.Model):
    pass
`,
      },
      { apps: ['django.contrib.auth', 'django.contrib.contenttypes', 'shop', 'blog'] },
    );
    const meta = metaOf(p.apps.getModel('blog', 'Post'))!;
    const target = (n: string) => metaOf(meta.getField(n).remoteField!.model as never)!.label;
    expect(target('parent')).toBe('blog.Post');
    expect(target('next')).toBe('blog.Later');
    expect(target('product')).toBe('shop.Product');
    expect(target('other')).toBe('shop.Product');
    expect(target('owner')).toBe('auth.User');
    expect(p.apps.pendingOperations.size).toBe(0);
  });

  it('leaves unresolved references pending (fields.E307)', () => {
    const p = project({ blog: `from django.db import models\n\nclass Post(models.Model):\n    a = models.ForeignKey("Nope", on_delete=models.CASCADE)\n` });
    expect([...p.apps.pendingOperations.keys()]).toEqual(['blog.nope']);
  });

  it('reports a model outside INSTALLED_APPS like Django', () => {
    expect(() =>
      project(
        {
          blog: `from django.db import models\nfrom shop.models import Product\n`,
          shop: `from django.db import models\n\nclass Product(models.Model):\n    pass\n`,
        },
        { apps: ['blog'] },
      ),
    ).toThrowError(/Model class shop.models.Product doesn't declare an explicit app_label and isn't in an application in INSTALLED_APPS./);
  });
});

describe('inheritance', () => {
  const p = project({
    blog: `from django.db import models


class Base(models.Model):
    created = models.DateTimeField(auto_now_add=True)

    class Meta:
        abstract = True
        ordering = ["-created"]


class Place(Base):
    name = models.CharField(max_length=50)


class Restaurant(Place):
    stars = models.IntegerField()


class Cafe(Place):
    place = models.OneToOneField(Place, on_delete=models.CASCADE, parent_link=True, related_name="cafe_of")


class PlaceProxy(Place):
    class Meta:
        proxy = True
`,
  });
  it('copies abstract fields and Meta', () => {
    const m = metaOf(p.apps.getModel('blog', 'place'))!;
    expect(m.localFields.map((f) => f.name)).toEqual(['id', 'created', 'name']);
    expect(m.ordering).toEqual(['-created']);
    expect(m.originalAttrs.get('abstract')).toBe(false);
  });
  it('adds a parent link for multi-table inheritance', () => {
    const m = metaOf(p.apps.getModel('blog', 'restaurant'))!;
    expect(m.localFields.map((f) => f.name)).toEqual(['place_ptr', 'stars']);
    expect(m.pk!.name).toBe('place_ptr');
    expect(m.fields.map((f) => f.name)).toEqual(['id', 'created', 'name', 'place_ptr', 'stars']);
    expect(m.ordering).toEqual(['-created']);
    const c = metaOf(p.apps.getModel('blog', 'cafe'))!;
    expect(c.pk!.name).toBe('place');
  });
  it('proxies share the table', () => {
    const m = metaOf(p.apps.getModel('blog', 'placeproxy'))!;
    expect(m.dbTable).toBe('blog_place');
    expect(m.proxy).toBe(true);
    expect(m.localFields.length).toBe(0);
  });
  it('Meta index_together is rejected as in Django 5.1+', () => {
    try {
      project({ blog: `from django.db import models\n\nclass A(models.Model):\n    x = models.IntegerField()\n\n    class Meta:\n        index_together = [("x",)]\n` });
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(PyException);
      expect((e as PyException).pyMessage).toBe("'class Meta' got invalid attribute(s): index_together");
    }
  });
});
