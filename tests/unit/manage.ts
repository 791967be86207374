// For tests: `manage.py` commands run through the engine's Project over a sql.js database, and
// the fixtures recorded from the real Django that they are compared with.

import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Project, type Console } from '../../src/engine/project';
import { loadSqlJs } from '../../src/platform/node';
import { SqlJsDatabase } from '../../src/platform/sqljs';
import { MemoryFiles } from '../../src/ui/engine/memoryFiles';

export interface CommandResult {
  exit: number;
  stdout: string;
  stderr: string;
}

/** A project from `files` (run `sql` on its database first); returns a `manage.py ARGS` runner. */
export async function manage(files: Record<string, string>, sql: string[] = []) {
  const db = SqlJsDatabase.create(await loadSqlJs());
  for (const s of sql) db.exec(s);
  const project = new Project(new MemoryFiles(files), db);
  const run = async (...argv: string[]): Promise<CommandResult> => {
    let stdout = '';
    let stderr = '';
    const console: Console = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), readLine: async () => null, isatty: false };
    const exit = await project.run(argv, console);
    return { exit, stdout, stderr };
  };
  return Object.assign(run, { db, project });
}

/** Every `<dir>/*.json` fixture by name, in name order. */
export function recordedFixtures<T>(dir: string): [string, T][] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => [f.slice(0, -5), JSON.parse(readFileSync(join(dir, f), 'utf8')) as T]);
}

/** A traceback is compared by its last line (the exception), other output whole. */
export function tracebackTail(text: string): string {
  if (!text.startsWith('Traceback')) return text;
  const lines = text.trimEnd().split('\n');
  return lines[lines.length - 1];
}
