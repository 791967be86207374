// Django-aware completion and hover docs for models.py, as plain data and pure functions
// (the Monaco glue in CodeEditor.tsx only adapts them).

export interface DocItem {
  label: string;
  kind: 'class' | 'option' | 'value' | 'keyword';
  detail: string;
  doc: string;
  /** Text to insert; may use Monaco snippet syntax. */
  insert?: string;
}

const FIELD_CLASSES: [string, string, string?][] = [
  ['CharField', 'Text with a maximum length: varchar(max_length). max_length is required.', 'CharField(max_length=${1:200})'],
  ['TextField', 'Unlimited text: text column.'],
  ['IntegerField', 'An integer: integer column.'],
  ['BigIntegerField', '64-bit integer: bigint column.'],
  ['SmallIntegerField', 'Small integer: smallint column.'],
  ['PositiveIntegerField', 'Integer ≥ 0: integer unsigned with a CHECK constraint.'],
  ['PositiveSmallIntegerField', 'Small integer ≥ 0.'],
  ['BooleanField', 'True/False: bool column.'],
  ['DateField', 'A date (datetime.date): date column. auto_now / auto_now_add available.'],
  ['DateTimeField', 'Date and time (datetime.datetime): datetime column.', 'DateTimeField(${1:auto_now_add=True})'],
  ['TimeField', 'A time of day: time column.'],
  ['DurationField', 'A timedelta: bigint microseconds on SQLite.'],
  ['DecimalField', 'Fixed-precision decimal; max_digits and decimal_places are required.', 'DecimalField(max_digits=${1:8}, decimal_places=${2:2})'],
  ['FloatField', 'A float: real column.'],
  ['EmailField', 'A CharField checked as an e-mail address (max_length 254).'],
  ['SlugField', 'Short label for URLs: varchar(50), indexed.'],
  ['URLField', 'A CharField checked as a URL (max_length 200).'],
  ['UUIDField', 'A UUID: char(32) on SQLite.'],
  ['JSONField', 'JSON data: text column with a JSON_VALID check.'],
  ['BinaryField', 'Raw bytes: BLOB column.'],
  ['FileField', 'A file path: varchar(100).'],
  ['ImageField', 'An image path (needs Pillow in real Django).'],
  ['GenericIPAddressField', 'An IPv4 or IPv6 address: char(39).'],
  ['AutoField', 'Auto-incrementing integer primary key.'],
  ['BigAutoField', 'Auto-incrementing 64-bit primary key (DEFAULT_AUTO_FIELD here).'],
  ['ForeignKey', 'Many-to-one relation: a <name>_id column referencing the other table. on_delete is required.', "ForeignKey(${1:'Model'}, on_delete=models.${2:CASCADE}${3:, related_name='${4}'})"],
  ['OneToOneField', 'One-to-one relation: a unique <name>_id column. on_delete is required.', "OneToOneField(${1:'Model'}, on_delete=models.${2:CASCADE})"],
  ['ManyToManyField', 'Many-to-many relation through a join table (or your own `through` model).', "ManyToManyField(${1:'Model'}${2:, related_name='${3}'})"],
];

const FIELD_OPTIONS: [string, string][] = [
  ['null', 'If True, the column allows NULL. Default False.'],
  ['blank', 'If True, forms allow an empty value (no effect on the database).'],
  ['default', 'The value (or callable) for new rows; also fills existing rows when the field is added.'],
  ['db_default', 'A default computed by the database (a DEFAULT clause in the column).'],
  ['unique', 'If True, adds a UNIQUE constraint.'],
  ['db_index', 'If True, creates an index on the column.'],
  ['db_column', 'The column name to use instead of the field name.'],
  ['db_comment', 'A comment on the column (ignored by SQLite).'],
  ['primary_key', 'If True, this field is the primary key (no automatic id).'],
  ['choices', 'A list of (value, label) pairs; changing it creates an AlterField with no SQL.'],
  ['verbose_name', 'A human-readable name.'],
  ['help_text', 'Extra help shown in forms.'],
  ['editable', 'If False, hidden from forms and the admin.'],
  ['validators', 'A list of validators to run.'],
  ['max_length', 'Maximum length in characters: varchar(max_length).'],
  ['max_digits', 'DecimalField: total number of digits.'],
  ['decimal_places', 'DecimalField: digits after the decimal point.'],
  ['auto_now', 'Date/DateTimeField: set to now on every save.'],
  ['auto_now_add', 'Date/DateTimeField: set to now when the row is created.'],
  ['on_delete', 'ForeignKey/OneToOneField: what happens to this row when the referenced row is deleted.'],
  ['related_name', 'The name of the reverse relation (post.comments instead of post.comment_set).'],
  ['related_query_name', 'The name used for reverse lookups in filters.'],
  ['to_field', 'The field on the related model to point at (default: its primary key).'],
  ['db_constraint', 'If False, no FOREIGN KEY constraint is created.'],
  ['through', 'ManyToManyField: the model used as the join table.'],
  ['symmetrical', 'ManyToManyField to self: whether the relation is symmetrical.'],
];

const ON_DELETE: [string, string][] = [
  ['CASCADE', 'Delete the rows that point at the deleted row, too.'],
  ['PROTECT', 'Refuse to delete while rows point at it (raises ProtectedError).'],
  ['RESTRICT', 'Like PROTECT, but allows deletion when the pointing rows are deleted in the same operation via CASCADE.'],
  ['SET_NULL', 'Set the foreign key to NULL (needs null=True).'],
  ['SET_DEFAULT', 'Set the foreign key to its default (needs a default).'],
  ['SET', 'SET(value or callable): set the foreign key to the given value.'],
  ['DO_NOTHING', 'Do nothing in Django; the database constraint decides.'],
];

const META_OPTIONS: [string, string][] = [
  ['db_table', "The table's name (default '<app>_<model>')."],
  ['ordering', "Default ordering, e.g. ['-created']."],
  ['verbose_name', 'A human-readable singular name.'],
  ['verbose_name_plural', 'A human-readable plural name.'],
  ['unique_together', 'Sets of fields that must be unique together (prefer UniqueConstraint).'],
  ['indexes', 'A list of models.Index(...) to create.'],
  ['constraints', 'A list of UniqueConstraint / CheckConstraint to create.'],
  ['abstract', 'If True, no table: the model only lends its fields to subclasses.'],
  ['managed', 'If False, migrations create and delete no table for it.'],
  ['proxy', 'If True, a second Python class over the same table.'],
  ['get_latest_by', 'The field latest() and earliest() use.'],
  ['db_table_comment', 'A comment on the table (ignored by SQLite).'],
  ['default_related_name', 'The default related_name for relations from this model.'],
];

const OTHERS: [string, string, string?][] = [
  ['Model', 'The base class of every model: one table per concrete subclass.'],
  ['Index', "An index: models.Index(fields=['title'], name='...')", "Index(fields=[${1:'field'}], name='${2:name}')"],
  ['UniqueConstraint', "A unique constraint: models.UniqueConstraint(fields=[...], name='...')", "UniqueConstraint(fields=[${1:'field'}], name='${2:name}')"],
  ['CheckConstraint', "A check: models.CheckConstraint(condition=models.Q(...), name='...')"],
  ['Q', 'A condition, combinable with & | ~.'],
  ['F', 'A reference to a field in an expression.'],
  ['TextChoices', 'An enum of string choices for a CharField.'],
  ['IntegerChoices', 'An enum of integer choices for an IntegerField.'],
];

const byLabel = new Map<string, DocItem>();
function item(label: string, kind: DocItem['kind'], detail: string, doc: string, insert?: string): DocItem {
  const it: DocItem = { label, kind, detail, doc, insert };
  if (!byLabel.has(label)) byLabel.set(label, it);
  return it;
}
const fieldItems = FIELD_CLASSES.map(([n, d, ins]) => item(n, 'class', 'django.db.models field', d, ins));
const otherItems = OTHERS.map(([n, d, ins]) => item(n, 'class', 'django.db.models', d, ins));
const onDeleteItems = ON_DELETE.map(([n, d]) => item(n, 'value', 'on_delete', d));
const optionItems = FIELD_OPTIONS.map(([n, d]) => item(n, 'option', 'field option', d, `${n}=`));
const metaItems = META_OPTIONS.map(([n, d]) => ({ label: n, kind: 'option' as const, detail: 'Meta option', doc: d, insert: `${n} = ` }));

/** What to offer at the cursor, given the text of the line before it and whether we are inside `class Meta`. */
export function completionsAt(linePrefix: string, inMeta: boolean): DocItem[] {
  if (/on_delete\s*=\s*(models\.)?\w*$/.test(linePrefix)) return onDeleteItems;
  if (/models\.\w*$/.test(linePrefix)) {
    if (/on_delete\s*=\s*models\.\w*$/.test(linePrefix)) return onDeleteItems;
    return [...fieldItems, ...otherItems, ...onDeleteItems];
  }
  // Inside the parentheses of a field call: its options.
  const open = linePrefix.lastIndexOf('(');
  if (open >= 0 && linePrefix.lastIndexOf(')') < open && /models\.\w+\($/.test(linePrefix.slice(0, open + 1))) {
    if (/\w*$/.test(linePrefix) && !/=\s*\w*$/.test(linePrefix)) return optionItems;
  }
  if (/[(,]\s*\w*$/.test(linePrefix) && /models\.\w+\(/.test(linePrefix) && !/=\s*\w*$/.test(linePrefix)) return optionItems;
  if (inMeta && /^\s+\w*$/.test(linePrefix)) return metaItems;
  if (/^\s+\w*$/.test(linePrefix)) {
    return [{ label: 'class Meta', kind: 'keyword', detail: 'model options', doc: 'Options of the model: db_table, ordering, indexes, constraints…', insert: 'class Meta:\n    ${1:ordering} = ${2:[]}' }];
  }
  return [];
}

/** A short doc for the word under the mouse, or null. */
export function hoverDoc(word: string, lineText: string, inMeta: boolean): DocItem | null {
  if (inMeta) {
    const meta = metaItems.find((m) => m.label === word);
    if (meta && new RegExp(`^\\s+${word}\\s*=`).test(lineText)) return meta;
  }
  return byLabel.get(word) ?? null;
}

/** Whether line `lineNumber` (1-based) of `text` sits inside a `class Meta:` block. */
export function isInsideMeta(lines: string[], lineNumber: number): boolean {
  const current = lines[lineNumber - 1] ?? '';
  const indent = /^\s*/.exec(current)?.[0].length ?? 0;
  for (let i = lineNumber - 2; i >= 0; i--) {
    const l = lines[i];
    if (!l.trim()) continue;
    const ind = /^\s*/.exec(l)?.[0].length ?? 0;
    if (ind < indent) return /^\s*class\s+Meta\b/.test(l);
  }
  return false;
}
