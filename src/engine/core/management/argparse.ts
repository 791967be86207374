// A small argparse work-alike: the parsing rules, usage lines, help text and error
// messages of Python 3.11's argparse, as Django's CommandParser shows them.

import { pyReprStr } from './pyrepr';

export type ArgValue = string | number | boolean | null | string[] | number[];
export type Namespace = Record<string, ArgValue | undefined>;

export interface ArgumentSpec {
  action?: 'store' | 'store_true' | 'store_false' | 'store_const' | 'append' | 'count' | 'version' | 'help';
  nargs?: '?' | '*' | '+' | number;
  dest?: string;
  default?: ArgValue;
  const?: ArgValue;
  type?: 'int' | 'str';
  choices?: readonly (string | number)[];
  required?: boolean;
  help?: string | null; // null = argparse.SUPPRESS
  metavar?: string;
  version?: string;
}

export interface Action extends ArgumentSpec {
  optionStrings: string[];
  dest: string;
  action: NonNullable<ArgumentSpec['action']>;
}

/** Raised to end the program the way sys.exit() does (status and already-printed output). */
export class SystemExit extends Error {
  constructor(readonly code: number) {
    super(`SystemExit: ${code}`);
  }
}

export interface ParserOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export class ArgumentError extends Error {}

const WIDTH = 78; // COLUMNS (80) - 2, as argparse computes it without a terminal

export class ArgumentParser {
  readonly actions: Action[] = [];
  /** Options that Django's formatter lists after the command's own. */
  showLast = new Set<string>();
  /** When set, errors raise this instead of printing usage and exiting 2 (Django's CommandParser). */
  errorHook?: (message: string) => never;

  constructor(
    readonly prog: string,
    readonly out: ParserOutput,
    readonly opts: { description?: string; usage?: string; addHelp?: boolean; allowAbbrev?: boolean } = {},
  ) {
    if (opts.addHelp !== false) {
      this.addArgument(['-h', '--help'], { action: 'help', help: 'show this help message and exit' });
    }
  }

  addArgument(names: string | string[], spec: ArgumentSpec = {}): Action {
    const list = typeof names === 'string' ? [names] : names;
    const isOptional = list[0].startsWith('-');
    let dest = spec.dest;
    if (!dest) {
      if (!isOptional) dest = list[0];
      else {
        const long = list.find((s) => s.startsWith('--')) ?? list[0];
        let start = 0;
        while (long[start] === '-') start++;
        dest = long.slice(start).replaceAll('-', '_');
      }
    }
    const action = spec.action ?? 'store';
    let def = spec.default;
    if (def === undefined) {
      if (action === 'store_true') def = false;
      else if (action === 'store_false') def = true;
      else def = null;
    }
    // Every action has the same properties (one object shape for the parsing loops).
    const a: Action = {
      optionStrings: isOptional ? list : [],
      dest,
      action,
      nargs: spec.nargs,
      default: def,
      const: spec.const,
      type: spec.type,
      choices: spec.choices,
      required: spec.required ?? (!isOptional && spec.nargs !== '?' && spec.nargs !== '*'),
      help: spec.help,
      metavar: spec.metavar,
      version: spec.version,
    };
    this.actions.push(a);
    return a;
  }

  // ------------------------------------------------------------------ formatting

  private ordered(): Action[] {
    const first = this.actions.filter((a) => !a.optionStrings.some((s) => this.showLast.has(s)));
    const last = this.actions.filter((a) => a.optionStrings.some((s) => this.showLast.has(s)));
    return [...first, ...last];
  }

  private metavar(a: Action): string {
    if (a.metavar) return a.metavar;
    if (a.choices) return '{' + a.choices.map(String).join(',') + '}';
    return a.optionStrings.length ? a.dest.toUpperCase() : a.dest;
  }

  private formatArgs(a: Action): string {
    const m = this.metavar(a);
    if (a.nargs === undefined) return m;
    if (a.nargs === '?') return `[${m}]`;
    if (a.nargs === '*') return `[${m} ...]`;
    if (a.nargs === '+') return `${m} [${m} ...]`;
    return Array(a.nargs).fill(m).join(' ');
  }

  private takesValue(a: Action): boolean {
    return a.action === 'store' || a.action === 'append';
  }

  formatUsage(): string {
    const prefix = 'usage: ';
    if (this.opts.usage) return prefix + this.opts.usage.replace('%(prog)s', this.prog) + '\n';
    const actions = this.ordered().filter((a) => a.help !== null);
    const optParts: string[] = [];
    const posParts: string[] = [];
    for (const a of actions) {
      if (a.optionStrings.length) {
        let part = a.optionStrings[0];
        if (this.takesValue(a)) part += ' ' + this.formatArgs(a);
        optParts.push(a.required ? part : `[${part}]`);
      } else {
        posParts.push(this.formatArgs(a));
      }
    }
    const prog = this.prog;
    let usage = [prog, ...optParts, ...posParts].join(' ');
    const textWidth = WIDTH;
    if (prefix.length + usage.length > textWidth) {
      const getLines = (parts: string[], indent: string, pfx?: string): string[] => {
        const lines: string[] = [];
        let line: string[] = [];
        let lineLen = pfx !== undefined ? pfx.length - 1 : indent.length - 1;
        for (const part of parts) {
          if (lineLen + 1 + part.length > textWidth && line.length) {
            lines.push(indent + line.join(' '));
            line = [];
            lineLen = indent.length - 1;
          }
          line.push(part);
          lineLen += part.length + 1;
        }
        if (line.length) lines.push(indent + line.join(' '));
        if (pfx !== undefined && lines.length) lines[0] = lines[0].slice(indent.length);
        return lines;
      };
      let lines: string[];
      if (prefix.length + prog.length <= 0.75 * textWidth) {
        const indent = ' '.repeat(prefix.length + prog.length + 1);
        if (optParts.length) {
          lines = getLines([prog, ...optParts], indent, prefix);
          lines.push(...getLines(posParts, indent));
        } else if (posParts.length) {
          lines = getLines([prog, ...posParts], indent, prefix);
        } else lines = [prog];
      } else {
        const indent = ' '.repeat(prefix.length);
        lines = getLines([...optParts, ...posParts], indent);
        if (lines.length > 1) {
          lines = [...getLines(optParts, indent), ...getLines(posParts, indent)];
        }
        lines = [prog, ...lines];
      }
      usage = lines.join('\n');
    }
    return prefix + usage + '\n';
  }

  private invocation(a: Action): string {
    if (!a.optionStrings.length) return this.metavar(a);
    if (!this.takesValue(a)) return a.optionStrings.join(', ');
    const args = this.formatArgs(a);
    return a.optionStrings.map((s) => `${s} ${args}`).join(', ');
  }

  formatHelp(): string {
    let out = this.formatUsage().replace(/\n$/, '') + '\n\n';
    if (this.opts.description) out += wrap(collapse(this.opts.description), WIDTH).join('\n') + '\n\n';
    const actions = this.ordered().filter((a) => a.help !== null);
    const positionals = actions.filter((a) => !a.optionStrings.length);
    const optionals = actions.filter((a) => a.optionStrings.length);
    const maxLen = Math.max(0, ...actions.map((a) => this.invocation(a).length + 2));
    const helpPosition = Math.min(maxLen + 2, 24);
    const helpWidth = Math.max(WIDTH - helpPosition, 11);
    const actionWidth = helpPosition - 2 - 2;
    const section = (title: string, list: Action[]): string => {
      if (!list.length) return '';
      let s = title + ':\n';
      for (const a of list) {
        const header = this.invocation(a);
        const help = a.help ? collapse(a.help.replace(/%\(default\)s/g, String(a.default))) : '';
        if (!help) {
          s += '  ' + header + '\n';
          continue;
        }
        const lines = wrap(help, helpWidth);
        if (header.length <= actionWidth) {
          s += '  ' + header.padEnd(actionWidth) + '  ' + lines[0] + '\n';
        } else {
          s += '  ' + header + '\n' + ' '.repeat(helpPosition) + lines[0] + '\n';
        }
        for (const l of lines.slice(1)) s += ' '.repeat(helpPosition) + l + '\n';
      }
      return s + '\n';
    };
    out += section('positional arguments', positionals);
    out += section('options', optionals);
    return out.replace(/\n\n\n+/g, '\n\n').replace(/^\n+|\n+$/g, '') + '\n';
  }

  printHelp(): void {
    this.out.stdout(this.formatHelp());
  }

  // ------------------------------------------------------------------ errors

  error(message: string): never {
    if (this.errorHook) this.errorHook(message);
    this.out.stderr(this.formatUsage());
    this.out.stderr(`${this.prog}: error: ${message}\n`);
    throw new SystemExit(2);
  }

  private argName(a: Action): string {
    if (a.optionStrings.length) return a.optionStrings.join('/');
    return a.metavar ?? a.dest;
  }

  // ------------------------------------------------------------------ parsing

  parseArgs(args: string[]): Namespace {
    const [ns, extras] = this.parseKnownArgs(args);
    if (extras.length) this.error(`unrecognized arguments: ${extras.join(' ')}`);
    return ns;
  }

  parseKnownArgs(args: string[]): [Namespace, string[]] {
    try {
      return this.parseKnownArgsInner(args);
    } catch (e) {
      if (e instanceof ArgumentError) this.error(e.message);
      throw e;
    }
  }

  private optionMap(): Map<string, Action> {
    const m = new Map<string, Action>();
    for (const a of this.actions) for (const s of a.optionStrings) m.set(s, a);
    return m;
  }

  private parseOptional(arg: string, map: Map<string, Action>): [Action | null, string, string | null] | null {
    if (!arg || arg[0] !== '-') return null;
    if (map.has(arg)) return [map.get(arg)!, arg, null];
    if (arg.length === 1) return null;
    if (arg.includes('=')) {
      const i = arg.indexOf('=');
      const opt = arg.slice(0, i);
      if (map.has(opt)) return [map.get(opt)!, opt, arg.slice(i + 1)];
    }
    if (this.opts.allowAbbrev !== false || !arg.startsWith('--')) {
      const tuples = this.optionTuples(arg, map);
      if (tuples.length > 1) {
        const options = tuples.map((t) => t[1]).join(', ');
        throw new ArgumentError(`ambiguous option: ${arg} could match ${options}`);
      }
      if (tuples.length === 1) return tuples[0];
    }
    if (/^-\d+$|^-\d*\.\d+$/.test(arg)) return null;
    if (arg.includes(' ')) return null;
    return [null, arg, null];
  }

  private optionTuples(arg: string, map: Map<string, Action>): [Action, string, string | null][] {
    const out: [Action, string, string | null][] = [];
    if (arg.startsWith('--')) {
      let prefix = arg;
      let explicit: string | null = null;
      if (arg.includes('=')) {
        const i = arg.indexOf('=');
        prefix = arg.slice(0, i);
        explicit = arg.slice(i + 1);
      }
      for (const [s, a] of map) if (s.startsWith(prefix)) out.push([a, s, explicit]);
    } else {
      const short = arg.slice(0, 2);
      const shortExplicit = arg.slice(2);
      for (const [s, a] of map) {
        if (s === short) out.push([a, s, shortExplicit]);
        else if (s.startsWith(arg)) out.push([a, s, null]);
      }
    }
    return out;
  }

  private nargsPattern(a: Action): string {
    let p: string;
    const n = a.action === 'store' || a.action === 'append' ? a.nargs : 0;
    if (n === undefined) p = '(-*A-*)';
    else if (n === '?') p = '(-*A?-*)';
    else if (n === '*') p = '(-*[A-]*)';
    else if (n === '+') p = '(-*A[A-]*)';
    else if (n === 0) p = '(-*-*)';
    else p = '(-*' + Array(n).fill('A').join('-*') + '-*)';
    if (!a.optionStrings.length) p = p.replace(/-\*/g, '').replace(/-/g, '');
    return p;
  }

  private parseKnownArgsInner(argStrings: string[]): [Namespace, string[]] {
    const ns: Namespace = {};
    for (const a of this.actions) {
      if (a.action === 'help' || a.action === 'version') continue;
      if (!(a.dest in ns)) ns[a.dest] = a.default;
    }
    const map = this.optionMap();
    const optionIndices = new Map<number, [Action | null, string, string | null]>();
    let pattern = '';
    let afterDashes = false;
    argStrings.forEach((s, i) => {
      if (afterDashes) {
        pattern += 'A';
        return;
      }
      if (s === '--') {
        afterDashes = true;
        pattern += '-';
        return;
      }
      const t = this.parseOptional(s, map);
      if (t === null) pattern += 'A';
      else {
        optionIndices.set(i, t);
        pattern += 'O';
      }
    });

    const seen = new Set<Action>();
    const extras: string[] = [];
    const positionals = this.actions.filter((a) => !a.optionStrings.length);

    const takeAction = (a: Action, values: string[], optionString?: string) => {
      seen.add(a);
      const v = this.getValues(a, values);
      switch (a.action) {
        case 'store':
          ns[a.dest] = v;
          break;
        case 'store_true':
          ns[a.dest] = true;
          break;
        case 'store_false':
          ns[a.dest] = false;
          break;
        case 'store_const':
          ns[a.dest] = a.const ?? null;
          break;
        case 'append': {
          const cur = (ns[a.dest] as string[] | null) ?? [];
          ns[a.dest] = [...cur, v as string];
          break;
        }
        case 'count':
          ns[a.dest] = ((ns[a.dest] as number | null) ?? 0) + 1;
          break;
        case 'help':
          this.printHelp();
          throw new SystemExit(0);
        case 'version':
          this.out.stdout((a.version ?? '') + '\n');
          throw new SystemExit(0);
      }
      void optionString;
    };

    const matchArgument = (a: Action, pat: string): number => {
      const re = anchored(this.nargsPattern(a));
      const m = re.exec(pat);
      if (!m) {
        const n = a.nargs;
        let msg: string;
        if (n === undefined) msg = 'expected one argument';
        else if (n === '?') msg = 'expected at most one argument';
        else if (n === '+') msg = 'expected at least one argument';
        else msg = `expected ${n} argument${n === 1 ? '' : 's'}`;
        throw new ArgumentError(`argument ${this.argName(a)}: ${msg}`);
      }
      return m[1].length;
    };

    const consumeOptional = (start: number): number => {
      let [action, optionString, explicit] = optionIndices.get(start)!;
      const tuples: [Action, string[], string][] = [];
      let stop = start + 1;
      for (;;) {
        if (action === null) {
          extras.push(argStrings[start]);
          return start + 1;
        }
        if (explicit !== null) {
          const count = matchArgument(action, 'A');
          if (count === 0 && optionString[1] !== '-' && explicit !== '') {
            tuples.push([action, [], optionString]);
            optionString = optionString[0] + explicit[0];
            const rest = explicit.slice(1) || null;
            if (map.has(optionString)) {
              action = map.get(optionString)!;
              explicit = rest;
            } else {
              throw new ArgumentError(`argument ${this.argName(action)}: ignored explicit argument ${pyReprStr(explicit)}`);
            }
          } else if (count === 1) {
            stop = start + 1;
            tuples.push([action, [explicit], optionString]);
            break;
          } else {
            throw new ArgumentError(`argument ${this.argName(action)}: ignored explicit argument ${pyReprStr(explicit)}`);
          }
        } else {
          const s = start + 1;
          const count = matchArgument(action, pattern.slice(s));
          stop = s + count;
          tuples.push([action, argStrings.slice(s, stop), optionString]);
          break;
        }
      }
      for (const [a, args, os] of tuples) takeAction(a, args, os);
      return stop;
    };

    const consumePositionals = (start: number): number => {
      const selected = pattern.slice(start);
      let counts: number[] = [];
      for (let i = positionals.length; i > 0; i--) {
        const re = anchored(positionals.slice(0, i).map((a) => this.nargsPattern(a)).join(''));
        const m = re.exec(selected);
        if (m) {
          counts = m.slice(1).map((g) => g.length);
          break;
        }
      }
      for (let k = 0; k < counts.length; k++) {
        const a = positionals[k];
        const args = argStrings.slice(start, start + counts[k]).filter((s) => s !== '--');
        start += counts[k];
        takeAction(a, args);
      }
      positionals.splice(0, counts.length);
      return start;
    };

    let start = 0;
    const optionIdx = [...optionIndices.keys()];
    const maxOption = optionIdx.length ? Math.max(...optionIdx) : -1;
    while (start <= maxOption) {
      const next = Math.min(...optionIdx.filter((i) => i >= start));
      if (start !== next) {
        const end = consumePositionals(start);
        if (end > start) {
          start = end;
          continue;
        }
        start = end;
      }
      if (!optionIndices.has(start)) {
        extras.push(...argStrings.slice(start, next));
        start = next;
      }
      start = consumeOptional(start);
    }
    const stop = consumePositionals(start);
    extras.push(...argStrings.slice(stop));

    const missing = this.actions.filter((a) => a.required && !seen.has(a)).map((a) => this.argName(a));
    if (missing.length) throw new ArgumentError(`the following arguments are required: ${missing.join(', ')}`);
    return [ns, extras];
  }

  private convert(a: Action, s: string): string | number {
    if (a.type === 'int') {
      const t = s.trim().replace(/_/g, '');
      if (!/^[+-]?\d+$/.test(t)) throw new ArgumentError(`argument ${this.argName(a)}: invalid int value: ${pyReprStr(s)}`);
      return Number(t);
    }
    return s;
  }

  private check(a: Action, v: string | number): void {
    if (a.choices && !a.choices.includes(v)) {
      const shown = (x: string | number) => (typeof x === 'number' ? String(x) : pyReprStr(x));
      throw new ArgumentError(
        `argument ${this.argName(a)}: invalid choice: ${shown(v)} (choose from ${a.choices.map(shown).join(', ')})`,
      );
    }
  }

  private getValues(a: Action, values: string[]): ArgValue {
    if (!(a.action === 'store' || a.action === 'append')) return null;
    if (a.nargs === undefined) {
      const v = this.convert(a, values[0]);
      this.check(a, v);
      return v;
    }
    if (a.nargs === '?') {
      if (!values.length) return a.optionStrings.length ? (a.const ?? null) : (a.default ?? null);
      const v = this.convert(a, values[0]);
      this.check(a, v);
      return v;
    }
    if (a.nargs === '*' && !values.length && !a.optionStrings.length) {
      return a.default ?? [];
    }
    const vs = values.map((s) => this.convert(a, s));
    for (const v of vs) this.check(a, v);
    return vs as string[] | number[];
  }
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const isLetter = (c: string | undefined) => !!c && /[^\d\W]/u.test(c);

/** textwrap.wrap for one paragraph of single-spaced words, breaking after hyphens as textwrap does. */
export function wrap(text: string, width: number): string[] {
  const chunks: string[] = [];
  const words = text.split(' ').filter((w) => w.length);
  words.forEach((w, wi) => {
    let from = 0;
    for (let i = 0; i < w.length; i++) {
      if (w[i] === '-' && i >= 2 && isLetter(w[i - 1]) && isLetter(w[i - 2]) && isLetter(w[i + 1]) && (isLetter(w[i + 2]) || (w[i + 2] === '-' && isLetter(w[i + 3])))) {
        chunks.push(w.slice(from, i + 1));
        from = i + 1;
      }
    }
    chunks.push(w.slice(from));
    if (wi < words.length - 1) chunks.push(' ');
  });
  const lines: string[] = [];
  let cur: string[] = [];
  let len = 0;
  for (const c of chunks) {
    if (c === ' ' && !cur.length) continue;
    if (len + c.length <= width) {
      cur.push(c);
      len += c.length;
      continue;
    }
    if (cur.length) {
      while (cur.length && cur[cur.length - 1] === ' ') cur.pop();
      lines.push(cur.join(''));
    }
    cur = c === ' ' ? [] : [c];
    len = c === ' ' ? 0 : c.length;
  }
  while (cur.length && cur[cur.length - 1] === ' ') cur.pop();
  if (cur.length) lines.push(cur.join(''));
  return lines.length ? lines : [''];
}

const anchoredPatterns = new Map<string, RegExp>();

/** The compiled `^pattern` (the few nargs patterns recur at every parse). */
function anchored(pattern: string): RegExp {
  let re = anchoredPatterns.get(pattern);
  if (!re) {
    re = new RegExp('^' + pattern);
    anchoredPatterns.set(pattern, re);
  }
  return re;
}
