// The shell's Python: an interactive session with code.InteractiveConsole's semantics
// (`>>> ` / `... ` prompts, echo of expression values, tracebacks on stderr), and running a whole
// script the way `python manage.py shell < script.py` exec()s its standard input.

import { parseModule } from './parse';
import { exceptionArgs, runTree, setReplEcho, toPyException, type Host } from './interpreter';
import { PyException, PyModule, type PyValue } from './values';
import { pyRepr, pyStr } from './protocol';
import { setStderr, setStdout } from './builtins';
import type { Module } from './ast';

export interface ReplOptions {
  host: Host;
  /** Where print() and echoed values go. */
  stdout(text: string): void;
  /** Where tracebacks and the banner go (InteractiveConsole writes them to stderr). */
  stderr(text: string): void;
  /** The namespace to run in (the shell puts the auto-imported models here); a new one otherwise. */
  module?: PyModule;
  /** `__name__` of the namespace: code.InteractiveConsole uses '__console__'. */
  moduleName?: string;
  /** Source lines for tracebacks through project files. */
  sourceLines?(filename: string): string[] | undefined;
}

export type PushResult = 'more' | 'done';

const COMPOUND_START = /^(?:async\s+)?(?:class|def|if|for|while|try|with|match)\b|^@/;

export class ReplSession {
  readonly module: PyModule;
  /** Set when the code raised SystemExit (`exit()`): the status the process would exit with. */
  exitStatus: number | null = null;
  private buffer: string[] = [];
  private readonly moduleName: string;

  constructor(private readonly opts: ReplOptions) {
    const given = opts.module?.dict.get('__name__');
    this.moduleName = opts.moduleName ?? (typeof given === 'string' ? given : '__console__');
    this.module = opts.module ?? new PyModule(this.moduleName);
    if (!this.module.dict.has('__name__')) this.module.dict.set('__name__', this.moduleName);
    if (!this.module.dict.has('__doc__')) this.module.dict.set('__doc__', null);
  }

  /** The prompt for the next line. */
  get prompt(): string {
    return this.buffer.length ? '... ' : '>>> ';
  }

  /** Forgets a half-entered statement (Ctrl+C). */
  resetBuffer(): void {
    this.buffer = [];
  }

  /**
   * Adds one line of input. Returns 'more' while the statement is incomplete (the caller shows
   * `... `), 'done' once it ran or failed (output already written).
   */
  push(line: string): PushResult {
    this.buffer.push(line);
    const source = this.buffer.join('\n');
    rememberSource('<console>', source);
    const status = this.compile(source);
    if (status === 'more') return 'more';
    this.buffer = [];
    if (status instanceof PyException) {
      this.opts.stderr(formatException(status, this.opts.sourceLines));
      return 'done';
    }
    if (status) this.run(status, true);
    return 'done';
  }

  /**
   * Runs a whole script as exec() does (no echo of expression values). Returns the exception that
   * ended it (its traceback already written to stderr), or null; after SystemExit (`exit(3)`)
   * it returns null and `exitStatus` holds the status.
   */
  runScript(source: string, filename = '<string>'): PyException | null {
    let tree: Module;
    rememberSource(filename, source);
    try {
      tree = parseModule(source, filename);
    } catch (e) {
      const ex = toPyException(e);
      this.opts.stderr(formatException(ex, this.opts.sourceLines));
      return ex;
    }
    return this.run(tree, false, filename);
  }

  private run(tree: Module, echo: boolean, filename = '<console>'): PyException | null {
    setStdout(this.opts.stdout);
    setStderr(this.opts.stderr);
    if (echo) {
      setReplEcho((v: PyValue) => {
        if (v === null) return;
        this.module.dict.set('_', v);
        this.opts.stdout(pyRepr(v) + '\n');
      }, this.module.dict);
    }
    try {
      runTree(tree, this.module, { filename, moduleName: this.moduleName, host: this.opts.host, module: this.module });
      return null;
    } catch (e) {
      const ex = toPyException(e);
      const status = systemExitStatus(ex);
      if (status !== null) {
        // Not a failure: the caller reads exitStatus.
        this.exitStatus = status.code;
        if (status.message) this.opts.stderr(status.message + '\n');
        return null;
      }
      this.opts.stderr(formatException(ex, this.opts.sourceLines));
      return ex;
    } finally {
      if (echo) setReplEcho(null, null);
    }
  }

  /** codeop's decision: a tree to run, 'more' for incomplete input, null for nothing, or the SyntaxError. */
  private compile(source: string): Module | 'more' | PyException | null {
    const lines = source.split('\n');
    if (lines.every((l) => l.trim() === '' || l.trim().startsWith('#'))) {
      return lines.length > 1 && lines[lines.length - 1].trim() !== '' ? 'more' : null;
    }
    if (/\\$/.test(source)) return 'more';
    let tree: Module;
    try {
      tree = parseModule(source, '<console>');
    } catch (e) {
      const ex = toPyException(e);
      if (isIncomplete(ex, source)) return 'more';
      return ex;
    }
    const first = lines.find((l) => l.trim() && !l.trim().startsWith('#')) ?? '';
    const compound = COMPOUND_START.test(first.trim());
    // One interactive statement at a time (a second top-level statement is an error).
    const starts = new Set(tree.body.map((s) => s.line));
    if (starts.size > 1) {
      const second = [...starts].sort((a, b) => a - b)[1];
      const e = new PyException(
        'SyntaxError',
        compound ? 'invalid syntax' : 'multiple statements found while compiling a single statement',
        '<console>',
        second,
      );
      e.colno = 1;
      return e;
    }
    if (compound && lines[lines.length - 1].trim() !== '') return 'more';
    return tree;
  }
}

function isIncomplete(e: PyException, source: string): boolean {
  const m = e.pyMessage;
  if (m.endsWith('was never closed')) return true;
  if (m.startsWith('unterminated triple-quoted string literal')) return true;
  if (m.startsWith('expected an indented block') && (e.lineno ?? 0) >= source.split('\n').length - 1) {
    // The header is the last non-empty line: the body has not been typed yet.
    const lines = source.split('\n');
    return lines[lines.length - 1].trim() !== '' || lines.length === 1;
  }
  return false;
}

/**
 * A traceback as CPython prints it: `Traceback (most recent call last):`, one `File ..., line N,
 * in name` per frame (with the source line when known), chained exceptions, and the last line.
 * SyntaxErrors print the offending line and a caret instead.
 */
export function formatException(e: PyException, sourceLines?: (filename: string) => string[] | undefined, seen = new Set<PyException>()): string {
  seen.add(e);
  let out = '';
  if (e.cause && !seen.has(e.cause)) {
    out += formatException(e.cause, sourceLines, seen) + '\nThe above exception was the direct cause of the following exception:\n\n';
  } else if (e.context && !e.suppressContext && !seen.has(e.context)) {
    out += formatException(e.context, sourceLines, seen) + '\nDuring handling of the above exception, another exception occurred:\n\n';
  }
  const line = (file: string, n: number): string => {
    const text = sourceLines?.(file)?.[n - 1];
    return text !== undefined && text.trim() ? `    ${text.trim()}\n` : '';
  };
  const isSyntax = e.type === 'SyntaxError' || e.type === 'IndentationError' || e.type === 'TabError';
  const frames = [...e.traceback].reverse();
  if (frames.length) {
    out += 'Traceback (most recent call last):\n';
    for (const f of frames) out += `  File "${f.filename}", line ${f.lineno}, in ${f.name}\n` + line(f.filename, f.lineno);
  }
  if (isSyntax) {
    out += `  File "${e.filename ?? '<unknown>'}", line ${e.lineno ?? 0}\n`;
    const src = e.filename ? syntaxSource.get(e.filename) ?? sourceLines?.(e.filename) : undefined;
    const text = src?.[(e.lineno ?? 1) - 1];
    if (text !== undefined) {
      const stripped = text.replace(/^\s+/, '');
      const indent = text.length - stripped.length;
      const shown = stripped.replace(/\s+$/, '');
      out += `    ${shown}\n`;
      if (e.colno !== undefined) {
        const col = e.colno - 1 - indent;
        if (col >= 0 && col <= shown.length) {
          const width = e.endColno !== undefined && e.endColno > e.colno ? e.endColno - e.colno : 1;
          out += '    ' + ' '.repeat(col) + '^'.repeat(Math.max(1, Math.min(width, shown.length - col))) + '\n';
        }
      }
    }
  }
  out += (e.pyMessage ? `${e.type}: ${e.pyMessage}` : e.type) + '\n';
  return out;
}

/** Sources of pseudo-files (`<console>` input) for SyntaxError display. */
const syntaxSource = new Map<string, string[]>();

/** Drives a session over a console: prompts, reads lines until end of input, like code.interact(). */
export async function interact(
  session: ReplSession,
  io: { stdout(t: string): void; stderr(t: string): void; readLine(prompt: string): Promise<string | null> },
  banner?: string,
): Promise<void> {
  if (banner !== undefined) io.stderr(banner.endsWith('\n') || banner === '' ? banner : banner + '\n');
  for (;;) {
    // readLine shows the prompt (Console's contract).
    const line = await io.readLine(session.prompt);
    if (line === null) {
      io.stderr('\n');
      break;
    }
    session.push(line);
    if (session.exitStatus !== null) return;
  }
  io.stderr('now exiting InteractiveConsole...\n');
}

/**
 * For SystemExit: the exit status and what Python prints (`sys.exit('msg')` prints msg, status 1);
 * null for other exceptions.
 */
export function systemExitStatus(e: PyException): { code: number; message: string } | null {
  if (e.type !== 'SystemExit') return null;
  const arg = exceptionArgs(e).items[0];
  if (arg === undefined || arg === null) return { code: 0, message: '' };
  if (typeof arg === 'bigint') return { code: Number(arg), message: '' };
  if (typeof arg === 'boolean') return { code: arg ? 1 : 0, message: '' };
  return { code: 1, message: pyStr(arg) };
}

/** The banner code.interact() prints. */
export function defaultBanner(): string {
  return 'Python 3.11.2 (main) [playground] on linux\nType "help", "copyright", "credits" or "license" for more information.\n(InteractiveConsole)\n';
}

/** Keeps the console's current input available to SyntaxError display. */
export function rememberSource(filename: string, source: string): void {
  syntaxSource.set(filename, source.split('\n'));
}
