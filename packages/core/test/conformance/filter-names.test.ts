import { describe, expect, it } from 'vitest';
import { Filter } from '../../src/filter.js';
import { makeLogRecord } from '../../src/record.js';
import { loadCases } from './load-cases.js';

interface FilterNamesCase {
  id: string;
  family: string;
  filter: string;
  record_name: string;
  expected: { ok: boolean };
}

const { cases, count: counts } = loadCases<FilterNamesCase>('filter_names');

describe('filter_names conformance (Filter(name).filter(record) against CPython 3.11)', () => {
  it('the fixtures hold every filter_names case their headers count', () => {
    expect(cases.length).toBe(counts);
    expect(cases.length).toBeGreaterThanOrEqual(86);
  });

  for (const c of cases) {
    it(`${c.id}: Filter(${JSON.stringify(c.filter)}) on a record named ${JSON.stringify(c.record_name)}`, () => {
      const result = new Filter(c.filter).filter(makeLogRecord({ name: c.record_name }));
      expect({ ok: Boolean(result) }).toEqual(c.expected);
    });
  }
});
