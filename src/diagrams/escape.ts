// Every name that reaches a diagram (models, fields, tables, columns, apps, migrations) is
// untrusted text: a student or a share link can put anything in db_table or verbose_name.
// These helpers turn such text into something that is only ever *text* inside mermaid's
// grammar: it cannot close a quoted string, start a directive (%%{init}%%), a comment, a
// markdown string, an entity code or a new statement, and it carries no HTML.

/**
 * Look-alike characters for the few that mean something to mermaid or HTML inside a quoted
 * string, chosen from those common Latin fonts have (no tofu boxes).
 */
const REPLACEMENTS: Record<string, string> = {
  '"': '\u2033', // ″ closes a string
  '`': '\u02CB', // ˋ starts a markdown string
  '%': '\u066A', // ٪ %%{init}%% directives and %% comments
  '#': '\u266F', // ♯ entity codes (#quot; #35;)
  '&': '+', // HTML entities
  '<': '\u2039', // ‹ HTML
  '>': '\u203A', // ›
  '\\': '\u2216', // ∖
};

const SPECIAL = /["`%#&<>\\]/g;
// Control characters, line and paragraph separators, bidi overrides, zero-width characters.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200B-\u200F\u202A-\u202E\u2066-\u2069\uFEFF]+/g;

/**
 * Text for inside a mermaid double-quoted string (labels, comments, relationship names).
 * Long text is shortened with an ellipsis so a hostile 10 000-character name cannot blow up
 * the layout.
 */
export function mermaidText(text: string, maxLength = 60): string {
  let out = String(text).replace(INVISIBLE, ' ').replace(SPECIAL, (c) => REPLACEMENTS[c] ?? '');
  out = out.replace(/\s+/g, ' ').trim();
  if (out.length > maxLength) out = out.slice(0, Math.max(1, maxLength - 1)).trimEnd() + '\u2026';
  return noMarkdown(out);
}

/**
 * Mermaid formats `**x**` and `__x__` as bold in some labels: a star becomes a look-alike,
 * and a zero-width space splits every double underscore (it looks the same).
 */
function noMarkdown(text: string): string {
  return text.replace(/\*/g, '\u2217').replace(/_(?=_)/g, '_\u200B');
}

/** A quoted mermaid string; never empty (mermaid rejects `""` in some grammars). */
export function quoted(text: string, maxLength = 60): string {
  const inner = mermaidText(text, maxLength);
  return `"${inner === '' ? '\u00A0' : inner}"`;
}

/**
 * A bare word for mermaid's ER attribute type/name grammar: a letter or underscore first,
 * then letters, digits, `_ - ( ) [ ] . ,`. Anything else becomes `_`.
 */
export function erWord(text: string, fallback = 'x', maxLength = 40): string {
  let out = String(text)
    .replace(/\s+/g, '')
    .replace(/[^A-Za-z0-9_\-()[\].,]/g, '_');
  if (out.length > maxLength) out = out.slice(0, maxLength);
  if (!/^[A-Za-z_]/.test(out)) out = `${fallback}_${out}`;
  return noMarkdown(out);
}

/**
 * Hands out identifiers that are plain ASCII words, start with a fixed prefix (so they can
 * never be a keyword such as `end`, `click`, `style` or `one`), and are unique.
 */
export class IdAllocator {
  private readonly used = new Set<string>();
  private readonly byKey = new Map<string, string>();

  constructor(private readonly prefix: string) {}

  /** The id for `key`; the same key always gets the same id. */
  id(key: string): string {
    const known = this.byKey.get(key);
    if (known) return known;
    let base = `${this.prefix}${key.replace(/[^A-Za-z0-9_]/g, '_')}`.slice(0, 60);
    if (base === this.prefix) base = `${this.prefix}x`;
    let candidate = base;
    for (let n = 2; this.used.has(candidate); n++) candidate = `${base}_${n}`;
    this.used.add(candidate);
    this.byKey.set(key, candidate);
    return candidate;
  }
}
