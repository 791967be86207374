// Checks the contrib apps register: the admin's dependencies (admin.E4xx), the custom user
// model's (auth.E001-E003, auth.W004, auth.C009/C010) and contenttypes' model name length
// (contenttypes.E005). The permission checks are in contrib/auth/checks.ts.

import { PyDict, PyException, PyFunction, PyList, PyTuple, type PyValue } from '../../python/values';
import type { Apps } from '../../apps/registry';
import { metaOf } from '../../db/models/fields/index';
import { pyRepr, pyStr } from '../../utils/py';
import { CheckMessage, CRITICAL, Error_, Warning_ } from './messages';
import { modelTarget, type SettingsLike } from './model_checks';

function strList(v: PyValue | undefined): string[] | null {
  if (v instanceof PyList || v instanceof PyTuple) return v.items.map((x) => pyStr(x));
  return null;
}

export function checkAdminDependencies(apps: Apps, settings: SettingsLike): CheckMessage[] {
  if (!apps.isInstalled('django.contrib.admin')) return [];
  const errors: CheckMessage[] = [];
  for (const [app, code] of [
    ['django.contrib.contenttypes', 401],
    ['django.contrib.auth', 405],
    ['django.contrib.messages', 406],
  ] as const) {
    if (!apps.isInstalled(app)) errors.push(Error_(`'${app}' must be in INSTALLED_APPS in order to use the admin application.`, { id: `admin.E${code}` }));
  }
  const templates = settings.get('TEMPLATES');
  let processors: string[] | null = null;
  for (const t of templates instanceof PyList || templates instanceof PyTuple ? templates.items : []) {
    if (t instanceof PyDict && pyStr(t.get('BACKEND') ?? '') === 'django.template.backends.django.DjangoTemplates') {
      const options = t.get('OPTIONS');
      processors = (options instanceof PyDict ? strList(options.get('context_processors')) : null) ?? [];
      break;
    }
  }
  if (processors === null) {
    errors.push(
      Error_("A 'django.template.backends.django.DjangoTemplates' instance must be configured in TEMPLATES in order to use the admin application.", {
        id: 'admin.E403',
      }),
    );
  } else {
    const backends = strList(settings.get('AUTHENTICATION_BACKENDS')) ?? ['django.contrib.auth.backends.ModelBackend'];
    if (!processors.includes('django.contrib.auth.context_processors.auth') && backends.includes('django.contrib.auth.backends.ModelBackend'))
      errors.push(
        Error_(
          "'django.contrib.auth.context_processors.auth' must be enabled in DjangoTemplates (TEMPLATES) if using the default auth backend in order to use the admin application.",
          { id: 'admin.E402' },
        ),
      );
    if (!processors.includes('django.contrib.messages.context_processors.messages'))
      errors.push(
        Error_("'django.contrib.messages.context_processors.messages' must be enabled in DjangoTemplates (TEMPLATES) in order to use the admin application.", {
          id: 'admin.E404',
        }),
      );
    if (!processors.includes('django.template.context_processors.request'))
      errors.push(
        Warning_("'django.template.context_processors.request' must be enabled in DjangoTemplates (TEMPLATES) in order to use the admin navigation sidebar.", {
          id: 'admin.W411',
        }),
      );
  }
  const middleware = strList(settings.get('MIDDLEWARE')) ?? [];
  if (!middleware.includes('django.contrib.auth.middleware.AuthenticationMiddleware'))
    errors.push(Error_("'django.contrib.auth.middleware.AuthenticationMiddleware' must be in MIDDLEWARE in order to use the admin application.", { id: 'admin.E408' }));
  if (!middleware.includes('django.contrib.messages.middleware.MessageMiddleware'))
    errors.push(Error_("'django.contrib.messages.middleware.MessageMiddleware' must be in MIDDLEWARE in order to use the admin application.", { id: 'admin.E409' }));
  if (!middleware.includes('django.contrib.sessions.middleware.SessionMiddleware'))
    errors.push(
      Error_("'django.contrib.sessions.middleware.SessionMiddleware' must be in MIDDLEWARE in order to use the admin application.", {
        hint: "Insert 'django.contrib.sessions.middleware.SessionMiddleware' before 'django.contrib.auth.middleware.AuthenticationMiddleware'.",
        id: 'admin.E410',
      }),
    );
  return errors;
}

export function checkUserModel(apps: Apps, settings: SettingsLike, appLabels?: string[]): CheckMessage[] {
  if (!apps.isInstalled('django.contrib.auth')) return [];
  const label = pyStr(settings.get('AUTH_USER_MODEL') ?? 'auth.User');
  const [app, model] = label.split('.');
  if (appLabels && !appLabels.includes(app)) return [];
  let cls;
  try {
    cls = apps.getModel(label);
  } catch (e) {
    if (e instanceof PyException && e.type === 'LookupError' && !appLabels) throw e;
    return [];
  }
  void model;
  const meta = metaOf(cls)!;
  const obj = modelTarget(cls);
  const errors: CheckMessage[] = [];
  const required = cls.lookup('REQUIRED_FIELDS');
  const usernameField = pyStr(cls.lookup('USERNAME_FIELD') ?? 'username');
  if (!(required instanceof PyList || required instanceof PyTuple)) errors.push(Error_("'REQUIRED_FIELDS' must be a list or tuple.", { obj, id: 'auth.E001' }));
  const reqNames = strList(required ?? null) ?? [];
  if (reqNames.includes(usernameField))
    errors.push(
      Error_("The field named as the 'USERNAME_FIELD' for a custom user model must not be included in 'REQUIRED_FIELDS'.", {
        hint: `The 'USERNAME_FIELD' is currently set to '${usernameField}', you should remove '${usernameField}' from the 'REQUIRED_FIELDS'.`,
        obj,
        id: 'auth.E002',
      }),
    );
  const field = meta.getField(usernameField);
  const uniqueByConstraint = meta.totalUniqueConstraints.some((c) => c.fields.length === 1 && c.fields[0] === usernameField);
  if (!field.unique && !uniqueByConstraint) {
    const backends = strList(settings.get('AUTHENTICATION_BACKENDS')) ?? ['django.contrib.auth.backends.ModelBackend'];
    if (backends.length === 1 && backends[0] === 'django.contrib.auth.backends.ModelBackend')
      errors.push(Error_(`'${meta.objectName}.${usernameField}' must be unique because it is named as the 'USERNAME_FIELD'.`, { obj, id: 'auth.E003' }));
    else
      errors.push(
        Warning_(`'${meta.objectName}.${usernameField}' is named as the 'USERNAME_FIELD', but it is not unique.`, {
          hint: 'Ensure that your authentication backend(s) can handle non-unique usernames.',
          obj,
          id: 'auth.W004',
        }),
      );
  }
  // A method where Django expects a property: cls().is_anonymous would be a bound method, always true.
  for (const [attr, id] of [
    ['is_anonymous', 'auth.C009'],
    ['is_authenticated', 'auth.C010'],
  ] as const) {
    if (cls.lookup(attr) instanceof PyFunction)
      errors.push(
        new CheckMessage(
          CRITICAL,
          `${pyRepr(cls)}.${attr} must be an attribute or property rather than a method. Ignoring this is a security issue as anonymous users will be treated as authenticated!`,
          null,
          obj,
          id,
        ),
      );
  }
  return errors;
}

/** contenttypes.E005: ContentType.model holds at most 100 characters. */
export function checkModelNameLengths(apps: Apps, appLabels?: string[]): CheckMessage[] {
  if (!apps.isInstalled('django.contrib.contenttypes')) return [];
  const models = appLabels ? appLabels.flatMap((l) => apps.getAppModels(l)).filter((m) => !metaOf(m)!.swapped) : apps.getModels();
  const errors: CheckMessage[] = [];
  for (const m of models) {
    const n = metaOf(m)!.modelName.length;
    if (n > 100) errors.push(Error_(`Model names must be at most 100 characters (got ${n}).`, { obj: modelTarget(m), id: 'contenttypes.E005' }));
  }
  return errors;
}
