// Test helpers: the course read from disk, the engine in-process, recorded Django snapshots.
import { readdirSync, readFileSync, statSync, existsSync } from 'node:fs';
import { join, relative } from 'node:path';
import type { ModelInfo, MigrationNode, TableInfo, ProjectFiles } from '../../../src/engine/project';
import type { LessonSources } from '../../../src/lessons/load';
import type { CommandRecord, ProjectProbe } from '../../../src/lessons/probe';
import type { ProjectFactory } from '../../../src/lessons/runner';
import type { FileMap } from '../../../src/lessons/types';

export const LESSONS_DIR = join(__dirname, '../../../lessons');

export function readLessonSources(dir = LESSONS_DIR): LessonSources {
  const out: LessonSources = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      if (name === '__pycache__' || name.startsWith('.')) continue;
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else out[relative(dir, p).split('\\').join('/')] = readFileSync(p, 'utf8');
    }
  };
  walk(dir);
  return out;
}

/** The engine's Project over a fresh sql.js database. */
export const engineFactory: ProjectFactory = async (files: ProjectFiles) => {
  const { Project } = await import('../../../src/engine/project');
  const { loadSqlJs } = await import('../../../src/platform/node');
  const { SqlJsDatabase } = await import('../../../src/platform/sqljs');
  const db = SqlJsDatabase.create(await loadSqlJs());
  return { project: new Project(files, db), db };
};

/** What one state of a project looked like in real Django 5.2 (written by the authoring replay). */
export interface RecordedState {
  files: FileMap;
  models: ModelInfo[];
  tables: TableInfo[];
  graph: MigrationNode[];
  previewStatus: 'changes' | 'no-changes' | 'error';
  queries: Record<string, unknown[][] | { error: string }>;
  transcript: CommandRecord[];
  error?: string;
}

export function readRecorded(folder: string): { tasks: Record<string, { before: RecordedState; after: RecordedState }> } | null {
  const p = join(__dirname, 'recorded', `${folder}.json`);
  return existsSync(p) ? JSON.parse(readFileSync(p, 'utf8')) : null;
}

export function recordedProbe(s: RecordedState): ProjectProbe {
  return {
    files: () => s.files,
    models: () => s.models,
    tables: () => s.tables,
    migrationGraph: () => s.graph,
    preview: () => ({ status: s.previewStatus, migrations: [], questions: [], diagnostics: [] }),
    query: (sql) => {
      const r = s.queries[sql];
      if (!r) throw new Error(`no recorded result for ${sql}`);
      if (!Array.isArray(r)) throw new Error(r.error);
      return [{ columns: [], values: r as never }];
    },
    transcript: () => s.transcript,
  };
}
