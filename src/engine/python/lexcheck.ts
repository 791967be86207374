// A light scan over the source for the errors CPython's tokenizer reports (unclosed brackets,
// unterminated strings, indentation), which the Lezer grammar either tolerates or reports
// far from where CPython would. Returns the first problem, or null.

export interface LexProblem {
  type: 'SyntaxError' | 'IndentationError';
  message: string;
  lineno: number;
  /** Source offset used to order this problem against parser errors. */
  pos: number;
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
  let m = /^\s*(?:async\s+)?([A-Za-z_]+)/.exec(header);
  if (!m) return 'statement';
  const kw = m[1];
  if (kw === 'async') {
    m = /^\s*async\s+([A-Za-z_]+)/.exec(header);
  }
  return BLOCK_KINDS[kw] ?? 'statement';
}

const CONTINUATION_RE = /^(else|elif|except|finally)\b/;

/**
 * Scans `src`; returns the first tokenizer-level problem (or null) and the offsets where top-level
 * statements start (decorators stay with what they decorate), so callers can parse in chunks.
 */
export function lexScan(src: string): { problem: LexProblem | null; chunks: number[] } {
  const chunks: number[] = [];
  const problem = scan(src, chunks);
  return { problem, chunks };
}

export function lexCheck(src: string): LexProblem | null {
  return scan(src, null);
}

function scan(src: string, chunks: number[] | null): LexProblem | null {
  let prevTopDecorator = false;
  const n = src.length;
  const indents: number[] = [0];
  const brackets: { ch: string; line: number; pos: number }[] = [];
  let i = 0;
  let line = 1;
  let atLineStart = true;
  // The last significant character of the previous logical line, and that line's text/number.
  let lastSig = '';
  let headerLine = 0;
  let headerText = '';
  let logicalStartLine = 1;
  let logicalStartPos = 0;
  let pendingBlock: { line: number; text: string } | null = null;

  while (i < n) {
    if (atLineStart && brackets.length === 0) {
      // Measure indentation of a new logical line.
      let col = 0;
      let j = i;
      while (j < n) {
        const c = src[j];
        if (c === ' ') col++;
        else if (c === '\t') col = (Math.floor(col / 8) + 1) * 8;
        else if (c === '\f') col = 0;
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
      if (c === '\\' && (src[j + 1] === '\n' || src[j + 1] === '\r')) {
        // Backslash continuation on an otherwise blank line; treat as start of text.
      }
      const cur = indents[indents.length - 1];
      if (pendingBlock) {
        if (col <= cur) {
          return {
            type: 'IndentationError',
            message: `expected an indented block after ${blockKind(pendingBlock.text)} on line ${pendingBlock.line}`,
            lineno: line,
            pos: j,
          };
        }
        indents.push(col);
        pendingBlock = null;
      } else if (col > cur) {
        return { type: 'IndentationError', message: 'unexpected indent', lineno: line, pos: j };
      } else if (col < cur) {
        while (indents.length > 1 && indents[indents.length - 1] > col) indents.pop();
        if (indents[indents.length - 1] !== col) {
          return {
            type: 'IndentationError',
            message: 'unindent does not match any outer indentation level',
            lineno: line,
            pos: j,
          };
        }
      }
      if (chunks && col === 0) {
        const isCont = CONTINUATION_RE.test(src.slice(j, j + 8));
        if (!isCont && !prevTopDecorator) chunks.push(j);
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
          headerLine = logicalStartLine;
          headerText = src.slice(logicalStartPos, i);
          pendingBlock = { line: headerLine, text: headerText };
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
      // Raw strings: a backslash still escapes the quote for tokenizing purposes.
      if (triple) {
        i += 3;
        for (;;) {
          if (i >= n) {
            return {
              type: 'SyntaxError',
              message: `unterminated triple-quoted string literal (detected at line ${src.endsWith('\n') ? line - 1 : line})`,
              lineno: startLine,
              pos: start,
            };
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
            return {
              type: 'SyntaxError',
              message: `unterminated string literal (detected at line ${line})`,
              lineno: line,
              pos: start,
            };
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
    if (c === '(' || c === '[' || c === '{') {
      brackets.push({ ch: c, line, pos: i });
    } else if (c === ')' || c === ']' || c === '}') {
      const top = brackets.pop();
      if (!top) return { type: 'SyntaxError', message: `unmatched '${c}'`, lineno: line, pos: i };
      if (top.ch !== CLOSE[c]) {
        const msg =
          top.line === line
            ? `closing parenthesis '${c}' does not match opening parenthesis '${top.ch}'`
            : `closing parenthesis '${c}' does not match opening parenthesis '${top.ch}' on line ${top.line}`;
        return { type: 'SyntaxError', message: msg, lineno: line, pos: i };
      }
    }
    lastSig = c;
    i++;
  }
  if (!atLineStart && brackets.length === 0 && lastSig === ':') {
    // Header on the last line without a newline after it.
    pendingBlock = { line: logicalStartLine, text: src.slice(logicalStartPos) };
  }
  if (brackets.length > 0) {
    const top = brackets[brackets.length - 1];
    return { type: 'SyntaxError', message: `'${top.ch}' was never closed`, lineno: top.line, pos: top.pos, };
  }
  if (pendingBlock) {
    return {
      type: 'IndentationError',
      message: `expected an indented block after ${blockKind(pendingBlock.text)} on line ${pendingBlock.line}`,
      lineno: pendingBlock.line,
      pos: n,
    };
  }
  return null;
}
