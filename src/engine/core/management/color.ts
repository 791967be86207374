// Terminal colours as Django's management commands use them (the "dark" palette).

export type StyleFunc = (text: string) => string;

export interface Style {
  ERROR: StyleFunc;
  SUCCESS: StyleFunc;
  WARNING: StyleFunc;
  NOTICE: StyleFunc;
  SQL_FIELD: StyleFunc;
  SQL_COLTYPE: StyleFunc;
  SQL_KEYWORD: StyleFunc;
  SQL_TABLE: StyleFunc;
  MIGRATE_HEADING: StyleFunc;
  MIGRATE_LABEL: StyleFunc;
}

const FG: Record<string, string> = {
  black: '30',
  red: '31',
  green: '32',
  yellow: '33',
  blue: '34',
  magenta: '35',
  cyan: '36',
  white: '37',
};

/** ANSI codes around `text`: foreground first, then options, reset at the end. */
export function colorize(text: string, fg?: string, bold = false): string {
  const codes: string[] = [];
  if (fg) codes.push(FG[fg]);
  if (bold) codes.push('1');
  return `\x1b[${codes.join(';')}m${text}\x1b[0m`;
}

const make =
  (fg?: string, bold = false): StyleFunc =>
  (t) =>
    colorize(t, fg, bold);

const identity: StyleFunc = (t) => t;

export function colorStyle(): Style {
  return {
    ERROR: make('red', true),
    SUCCESS: make('green', true),
    WARNING: make('yellow', true),
    NOTICE: make('red'),
    SQL_FIELD: make('green', true),
    SQL_COLTYPE: make('green'),
    SQL_KEYWORD: make('yellow'),
    SQL_TABLE: make(undefined, true),
    MIGRATE_HEADING: make('cyan', true),
    MIGRATE_LABEL: make(undefined, true),
  };
}

export function noStyle(): Style {
  return {
    ERROR: identity,
    SUCCESS: identity,
    WARNING: identity,
    NOTICE: identity,
    SQL_FIELD: identity,
    SQL_COLTYPE: identity,
    SQL_KEYWORD: identity,
    SQL_TABLE: identity,
    MIGRATE_HEADING: identity,
    MIGRATE_LABEL: identity,
  };
}
