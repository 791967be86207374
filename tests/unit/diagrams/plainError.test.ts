import { describe, expect, it } from 'vitest';
import { plainError } from '../../../src/ui/diagrams/mermaidRenderer';

describe('mermaid errors in plain words', () => {
  it('a parse error names the line and what was unexpected', () => {
    const err = new Error("Parse error on line 2:\n...A ||--o{ : oops\n-----------------^\nExpecting 'ALPHANUM', got 'COLON'");
    expect(plainError(err)).toEqual({
      error: "The diagram's text has a mistake on line 2: mermaid did not expect 'COLON' there.",
      detail: err.message,
    });
  });
  it('an unknown diagram type', () => {
    expect(plainError(new Error('No diagram type detected matching given configuration for text: hello')).error).toMatch(/not a diagram mermaid knows/);
  });
  it('too large', () => {
    expect(plainError(new Error('Maximum text size in diagram exceeded')).error).toMatch(/too large/);
  });
  it('anything else keeps its first line', () => {
    expect(plainError('boom\nstack').error).toBe('The diagram could not be drawn: boom.');
    expect(plainError({ str: 'odd' }).error).toBe('The diagram could not be drawn: odd.');
  });
});
