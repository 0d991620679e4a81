import { describe, expect, it } from 'vitest';
import { loadFamily, runFormatterCase } from './formatter-case.js';

const { cases, count } = loadFamily('exception_text');

describe('Formatter.format() on the exception_text conformance vectors', () => {
  it('runs every public case of the family', () => {
    expect(cases.length).toBe(count);
  });

  for (const c of cases) {
    it(c.id, () => {
      expect(runFormatterCase(c)).toEqual(c.expected);
    });
  }
});
