/**
 * Runs one case of the `formatter_*` / `exception_text` conformance families exactly as the
 * vectors' README describes, and returns its outcome in the vectors' `expected` shape.
 */
import { LoggingError } from '../../src/errors.js';
import { type FormatStyle, Formatter } from '../../src/formatter.js';
import { makeLogRecord } from '../../src/record.js';
import { gmtime } from '../../src/time/converters.js';
import { loadCases } from './load-cases.js';

/** One formatter case from `public.json`. */
export interface FormatterCase {
  id: string;
  family: string;
  fmt: string | null;
  style: string;
  datefmt?: string | null;
  converter?: string;
  validate?: boolean;
  defaults?: Record<string, unknown>;
  record: Record<string, unknown>;
  expected: FormatterOutcome;
}

/** `{ok}` or `{error, message, phase}`, as in the vectors. */
export type FormatterOutcome =
  | { ok: string }
  | { error: string; message: string; phase: 'construct' | 'format' };

/** The cases of one family, and the count the files' headers promise. */
export function loadFamily(family: string): { cases: FormatterCase[]; count: number } {
  return loadCases<FormatterCase>(family);
}

function outcomeOf(e: unknown, phase: 'construct' | 'format'): FormatterOutcome {
  if (e instanceof LoggingError) return { error: e.pythonType, message: e.pythonMessage, phase };
  const err = e as Error;
  return { error: `JS ${err?.name}`, message: String(err?.stack ?? err), phase };
}

/** Builds the Formatter and formats the case's record, as CPython did. */
export function runFormatterCase(c: FormatterCase): FormatterOutcome {
  let f: Formatter;
  try {
    f = new Formatter(
      c.fmt ?? undefined,
      c.datefmt ?? undefined,
      c.style as FormatStyle,
      c.validate ?? true,
      c.defaults ? { defaults: c.defaults } : undefined,
    );
  } catch (e) {
    return outcomeOf(e, 'construct');
  }
  if (c.converter === 'gmtime') f.converter = gmtime;
  try {
    return { ok: f.format(makeLogRecord(structuredClone(c.record))) };
  } catch (e) {
    return outcomeOf(e, 'format');
  }
}
