// What the workspace hands to the panes other engineers build (LessonPanel in src/ui/lessons/,
// DiagramPanel in src/ui/diagrams/): the live project, and ways to act on it.
import type { MigrationNode, MigrationPreview, ModelInfo, QueryResult, TableInfo } from '../engine/project';
import type { FileMap } from './engine/protocol';

export interface CapturedRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface PlaygroundApi {
  /** The project's files now (path -> text). */
  files: FileMap;
  /** The models as written (updated while the student types). */
  models: ModelInfo[];
  /** The database as migrated. */
  tables: TableInfo[];
  /** The migration history with what is applied. */
  graph: MigrationNode[];
  /** What makemigrations would write now. */
  preview: MigrationPreview | null;
  /** Which workspace (lesson) the files belong to; persistence is per key. */
  workspaceKey: string;
  /** Opens a file in the editor (optionally at a line). */
  openFile(path: string, line?: number): void;
  /** Writes (string) or deletes (null) files, as if the student had edited them. */
  setFiles(changes: Record<string, string | null>): void;
  /** Types a command line in the terminal and runs it (e.g. 'python manage.py migrate'). */
  runInTerminal(line: string): Promise<number>;
  /** Runs `manage.py <argv>` silently and returns its output (for checks and quizzes). */
  runCaptured(argv: string[]): Promise<CapturedRun>;
  /** Runs SQL on the workspace's database (reads and writes; the panes refresh after it). */
  query(sql: string): Promise<QueryResult[]>;
  /** Migrates an app to a migration name or 'zero', asking first when data would be lost. */
  migrateTo(app: string, target: string): Promise<void>;
  /**
   * Switches to another workspace (a lesson): loads its saved work, or `starter` (files and
   * an optional database) when there is none yet.
   */
  switchWorkspace(key: string, starter: FileMap): Promise<void>;
  /** Asks, then replaces the workspace's files with `starter` and empties the database. */
  resetWorkspace(starter?: FileMap): Promise<boolean>;
}

export interface PanelProps {
  api: PlaygroundApi;
  /** The models just before and just after one migration (the Diagram tab's before/after). */
  loadMigrationSnapshots?(m: { app: string; name: string }): Promise<{ before: ModelInfo[]; after: ModelInfo[] } | null>;
}
