// Node side of the platform: sql.js from node_modules, the project folder on disk, and the
// SQLite file that Python's sqlite3 can open afterwards.

import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';
import type { Database, ProjectFiles, QueryResult, SqlValue } from '../engine/project';
import { SqlJsDatabase } from './sqljs';

let sqlJs: Promise<SqlJsStatic> | undefined;

/** Loads sql.js once, finding its wasm file in node_modules. */
export function loadSqlJs(): Promise<SqlJsStatic> {
  if (!sqlJs) {
    const require = createRequire(import.meta.url);
    const wasm = require.resolve('sql.js/dist/sql-wasm.wasm');
    sqlJs = initSqlJs({ locateFile: () => wasm });
  }
  return sqlJs;
}

const SKIP_DIRS = new Set(['__pycache__', '.git', 'node_modules', '.venv', 'venv', '.mypy_cache', '.pytest_cache']);
const TEXT_FILE = /\.(py|txt|md|cfg|toml|ini|json|sql|html|yaml|yml)$/;

/** The project folder on disk; writes go straight to disk. */
export class NodeProjectFiles implements ProjectFiles {
  private cache = new Map<string, string | undefined>();
  private listing?: string[];

  constructor(readonly root: string) {}

  private abs(path: string): string {
    return join(this.root, ...path.split('/'));
  }

  read(path: string): string | undefined {
    if (this.cache.has(path)) return this.cache.get(path);
    let text: string | undefined;
    try {
      text = readFileSync(this.abs(path), 'utf8');
    } catch {
      text = undefined;
    }
    this.cache.set(path, text);
    return text;
  }

  write(path: string, text: string): void {
    const p = this.abs(path);
    mkdirSync(dirname(p), { recursive: true });
    writeFileSync(p, text);
    this.cache.set(path, text);
    this.listing = undefined;
  }

  delete(path: string): void {
    rmSync(this.abs(path), { force: true });
    this.cache.set(path, undefined);
    this.listing = undefined;
  }

  list(): string[] {
    if (!this.listing) {
      const out: string[] = [];
      const walk = (dir: string, depth: number) => {
        let entries: string[];
        try {
          entries = readdirSync(dir);
        } catch {
          return;
        }
        for (const name of entries) {
          const full = join(dir, name);
          let st;
          try {
            st = statSync(full);
          } catch {
            continue;
          }
          if (st.isDirectory()) {
            if (!SKIP_DIRS.has(name) && !name.startsWith('.') && depth < 8) walk(full, depth + 1);
          } else if (TEXT_FILE.test(name)) {
            out.push(relative(this.root, full).split(sep).join('/'));
          }
        }
      };
      walk(this.root, 0);
      this.listing = out.sort();
    }
    return this.listing;
  }
}

/**
 * The SQLite file, opened on first use (so its name can come from settings). `persist()` writes
 * it back when it was created or changed.
 */
export class NodeSqliteFile implements Database {
  private db?: SqlJsDatabase;
  private original?: Uint8Array;
  private existed = false;
  private path = '';

  constructor(
    private readonly SQL: SqlJsStatic,
    private readonly resolvePath: () => string,
  ) {}

  private open(): SqlJsDatabase {
    if (!this.db) {
      this.path = resolve(this.resolvePath());
      this.existed = existsSync(this.path);
      this.original = this.existed ? new Uint8Array(readFileSync(this.path)) : undefined;
      this.db = SqlJsDatabase.create(this.SQL, this.original);
    }
    return this.db;
  }

  exec(sql: string, params?: SqlValue[]): QueryResult[] {
    return this.open().exec(sql, params);
  }

  export(): Uint8Array {
    return this.open().export();
  }

  /** Writes the file when the engine created it (like sqlite3.connect does) or changed it. */
  persist(): void {
    if (!this.db) return;
    const bytes = this.db.export();
    if (this.existed && this.original && sameBytes(bytes, this.original)) return;
    if (!this.existed && !this.db.used) return;
    mkdirSync(dirname(this.path), { recursive: true });
    writeFileSync(this.path, bytes);
  }
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
