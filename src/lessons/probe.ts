// What a task check or a quiz needs to see of a project. The workspace (engine in a worker)
// and the tests (engine in-process) both provide it; every method may be async.
import type { MigrationNode, MigrationPreview, ModelInfo, QueryResult, TableInfo } from '../engine/project';
import type { FileMap } from './types';

/** One command the student (or a solution) ran, with what it printed. */
export interface CommandRecord {
  argv: string[];
  stdout: string;
  stderr: string;
  exitCode: number;
}

export interface ProjectProbe {
  files(): Promise<FileMap> | FileMap;
  models(): Promise<ModelInfo[]> | ModelInfo[];
  tables(): Promise<TableInfo[]> | TableInfo[];
  migrationGraph(): Promise<MigrationNode[]> | MigrationNode[];
  preview(): Promise<MigrationPreview> | MigrationPreview;
  /** Runs SQL on the project's database (reads only, for checks). */
  query(sql: string): Promise<QueryResult[]> | QueryResult[];
  /** Commands run in this lesson so far (for shell checks); may be empty. */
  transcript(): Promise<CommandRecord[]> | CommandRecord[];
}

/** Calls each probe method at most once, so many checks cost one engine round trip each. */
export class CachedProbe {
  private cache = new Map<string, Promise<unknown>>();
  private queries = new Map<string, Promise<QueryResult[]>>();
  constructor(private readonly probe: ProjectProbe) {}

  private get<T>(key: string, load: () => Promise<T> | T): Promise<T> {
    let p = this.cache.get(key) as Promise<T> | undefined;
    if (!p) {
      p = Promise.resolve().then(load);
      this.cache.set(key, p);
    }
    return p;
  }
  files(): Promise<FileMap> { return this.get('files', () => this.probe.files()); }
  models(): Promise<ModelInfo[]> { return this.get('models', () => this.probe.models()); }
  tables(): Promise<TableInfo[]> { return this.get('tables', () => this.probe.tables()); }
  migrationGraph(): Promise<MigrationNode[]> { return this.get('graph', () => this.probe.migrationGraph()); }
  preview(): Promise<MigrationPreview> { return this.get('preview', () => this.probe.preview()); }
  transcript(): Promise<CommandRecord[]> { return this.get('transcript', () => this.probe.transcript()); }
  query(sql: string): Promise<QueryResult[]> {
    let p = this.queries.get(sql);
    if (!p) {
      p = Promise.resolve().then(() => this.probe.query(sql));
      this.queries.set(sql, p);
    }
    return p;
  }
}
