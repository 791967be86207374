// The terminal's little shell, without any DOM: parsing a command line, Tab completion,
// the editable input line with history. The xterm glue lives in Terminal.tsx.

export type ShellCommand =
  | { kind: 'empty' }
  | { kind: 'manage'; argv: string[] }
  | { kind: 'clear' }
  | { kind: 'help' }
  | { kind: 'ls'; path: string }
  | { kind: 'cat'; paths: string[] }
  | { kind: 'error'; message: string };

/** Splits a command line like a POSIX shell would (quotes and backslashes), without expansion. */
export function tokenize(line: string): string[] | null {
  const out: string[] = [];
  let cur = '';
  let has = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = null;
      else if (ch === '\\' && quote === '"' && i + 1 < line.length) cur += line[++i];
      else cur += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      has = true;
    } else if (ch === '\\' && i + 1 < line.length) {
      cur += line[++i];
      has = true;
    } else if (/\s/.test(ch)) {
      if (has) out.push(cur);
      cur = '';
      has = false;
    } else {
      cur += ch;
      has = true;
    }
  }
  if (quote) return null;
  if (has) out.push(cur);
  return out;
}

const MANAGE_PREFIXES: string[][] = [['python', 'manage.py'], ['python3', 'manage.py'], ['./manage.py'], ['manage.py'], ['django-admin']];

export function parseCommandLine(line: string): ShellCommand {
  const words = tokenize(line);
  if (words === null) return { kind: 'error', message: 'unexpected end of line: missing closing quote' };
  if (!words.length) return { kind: 'empty' };
  for (const prefix of MANAGE_PREFIXES) {
    if (prefix.every((w, i) => words[i] === w)) {
      if (prefix[0] === 'manage.py') return { kind: 'error', message: 'manage.py: command not found (try python manage.py)' };
      return { kind: 'manage', argv: words.slice(prefix.length) };
    }
  }
  switch (words[0]) {
    case 'clear':
      return { kind: 'clear' };
    case 'help':
      return { kind: 'help' };
    case 'ls':
      return { kind: 'ls', path: words.slice(1).find((w) => !w.startsWith('-')) ?? '' };
    case 'cat':
      return words.length > 1 ? { kind: 'cat', paths: words.slice(1) } : { kind: 'error', message: 'cat: missing file operand' };
    case 'python':
    case 'python3':
      if (words.length === 1) return { kind: 'error', message: 'The playground runs Django commands only: python manage.py <command>' };
      return { kind: 'error', message: `${words[0]}: can't open file '${words[1]}': [Errno 2] No such file or directory` };
    default:
      return { kind: 'error', message: `${words[0]}: command not found (type help)` };
  }
}

export const MANAGE_COMMANDS = [
  'check', 'diffsettings', 'help', 'inspectdb', 'makemigrations', 'migrate', 'optimizemigration', 'shell', 'showmigrations', 'sqlmigrate',
  'sqlsequencereset', 'squashmigrations',
];

const COMMAND_OPTIONS: Record<string, string[]> = {
  makemigrations: ['--dry-run', '--empty', '--merge', '--name', '--noinput', '--check', '--update', '--verbosity'],
  migrate: ['--fake', '--fake-initial', '--plan', '--noinput', '--prune', '--check', '--run-syncdb', '--verbosity'],
  showmigrations: ['--list', '--plan', '--verbosity'],
  sqlmigrate: ['--backwards'],
  check: ['--deploy', '--fail-level', '--list-tags', '--tag'],
  diffsettings: ['--all', '--default', '--output'],
  inspectdb: ['--include-views', '--include-partitions'],
  squashmigrations: ['--no-optimize', '--noinput', '--squashed-name'],
};

export interface CompletionContext {
  apps: string[];
  migrations: { app: string; name: string }[];
  files: string[];
}

export interface Completion {
  /** The new line after completing (unchanged when ambiguous). */
  line: string;
  /** Candidates to list when more than one matches. */
  options: string[];
}

function commonPrefix(words: string[]): string {
  if (!words.length) return '';
  let p = words[0];
  for (const w of words) while (!w.startsWith(p)) p = p.slice(0, -1);
  return p;
}

/** Completes the last word of `line` (the cursor is at its end). */
export function complete(line: string, ctx: CompletionContext): Completion {
  const endsWithSpace = /\s$/.test(line) || line === '';
  const words = tokenize(line) ?? line.split(/\s+/).filter(Boolean);
  const current = endsWithSpace ? '' : (words.pop() ?? '');
  const head = line.slice(0, line.length - current.length);
  let candidates: string[] = [];
  let manage: { cmd: string | undefined; argIndex: number } | null = null;
  for (const prefix of MANAGE_PREFIXES.filter((p) => p[0] !== 'manage.py')) {
    if (words.length >= prefix.length && prefix.every((w, i) => words[i] === w)) {
      manage = { cmd: words[prefix.length], argIndex: words.length - prefix.length };
      break;
    }
  }
  if (manage) {
    const { cmd, argIndex } = manage;
    if (argIndex === 0) candidates = MANAGE_COMMANDS;
    else if (cmd && current.startsWith('-')) candidates = COMMAND_OPTIONS[cmd] ?? [];
    else if (cmd) {
      const positional = words.slice(words.length - argIndex + 1).filter((w) => !w.startsWith('-'));
      if (cmd === 'help') candidates = positional.length ? [] : MANAGE_COMMANDS;
      else if (cmd === 'makemigrations' || cmd === 'showmigrations') candidates = ctx.apps;
      else if (positional.length === 0) candidates = ctx.apps;
      else if (positional.length === 1) {
        const names = ctx.migrations.filter((m) => m.app === positional[0]).map((m) => m.name);
        candidates = cmd === 'migrate' ? ['zero', ...names] : names;
      }
    }
  } else if (words.length === 0) {
    candidates = ['python manage.py ', 'python3 manage.py ', './manage.py ', 'clear', 'help', 'ls ', 'cat '];
  } else if (words.length === 1 && (words[0] === 'python' || words[0] === 'python3')) {
    candidates = ['manage.py'];
  } else if (words[0] === 'cat') {
    candidates = ctx.files;
  } else if (words[0] === 'ls') {
    candidates = [...new Set(ctx.files.map((f) => f.split('/').slice(0, -1).join('/')).filter(Boolean))];
  }
  const matches = [...new Set(candidates)].filter((c) => c.startsWith(current)).sort();
  if (!matches.length) return { line, options: [] };
  if (matches.length === 1) {
    const done = matches[0];
    return { line: head + done + (done.endsWith(' ') || done.endsWith('/') ? '' : ' '), options: [] };
  }
  const prefix = commonPrefix(matches);
  return { line: head + prefix, options: prefix.length > current.length ? [] : matches };
}

/** The editable input line: cursor movement, history with ↑/↓. */
export class LineEditor {
  buffer = '';
  cursor = 0;
  private historyIndex: number;
  private draft = '';

  constructor(readonly history: string[] = []) {
    this.historyIndex = history.length;
  }

  insert(text: string): void {
    this.buffer = this.buffer.slice(0, this.cursor) + text + this.buffer.slice(this.cursor);
    this.cursor += text.length;
  }
  backspace(): void {
    if (this.cursor === 0) return;
    this.buffer = this.buffer.slice(0, this.cursor - 1) + this.buffer.slice(this.cursor);
    this.cursor--;
  }
  deleteForward(): void {
    this.buffer = this.buffer.slice(0, this.cursor) + this.buffer.slice(this.cursor + 1);
  }
  left(): void {
    this.cursor = Math.max(0, this.cursor - 1);
  }
  right(): void {
    this.cursor = Math.min(this.buffer.length, this.cursor + 1);
  }
  home(): void {
    this.cursor = 0;
  }
  end(): void {
    this.cursor = this.buffer.length;
  }
  set(text: string): void {
    this.buffer = text;
    this.cursor = text.length;
  }
  up(): void {
    if (this.historyIndex === 0) return;
    if (this.historyIndex === this.history.length) this.draft = this.buffer;
    this.historyIndex--;
    this.set(this.history[this.historyIndex]);
  }
  down(): void {
    if (this.historyIndex >= this.history.length) return;
    this.historyIndex++;
    this.set(this.historyIndex === this.history.length ? this.draft : this.history[this.historyIndex]);
  }
  /** Takes the line (Enter) and records it in the history. */
  submit(record = true): string {
    const line = this.buffer;
    if (record && line.trim() && this.history[this.history.length - 1] !== line) this.history.push(line);
    if (this.history.length > 500) this.history.splice(0, this.history.length - 500);
    this.historyIndex = this.history.length;
    this.buffer = '';
    this.cursor = 0;
    this.draft = '';
    return line;
  }
}
