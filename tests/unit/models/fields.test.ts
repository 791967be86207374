// Field deconstruct() and SQLite column types, checked against what Django 5.2 gives for the
// same field definitions (recorded with the real Django).

import { describe, expect, it } from 'vitest';
import { execModule, getNativeModule, type Host } from '../../../src/engine/python/index';
import { PyInstance } from '../../../src/engine/python/values';
import { Field } from '../../../src/engine/db/models/fields/index';
import { serialize } from '../../../src/engine/db/migrations/serializer';
import '../../../src/engine/db/models/pymodule';

// [field expression, serialized by Django's migration serializer, db_type on SQLite, db check]
const CASES: [string, string, string | null, string | null][] = [
  ["models.CharField(max_length=200)", "models.CharField(max_length=200)", "varchar(200)", null],
  ["models.CharField()", "models.CharField()", "varchar", null],
  ["models.CharField('Title', max_length=10)", "models.CharField(max_length=10, verbose_name='Title')", "varchar(10)", null],
  ["models.CharField(max_length=5, null=True, blank=True, unique=True, db_index=True)", "models.CharField(blank=True, db_index=True, max_length=5, null=True, unique=True)", "varchar(5)", null],
  ["models.CharField(max_length=10, default='x', help_text='h', db_column='c', db_comment='cm', editable=False, verbose_name='v')", "models.CharField(db_column='c', db_comment='cm', default='x', editable=False, help_text='h', max_length=10, verbose_name='v')", "varchar(10)", null],
  ["models.CharField(max_length=1, choices=[('a','A'),('b','B')])", "models.CharField(choices=[('a', 'A'), ('b', 'B')], max_length=1)", "varchar(1)", null],
  ["models.CharField(max_length=1, choices=(('a','A'),))", "models.CharField(choices=[('a', 'A')], max_length=1)", "varchar(1)", null],
  ["models.CharField(max_length=3, choices={'a':'A'})", "models.CharField(choices=[('a', 'A')], max_length=3)", "varchar(3)", null],
  ["models.CharField(max_length=9, db_collation='nocase')", "models.CharField(db_collation='nocase', max_length=9)", "varchar(9)", null],
  ["models.TextField()", "models.TextField()", "text", null],
  ["models.TextField(blank=True, default='')", "models.TextField(blank=True, default='')", "text", null],
  ["models.SlugField()", "models.SlugField()", "varchar(50)", null],
  ["models.SlugField(max_length=50)", "models.SlugField()", "varchar(50)", null],
  ["models.SlugField(db_index=False)", "models.SlugField(db_index=False)", "varchar(50)", null],
  ["models.SlugField(allow_unicode=True, unique=True)", "models.SlugField(allow_unicode=True, unique=True)", "varchar(50)", null],
  ["models.EmailField()", "models.EmailField(max_length=254)", "varchar(254)", null],
  ["models.EmailField(max_length=254)", "models.EmailField(max_length=254)", "varchar(254)", null],
  ["models.EmailField(max_length=100)", "models.EmailField(max_length=100)", "varchar(100)", null],
  ["models.URLField()", "models.URLField()", "varchar(200)", null],
  ["models.URLField(max_length=300)", "models.URLField(max_length=300)", "varchar(300)", null],
  ["models.IntegerField()", "models.IntegerField()", "integer", null],
  ["models.IntegerField(default=0)", "models.IntegerField(default=0)", "integer", null],
  ["models.SmallIntegerField()", "models.SmallIntegerField()", "smallint", null],
  ["models.BigIntegerField(null=True)", "models.BigIntegerField(null=True)", "bigint", null],
  ["models.PositiveIntegerField()", "models.PositiveIntegerField()", "integer unsigned", "\"f\" >= 0"],
  ["models.PositiveSmallIntegerField(default=1)", "models.PositiveSmallIntegerField(default=1)", "smallint unsigned", "\"f\" >= 0"],
  ["models.PositiveBigIntegerField()", "models.PositiveBigIntegerField()", "bigint unsigned", "\"f\" >= 0"],
  ["models.FloatField()", "models.FloatField()", "real", null],
  ["models.DecimalField(max_digits=5, decimal_places=2)", "models.DecimalField(decimal_places=2, max_digits=5)", "decimal", null],
  ["models.DecimalField(max_digits=5, decimal_places=2, default=decimal.Decimal('0.00'))", "models.DecimalField(decimal_places=2, default=Decimal('0.00'), max_digits=5)", "decimal", null],
  ["models.BooleanField()", "models.BooleanField()", "bool", null],
  ["models.BooleanField(default=False)", "models.BooleanField(default=False)", "bool", null],
  ["models.BooleanField(null=True)", "models.BooleanField(null=True)", "bool", null],
  ["models.DateField()", "models.DateField()", "date", null],
  ["models.DateField(auto_now_add=True)", "models.DateField(auto_now_add=True)", "date", null],
  ["models.DateField(auto_now=True)", "models.DateField(auto_now=True)", "date", null],
  ["models.DateTimeField(auto_now_add=True)", "models.DateTimeField(auto_now_add=True)", "datetime", null],
  ["models.DateTimeField(default=timezone.now)", "models.DateTimeField(default=django.utils.timezone.now)", "datetime", null],
  ["models.DateTimeField(auto_now=True, null=True)", "models.DateTimeField(auto_now=True, null=True)", "datetime", null],
  ["models.TimeField()", "models.TimeField()", "time", null],
  ["models.TimeField(auto_now=True)", "models.TimeField(auto_now=True)", "time", null],
  ["models.DurationField()", "models.DurationField()", "bigint", null],
  ["models.UUIDField(default=uuid.uuid4, editable=False, unique=True)", "models.UUIDField(default=uuid.uuid4, editable=False, unique=True)", "char(32)", null],
  ["models.UUIDField(primary_key=True, default=uuid.uuid4)", "models.UUIDField(default=uuid.uuid4, primary_key=True)", "char(32)", null],
  ["models.BinaryField()", "models.BinaryField()", "BLOB", null],
  ["models.BinaryField(editable=True)", "models.BinaryField(editable=True)", "BLOB", null],
  ["models.BinaryField(max_length=10)", "models.BinaryField(max_length=10)", "BLOB", null],
  ["models.JSONField()", "models.JSONField()", "text", "(JSON_VALID(\"f\") OR \"f\" IS NULL)"],
  ["models.JSONField(default=dict, blank=True)", "models.JSONField(blank=True, default=dict)", "text", "(JSON_VALID(\"f\") OR \"f\" IS NULL)"],
  ["models.JSONField(null=True)", "models.JSONField(null=True)", "text", "(JSON_VALID(\"f\") OR \"f\" IS NULL)"],
  ["models.GenericIPAddressField()", "models.GenericIPAddressField()", "char(39)", null],
  ["models.GenericIPAddressField(protocol='IPv4')", "models.GenericIPAddressField(protocol='IPv4')", "char(39)", null],
  ["models.GenericIPAddressField(unpack_ipv4=True, null=True)", "models.GenericIPAddressField(null=True, unpack_ipv4=True)", "char(39)", null],
  ["models.FileField()", "models.FileField(upload_to='')", "varchar(100)", null],
  ["models.FileField(upload_to='docs/')", "models.FileField(upload_to='docs/')", "varchar(100)", null],
  ["models.FileField(upload_to='d/', max_length=255)", "models.FileField(max_length=255, upload_to='d/')", "varchar(255)", null],
  ["models.ImageField(upload_to='img/', width_field='w', height_field='h')", "models.ImageField(height_field='h', upload_to='img/', width_field='w')", "varchar(100)", null],
  ["models.FilePathField(path='/tmp')", "models.FilePathField(path='/tmp')", "varchar(100)", null],
  ["models.FilePathField(path='/tmp', match='.*', recursive=True, allow_folders=True, max_length=200)", "models.FilePathField(allow_folders=True, match='.*', max_length=200, path='/tmp', recursive=True)", "varchar(200)", null],
  ["models.AutoField(primary_key=True)", "models.AutoField(primary_key=True)", "integer", null],
  ["models.BigAutoField(primary_key=True)", "models.BigAutoField(primary_key=True)", "integer", null],
  ["models.SmallAutoField(primary_key=True)", "models.SmallAutoField(primary_key=True)", "integer", null],
  ["models.IntegerField(db_default=5)", "models.IntegerField(db_default=5)", "integer", null],
  ["models.CharField(max_length=3, unique_for_date='d')", "models.CharField(max_length=3, unique_for_date='d')", "varchar(3)", null],
  ["models.IntegerField(validators=[MinValueValidator(0)])", "models.IntegerField(validators=[django.core.validators.MinValueValidator(0)])", "integer", null],
  ["models.IntegerField(choices=[(1,'One'),(2,'Two')], default=1)", "models.IntegerField(choices=[(1, 'One'), (2, 'Two')], default=1)", "integer", null],
  ["models.CharField(max_length=5, choices=[('G', [('a','A'),('b','B')])])", "models.CharField(choices=[('G', [('a', 'A'), ('b', 'B')])], max_length=5)", "varchar(5)", null],
];

const host: Host = { importModule: (name) => getNativeModule(name) };

function evalField(expr: string): Field {
  const mod = execModule(
    `import decimal, uuid\nfrom django.db import models\nfrom django.utils import timezone\nfrom django.core.validators import MinValueValidator\nf = ${expr}\n`,
    { filename: 't.py', moduleName: 't', host },
  );
  const v = mod.dict.get('f') as PyInstance;
  const f = v.native as Field;
  f.setAttributesFromName('f');
  return f;
}

describe('field deconstruct and db types match Django 5.2', () => {
  for (const [expr, ser, dbType, check] of CASES) {
    it(expr, () => {
      const f = evalField(expr);
      expect(serialize(f.toPy())[0]).toBe(ser);
      expect(f.dbType()).toBe(dbType);
      expect(f.dbParameters().check).toBe(check);
    });
  }
});
