import { describe, expect, it } from 'vitest';
import { IdAllocator, erWord, mermaidText, quoted } from '../../../src/diagrams';
import { HOSTILE } from './projects';

describe('mermaidText', () => {
  it('keeps ordinary names as they are', () => {
    expect(mermaidText('blog_post')).toBe('blog_post');
    expect(mermaidText('Café Crème (draft) [v2] {x} | y ~ z; w')).toBe('Café Crème (draft) [v2] {x} | y ~ z; w');
  });

  it('turns every character that means something to mermaid or HTML into a look-alike', () => {
    for (const h of HOSTILE) {
      const out = mermaidText(h, 1000);
      expect(out).not.toMatch(/["`%#&<>\\\n\r]/);
    }
    expect(mermaidText('a"b`c%d#e&f<g>h\\i')).toBe('a\u2033b\u02CBc\u066Ad\u266Fe+f\u2039g\u203Ah\u2216i');
  });

  it('cannot open a directive, a comment, an entity code or a markdown string', () => {
    const out = mermaidText('%%{init: {"theme": "forest"}}%% #quot; `**x**`');
    expect(out).not.toContain('%%');
    expect(out).not.toMatch(/#\w+;/);
    expect(out).not.toContain('`');
  });

  it('folds newlines, control, bidi and zero-width characters into spaces', () => {
    expect(mermaidText('a\nb\r\nc\u2028d\u202Ee\u200Bf\u0000g')).toBe('a b c d e f g');
  });

  it('leaves no markdown: stars become look-alikes, double underscores are split invisibly', () => {
    expect(mermaidText('**bold** __init__ a_b')).toBe('\u2217\u2217bold\u2217\u2217 _\u200B_init_\u200B_ a_b');
    expect(erWord('__pwned__')).toBe('_\u200B_pwned_\u200B_');
  });

  it('shortens long text with an ellipsis', () => {
    const out = mermaidText('x'.repeat(10000), 20);
    expect(out).toHaveLength(20);
    expect(out.endsWith('\u2026')).toBe(true);
  });

  it('quotes, and never yields an empty string', () => {
    expect(quoted('a"b')).toBe('"a\u2033b"');
    expect(quoted('\n')).toBe('"\u00A0"');
  });
});

describe('erWord', () => {
  it('keeps types and column names mermaid accepts', () => {
    expect(erWord('varchar(200)')).toBe('varchar(200)');
    expect(erWord('decimal(10, 2)')).toBe('decimal(10,2)');
    expect(erWord('author_id')).toBe('author_id');
  });
  it('replaces everything else and never starts with a digit', () => {
    expect(erWord('smallint unsigned')).toBe('smallintunsigned');
    expect(erWord('2fa code', 'col')).toBe('col_2facode');
    for (const h of HOSTILE) expect(erWord(h)).toMatch(/^[A-Za-z_][A-Za-z0-9_\-()[\].,\u200B]*$/);
  });
});

describe('IdAllocator', () => {
  it('hands out prefixed, unique, stable ASCII ids', () => {
    const ids = new IdAllocator('e_');
    expect(ids.id('blog.Post')).toBe('e_blog_Post');
    expect(ids.id('blog_Post')).toBe('e_blog_Post_2');
    expect(ids.id('blog.Post')).toBe('e_blog_Post');
    expect(ids.id('end')).toBe('e_end');
    expect(ids.id('<script>')).toBe('e__script_');
    expect(ids.id('')).toBe('e_x');
  });
});
