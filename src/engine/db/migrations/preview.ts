// What the UI shows without running a command: the migration makemigrations would write now
// (with its SQL), the migration graph, and the models as models.py defines them.

import type { Apps } from '../../apps/registry';
import type { DatabaseWrapper } from '../backends/sqlite3/base';
import { metaOf, type Field } from '../models/fields/index';
import type { Diagnostic, MigrationNode, MigrationPreview, ModelInfo, ProjectFiles } from '../../project';
import { PyClass, PyException, type PyValue } from '../../python/values';
import { NOT_PROVIDED, type NotProvided } from '../models/constants';
import { MigrationAutodetector } from './autodetector';
import { keyStr } from './graph';
import type { MigrationLoader } from './loader';
import type { Migration } from './migration';
import type { StateLike } from './operations/base';
import { MigrationQuestioner } from './questioner';
import { makeLoader, type MigrationsRuntime } from './runtime';
import { MigrationWriter } from './writer';

/** Answers every question the way a dry run does, remembering what would have been asked. */
class PreviewQuestioner extends MigrationQuestioner {
  readonly questions: string[] = [];
  override askRename(modelName: string, oldName: string, newName: string, fieldClass: string): boolean {
    this.questions.push(`Was ${modelName}.${oldName} renamed to ${modelName}.${newName} (a ${fieldClass})? [y/N]`);
    return false;
  }
  override askRenameModel(appLabel: string, oldName: string, newName: string): boolean {
    this.questions.push(`Was the model ${appLabel}.${oldName} renamed to ${newName}? [y/N]`);
    return false;
  }
  override askNotNullAddition(fieldName: string, modelName: string): PyValue | NotProvided {
    this.questions.push(`It is impossible to add a non-nullable field '${fieldName}' to ${modelName} without specifying a default.`);
    return null;
  }
  override askNotNullAlteration(fieldName: string, modelName: string): PyValue | NotProvided {
    this.questions.push(`It is impossible to change a nullable field '${fieldName}' on ${modelName} to non-nullable without providing a default.`);
    return NOT_PROVIDED;
  }
  override askAutoNowAddAddition(fieldName: string, modelName: string): PyValue | NotProvided {
    this.questions.push(`It is impossible to add the field '${fieldName}' with 'auto_now_add=True' to ${modelName} without providing a default.`);
    return null;
  }
  override askUniqueCallableDefaultAddition(fieldName: string, modelName: string): void {
    this.questions.push(`Callable default on unique field ${modelName}.${fieldName} will not generate unique values upon migrating.`);
  }
}

function writerFor(m: Migration): MigrationWriter {
  return new MigrationWriter({
    name: m.name,
    appLabel: m.appLabel,
    operations: m.operations,
    dependencies: m.dependencies.map((d) => [d[0], d[1]] as [string, string]),
    replaces: m.replaces,
    initial: m.initial,
  });
}

/** makemigrations --dry-run, collected: files, summaries, SQL and the questions it would ask. */
export function previewMigrations(
  runtime: MigrationsRuntime,
  _files: ProjectFiles,
  connection: DatabaseWrapper,
): Omit<MigrationPreview, 'diagnostics'> & { diagnostics: Diagnostic[] } {
  const loader = makeLoader(runtime, false, true);
  const conflicts = loader.detectConflicts();
  if (conflicts.size) {
    const nameStr = [...conflicts].map(([app, names]) => `${names.join(', ')} in ${app}`).join('; ');
    return {
      status: 'error',
      migrations: [],
      questions: [],
      diagnostics: [
        {
          file: '',
          line: 0,
          severity: 'error',
          message: `Conflicting migrations detected; multiple leaf nodes in the migration graph: (${nameStr}).`,
          code: 'CommandError',
        },
      ],
    };
  }
  const questioner = new PreviewQuestioner({ migrationFiles: (l) => runtime.migrationFiles(l) });
  const detector = new MigrationAutodetector(loader.projectState() as never, runtime.currentState(), runtime.stateAccess, questioner, {
    setting: (n) => runtime.setting(n),
  });
  const changes = detector.changes(loader.graph);
  const migrations: MigrationPreview['migrations'] = [];
  let state = loader.projectState() as StateLike;
  for (const [appLabel, list] of changes) {
    for (const m of list) {
      const writer = writerFor(m);
      let sql = '';
      try {
        const editor = connection.schemaEditor({ collectSql: true, atomic: m.atomic });
        editor.run((se) => {
          state = m.apply(state, se as never, true);
        });
        const statements = editor.collectedSql;
        sql = m.atomic ? ['BEGIN;', ...statements, 'COMMIT;'].join('\n') : statements.join('\n');
      } catch (e) {
        sql = `-- ${e instanceof PyException ? `${e.type}: ${e.pyMessage}` : String(e)}`;
      }
      migrations.push({
        app: appLabel,
        name: m.name,
        path: `${runtime.migrationsDir(appLabel)}/${writer.filename}`,
        text: writer.asString(),
        summary: m.operations.map((op) => op.formattedDescription()),
        sql,
      });
    }
  }
  return { status: migrations.length ? 'changes' : 'no-changes', migrations, questions: questioner.questions, diagnostics: [] };
}

/** The migration graph for the History pane, in the order `migrate` would apply it. */
export function describeGraph(loader: MigrationLoader): MigrationNode[] {
  const out: MigrationNode[] = [];
  const seen = new Set<string>();
  for (const leaf of loader.graph.leafNodes()) {
    for (const key of loader.graph.forwardsPlan(leaf)) {
      const k = keyStr(key);
      if (seen.has(k)) continue;
      seen.add(k);
      const m = loader.graph.get(key);
      if (!m) continue;
      const node = loader.graph.nodeMap.get(k)!;
      out.push({
        app: m.appLabel,
        name: m.name,
        applied: loader.appliedMigrations.has(k),
        dependencies: [...node.parents].map((p) => ({ app: p.key[0], name: p.key[1] })),
        replaces: m.replaces.map((r) => ({ app: r[0], name: r[1] })),
        operations: m.operations.map((op) => op.describe()),
      });
    }
  }
  return out;
}

function label(model: unknown): string | undefined {
  if (typeof model === 'string') return model;
  if (model instanceof PyClass) return metaOf(model)?.label;
  return undefined;
}

/** The models of the installed apps as the ER diagram and lesson checks see them. */
export function describeModels(apps: Apps): ModelInfo[] {
  const out: ModelInfo[] = [];
  for (const config of apps.appConfigs.values()) {
    for (const model of apps.getAppModels(config.label)) {
      const meta = metaOf(model);
      if (!meta) continue;
      const fields = [...meta.localFields, ...meta.localManyToMany].map((f: Field) => {
        const rel = f.remoteField;
        const info: ModelInfo['fields'][number] = {
          name: f.name ?? '',
          type: f.pyClass?.name ?? f.getInternalType(),
          column: f.column,
          dbType: safe(() => f.dbType()),
          primaryKey: f.primaryKey,
          unique: f.unique,
          null: f.null,
        };
        if (rel) {
          info.relatedModel = label(rel.model);
          info.relation = f.manyToMany ? 'many-to-many' : f.oneToOne ? 'one-to-one' : 'many-to-one';
          info.relatedName = rel.relatedName;
          const through = label(rel.through);
          if (through) info.through = through;
        }
        return info;
      });
      out.push({
        app: config.label,
        name: meta.objectName,
        table: meta.dbTable,
        abstract: meta.abstract,
        proxy: meta.proxy,
        managed: meta.managed,
        fields,
      });
    }
  }
  return out;
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}
