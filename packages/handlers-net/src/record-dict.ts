import type { LogRecord } from '@logweave/core';
import { FLOAT_ATTRIBUTES } from './pickle-writer.js';

/** How a record travels: CPython's pickle (protocol 1) or JSON of the same dict. */
export type RecordSerializer = 'pickle' | 'json';

/**
 * The dict CPython's `SocketHandler.makePickle` sends: the record's attributes with `msg`
 * set to `getMessage()`, `args` and `exc_info` None, `exc_text` the formatted error (when the
 * record carries one), and no `message` key.
 */
export function recordDict(
  record: LogRecord,
  format: (r: LogRecord) => string,
): Record<string, unknown> {
  if (record.exc_info) format(record);
  const d: Record<string, unknown> = { ...record };
  d.msg = record.getMessage();
  d.args = null;
  d.exc_info = null;
  delete d.message;
  return d;
}

/**
 * JSON of a record dict: the same keys and order as the pickle; `bigint`s become numbers when
 * exact, strings otherwise; bytes become arrays of numbers. Floats that happen to be integral
 * (`created`, `msecs`…) are written as integers, as JSON has one number type.
 */
export function recordJson(dict: Record<string, unknown>): Buffer {
  const seen = new Set<object>();
  const json = JSON.stringify(dict, function replacer(this: unknown, _key: string, v: unknown) {
    if (typeof v === 'bigint') return Number.isSafeInteger(Number(v)) ? Number(v) : v.toString();
    if (v === undefined || typeof v === 'function' || typeof v === 'symbol')
      return v === undefined ? null : String(v);
    if (v instanceof Error) return String(v);
    if (v instanceof Map) return Object.fromEntries([...v].map(([k, x]) => [String(k), x]));
    if (v instanceof Set) return [...v];
    if (v !== null && typeof v === 'object') {
      if (seen.has(v)) return '<recursion>';
      seen.add(v);
    }
    return v;
  });
  return Buffer.from(json, 'utf8');
}

/** The attributes CPython keeps as floats, for serialisers that distinguish them. */
export { FLOAT_ATTRIBUTES };
