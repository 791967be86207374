// Wires the ORM and the shell into the engine once: model instances and managers, the Python
// modules the shell imports, and RunPython (migration functions run with the historical
// models from `apps.get_model` and this ORM, on the migration's connection).

import { PyException, PyInstance, PyList, type PyValue } from '../python/values';
import { callValue, nativeClass, pyStr } from '../python/index';
import { installOrm } from '../db/models/query';
import '../db/models/fields/related_descriptors';
import { installDjangoModules, connection } from './django_modules';
import { setRunPythonHook } from '../db/migrations/operations/database';
import { withConnection } from '../db/connection_queries';
import type { DatabaseWrapper } from '../db/backends/sqlite3/base';
import type { Apps } from '../apps/registry';

/** `apps` as RunPython functions see it: get_model() over the migration's historical state. */
const StateAppsClass = nativeClass({
  name: 'StateApps',
  module: 'django.db.migrations.state',
  methods: {
    get_model(self, args, kwargs) {
      const apps = (self as PyInstance).native as Apps;
      const label = args[0] ?? kwargs.get('app_label') ?? null;
      const name = args[1] ?? kwargs.get('model_name') ?? null;
      if (label === null) throw new PyException('TypeError', "get_model() missing 1 required positional argument: 'app_label'");
      return apps.getModel(pyStr(label), name === null ? undefined : pyStr(name));
    },
    get_models(self) {
      const apps = (self as PyInstance).native as Apps;
      return new PyList(apps.getModels());
    },
  },
});

const SchemaEditorClass = nativeClass({
  name: 'DatabaseSchemaEditor',
  module: 'django.db.backends.sqlite3.schema',
  hooks: {
    getAttr(_self, name) {
      if (name === 'connection') return connection;
      return undefined;
    },
  },
});

let installed = false;

export function installShell(): void {
  if (installed) return;
  installed = true;
  installOrm();
  installDjangoModules();
  setRunPythonHook((code, apps, schemaEditor) => {
    const se = schemaEditor as { connection?: DatabaseWrapper };
    const wrapper = se.connection;
    if (!wrapper) throw new PyException('RuntimeError', 'RunPython needs a database connection');
    const appsPy = new PyInstance(StateAppsClass, apps);
    const sePy = new PyInstance(SchemaEditorClass, schemaEditor);
    withConnection(wrapper, () => callValue(code as PyValue, [appsPy, sePy]));
  });
}
