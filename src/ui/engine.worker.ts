// The engine's home in the browser: a Web Worker holding the project's files, the sql.js
// database and a Project. The page talks to it with the messages in ./engine/protocol.ts,
// so typing never waits for the engine.
/// <reference lib="webworker" />
import initSqlJs, { type Database as RawDatabase, type SqlJsStatic } from 'sql.js';
import wasmUrl from 'sql.js/dist/sql-wasm-browser.wasm?url';
import * as engineModule from '../engine/project';
import type { Console, Database, ProjectFiles } from '../engine/project';
import { SqlJsDatabase, exportDatabase, openDatabase } from '../platform/sqljs';
import { FakeProject } from './fake/fakeProject';
import { introspectTables } from './fake/introspect';
import { MemoryFiles } from './engine/memoryFiles';
import { onQuery } from '../engine/shell';
import type { PageEvent, RequestMessage, ResultTypes, RowsPage, Snapshot, WorkerMessage } from './engine/protocol';

type EngineProject = Pick<FakeProject, 'run' | 'preview' | 'diagnostics' | 'models' | 'tables' | 'migrationGraph'> & {
  migrationSnapshots?(app: string, name: string): ResultTypes['migrationSnapshots'];
};
type ProjectConstructor = new (files: ProjectFiles, db: Database) => EngineProject;

const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (m: WorkerMessage) => scope.postMessage(m);

let SQL: SqlJsStatic | null = null;
let db: RawDatabase | null = null;
let files = new MemoryFiles();
let useFake = true;
let project: EngineProject | null = null;

function realProjectClass(): ProjectConstructor | null {
  const candidate = (engineModule as Record<string, unknown>)['Project'];
  return typeof candidate === 'function' ? (candidate as ProjectConstructor) : null;
}

function currentProject(): EngineProject {
  if (!project) {
    const Real = useFake ? null : realProjectClass();
    const adapter = new SqlJsDatabase(requireDb());
    project = Real ? new Real(files, adapter) : new FakeProject(files, adapter);
  }
  return project;
}

function snapshot(): Snapshot {
  const p = currentProject();
  let preview;
  try {
    preview = p.preview();
  } catch (e) {
    preview = { status: 'error' as const, migrations: [], questions: [], diagnostics: [{ file: '', line: 0, severity: 'error' as const, message: `Internal error: ${errorText(e)}` }] };
  }
  let diagnostics;
  try {
    diagnostics = p.diagnostics();
  } catch {
    diagnostics = preview.diagnostics;
  }
  return { preview, diagnostics };
}

function errorText(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}

function dbFingerprint(): string {
  if (!db) return '';
  const r = db.exec('SELECT total_changes()')[0]?.values[0]?.[0];
  const v = db.exec('PRAGMA schema_version')[0]?.values[0]?.[0];
  return `${String(r)}/${String(v)}`;
}

// ---- interactive runs ------------------------------------------------------------------

const pendingAnswers = new Map<number, (line: string | null) => void>();
const interrupted = new Set<number>();

async function runCommand(argv: string[], isatty: boolean, runId: number, showSql: boolean): Promise<ResultTypes['run']> {
  const before = dbFingerprint();
  const stopSql = showSql
    ? onQuery((q) => {
        if (!interrupted.has(runId)) post({ type: 'sql', runId, sql: q.sql });
      })
    : null;
  const console: Console = {
    isatty,
    stdout: (text) => {
      if (!interrupted.has(runId)) post({ type: 'output', runId, stream: 'stdout', text });
    },
    stderr: (text) => {
      if (!interrupted.has(runId)) post({ type: 'output', runId, stream: 'stderr', text });
    },
    readLine: (prompt) =>
      new Promise((resolve) => {
        if (interrupted.has(runId)) return resolve(null);
        pendingAnswers.set(runId, resolve);
        post({ type: 'ask', runId, prompt });
      }),
  };
  let exitCode: number;
  try {
    exitCode = await currentProject().run(argv, console);
  } catch (e) {
    console.stderr(`Internal error: ${errorText(e)}\n`);
    exitCode = 1;
  } finally {
    stopSql?.();
  }
  pendingAnswers.delete(runId);
  interrupted.delete(runId);
  project = null; // commands write files and change the database; start from what is there now
  return { exitCode, files: files.toObject(), dbChanged: dbFingerprint() !== before };
}

// ---- requests ----------------------------------------------------------------------------

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

async function handle(msg: RequestMessage): Promise<unknown> {
  switch (msg.type) {
    case 'init': {
      SQL ??= await initSqlJs({ locateFile: () => wasmUrl });
      db?.close();
      try {
        db = openDatabase(SQL, msg.db);
        db.exec('SELECT count(*) FROM sqlite_master');
      } catch {
        db = openDatabase(SQL);
      }
      files = new MemoryFiles(msg.files);
      useFake = msg.engine !== 'real' || !realProjectClass();
      project = null;
      return { engine: useFake ? 'fake' : 'real', ...snapshot() } satisfies ResultTypes['init'];
    }
    case 'setFiles':
      for (const [path, text] of Object.entries(msg.changes)) {
        if (text === null) files.delete(path);
        else files.write(path, text);
      }
      project = null;
      // Newer edits are already waiting: their snapshot supersedes this one (slow projects).
      return queuedEdits > 1 ? null : snapshot();
    case 'preview':
      return snapshot();
    case 'run':
      return runCommand(msg.argv, msg.isatty, msg.id, msg.showSql === true);
    case 'tables':
      try {
        return currentProject().tables();
      } catch {
        return introspectTables(new SqlJsDatabase(requireDb()));
      }
    case 'models':
      return currentProject().models();
    case 'graph':
      return currentProject().migrationGraph();
    case 'migrationSnapshots': {
      const p = currentProject();
      return (p.migrationSnapshots?.(msg.app, msg.name) ?? null) satisfies ResultTypes['migrationSnapshots'];
    }
    case 'rows': {
      const d = requireDb();
      const total = Number(d.exec(`SELECT COUNT(*) FROM ${quote(msg.table)}`)[0]?.values[0]?.[0] ?? 0);
      const r = d.exec(`SELECT * FROM ${quote(msg.table)} LIMIT ? OFFSET ?`, [msg.limit, msg.offset])[0];
      const columns = r?.columns ?? (d.exec(`PRAGMA table_info(${quote(msg.table)})`)[0]?.values ?? []).map((c) => String(c[1]));
      return { columns, values: r?.values ?? [], total } satisfies RowsPage;
    }
    case 'query': {
      const d = requireDb();
      if (/query_only/i.test(msg.sql)) throw new Error('This query box is read-only.');
      d.exec('PRAGMA query_only = ON');
      try {
        return d.exec(msg.sql);
      } catch (e) {
        const text = errorText(e);
        throw new Error(/readonly|read-only/i.test(text) ? 'This query box is read-only: use the terminal or a migration to change data.' : text);
      } finally {
        d.exec('PRAGMA query_only = OFF');
      }
    }
    case 'exec':
      return new SqlJsDatabase(requireDb()).exec(msg.sql);
    case 'exportDb':
      return exportDatabase(requireDb());
    case 'resetDb':
      db?.close();
      db = openDatabase(SQL as SqlJsStatic);
      project = null;
      return null;
  }
}

function requireDb(): RawDatabase {
  if (!db) throw new Error('The database is not ready yet.');
  return db;
}

// Requests run one at a time (a command may be waiting for an answer meanwhile).
let queuedEdits = 0;
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (ev: MessageEvent<RequestMessage | PageEvent>) => {
  const msg = ev.data;
  if (msg.type === 'answer') {
    pendingAnswers.get(msg.runId)?.(msg.line);
    pendingAnswers.delete(msg.runId);
    return;
  }
  if (msg.type === 'interrupt') {
    interrupted.add(msg.runId);
    pendingAnswers.get(msg.runId)?.(null);
    pendingAnswers.delete(msg.runId);
    return;
  }
  if (msg.type === 'setFiles') queuedEdits++;
  queue = queue.then(async () => {
    try {
      const value = await handle(msg).finally(() => {
        if (msg.type === 'setFiles') queuedEdits--;
      });
      post({ type: 'result', id: msg.id, ok: true, value });
    } catch (e) {
      post({ type: 'result', id: msg.id, ok: false, error: errorText(e) });
    }
  });
};
