// The field checks core/checks adds on its own: fields.W161 against a fixed clock, and the
// text and allowed_default Django 5.2 gives db_default expressions (fields.E012).

import { describe, expect, it } from 'vitest';
import { project } from '../models/helpers';
import { metaOf } from '../../../src/engine/db/models/fields/index';
import { checkDbDefault, checkFixedDefault } from '../../../src/engine/core/checks/field_checks';
import type { PyValue } from '../../../src/engine/python/values';

/** 2026-11-25 10:00:00 UTC */
const NOW = Date.UTC(2026, 10, 25, 10, 0, 0);
const settings = (useTz: boolean) => ({ get: (n: string): PyValue | undefined => (n === 'USE_TZ' ? useTz : undefined), isOverridden: () => false });

function fields(body: string) {
  const loaded = project({ blog: `import datetime\nfrom django.db import models\nfrom django.db.models import F, Q, Value, Case, When, ExpressionWrapper\nfrom django.db.models.functions import *\n\n\nclass Post(models.Model):\n${body}\n` });
  const meta = metaOf(loaded.apps.getModel('blog', 'Post'))!;
  return (name: string) => meta.getField(name);
}

describe('fields.W161 (fixed date/time default)', () => {
  const utc = (parts: string) => `datetime.datetime(${parts}, tzinfo=datetime.timezone.utc)`;
  const f = fields(
    [
      `    a = models.DateTimeField(default=${utc('2026, 11, 25, 10, 0, 5')})`,
      `    b = models.DateTimeField(default=${utc('2026, 11, 25, 10, 0, 11')})`,
      `    c = models.DateTimeField(default=datetime.datetime(2026, 11, 25, 9, 59, 55))`,
      `    d = models.DateField(default=datetime.date(2026, 11, 25))`,
      `    e = models.DateField(default=datetime.date(2026, 11, 24))`,
      `    f = models.DateField(default=${utc('2026, 11, 25, 23, 0')})`,
      `    g = models.TimeField(default=datetime.time(10, 0, 3))`,
      `    h = models.TimeField(default=datetime.time(11, 0, 3))`,
      `    i = models.DateTimeField(default=datetime.date(2026, 11, 25))`,
      `    j = models.TimeField(default=datetime.time(12, 0, 3, tzinfo=datetime.timezone(datetime.timedelta(hours=2))))`,
      `    k = models.DateTimeField(default=datetime.datetime.now)`,
      `    l = models.DateField(auto_now=True)`,
    ].join('\n'),
  );
  const ids = (name: string, useTz = true) => checkFixedDefault(f(name), settings(useTz), NOW).map((m) => m.id);

  it('warns within ten seconds of now (aware values compared in UTC)', () => {
    expect(ids('a')).toEqual(['fields.W161']);
    expect(ids('b')).toEqual([]);
    expect(ids('c')).toEqual(['fields.W161']); // naive values are taken as UTC wall time under USE_TZ
  });
  it('compares dates by day', () => {
    expect(ids('d')).toEqual(['fields.W161']);
    expect(ids('e')).toEqual([]);
    expect(ids('f')).toEqual(['fields.W161']);
    expect(ids('i')).toEqual(['fields.W161']);
  });
  it('puts a time on today', () => {
    expect(ids('g')).toEqual(['fields.W161']);
    expect(ids('h')).toEqual([]);
    expect(ids('j')).toEqual(['fields.W161']);
  });
  it('leaves callables and auto_now alone', () => {
    expect(ids('k')).toEqual([]);
    expect(ids('l')).toEqual([]);
  });
  it('message and hint as Django words them', () => {
    expect(checkFixedDefault(f('a'), settings(true), NOW).map(String)).toEqual([
      'blog.Post.a: (fields.W161) Fixed default value provided.\n\tHINT: It seems you set a fixed date / time / datetime value as default for this field. This may not be what you want. If you want to have the current date as default, use `django.utils.timezone.now`',
    ]);
  });
});

describe('fields.E012 (db_default Django cannot put in a column DEFAULT)', () => {
  const cases: [string, string | null][] = [
    ["Value('x')", null],
    ["'plain'", null],
    ['Now()', null],
    ["Lower(Value('X'))", null],
    ["Concat(Value('a'), Value('b'))", null],
    ['Value(1) + 2', null],
    ["ExpressionWrapper(Value(1), output_field=models.IntegerField())", null],
    ['Power(2, 3)', null],
    ["F('title')", 'F(title)'],
    ["Lower('title')", 'Lower(F(title))'],
    ["F('n') + 1", 'F(n) + Value(1)'],
    ["Q(n=1)", "(AND: ('n', 1))"],
    ["Concat('title', Value('x'))", "Concat(ConcatPair(F(title), Value('x')))"],
    ["Concat(Value('a'), Value('b'), 'title')", "Concat(ConcatPair(Value('a'), ConcatPair(Value('b'), F(title))))"],
    ["Left('title', 3)", 'Left(F(title), Value(3))'],
    ["Round('n')", 'Round(F(n), Value(0))'],
    ["LPad('title', 3)", "LPad(F(title), Value(3), Value(' '))"],
    ["Replace('title', Value('a'))", "Replace(F(title), Value('a'), Value(''))"],
    ["Cast('title', output_field=models.IntegerField())", 'Cast(F(title))'],
    ["Collate(Value('z'), 'nocase')", 'Collate(Value(\'z\'))'],
    ["ExtractYear('title')", 'ExtractYear(F(title))'],
    ["-F('n')", 'F(n) * Value(-1)'],
    ["F('n') % 3", 'F(n) %% Value(3)'],
    ["Case(When(n=1, then=2))", "CASE WHEN <Q: (AND: ('n', 1))> THEN Value(2), ELSE Value(None)"],
    ["ExpressionWrapper(F('n') * 2, output_field=models.IntegerField())", 'ExpressionWrapper(F(n) * Value(2))'],
  ];
  const f = fields(
    ['    title = models.CharField(max_length=20)', '    n = models.IntegerField()', ...cases.map(([src], i) => `    f${i} = models.IntegerField(db_default=${src})`)].join('\n'),
  );
  for (const [i, [src, text]] of cases.entries()) {
    it(src, () => {
      expect(checkDbDefault(f(`f${i}`)).map(String)).toEqual(text === null ? [] : [`blog.Post.f${i}: (fields.E012) ${text} cannot be used in db_default.`]);
    });
  }
});
