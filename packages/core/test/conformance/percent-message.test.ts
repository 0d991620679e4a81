import { describe, expect, it } from 'vitest';
import { loadCases } from './load-cases.js';
import { type PercentCase, runPercentCase } from './percent-case.js';

const { cases, count } = loadCases<PercentCase>('percent_message');

describe('percent_message conformance (LogRecord.getMessage against CPython 3.11)', () => {
  it('the fixtures hold every percent_message case their headers count', () => {
    expect(cases.length).toBe(count);
  });
  for (const c of cases) {
    it(`${c.id}: ${JSON.stringify(c.msg)} % ${JSON.stringify(c.args)}`, () => {
      expect(runPercentCase(c)).toEqual(c.expected);
    });
  }
});
