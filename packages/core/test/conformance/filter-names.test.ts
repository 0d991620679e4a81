import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Filter } from '../../src/filter.js';
import { makeLogRecord } from '../../src/record.js';

interface FilterNamesCase {
  id: string;
  family: string;
  filter: string;
  record_name: string;
  expected: { ok: boolean };
}

/** public.json, plus holdout.json when it is present beside it. */
function loadCases(family: string): { cases: FilterNamesCase[]; counts: number } {
  const cases: FilterNamesCase[] = [];
  let counts = 0;
  for (const file of ['public.json', 'holdout.json']) {
    const url = new URL(`../fixtures/conformance/${file}`, import.meta.url);
    if (!existsSync(url)) continue;
    const data = JSON.parse(readFileSync(url, 'utf8')) as {
      counts: Record<string, number>;
      cases: FilterNamesCase[];
    };
    counts += data.counts[family] ?? 0;
    cases.push(...data.cases.filter((c) => c.family === family));
  }
  return { cases, counts };
}

const { cases, counts } = loadCases('filter_names');

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
