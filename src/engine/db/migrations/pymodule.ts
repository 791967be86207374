// The `django.db.migrations` Python module migration files import: Migration, the operation
// classes (building the TypeScript operations), swappable_dependency, RunPython.noop.

import { bind, makeModule, nativeClass, nativeFunction, registerNativeModule, sig, type Signature } from '../../python/native';
import { PyClass, PyDict, PyException, PyInstance, PyList, PyTuple, type Kwargs, type PyValue } from '../../python/values';
import {
  AddConstraint,
  AddField,
  AddIndex,
  AlterConstraint,
  AlterField,
  AlterIndexTogether,
  AlterModelManagers,
  AlterModelOptions,
  AlterModelTable,
  AlterModelTableComment,
  AlterOrderWithRespectTo,
  AlterUniqueTogether,
  CreateModel,
  DeleteModel,
  Operation,
  RemoveConstraint,
  RemoveField,
  RemoveIndex,
  RenameField,
  RenameIndex,
  RenameModel,
  RunPython,
  RunSQL,
  RUN_PYTHON_NOOP,
  SeparateDatabaseAndState,
  type FieldLike,
  type ManagerLike,
  type NamedObjectLike,
} from './operations';
import { SwappableTuple } from './migration';

export { SwappableTuple };

// ------------------------------------------------------------------------------------------
// Python value -> operation argument conversion

function items(v: PyValue | undefined): PyValue[] {
  if (v === undefined || v === null) return [];
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  throw new PyException('TypeError', `'${typeof v === 'object' ? (v as { constructor: { name: string } }).constructor.name : typeof v}' object is not iterable`);
}

function native<T>(v: PyValue | undefined): T {
  return (v instanceof PyInstance ? v.native : v) as T;
}

function str(v: PyValue | undefined, what: string): string {
  if (typeof v === 'string') return v;
  if (v instanceof PyInstance && typeof v.native === 'object' && v.native && 'value' in (v.native as object)) {
    const s = (v.native as { value: unknown }).value;
    if (typeof s === 'string') return s;
  }
  throw new PyException('TypeError', `${what} must be a str`);
}

function strOrNone(v: PyValue | undefined, what: string): string | null {
  return v === null || v === undefined ? null : str(v, what);
}

function fieldOf(v: PyValue | undefined): FieldLike {
  const f = native<FieldLike>(v);
  if (!f || typeof (f as { deconstruct?: unknown }).deconstruct !== 'function') {
    throw new PyException('TypeError', 'field must be a model field instance');
  }
  return f;
}

function pairs<T>(v: PyValue | undefined, conv: (x: PyValue) => T): [string, T][] {
  return items(v).map((p) => {
    const t = items(p);
    if (t.length !== 2) throw new PyException('ValueError', `too many values to unpack (expected 2)`);
    return [str(t[0], 'name'), conv(t[1])];
  });
}

function dictToRecord(v: PyValue | undefined): Record<string, unknown> {
  if (v === null || v === undefined) return {};
  if (!(v instanceof PyDict)) throw new PyException('TypeError', 'options must be a dict');
  const out: Record<string, unknown> = {};
  for (const [k, x] of v.items()) out[String(k)] = x;
  return out;
}

function operationOf(v: PyValue): Operation {
  const op = native<Operation>(v);
  if (!(op instanceof Operation)) throw new PyException('TypeError', 'expected a migration operation');
  return op;
}

function operations(v: PyValue | undefined): Operation[] | null {
  return v === null || v === undefined ? null : items(v).map(operationOf);
}

// ------------------------------------------------------------------------------------------
// The classes

interface OpSpec {
  name: string;
  module: string;
  signature: string;
  build: (a: Record<string, PyValue | undefined>) => Operation;
}

const MODELS_MODULE = 'django.db.migrations.operations.models';
const FIELDS_MODULE = 'django.db.migrations.operations.fields';
const SPECIAL_MODULE = 'django.db.migrations.operations.special';

const SPECS: OpSpec[] = [
  {
    name: 'CreateModel',
    module: MODELS_MODULE,
    signature: 'self, name, fields, options=None, bases=None, managers=None',
    build: (a) =>
      new CreateModel(
        str(a.name, 'name'),
        pairs(a.fields, fieldOf),
        dictToRecord(a.options),
        a.bases === null || a.bases === undefined ? null : items(a.bases),
        a.managers === null || a.managers === undefined ? null : pairs(a.managers, (m) => native<ManagerLike>(m)),
      ),
  },
  { name: 'DeleteModel', module: MODELS_MODULE, signature: 'self, name', build: (a) => new DeleteModel(str(a.name, 'name')) },
  {
    name: 'RenameModel',
    module: MODELS_MODULE,
    signature: 'self, old_name, new_name',
    build: (a) => new RenameModel(str(a.old_name, 'old_name'), str(a.new_name, 'new_name')),
  },
  {
    name: 'AlterModelTable',
    module: MODELS_MODULE,
    signature: 'self, name, table',
    build: (a) => new AlterModelTable(str(a.name, 'name'), strOrNone(a.table, 'table')),
  },
  {
    name: 'AlterModelTableComment',
    module: MODELS_MODULE,
    signature: 'self, name, table_comment',
    build: (a) => new AlterModelTableComment(str(a.name, 'name'), strOrNone(a.table_comment, 'table_comment')),
  },
  {
    name: 'AlterUniqueTogether',
    module: MODELS_MODULE,
    signature: 'self, name, unique_together',
    build: (a) => new AlterUniqueTogether(str(a.name, 'name'), a.unique_together),
  },
  {
    name: 'AlterIndexTogether',
    module: MODELS_MODULE,
    signature: 'self, name, index_together',
    build: (a) => new AlterIndexTogether(str(a.name, 'name'), a.index_together),
  },
  {
    name: 'AlterOrderWithRespectTo',
    module: MODELS_MODULE,
    signature: 'self, name, order_with_respect_to',
    build: (a) => new AlterOrderWithRespectTo(str(a.name, 'name'), strOrNone(a.order_with_respect_to, 'order_with_respect_to')),
  },
  {
    name: 'AlterModelOptions',
    module: MODELS_MODULE,
    signature: 'self, name, options',
    build: (a) => new AlterModelOptions(str(a.name, 'name'), dictToRecord(a.options)),
  },
  {
    name: 'AlterModelManagers',
    module: MODELS_MODULE,
    signature: 'self, name, managers',
    build: (a) => new AlterModelManagers(str(a.name, 'name'), pairs(a.managers, (m) => native<ManagerLike>(m))),
  },
  {
    name: 'AddIndex',
    module: MODELS_MODULE,
    signature: 'self, model_name, index',
    build: (a) => new AddIndex(str(a.model_name, 'model_name'), native<NamedObjectLike>(a.index)),
  },
  {
    name: 'RemoveIndex',
    module: MODELS_MODULE,
    signature: 'self, model_name, name',
    build: (a) => new RemoveIndex(str(a.model_name, 'model_name'), str(a.name, 'name')),
  },
  {
    name: 'RenameIndex',
    module: MODELS_MODULE,
    signature: 'self, model_name, new_name, old_name=None, old_fields=None',
    build: (a) =>
      new RenameIndex(
        str(a.model_name, 'model_name'),
        str(a.new_name, 'new_name'),
        strOrNone(a.old_name, 'old_name'),
        a.old_fields === null || a.old_fields === undefined ? null : items(a.old_fields).map((x) => str(x, 'old_fields')),
      ),
  },
  {
    name: 'AddConstraint',
    module: MODELS_MODULE,
    signature: 'self, model_name, constraint',
    build: (a) => new AddConstraint(str(a.model_name, 'model_name'), native<NamedObjectLike>(a.constraint)),
  },
  {
    name: 'RemoveConstraint',
    module: MODELS_MODULE,
    signature: 'self, model_name, name',
    build: (a) => new RemoveConstraint(str(a.model_name, 'model_name'), str(a.name, 'name')),
  },
  {
    name: 'AlterConstraint',
    module: MODELS_MODULE,
    signature: 'self, model_name, name, constraint',
    build: (a) => new AlterConstraint(str(a.model_name, 'model_name'), str(a.name, 'name'), native<NamedObjectLike>(a.constraint)),
  },
  {
    name: 'AddField',
    module: FIELDS_MODULE,
    signature: 'self, model_name, name, field, preserve_default=True',
    build: (a) => new AddField(str(a.model_name, 'model_name'), str(a.name, 'name'), fieldOf(a.field), a.preserve_default !== false),
  },
  {
    name: 'RemoveField',
    module: FIELDS_MODULE,
    signature: 'self, model_name, name',
    build: (a) => new RemoveField(str(a.model_name, 'model_name'), str(a.name, 'name')),
  },
  {
    name: 'AlterField',
    module: FIELDS_MODULE,
    signature: 'self, model_name, name, field, preserve_default=True',
    build: (a) => new AlterField(str(a.model_name, 'model_name'), str(a.name, 'name'), fieldOf(a.field), a.preserve_default !== false),
  },
  {
    name: 'RenameField',
    module: FIELDS_MODULE,
    signature: 'self, model_name, old_name, new_name',
    build: (a) => new RenameField(str(a.model_name, 'model_name'), str(a.old_name, 'old_name'), str(a.new_name, 'new_name')),
  },
  {
    name: 'SeparateDatabaseAndState',
    module: SPECIAL_MODULE,
    signature: 'self, database_operations=None, state_operations=None',
    build: (a) => new SeparateDatabaseAndState(operations(a.database_operations), operations(a.state_operations)),
  },
  {
    name: 'RunSQL',
    module: SPECIAL_MODULE,
    signature: 'self, sql, reverse_sql=None, state_operations=None, hints=None, elidable=False',
    build: (a) =>
      new RunSQL(a.sql ?? null, a.reverse_sql ?? null, operations(a.state_operations), (a.hints as PyDict | null) ?? null, a.elidable === true),
  },
  {
    name: 'RunPython',
    module: SPECIAL_MODULE,
    signature: 'self, code, reverse_code=None, atomic=None, hints=None, elidable=False',
    build: (a) =>
      new RunPython(
        a.code ?? null,
        a.reverse_code ?? null,
        a.atomic === null || a.atomic === undefined ? null : a.atomic === true,
        (a.hints as PyDict | null) ?? null,
        a.elidable === true,
      ),
  },
];

function opClass(spec: OpSpec, base: PyClass): PyClass {
  const s: Signature = sig(`${spec.name}.__init__`, spec.signature);
  return nativeClass({
    name: spec.name,
    module: spec.module,
    bases: [base],
    init: (self: PyInstance, args: PyValue[], kwargs: Kwargs) => {
      const a = bind(s, [self, ...args], kwargs);
      self.native = spec.build(a);
    },
    hooks: {
      getAttr: (self, name) => operationAttr(self.native as Operation, name),
      repr: (self) => `<${spec.name} ...>`,
    },
  });
}

/** A few attributes Python code reads from operations (op.name, op.model_name ...). */
function operationAttr(op: Operation | undefined, name: string): PyValue | undefined {
  if (!op) return undefined;
  const map: Record<string, string> = {
    name: 'name',
    model_name: 'modelName',
    old_name: 'oldName',
    new_name: 'newName',
    reversible: 'reversible',
    reduces_to_sql: 'reducesToSql',
    atomic: 'atomic',
    elidable: 'elidable',
  };
  const key = map[name];
  if (!key) return undefined;
  const v = (op as unknown as Record<string, unknown>)[key];
  if (v === undefined) return undefined;
  return v as PyValue;
}

let built: Record<string, PyValue> | undefined;

/** The module's members, built once. */
export function migrationsMembers(): Record<string, PyValue> {
  if (built) return built;
  const operationBase = nativeClass({ name: 'Operation', module: 'django.db.migrations.operations.base' });
  const members: Record<string, PyValue> = { Operation: operationBase };
  for (const spec of SPECS) members[spec.name] = opClass(spec, operationBase);
  (members.RunPython as PyClass).dict.set('noop', RUN_PYTHON_NOOP);
  (members.RunSQL as PyClass).dict.set('noop', '');
  members.Migration = nativeClass({
    name: 'Migration',
    module: 'django.db.migrations.migration',
    attrs: {
      operations: new PyList([]),
      dependencies: new PyList([]),
      run_before: new PyList([]),
      replaces: new PyList([]),
      initial: null,
      atomic: true,
    },
  });
  members.swappable_dependency = nativeFunction('django.db.migrations.migration', 'swappable_dependency', 'value', (a) => {
    const value = str(a.value, 'value');
    return new SwappableTuple([value.split('.')[0], '__first__'], value);
  });
  built = members;
  return members;
}

export function registerMigrationsModule(): void {
  const members = () => migrationsMembers();
  registerNativeModule('django.db.migrations', () => makeModule('django.db.migrations', members()));
  registerNativeModule('django.db.migrations.operations', () => makeModule('django.db.migrations.operations', members()));
  for (const mod of [MODELS_MODULE, FIELDS_MODULE, SPECIAL_MODULE]) {
    registerNativeModule(mod, () => {
      const m = makeModule(mod, {});
      for (const spec of SPECS) if (spec.module === mod) m.dict.set(spec.name, members()[spec.name]);
      return m;
    });
  }
  registerNativeModule('django.db.migrations.migration', () =>
    makeModule('django.db.migrations.migration', { Migration: members().Migration, swappable_dependency: members().swappable_dependency }),
  );
}
