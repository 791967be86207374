// django.db's connection handler fills DATABASES with its defaults in place the first time a
// connection is looked up, and model classes look one up to size their default table names.
// Only `diffsettings` (and Python code printing settings.DATABASES) can see the difference.

import { getCurrentSettings } from '../conf/settings';
import { PyDict, type PyValue } from '../python/values';
import { truthy } from '../python/protocol';

const DUMMY = 'django.db.backends.dummy';

function setDefault(d: PyDict, key: string, value: PyValue): PyValue {
  if (!d.has(key)) d.set(key, value);
  return d.get(key)!;
}

/** ConnectionHandler.configure_settings() on a DATABASES dict. */
export function configureDatabases(databases: PyDict): void {
  if (databases.size === 0) databases.set('default', new PyDict([['ENGINE', DUMMY]]));
  const def = databases.get('default');
  // Without a 'default' alias Django stops with ImproperlyConfigured; the playground leaves it be.
  if (def === undefined) return;
  if (def instanceof PyDict && def.size === 0) def.set('ENGINE', DUMMY);
  for (const conn of databases.values()) {
    if (!(conn instanceof PyDict)) continue;
    setDefault(conn, 'ATOMIC_REQUESTS', false);
    setDefault(conn, 'AUTOCOMMIT', true);
    const engine = setDefault(conn, 'ENGINE', DUMMY);
    if (engine === 'django.db.backends.' || !truthy(engine)) conn.set('ENGINE', DUMMY);
    setDefault(conn, 'CONN_MAX_AGE', 0n);
    setDefault(conn, 'CONN_HEALTH_CHECKS', false);
    setDefault(conn, 'OPTIONS', new PyDict());
    setDefault(conn, 'TIME_ZONE', null);
    for (const key of ['NAME', 'USER', 'PASSWORD', 'HOST', 'PORT']) setDefault(conn, key, '');
    const test = setDefault(conn, 'TEST', new PyDict());
    if (!(test instanceof PyDict)) continue;
    for (const [key, value] of [['CHARSET', null], ['COLLATION', null], ['MIGRATE', true], ['MIRROR', null], ['NAME', null]] as const)
      setDefault(test, key, value);
  }
}

const configured = new WeakSet<object>();

/** A model class asked the default connection for its limits: DATABASES gets its defaults, once. */
export function touchDefaultConnection(): void {
  const settings = getCurrentSettings();
  if (!settings || configured.has(settings)) return;
  configured.add(settings);
  const databases = settings.isOverridden('DATABASES') ? settings.get('DATABASES') : undefined;
  if (databases instanceof PyDict) configureDatabases(databases);
}
