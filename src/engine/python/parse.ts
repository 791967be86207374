// Python source -> syntax tree (ast.ts), through the Lezer Python grammar.
// Syntax errors become PyException('SyntaxError' | 'IndentationError') with CPython 3.11's
// wording where it can be determined, and the line CPython reports.

import { parser } from '@lezer/python';
import type { SyntaxNode } from '@lezer/common';
import type { CompFor, DictItem, Expr, FPart, FuncScope, Handler, KwArg, Module, Param, Stmt } from './ast';
import { lexScan, type LexProblem } from './lexcheck';
import { PyBytes, PyException, type PyValue } from './values';

class Ctx {
  readonly lineStarts: number[] = [0];
  constructor(
    readonly src: string,
    readonly filename: string,
    /** Lines before `src` in the file (chunked parsing). */
    readonly lineOffset = 0,
  ) {
    for (let i = 0; i < src.length; i++) if (src.charCodeAt(i) === 10) this.lineStarts.push(i + 1);
  }
  line(pos: number): number {
    const ls = this.lineStarts;
    let lo = 0;
    let hi = ls.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (ls[mid] <= pos) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1 + this.lineOffset;
  }
  text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }
  err(message: string, n: SyntaxNode | number, type: 'SyntaxError' | 'IndentationError' = 'SyntaxError', endPos?: number): PyException {
    const pos = typeof n === 'number' ? n : n.from;
    const line = this.line(pos);
    const e = new PyException(type, message, this.filename, line);
    const start = this.lineStart(line);
    e.colno = pos - start + 1;
    if (endPos !== undefined) e.endColno = endPos - start + 1;
    return e;
  }
  /** Start offset of a (file-relative) line within this chunk. */
  lineStart(line: number): number {
    return this.lineStarts[line - 1 - this.lineOffset];
  }
}

function kids(n: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = n.firstChild; c; c = c.nextSibling) if (c.name !== 'Comment') out.push(c);
  return out;
}

const cache = new Map<string, Module>();

/** Parses a module; results are cached by (filename, source) so re-evaluation is cheap. */
export function parseModule(src: string, filename = '<string>'): Module {
  const key = filename + '\0' + src;
  const hit = cache.get(key);
  if (hit) return hit;
  let mod: Module;
  try {
    mod = parseUncached(src, filename);
  } catch (e) {
    if (e instanceof PyException) throw e;
    // A tree shape the converter did not expect: report it as Python would report bad syntax.
    throw new PyException('SyntaxError', 'invalid syntax', filename, 1);
  }
  if (cache.size > 200) cache.clear();
  cache.set(key, mod);
  return mod;
}

function parseUncached(src: string, filename: string): Module {
  const { tokenError, indentError, chunks } = lexScan(src);
  if (chunks.length === 0 || chunks[0] !== 0) chunks.unshift(0);
  const body: Stmt[] = [];
  let parseError: ChunkError | null = null;
  let line = 1;
  let pos = 0;
  for (let i = 0; i < chunks.length; i++) {
    const start = chunks[i];
    const end = i + 1 < chunks.length ? chunks[i + 1] : src.length;
    for (; pos < start; pos++) if (src.charCodeAt(pos) === 10) line++;
    const r = parseChunk(src.slice(start, end), filename, line - 1, start);
    if ('error' in r) {
      parseError = r;
      break;
    }
    body.push(...r.body);
  }
  const chosen = chooseError(parseError, indentError, tokenError);
  if (chosen) throw chosen instanceof PyException ? chosen : lexException(chosen, src, filename);
  return { body, filename };
}

/**
 * Which error CPython reports: the parser's first error (an indentation problem wins on its own
 * line), unless a tokenizer error comes first, or comes anywhere later and the parser error is not an
 * unexpected indent (CPython tokenizes the rest of the file and prefers what the tokenizer finds);
 * an unclosed bracket wins when the parser failed after it.
 */
function chooseError(
  parseError: ChunkError | null,
  indentError: LexProblem | null,
  tokenError: LexProblem | null,
): PyException | LexProblem | null {
  let p: { pos: number; line: number; err: PyException | LexProblem; indent: boolean } | null = null;
  if (parseError) p = { pos: parseError.pos, line: parseError.line, err: parseError.error, indent: false };
  if (indentError && (!p || indentError.lineno <= p.line)) {
    p = { pos: indentError.pos, line: indentError.lineno, err: indentError, indent: true };
  }
  if (!tokenError) return p ? p.err : null;
  if (!p) return tokenError;
  if (tokenError.message.endsWith('was never closed')) return p.pos > tokenError.pos ? tokenError : p.err;
  if (tokenError.pos < p.pos) return tokenError;
  const unexpectedIndent = p.indent && (p.err as LexProblem).message === 'unexpected indent';
  return unexpectedIndent ? p.err : tokenError;
}

function lexException(lex: LexProblem, src: string, filename: string): PyException {
  const e = new PyException(lex.type, lex.message, filename, lex.lineno);
  const lineStart = src.lastIndexOf('\n', lex.pos - 1) + 1;
  if (lex.pos <= src.length && !lex.message.startsWith('unterminated triple')) e.colno = lex.pos - lineStart + 1;
  return e;
}

interface ChunkError {
  error: PyException;
  pos: number;
  /** Line of the token the parser failed on (CPython compares it with unclosed brackets). */
  line: number;
}

interface ChunkEntry {
  body: Stmt[];
  lineOffset: number;
}
const chunkCache = new Map<string, ChunkEntry>();

function parseChunk(text: string, filename: string, lineOffset: number, chunkStart: number): { body: Stmt[] } | ChunkError {
  const hit = chunkCache.get(text);
  if (hit) {
    if (hit.lineOffset === lineOffset) return { body: hit.body };
    return { body: shiftLines(hit.body, lineOffset - hit.lineOffset) as Stmt[] };
  }
  const ctx = new Ctx(text, filename, lineOffset);
  const tree = parser.parse(text);
  const cursor = tree.cursor();
  do {
    // Python 3.11 has no type parameter lists (`class Post[T]`): they are errors at the bracket.
    if (cursor.type.isError || cursor.name === 'TypeParamList') {
      // Where the parser choked: the next token after the (often empty) error node.
      // Newlines are tokens outside brackets only.
      let at = cursor.from;
      const bracketed = insideBrackets(cursor.node);
      while (at < text.length && (text[at] === ' ' || text[at] === '\t' || (bracketed && /\s/.test(text[at])))) at++;
      const error = describeError(ctx, cursor.node);
      return { error, pos: chunkStart + cursor.from, line: ctx.line(at) };
    }
  } while (cursor.next());
  let body: Stmt[];
  try {
    body = block(ctx, kids(tree.topNode), { inFunc: false, inLoop: false });
  } catch (e) {
    if (e instanceof PyException) return { error: e, pos: chunkStart + errorOffset(ctx, e), line: e.lineno ?? 0 };
    throw e;
  }
  if (chunkCache.size > 20000) chunkCache.clear();
  chunkCache.set(text, { body, lineOffset });
  return { body };
}

function insideBrackets(n: SyntaxNode): boolean {
  for (let p: SyntaxNode | null = n.parent; p; p = p.parent) {
    if (BRACKETED.has(p.name)) return true;
    if (p.name === 'Body' || p.name === 'Script') return false;
  }
  return false;
}

function errorOffset(ctx: Ctx, e: PyException): number {
  const line = e.lineno ?? ctx.lineOffset + 1;
  return (ctx.lineStart(line) ?? 0) + (e.colno ?? 1) - 1;
}

/** A copy of a syntax tree with every line moved by `delta` (a cached chunk that moved in the file). */
function shiftLines(node: unknown, delta: number): unknown {
  if (Array.isArray(node)) return node.map((n) => shiftLines(n, delta));
  if (node === null || typeof node !== 'object' || Object.getPrototypeOf(node) !== Object.prototype) return node;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(node as Record<string, unknown>)) {
    if (k === 'line') out[k] = (v as number) + delta;
    else if (k === 'scope' || k === 'value' && (node as { k?: string }).k === 'Const') out[k] = v;
    else out[k] = shiftLines(v, delta);
  }
  return out;
}

const COMPOUND_RE = /^\s*(?:async\s+)?(class|def|if|elif|else|for|while|try|except|finally|with)\b/;
const BRACKETED = new Set([
  'ArgList',
  'ArrayExpression',
  'TupleExpression',
  'ParenthesizedExpression',
  'DictionaryExpression',
  'SetExpression',
  'ParamList',
]);

function describeError(ctx: Ctx, errNode: SyntaxNode): PyException {
  const src = ctx.src;
  let pos = errNode.from;
  // An empty error node sits where the parser gave up; CPython blames the next token.
  if (errNode.to === errNode.from) {
    let p = pos;
    while (p < src.length && (src[p] === ' ' || src[p] === '\t')) p++;
    pos = p;
  }
  const line = ctx.line(pos);
  const lineStart = ctx.lineStart(line);
  let lineEnd = src.indexOf('\n', lineStart);
  if (lineEnd < 0) lineEnd = src.length;
  const lineText = src.slice(lineStart, lineEnd);
  // Header of a compound statement without its colon.
  const headerLine = lineText.replace(/#.*$/, '').replace(/\s+$/, '');
  if (COMPOUND_RE.test(headerLine) && !headerLine.endsWith(':') && (pos >= lineStart + headerLine.length || /^\s*(else|try|finally)\b/.test(headerLine))) {
    return ctx.err("expected ':'", pos);
  }
  // Two expressions side by side inside brackets: CPython suggests a missing comma.
  let p: SyntaxNode | null = errNode.parent;
  let inBrackets = false;
  while (p) {
    if (BRACKETED.has(p.name)) {
      inBrackets = true;
      break;
    }
    if (p.name === 'Body' || p.name === 'Script') break;
    p = p.parent;
  }
  if (inBrackets && p?.name === 'ArgList' && src[pos] === '=' && src[pos + 1] !== '=') {
    // `f(a.b=1)`: an expression where a keyword name belongs.
    let depth = 0;
    let k = pos - 1;
    for (; k >= 0; k--) {
      const ch = src[k];
      if (ch === ')' || ch === ']' || ch === '}') depth++;
      else if (ch === '(' || ch === '[' || ch === '{') {
        if (depth === 0) break;
        depth--;
      } else if (ch === ',' && depth === 0) break;
    }
    const arg = src.slice(k + 1, pos).trim();
    if (arg && !arg.startsWith('*') && !arg.includes('=') && !/^[A-Za-z_]\w*$/.test(arg)) {
      return ctx.err('expression cannot contain assignment, perhaps you meant "=="?', k + 1 + (src.slice(k + 1, pos).length - src.slice(k + 1, pos).trimStart().length));
    }
  }
  if (inBrackets) {
    let b = pos - 1;
    while (b >= 0 && /\s/.test(src[b])) b--;
    const prev = src[b] ?? '';
    const next = src[pos] ?? '';
    if (/[\w'")\]}]/.test(prev) && /[\w'"([{]/.test(next) && !/^(for|if|else|in|and|or|not|is|as)\b/.test(src.slice(pos))) {
      const prevWord = /(\w+)$/.exec(src.slice(Math.max(0, b - 20), b + 1));
      if (!prevWord || !/^(for|if|else|in|and|or|not|is|lambda|yield|await)$/.test(prevWord[1])) {
        let start = b;
        while (start > 0 && /[\w.'"]/.test(src[start - 1])) start--;
        let end = pos;
        while (end < src.length && /[\w.'"=]/.test(src[end])) end++;
        const e = ctx.err('invalid syntax. Perhaps you forgot a comma?', start, 'SyntaxError', end);
        return e;
      }
    }
  }
  void lineText;
  return ctx.err('invalid syntax', pos);
}


interface BlockCtx {
  inFunc: boolean;
  inLoop: boolean;
}

function block(ctx: Ctx, nodes: SyntaxNode[], bc: BlockCtx): Stmt[] {
  const out: Stmt[] = [];
  for (const n of nodes) statement(ctx, n, bc, out);
  return out;
}

function body(ctx: Ctx, n: SyntaxNode, bc: BlockCtx): Stmt[] {
  const ks = kids(n).filter((c) => c.name !== ':');
  return block(ctx, ks, bc);
}

function statement(ctx: Ctx, n: SyntaxNode, bc: BlockCtx, out: Stmt[]): void {
  const line = ctx.line(n.from);
  const ks = kids(n);
  switch (n.name) {
    case 'StatementGroup':
      for (const c of ks) if (c.name !== ';') statement(ctx, c, bc, out);
      return;
    case 'ExpressionStatement':
      out.push({ k: 'Expr', line, value: exprList(ctx, ks) });
      return;
    case 'AssignStatement': {
      const groups: SyntaxNode[][] = [[]];
      let ann: SyntaxNode | null = null;
      for (const c of ks) {
        if (c.name === 'AssignOp') groups.push([]);
        else if (c.name === 'TypeDef') ann = c;
        else groups[groups.length - 1].push(c);
      }
      const exprs = groups.map((g) => exprList(ctx, g));
      const value = exprs.pop()!;
      for (const t of exprs) checkTarget(ctx, t, n);
      if (ann) {
        const annExpr = expr(ctx, kids(ann).filter((c) => c.name !== ':')[0]);
        if (groups.length === 1) {
          // `x: int` with no value
          out.push({ k: 'AnnAssign', line, target: value, ann: annExpr, value: null });
          return;
        }
        out.push({ k: 'AnnAssign', line, target: exprs[0], ann: annExpr, value });
        return;
      }
      out.push({ k: 'Assign', line, targets: exprs, value });
      return;
    }
    case 'UpdateStatement': {
      const opIdx = ks.findIndex((c) => c.name === 'UpdateOp');
      const target = exprList(ctx, ks.slice(0, opIdx));
      checkTarget(ctx, target, n, true);
      const op = ctx.text(ks[opIdx]).slice(0, -1);
      out.push({ k: 'AugAssign', line, target, op, value: exprList(ctx, ks.slice(opIdx + 1)) });
      return;
    }
    case 'DeleteStatement':
      out.push({ k: 'Delete', line, targets: commaItems(ks.slice(1)).map((g) => expr(ctx, g[0])) });
      return;
    case 'PassStatement':
      out.push({ k: 'Pass', line });
      return;
    case 'BreakStatement':
      if (!bc.inLoop) throw ctx.err("'break' outside loop", n);
      out.push({ k: 'Break', line });
      return;
    case 'ContinueStatement':
      if (!bc.inLoop) throw ctx.err("'continue' not properly in loop", n);
      out.push({ k: 'Continue', line });
      return;
    case 'ReturnStatement':
      if (!bc.inFunc) throw ctx.err("'return' outside function", n);
      out.push({ k: 'Return', line, value: ks.length > 1 ? exprList(ctx, ks.slice(1)) : null });
      return;
    case 'YieldStatement':
      if (!bc.inFunc) throw ctx.err("'yield' outside function", n);
      out.push({ k: 'Expr', line, value: yieldExpr(ctx, n) });
      return;
    case 'PrintStatement':
      throw ctx.err("Missing parentheses in call to 'print'. Did you mean print(...)?", n);
    case 'RaiseStatement': {
      const rest = ks.slice(1);
      const fromIdx = rest.findIndex((c) => c.name === 'from');
      const exc = rest.length && fromIdx !== 0 ? expr(ctx, rest[0]) : null;
      const cause = fromIdx >= 0 ? expr(ctx, rest[fromIdx + 1]) : null;
      out.push({ k: 'Raise', line, exc, cause });
      return;
    }
    case 'ImportStatement':
      out.push(importStmt(ctx, n, ks, line));
      return;
    case 'ScopeStatement': {
      const names = ks.filter((c) => c.name === 'VariableName').map((c) => ctx.text(c));
      if (ks[0].name === 'global') out.push({ k: 'Global', line, names });
      else {
        if (!bc.inFunc) throw ctx.err('nonlocal declaration not allowed at module level', n);
        out.push({ k: 'Nonlocal', line, names });
      }
      return;
    }
    case 'AssertStatement': {
      const items = commaItems(ks.slice(1));
      out.push({ k: 'Assert', line, test: expr(ctx, items[0][0]), msg: items[1] ? expr(ctx, items[1][0]) : null });
      return;
    }
    case 'IfStatement': {
      // if test Body (elif test Body)* (else Body)?
      const clauses: { test: Expr | null; body: Stmt[]; line: number }[] = [];
      for (let i = 0; i < ks.length; i++) {
        const c = ks[i];
        if (c.name === 'if' || c.name === 'elif') {
          clauses.push({ test: expr(ctx, ks[i + 1]), body: body(ctx, ks[i + 2], bc), line: ctx.line(c.from) });
          i += 2;
        } else if (c.name === 'else') {
          clauses.push({ test: null, body: body(ctx, ks[i + 1], bc), line: ctx.line(c.from) });
          i += 1;
        }
      }
      let orelse: Stmt[] = [];
      for (let i = clauses.length - 1; i >= 0; i--) {
        const cl = clauses[i];
        if (cl.test === null) orelse = cl.body;
        else orelse = [{ k: 'If', line: cl.line, test: cl.test, body: cl.body, orelse }];
      }
      out.push(...orelse);
      return;
    }
    case 'WhileStatement': {
      const test = expr(ctx, ks[1]);
      const b = body(ctx, ks[2], { ...bc, inLoop: true });
      const orelse = ks[3]?.name === 'else' ? body(ctx, ks[4], bc) : [];
      out.push({ k: 'While', line, test, body: b, orelse });
      return;
    }
    case 'ForStatement': {
      let i = 0;
      if (ks[i].name === 'async') throw ctx.err("'async for' outside async function", n);
      i++; // for
      const inIdx = ks.findIndex((c, j) => j > i && c.name === 'in');
      const target = targetList(ctx, ks.slice(i, inIdx));
      const bodyIdx = ks.findIndex((c) => c.name === 'Body');
      const iter = exprList(ctx, ks.slice(inIdx + 1, bodyIdx));
      const b = body(ctx, ks[bodyIdx], { ...bc, inLoop: true });
      const orelse = ks[bodyIdx + 1]?.name === 'else' ? body(ctx, ks[bodyIdx + 2], bc) : [];
      out.push({ k: 'For', line, target, iter, body: b, orelse });
      return;
    }
    case 'TryStatement': {
      let b: Stmt[] = [];
      const handlers: Handler[] = [];
      let orelse: Stmt[] = [];
      let finalbody: Stmt[] = [];
      for (let i = 0; i < ks.length; i++) {
        const c = ks[i];
        if (c.name === 'try') {
          b = body(ctx, ks[++i], bc);
        } else if (c.name === 'except') {
          const hline = ctx.line(c.from);
          let j = i + 1;
          let type: Expr | null = null;
          let name: string | null = null;
          if (ks[j].name === '*') throw ctx.err("'except*' is not supported", ks[j]);
          if (ks[j].name !== 'Body') {
            type = expr(ctx, ks[j]);
            j++;
            if (ks[j].name === 'as' || ks[j].name === ',') {
              name = ctx.text(ks[j + 1]);
              j += 2;
            }
          }
          handlers.push({ line: hline, type, name, body: body(ctx, ks[j], bc) });
          i = j;
        } else if (c.name === 'else') {
          orelse = body(ctx, ks[++i], bc);
        } else if (c.name === 'finally') {
          finalbody = body(ctx, ks[++i], bc);
        }
      }
      out.push({ k: 'Try', line, body: b, handlers, orelse, finalbody });
      return;
    }
    case 'WithStatement': {
      if (ks[0].name === 'async') throw ctx.err("'async with' outside async function", n);
      const bodyNode = ks[ks.length - 1];
      const items: { ctx: Expr; target: Expr | null }[] = [];
      for (const g of commaItems(ks.slice(1, -1))) {
        const asIdx = g.findIndex((c) => c.name === 'as');
        if (asIdx >= 0) items.push({ ctx: expr(ctx, g[0]), target: expr(ctx, g[asIdx + 1]) });
        else items.push({ ctx: expr(ctx, g[0]), target: null });
      }
      out.push({ k: 'With', line, items, body: body(ctx, bodyNode, bc) });
      return;
    }
    case 'FunctionDefinition':
      out.push(funcDef(ctx, n, [], line));
      return;
    case 'ClassDefinition':
      out.push(classDef(ctx, n, [], line));
      return;
    case 'DecoratedStatement': {
      const decorators: Expr[] = [];
      let def: SyntaxNode | null = null;
      for (const c of ks) {
        if (c.name === 'Decorator') decorators.push(decorator(ctx, c));
        else def = c;
      }
      if (!def) throw ctx.err('invalid syntax', n);
      const dline = ctx.line(def.from);
      out.push(def.name === 'ClassDefinition' ? classDef(ctx, def, decorators, dline) : funcDef(ctx, def, decorators, dline));
      return;
    }
    case 'MatchStatement':
      out.push({ k: 'Unsupported', line, what: "the 'match' statement" });
      return;
    case 'TypeDefinition':
      out.push({ k: 'Unsupported', line, what: "the 'type' statement" });
      return;
    default:
      throw ctx.err('invalid syntax', n);
  }
}

function decorator(ctx: Ctx, n: SyntaxNode): Expr {
  const ks = kids(n).filter((c) => c.name !== 'At');
  let e: Expr | null = null;
  for (const c of ks) {
    if (c.name === 'VariableName') {
      const line = ctx.line(c.from);
      e = e ? { k: 'Attr', line, obj: e, name: ctx.text(c) } : { k: 'Name', line, id: ctx.text(c) };
    } else if (c.name === 'ArgList' && e) {
      const { args, kwargs } = argList(ctx, c);
      e = { k: 'Call', line: ctx.line(c.from), fn: e, args, kwargs };
    }
  }
  if (!e) throw ctx.err('invalid syntax', n);
  return e;
}

function importStmt(ctx: Ctx, n: SyntaxNode, ks: SyntaxNode[], line: number): Stmt {
  const dotted = (nodes: SyntaxNode[]): { name: string; asname: string | null }[] =>
    commaItems(nodes.filter((c) => c.name !== '(' && c.name !== ')')).map((g) => {
      const asIdx = g.findIndex((c) => c.name === 'as');
      const nameNodes = asIdx >= 0 ? g.slice(0, asIdx) : g;
      return {
        name: nameNodes.map((c) => ctx.text(c)).join(''),
        asname: asIdx >= 0 ? ctx.text(g[asIdx + 1]) : null,
      };
    });
  if (ks[0].name === 'import') return { k: 'Import', line, names: dotted(ks.slice(1)) };
  const impIdx = ks.findIndex((c) => c.name === 'import');
  let level = 0;
  let module = '';
  for (const c of ks.slice(1, impIdx)) {
    if (module === '' && c.name === '.') level++;
    else if (module === '' && c.name === 'Ellipsis') level += 3;
    else module += ctx.text(c);
  }
  const rest = ks.slice(impIdx + 1);
  if (rest.length === 1 && rest[0].name === '*') return { k: 'ImportFrom', line, level, module, names: '*' };
  for (const g of commaItems(rest.filter((c) => c.name !== '(' && c.name !== ')'))) {
    const dot = g.find((c) => c.name === '.');
    if (dot) throw ctx.err('invalid syntax', dot);
  }
  return { k: 'ImportFrom', line, level, module, names: dotted(rest) };
}

/** Splits a node list at top-level commas. */
function commaItems(nodes: SyntaxNode[]): SyntaxNode[][] {
  const out: SyntaxNode[][] = [];
  let cur: SyntaxNode[] = [];
  for (const c of nodes) {
    if (c.name === ',') {
      out.push(cur);
      cur = [];
    } else cur.push(c);
  }
  if (cur.length) out.push(cur);
  return out;
}

/** `a, *b` style lists: one expression, or a tuple when there is a comma. */
function exprList(ctx: Ctx, nodes: SyntaxNode[]): Expr {
  if (nodes.length === 1 && nodes[0].name !== '*') return expr(ctx, nodes[0]);
  if (nodes.length === 0) throw new PyException('SyntaxError', 'invalid syntax', ctx.filename);
  const hasComma = nodes.some((c) => c.name === ',');
  const elts = commaItems(nodes).map((g) => starredOrExpr(ctx, g));
  if (!hasComma) return elts[0];
  return { k: 'Tuple', line: ctx.line(nodes[0].from), elts };
}

function targetList(ctx: Ctx, nodes: SyntaxNode[]): Expr {
  const t = exprList(ctx, nodes);
  return t;
}

function starredOrExpr(ctx: Ctx, g: SyntaxNode[]): Expr {
  if (g[0].name === '*') return { k: 'Starred', line: ctx.line(g[0].from), value: expr(ctx, g[1]) };
  return expr(ctx, g[0]);
}

function checkTarget(ctx: Ctx, t: Expr, n: SyntaxNode, aug = false): void {
  switch (t.k) {
    case 'Name':
    case 'Attr':
    case 'Subscript':
      return;
    case 'Tuple':
    case 'List':
      if (aug) throw ctx.err(`'${t.k === 'Tuple' ? 'tuple' : 'list'}' is an illegal expression for augmented assignment`, n);
      for (const e of t.elts) checkTarget(ctx, e.k === 'Starred' ? e.value : e, n);
      return;
    case 'Const':
    case 'FString':
      throw ctx.err(t.k === 'Const' && t.value === null ? 'cannot assign to None' : 'cannot assign to literal', n);
    case 'Call':
      throw ctx.err("cannot assign to function call here. Maybe you meant '==' instead of '='?", n);
    case 'Yield':
      throw ctx.err('assignment to yield expression not possible', n);
    default:
      throw ctx.err('cannot assign to expression here. Maybe you meant \'==\' instead of \'=\'?', n);
  }
}

function params(ctx: Ctx, nodes: SyntaxNode[]): Param[] {
  const out: Param[] = [];
  let kind: Param['kind'] = 'positional';
  let sawDefault = false;
  for (let i = 0; i < nodes.length; i++) {
    const c = nodes[i];
    if (c.name === '(' || c.name === ')' || c.name === ',') continue;
    if (c.name === '*') {
      const nx = nodes[i + 1];
      if (nx && nx.name === 'VariableName') {
        out.push({ name: ctx.text(nx), kind: 'varargs', default: null });
        i++;
        if (nodes[i + 1]?.name === 'TypeDef') i++;
      }
      kind = 'keyword-only';
      continue;
    }
    if (c.name === '**') {
      out.push({ name: ctx.text(nodes[i + 1]), kind: 'varkw', default: null });
      i++;
      if (nodes[i + 1]?.name === 'TypeDef') i++;
      continue;
    }
    if (c.name === 'VariableName') {
      const p: Param = { name: ctx.text(c), kind, default: null };
      if (nodes[i + 1]?.name === 'TypeDef') i++;
      if (nodes[i + 1]?.name === 'AssignOp') {
        p.default = expr(ctx, nodes[i + 2]);
        i += 2;
        if (kind === 'positional') sawDefault = true;
      } else if (kind === 'positional' && sawDefault) {
        throw ctx.err('non-default argument follows default argument', c);
      }
      if (out.some((q) => q.name === p.name)) throw ctx.err(`duplicate argument '${p.name}' in function definition`, c);
      out.push(p);
      continue;
    }
  }
  return out;
}

function funcDef(ctx: Ctx, n: SyntaxNode, decorators: Expr[], line: number): Stmt {
  const ks = kids(n);
  if (ks[0].name === 'async') return { k: 'Unsupported', line, what: "'async def' functions" };
  const name = ctx.text(ks[1]);
  const plist = ks.find((c) => c.name === 'ParamList')!;
  const ps = params(ctx, kids(plist));
  const bodyNode = ks.find((c) => c.name === 'Body')!;
  const b = body(ctx, bodyNode, { inFunc: true, inLoop: false });
  const scope = analyzeScope(ctx, ps, b, n);
  return { k: 'FuncDef', line, name, params: ps, body: b, decorators, scope };
}

function classDef(ctx: Ctx, n: SyntaxNode, decorators: Expr[], line: number): Stmt {
  const ks = kids(n);
  const name = ctx.text(ks[1]);
  const argNode = ks.find((c) => c.name === 'ArgList');
  const { args, kwargs } = argNode ? argList(ctx, argNode) : { args: [], kwargs: [] };
  const bodyNode = ks.find((c) => c.name === 'Body')!;
  const b = body(ctx, bodyNode, { inFunc: false, inLoop: false });
  return { k: 'ClassDef', line, name, bases: args, keywords: kwargs, body: b, decorators };
}

// ---- scope analysis -------------------------------------------------------------------------

function analyzeScope(ctx: Ctx, ps: Param[], b: Stmt[], n: SyntaxNode): FuncScope {
  const scope: FuncScope = { locals: new Set(ps.map((p) => p.name)), globals: new Set(), nonlocals: new Set(), isGenerator: false };
  const bindTarget = (t: Expr): void => {
    if (t.k === 'Name') scope.locals.add(t.id);
    else if (t.k === 'Tuple' || t.k === 'List') t.elts.forEach(bindTarget);
    else if (t.k === 'Starred') bindTarget(t.value);
  };
  const visitExpr = (e: Expr | null): void => {
    if (!e) return;
    switch (e.k) {
      case 'Yield':
        scope.isGenerator = true;
        visitExpr(e.value);
        return;
      case 'Named':
        scope.locals.add(e.target);
        visitExpr(e.value);
        return;
      case 'Lambda':
        return;
      case 'Comp':
        // Only the first iterable is evaluated in the enclosing scope; walrus inside binds here too.
        visitExpr(e.gens[0].iter);
        return;
      default:
        for (const key in e) {
          const v = (e as unknown as Record<string, unknown>)[key];
          if (v && typeof v === 'object') {
            if (Array.isArray(v)) {
              for (const x of v) if (x && typeof x === 'object' && 'k' in x) visitExpr(x as Expr);
            } else if ('k' in v) visitExpr(v as Expr);
          }
        }
    }
  };
  const visit = (ss: Stmt[]): void => {
    for (const s of ss) {
      switch (s.k) {
        case 'Assign':
          s.targets.forEach(bindTarget);
          visitExpr(s.value);
          break;
        case 'AugAssign':
          bindTarget(s.target);
          visitExpr(s.value);
          break;
        case 'AnnAssign':
          if (s.value) bindTarget(s.target);
          visitExpr(s.value);
          break;
        case 'For':
          bindTarget(s.target);
          visitExpr(s.iter);
          visit(s.body);
          visit(s.orelse);
          break;
        case 'While':
          visitExpr(s.test);
          visit(s.body);
          visit(s.orelse);
          break;
        case 'If':
          visitExpr(s.test);
          visit(s.body);
          visit(s.orelse);
          break;
        case 'Try':
          visit(s.body);
          for (const h of s.handlers) {
            if (h.name) scope.locals.add(h.name);
            visit(h.body);
          }
          visit(s.orelse);
          visit(s.finalbody);
          break;
        case 'With':
          for (const it of s.items) {
            visitExpr(it.ctx);
            if (it.target) bindTarget(it.target);
          }
          visit(s.body);
          break;
        case 'FuncDef':
        case 'ClassDef':
          scope.locals.add(s.name);
          break;
        case 'Import':
          for (const nm of s.names) scope.locals.add(nm.asname ?? nm.name.split('.')[0]);
          break;
        case 'ImportFrom':
          if (s.names !== '*') for (const nm of s.names) scope.locals.add(nm.asname ?? nm.name);
          break;
        case 'Global':
          s.names.forEach((x) => scope.globals.add(x));
          break;
        case 'Nonlocal':
          s.names.forEach((x) => scope.nonlocals.add(x));
          break;
        case 'Delete':
          s.targets.forEach(bindTarget);
          break;
        case 'Expr':
        case 'Return':
          visitExpr(s.value);
          break;
        case 'Raise':
          visitExpr(s.exc);
          break;
        case 'Assert':
          visitExpr(s.test);
          break;
        default:
          break;
      }
    }
  };
  visit(b);
  for (const g of scope.globals) scope.locals.delete(g);
  for (const g of scope.nonlocals) scope.locals.delete(g);
  void ctx;
  void n;
  return scope;
}

function lambdaScope(ps: Param[], bodyExpr: Expr): FuncScope {
  const scope: FuncScope = { locals: new Set(ps.map((p) => p.name)), globals: new Set(), nonlocals: new Set(), isGenerator: false };
  void bodyExpr;
  return scope;
}

// ---- expressions ----------------------------------------------------------------------------

const COMPARE_OPS = new Set(['<', '>', '==', '>=', '<=', '!=', '<>', 'in', 'not in', 'is', 'is not']);

function expr(ctx: Ctx, n: SyntaxNode): Expr {
  const line = ctx.line(n.from);
  switch (n.name) {
    case 'VariableName':
      return { k: 'Name', line, id: ctx.text(n) };
    case 'Number':
      return { k: 'Const', line, value: parseNumber(ctx, n) };
    case 'String':
      return { k: 'Const', line, value: decodeString(ctx, n.from, n.to) };
    case 'FormatString':
      return { k: 'FString', line, parts: fstringParts(ctx, n) };
    case 'ContinuedString': {
      const parts: FPart[] = [];
      let bytes: number[] | null = null;
      let anyStr = false;
      let anyF = false;
      for (const c of kids(n)) {
        if (c.name === 'FormatString') {
          anyF = true;
          anyStr = true;
          parts.push(...fstringParts(ctx, c));
        } else {
          const v = decodeString(ctx, c.from, c.to);
          if (v instanceof PyBytes) {
            bytes = bytes ?? [];
            bytes.push(...v.bytes);
          } else {
            anyStr = true;
            parts.push(v as string);
          }
        }
      }
      if (bytes && anyStr) throw ctx.err('cannot mix bytes and nonbytes literals', n);
      if (bytes) return { k: 'Const', line, value: new PyBytes(Uint8Array.from(bytes)) };
      if (!anyF) return { k: 'Const', line, value: parts.join('') };
      return { k: 'FString', line, parts };
    }
    case 'None':
      return { k: 'Const', line, value: null };
    case 'Boolean':
      return { k: 'Const', line, value: ctx.text(n) === 'True' };
    case 'Ellipsis':
      return { k: 'Name', line, id: 'Ellipsis' };
    case 'ParenthesizedExpression': {
      const inner = kids(n).filter((c) => c.name !== '(' && c.name !== ')');
      if (inner[0]?.name === '*') throw ctx.err('cannot use starred expression here', n);
      const e = expr(ctx, inner[0]);
      if (e.k === 'Compare') return { ...e };
      if (e.k === 'BoolOp') parenthesized.add(e);
      return e;
    }
    case 'TupleExpression': {
      const inner = kids(n).filter((c) => c.name !== '(' && c.name !== ')');
      return { k: 'Tuple', line, elts: commaItems(inner).map((g) => starredOrExpr(ctx, g)) };
    }
    case 'ArrayExpression': {
      const inner = kids(n).filter((c) => c.name !== '[' && c.name !== ']');
      return { k: 'List', line, elts: commaItems(inner).map((g) => starredOrExpr(ctx, g)) };
    }
    case 'SetExpression': {
      const inner = kids(n).filter((c) => c.name !== '{' && c.name !== '}');
      return { k: 'Set', line, elts: commaItems(inner).map((g) => starredOrExpr(ctx, g)) };
    }
    case 'DictionaryExpression': {
      const inner = kids(n).filter((c) => c.name !== '{' && c.name !== '}');
      const items: DictItem[] = commaItems(inner).map((g) =>
        g[0].name === '**' ? { spread: expr(ctx, g[1]) } : { key: expr(ctx, g[0]), value: expr(ctx, g[2]) },
      );
      return { k: 'Dict', line, items };
    }
    case 'ComprehensionExpression':
    case 'ArrayComprehensionExpression':
    case 'SetComprehensionExpression':
    case 'DictionaryComprehensionExpression': {
      const inner = kids(n).slice(1, -1);
      const kind =
        n.name === 'ComprehensionExpression' ? 'gen' : n.name === 'ArrayComprehensionExpression' ? 'list' : n.name === 'SetComprehensionExpression' ? 'set' : 'dict';
      return comprehension(ctx, inner, kind, line);
    }
    case 'CallExpression': {
      const ks = kids(n);
      const { args, kwargs } = argList(ctx, ks[ks.length - 1]);
      return { k: 'Call', line, fn: expr(ctx, ks[0]), args, kwargs };
    }
    case 'MemberExpression': {
      const ks = kids(n);
      const obj = expr(ctx, ks[0]);
      if (ks[1].name === '.') {
        if (!ks[2]) throw ctx.err('invalid syntax', n.to);
        return { k: 'Attr', line, obj, name: ctx.text(ks[2]) };
      }
      return { k: 'Subscript', line, obj, index: subscript(ctx, ks.slice(2, -1), line) };
    }
    case 'BinaryExpression': {
      const ks = kids(n);
      const l = ks[0];
      const r = ks[ks.length - 1];
      const opNodes = ks.slice(1, -1);
      const op = opNodes.map((c) => ctx.text(c)).join(' ');
      if (op === 'and' || op === 'or') return { k: 'BoolOp', line, op, l: expr(ctx, l), r: expr(ctx, r) };
      if (COMPARE_OPS.has(op)) {
        const left = expr(ctx, l);
        const right = expr(ctx, r);
        const cop = op === '<>' ? '!=' : op;
        if (left.k === 'Compare' && l.name === 'BinaryExpression') {
          return { k: 'Compare', line, first: left.first, ops: [...left.ops, cop], rest: [...left.rest, right] };
        }
        return { k: 'Compare', line, first: left, ops: [cop], rest: [right] };
      }
      return { k: 'BinOp', line, op, l: expr(ctx, l), r: expr(ctx, r) };
    }
    case 'UnaryExpression': {
      const ks = kids(n);
      const op = ctx.text(ks[0]);
      if (op === 'not') {
        // Lezer lets `not` take a whole and/or chain; Python binds it tighter than and/or.
        const inner = expr(ctx, ks[1]);
        if (ks[1].name === 'BinaryExpression' && inner.k === 'BoolOp') return pushNotDown(inner, line);
        return { k: 'Not', line, v: inner };
      }
      const v = expr(ctx, ks[1]);
      // Fold negative number literals so `-1` is a constant (migration files are full of them).
      if (op === '-' && v.k === 'Const' && (typeof v.value === 'bigint' || typeof v.value === 'number')) {
        return { k: 'Const', line, value: -v.value as PyValue };
      }
      return { k: 'Unary', line, op, v };
    }
    case 'ConditionalExpression': {
      const ks = kids(n);
      if (ks.length < 5) throw ctx.err("expected 'else' after 'if' expression", n);
      return { k: 'IfExp', line, body: expr(ctx, ks[0]), test: expr(ctx, ks[2]), orelse: expr(ctx, ks[4]) };
    }
    case 'LambdaExpression': {
      const ks = kids(n);
      const plist = ks.find((c) => c.name === 'ParamList');
      const ps = plist ? params(ctx, kids(plist)) : [];
      const b = expr(ctx, ks[ks.length - 1]);
      return { k: 'Lambda', line, params: ps, body: b, scope: lambdaScope(ps, b) };
    }
    case 'NamedExpression': {
      const ks = kids(n);
      if (ks[0].name !== 'VariableName') throw ctx.err('cannot use assignment expressions with ' + ks[0].name, n);
      return { k: 'Named', line, target: ctx.text(ks[0]), value: expr(ctx, ks[2]) };
    }
    case 'YieldExpression':
      return yieldExpr(ctx, n);
    case 'AwaitExpression':
      return { k: 'Unsupported', line, what: "'await' expressions" };
    default:
      throw ctx.err('invalid syntax', n);
  }
}

function pushNotDown(e: Extract<Expr, { k: 'BoolOp' }>, line: number): Expr {
  const l = e.l.k === 'BoolOp' && !parenthesized.has(e.l) ? pushNotDown(e.l, line) : ({ k: 'Not', line, v: e.l } as Expr);
  return { ...e, l };
}

/** BoolOp nodes that came from parentheses (they must not be re-associated). */
const parenthesized = new WeakSet<Expr>();

function yieldExpr(ctx: Ctx, n: SyntaxNode): Expr {
  const line = ctx.line(n.from);
  let ks = kids(n);
  if (ks.length === 1 && ks[0].name === 'YieldExpression') ks = kids(ks[0]);
  const rest = ks.slice(1);
  if (rest[0]?.name === 'from') return { k: 'Yield', line, value: expr(ctx, rest[1]), from: true };
  return { k: 'Yield', line, value: rest.length ? exprList(ctx, rest) : null, from: false };
}

function comprehension(ctx: Ctx, inner: SyntaxNode[], kind: 'list' | 'set' | 'gen' | 'dict', line: number): Expr {
  let i = 0;
  let elt: Expr;
  let value: Expr | null = null;
  if (inner[0].name === '*' || inner[0].name === '**') throw ctx.err('iterable unpacking cannot be used in comprehension', inner[0]);
  if (kind === 'dict') {
    elt = expr(ctx, inner[0]);
    value = expr(ctx, inner[2]);
    i = 3;
  } else {
    elt = expr(ctx, inner[0]);
    i = 1;
  }
  const gens: CompFor[] = [];
  while (i < inner.length) {
    const c = inner[i];
    if (c.name === 'for') {
      const inIdx = inner.findIndex((x, j) => j > i && x.name === 'in');
      const target = exprList(ctx, inner.slice(i + 1, inIdx));
      gens.push({ target, iter: expr(ctx, inner[inIdx + 1]), ifs: [] });
      i = inIdx + 2;
    } else if (c.name === 'if') {
      gens[gens.length - 1].ifs.push(expr(ctx, inner[i + 1]));
      i += 2;
    } else if (c.name === 'async') {
      throw ctx.err("asynchronous comprehension outside of an asynchronous function", c);
    } else {
      throw ctx.err('invalid syntax', c);
    }
  }
  return { k: 'Comp', line, kind, elt, value, gens };
}

function argList(ctx: Ctx, n: SyntaxNode): { args: Expr[]; kwargs: KwArg[] } {
  const inner = kids(n).filter((c) => c.name !== '(' && c.name !== ')');
  const args: Expr[] = [];
  const kwargs: KwArg[] = [];
  const groups = commaItems(inner);
  const seen = new Set<string>();
  let sawKw = false;
  let sawKwSpread = false;
  for (const g of groups) {
    if (g[0].name === '*') {
      if (sawKwSpread) throw ctx.err('iterable argument unpacking follows keyword argument unpacking', g[0]);
      args.push({ k: 'Starred', line: ctx.line(g[0].from), value: expr(ctx, g[1]) });
    } else if (g[0].name === '**') {
      sawKwSpread = true;
      kwargs.push({ spread: expr(ctx, g[1]) });
    } else if (g.length >= 3 && g[0].name === 'VariableName' && g[1].name === 'AssignOp') {
      const name = ctx.text(g[0]);
      if (ctx.text(g[1]) === ':=') {
        args.push({ k: 'Named', line: ctx.line(g[0].from), target: name, value: expr(ctx, g[2]) });
        continue;
      }
      if (seen.has(name)) throw ctx.err(`keyword argument repeated: ${name}`, g[0]);
      seen.add(name);
      sawKw = true;
      kwargs.push({ name, value: expr(ctx, g[2]) });
    } else if (g.length > 1 && g[1].name === 'for') {
      if (groups.length > 1) throw ctx.err('Generator expression must be parenthesized', g[0]);
      args.push(comprehension(ctx, g, 'gen', ctx.line(g[0].from)));
    } else {
      if (sawKwSpread) throw ctx.err('positional argument follows keyword argument unpacking', g[0]);
      if (sawKw) throw ctx.err('positional argument follows keyword argument', g[0]);
      args.push(expr(ctx, g[0]));
    }
  }
  return { args, kwargs };
}

function subscript(ctx: Ctx, nodes: SyntaxNode[], line: number): Expr {
  const groups = commaItems(nodes);
  const items = groups.map((g): Expr => {
    if (!g.some((c) => c.name === ':')) return g[0].name === '*' ? { k: 'Starred', line, value: expr(ctx, g[1]) } : expr(ctx, g[0]);
    const parts: (Expr | null)[] = [null, null, null];
    let idx = 0;
    for (const c of g) {
      if (c.name === ':') idx++;
      else parts[idx] = expr(ctx, c);
    }
    return { k: 'Slice', line, lo: parts[0], hi: parts[1], step: parts[2] };
  });
  const hasComma = nodes.some((c) => c.name === ',');
  if (!hasComma) return items[0];
  return { k: 'Tuple', line, elts: items };
}

function parseNumber(ctx: Ctx, n: SyntaxNode): PyValue {
  const raw = ctx.text(n);
  const t = raw.replace(/_/g, '');
  if (/[jJ]$/.test(t)) throw ctx.err('complex numbers are not supported', n);
  if (/^0[xXoObB]/.test(t)) return BigInt(t.toLowerCase().replace(/^0o/, '0o'));
  if (/[.eE]/.test(t)) return Number(t);
  if (/^0\d/.test(t) && !/^0+$/.test(t)) {
    throw ctx.err('leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers', n);
  }
  return BigInt(t);
}

// ---- strings --------------------------------------------------------------------------------

interface StrInfo {
  raw: boolean;
  bytes: boolean;
  quoteLen: number;
  prefixLen: number;
}

function strInfo(text: string): StrInfo {
  let i = 0;
  let raw = false;
  let bytes = false;
  while (i < text.length && text[i] !== '"' && text[i] !== "'") {
    const c = text[i].toLowerCase();
    if (c === 'r') raw = true;
    if (c === 'b') bytes = true;
    i++;
  }
  const q = text[i];
  const quoteLen = text[i + 1] === q && text[i + 2] === q && text.length - i >= 6 ? 3 : 1;
  return { raw, bytes, quoteLen, prefixLen: i };
}

function decodeString(ctx: Ctx, from: number, to: number): PyValue {
  const text = ctx.src.slice(from, to);
  const info = strInfo(text);
  const body = text.slice(info.prefixLen + info.quoteLen, text.length - info.quoteLen);
  const s = info.raw ? body : unescape(body, info.bytes);
  if (info.bytes) {
    const arr = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) {
      const code = s.charCodeAt(i);
      if (code > 255) throw ctx.err('bytes can only contain ASCII literal characters', from);
      arr[i] = code;
    }
    return new PyBytes(arr);
  }
  return s;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
  '\n': '',
};

export function unescape(s: string, bytes = false): string {
  if (s.indexOf('\\') < 0) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c !== '\\') {
      out += c;
      continue;
    }
    const d = s[i + 1];
    if (d === undefined) {
      out += '\\';
      continue;
    }
    if (d in SIMPLE_ESCAPES) {
      out += SIMPLE_ESCAPES[d];
      i++;
    } else if (d >= '0' && d <= '7') {
      let j = i + 1;
      let oct = '';
      while (j < s.length && oct.length < 3 && s[j] >= '0' && s[j] <= '7') oct += s[j++];
      out += String.fromCharCode(parseInt(oct, 8));
      i = j - 1;
    } else if (d === 'x') {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 4), 16));
      i += 3;
    } else if (d === 'u' && !bytes) {
      out += String.fromCharCode(parseInt(s.slice(i + 2, i + 6), 16));
      i += 5;
    } else if (d === 'U' && !bytes) {
      out += String.fromCodePoint(parseInt(s.slice(i + 2, i + 10), 16));
      i += 9;
    } else if (d === 'N' && !bytes && s[i + 2] === '{') {
      const end = s.indexOf('}', i);
      out += '?';
      i = end;
    } else {
      out += '\\' + d;
      i++;
    }
  }
  return out;
}

function fstringParts(ctx: Ctx, n: SyntaxNode): FPart[] {
  const text = ctx.text(n);
  const info = strInfo(text);
  const start = n.from + info.prefixLen + info.quoteLen;
  const end = n.to - info.quoteLen;
  return fparts(ctx, n, start, end, info.raw);
}

function fparts(ctx: Ctx, n: SyntaxNode, start: number, end: number, raw: boolean): FPart[] {
  const parts: FPart[] = [];
  let pos = start;
  const lit = (a: number, b: number): void => {
    if (b <= a) return;
    let s = ctx.src.slice(a, b).replace(/\{\{/g, '{').replace(/\}\}/g, '}');
    if (!raw) s = unescape(s);
    if (s) parts.push(s);
  };
  for (const c of kids(n)) {
    if (c.name !== 'FormatReplacement') continue;
    lit(pos, c.from);
    pos = c.to;
    const ks = kids(c);
    let conv: string | null = null;
    let spec: FPart[] | null = null;
    let selfDoc: string | null = null;
    const exprNodes: SyntaxNode[] = [];
    for (const k of ks) {
      if (k.name === '{' || k.name === '}') continue;
      if (k.name === 'FormatConversion') conv = ctx.text(k).slice(1);
      else if (k.name === 'FormatSpec') spec = fparts(ctx, k, k.from + 1, k.to, raw);
      else if (k.name === 'FormatSelfDoc') selfDoc = ctx.src.slice(c.from + 1, k.to);
      else exprNodes.push(k);
    }
    if (exprNodes.length === 0) throw ctx.err("f-string: valid expression required before '}'", c);
    const e = exprList(ctx, exprNodes);
    if (selfDoc !== null && conv === null && spec === null) conv = 'r';
    parts.push({ expr: e, conv, spec, selfDoc });
  }
  lit(pos, end);
  return parts;
}
