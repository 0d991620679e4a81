import { describe, expect, it } from 'vitest';
import { LoggingError } from '../../src/errors.js';
import { LogRecord } from '../../src/record.js';
import { loadCases } from './load-cases.js';

interface PercentCase {
  id: string;
  family: string;
  msg: unknown;
  args: unknown[];
  expected: { ok: string } | { error: string; message: string };
}

const { cases, count } = loadCases<PercentCase>('percent_message');

/** Runs one case as the README says: CPython's positional constructor, then getMessage(). */
function run(c: PercentCase): { ok: string } | { error: string; message: string } {
  try {
    const record = new LogRecord('conformance', 20, '/conformance.py', 1, c.msg, c.args, null);
    return { ok: record.getMessage() };
  } catch (e) {
    if (e instanceof LoggingError) return { error: e.pythonType, message: e.message };
    throw e;
  }
}

describe('percent_message conformance (LogRecord.getMessage against CPython 3.11)', () => {
  it('the fixtures hold every percent_message case their headers count', () => {
    expect(cases.length).toBe(count);
  });
  for (const c of cases) {
    it(`${c.id}: ${JSON.stringify(c.msg)} % ${JSON.stringify(c.args)}`, () => {
      expect(run(c)).toEqual(c.expected);
    });
  }
});
