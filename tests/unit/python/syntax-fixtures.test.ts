import { describe, expect, test } from 'vitest';
import { parseModule, PyException } from '../../../src/engine/python';
import cases from './fixtures/syntax-errors.json';

// Broken models.py / migration files (mutations of the conformance projects) with the error
// CPython 3.11 reports for each: "<class> <line> <message>".
describe('syntax errors match CPython 3.11', () => {
  test.each(cases.map((c, i) => [i, c.expected, c.source] as const))('#%i %s', (_i, expected, source) => {
    let got = 'OK';
    try {
      parseModule(source, 'f.py');
    } catch (e) {
      if (e instanceof PyException) got = `${e.type} ${e.lineno} ${e.pyMessage}`;
      else throw e;
    }
    expect(got).toBe(expected);
  });
});
