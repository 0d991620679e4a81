import { describe, expect, it } from 'vitest';
import { decodeBatch, encodeBatch, isBatch } from './record-batch.js';

function roundTrip(records: object[]): object[] {
  const encoded = structuredClone(encodeBatch(records));
  expect(isBatch(encoded)).toBe(true);
  const out: object[] = [];
  decodeBatch(encoded, (r) => out.push(r));
  return out;
}

describe('encodeBatch() and decodeBatch()', () => {
  it('round-trip records of one shape, sending only the values that changed', () => {
    const base = { name: 'a', msg: 'm0', levelno: 20, threadName: 'T', created: 1.5, n: null };
    const records = [base, { ...base, msg: 'm1', created: 2.5 }, { ...base, msg: 'm2' }];
    expect(roundTrip(records)).toEqual(records);
    // Header, keys tag and keys, 6 values; then per record a mask and its changed values.
    expect(encodeBatch(records)).toEqual([
      'logweave.batch.v1',
      'keys',
      ['name', 'msg', 'levelno', 'threadName', 'created', 'n'],
      ...['a', 'm0', 20, 'T', 1.5, null],
      0b10010,
      'm1',
      2.5,
      0b10010,
      'm2',
      1.5,
    ]);
  });

  it('round-trip records whose keys change (extras, other order) and key order is kept', () => {
    const records = [
      { a: 1, b: 2 },
      { a: 1, b: 2, extra: 'x' },
      { b: 2, a: 1 },
      {},
      { a: undefined, b: Number.NaN, c: true, d: false, e: -0 },
    ];
    const out = roundTrip(records);
    expect(out).toEqual(records);
    expect(out.map((r) => Object.keys(r))).toEqual(records.map((r) => Object.keys(r)));
  });

  it('always sends object values (they may have changed in place)', () => {
    const ctx = { user: 'ann' };
    const encoded = encodeBatch([
      { msg: 'a', ctx },
      { msg: 'a', ctx },
    ]);
    // Header, keys tag and keys, 2 values; then a mask and ctx again (msg is unchanged).
    expect(encoded).toEqual(['logweave.batch.v1', 'keys', ['msg', 'ctx'], 'a', ctx, 0b10, ctx]);
  });

  it('round-trip records with 32 keys (a full mask) and with more (sent whole)', () => {
    for (const width of [32, 70]) {
      const wide: Record<string, number> = {};
      for (let i = 0; i < width; i++) wide[`k${i}`] = i;
      const next = { ...wide, k0: -1, k31: -31, [`k${width - 1}`]: -99 };
      expect(roundTrip([wide, next, wide])).toEqual([wide, next, wide]);
    }
  });

  it('isBatch() rejects other messages', () => {
    expect(isBatch([1, 2])).toBe(false);
    expect(isBatch({ op: 'flush' })).toBe(false);
    expect(isBatch(encodeBatch([]))).toBe(true);
  });
});
