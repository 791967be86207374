// SQLite column types by a field's internal type (as in Django's sqlite3 backend);
// `%(max_length)s` and `%(column)s` are filled in by the field. CharField is computed by the field.

export const DATA_TYPES: Record<string, string> = {
  AutoField: 'integer',
  BigAutoField: 'integer',
  BinaryField: 'BLOB',
  BooleanField: 'bool',
  DateField: 'date',
  DateTimeField: 'datetime',
  DecimalField: 'decimal',
  DurationField: 'bigint',
  FileField: 'varchar(%(max_length)s)',
  FilePathField: 'varchar(%(max_length)s)',
  FloatField: 'real',
  IntegerField: 'integer',
  BigIntegerField: 'bigint',
  IPAddressField: 'char(15)',
  GenericIPAddressField: 'char(39)',
  JSONField: 'text',
  OneToOneField: 'integer',
  PositiveBigIntegerField: 'bigint unsigned',
  PositiveIntegerField: 'integer unsigned',
  PositiveSmallIntegerField: 'smallint unsigned',
  SlugField: 'varchar(%(max_length)s)',
  SmallAutoField: 'integer',
  SmallIntegerField: 'smallint',
  TextField: 'text',
  TimeField: 'time',
  UUIDField: 'char(32)',
};
export const DATA_TYPE_CHECK_CONSTRAINTS: Record<string, string> = {
  PositiveBigIntegerField: '"%(column)s" >= 0',
  JSONField: '(JSON_VALID("%(column)s") OR "%(column)s" IS NULL)',
  PositiveIntegerField: '"%(column)s" >= 0',
  PositiveSmallIntegerField: '"%(column)s" >= 0',
};
export const DATA_TYPES_SUFFIX: Record<string, string> = {
  AutoField: 'AUTOINCREMENT',
  BigAutoField: 'AUTOINCREMENT',
  SmallAutoField: 'AUTOINCREMENT',
};
