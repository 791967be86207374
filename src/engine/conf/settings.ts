// Project settings (django.conf): settings.py evaluated by the interpreter, Django's defaults
// for the names the playground uses, and the `django.conf.settings` Python object.

import { PyDict, PyException, PyInstance, PyList, PyModule, PyTuple, type PyValue } from '../python/values';
import { execModule, getNativeModule, hasNativeModule, makeModule, registerNativeModule, type Host } from '../python/index';
import { nativeClass, pyStr } from '../utils/py';
import { SettingsReference } from './reference';
import { GLOBAL_SETTINGS_REPR } from './global_settings';

/** Django's global defaults for the settings the playground reads. */
const DEFAULTS: Record<string, () => PyValue> = {
  AUTH_USER_MODEL: () => 'auth.User',
  DEFAULT_AUTO_FIELD: () => 'django.db.models.AutoField',
  USE_TZ: () => true,
  TIME_ZONE: () => 'America/Chicago',
  USE_I18N: () => true,
  LANGUAGE_CODE: () => 'en-us',
  DEBUG: () => false,
  INSTALLED_APPS: () => new PyList([]),
  MIGRATION_MODULES: () => new PyDict(),
  DATABASE_ROUTERS: () => new PyList([]),
  SILENCED_SYSTEM_CHECKS: () => new PyList([]),
  DEFAULT_INDEX_TABLESPACE: () => '',
  DEFAULT_TABLESPACE: () => '',
  SECRET_KEY: () => '',
  STATIC_URL: () => null,
  MEDIA_ROOT: () => '',
  MEDIA_URL: () => '',
  ALLOWED_HOSTS: () => new PyList([]),
  MIDDLEWARE: () => new PyList([]),
  TEMPLATES: () => new PyList([]),
  SECRET_KEY_FALLBACKS: () => new PyList([]),
  X_FRAME_OPTIONS: () => 'DENY',
  SECURE_CONTENT_TYPE_NOSNIFF: () => true,
  SECURE_CROSS_ORIGIN_OPENER_POLICY: () => 'same-origin',
  SECURE_HSTS_INCLUDE_SUBDOMAINS: () => false,
  SECURE_HSTS_PRELOAD: () => false,
  SECURE_HSTS_SECONDS: () => 0n,
  SECURE_REFERRER_POLICY: () => 'same-origin',
  SECURE_SSL_REDIRECT: () => false,
  SESSION_COOKIE_SECURE: () => false,
  SESSION_COOKIE_HTTPONLY: () => true,
  CSRF_COOKIE_SECURE: () => false,
  CSRF_USE_SESSIONS: () => false,
  CSRF_TRUSTED_ORIGINS: () => new PyList([]),
  CACHES: () => new PyDict([['default', new PyDict([['BACKEND', 'django.core.cache.backends.locmem.LocMemCache']])]]),
  LANGUAGES: () => new PyList(defaultLanguages().map(([code, name]) => new PyTuple([code, name]))),
  LANGUAGES_BIDI: () => new PyList(['he', 'ar', 'ar-dz', 'ckb', 'fa', 'ug', 'ur']),
};

let languages: [string, string][] | undefined;
/** global_settings.LANGUAGES, read once from the defaults diffsettings prints. */
function defaultLanguages(): [string, string][] {
  languages ??= [...(GLOBAL_SETTINGS_REPR.get('LANGUAGES') ?? '').matchAll(/\('([^']+)', '([^']*)'\)/g)].map((m) => [
    m[1],
    m[2].replace(/\\u([0-9a-f]{4})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
  ]);
  return languages;
}

/** Settings django.conf accepts only as a list or a tuple. */
const TUPLE_SETTINGS = ['ALLOWED_HOSTS', 'INSTALLED_APPS', 'TEMPLATE_DIRS', 'LOCALE_PATHS', 'SECRET_KEY_FALLBACKS'];

export class Settings {
  /** Names set in settings.py (upper-case only, as Django keeps them). */
  readonly explicit = new Map<string, PyValue>();
  constructor(
    readonly file: string,
    /** The settings module itself (what `import settings` gives Python code). */
    readonly module: PyModule | null,
  ) {
    if (module) for (const [k, v] of module.dict) if (k === k.toUpperCase() && !k.startsWith('_')) this.explicit.set(k, v);
    for (const name of TUPLE_SETTINGS) {
      const v = this.explicit.get(name);
      if (v !== undefined && !(v instanceof PyList || v instanceof PyTuple))
        throw new PyException('django.core.exceptions.ImproperlyConfigured', `The ${name} setting must be a list or a tuple.`);
    }
  }

  get(name: string): PyValue | undefined {
    if (this.explicit.has(name)) return this.explicit.get(name);
    const d = DEFAULTS[name];
    return d ? d() : undefined;
  }
  isOverridden(name: string): boolean {
    return this.explicit.has(name);
  }

  /** INSTALLED_APPS entries as written. */
  get installedApps(): string[] {
    const v = this.get('INSTALLED_APPS');
    const items = v instanceof PyList || v instanceof PyTuple ? v.items : [];
    return items.map((x) => pyStr(x));
  }
  get authUserModel(): string {
    return pyStr(this.get('AUTH_USER_MODEL') ?? 'auth.User');
  }
  get defaultAutoField(): string {
    return pyStr(this.get('DEFAULT_AUTO_FIELD') ?? 'django.db.models.AutoField');
  }
  /** DATABASES['default']['NAME']: a path relative to the project root ('db.sqlite3') or absolute. */
  get databaseName(): string {
    const dbs = this.get('DATABASES');
    const def = dbs instanceof PyDict ? dbs.get('default') : undefined;
    const name = def instanceof PyDict ? def.get('NAME') : undefined;
    if (name === undefined || name === null) return 'db.sqlite3';
    return pyStr(name);
  }
}

const settingsErrors = new WeakSet<object>();

/**
 * Whether `e` is what reading settings.py raised as ImproperlyConfigured or ImportError: the
 * errors manage.py notes under its help text instead of stopping.
 */
export function isSettingsError(e: unknown): e is PyException {
  return e instanceof PyException && settingsErrors.has(e);
}

function noteSettingsError(e: unknown): void {
  if (!(e instanceof PyException)) return;
  if (['django.core.exceptions.ImproperlyConfigured', 'ImportError', 'ModuleNotFoundError'].includes(e.type)) settingsErrors.add(e);
}

/** Evaluates settings.py (the project root's, or the one named by `file`). */
export function loadSettings(source: string, file: string, host: Host): Settings {
  try {
    const mod = execModule(source, { filename: file, moduleName: file.replace(/\.py$/, '').replace(/\//g, '.'), host });
    return new Settings(file, mod);
  } catch (e) {
    noteSettingsError(e);
    throw e;
  }
}

// ---- django.conf ---------------------------------------------------------------------------

let current: Settings | null = null;
export function setCurrentSettings(s: Settings | null): void {
  current = s;
}
export function getCurrentSettings(): Settings | null {
  return current;
}

export const LazySettings = nativeClass('LazySettings', 'django.conf', [], {
  getAttr(_self, name) {
    if (!current) throw new PyException('django.core.exceptions.ImproperlyConfigured', `Requested setting ${name}, but settings are not configured.`);
    const v = current.get(name);
    if (v === undefined) throw new PyException('AttributeError', `'Settings' object has no attribute '${name}'`);
    return v;
  },
  repr: () => `<LazySettings "${current?.file.replace(/\.py$/, '') ?? 'settings'}">`,
});
export const settingsObject = new PyInstance(LazySettings);

if (!hasNativeModule('django.conf'))
  registerNativeModule('django.conf', () => makeModule('django.conf', { settings: settingsObject, SettingsReference }));

void getNativeModule;
