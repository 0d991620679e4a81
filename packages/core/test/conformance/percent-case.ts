/** Runs one `percent_message` conformance case exactly as the vectors' README describes. */
import { LoggingError } from '../../src/errors.js';
import { LogRecord } from '../../src/record.js';

/** One `percent_message` case. */
export interface PercentCase {
  id: string;
  family: string;
  msg: unknown;
  args: unknown[];
  expected: PercentOutcome;
}

/** `{ok}` or `{error, message}`, as in the vectors. */
export type PercentOutcome = { ok: string } | { error: string; message: string };

/** CPython's positional constructor (which applies the single-mapping rule), then getMessage(). */
export function runPercentCase(c: PercentCase): PercentOutcome {
  try {
    const record = new LogRecord('conformance', 20, '/conformance.py', 1, c.msg, c.args, null);
    return { ok: record.getMessage() };
  } catch (e) {
    if (e instanceof LoggingError) return { error: e.pythonType, message: e.pythonMessage };
    throw e;
  }
}
