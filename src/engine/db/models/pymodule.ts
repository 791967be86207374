// The native Python modules of the model layer: django.db.models (and its submodules),
// django.db, django.utils.timezone, django.utils.translation, django.core.validators,
// django.core.exceptions. Importing this file registers them.

import { PyException, PyInstance, PyModule, type PyValue } from '../../python/values';
import { callValue, exceptionClass, getAttr, getNativeModule, hasNativeModule, makeModule, registerNativeModule } from '../../python/index';
import { builtin, nativeClass } from '../../utils/py';
import { FIELD_CLASSES } from './fields/pyclasses';
import { Model, ObjectDoesNotExist, getCurrentApps } from './base';
import { ManagerClass } from './manager';
import { DELETION_HANDLERS } from './deletion';
import { CheckConstraintClass, Deferrable, IndexClass, UniqueConstraintClass, BaseConstraintClass } from './indexes';
import * as E from './expressions';
import { Choices, IntegerChoices, TextChoices } from './enums';
import { VALIDATOR_CLASSES, VALIDATOR_FUNCTIONS, UnicodeUsernameValidator, ASCIIUsernameValidator } from '../../core/validators';
import '../../conf/settings';

function register(name: string, members: () => Record<string, PyValue>): void {
  if (!hasNativeModule(name)) registerNativeModule(name, () => makeModule(name, members()));
}

function fieldsIn(module: string): Record<string, PyValue> {
  const out: Record<string, PyValue> = {};
  for (const [n, c] of FIELD_CLASSES) if (c.module === module) out[n] = c;
  return out;
}

function functionsIn(sub?: string): Record<string, PyValue> {
  const out: Record<string, PyValue> = {};
  for (const [n, c] of E.FUNCTIONS) if (!sub || c.module === `django.db.models.functions.${sub}`) out[n] = c;
  return out;
}

export function modelsMembers(): Record<string, PyValue> {
  const out: Record<string, PyValue> = {};
  for (const [n, c] of FIELD_CLASSES) if (n !== 'OrderWrt') out[n] = c;
  Object.assign(out, DELETION_HANDLERS);
  Object.assign(out, {
    Model,
    Manager: ManagerClass,
    Index: IndexClass,
    UniqueConstraint: UniqueConstraintClass,
    CheckConstraint: CheckConstraintClass,
    BaseConstraint: BaseConstraintClass,
    Deferrable,
    Q: E.Q,
    F: E.F,
    Value: E.Value,
    Func: E.Func,
    ExpressionWrapper: E.ExpressionWrapper,
    OrderBy: E.OrderBy,
    Case: E.Case,
    When: E.When,
    Subquery: E.Subquery,
    Exists: E.Exists,
    OuterRef: E.OuterRef,
    Choices,
    IntegerChoices,
    TextChoices,
    ObjectDoesNotExist,
    ProtectedError: nativeClass('ProtectedError', 'django.db.models.deletion'),
    RestrictedError: nativeClass('RestrictedError', 'django.db.models.deletion'),
  });
  const fnmod = getNativeModule('django.db.models.functions');
  if (fnmod) out.functions = fnmod;
  return out;
}

register('django', () => ({ VERSION: null, get_version: builtin('get_version', 'django', () => '5.2.18') }));
register('django.db', () => ({}));
register('django.db.models', modelsMembers);
register('django.db.models.fields', () => fieldsIn('django.db.models.fields'));
register('django.db.models.fields.related', () => fieldsIn('django.db.models.fields.related'));
register('django.db.models.fields.files', () => fieldsIn('django.db.models.fields.files'));
register('django.db.models.fields.json', () => fieldsIn('django.db.models.fields.json'));
register('django.db.models.fields.generated', () => fieldsIn('django.db.models.fields.generated'));
register('django.db.models.fields.proxy', () => fieldsIn('django.db.models.fields.proxy'));
register('django.db.models.deletion', () => ({ ...DELETION_HANDLERS }));
register('django.db.models.base', () => ({ Model }));
register('django.db.models.manager', () => ({ Manager: ManagerClass, BaseManager: ManagerClass }));
register('django.db.models.indexes', () => ({ Index: IndexClass }));
register('django.db.models.constraints', () => ({
  UniqueConstraint: UniqueConstraintClass,
  CheckConstraint: CheckConstraintClass,
  BaseConstraint: BaseConstraintClass,
  Deferrable,
}));
register('django.db.models.enums', () => ({ Choices, IntegerChoices, TextChoices }));
register('django.db.models.query_utils', () => ({ Q: E.Q }));
register('django.db.models.expressions', () => ({
  F: E.F,
  Value: E.Value,
  Func: E.Func,
  CombinedExpression: E.CombinedExpression,
  ExpressionWrapper: E.ExpressionWrapper,
  OrderBy: E.OrderBy,
  Case: E.Case,
  When: E.When,
  RawSQL: E.RawSQL,
  ExpressionList: E.ExpressionList,
  Subquery: E.Subquery,
  Exists: E.Exists,
  OuterRef: E.OuterRef,
}));
register('django.db.models.functions', () => functionsIn());
for (const sub of ['text', 'datetime', 'comparison', 'math']) register(`django.db.models.functions.${sub}`, () => functionsIn(sub));

// ---- django.utils ------------------------------------------------------------------------------

function datetimeModule(): PyModule {
  const m = getNativeModule('datetime');
  if (!m) throw new PyException('ModuleNotFoundError', "No module named 'datetime'");
  return m;
}

const tzNow = builtin('now', 'django.utils.timezone', () => {
  const dt = datetimeModule();
  const datetime = dt.dict.get('datetime')!;
  const tz = getAttr(dt.dict.get('timezone')!, 'utc');
  return callValue(getAttr(datetime, 'now'), [tz]);
});

register('django.utils', () => ({}));
register('django.utils.timezone', () => ({
  now: tzNow,
  localtime: builtin('localtime', 'django.utils.timezone', (args) => args[0] ?? callValue(tzNow, [])),
  localdate: builtin('localdate', 'django.utils.timezone', () => getAttr(callValue(tzNow, []), 'date')),
  get_current_timezone: builtin('get_current_timezone', 'django.utils.timezone', () => getAttr(datetimeModule().dict.get('timezone')!, 'utc')),
  is_aware: builtin('is_aware', 'django.utils.timezone', (args) => getAttr(args[0], 'tzinfo') !== null),
  is_naive: builtin('is_naive', 'django.utils.timezone', (args) => getAttr(args[0], 'tzinfo') === null),
}));

const identity = (name: string) => builtin(name, 'django.utils.translation', (args) => (args.length ? args[args.length - 1] : ''));
register('django.utils.translation', () => ({
  gettext_lazy: identity('gettext_lazy'),
  gettext: identity('gettext'),
  ugettext_lazy: identity('ugettext_lazy'),
  pgettext_lazy: identity('pgettext_lazy'),
  pgettext: identity('pgettext'),
  gettext_noop: identity('gettext_noop'),
  ngettext_lazy: builtin('ngettext_lazy', 'django.utils.translation', (args) => args[0] ?? ''),
  ngettext: builtin('ngettext', 'django.utils.translation', (args) => args[0] ?? ''),
}));
register('django.utils.text', () => ({}));

// ---- django.core ------------------------------------------------------------------------------

register('django.core', () => ({}));
register('django.core.validators', () => {
  const out: Record<string, PyValue> = { ...VALIDATOR_FUNCTIONS };
  for (const [n, c] of VALIDATOR_CLASSES) out[n] = c;
  return out;
});
register('django.contrib.auth.validators', () => ({ UnicodeUsernameValidator, ASCIIUsernameValidator }));

export const ValidationError = nativeClass('ValidationError', 'django.core.exceptions', [exceptionClass]);
register('django.core.exceptions', () => ({
  ValidationError,
  ObjectDoesNotExist,
  FieldDoesNotExist: nativeClass('FieldDoesNotExist', 'django.core.exceptions', [exceptionClass]),
  ImproperlyConfigured: nativeClass('ImproperlyConfigured', 'django.core.exceptions', [exceptionClass]),
  FieldError: nativeClass('FieldError', 'django.core.exceptions', [exceptionClass]),
}));

// ---- django.apps ------------------------------------------------------------------------------

/** AppConfig: apps.py subclasses it; the loader reads name, label and default_auto_field. */
export const AppConfigClass = nativeClass('AppConfig', 'django.apps.config');
AppConfigClass.dict.set('default_auto_field', 'django.db.models.AutoField');

const appsRegistry = nativeClass('Apps', 'django.apps.registry', [], {
  getAttr(_self, name) {
    if (name === 'get_model')
      return builtin('get_model', 'django.apps.registry', (args) => {
        const apps = getCurrentApps();
        if (!apps) throw new PyException('django.core.exceptions.AppRegistryNotReady', "Apps aren't loaded yet.");
        return args.length >= 2 ? apps.getModel(String(args[0]), String(args[1])) : apps.getModel(String(args[0]));
      });
    if (name === 'is_installed') return builtin('is_installed', 'django.apps.registry', (args) => !!getCurrentApps()?.isInstalled(String(args[0])));
    return undefined;
  },
});
register('django.apps', () => ({ AppConfig: AppConfigClass, apps: new PyInstance(appsRegistry) }));
