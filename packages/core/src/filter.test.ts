import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Filter, Filterer } from './filter.js';
import { getLogger, root } from './logging-api.js';
import { makeLogRecord } from './record.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => restore());

describe('Filter.filter()', () => {
  it('passes the named logger and its descendants only', () => {
    const f = new Filter('a.b');
    expect(f.filter(makeLogRecord({ name: 'a.b' }))).toBe(true);
    expect(f.filter(makeLogRecord({ name: 'a.b.c' }))).toBe(true);
    expect(f.filter(makeLogRecord({ name: 'a.bb' }))).toBe(false);
    expect(f.filter(makeLogRecord({ name: 'a' }))).toBe(false);
  });

  it('passes everything when the name is empty (test_empty_filter)', () => {
    const f = new Filter();
    expect([f.name, f.nlen]).toEqual(['', 0]);
    expect(f.filter(makeLogRecord({ name: 'spam.eggs' }))).toBe(true);
  });
});

// test_logging.BasicFilterTest
describe('a Filter on a handler (BasicFilterTest.test_filter)', () => {
  it('passes spam.eggs and below, not spam or its other children', () => {
    const h = new RecordListHandler();
    root.addHandler(h);
    h.addFilter(new Filter('spam.eggs'));
    for (const name of ['spam', 'spam.eggs', 'spam.eggs.fish', 'spam.bakedbeans']) {
      getLogger(name).warning(name);
    }
    expect(h.records.map((r) => r.msg)).toEqual(['spam.eggs', 'spam.eggs.fish']);
  });

  it('works the same with a plain function (test_callable_filter)', () => {
    const h = new RecordListHandler();
    root.addHandler(h);
    const f = (r: { name: string }) => {
      const parts = r.name.split('.');
      return parts.slice(0, 2).join('.') === 'spam.eggs';
    };
    h.addFilter(f);
    for (const name of ['spam', 'spam.eggs', 'spam.eggs.fish', 'spam.bakedbeans']) {
      getLogger(name).warning(name);
    }
    h.removeFilter(f);
    getLogger('spam').warning('after');
    expect(h.records.map((r) => r.msg)).toEqual(['spam.eggs', 'spam.eggs.fish', 'after']);
  });
});

describe('Filterer', () => {
  it('addFilter() ignores duplicates and removeFilter() ignores absent filters', () => {
    const fr = new Filterer();
    const f = new Filter('x');
    fr.addFilter(f);
    fr.addFilter(f);
    fr.removeFilter(new Filter('y'));
    expect(fr.filters).toEqual([f]);
  });

  it('filter() hands a replacement record to later filters and returns it (3.12)', () => {
    const fr = new Filterer();
    fr.addFilter((r) => makeLogRecord({ ...r, name: 'copy' }));
    fr.addFilter((r) => r.name === 'copy');
    const out = fr.filter(makeLogRecord({ name: 'orig' }));
    expect(out === false ? null : out.name).toBe('copy');
  });

  it('filter() treats any falsy result as a veto', () => {
    for (const result of [false, 0, '', null, undefined]) {
      const fr = new Filterer();
      fr.addFilter(() => result as never);
      expect(fr.filter(makeLogRecord({}))).toBe(false);
    }
  });
});
