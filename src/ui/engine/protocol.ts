// Messages between the page and the engine worker (src/ui/engine.worker.ts).
import type { Diagnostic, MigrationNode, MigrationPreview, ModelInfo, QueryResult, TableInfo } from '../../engine/project';

export type FileMap = Record<string, string>;

/** What the page asks; every request carries an id and gets one `result` back. */
export type Request =
  | { type: 'init'; files: FileMap; db: Uint8Array | null; engine: 'real' | 'fake' }
  | { type: 'setFiles'; changes: Record<string, string | null> }
  | { type: 'preview' }
  | { type: 'run'; argv: string[]; isatty: boolean; /** Stream each SQL statement the ORM runs (`sql` messages). */ showSql?: boolean }
  | { type: 'tables' }
  | { type: 'models' }
  | { type: 'graph' }
  | { type: 'migrationSnapshots'; app: string; name: string }
  | { type: 'rows'; table: string; offset: number; limit: number }
  | { type: 'query'; sql: string }
  | { type: 'exec'; sql: string }
  | { type: 'exportDb' }
  | { type: 'resetDb' };

export type RequestMessage = Request & { id: number };

/** Messages the page sends that are not requests. */
export type PageEvent =
  | { type: 'answer'; runId: number; line: string | null }
  | { type: 'interrupt'; runId: number };

export interface Snapshot {
  preview: MigrationPreview;
  diagnostics: Diagnostic[];
}

export interface RunOutcome {
  exitCode: number;
  /** The project's files after the command (commands write migrations). */
  files: FileMap;
  /** Whether the database changed. */
  dbChanged: boolean;
}

export interface RowsPage {
  columns: string[];
  values: QueryResult['values'];
  total: number;
}

export interface ResultTypes {
  init: { engine: 'real' | 'fake' } & Snapshot;
  /** null when newer edits were already queued (their snapshot follows). */
  setFiles: Snapshot | null;
  preview: Snapshot;
  run: RunOutcome;
  tables: TableInfo[];
  models: ModelInfo[];
  graph: MigrationNode[];
  /** The models just before and after one migration; null when unknown (or the stand-in engine). */
  migrationSnapshots: { before: ModelInfo[]; after: ModelInfo[] } | null;
  rows: RowsPage;
  query: QueryResult[];
  exec: QueryResult[];
  exportDb: Uint8Array;
  resetDb: null;
}

/** Messages the worker sends. */
export type WorkerMessage =
  | { type: 'result'; id: number; ok: true; value: unknown }
  | { type: 'result'; id: number; ok: false; error: string }
  | { type: 'output'; runId: number; stream: 'stdout' | 'stderr'; text: string }
  | { type: 'ask'; runId: number; prompt: string }
  /** A statement the ORM just ran, while a run with `showSql` is going. */
  | { type: 'sql'; runId: number; sql: string };
