// Special operations (django/db/migrations/operations/special.py): RunSQL, RunPython and
// SeparateDatabaseAndState.

import { PyBoundMethod, PyBuiltin, PyClass, PyDict, PyException, PyFunction, PyInstance, type PyValue } from '../../../python/values';
import { Operation, OperationCategory, type StateLike } from './base';
import * as db from './database';

export class SeparateDatabaseAndState extends Operation {
  override category = OperationCategory.MIXED;
  override serializationExpandArgs = ['database_operations', 'state_operations'];
  readonly databaseOperations: Operation[];
  readonly stateOperations: Operation[];
  constructor(databaseOperations?: Operation[] | null, stateOperations?: Operation[] | null) {
    super();
    this.databaseOperations = databaseOperations ?? [];
    this.stateOperations = stateOperations ?? [];
  }
  get className() {
    return 'SeparateDatabaseAndState';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.separateDatabaseAndStateForwards(this, appLabel, se, from);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.separateDatabaseAndStateBackwards(this, appLabel, se, from, to);
  }
  get constructorArgNames() {
    return ['database_operations', 'state_operations'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    const kw = new Map<string, unknown>();
    if (this.databaseOperations.length) kw.set('database_operations', this.databaseOperations);
    if (this.stateOperations.length) kw.set('state_operations', this.stateOperations);
    return ['SeparateDatabaseAndState', [], kw];
  }
  stateForwards(appLabel: string, state: StateLike): void {
    for (const op of this.stateOperations) op.stateForwards(appLabel, state);
  }
  override describe(): string {
    return 'Custom state/database change combination';
  }
}

/** sql / reverse_sql: a string, or a list of strings or (sql, params) pairs. */
export type SqlArgument = PyValue;

export class RunSQL extends Operation {
  static readonly noop = '';
  override category = OperationCategory.SQL;
  readonly stateOperations: Operation[];
  readonly hints: PyDict;
  constructor(
    readonly sql: SqlArgument,
    readonly reverseSql: SqlArgument | null = null,
    stateOperations?: Operation[] | null,
    hints?: PyDict | null,
    elidable = false,
  ) {
    super();
    this.stateOperations = stateOperations ?? [];
    this.hints = hints ?? new PyDict();
    this.elidable = elidable;
  }
  get className() {
    return 'RunSQL';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.runSql(se, this.sql);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    if (this.reverseSql === null) throw new PyException('NotImplementedError', 'You cannot reverse this operation');
    db.runSql(se, this.reverseSql);
  }
  get constructorArgNames() {
    return ['sql', 'reverse_sql', 'state_operations', 'hints', 'elidable'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    const kw = new Map<string, unknown>([['sql', this.sql]]);
    if (this.reverseSql !== null) kw.set('reverse_sql', this.reverseSql);
    if (this.stateOperations.length) kw.set('state_operations', this.stateOperations);
    if (this.hints.size) kw.set('hints', this.hints);
    return ['RunSQL', [], kw];
  }
  override get reversible(): boolean {
    return this.reverseSql !== null;
  }
  stateForwards(appLabel: string, state: StateLike): void {
    for (const op of this.stateOperations) op.stateForwards(appLabel, state);
  }
  override describe(): string {
    return 'Raw SQL operation';
  }
}

/** RunPython.noop: a static method Django writes by its full path. */
export const RUN_PYTHON_NOOP = new PyBuiltin('noop', 'django.db.migrations.operations.special', () => null, 'RunPython.noop');

export class RunPython extends Operation {
  override category = OperationCategory.PYTHON;
  override reducesToSql = false;
  readonly hints: PyDict;
  constructor(
    readonly code: PyValue,
    readonly reverseCode: PyValue | null = null,
    atomic: boolean | null = null,
    hints?: PyDict | null,
    elidable = false,
  ) {
    super();
    this.atomic = atomic;
    if (!isCallable(code)) throw new PyException('ValueError', 'RunPython must be supplied with a callable');
    if (reverseCode !== null && !isCallable(reverseCode)) {
      throw new PyException('ValueError', 'RunPython must be supplied with callable arguments');
    }
    this.hints = hints ?? new PyDict();
    this.elidable = elidable;
  }
  get className() {
    return 'RunPython';
  }
  override databaseForwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    db.runPython(this.code, from, se);
  }
  override databaseBackwards(appLabel: string, se: unknown, from: unknown, to: unknown): void {
    if (this.reverseCode === null) throw new PyException('NotImplementedError', 'You cannot reverse this operation');
    db.runPython(this.reverseCode, from, se);
  }
  get constructorArgNames() {
    return ['code', 'reverse_code', 'atomic', 'hints', 'elidable'];
  }
  deconstruct(): [string, unknown[], Map<string, unknown>] {
    const kw = new Map<string, unknown>([['code', this.code]]);
    if (this.reverseCode !== null) kw.set('reverse_code', this.reverseCode);
    if (this.atomic !== null) kw.set('atomic', this.atomic);
    if (this.hints.size) kw.set('hints', this.hints);
    return ['RunPython', [], kw];
  }
  override get reversible(): boolean {
    return this.reverseCode !== null;
  }
  stateForwards(): void {}
  override describe(): string {
    return 'Raw Python operation';
  }
}

function isCallable(v: PyValue): boolean {
  if (v instanceof PyFunction || v instanceof PyBuiltin || v instanceof PyBoundMethod || v instanceof PyClass) return true;
  return v instanceof PyInstance && v.cls.lookup('__call__') !== undefined;
}
