// The database side of the migration operations (database_forwards / database_backwards in
// Django's operations/*.py). The operation classes call these; the schema editor does the SQL.

import { PyClass, PyException, PyInstance, PyList, PyTuple, type PyValue } from '../../../python/values';
import type { DatabaseSchemaEditor } from '../../backends/sqlite3/schema';
import type { SchemaConstraint, SchemaField, SchemaIndex, SchemaModel, SchemaOptions } from '../../backends/base/types';
import { SchemaValueError } from '../../backends/base/schema';
import { optsOf } from '../../backends/base/types';

// ---- access to states and rendered models -------------------------------------------------

interface StateWithApps {
  apps: { getModel(appLabel: string, modelName: string): unknown };
  models: Map<string, unknown> | { get(key: unknown): unknown };
  clone(): StateWithApps;
}

/** A rendered model as the schema editor takes it (the model class itself). */
export function asSchemaModel(model: unknown): SchemaModel {
  optsOf(model);
  return model as SchemaModel;
}

export function getModel(state: unknown, appLabel: string, modelName: string): SchemaModel {
  return asSchemaModel((state as StateWithApps).apps.getModel(appLabel, modelName));
}

function modelState(state: unknown, appLabel: string, modelNameLower: string): { options: Map<string, unknown> | Record<string, unknown> } & Record<string, unknown> {
  const models = (state as StateWithApps).models as { get(k: unknown): unknown };
  const direct =
    models.get(`${appLabel}.${modelNameLower}`) ??
    models.get([appLabel, modelNameLower] as unknown) ??
    (models instanceof Map ? [...models.entries()].find(([k]) => keyMatches(k, appLabel, modelNameLower))?.[1] : undefined);
  return direct as { options: Map<string, unknown> | Record<string, unknown> } & Record<string, unknown>;
}

function keyMatches(k: unknown, appLabel: string, modelName: string): boolean {
  if (Array.isArray(k)) return k[0] === appLabel && k[1] === modelName;
  if (typeof k === 'string') return k === `${appLabel}.${modelName}` || k === `${appLabel},${modelName}` || k === `${appLabel}\0${modelName}`;
  return false;
}

function optionOf(ms: { options: Map<string, unknown> | Record<string, unknown> }, name: string): unknown {
  const o = ms.options;
  if (o instanceof Map) return o.get(name);
  const camel = name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
  return (o as Record<string, unknown>)[name] ?? (o as Record<string, unknown>)[camel];
}

function byName<T extends { name: string }>(ms: Record<string, unknown>, kind: 'indexes' | 'constraints', name: string): T {
  const getter = kind === 'indexes' ? 'getIndexByName' : 'getConstraintByName';
  const fn = ms[getter] as ((n: string) => T) | undefined;
  if (typeof fn === 'function') return fn.call(ms, name);
  const list = (optionOf(ms as { options: Record<string, unknown> }, kind) as T[] | undefined) ?? [];
  const found = list.find((x) => nameOf(x) === name);
  if (!found) throw new PyException('ValueError', `No ${kind === 'indexes' ? 'index' : 'constraint'} named ${name} on model ${String(ms.name)}`);
  return found;
}

function nameOf(x: unknown): string {
  const n = x as { name?: string; native?: { name?: string } };
  return n.name ?? n.native?.name ?? '';
}

/** Index/constraint objects may be Python-visible instances wrapping the TypeScript object. */
function nativeOf<T>(x: unknown): T {
  if (x instanceof PyInstance && x.native !== undefined) return x.native as T;
  return x as T;
}

/** Proxy, unmanaged and swapped models have no table of their own to change. */
export function allowMigrateModel(model: SchemaModel): boolean {
  const meta = optsOf(model);
  const canMigrate = (meta as { canMigrate?: (c: unknown) => boolean }).canMigrate;
  if (typeof canMigrate === 'function') return canMigrate.call(meta, 'default');
  return meta.managed !== false && !meta.proxy && !meta.swapped;
}

type Editor = DatabaseSchemaEditor;
const editorOf = (e: unknown) => e as Editor;

// ---- models -------------------------------------------------------------------------------

export function createModelForwards(op: { name: string }, appLabel: string, se: unknown, _from: unknown, to: unknown): void {
  const model = getModel(to, appLabel, op.name);
  if (!allowMigrateModel(model)) return;
  const editor = editorOf(se);
  editor.createModel(model);
  const ms = modelState(to, appLabel, op.name.toLowerCase());
  const indexTogether = ms ? togetherOf(optionOf(ms, 'index_together')) : [];
  if (indexTogether.length) editor.alterIndexTogether(model, [], indexTogether);
}

export function createModelBackwards(op: { name: string }, appLabel: string, se: unknown, from: unknown): void {
  const model = getModel(from, appLabel, op.name);
  if (allowMigrateModel(model)) editorOf(se).deleteModel(model);
}

export function deleteModelForwards(op: { name: string }, appLabel: string, se: unknown, from: unknown): void {
  const model = getModel(from, appLabel, op.name);
  if (allowMigrateModel(model)) editorOf(se).deleteModel(model);
}

export function deleteModelBackwards(op: { name: string }, appLabel: string, se: unknown, _from: unknown, to: unknown): void {
  const model = getModel(to, appLabel, op.name);
  if (allowMigrateModel(model)) editorOf(se).createModel(model);
}

export function renameModelForwards(oldName: string, newName: string, appLabel: string, se: unknown, from: unknown, to: unknown): void {
  const newModel = getModel(to, appLabel, newName);
  if (!allowMigrateModel(newModel)) return;
  const editor = editorOf(se);
  const oldModel = getModel(from, appLabel, oldName);
  editor.alterDbTable(newModel, optsOf(oldModel).dbTable, optsOf(newModel).dbTable);
  for (const rel of optsOf(oldModel).relatedObjects ?? []) {
    const relatedMeta = optsOf(rel.relatedModel);
    let model: SchemaModel;
    let key: [string, string];
    if (relatedMeta === optsOf(oldModel) || rel.relatedModel === oldModel) {
      model = newModel;
      key = [appLabel, newName.toLowerCase()];
    } else {
      key = [relatedMeta.appLabel, relatedMeta.modelName];
      model = getModel(to, ...key);
    }
    const fieldName = rel.field?.name ?? '';
    const toField = optsOf(getModel(to, ...key)).getField(fieldName);
    editor.alterField(model, rel.field!, toField);
  }
  const olds = optsOf(oldModel).localManyToMany;
  const news = optsOf(newModel).localManyToMany;
  for (let i = 0; i < Math.min(olds.length, news.length); i++) {
    const newField = news[i];
    const related = newField.remoteField?.model;
    if ((related && optsOf(related) === optsOf(newModel)) || !optsOf(newField.remoteField?.through).autoCreated) continue;
    editor._alterManyToMany(newModel, olds[i], newField);
  }
}

export function alterModelTableForwards(op: { name: string }, appLabel: string, se: unknown, from: unknown, to: unknown): void {
  const newModel = getModel(to, appLabel, op.name);
  if (!allowMigrateModel(newModel)) return;
  const editor = editorOf(se);
  const oldModel = getModel(from, appLabel, op.name);
  editor.alterDbTable(newModel, optsOf(oldModel).dbTable, optsOf(newModel).dbTable);
  const olds = optsOf(oldModel).localManyToMany;
  const news = optsOf(newModel).localManyToMany;
  for (let i = 0; i < Math.min(olds.length, news.length); i++) {
    const through = news[i].remoteField?.through;
    if (optsOf(through).autoCreated) {
      editor.alterDbTable(through!, optsOf(olds[i].remoteField?.through).dbTable, optsOf(through).dbTable);
    }
  }
}

export function alterModelTableCommentForwards(op: { name: string }, appLabel: string, se: unknown, from: unknown, to: unknown): void {
  const newModel = getModel(to, appLabel, op.name);
  if (!allowMigrateModel(newModel)) return;
  const oldModel = getModel(from, appLabel, op.name);
  editorOf(se).alterDbTableComment(newModel, optsOf(oldModel).dbTableComment ?? null, optsOf(newModel).dbTableComment ?? null);
}

function togetherOf(v: unknown): string[][] {
  const outer = iterItems(v);
  return outer.map((inner) => iterItems(inner).map((x) => String(x)));
}

function iterItems(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  if (v instanceof PyList || v instanceof PyTuple) return [...v.items];
  const set = v as { values?: () => unknown[] };
  if (v instanceof Set) return [...v];
  if (typeof set.values === 'function') return [...set.values()];
  return [];
}

export function alterTogetherForwards(
  op: { name: string; optionName: 'unique_together' | 'index_together' },
  appLabel: string,
  se: unknown,
  from: unknown,
  to: unknown,
): void {
  const newModel = getModel(to, appLabel, op.name);
  if (!allowMigrateModel(newModel)) return;
  const fromMs = modelState(from, appLabel, op.name.toLowerCase());
  const toMs = modelState(to, appLabel, op.name.toLowerCase());
  const olds = togetherOf(optionOf(fromMs, op.optionName));
  const news = togetherOf(optionOf(toMs, op.optionName));
  const editor = editorOf(se);
  if (op.optionName === 'unique_together') editor.alterUniqueTogether(newModel, olds, news);
  else editor.alterIndexTogether(newModel, olds, news);
}

export function alterOrderWithRespectToForwards(op: { name: string }, appLabel: string, se: unknown, from: unknown, to: unknown): void {
  const toModel = getModel(to, appLabel, op.name);
  if (!allowMigrateModel(toModel)) return;
  const fromModel = getModel(from, appLabel, op.name);
  const owrt = (m: SchemaModel) => (optsOf(m) as { orderWithRespectTo?: unknown }).orderWithRespectTo;
  const editor = editorOf(se);
  if (owrt(fromModel) && !owrt(toModel)) {
    editor.removeField(fromModel, optsOf(fromModel).getField('_order'));
  } else if (owrt(toModel) && !owrt(fromModel)) {
    const field = optsOf(toModel).getField('_order');
    if (!field.hasDefault()) {
      editor.addField(fromModel, withDefault(field, 0n));
    } else {
      editor.addField(fromModel, field);
    }
  }
}

/** The field with another Python default, for AddField(preserve_default=False) and `_order`. */
export function withDefault(field: SchemaField, value: unknown): SchemaField {
  return new Proxy(field, {
    get(target, prop, receiver) {
      if (prop === 'hasDefault') return () => true;
      if (prop === 'getDefault') return () => (typeof value === 'function' ? (value as () => unknown)() : value);
      if (prop === 'default') return value;
      const v = Reflect.get(target, prop, receiver);
      return typeof v === 'function' ? v.bind(target) : v;
    },
  });
}

/** The field as it is when its `default` is set to the operation field's default. */
function withOperationDefault(field: SchemaField, opField: unknown): SchemaField {
  const f = nativeOf<SchemaField>(opField);
  if (!f || typeof f.hasDefault !== 'function' || !f.hasDefault()) {
    return new Proxy(field, {
      get(target, prop, receiver) {
        if (prop === 'hasDefault') return () => false;
        if (prop === 'getDefault') return () => null;
        const v = Reflect.get(target, prop, receiver);
        return typeof v === 'function' ? v.bind(target) : v;
      },
    });
  }
  return withDefault(field, () => f.getDefault());
}

// ---- indexes and constraints --------------------------------------------------------------

export function addIndexForwards(op: { modelName: string; index: unknown }, appLabel: string, se: unknown, _from: unknown, to: unknown): void {
  const model = getModel(to, appLabel, op.modelName);
  if (allowMigrateModel(model)) editorOf(se).addIndex(model, nativeOf<SchemaIndex>(op.index));
}

export function addIndexBackwards(op: { modelName: string; index: unknown }, appLabel: string, se: unknown, from: unknown): void {
  const model = getModel(from, appLabel, op.modelName);
  if (allowMigrateModel(model)) editorOf(se).removeIndex(model, nativeOf<SchemaIndex>(op.index));
}

export function removeIndexForwards(op: { modelName: string; name: string }, appLabel: string, se: unknown, from: unknown): void {
  const model = getModel(from, appLabel, op.modelName);
  if (!allowMigrateModel(model)) return;
  const index = byName<SchemaIndex>(modelState(from, appLabel, op.modelName.toLowerCase()), 'indexes', op.name);
  editorOf(se).removeIndex(model, nativeOf<SchemaIndex>(index));
}

export function removeIndexBackwards(op: { modelName: string; name: string }, appLabel: string, se: unknown, _from: unknown, to: unknown): void {
  const model = getModel(to, appLabel, op.modelName);
  if (!allowMigrateModel(model)) return;
  const index = byName<SchemaIndex>(modelState(to, appLabel, op.modelName.toLowerCase()), 'indexes', op.name);
  editorOf(se).addIndex(model, nativeOf<SchemaIndex>(index));
}

export function renameIndexForwards(
  op: { modelName: string; newName: string; oldName: string | null; oldFields: string[] | null },
  appLabel: string,
  se: unknown,
  from: unknown,
  to: unknown,
): void {
  const model = getModel(to, appLabel, op.modelName);
  if (!allowMigrateModel(model)) return;
  const editor = editorOf(se);
  let oldIndex: SchemaIndex;
  if (op.oldFields) {
    const fromModel = getModel(from, appLabel, op.modelName);
    const columns = op.oldFields.map((f) => optsOf(fromModel).getField(f).column!);
    const matching = editor._constraintNames(fromModel, columns, { index: true, unique: false });
    if (matching.length !== 1) {
      throw new SchemaValueError(`Found wrong number (${matching.length}) of indexes for ${optsOf(fromModel).dbTable}(${columns.join(', ')}).`);
    }
    oldIndex = { name: matching[0], fields: op.oldFields };
  } else {
    oldIndex = nativeOf<SchemaIndex>(byName<SchemaIndex>(modelState(from, appLabel, op.modelName.toLowerCase()), 'indexes', op.oldName!));
  }
  if (oldIndex.name === op.newName) return;
  const newIndex = nativeOf<SchemaIndex>(byName<SchemaIndex>(modelState(to, appLabel, op.modelName.toLowerCase()), 'indexes', op.newName));
  editor.renameIndex(model, oldIndex, newIndex);
}

export function renameIndexBackwards(
  op: { modelName: string; newName: string; oldName: string | null; oldFields: string[] | null },
  appLabel: string,
  se: unknown,
  from: unknown,
  to: unknown,
): void {
  if (op.oldFields) return;
  renameIndexForwards({ ...op, newName: op.oldName!, oldName: op.newName }, appLabel, se, from, to);
}

export function addConstraintForwards(op: { modelName: string; constraint: unknown }, appLabel: string, se: unknown, _from: unknown, to: unknown): void {
  const model = getModel(to, appLabel, op.modelName);
  if (allowMigrateModel(model)) editorOf(se).addConstraint(model, nativeOf<SchemaConstraint>(op.constraint));
}

export function addConstraintBackwards(op: { modelName: string; constraint: unknown }, appLabel: string, se: unknown, _from: unknown, to: unknown): void {
  const model = getModel(to, appLabel, op.modelName);
  if (allowMigrateModel(model)) editorOf(se).removeConstraint(model, nativeOf<SchemaConstraint>(op.constraint));
}

export function removeConstraintForwards(op: { modelName: string; name: string }, appLabel: string, se: unknown, from: unknown, to: unknown): void {
  const model = getModel(to, appLabel, op.modelName);
  if (!allowMigrateModel(model)) return;
  const c = byName<SchemaConstraint>(modelState(from, appLabel, op.modelName.toLowerCase()), 'constraints', op.name);
  editorOf(se).removeConstraint(model, nativeOf<SchemaConstraint>(c));
}

export function removeConstraintBackwards(op: { modelName: string; name: string }, appLabel: string, se: unknown, _from: unknown, to: unknown): void {
  const model = getModel(to, appLabel, op.modelName);
  if (!allowMigrateModel(model)) return;
  const c = byName<SchemaConstraint>(modelState(to, appLabel, op.modelName.toLowerCase()), 'constraints', op.name);
  editorOf(se).addConstraint(model, nativeOf<SchemaConstraint>(c));
}

// ---- fields -------------------------------------------------------------------------------

interface FieldOp {
  modelName: string;
  name: string;
  field: unknown;
  preserveDefault?: boolean;
}

export function addFieldForwards(op: FieldOp, appLabel: string, se: unknown, from: unknown, to: unknown): void {
  const toModel = getModel(to, appLabel, op.modelName);
  if (!allowMigrateModel(toModel)) return;
  const fromModel = getModel(from, appLabel, op.modelName);
  let field = optsOf(toModel).getField(op.name);
  if (op.preserveDefault === false) field = withOperationDefault(field, op.field);
  editorOf(se).addField(fromModel, field);
}

export function addFieldBackwards(op: FieldOp, appLabel: string, se: unknown, from: unknown): void {
  const fromModel = getModel(from, appLabel, op.modelName);
  if (allowMigrateModel(fromModel)) editorOf(se).removeField(fromModel, optsOf(fromModel).getField(op.name));
}

export function removeFieldForwards(op: FieldOp, appLabel: string, se: unknown, from: unknown): void {
  const fromModel = getModel(from, appLabel, op.modelName);
  if (allowMigrateModel(fromModel)) editorOf(se).removeField(fromModel, optsOf(fromModel).getField(op.name));
}

export function removeFieldBackwards(op: FieldOp, appLabel: string, se: unknown, from: unknown, to: unknown): void {
  const toModel = getModel(to, appLabel, op.modelName);
  if (!allowMigrateModel(toModel)) return;
  const fromModel = getModel(from, appLabel, op.modelName);
  editorOf(se).addField(fromModel, optsOf(toModel).getField(op.name));
}

export function alterFieldForwards(op: FieldOp, appLabel: string, se: unknown, from: unknown, to: unknown): void {
  const toModel = getModel(to, appLabel, op.modelName);
  if (!allowMigrateModel(toModel)) return;
  const fromModel = getModel(from, appLabel, op.modelName);
  const fromField = optsOf(fromModel).getField(op.name);
  let toField = optsOf(toModel).getField(op.name);
  if (op.preserveDefault === false) toField = withOperationDefault(toField, op.field);
  editorOf(se).alterField(fromModel, fromField, toField);
}

export function renameFieldForwards(
  op: { modelName: string; oldName: string; newName: string },
  appLabel: string,
  se: unknown,
  from: unknown,
  to: unknown,
  backwards = false,
): void {
  const toModel = getModel(to, appLabel, op.modelName);
  if (!allowMigrateModel(toModel)) return;
  const fromModel = getModel(from, appLabel, op.modelName);
  const [a, b] = backwards ? [op.newName, op.oldName] : [op.oldName, op.newName];
  editorOf(se).alterField(fromModel, optsOf(fromModel).getField(a), optsOf(toModel).getField(b));
}

// ---- special ------------------------------------------------------------------------------

export function separateDatabaseAndStateForwards(
  op: { databaseOperations: OperationLike[] },
  appLabel: string,
  se: unknown,
  from: unknown,
): void {
  let fromState = from as StateWithApps;
  for (const dbop of op.databaseOperations) {
    const toState = fromState.clone();
    dbop.stateForwards(appLabel, toState);
    dbop.databaseForwards(appLabel, se, fromState, toState);
    fromState = toState;
  }
}

export function separateDatabaseAndStateBackwards(
  op: { databaseOperations: OperationLike[] },
  appLabel: string,
  se: unknown,
  _from: unknown,
  to: unknown,
): void {
  const toStates = new Map<OperationLike, StateWithApps>();
  let toState = to as StateWithApps;
  for (const dbop of op.databaseOperations) {
    toStates.set(dbop, toState);
    toState = toState.clone();
    dbop.stateForwards(appLabel, toState);
  }
  for (const dbop of [...op.databaseOperations].reverse()) {
    const fromState = toState;
    toState = toStates.get(dbop)!;
    dbop.databaseBackwards(appLabel, se, fromState, toState);
  }
}

interface OperationLike {
  stateForwards(appLabel: string, state: any): void; // eslint-disable-line @typescript-eslint/no-explicit-any
  databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void;
  databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void;
}

/** RunSQL's sql/reverse_sql: a script string, or a list of statements or (sql, params) pairs. */
export function runSql(se: unknown, sqls: PyValue | null): void {
  const editor = editorOf(se);
  if (sqls instanceof PyList || sqls instanceof PyTuple) {
    for (const item of sqls.items) {
      let sql: PyValue = item;
      let params: readonly unknown[] | null = null;
      if (item instanceof PyList || item instanceof PyTuple) {
        if (item.items.length !== 2) throw new PyException('ValueError', `Expected a 2-tuple but got ${item.items.length}`);
        sql = item.items[0];
        const p = item.items[1];
        params = p instanceof PyList || p instanceof PyTuple ? p.items : p === null ? null : iterItems(p);
      }
      editor.execute(String(sql), params);
    }
    return;
  }
  if (sqls === '' || sqls === null) return;
  for (const statement of prepareSqlScript(String(sqls))) editor.execute(statement, null);
}

/** sqlparse.split + strip_comments: the statements of a script, each with its `;`. */
export function prepareSqlScript(script: string): string[] {
  const out: string[] = [];
  let cur = '';
  let i = 0;
  while (i < script.length) {
    const ch = script[i];
    if (ch === "'" || ch === '"' || ch === '`' || ch === '[') {
      const close = ch === '[' ? ']' : ch;
      let j = i + 1;
      while (j < script.length) {
        if (script[j] === close) {
          if (script[j + 1] === close && close !== ']') {
            j += 2;
            continue;
          }
          break;
        }
        j++;
      }
      cur += script.slice(i, j + 1);
      i = j + 1;
      continue;
    }
    if (ch === '-' && script[i + 1] === '-') {
      const nl = script.indexOf('\n', i);
      i = nl < 0 ? script.length : nl;
      continue;
    }
    if (ch === '/' && script[i + 1] === '*') {
      const end = script.indexOf('*/', i + 2);
      i = end < 0 ? script.length : end + 2;
      continue;
    }
    if (ch === ';') {
      cur += ';';
      const s = cur.trim();
      if (s !== ';' && s) out.push(s);
      cur = '';
      i++;
      continue;
    }
    cur += ch;
    i++;
  }
  const rest = cur.trim();
  if (rest) out.push(rest);
  return out;
}

/** The hook RunPython calls: the shell's interpreter plugs in here to run the function. */
export type RunPythonHook = (code: PyValue, apps: unknown, schemaEditor: unknown) => void;
let runPythonHook: RunPythonHook | null = null;

export function setRunPythonHook(hook: RunPythonHook | null): void {
  runPythonHook = hook;
}

export function runPython(code: PyValue, fromState: unknown, se: unknown): void {
  const name = (code as { qualname?: string; name?: string } | null)?.qualname ?? '';
  if (name === 'RunPython.noop') return;
  // The code may use any model: re-render those whose rendering was put off (delayed reloads).
  (fromState as { clearDelayedAppsCache?(): void }).clearDelayedAppsCache?.();
  const apps = (fromState as StateWithApps).apps;
  if (runPythonHook) {
    runPythonHook(code, apps, se);
    return;
  }
  const call = (code as { impl?: (args: PyValue[], kw: Map<string, PyValue>) => PyValue }).impl;
  if (typeof call === 'function') {
    call([apps as unknown as PyValue, se as unknown as PyValue], new Map());
    return;
  }
  throw new PyException('NotImplementedError', 'RunPython code cannot run in the Migration Playground yet');
}
