// A lexer for the CREATE TABLE text SQLite keeps in sqlite_master. Django's SQLite introspection
// reads that text through sqlparse's leaf tokens, so which words come out as names, keywords or
// type names decides what it finds; the rules below classify tokens the way sqlparse 0.5 does.

export type TokenType =
  | 'Comment'
  | 'Whitespace'
  | 'Punctuation'
  | 'Operator'
  | 'Wildcard'
  | 'Placeholder'
  /** A name from a rule (quoted with ` or [], before `(` or `.`): never a keyword. */
  | 'Name'
  /** A bare word sqlparse looks up: a plain keyword, or a name when it is not one. */
  | 'Word'
  /** A keyword from a multi-word or fixed rule (NOT NULL, PRIMARY KEY, AS, ...). */
  | 'Keyword'
  /** A keyword of another kind (DDL, DML, built-in type names, ...): neither name nor keyword. */
  | 'OtherKeyword'
  | 'Symbol'
  | 'String'
  | 'Number'
  | 'Literal'
  | 'Error';

export interface SqlToken {
  type: TokenType;
  value: string;
}

const W = '[\\p{L}\\p{N}_]';
const LETTER = '[A-Z\\u00C0-\\u00DC]';
const END = `(?!${W})`;

const RULES: [string, TokenType][] = [
  ['(--|# )\\+.*?(\\r\\n|\\r|\\n|$)', 'Comment'],
  ['/\\*\\+[\\s\\S]*?\\*/', 'Comment'],
  ['(--|# ).*?(\\r\\n|\\r|\\n|$)', 'Comment'],
  ['/\\*[\\s\\S]*?\\*/', 'Comment'],
  ['(\\r\\n|\\r|\\n)', 'Whitespace'],
  ['\\s', 'Whitespace'],
  [':=', 'Operator'],
  ['::', 'Punctuation'],
  ['\\*', 'Wildcard'],
  ['`(``|[^`])*`', 'Name'],
  ['´(´´|[^´])*´', 'Name'],
  [`((?<![${W.slice(1, -1)}"$])\\$(?:[_A-Z\\u00C0-\\u00DC]${W}*)?\\$)[\\s\\S]*?\\1`, 'Literal'],
  ['\\?', 'Placeholder'],
  [`%(\\(${W}+\\))?s`, 'Placeholder'],
  [`(?<!${W})[$:?]${W}+`, 'Placeholder'],
  [`\\\\${W}+`, 'Operator'],
  [`(CASE|IN|VALUES|USING|FROM|AS)${END}`, 'Keyword'],
  [`(@|##|#)${LETTER}${W}+`, 'Name'],
  [`${LETTER}${W}*(?=\\s*\\.)`, 'Name'],
  [`${LETTER}${W}*(?=\\()`, 'Name'],
  ['-?0x[\\dA-F]+', 'Number'],
  ['-?\\d+(\\.\\d+)?E-?\\d+', 'Number'],
  [`(?![_A-Z\\u00C0-\\u00DC])-?(\\d+(\\.\\d*)|\\.\\d+)(?![_A-Z\\u00C0-\\u00DC])`, 'Number'],
  [`(?![_A-Z\\u00C0-\\u00DC])-?\\d+(?![_A-Z\\u00C0-\\u00DC])`, 'Number'],
  ["'(''|\\\\'|[^'])*'", 'String'],
  ['"(""|\\\\"|[^"])*"', 'Symbol'],
  ['(""|".*?[^\\\\]")', 'Symbol'],
  [`(?<![${W.slice(1, -1)}\\])])(\\[[^\\]\\[]+\\])`, 'Name'],
  [`((LEFT\\s+|RIGHT\\s+|FULL\\s+)?(INNER\\s+|OUTER\\s+|STRAIGHT\\s+)?|(CROSS\\s+|NATURAL\\s+)?)?JOIN${END}`, 'Keyword'],
  [`END(\\s+IF|\\s+LOOP|\\s+WHILE)?${END}`, 'Keyword'],
  [`IF\\s+(NOT\\s+)?EXISTS${END}`, 'Keyword'],
  [`NOT\\s+NULL${END}`, 'Keyword'],
  [`(ASC|DESC)(\\s+NULLS\\s+(FIRST|LAST))?${END}`, 'OtherKeyword'],
  [`NULLS\\s+(FIRST|LAST)${END}`, 'OtherKeyword'],
  [`UNION\\s+ALL${END}`, 'Keyword'],
  [`CREATE(\\s+OR\\s+REPLACE)?${END}`, 'OtherKeyword'],
  [`DOUBLE\\s+PRECISION${END}`, 'OtherKeyword'],
  [`GROUP\\s+BY${END}`, 'Keyword'],
  [`ORDER\\s+BY${END}`, 'Keyword'],
  [`PRIMARY\\s+KEY${END}`, 'Keyword'],
  [`HANDLER\\s+FOR${END}`, 'Keyword'],
  [`GO(\\s\\d+)${END}`, 'Keyword'],
  [`(LATERAL\\s+VIEW\\s+)(EXPLODE|INLINE|PARSE_URL_TUPLE|POSEXPLODE|STACK)${END}`, 'Keyword'],
  ["(AT|WITH')\\s+TIME\\s+ZONE\\s+'[^']+'", 'OtherKeyword'],
  [`(NOT\\s+)?(LIKE|ILIKE|RLIKE)${END}`, 'Operator'],
  [`(NOT\\s+)?(REGEXP)(\\s+(BINARY))?${END}`, 'Operator'],
  [`${W}[$#\\p{L}\\p{N}_]*`, 'Word'],
  ['[;:()\\[\\],.]', 'Punctuation'],
  ['(->>?|#>>?|@>|<@|\\?\\|?|\\?&|-|#-)', 'Operator'],
  ['[<>=~!]+', 'Operator'],
  ['[+/@#%^&|^-]+', 'Operator'],
];

const COMPILED = RULES.map(([re, type]) => [new RegExp(re, 'iuy'), type] as const);

/** Words sqlparse looks up as keywords of a kind other than a plain keyword (or a name). */
const OTHER_KEYWORDS = new Set(
  (
    'COMMIT DELETE INSERT MERGE REPLACE ROLLBACK SELECT START UPDATE UPSERT ALTER CREATE DROP TRUNCATE ' +
    'GRANT REVOKE DIV WITH ARRAY BIGINT BIGNUMERIC BINARY BIT BLOB BOOLEAN CHAR DATE DEC DECIMAL ' +
    'FILE_TYPE FLOAT INT INT8 INTEGER INTERVAL LONG MAP NATURALN NUMBER NUMERIC NVARCHAR PLS_INTEGER ' +
    'POSITIVE POSITIVEN REAL ROWID ROWLABEL ROWNUM SERIAL SERIAL8 SIGNED SIGNTYPE SIMPLE_DOUBLE ' +
    'SIMPLE_FLOAT SIMPLE_INTEGER SMALLINT STRING STRUCT SYS_REFCURSOR TEXT TIMESTAMP TINYINT UNSIGNED ' +
    'UROWID UTL_FILE VARCHAR VARCHAR2 VARIANT VARYING'
  ).split(' '),
);

/** Every token of `sql`, whitespace and comments included, in order. */
export function tokenize(sql: string): SqlToken[] {
  const tokens: SqlToken[] = [];
  let pos = 0;
  while (pos < sql.length) {
    let matched = false;
    for (const [re, type] of COMPILED) {
      re.lastIndex = pos;
      const m = re.exec(sql);
      if (!m || !m[0].length) continue;
      let t = type;
      if (t === 'Word' && OTHER_KEYWORDS.has(m[0].toUpperCase())) t = 'OtherKeyword';
      tokens.push({ type: t, value: m[0] });
      pos += m[0].length;
      matched = true;
      break;
    }
    if (!matched) {
      const ch = String.fromCodePoint(sql.codePointAt(pos)!);
      tokens.push({ type: 'Error', value: ch });
      pos += ch.length;
    }
  }
  return tokens;
}

/** sqlparse's `token.match(Keyword, word)`. */
export function isKeyword(token: SqlToken, word: string): boolean {
  return (token.type === 'Word' || token.type === 'Keyword') && token.value.toUpperCase() === word;
}

/** A token sqlparse types as a plain Name or Keyword (what Django accepts as an identifier). */
export function isNameOrKeyword(token: SqlToken): boolean {
  return token.type === 'Word' || token.type === 'Keyword' || token.type === 'Name';
}
