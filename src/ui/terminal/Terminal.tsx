// The terminal: xterm.js with a small shell that runs `python manage.py ...` in the engine.
import { forwardRef, useEffect, useImperativeHandle, useRef } from 'react';
import { Terminal as XTerm } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import '@xterm/xterm/css/xterm.css';
import { complete, LineEditor, parseCommandLine, type CompletionContext } from './shell';

export interface RunIO {
  output(stream: 'stdout' | 'stderr', text: string): void;
  ask(prompt: string): Promise<string | null>;
  /** A SQL statement the ORM just ran ("Show SQL"). */
  sql(sql: string): void;
}

export interface TerminalHost {
  /** Starts `manage.py <argv>`; output and questions come back through `io`. */
  runManage(argv: string[], io: RunIO): { runId: number; done: Promise<number> };
  interrupt(runId: number): void;
  readFile(path: string): string | undefined;
  listFiles(): string[];
  completion(): CompletionContext;
  saveHistory(history: string[]): void;
}

export interface TerminalHandle {
  /** Types `line` at the prompt and runs it; questions go to `ask` when given (a dialog). */
  runLine(line: string, ask?: (prompt: string) => Promise<string | null>): Promise<number>;
  focus(): void;
  text(): string;
}

const PROMPT = '\x1b[1;32mstudent@playground\x1b[0m:\x1b[1;34m~/project\x1b[0m$ ';
const PROMPT_WIDTH = 'student@playground:~/project$ '.length;

const HELP = `Commands:
  python manage.py <command> [options]   also: python3 manage.py, ./manage.py
      makemigrations, migrate, sqlmigrate, showmigrations, squashmigrations, check, ...
  ls [folder]     list the project's files
  cat <file>      print a file
  clear           clear the screen (Ctrl+L)
  help            this text
Keys: ↑/↓ history · Tab completes commands, app labels and migration names · Ctrl+C interrupts
`;

function themeFor(dark: boolean) {
  return dark
    ? { background: '#161617', foreground: '#d4d4d4', cursor: '#d4d4d4', selectionBackground: '#264f78', cyan: '#29b8db', brightCyan: '#29b8db', green: '#4ec97a', brightGreen: '#4ec97a', blue: '#3b8eea', brightBlue: '#3b8eea', red: '#f14c4c', yellow: '#e5e510' }
    : { background: '#f6f8fa', foreground: '#1f2328', cursor: '#1f2328', selectionBackground: '#b6d7ff', cyan: '#0e7490', brightCyan: '#0e7490', green: '#1a7f37', brightGreen: '#1a7f37', blue: '#0550ae', brightBlue: '#0550ae', red: '#c4262e', yellow: '#9a6700', brightYellow: '#9a6700', white: '#57606a', brightWhite: '#1f2328' };
}

export const Terminal = forwardRef<TerminalHandle, { host: TerminalHost; history: string[] }>(function Terminal({ host, history }, ref) {
  const el = useRef<HTMLDivElement>(null);
  const hostRef = useRef(host);
  hostRef.current = host;
  const api = useRef<TerminalHandle | null>(null);

  useEffect(() => {
    const media = window.matchMedia('(prefers-color-scheme: dark)');
    const term = new XTerm({
      convertEol: true,
      cursorBlink: true,
      fontFamily: "'JetBrains Mono', 'Cascadia Code', 'Fira Code', Menlo, Consolas, 'DejaVu Sans Mono', monospace",
      fontSize: 12.5,
      lineHeight: 1.2,
      scrollback: 5000,
      theme: themeFor(media.matches),
      allowProposedApi: false,
    });
    const fit = new FitAddon();
    term.loadAddon(fit);
    term.open(el.current!);
    const textarea = el.current!.querySelector('textarea');
    textarea?.setAttribute('aria-label', 'Terminal input');
    const doFit = () => {
      try {
        fit.fit();
      } catch {
        /* not visible yet */
      }
    };
    doFit();
    const observer = new ResizeObserver(doFit);
    observer.observe(el.current!);
    const onTheme = () => (term.options.theme = themeFor(media.matches));
    media.addEventListener('change', onTheme);

    const editor = new LineEditor([...history]);
    let mode: 'idle' | 'running' | 'asking' = 'idle';
    let runId = -1;
    let answer: ((line: string | null) => void) | null = null;
    let askLineStart = 0; // the column where an answer starts (the prompt precedes it)
    let lastOutputLine = '';

    const redraw = (promptWidth: number, prompt: string | null) => {
      term.write('\r' + (prompt ?? '\x1b[' + promptWidth + 'C') + editor.buffer + '\x1b[K');
      const back = editor.buffer.length - editor.cursor;
      if (back > 0) term.write(`\x1b[${back}D`);
    };
    const redrawInput = () => (mode === 'asking' ? redraw(askLineStart, null) : redraw(PROMPT_WIDTH, PROMPT));
    // What is typed while a command runs is kept and typed at the next prompt (typeahead).
    let typeahead = '';
    const showPrompt = () => {
      mode = 'idle';
      term.write(PROMPT);
      if (typeahead) {
        const keys = typeahead;
        typeahead = '';
        onData(keys);
      }
    };
    const write = (text: string) => {
      term.write(text);
      const nl = text.lastIndexOf('\n');
      lastOutputLine = nl >= 0 ? text.slice(nl + 1) : lastOutputLine + text;
    };

    // "Show SQL": each statement on its own dim cyan line, apart from the command's own output.
    const writeSql = (sql: string) => {
      const start = lastOutputLine ? '\r\n' : '';
      term.write(`${start}\x1b[2;36m-- SQL: ${sql.replace(/\r?\n/g, '\r\n')}\x1b[0m\r\n`);
      lastOutputLine = '';
    };

    const execute = async (line: string, ask?: (prompt: string) => Promise<string | null>): Promise<number> => {
      const cmd = parseCommandLine(line);
      switch (cmd.kind) {
        case 'empty':
          return 0;
        case 'clear':
          term.clear();
          return 0;
        case 'help':
          write(HELP);
          return 0;
        case 'error':
          write(cmd.message + '\n');
          return 127;
        case 'ls': {
          const dir = cmd.path.replace(/\/+$/, '');
          const prefix = dir ? dir + '/' : '';
          const names = new Set<string>();
          for (const f of hostRef.current.listFiles()) if (f.startsWith(prefix)) names.add(f.slice(prefix.length).split('/')[0] + (f.slice(prefix.length).includes('/') ? '/' : ''));
          if (!dir) names.add('manage.py');
          if (!names.size) {
            write(`ls: cannot access '${cmd.path}': No such file or directory\n`);
            return 2;
          }
          write([...names].sort().map((n) => (n.endsWith('/') ? `\x1b[1;34m${n.slice(0, -1)}\x1b[0m` : n)).join('  ') + '\n');
          return 0;
        }
        case 'cat': {
          let status = 0;
          for (const p of cmd.paths) {
            const text = hostRef.current.readFile(p.replace(/^\.\//, ''));
            if (text === undefined) {
              write(`cat: ${p}: No such file or directory\n`);
              status = 1;
            } else write(text.endsWith('\n') || !text ? text : text + '\n');
          }
          return status;
        }
        case 'manage': {
          mode = 'running';
          lastOutputLine = '';
          const run = hostRef.current.runManage(cmd.argv, {
            output: (_stream, text) => write(text),
            sql: writeSql,
            ask: (prompt) => {
              if (ask) {
                const promptShown = lastOutputLine !== '';
                return ask(prompt).then((answer) => {
                  write(`${promptShown ? '' : prompt}${answer ?? ''}\n`);
                  return answer;
                });
              }
              return new Promise((resolve) => {
                mode = 'asking';
                answer = resolve;
                askLineStart = lastOutputLine.replace(/\x1b\[[0-9;]*m/g, '').length;
                if (!lastOutputLine) {
                  write(prompt);
                  askLineStart = prompt.replace(/\x1b\[[0-9;]*m/g, '').length;
                }
              });
            },
          });
          runId = run.runId;
          try {
            return await run.done;
          } catch (e) {
            write(`\x1b[31m${e instanceof Error ? e.message : String(e)}\x1b[0m\n`);
            return 1;
          } finally {
            runId = -1;
            answer = null;
          }
        }
      }
    };

    const submitLine = async (line: string, ask?: (prompt: string) => Promise<string | null>) => {
      hostRef.current.saveHistory([...editor.history]);
      const status = await execute(line, ask);
      if (status !== 0 && !term.buffer.active.getLine(term.buffer.active.cursorY)?.translateToString(true).trim()) {
        /* nothing: Django prints its own errors */
      }
      if (term.buffer.active.cursorX !== 0) term.write('\r\n');
      showPrompt();
      return status;
    };

    let busy: Promise<number> | null = null;
    const onData = (data: string): void => {
      if (mode === 'running') {
        if (data === '\x03') {
          term.write('^C\r\n');
          typeahead = '';
          hostRef.current.interrupt(runId);
        } else typeahead += data;
        return;
      }
      // Several keys at once (typeahead, fast typing): one at a time, up to a line's end.
      if (data.length > 1 && !data.startsWith('\x1b') && /[\r\x03\t]/.test(data)) {
        for (let i = 0; i < data.length; i++) {
          if ((mode as string) === 'running') {
            typeahead += data.slice(i);
            return;
          }
          onData(data[i]);
        }
        return;
      }
      if (data === '\r') {
        if (mode === 'asking') {
          const line = editor.submit(false);
          term.write('\r\n');
          lastOutputLine = ''; // the answer ended the line: the next question shows its prompt
          mode = 'running';
          const resolve = answer;
          answer = null;
          resolve?.(line);
          return;
        }
        const line = editor.submit();
        term.write('\r\n');
        busy = submitLine(line);
        return;
      }
      if (data === '\x03') {
        term.write('^C\r\n');
        editor.submit(false);
        if (mode === 'asking') {
          mode = 'running';
          const resolve = answer;
          answer = null;
          hostRef.current.interrupt(runId);
          resolve?.(null);
        } else showPrompt();
        return;
      }
      if (data === '\x04') {
        if (mode === 'asking' && !editor.buffer) {
          term.write('\r\n');
          lastOutputLine = '';
          mode = 'running';
          const resolve = answer;
          answer = null;
          resolve?.(null);
        }
        return;
      }
      if (data === '\x0c') {
        term.clear();
        return;
      }
      if (data === '\t') {
        if (mode !== 'idle' || editor.cursor !== editor.buffer.length) return;
        const result = complete(editor.buffer, hostRef.current.completion());
        if (result.options.length) {
          term.write('\r\n' + result.options.join('  ') + '\r\n');
          term.write(PROMPT);
        }
        editor.set(result.line);
        redrawInput();
        return;
      }
      switch (data) {
        case '\x7f':
        case '\b':
          editor.backspace();
          break;
        case '\x1b[A':
          if (mode === 'idle') editor.up();
          break;
        case '\x1b[B':
          if (mode === 'idle') editor.down();
          break;
        case '\x1b[D':
          editor.left();
          break;
        case '\x1b[C':
          editor.right();
          break;
        case '\x1b[H':
        case '\x01':
          editor.home();
          break;
        case '\x1b[F':
        case '\x05':
          editor.end();
          break;
        case '\x1b[3~':
          editor.deleteForward();
          break;
        case '\x15':
          editor.set('');
          break;
        default:
          if (data.startsWith('\x1b')) return;
          // Pasted text: take it line by line; only the first line is typed.
          editor.insert(data.replace(/\r?\n.*$/s, '').replace(/[\x00-\x1f]/g, ''));
      }
      redrawInput();
    };
    term.onData(onData);

    term.write('Migration Playground: a Django 5.2 project. Type help, or try \x1b[1mpython manage.py makemigrations\x1b[0m\r\n');
    showPrompt();

    api.current = {
      async runLine(line, ask) {
        if (busy) await busy.catch(() => 0);
        if (mode !== 'idle') return 1;
        editor.set(line);
        redrawInput();
        editor.submit();
        term.write('\r\n');
        busy = submitLine(line, ask);
        return busy;
      },
      focus: () => term.focus(),
      text: () => {
        const b = term.buffer.active;
        const lines: string[] = [];
        for (let i = 0; i < b.length; i++) lines.push(b.getLine(i)?.translateToString(true) ?? '');
        return lines.join('\n').trimEnd();
      },
    };
    return () => {
      observer.disconnect();
      media.removeEventListener('change', onTheme);
      term.dispose();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useImperativeHandle(ref, () => ({
    runLine: (line, ask) => api.current?.runLine(line, ask) ?? Promise.resolve(1),
    focus: () => api.current?.focus(),
    text: () => api.current?.text() ?? '',
  }));

  return <div className="terminal-host" ref={el} role="region" aria-label="Terminal" data-testid="terminal" />;
});
