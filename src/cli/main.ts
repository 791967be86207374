// bin/manage: `python manage.py` for a real Django project folder (the current directory).
// Output, prompts and exit statuses are Django's; nothing here may print a JavaScript stack.

import { readSync, writeSync } from 'node:fs';
import { resolve } from 'node:path';
import { Project, type Console } from '../engine/project';
import { loadSqlJs, NodeProjectFiles, NodeSqliteFile } from '../platform/node';

function write(fd: number, text: string): void {
  const buf = Buffer.from(text, 'utf8');
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      return;
    }
  }
}

/** Reads stdin one line at a time, synchronously, only when a prompt asks. */
class StdinLines {
  private buffer = Buffer.alloc(0);
  private eof = false;

  next(): string | null {
    for (;;) {
      const nl = this.buffer.indexOf(10);
      if (nl >= 0) {
        const line = this.buffer.subarray(0, nl).toString('utf8').replace(/\r$/, '');
        this.buffer = this.buffer.subarray(nl + 1);
        return line;
      }
      if (this.eof) {
        if (!this.buffer.length) return null;
        const line = this.buffer.toString('utf8');
        this.buffer = Buffer.alloc(0);
        return line;
      }
      const chunk = Buffer.alloc(4096);
      let n: number;
      try {
        n = readSync(0, chunk, 0, chunk.length, null);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') continue;
        n = 0;
      }
      if (n === 0) this.eof = true;
      else this.buffer = Buffer.concat([this.buffer, chunk.subarray(0, n)]);
    }
  }
}

function internalError(e: unknown): void {
  const msg = e instanceof Error ? e.message : String(e);
  write(2, `Traceback (most recent call last):\n  File "manage.py", line 22, in <module>\nSystemError: internal error in the Migration Playground: ${msg.split('\n')[0]}\n`);
}

async function main(): Promise<number> {
  const cwd = process.cwd();
  const SQL = await loadSqlJs();
  const files = new NodeProjectFiles(cwd);
  let project: Project | undefined;
  const db = new NodeSqliteFile(SQL, () => resolve(cwd, project ? project.databaseName() : 'db.sqlite3'));
  project = new Project(files, db);
  const stdin = new StdinLines();
  const console: Console = {
    isatty: !!process.stdout.isTTY,
    stdout: (t) => write(1, t),
    stderr: (t) => write(2, t),
    readLine: async (prompt) => {
      write(1, prompt);
      return stdin.next();
    },
  };
  const code = await project.run(process.argv.slice(2), console);
  if (project.internalError) return code;
  try {
    db.persist();
  } catch (e) {
    internalError(e);
    return 1;
  }
  return code;
}

process.on('uncaughtException', (e) => {
  internalError(e);
  process.exit(1);
});
process.on('unhandledRejection', (e) => {
  internalError(e);
  process.exit(1);
});

main().then(
  (code) => process.exit(code),
  (e) => {
    internalError(e);
    process.exit(1);
  },
);
