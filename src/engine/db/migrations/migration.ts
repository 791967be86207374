// Migration (django/db/migrations/migration.py): a named list of operations with dependencies.

import { IrreversibleError, type MigrationKey } from './exceptions';
import type { Operation, StateLike } from './operations/base';
import { PyTuple, type PyValue } from '../../python/values';

/** A dependency tuple that came from swappable_dependency(settings.X) (Django's SwappableTuple). */
export class SwappableTuple extends PyTuple {
  constructor(
    items: PyValue[],
    readonly setting: string,
  ) {
    super(items);
  }
}

/** A dependency: (app_label, name); `setting` marks a swappable one (SwappableTuple). */
export type Dependency = MigrationKey & { setting?: string };

export function swappableDependency(value: string): Dependency {
  const dep = [value.split('.')[0], '__first__'] as Dependency;
  dep.setting = value;
  return dep;
}

/** What apply/unapply need from the SQL side's schema editor. */
export interface MigrationSchemaEditor {
  collectedSql: string[];
  atomicMigration: boolean;
  /** Runs `fn` in a transaction (savepoint) when the editor isn't already atomic. */
  atomic?(fn: () => void): void;
}

export class Migration {
  operations: Operation[] = [];
  dependencies: Dependency[] = [];
  runBefore: MigrationKey[] = [];
  replaces: MigrationKey[] = [];
  initial: boolean | null = null;
  atomic = true;

  constructor(
    public name: string,
    public appLabel: string,
  ) {}

  get key(): MigrationKey {
    return [this.appLabel, this.name];
  }

  toString(): string {
    return `${this.appLabel}.${this.name}`;
  }

  mutateState<S extends StateLike>(projectState: S, preserve = true): S {
    const newState = preserve ? (projectState.clone() as S) : projectState;
    for (const op of this.operations) op.stateForwards(this.appLabel, newState);
    return newState;
  }

  private runOperation(editor: MigrationSchemaEditor, op: Operation, run: () => void): void {
    const atomicOperation = op.atomic || (this.atomic && op.atomic !== false);
    if (!editor.atomicMigration && atomicOperation && editor.atomic) editor.atomic(run);
    else run();
  }

  apply<S extends StateLike>(projectState: S, schemaEditor: MigrationSchemaEditor, collectSql = false): S {
    for (const op of this.operations) {
      let before = 0;
      if (collectSql) {
        schemaEditor.collectedSql.push('--', `-- ${op.describe()}`, '--');
        if (!op.reducesToSql) {
          schemaEditor.collectedSql.push('-- THIS OPERATION CANNOT BE WRITTEN AS SQL');
          continue;
        }
        before = schemaEditor.collectedSql.length;
      }
      const oldState = projectState.clone();
      op.stateForwards(this.appLabel, projectState);
      this.runOperation(schemaEditor, op, () => op.databaseForwards(this.appLabel, schemaEditor, oldState, projectState));
      if (collectSql && before === schemaEditor.collectedSql.length) schemaEditor.collectedSql.push('-- (no-op)');
    }
    return projectState;
  }

  unapply<S extends StateLike>(projectState: S, schemaEditor: MigrationSchemaEditor, collectSql = false): S {
    const toRun: [Operation, StateLike, StateLike][] = [];
    let newState: StateLike = projectState;
    for (const op of this.operations) {
      if (!op.reversible) throw IrreversibleError(`Operation ${operationRepr(op)} in ${this} is not reversible`);
      newState = newState.clone();
      const oldState = newState.clone();
      op.stateForwards(this.appLabel, newState);
      toRun.unshift([op, oldState, newState]);
    }
    for (const [op, toState, fromState] of toRun) {
      let before = 0;
      if (collectSql) {
        schemaEditor.collectedSql.push('--', `-- ${op.describe()}`, '--');
        if (!op.reducesToSql) {
          schemaEditor.collectedSql.push('-- THIS OPERATION CANNOT BE WRITTEN AS SQL');
          continue;
        }
        before = schemaEditor.collectedSql.length;
      }
      this.runOperation(schemaEditor, op, () => op.databaseBackwards(this.appLabel, schemaEditor, fromState, toState));
      if (collectSql && before === schemaEditor.collectedSql.length) schemaEditor.collectedSql.push('-- (no-op)');
    }
    return projectState;
  }

  /** The name makemigrations gives this migration when none was asked for. */
  suggestName(now: Date = new Date()): string {
    if (this.initial) return 'initial';
    const raw = this.operations.map((op) => op.migrationNameFragment);
    const fragments = raw.filter((n): n is string => !!n).map((n) => n.replace(/[^\p{L}\p{N}_]+/gu, '_'));
    if (!fragments.length || fragments.length !== this.operations.length) return `auto_${migrationNameTimestamp(now)}`;
    let name = fragments[0];
    for (const fragment of fragments.slice(1)) {
      const newName = `${name}_${fragment}`;
      if (newName.length > 52) {
        name = `${name}_and_more`;
        break;
      }
      name = newName;
    }
    return name;
  }
}

/** "%Y%m%d_%H%M" in local time, like datetime.now(). */
export function migrationNameTimestamp(now: Date = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}${p(now.getMonth() + 1)}${p(now.getDate())}_${p(now.getHours())}${p(now.getMinutes())}`;
}

/** Operation.__repr__: <RunPython <function forwards at 0x...>> etc. */
export function operationRepr(op: Operation): string {
  const [, args, kwargs] = op.deconstruct();
  void args;
  const parts = [...kwargs.entries()].map(([k, v]) => ` ${k}=${reprForOp(v)}`);
  return `<${op.className} ${parts.join(',')}>`.replace(`<${op.className}  `, `<${op.className} `);
}

function reprForOp(v: unknown): string {
  if (typeof v === 'string') return `'${v}'`;
  return String(v);
}
