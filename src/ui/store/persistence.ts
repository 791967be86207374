// Keeps the student's work in IndexedDB: files, database bytes and terminal history.
import { openDB, type IDBPDatabase } from 'idb';
import type { FileMap } from '../engine/protocol';

export interface SavedWork {
  files: FileMap;
  db: Uint8Array | null;
  history: string[];
  openFile?: string;
  savedAt: number;
}

const DB_NAME = 'migration-playground';
const STORE = 'workspaces';

let dbPromise: Promise<IDBPDatabase> | null = null;
function database(): Promise<IDBPDatabase> {
  dbPromise ??= openDB(DB_NAME, 1, {
    upgrade(db) {
      db.createObjectStore(STORE);
    },
  });
  return dbPromise;
}

export async function loadWork(key: string): Promise<SavedWork | null> {
  try {
    const value = (await (await database()).get(STORE, key)) as SavedWork | undefined;
    return value && typeof value === 'object' && value.files ? value : null;
  } catch {
    return null;
  }
}

export async function saveWork(key: string, work: SavedWork): Promise<boolean> {
  try {
    await (await database()).put(STORE, work, key);
    return true;
  } catch {
    return false;
  }
}

export async function clearWork(key: string): Promise<void> {
  try {
    await (await database()).delete(STORE, key);
  } catch {
    /* nothing saved is fine */
  }
}

/** The terminal's command history, shared by every workspace (like a shell's). */
const HISTORY_KEY = 'terminal-history';

export async function loadTerminalHistory(): Promise<string[]> {
  try {
    const value: unknown = await (await database()).get(STORE, HISTORY_KEY);
    return Array.isArray(value) ? value.filter((x): x is string => typeof x === 'string').slice(-500) : [];
  } catch {
    return [];
  }
}

export async function saveTerminalHistory(history: string[]): Promise<void> {
  try {
    await (await database()).put(STORE, history.slice(-500), HISTORY_KEY);
  } catch {
    /* history is a convenience */
  }
}
