// The engine's one public face: a Django project you can edit and run commands on.
// The browser app (in a Web Worker), the Node CLI and the tests all go through this.
//
// Everything here is DOM-free and Node-free: files, database and console are passed in.

/** A project's files: POSIX paths relative to the project root ('blog/models.py'). */
export interface ProjectFiles {
  read(path: string): string | undefined;
  write(path: string, text: string): void;
  delete(path: string): void;
  /** Every file path, sorted. */
  list(): string[];
}

/** The SQLite database (sql.js in the browser and in Node). */
export interface Database {
  /** Runs one or more statements; returns the result sets of those that return rows. */
  exec(sql: string, params?: SqlValue[]): QueryResult[];
  /** The database file's bytes (to persist or write to disk). */
  export(): Uint8Array;
}

export type SqlValue = null | number | bigint | string | Uint8Array;
export interface QueryResult {
  columns: string[];
  values: SqlValue[][];
}

/** Where a command writes and asks. The questioner awaits `ask`, so a terminal or a dialog can answer. */
export interface Console {
  stdout(text: string): void;
  stderr(text: string): void;
  /**
   * Shows `prompt` (already written without a newline) and waits for one line of input,
   * without its newline. `null` means end of input (Ctrl+D / closed stdin).
   */
  readLine(prompt: string): Promise<string | null>;
  /** Whether output goes to a colour terminal (Django colours a TTY). */
  readonly isatty: boolean;
}

/** A problem in a file, pointed at its line. */
export interface Diagnostic {
  file: string;
  /** 1-based; 0 when unknown. */
  line: number;
  column?: number;
  severity: 'error' | 'warning';
  /** Django's or Python's own message, e.g. "blog.Post.title: (fields.E120) CharFields must define a 'max_length' attribute." */
  message: string;
  /** e.g. 'fields.E120' or 'SyntaxError'. */
  code?: string;
}

/** What `makemigrations` would do now, without writing anything or asking anything. */
export interface MigrationPreview {
  status: 'changes' | 'no-changes' | 'error';
  /** Migrations that would be written, in order. */
  migrations: {
    app: string;
    name: string;
    path: string;
    /** The file's full text, byte-identical to Django's. */
    text: string;
    /** '+ Add field views_count to post' style summary lines. */
    summary: string[];
    /** The SQL `sqlmigrate` would print for it. */
    sql: string;
  }[];
  /** Questions makemigrations would ask interactively (rename? one-off default?). */
  questions: string[];
  diagnostics: Diagnostic[];
}

export interface ColumnInfo {
  name: string;
  type: string;
  notNull: boolean;
  primaryKey: boolean;
  unique: boolean;
  default: string | null;
  references?: { table: string; column: string };
}

export interface TableInfo {
  name: string;
  columns: ColumnInfo[];
  indexes: { name: string; columns: string[]; unique: boolean }[];
  rowCount: number;
}

/** The models as written in models.py (for the ER diagram and lesson checks). */
export interface ModelInfo {
  app: string;
  name: string;
  table: string;
  abstract: boolean;
  proxy: boolean;
  managed: boolean;
  fields: {
    name: string;
    /** 'CharField', 'ForeignKey', ... */
    type: string;
    column: string | null;
    dbType: string | null;
    primaryKey: boolean;
    unique: boolean;
    null: boolean;
    /** Relations: 'app.Model'. */
    relatedModel?: string;
    relation?: 'many-to-one' | 'one-to-one' | 'many-to-many';
    relatedName?: string | null;
    through?: string;
  }[];
}

export interface MigrationNode {
  app: string;
  name: string;
  applied: boolean;
  dependencies: { app: string; name: string }[];
  replaces: { app: string; name: string }[];
  /** Operation descriptions ('Create model Post'). */
  operations: string[];
}

export interface CommandResult {
  exitCode: number;
}
