// `manage.py shell` ends with the status SystemExit carries, as Django's does
// (`exit(3)` / `sys.exit(3)` in `-c`, standard input or the interactive console).

import { describe, expect, it } from 'vitest';
import type { Console, ProjectFiles } from '../../../src/engine/project';

function files(): ProjectFiles {
  const m = new Map<string, string>([
    ['settings.py', "INSTALLED_APPS = ['blog']\nDATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\nDEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\n"],
    ['blog/__init__.py', ''],
    ['blog/migrations/__init__.py', ''],
    ['blog/models.py', 'from django.db import models\n'],
  ]);
  return { read: (p) => m.get(p), write: (p, t) => void m.set(p, t), delete: (p) => void m.delete(p), list: () => [...m.keys()].sort() };
}

async function shell(lines: string[], { isatty = false, argv = ['shell', '-v', '0'] } = {}) {
  const { Project } = await import('../../../src/engine/project');
  const { loadSqlJs } = await import('../../../src/platform/node');
  const { SqlJsDatabase } = await import('../../../src/platform/sqljs');
  const project = new Project(files(), SqlJsDatabase.create(await loadSqlJs()));
  let out = '';
  let err = '';
  const input = [...lines];
  const console: Console = {
    stdout: (t) => void (out += t),
    stderr: (t) => void (err += t),
    readLine: async () => input.shift() ?? null,
    isatty,
  };
  const status = await project.run(argv, console);
  return { status, out, err };
}

describe('manage.py shell exit status', () => {
  it('standard input: exit(3) and sys.exit(3) end with status 3, skipping the rest', async () => {
    expect((await shell(['exit(3)'])).status).toBe(3);
    const r = await shell(['print(1)', 'sys.exit(3)', 'print(2)']);
    expect(r).toEqual({ status: 3, out: '1\n', err: '' });
  }, 30000);

  it('standard input: exit() is 0, exit("bye") prints bye with status 1, an exception is 1', async () => {
    expect((await shell(['exit()'])).status).toBe(0);
    expect(await shell(['import sys', "sys.exit('bye')"])).toEqual({ status: 1, out: '', err: 'bye\n' });
    expect((await shell(['1/0'])).status).toBe(1);
  }, 30000);

  it('-c and the interactive console end with the status too', async () => {
    expect((await shell([], { argv: ['shell', '-v', '0', '-c', 'exit(4)'] })).status).toBe(4);
    const r = await shell(['x = 1', 'exit(5)', 'print(x)'], { isatty: true });
    expect(r.status).toBe(5);
    expect(r.err).not.toContain('now exiting');
  }, 30000);
});
