// ModelState.from_model for a project using abstract, multi-table and proxy inheritance,
// custom managers, Meta options, indexes, constraints, cross-app and swappable references and
// the contrib auth/contenttypes models: fields, options, bases and managers as Django 5.2 gives
// them (fixtures/states-django52.json was recorded with the real Django).

import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PyList, PyTuple, PyDict } from '../../../src/engine/python/values';
import { serialize } from '../../../src/engine/db/migrations/serializer';
import { ProjectState } from '../../../src/engine/db/migrations/state';
import { setupProject } from '../../../src/engine/apps/loader';
import { MemoryFiles, settingsPy } from './helpers';

const expected: Record<string, { fields: [string, string][]; options: string; bases: string; managers: [string, string][] }> = JSON.parse(
  readFileSync(join(__dirname, 'fixtures/states-django52.json'), 'utf8'),
);

const BLOG = "from django.conf import settings\nfrom django.db import models\nfrom django.db.models.functions import Lower\n\n\nclass Status(models.TextChoices):\n    DRAFT = \"DF\", \"Draft\"\n    PUBLISHED = \"PB\"\n\n\nclass Timestamped(models.Model):\n    created = models.DateTimeField(auto_now_add=True)\n    updated = models.DateTimeField(auto_now=True)\n\n    class Meta:\n        abstract = True\n        ordering = [\"-created\"]\n\n\nclass PublishedManager(models.Manager):\n    use_in_migrations = True\n\n\nclass Category(models.Model):\n    name = models.CharField(max_length=50, unique=True)\n\n    class Meta:\n        verbose_name_plural = \"categories\"\n        db_table = \"cats\"\n\n\nclass Post(Timestamped):\n    title = models.CharField(max_length=200)\n    slug = models.SlugField(unique_for_date=\"created\")\n    status = models.CharField(max_length=2, choices=Status.choices, default=Status.DRAFT)\n    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name=\"%(class)s_posts\")\n    category = models.ForeignKey(Category, on_delete=models.SET_NULL, null=True, blank=True, to_field=\"name\")\n    tags = models.ManyToManyField(\"shop.Tag\", through=\"Tagging\", related_name=\"posts\")\n    parent = models.ForeignKey(\"self\", on_delete=models.PROTECT, null=True, db_constraint=False)\n\n    objects = models.Manager()\n    published = PublishedManager()\n\n    class Meta(Timestamped.Meta):\n        unique_together = (\"title\", \"slug\")\n        indexes = [models.Index(fields=[\"title\", \"-created\"]), models.Index(Lower(\"title\"), name=\"post_lower_title\")]\n        constraints = [\n            models.UniqueConstraint(fields=[\"slug\"], name=\"uniq_slug\", condition=models.Q(status=\"PB\")),\n            models.CheckConstraint(condition=models.Q(title__gt=\"\"), name=\"title_not_empty\"),\n        ]\n        get_latest_by = \"created\"\n        permissions = [(\"publish\", \"Can publish\")]\n\n\nclass Tagging(models.Model):\n    post = models.ForeignKey(Post, on_delete=models.CASCADE)\n    tag = models.ForeignKey(\"shop.Tag\", on_delete=models.CASCADE)\n\n\nclass Page(Post):\n    body = models.TextField()\n\n\nclass PostProxy(Post):\n    class Meta:\n        proxy = True\n        ordering = [\"title\"]\n\n\nclass Chapter(models.Model):\n    page = models.ForeignKey(Page, on_delete=models.CASCADE)\n    number = models.PositiveIntegerField()\n\n    class Meta:\n        order_with_respect_to = \"page\"\n        managed = False\n        db_table_comment = \"chapters\"\n";
const SHOP = "from django.db import models\nfrom blog.models import Category\n\n\nclass Tag(models.Model):\n    label = models.CharField(max_length=30)\n    friends = models.ManyToManyField(\"self\", blank=True)\n    follows = models.ManyToManyField(\"self\", symmetrical=False, related_name=\"followers\")\n\n\nclass Product(models.Model):\n    sku = models.UUIDField(primary_key=True)\n    category = models.OneToOneField(Category, on_delete=models.CASCADE, parent_link=False)\n    price = models.DecimalField(max_digits=8, decimal_places=2)\n";

describe('ModelState.fromModel matches Django 5.2', () => {
  const files = new MemoryFiles({
    'settings.py': settingsPy(['django.contrib.auth', 'django.contrib.contenttypes', 'blog', 'shop']),
    'blog/__init__.py': '',
    'blog/models.py': BLOG,
    'shop/__init__.py': '',
    'shop/models.py': SHOP,
  });
  const loaded = setupProject(files);
  const state = ProjectState.fromApps(loaded.apps);

  it('has the same models', () => {
    expect([...state.models.keys()].sort()).toEqual(Object.keys(expected).sort());
  });

  for (const key of Object.keys(expected)) {
    it(key, () => {
      const ms = state.models.get(key)!;
      const exp = expected[key];
      expect([...ms.fields].map(([n, f]) => [n, serialize(f.toPy())[0]])).toEqual(exp.fields);
      const opts = new PyDict([...ms.options]);
      expect(serialize(opts)[0]).toBe(exp.options);
      expect(serialize(new PyTuple(ms.bases))[0]).toBe(exp.bases);
      expect(ms.managers.map(([n, m]) => [n, serialize(m.toPy())[0]])).toEqual(exp.managers);
    });
  }

  it('renders the state back into model classes', () => {
    const apps = state.apps;
    expect(apps.getModel('blog', 'post')).toBeTruthy();
    void PyList;
  });
});
