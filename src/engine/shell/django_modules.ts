// The Python names the shell and RunPython code import from Django besides the model layer's:
// `django.db.connection` (with `queries`), `reset_queries`, `transaction.atomic`,
// `django.test.utils.CaptureQueriesContext`, the aggregates in `django.db.models`, and proper
// exception classes in `django.core.exceptions`.

import { PyBuiltin, PyClass, PyDict, PyException, PyInstance, PyList, PyModule, type PyValue } from '../python/values';
import {
  exceptionClass,
  getNativeModule,
  makeModule,
  nativeClass,
  registerExceptionClass,
  registerNativeModule,
  callValue,
  truthy,
  pyStr,
} from '../python/index';
import { currentConnection, hasCurrentConnection, type OrmConnection } from '../db/connection_queries';
import { transactionManagementError, type AtomicBlock } from '../db/backends/sqlite3/base';
import { AGGREGATES } from '../db/models/aggregates';
import { MultipleObjectsReturnedBase } from '../db/models/instance';
import { ObjectDoesNotExist } from '../db/models/base';
import '../db/models/pymodule';

function conn(): OrmConnection {
  if (!hasCurrentConnection()) throw new PyException('django.db.utils.OperationalError', 'no database connection is available here');
  return currentConnection();
}

function queriesList(c: OrmConnection, from = 0, to?: number): PyList {
  return new PyList(
    c.queriesLog.slice(from, to).map(
      (q) =>
        new PyDict([
          ['sql', q.sql],
          ['time', q.time],
        ]),
    ),
  );
}

export const ConnectionClass: PyClass = nativeClass({
  name: 'DatabaseWrapper',
  module: 'django.db.backends.sqlite3.base',
  hooks: {
    getAttr(_self, name) {
      switch (name) {
        case 'queries':
          return queriesList(conn());
        case 'queries_log':
          return queriesList(conn());
        case 'vendor':
          return 'sqlite';
        case 'alias':
          return 'default';
        case 'display_name':
          return 'SQLite';
        case 'force_debug_cursor':
          return conn().forceDebugCursor > 0;
        case 'queries_logged':
          return conn().queriesLogged;
        case 'in_atomic_block':
          return conn().inAtomicBlock;
        case 'needs_rollback':
          return conn().wrapper.needsRollback;
      }
      return undefined;
    },
    setAttr(_self, name, value) {
      if (name === 'force_debug_cursor') {
        conn().forceDebugCursor = truthy(value) ? 1 : 0;
        return true;
      }
      return false;
    },
  },
  methods: {
    ensure_connection: () => null,
    close: () => null,
    cursor: () => {
      throw new PyException('NotImplementedError', "connection.cursor() is not supported in the Migration Playground's shell; use the ORM");
    },
  },
});

export const connection = new PyInstance(ConnectionClass);

export const resetQueries = new PyBuiltin('reset_queries', 'django.db', () => {
  if (hasCurrentConnection()) conn().queriesLog.length = 0;
  return null;
});

interface CaptureState {
  initial: number;
  final: number | null;
  c: OrmConnection | null;
}

export const CaptureQueriesContext: PyClass = nativeClass({
  name: 'CaptureQueriesContext',
  module: 'django.test.utils',
  init(self) {
    self.native = { initial: 0, final: null, c: null } satisfies CaptureState;
  },
  hooks: {
    getAttr(self, name) {
      const st = self.native as CaptureState;
      if (name === 'captured_queries') return st.c ? queriesList(st.c, st.initial, st.final ?? undefined) : new PyList([]);
      if (name === 'connection') return connection;
      if (name === 'initial_queries') return BigInt(st.initial);
      if (name === 'final_queries') return st.final === null ? null : BigInt(st.final);
      return undefined;
    },
    len(self) {
      const st = self.native as CaptureState;
      return st.c ? (st.final ?? st.c.queriesLog.length) - st.initial : 0;
    },
  },
  methods: {
    __enter__(self) {
      const st = (self as PyInstance).native as CaptureState;
      st.c = conn();
      st.c.forceDebugCursor++;
      st.initial = st.c.queriesLog.length;
      st.final = null;
      return self;
    },
    __exit__(self) {
      const st = (self as PyInstance).native as CaptureState;
      if (st.c) {
        st.c.forceDebugCursor = Math.max(0, st.c.forceDebugCursor - 1);
        st.final = st.c.queriesLog.length;
      }
      return null;
    },
    __getitem__(self, args) {
      const st = (self as PyInstance).native as CaptureState;
      const list = st.c ? queriesList(st.c, st.initial, st.final ?? undefined) : new PyList([]);
      const i = Number(args[0] as bigint);
      const item = list.items[i < 0 ? list.items.length + i : i];
      if (item === undefined) throw new PyException('IndexError', 'list index out of range');
      return item;
    },
  },
});

/** transaction.atomic as a context manager and decorator: the connection's transaction and savepoints. */
const AtomicClass: PyClass = nativeClass({
  name: 'Atomic',
  module: 'django.db.transaction',
  methods: {
    __enter__(self) {
      const state = (self as PyInstance).native as AtomicState;
      const c = conn();
      state.blocks.push(c.wrapper.atomicEnter(state.savepoint, c.runControl));
      return null;
    },
    __exit__(self, args) {
      const c = conn();
      const block = ((self as PyInstance).native as AtomicState | undefined)?.blocks.pop();
      if (block) c.wrapper.atomicExit(block, args[0] !== null && args[0] !== undefined, c.runControl);
      return false;
    },
    __call__(self, args) {
      const fn = args[0];
      const savepoint = ((self as PyInstance).native as AtomicState).savepoint;
      return new PyBuiltin('inner', 'django.db.transaction', (a, k) => conn().atomic(() => callValue(fn, a, k), savepoint));
    },
  },
});

/** An Atomic object's savepoint flag and the blocks its `with` statements opened (nested uses of one object stack). */
interface AtomicState {
  savepoint: boolean;
  blocks: AtomicBlock[];
}

const atomic = new PyBuiltin('atomic', 'django.db.transaction', (args, kwargs) => {
  const state: AtomicState = { savepoint: truthy(kwargs.get('savepoint') ?? args[1] ?? true), blocks: [] };
  const inst = new PyInstance(AtomicClass, state);
  if (args.length && typeof args[0] !== 'string' && args[0] !== null) return callValue(AtomicClass.dict.get('__call__')!, [inst, args[0]]);
  return inst;
});

const outsideAtomic = () => transactionManagementError("The rollback flag doesn't work outside of an 'atomic' block.");

const getAutocommit = new PyBuiltin('get_autocommit', 'django.db.transaction', () => !conn().inAtomicBlock);
const getRollback = new PyBuiltin('get_rollback', 'django.db.transaction', () => {
  if (!conn().inAtomicBlock) throw outsideAtomic();
  return conn().wrapper.needsRollback;
});
const setRollback = new PyBuiltin('set_rollback', 'django.db.transaction', (args, kwargs) => {
  if (!conn().inAtomicBlock) throw outsideAtomic();
  conn().wrapper.needsRollback = truthy(args[0] ?? kwargs.get('rollback') ?? false);
  return null;
});

/** django.utils.text.slugify */
const slugify = new PyBuiltin('slugify', 'django.utils.text', (args, kwargs) => {
  const allowUnicode = truthy(args[1] ?? kwargs.get('allow_unicode') ?? false);
  let value = pyStr(args[0] ?? '');
  if (allowUnicode) value = value.normalize('NFKC');
  else value = value.normalize('NFKD').replace(/[^\x00-\x7f]/g, '');
  value = value.toLowerCase().replace(allowUnicode ? /[^\p{L}\p{N}_\s-]/gu : /[^\w\s-]/g, '');
  return value.replace(/[-\s]+/g, '-').replace(/^[-_]+|[-_]+$/g, '');
});

function exc(name: string, module: string, base: PyClass = exceptionClass): PyClass {
  const c = new PyClass(name, module, [base], {});
  registerExceptionClass(c, `${module}.${name}`);
  return c;
}

export const FieldErrorClass = exc('FieldError', 'django.core.exceptions');
export const FieldDoesNotExistClass = exc('FieldDoesNotExist', 'django.core.exceptions');
const DbError = exc('Error', 'django.db.utils');
const InterfaceError = exc('InterfaceError', 'django.db.utils', DbError);
const DatabaseError = exc('DatabaseError', 'django.db.utils', DbError);
const DB_ERRORS: Record<string, PyClass> = { Error: DbError, InterfaceError, DatabaseError };
for (const n of ['DataError', 'OperationalError', 'IntegrityError', 'InternalError', 'ProgrammingError', 'NotSupportedError']) DB_ERRORS[n] = exc(n, 'django.db.utils', DatabaseError);
const TransactionManagementError = exc('TransactionManagementError', 'django.db.transaction', DB_ERRORS.ProgrammingError);
registerExceptionClass(DatabaseError, 'django.db.models.base.DatabaseError');
export const EmptyResultSetClass = exc('EmptyResultSet', 'django.core.exceptions');

let installed = false;

/** Registers django.db / django.test modules and adds the ORM's names to the model layer's modules. */
export function installDjangoModules(): void {
  if (installed) return;
  installed = true;
  const dbMembers = () => ({ ...DB_ERRORS, connection, connections: new PyDict([['default', connection]]), reset_queries: resetQueries, DEFAULT_DB_ALIAS: 'default' });
  const prevDb = getNativeModule('django.db');
  registerNativeModule('django.db', () => {
    const m = new PyModule('django.db');
    if (prevDb) for (const [k, v] of prevDb.dict) m.dict.set(k, v);
    for (const [k, v] of Object.entries(dbMembers())) m.dict.set(k, v);
    return m;
  });
  registerNativeModule('django.db.utils', () => makeModule('django.db.utils', { ...DB_ERRORS, DEFAULT_DB_ALIAS: 'default' }));
  registerNativeModule('django.db.transaction', () =>
    makeModule('django.db.transaction', { atomic, get_autocommit: getAutocommit, get_rollback: getRollback, set_rollback: setRollback, TransactionManagementError }),
  );
  registerNativeModule('django.test', () => makeModule('django.test', {}));
  registerNativeModule('django.test.utils', () => makeModule('django.test.utils', { CaptureQueriesContext }));
  const models = getNativeModule('django.db.models');
  if (models) for (const [k, v] of Object.entries(AGGREGATES)) models.dict.set(k, v);
  registerNativeModule('django.db.models.aggregates', () => makeModule('django.db.models.aggregates', { ...AGGREGATES }));
  const text = getNativeModule('django.utils.text');
  if (text && !text.dict.has('slugify')) text.dict.set('slugify', slugify);
  const ex = getNativeModule('django.core.exceptions');
  if (ex) {
    ex.dict.set('FieldError', FieldErrorClass);
    ex.dict.set('EmptyResultSet', EmptyResultSetClass);
    ex.dict.set('FieldDoesNotExist', FieldDoesNotExistClass);
    ex.dict.set('MultipleObjectsReturned', MultipleObjectsReturnedBase);
    ex.dict.set('ObjectDoesNotExist', ObjectDoesNotExist);
  }
}
