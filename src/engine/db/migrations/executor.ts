// Runs migrations forwards and backwards (django.db.migrations.executor.MigrationExecutor):
// plans, project states, one atomic schema-editor block per migration, the recorder.

import { PyException } from '../../python/values';
import type { DatabaseWrapper } from '../backends/sqlite3/base';
import type { DatabaseSchemaEditor } from '../backends/sqlite3/schema';
import { asSchemaModel, allowMigrateModel } from './operations/database';
import { MigrationRecorder } from './recorder';
import { optsOf } from '../backends/base/types';
import type { Field } from '../models/fields/index';
import { ProjectState, modelKey } from './state';

export type MigrationKey = [string, string];
export const keyOf = (k: MigrationKey) => `${k[0]}\u0000${k[1]}`;

/** A state as the executor handles it (MODELS' ProjectState). */
export interface ExecState {
  readonly apps: { getModel(appLabel: string, modelName: string): unknown };
  clone(): ExecState;
}

export interface ExecMigration {
  appLabel: string;
  name: string;
  operations: { className: string; name?: string; modelName?: string }[];
  dependencies: MigrationKey[];
  replaces: MigrationKey[];
  initial: boolean | null;
  atomic: boolean;
  mutateState(state: unknown, preserve?: boolean): unknown;
  apply(state: unknown, editor: DatabaseSchemaEditor, collectSql?: boolean): unknown;
  unapply(state: unknown, editor: DatabaseSchemaEditor, collectSql?: boolean): unknown;
  toString(): string;
}

interface GraphNodeLike {
  children: Set<{ key: MigrationKey }>;
}

export interface ExecGraph {
  nodes: Map<string, ExecMigration | null>;
  nodeMap: Map<string, GraphNodeLike>;
  forwardsPlan(target: MigrationKey): MigrationKey[];
  backwardsPlan(target: MigrationKey): MigrationKey[];
  leafNodes(app?: string): MigrationKey[];
  rootNodes(app?: string): MigrationKey[];
}

/** What the executor needs from MIGRATIONS' MigrationLoader. */
export interface ExecLoader {
  graph: ExecGraph;
  /** Keys of applied migrations (a Map or Set keyed by 'app\0name', or [app, name] pairs). */
  appliedMigrations: unknown;
  replacements: Map<string, ExecMigration>;
  unmigratedApps: Iterable<string>;
  replaceMigrations?: boolean;
  buildGraph?(): void;
  projectState(nodes?: MigrationKey | MigrationKey[] | null, atEnd?: boolean): unknown;
}

export type ProgressAction = 'apply_start' | 'apply_success' | 'unapply_start' | 'unapply_success' | 'render_start' | 'render_success';
export type ProgressCallback = (action: ProgressAction, migration?: ExecMigration, fake?: boolean) => void;

export type PlanStep = [ExecMigration, boolean];

/** Applied keys from whatever collection the loader keeps. */
export function appliedKeySet(applied: unknown): Set<string> {
  const out = new Set<string>();
  const add = (k: unknown) => {
    if (typeof k === 'string') out.add(k.includes('\u0000') ? k : k.replace(/[.,]/, '\u0000'));
    else if (Array.isArray(k)) out.add(keyOf(k as MigrationKey));
  };
  if (applied instanceof Map) for (const k of applied.keys()) add(k);
  else if (applied instanceof Set || Array.isArray(applied)) for (const k of applied as Iterable<unknown>) add(k);
  return out;
}

interface FastOp {
  className: string;
  name?: string;
  reducesToSql?: boolean;
  atomic?: boolean | null;
  describe(): string;
  databaseForwards(appLabel: string, editor: unknown, from: unknown, to: unknown): void;
  stateForwards(appLabel: string, state: unknown): void;
}

interface CreateOp {
  fields: [string, Field][];
  bases: unknown[];
}

/** Operations whose database side reads, from the state before them, only their own model. */
const SHALLOW_FROM_STATE_OPS = new Set([
  'CreateModel',
  'DeleteModel',
  'AddField',
  'RemoveField',
  'AlterField',
  'RenameField',
  'AlterModelTable',
  'AlterModelTableComment',
  'AlterUniqueTogether',
  'AlterIndexTogether',
  'AlterOrderWithRespectTo',
  'AlterModelOptions',
  'AlterModelManagers',
  'AddIndex',
  'RemoveIndex',
  'RenameIndex',
  'AddConstraint',
  'RemoveConstraint',
  'AlterConstraint',
  'RunSQL',
]);

interface OpNames {
  name?: string;
  modelName?: string;
  stateOperations?: unknown[];
}

interface LiveState {
  apps: { getModel(appLabel: string, modelName: string): unknown };
  models: Map<string, { clone(): unknown }>;
}

/** The parts of the state before an operation that its database side reads. */
function shallowFromState(state: LiveState, appLabel: string, op: OpNames): unknown {
  const names = [op.name, op.modelName].filter((n): n is string => typeof n === 'string').map((n) => n.toLowerCase());
  const classes = new Map<string, unknown>();
  const models = new Map<string, unknown>();
  for (const n of names) {
    const key = `${appLabel}.${n}`;
    const ms = state.models.get(key);
    if (!ms) continue;
    models.set(key, ms.clone());
    try {
      classes.set(key, state.apps.getModel(appLabel, n));
    } catch {
      // not rendered: the operation will report the missing model itself
    }
  }
  return {
    apps: {
      getModel(app: string, name: string): unknown {
        const key = `${app}.${name.toLowerCase()}`;
        if (classes.has(key)) return classes.get(key);
        return state.apps.getModel(app, name);
      },
    },
    models,
    clone(): never {
      throw new Error('a shallow migration state cannot be cloned');
    },
  };
}

export class MigrationExecutor {
  readonly recorder: MigrationRecorder;

  constructor(
    readonly connection: DatabaseWrapper,
    readonly loader: ExecLoader,
    /** A fresh ProjectState whose real apps are the unmigrated ones. */
    readonly emptyState: (realApps: string[]) => ExecState,
    readonly progressCallback?: ProgressCallback,
  ) {
    this.recorder = new MigrationRecorder(connection);
  }

  private node(key: MigrationKey): ExecMigration {
    return this.loader.graph.nodes.get(keyOf(key))!;
  }

  migrationPlan(targets: [string, string | null][], cleanStart = false): PlanStep[] {
    const plan: PlanStep[] = [];
    const applied = cleanStart ? new Set<string>() : appliedKeySet(this.loader.appliedMigrations);
    const graph = this.loader.graph;
    for (const target of targets) {
      if (target[1] === null) {
        for (const root of graph.rootNodes()) {
          if (root[0] !== target[0]) continue;
          for (const m of graph.backwardsPlan(root)) {
            if (applied.has(keyOf(m))) {
              plan.push([this.node(m), true]);
              applied.delete(keyOf(m));
            }
          }
        }
      } else if (applied.has(keyOf(target as MigrationKey))) {
        const t = target as MigrationKey;
        if (this.loader.replaceMigrations && !graph.nodeMap.has(keyOf(t)) && this.loader.buildGraph) {
          this.loader.replaceMigrations = false;
          this.loader.buildGraph();
          return this.migrationPlan(targets, cleanStart);
        }
        const nextInApp = [...(graph.nodeMap.get(keyOf(t))?.children ?? [])]
          .map((n) => n.key)
          .filter((k) => k[0] === t[0])
          .sort((a, b) => (a[0] + '\u0000' + a[1] < b[0] + '\u0000' + b[1] ? -1 : 1));
        for (const n of nextInApp) {
          for (const m of graph.backwardsPlan(n)) {
            if (applied.has(keyOf(m))) {
              plan.push([this.node(m), true]);
              applied.delete(keyOf(m));
            }
          }
        }
      } else {
        for (const m of graph.forwardsPlan(target as MigrationKey)) {
          if (!applied.has(keyOf(m))) {
            plan.push([this.node(m), false]);
            applied.add(keyOf(m));
          }
        }
      }
    }
    return plan;
  }

  createProjectState(withAppliedMigrations = false): ExecState {
    const state = this.emptyState([...this.loader.unmigratedApps]);
    if (withAppliedMigrations) {
      const fullPlan = this.migrationPlan(this.loader.graph.leafNodes().map((k) => [k[0], k[1]]), true);
      const applied = appliedKeySet(this.loader.appliedMigrations);
      for (const [migration] of fullPlan) {
        if (applied.has(keyOf([migration.appLabel, migration.name]))) migration.mutateState(state, false);
      }
    }
    return state;
  }

  migrate(
    targets: [string, string | null][],
    opts: { plan?: PlanStep[]; state?: ExecState; fake?: boolean; fakeInitial?: boolean } = {},
  ): ExecState {
    let plan = opts.plan;
    if (plan && plan.length === 0) {
      if (!this.recorder.hasTable()) return this.createProjectState(false);
    } else {
      this.recorder.ensureSchema();
    }
    if (!plan) plan = this.migrationPlan(targets);
    const fullPlan = this.migrationPlan(this.loader.graph.leafNodes().map((k) => [k[0], k[1]]), true);
    const allForwards = plan.every(([, b]) => !b);
    const allBackwards = plan.every(([, b]) => b);
    let state = opts.state;
    if (!plan.length) {
      state ??= this.createProjectState(true);
    } else if (allForwards === allBackwards) {
      throw new PyException(
        'django.db.migrations.exceptions.InvalidMigrationPlan',
        'Migration plans with both forwards and backwards migrations are not supported. Please split your migration process into separate plans of only forwards OR backwards migrations.',
      );
    } else if (allForwards) {
      state ??= this.createProjectState(true);
      state = this.migrateAllForwards(state, plan, fullPlan, !!opts.fake, !!opts.fakeInitial);
    } else {
      state = this.migrateAllBackwards(plan, fullPlan, !!opts.fake);
    }
    this.checkReplacements();
    return state;
  }

  private migrateAllForwards(state: ExecState, plan: PlanStep[], fullPlan: PlanStep[], fake: boolean, fakeInitial: boolean): ExecState {
    const toRun = new Set(plan.map(([m]) => m));
    let rendered = false;
    for (const [migration] of fullPlan) {
      if (!toRun.size) break;
      if (!toRun.has(migration)) continue;
      if (!rendered) {
        void state.apps; // render every model once before the first migration, as Django does
        rendered = true;
      }
      state = this.applyMigration(state, migration, fake, fakeInitial);
      toRun.delete(migration);
    }
    return state;
  }

  private migrateAllBackwards(plan: PlanStep[], fullPlan: PlanStep[], fake: boolean): ExecState {
    const toRun = new Set(plan.map(([m]) => m));
    const states = new Map<ExecMigration, ExecState>();
    let state = this.createProjectState();
    const appliedKeys = appliedKeySet(this.loader.appliedMigrations);
    const applied = new Set<ExecMigration>();
    for (const [m] of fullPlan) if (appliedKeys.has(keyOf([m.appLabel, m.name]))) applied.add(m);
    this.progressCallback?.('render_start');
    for (const [migration] of fullPlan) {
      if (!toRun.size) break;
      if (toRun.has(migration)) {
        void state.apps;
        states.set(migration, state);
        state = migration.mutateState(state, true) as ExecState;
        toRun.delete(migration);
      } else if (applied.has(migration)) {
        migration.mutateState(state, false);
      }
    }
    this.progressCallback?.('render_success');
    for (const [migration] of plan) {
      this.unapplyMigration(states.get(migration)!, migration, fake);
      applied.delete(migration);
    }
    const last = plan[plan.length - 1][0];
    state = states.get(last)!;
    const index = fullPlan.findIndex(([m]) => m === last);
    for (const [m] of fullPlan.slice(index)) if (applied.has(m)) m.mutateState(state, false);
    return state;
  }

  applyMigration(state: ExecState, migration: ExecMigration, fake = false, fakeInitial = false): ExecState {
    let recorded = false;
    this.progressCallback?.('apply_start', migration, fake);
    if (!fake) {
      if (fakeInitial) {
        const [applied, after] = this.detectSoftApplied(state, migration);
        if (applied) {
          fake = true;
          state = after;
        }
      }
      if (!fake) {
        const editor = this.connection.schemaEditor({ atomic: migration.atomic });
        state = editor.run((se) => {
          const s = this.applyOperations(migration, state, se, false);
          if (!se.deferredSql.length) {
            this.recordMigration(migration);
            recorded = true;
          }
          return s;
        });
      }
    }
    if (!recorded) this.recordMigration(migration);
    this.progressCallback?.('apply_success', migration, fake);
    return state;
  }

  recordMigration(migration: ExecMigration): void {
    if (migration.replaces.length) {
      for (const [app, name] of migration.replaces) this.recorder.recordApplied(app, name);
    } else {
      this.recorder.recordApplied(migration.appLabel, migration.name);
    }
  }

  unapplyMigration(state: ExecState, migration: ExecMigration, fake = false): ExecState {
    this.progressCallback?.('unapply_start', migration, fake);
    if (!fake) {
      const editor = this.connection.schemaEditor({ atomic: migration.atomic });
      state = editor.run((se) => migration.unapply(state, se) as ExecState);
    }
    for (const [app, name] of migration.replaces) this.recorder.recordUnapplied(app, name);
    this.recorder.recordUnapplied(migration.appLabel, migration.name);
    this.progressCallback?.('unapply_success', migration, fake);
    return state;
  }

  /**
   * Migration.apply; migrations made only of operations whose database side reads no more of
   * the state before them than their own model take the shallow path below.
   */
  applyOperations(migration: ExecMigration, state: ExecState, editor: DatabaseSchemaEditor, collectSql: boolean): ExecState {
    if (state instanceof ProjectState && migration.operations.every((op) => SHALLOW_FROM_STATE_OPS.has(op.className))) {
      // A state nobody rendered yet is rendered up front only when that cannot show: Django
      // renders each operation's states lazily, and the models a rebuild copies can differ.
      if (state.hasApps || migration.operations.every((op) => op.className === 'CreateModel' || op.className === 'RunSQL')) {
        void state.apps;
        return this.applyWithShallowStates(migration, state, editor, collectSql);
      }
    }
    return migration.apply(state, editor, collectSql) as ExecState;
  }

  /**
   * Migration.apply without cloning the whole state before every operation: the operation's
   * "from" state is the rendered model classes and model states it reads, taken before the
   * operation changes the state (Django's clone shares those same classes).
   */
  private applyWithShallowStates(migration: ExecMigration, state: ProjectState, editor: DatabaseSchemaEditor, collectSql: boolean): ExecState {
    const appLabel = migration.appLabel;
    const live = state as unknown as LiveState;
    const run = (op: FastOp, fromState: unknown) => {
      let before = 0;
      if (collectSql) {
        editor.collectedSql.push('--', `-- ${op.describe()}`, '--');
        if (op.reducesToSql === false) {
          editor.collectedSql.push('-- THIS OPERATION CANNOT BE WRITTEN AS SQL');
          return;
        }
        before = editor.collectedSql.length;
      }
      const forwards = () => op.databaseForwards(appLabel, editor, fromState, state);
      const atomicOperation = op.atomic || (migration.atomic && op.atomic !== false);
      if (!editor.atomicMigration && atomicOperation) editor.atomic(forwards);
      else forwards();
      if (collectSql && before === editor.collectedSql.length) editor.collectedSql.push('-- (no-op)');
    };
    // A run of CreateModel operations whose related models all exist reads only the state after
    // the run (no operation in it changes a model another one created): the models are rendered
    // once at its end rather than after each operation.
    const deferred: FastOp[] = [];
    const flush = () => {
      if (!deferred.length) return;
      state.flushRendering();
      // CreateModel only writes: its statements can be built for the whole run first.
      editor.executeHeldBack(() => {
        for (const op of deferred) run(op, null);
      });
      deferred.length = 0;
    };
    for (const op of migration.operations as unknown as (FastOp & OpNames & CreateOp)[]) {
      if (op.className === 'CreateModel' && !state.models.has(modelKey(appLabel, op.name!)) && state.resolvesReferences(appLabel, op.name!, op.fields, op.bases)) {
        if (!deferred.length) state.deferRendering();
        op.stateForwards(appLabel, state);
        deferred.push(op);
        continue;
      }
      flush();
      const fromState = shallowFromState(live, appLabel, op);
      op.stateForwards(appLabel, state);
      run(op, fromState);
    }
    flush();
    return state as unknown as ExecState;
  }

  /** Marks a squashed migration applied once all the migrations it replaces are. */
  checkReplacements(): void {
    const applied = this.recorder.appliedKeys();
    for (const [key, migration] of this.loader.replacements) {
      const all = migration.replaces.every((r) => applied.has(keyOf(r)));
      if (all && !applied.has(key)) {
        const [app, name] = key.split('\u0000');
        this.recorder.recordApplied(app, name);
      }
    }
  }

  /** --fake-initial: whether the tables and columns an initial migration creates already exist. */
  detectSoftApplied(state: ExecState | null, migration: ExecMigration): [boolean, ExecState] {
    if (migration.initial === null) {
      if (migration.dependencies.some(([app]) => app === migration.appLabel)) return [false, state!];
    } else if (migration.initial === false) {
      return [false, state!];
    }
    const after = (state ? migration.mutateState(state) : this.loader.projectState([migration.appLabel, migration.name], true)) as ExecState;
    const apps = after.apps;
    let foundCreate = false;
    let foundAdd = false;
    const existing = new Set(this.connection.introspection.tableNames().map((n) => n.toLowerCase()));
    for (const op of migration.operations) {
      if (op.className === 'CreateModel') {
        const model = asSchemaModel(apps.getModel(migration.appLabel, op.name!));
        if (!allowMigrateModel(model)) continue;
        if (!existing.has(optsOf(model).dbTable.toLowerCase())) return [false, state!];
        foundCreate = true;
      } else if (op.className === 'AddField') {
        const model = asSchemaModel(apps.getModel(migration.appLabel, op.modelName!));
        if (!allowMigrateModel(model)) continue;
        const field = optsOf(model).getField(op.name!);
        if (field.manyToMany) {
          const through = optsOf(field.remoteField?.through).dbTable ?? '';
          if (!existing.has(through.toLowerCase())) return [false, state!];
          foundAdd = true;
          continue;
        }
        const columns = this.connection.introspection.getTableDescription(optsOf(model).dbTable).map((c) => c.name.toLowerCase());
        if (!columns.includes((field.column ?? '').toLowerCase())) return [false, state!];
        foundAdd = true;
      }
    }
    return [foundCreate || foundAdd, after];
  }

  /** sqlmigrate: the statements of a plan, collected instead of run. */
  collectSql(plan: PlanStep[]): string[] {
    const statements: string[] = [];
    let state: unknown = null;
    for (const [migration, backwards] of plan) {
      const editor = this.connection.schemaEditor({ collectSql: true, atomic: migration.atomic });
      editor.run((se) => {
        state ??= this.loader.projectState([migration.appLabel, migration.name], false);
        state = backwards ? migration.unapply(state, se, true) : this.applyOperations(migration, state as ExecState, se, true);
      });
      statements.push(...editor.collectedSql);
    }
    return statements;
  }
}
