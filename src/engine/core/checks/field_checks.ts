// Field checks Django 5.2 runs that the field classes do not run themselves: a fixed
// date/time default (fields.W161), a db_default expression a column DEFAULT cannot hold
// (fields.E012, only when a database is checked), and ManyToManyField.through_fields
// (fields.E337-E339). Each is skipped when the field's own check() already reported its id.

import { PyList, PyTuple, type PyValue } from '../../python/values';
import { Field, DateField, DateTimeField, TimeField, metaOf, type ModelClass } from '../../db/models/fields/index';
import { ManyToManyField } from '../../db/models/fields/related';
import { ForeignObjectRel } from '../../db/models/fields/reverse_related';
import { NOT_PROVIDED } from '../../db/models/constants';
import { datetimeMicros, fromOrdinal, isDateOnly, isDatetime, isTime, toOrdinal, type DateTimeValue, type DateValue, type TimeValue } from '../../python/stdlib/datetime';
import { truthy } from '../../utils/py';
import { CheckMessage, Error_, Warning_ } from './messages';
import { expressionAllowedDefault, expressionText, isCheckedDbDefault } from './expression_text';
import type { SettingsLike } from './model_checks';

const DAY_US = 86400000000n;
const EPOCH_US = BigInt(toOrdinal({ year: 1970, month: 1, day: 1 })) * DAY_US;

/** Django's _get_naive_now(): UTC wall time with USE_TZ, the local wall time without it. */
function naiveNowMicros(settings: SettingsLike, nowMs: number): bigint {
  const useTz = settings.get('USE_TZ');
  const local = useTz === undefined || truthy(useTz) ? 0 : -new Date(nowMs).getTimezoneOffset() * 60000;
  return EPOCH_US + BigInt(nowMs + local) * 1000n;
}

const dateOf = (us: bigint): number => Number(us / DAY_US);

function fixedDefaultWarning(field: Field): CheckMessage {
  return Warning_('Fixed default value provided.', {
    hint: 'It seems you set a fixed date / time / datetime value as default for this field. This may not be what you want. If you want to have the current date as default, use `django.utils.timezone.now`',
    obj: field,
    id: 'fields.W161',
  });
}

/** _check_if_value_fixed: within ten seconds of now (a datetime), or today (a date). */
function isFixed(value: { datetime: bigint } | { date: number }, now: bigint): boolean {
  const offset = 10000000n;
  if ('datetime' in value) return now - offset <= value.datetime && value.datetime <= now + offset;
  return dateOf(now - offset) <= value.date && value.date <= dateOf(now + offset);
}

/** fields.W161 for DateField, DateTimeField and TimeField (DateTimeCheckMixin._check_fix_default_value). */
export function checkFixedDefault(field: Field, settings: SettingsLike, nowMs = Date.now()): CheckMessage[] {
  if (!field.hasDefault()) return [];
  const dflt = field.default as PyValue;
  const now = naiveNowMicros(settings, nowMs);
  const asValue = (v: PyValue): { datetime: bigint } | { date: number } | null => {
    if (isDatetime(v)) return { datetime: datetimeMicros(v.native as DateTimeValue) };
    if (isDateOnly(v)) return { date: toOrdinal(v.native as DateValue) };
    return null;
  };
  let value: { datetime: bigint } | { date: number } | null = null;
  if (field instanceof TimeField) {
    if (isDatetime(dflt)) value = asValue(dflt);
    else if (isTime(dflt)) value = { datetime: datetimeMicros({ ...fromOrdinal(dateOf(now)), ...(dflt.native as TimeValue) }) };
  } else if (field instanceof DateTimeField) {
    value = asValue(dflt);
  } else if (field instanceof DateField) {
    const v = asValue(dflt);
    value = v && 'datetime' in v ? { date: dateOf(v.datetime) } : v;
  }
  return value && isFixed(value, now) ? [fixedDefaultWarning(field)] : [];
}

/** fields.E012 (Field._check_db_default): SQLite takes expression defaults, but not ones that read columns. */
export function checkDbDefault(field: Field): CheckMessage[] {
  const dbDefault = field.dbDefault;
  if (dbDefault === NOT_PROVIDED || !isCheckedDbDefault(dbDefault as PyValue)) return [];
  if (expressionAllowedDefault(dbDefault as PyValue)) return [];
  return [Error_(`${expressionText(dbDefault as PyValue)} cannot be used in db_default.`, { obj: field, id: 'fields.E012' })];
}

/** The model a relation (or reverse relation) points at, as `field.remote_field.model`. */
function remoteModelOf(f: Field | ForeignObjectRel): PyValue | string | undefined {
  if (f instanceof ForeignObjectRel) return f.remoteField.model as PyValue;
  return f.isRelation && f.remoteField ? (f.remoteField.model as PyValue | string) : undefined;
}

/** fields.E337-E339: ManyToManyField.through_fields names two foreign keys of the through model. */
export function checkThroughFields(field: Field): CheckMessage[] {
  if (!(field instanceof ManyToManyField)) return [];
  const rf = field.remoteField;
  const tf = rf.throughFields;
  const through = rf.through;
  const tmeta = typeof through === 'string' || through === null ? undefined : metaOf(through as PyValue);
  if (tf === null || tf === undefined || !tmeta) return [];
  const apps = metaOf(field.model)!.apps;
  if (!apps.getModels({ includeAutoCreated: true }).includes(through as ModelClass)) return [];
  const qualified = `${tmeta.appLabel}.${(through as ModelClass).name}`;
  const items = tf instanceof PyTuple || tf instanceof PyList ? tf.items : typeof tf === 'string' ? [...tf] : [];
  if (!(items.length >= 2 && truthy(items[0]) && truthy(items[1])))
    return [
      Error_(
        `Field specifies 'through_fields' but does not provide the names of the two link fields that should be used for the relation through model '${qualified}'.`,
        { hint: "Make sure you specify 'through_fields' as through_fields=('field1', 'field2')", obj: field, id: 'fields.E337' },
      ),
    ];
  const target = rf.model;
  if (typeof target === 'string') return [];
  const errors: CheckMessage[] = [];
  for (const [name, related] of [
    [items[0], field.model],
    [items[1], target],
  ] as [PyValue, ModelClass][]) {
    const relatedMeta = metaOf(related)!;
    const possible = tmeta.fields.filter((f) => remoteModelOf(f) === related).map((f) => f.name);
    const hint = possible.length ? `Did you mean one of the following foreign keys to '${relatedMeta.objectName}': ${possible.join(', ')}?` : null;
    const fieldName = typeof name === 'string' ? name : String(name);
    const found = tmeta.getFieldOrRelation(fieldName);
    if (!found)
      errors.push(Error_(`The intermediary model '${qualified}' has no field '${fieldName}'.`, { hint, obj: field, id: 'fields.E338' }));
    else if (remoteModelOf(found) !== related)
      errors.push(
        Error_(`'${tmeta.objectName}.${fieldName}' is not a foreign key to '${relatedMeta.objectName}'.`, { hint, obj: field, id: 'fields.E339' }),
      );
  }
  return errors;
}

/** The checks above for one local field, minus any id the field's own check() already gave. */
export function extraFieldChecks(field: Field, own: readonly CheckMessage[], settings: SettingsLike, databases: boolean): CheckMessage[] {
  const have = new Set(own.map((m) => m.id));
  const out = [...checkFixedDefault(field, settings), ...(databases ? checkDbDefault(field) : []), ...checkThroughFields(field)];
  return out.filter((m) => !have.has(m.id));
}

