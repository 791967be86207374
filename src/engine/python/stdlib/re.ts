// `re`: compile() returning a Pattern with .pattern/.flags, and match/search/fullmatch/sub/
// findall/split/escape on top of JavaScript regular expressions (Python syntax translated).

import { PyDict, PyInstance, PyList, PyTuple, type PyValue } from '../values';
import { callValue, err, pyRepr, toIndex } from '../protocol';
import { bind, builtin, makeModule, method, nativeClass, registerNativeModule, sig } from '../native';

export const FLAGS = { TEMPLATE: 1n, IGNORECASE: 2n, LOCALE: 4n, MULTILINE: 8n, DOTALL: 16n, UNICODE: 32n, VERBOSE: 64n, DEBUG: 128n, ASCII: 256n };
const FLAG_NAMES: [string, bigint][] = [
  ['IGNORECASE', 2n],
  ['LOCALE', 4n],
  ['MULTILINE', 8n],
  ['DOTALL', 16n],
  ['VERBOSE', 64n],
  ['ASCII', 256n],
];

export interface PatternValue {
  pattern: string;
  /** Python's flags value (UNICODE included for str patterns). */
  flags: bigint;
  re: RegExp;
}

interface MatchValue {
  m: RegExpExecArray;
  string: string;
  pattern: PyInstance;
}

function stripVerbose(p: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '\\') {
      out += c + (p[i + 1] ?? '');
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') inClass = true;
    if (/\s/.test(c)) continue;
    if (c === '#') {
      while (i < p.length && p[i] !== '\n') i++;
      continue;
    }
    out += c;
  }
  return out;
}

/** Translates Python regex syntax to JavaScript's. */
export function translatePattern(pattern: string, flags: bigint): RegExp {
  let p = flags & FLAGS.VERBOSE ? stripVerbose(pattern) : pattern;
  p = p
    .replace(/\(\?P<([A-Za-z_]\w*)>/g, '(?<$1>')
    .replace(/\(\?P=([A-Za-z_]\w*)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  let jsFlags = 'u';
  if (flags & FLAGS.IGNORECASE) jsFlags += 'i';
  if (flags & FLAGS.MULTILINE) jsFlags += 'm';
  if (flags & FLAGS.DOTALL) jsFlags += 's';
  try {
    return new RegExp(p, jsFlags);
  } catch {
    try {
      return new RegExp(p, jsFlags.replace('u', ''));
    } catch (e) {
      throw err('re.error', (e as Error).message);
    }
  }
}

function flagsRepr(flags: bigint): string {
  const names = FLAG_NAMES.filter(([, v]) => flags & v).map(([n]) => 're.' + n);
  return names.join('|');
}

export const PatternClass = nativeClass({
  name: 'Pattern',
  module: 're',
  hooks: {
    repr: (self) => {
      const p = self.native as PatternValue;
      const extra = flagsRepr(p.flags & ~FLAGS.UNICODE);
      return `re.compile(${pyRepr(p.pattern)}${extra ? ', ' + extra : ''})`;
    },
    getAttr: (self, name) => {
      const p = self.native as PatternValue;
      if (name === 'pattern') return p.pattern;
      if (name === 'flags') return p.flags;
      if (name === 'groups') return BigInt(new RegExp(p.re.source + '|').exec('')!.length - 1);
      return undefined;
    },
    eq: (self, other) =>
      other instanceof PyInstance &&
      other.cls === PatternClass &&
      (other.native as PatternValue).pattern === (self.native as PatternValue).pattern &&
      (other.native as PatternValue).flags === (self.native as PatternValue).flags,
    hash: (self) => 're:' + (self.native as PatternValue).pattern + ':' + (self.native as PatternValue).flags,
  },
  methods: {
    match: method('Pattern.match', 'self, string, pos=0', (a) => doMatch(a.self as PyInstance, String(a.string), 'match')),
    search: method('Pattern.search', 'self, string, pos=0', (a) => doMatch(a.self as PyInstance, String(a.string), 'search')),
    fullmatch: method('Pattern.fullmatch', 'self, string, pos=0', (a) => doMatch(a.self as PyInstance, String(a.string), 'fullmatch')),
    findall: method('Pattern.findall', 'self, string', (a) => findall(a.self as PyInstance, String(a.string))),
    sub: method('Pattern.sub', 'self, repl, string, count=0', (a) => sub(a.self as PyInstance, a.repl!, String(a.string), Number(toIndex(a.count!)))),
    split: method('Pattern.split', 'self, string, maxsplit=0', (a) => split(a.self as PyInstance, String(a.string), Number(toIndex(a.maxsplit!)))),
  },
});

export function compilePattern(pattern: PyValue, flags: PyValue = 0n): PyInstance {
  if (pattern instanceof PyInstance && pattern.cls === PatternClass) return pattern;
  if (typeof pattern !== 'string') throw err('TypeError', 'first argument must be string or compiled pattern');
  const f = toIndex(flags ?? 0n) | (flags !== null && toIndex(flags) & FLAGS.ASCII ? 0n : FLAGS.UNICODE);
  return new PyInstance(PatternClass, { pattern, flags: f, re: translatePattern(pattern, f) } satisfies PatternValue);
}

const MatchClass = nativeClass({
  name: 'Match',
  module: 're',
  hooks: {
    repr: (self) => {
      const mv = self.native as MatchValue;
      return `<re.Match object; span=(${mv.m.index}, ${mv.m.index + mv.m[0].length}), match=${pyRepr(mv.m[0])}>`;
    },
    getItem: (self, key) => group(self.native as MatchValue, key),
  },
  methods: {
    group: (self, args) => {
      const mv = (self as PyInstance).native as MatchValue;
      if (args.length <= 1) return group(mv, args[0] ?? 0n);
      return new PyTuple(args.map((g) => group(mv, g)));
    },
    groups: method('Match.groups', 'self, default=None', (a) => {
      const mv = (a.self as PyInstance).native as MatchValue;
      return new PyTuple(mv.m.slice(1).map((g) => (g === undefined ? a.default! : g)));
    }),
    groupdict: method('Match.groupdict', 'self, default=None', (a) => {
      const mv = (a.self as PyInstance).native as MatchValue;
      return new PyDict(Object.entries(mv.m.groups ?? {}).map(([k, v]) => [k, v === undefined ? a.default! : v] as [PyValue, PyValue]));
    }),
    start: method('Match.start', 'self, group=0', (a) => BigInt(span(a.self as PyInstance, a.group!)[0])),
    end: method('Match.end', 'self, group=0', (a) => BigInt(span(a.self as PyInstance, a.group!)[1])),
    span: method('Match.span', 'self, group=0', (a) => new PyTuple(span(a.self as PyInstance, a.group!).map(BigInt))),
  },
});

function span(self: PyInstance, g: PyValue): [number, number] {
  const mv = self.native as MatchValue;
  if (g === 0n) return [mv.m.index, mv.m.index + mv.m[0].length];
  const text = group(mv, g);
  if (text === null) return [-1, -1];
  const i = mv.string.indexOf(String(text), mv.m.index);
  return [i, i + String(text).length];
}

function group(mv: MatchValue, g: PyValue): PyValue {
  if (typeof g === 'string') {
    const v = mv.m.groups?.[g];
    if (v === undefined && !(mv.m.groups && g in mv.m.groups)) throw err('IndexError', 'no such group');
    return v ?? null;
  }
  const i = Number(toIndex(g));
  if (i < 0 || i >= mv.m.length) throw err('IndexError', 'no such group');
  return mv.m[i] ?? null;
}

function doMatch(pat: PyInstance, s: string, mode: 'match' | 'search' | 'fullmatch'): PyValue {
  const p = pat.native as PatternValue;
  let re = p.re;
  if (mode === 'match') re = new RegExp(p.re.source, p.re.flags + 'y');
  if (mode === 'fullmatch') re = new RegExp('^(?:' + p.re.source + ')$', p.re.flags.replace('m', ''));
  const m = re.exec(s);
  if (!m) return null;
  return new PyInstance(MatchClass, { m, string: s, pattern: pat } satisfies MatchValue);
}

function findall(pat: PyInstance, s: string): PyValue {
  const p = pat.native as PatternValue;
  const re = new RegExp(p.re.source, p.re.flags + 'g');
  const out: PyValue[] = [];
  for (const m of s.matchAll(re)) {
    if (m.length === 1) out.push(m[0]);
    else if (m.length === 2) out.push(m[1] ?? '');
    else out.push(new PyTuple(m.slice(1).map((g) => g ?? '')));
  }
  return new PyList(out);
}

function sub(pat: PyInstance, repl: PyValue, s: string, count: number): string {
  const p = pat.native as PatternValue;
  const re = new RegExp(p.re.source, p.re.flags + 'g');
  let n = 0;
  return s.replace(re, (...args: unknown[]) => {
    if (count > 0 && n >= count) return args[0] as string;
    n++;
    const groupsObj = typeof args[args.length - 1] === 'object' ? (args[args.length - 1] as Record<string, string>) : undefined;
    const nGroups = args.length - (groupsObj ? 4 : 3) + 1;
    const m = args.slice(0, nGroups) as string[];
    if (typeof repl === 'string') {
      return repl.replace(/\\(\d+)|\\g<(\w+)>|\\n/g, (x, d?: string, name?: string) => {
        if (x === '\\n') return '\n';
        if (d !== undefined) return m[Number(d)] ?? '';
        if (name !== undefined) return /^\d+$/.test(name) ? (m[Number(name)] ?? '') : (groupsObj?.[name] ?? '');
        return x;
      });
    }
    const arr = Object.assign(m.slice() as unknown as RegExpExecArray, { index: args[nGroups] as number, input: s, groups: groupsObj });
    return String(callValue(repl, [new PyInstance(MatchClass, { m: arr, string: s, pattern: pat } satisfies MatchValue)]));
  });
}

function split(pat: PyInstance, s: string, maxsplit: number): PyValue {
  const p = pat.native as PatternValue;
  const re = new RegExp(p.re.source, p.re.flags + 'g');
  const out: PyValue[] = [];
  let last = 0;
  let n = 0;
  for (const m of s.matchAll(re)) {
    if (maxsplit > 0 && n >= maxsplit) break;
    if (m[0] === '' && m.index === last && m.index !== 0 && m.index !== s.length) continue;
    out.push(s.slice(last, m.index));
    for (const g of m.slice(1)) out.push(g ?? null);
    last = m.index! + m[0].length;
    n++;
  }
  out.push(s.slice(last));
  return new PyList(out);
}

const modFn = (name: string, text: string, impl: (p: PyInstance, a: Record<string, PyValue | undefined>) => PyValue): PyValue => {
  const s = sig(name, text);
  return builtin(name, (args, kwargs) => {
    const a = bind(s, args, kwargs);
    return impl(compilePattern(a.pattern!, a.flags ?? 0n), a);
  }, 're');
};

registerNativeModule('re', () =>
  makeModule('re', {
    compile: builtin('compile', (args, kwargs) => {
      const a = bind(sig('compile', 'pattern, flags=0'), args, kwargs);
      return compilePattern(a.pattern!, a.flags!);
    }, 're'),
    match: modFn('match', 'pattern, string, flags=0', (p, a) => doMatch(p, String(a.string), 'match')),
    search: modFn('search', 'pattern, string, flags=0', (p, a) => doMatch(p, String(a.string), 'search')),
    fullmatch: modFn('fullmatch', 'pattern, string, flags=0', (p, a) => doMatch(p, String(a.string), 'fullmatch')),
    findall: modFn('findall', 'pattern, string, flags=0', (p, a) => findall(p, String(a.string))),
    sub: modFn('sub', 'pattern, repl, string, count=0, flags=0', (p, a) => sub(p, a.repl!, String(a.string), Number(toIndex(a.count!)))),
    split: modFn('split', 'pattern, string, maxsplit=0, flags=0', (p, a) => split(p, String(a.string), Number(toIndex(a.maxsplit!)))),
    escape: builtin('escape', (args) => String(args[0]).replace(/[.*+?^${}()|[\]\\\-#&~\s]/g, (c) => '\\' + c), 're'),
    Pattern: PatternClass,
    Match: MatchClass,
    I: FLAGS.IGNORECASE,
    IGNORECASE: FLAGS.IGNORECASE,
    M: FLAGS.MULTILINE,
    MULTILINE: FLAGS.MULTILINE,
    S: FLAGS.DOTALL,
    DOTALL: FLAGS.DOTALL,
    X: FLAGS.VERBOSE,
    VERBOSE: FLAGS.VERBOSE,
    A: FLAGS.ASCII,
    ASCII: FLAGS.ASCII,
    U: FLAGS.UNICODE,
    UNICODE: FLAGS.UNICODE,
    L: FLAGS.LOCALE,
    LOCALE: FLAGS.LOCALE,
  }),
);
