// Replays the shell transcripts recorded from the real Django 5.2 shell (fixtures/*.json,
// written by record.py) through the engine: same models, same data, same input.
//
// Normalised on both sides: Python's banner line, object addresses (0x...), and tracebacks,
// which keep their first line and the exception line (the frames inside Django's own files
// cannot match).

import { describe, expect, it } from 'vitest';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Console, ProjectFiles } from '../../../src/engine/project';

interface Fixture {
  name: string;
  modelsSource: string;
  debug: boolean;
  setup: string;
  mode: 'script' | 'repl' | 'command';
  argv: string[];
  input: string;
  stdout?: string;
  stderr?: string;
  output?: string;
  exit: number;
}

const DIR = join(__dirname, 'fixtures');
const fixtures: Fixture[] = readdirSync(DIR)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((f) => JSON.parse(readFileSync(join(DIR, f), 'utf8')));

class MemoryFiles implements ProjectFiles {
  constructor(readonly map: Map<string, string>) {}
  read(p: string) {
    return this.map.get(p);
  }
  write(p: string, t: string) {
    this.map.set(p, t);
  }
  delete(p: string) {
    this.map.delete(p);
  }
  list() {
    return [...this.map.keys()].sort();
  }
}

function settings(debug: boolean): string {
  return (
    "SECRET_KEY = 'x'\nINSTALLED_APPS = ['blog']\n" +
    "DATABASES = {'default': {'ENGINE': 'django.db.backends.sqlite3', 'NAME': 'db.sqlite3'}}\n" +
    "DEFAULT_AUTO_FIELD = 'django.db.models.BigAutoField'\nUSE_TZ = True\n" +
    (debug ? 'DEBUG = True\n' : '')
  );
}

function quietConsole(): Console {
  return { stdout() {}, stderr() {}, readLine: async () => null, isatty: false };
}

async function runFixture(fx: Fixture): Promise<{ stdout: string; stderr: string; output: string; exit: number }> {
  const { Project } = await import('../../../src/engine/project');
  const { loadSqlJs } = await import('../../../src/platform/node');
  const { SqlJsDatabase } = await import('../../../src/platform/sqljs');
  const db = SqlJsDatabase.create(await loadSqlJs());
  const files = new MemoryFiles(
    new Map([
      ['settings.py', settings(fx.debug)],
      ['blog/__init__.py', ''],
      ['blog/migrations/__init__.py', ''],
      ['blog/models.py', fx.modelsSource],
    ]),
  );
  const project = new Project(files, db);
  expect(await project.run(['makemigrations'], quietConsole())).toBe(0);
  expect(await project.run(['migrate'], quietConsole())).toBe(0);
  if (fx.setup) db.exec(fx.setup);
  let stdout = '';
  let stderr = '';
  let output = '';
  const lines = fx.input.replace(/\n$/, '').split('\n');
  const tty = fx.mode === 'repl';
  const console: Console = {
    stdout: (t) => {
      stdout += t;
      output += t;
    },
    stderr: (t) => {
      stderr += t;
      output += t;
    },
    readLine: async (prompt) => {
      const line = lines.shift();
      if (tty) output += prompt + (line === undefined ? '' : line + '\n');
      return line === undefined ? null : line;
    },
    isatty: tty,
  };
  let argv = fx.argv;
  if (fx.mode === 'command') argv = [...argv, '-c', fx.input];
  if (fx.mode === 'repl') argv = [...argv, '-i', 'python'];
  if (fx.mode === 'command') lines.length = 0;
  const exit = await project.run(argv, console);
  return { stdout, stderr, output, exit };
}

/** Tracebacks reduced to their first and last lines; Python's version banner and addresses masked. */
function normalize(text: string): string {
  const out: string[] = [];
  const lines = text.replace(/0x[0-9a-f]{6,}/g, '0xADDR').split('\n');
  let i = 0;
  while (i < lines.length) {
    const l = lines[i];
    if (/Python \d+\.\d+.* on linux$/.test(l)) {
      out.push(l.replace(/Python \d+\.\d+.* on linux$/, 'Python <version>'));
      i++;
      continue;
    }
    if (l === 'Traceback (most recent call last):') {
      // Skip to the end of the (possibly chained) traceback: the last exception line before a
      // prompt, an output line or the end.
      let j = i + 1;
      let last = '';
      while (j < lines.length) {
        const x = lines[j];
        if (x.startsWith('>>> ') || x === '>>> ') break;
        if (/^\s/.test(x) || x === '' || x.startsWith('Traceback (most recent call last):') || x.startsWith('During handling') || x.startsWith('The above exception')) {
          j++;
          continue;
        }
        if (/^[\w.]+(: |$)/.test(x)) {
          last = x;
          j++;
          // A chained traceback may follow.
          if (lines[j] === '' && (lines[j + 1]?.startsWith('During handling') || lines[j + 1]?.startsWith('The above exception'))) continue;
          break;
        }
        j++;
      }
      out.push('Traceback (most recent call last):', last);
      i = j;
      continue;
    }
    out.push(l);
    i++;
  }
  return out.join('\n');
}

describe('shell transcripts recorded from Django 5.2', () => {
  for (const fx of fixtures) {
    it(fx.name, async () => {
      const got = await runFixture(fx);
      if (fx.mode === 'repl') {
        expect(normalize(got.output)).toBe(normalize(fx.output!));
      } else {
        expect(normalize(got.stdout)).toBe(normalize(fx.stdout!));
        const lastLine = (s: string) => s.trim().split('\n').pop() ?? '';
        expect(lastLine(got.stderr)).toBe(lastLine(fx.stderr!));
      }
      expect(got.exit).toBe(fx.exit);
    }, 30000);
  }
});
