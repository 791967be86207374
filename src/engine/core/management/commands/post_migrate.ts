// The post_migrate handlers of django.contrib.contenttypes and django.contrib.auth, as migrate
// runs them: a content type row per model and the default permissions, written through the
// models of the migrated state (so django_content_type gets `name` '' while that column exists).

import { PyList, PyTuple, type PyValue } from '../../../python/values';
import type { DatabaseWrapper } from '../../../db/backends/sqlite3/base';
import { camelCaseToSpaces } from '../../../db/models/options';

interface StateModel {
  appLabel: string;
  name: string;
  fields: Map<string, unknown> | [string, unknown][];
  options: Map<string, unknown> | Record<string, unknown>;
}

function option(ms: StateModel, name: string): unknown {
  const o = ms.options;
  if (o instanceof Map) return o.get(name);
  const camel = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return (o as Record<string, unknown>)[name] ?? (o as Record<string, unknown>)[camel];
}

function fieldNames(ms: StateModel): string[] {
  return ms.fields instanceof Map ? [...ms.fields.keys()] : ms.fields.map(([n]) => n);
}

function items(v: unknown): unknown[] {
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  if (Array.isArray(v)) return v;
  return [];
}

function pyText(v: unknown): string {
  if (typeof v === 'string') return v;
  const native = (v as { native?: unknown } | null)?.native;
  if (typeof native === 'string') return native;
  return String(v);
}

/** The models of a state, app by app, in the order the state holds them. */
export function stateModels(state: unknown): StateModel[] {
  const models = (state as { models?: Map<unknown, StateModel> | { values(): Iterable<StateModel> } }).models;
  if (!models) return [];
  return [...models.values()];
}

export function emitPostMigrate(
  connection: DatabaseWrapper,
  state: unknown,
  appLabels: string[],
  appsWithModels: Set<string>,
  verbosity: number,
  write: (line: string) => void,
  setting: (name: string) => string | undefined = () => undefined,
): void {
  // Swapped-out models (auth.User under a custom AUTH_USER_MODEL) are not the app's models.
  const isSwapped = (m: StateModel) => {
    const swappable = option(m, 'swappable');
    if (typeof swappable !== 'string') return false;
    const value = setting(swappable);
    return value !== undefined && value.toLowerCase() !== `${m.appLabel}.${m.name}`.toLowerCase();
  };
  const models = stateModels(state).filter((m) => !isSwapped(m));
  const find = (app: string, name: string) => models.find((m) => m.appLabel === app && m.name.toLowerCase() === name);
  const contentType = find('contenttypes', 'contenttype');
  const permission = find('auth', 'permission');
  const tables = new Set(connection.introspection.tableNames());
  for (const app of appLabels) {
    if (!appsWithModels.has(app)) continue;
    if (verbosity >= 2) write(`Running post-migrate handlers for application ${app}`);
    const appModels = models.filter((m) => m.appLabel === app);
    // auth's handler (create_permissions) runs first when auth is installed; it creates the
    // content types itself, then contenttypes' own handler finds nothing left to add.
    if (appLabels.includes('auth') && permission && contentType && tables.has('auth_permission') && tables.has('django_content_type')) {
      createContentTypes(connection, contentType, app, appModels, verbosity, write);
      createPermissions(connection, app, appModels, verbosity, write);
    }
    if (appLabels.includes('contenttypes') && contentType && tables.has('django_content_type')) {
      createContentTypes(connection, contentType, app, appModels, verbosity, write);
    }
  }
}

function contentTypeId(connection: DatabaseWrapper, app: string, model: string): number | null {
  const row = connection.query('SELECT "id" FROM "django_content_type" WHERE ("app_label" = ? AND "model" = ?)', [app, model])[0];
  return row ? Number(row[0]) : null;
}

function createContentTypes(
  connection: DatabaseWrapper,
  contentType: StateModel,
  app: string,
  appModels: StateModel[],
  verbosity: number,
  write: (line: string) => void,
): void {
  if (!appModels.length) return;
  const hasName = fieldNames(contentType).includes('name');
  for (const m of appModels) {
    const model = m.name.toLowerCase();
    if (contentTypeId(connection, app, model) !== null) continue;
    if (hasName) {
      connection.execute('INSERT INTO "django_content_type" ("name", "app_label", "model") VALUES (?, ?, ?)', ['', app, model]);
    } else {
      connection.execute('INSERT INTO "django_content_type" ("app_label", "model") VALUES (?, ?)', [app, model]);
    }
    if (verbosity >= 2) write(`Adding content type '${app} | ${model}'`);
  }
}

function createPermissions(
  connection: DatabaseWrapper,
  app: string,
  appModels: StateModel[],
  verbosity: number,
  write: (line: string) => void,
): void {
  const wanted: [number, string, string][] = [];
  for (const m of appModels) {
    const model = m.name.toLowerCase();
    const ct = contentTypeId(connection, app, model);
    if (ct === null) continue;
    const verbose = option(m, 'verbose_name');
    const verboseName = verbose !== undefined && verbose !== null ? pyText(verbose) : camelCaseToSpaces(m.name);
    const defaults = option(m, 'default_permissions');
    const actions = defaults === undefined ? ['add', 'change', 'delete', 'view'] : items(defaults).map(pyText);
    for (const action of actions) wanted.push([ct, `${action}_${model}`, `Can ${action} ${verboseName}`]);
    for (const p of items(option(m, 'permissions'))) {
      const [codename, name] = items(p).map(pyText);
      wanted.push([ct, codename, name]);
    }
  }
  for (const [ct, codename, name] of wanted) {
    const exists = connection.query('SELECT 1 FROM "auth_permission" WHERE "content_type_id" = ? AND "codename" = ?', [ct, codename]).length;
    if (exists) continue;
    connection.execute('INSERT INTO "auth_permission" ("name", "content_type_id", "codename") VALUES (?, ?, ?)', [name, ct, codename]);
    if (verbosity >= 2) {
      const id = connection.query('SELECT last_insert_rowid()')[0]?.[0];
      write(`Adding permission 'Permission object (${String(id)})'`);
    }
  }
}

export type { PyValue };
