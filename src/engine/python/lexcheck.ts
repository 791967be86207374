// A light scan over the source for what CPython's tokenizer reports (unclosed or mismatched
// brackets, unterminated strings, bad number literals, inconsistent dedents, tabs and spaces
// mixed so that the indentation depends on the tab size) and for the
// indentation errors its parser reports (unexpected indent, missing indented block). The Lezer
// grammar tolerates most of these or reports them far from where CPython would.

export interface LexProblem {
  type: 'SyntaxError' | 'IndentationError' | 'TabError';
  message: string;
  lineno: number;
  /** Source offset used to order this problem against parser errors. */
  pos: number;
}

export interface LexResult {
  /** The first tokenizer-level error (scanning stops there). */
  tokenError: LexProblem | null;
  /** The first indentation error the parser would report ('unexpected indent', 'expected an indented block ...'). */
  indentError: LexProblem | null;
  /** Offsets where top-level statements start (decorators stay with what they decorate). */
  chunks: number[];
}

const CLOSE: Record<string, string> = { ')': '(', ']': '[', '}': '{' };

const BLOCK_KINDS: Record<string, string> = {
  class: 'class definition',
  def: 'function definition',
  if: "'if' statement",
  elif: "'elif' statement",
  else: "'else' statement",
  for: "'for' statement",
  while: "'while' statement",
  try: "'try' statement",
  except: "'except' statement",
  finally: "'finally' statement",
  with: "'with' statement",
  match: "'match' statement",
  case: "'case' statement",
};

function blockKind(header: string): string {
  const m = /^\s*(?:async\s+)?([A-Za-z_]+)/.exec(header);
  if (!m) return 'statement';
  return BLOCK_KINDS[m[1]] ?? 'statement';
}

const CONTINUATION_RE = /^(else|elif|except|finally)\b/;
const isIdentStart = (c: string): boolean => /[A-Za-z_\u00a1-\uffff]/.test(c);
const isIdentChar = (c: string): boolean => /[\w\u00a1-\uffff]/.test(c);
const isDigit = (c: string | undefined): boolean => c !== undefined && c >= '0' && c <= '9';

export function lexScan(src: string): LexResult {
  const n = src.length;
  const chunks: number[] = [];
  const indents: number[] = [0];
  // The same indentation measured with tabs one column wide: CPython requires both measures to
  // agree on every indent, dedent and same-level line.
  const altIndents: number[] = [0];
  const brackets: { ch: string; line: number; pos: number }[] = [];
  let indentError: LexProblem | null = null;
  const done = (tokenError: LexProblem | null): LexResult => ({ tokenError, indentError, chunks });
  const indentProblem = (p: LexProblem): void => {
    if (!indentError) indentError = p;
  };
  let prevTopDecorator = false;
  let i = 0;
  let line = 1;
  let atLineStart = true;
  let lastSig = '';
  let logicalStartLine = 1;
  let logicalStartPos = 0;
  let pendingBlock: { line: number; text: string } | null = null;

  while (i < n) {
    if (atLineStart && brackets.length === 0) {
      let col = 0;
      let alt = 0;
      let j = i;
      while (j < n) {
        const c = src[j];
        if (c === ' ') {
          col++;
          alt++;
        } else if (c === '\t') {
          col = (Math.floor(col / 8) + 1) * 8;
          alt++;
        } else if (c === '\f') col = alt = 0;
        else break;
        j++;
      }
      const c = src[j];
      if (j >= n || c === '\n' || c === '\r' || c === '#') {
        // Blank or comment-only line: no effect on indentation.
        while (j < n && src[j] !== '\n') j++;
        if (j < n) {
          j++;
          line++;
        }
        i = j;
        continue;
      }
      const cur = indents[indents.length - 1];
      const altCur = altIndents[altIndents.length - 1];
      const tabError = (): LexResult =>
        done({ type: 'TabError', message: 'inconsistent use of tabs and spaces in indentation', lineno: line, pos: j });
      if (col === cur ? alt !== altCur : col > cur && alt <= altCur) return tabError();
      if (pendingBlock) {
        if (col <= cur) {
          indentProblem({
            type: 'IndentationError',
            message: `expected an indented block after ${blockKind(pendingBlock.text)} on line ${pendingBlock.line}`,
            lineno: line,
            pos: j,
          });
        } else {
          indents.push(col);
          altIndents.push(alt);
        }
        pendingBlock = null;
      } else if (col > cur) {
        indentProblem({ type: 'IndentationError', message: 'unexpected indent', lineno: line, pos: j });
        indents.push(col);
        altIndents.push(alt);
      }
      if (col < indents[indents.length - 1]) {
        while (indents.length > 1 && indents[indents.length - 1] > col) {
          indents.pop();
          altIndents.pop();
        }
        if (indents[indents.length - 1] !== col) {
          return done({ type: 'IndentationError', message: 'unindent does not match any outer indentation level', lineno: line, pos: j });
        }
        if (altIndents[altIndents.length - 1] !== alt) return tabError();
      }
      if (col === 0) {
        if (!CONTINUATION_RE.test(src.slice(j, j + 8)) && !prevTopDecorator) chunks.push(j);
        prevTopDecorator = c === '@';
      }
      atLineStart = false;
      logicalStartLine = line;
      logicalStartPos = j;
      lastSig = '';
      i = j;
      continue;
    }
    atLineStart = false;
    const c = src[i];
    if (c === '#') {
      while (i < n && src[i] !== '\n') i++;
      continue;
    }
    if (c === '\n') {
      line++;
      i++;
      if (brackets.length === 0) {
        atLineStart = true;
        if (lastSig === ':') {
          const text = src.slice(logicalStartPos, i);
          if (blockKind(text) !== 'statement') pendingBlock = { line: logicalStartLine, text };
        }
      }
      continue;
    }
    if (c === '\\' && (src[i + 1] === '\n' || (src[i + 1] === '\r' && src[i + 2] === '\n'))) {
      i += src[i + 1] === '\r' ? 3 : 2;
      line++;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\r' || c === '\f') {
      i++;
      continue;
    }
    if (c === '"' || c === "'") {
      const start = i;
      const startLine = line;
      const triple = src[i + 1] === c && src[i + 2] === c;
      if (triple) {
        i += 3;
        for (;;) {
          if (i >= n) {
            return done({
              type: 'SyntaxError',
              message: `unterminated triple-quoted string literal (detected at line ${src.endsWith('\n') ? line - 1 : line})`,
              lineno: startLine,
              pos: start,
            });
          }
          const d = src[i];
          if (d === '\\') {
            if (src[i + 1] === '\n') line++;
            i += 2;
            continue;
          }
          if (d === '\n') line++;
          if (d === c && src[i + 1] === c && src[i + 2] === c) {
            i += 3;
            break;
          }
          i++;
        }
      } else {
        i++;
        for (;;) {
          if (i >= n || src[i] === '\n') {
            return done({ type: 'SyntaxError', message: `unterminated string literal (detected at line ${line})`, lineno: line, pos: start });
          }
          const d = src[i];
          if (d === '\\') {
            if (src[i + 1] === '\n') line++;
            i += 2;
            continue;
          }
          if (d === c) {
            i++;
            break;
          }
          i++;
        }
      }
      lastSig = c;
      continue;
    }
    if (isIdentStart(c)) {
      while (i < n && isIdentChar(src[i])) i++;
      lastSig = 'a';
      continue;
    }
    if (isDigit(c) || (c === '.' && isDigit(src[i + 1]))) {
      const start = i;
      let kind = 'decimal';
      if (c === '0' && /[xXoObB]/.test(src[i + 1] ?? '')) {
        const p = src[i + 1].toLowerCase();
        kind = p === 'x' ? 'hexadecimal' : p === 'o' ? 'octal' : 'binary';
        i += 2;
        const digit = p === 'x' ? /[0-9a-fA-F_]/ : p === 'o' ? /[0-7_]/ : /[01_]/;
        while (i < n && digit.test(src[i])) i++;
      } else {
        while (i < n && (isDigit(src[i]) || src[i] === '_')) i++;
        if (src[i] === '.') {
          i++;
          while (i < n && (isDigit(src[i]) || src[i] === '_')) i++;
        }
        if ((src[i] === 'e' || src[i] === 'E') && (isDigit(src[i + 1]) || ((src[i + 1] === '+' || src[i + 1] === '-') && isDigit(src[i + 2])))) {
          i += 2;
          while (i < n && (isDigit(src[i]) || src[i] === '_')) i++;
        }
        if (src[i] === 'j' || src[i] === 'J') i++;
      }
      if (i < n && isIdentStart(src[i])) {
        return done({ type: 'SyntaxError', message: `invalid ${kind} literal`, lineno: line, pos: start });
      }
      lastSig = '0';
      continue;
    }
    if (c === '(' || c === '[' || c === '{') {
      brackets.push({ ch: c, line, pos: i });
    } else if (c === ')' || c === ']' || c === '}') {
      const top = brackets.pop();
      if (!top) return done({ type: 'SyntaxError', message: `unmatched '${c}'`, lineno: line, pos: i });
      if (top.ch !== CLOSE[c]) {
        const msg =
          top.line === line
            ? `closing parenthesis '${c}' does not match opening parenthesis '${top.ch}'`
            : `closing parenthesis '${c}' does not match opening parenthesis '${top.ch}' on line ${top.line}`;
        return done({ type: 'SyntaxError', message: msg, lineno: line, pos: i });
      }
    }
    lastSig = c;
    i++;
  }
  if (!atLineStart && brackets.length === 0 && lastSig === ':') {
    // Header on the last line without a newline after it.
    const text = src.slice(logicalStartPos);
    if (blockKind(text) !== 'statement') pendingBlock = { line: logicalStartLine, text };
  }
  if (brackets.length > 0) {
    const top = brackets[brackets.length - 1];
    return done({ type: 'SyntaxError', message: `'${top.ch}' was never closed`, lineno: top.line, pos: top.pos });
  }
  if (pendingBlock) {
    indentProblem({
      type: 'IndentationError',
      message: `expected an indented block after ${blockKind(pendingBlock.text)} on line ${pendingBlock.line}`,
      lineno: pendingBlock.line,
      pos: n,
    });
  }
  return done(null);
}

/** The first problem of either kind (for callers that only want to know whether the text is broken). */
export function lexCheck(src: string): LexProblem | null {
  const r = lexScan(src);
  if (r.tokenError && r.indentError) return r.tokenError.pos <= r.indentError.pos ? r.tokenError : r.indentError;
  return r.tokenError ?? r.indentError;
}
