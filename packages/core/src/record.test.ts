import { spawnSync } from 'node:child_process';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { INFO } from './levels.js';
import { getLogger, root } from './logging-api.js';
import { LogRecord, makeLogRecord, startTime } from './record.js';
import { callFactory, getLogRecordFactory, setLogRecordFactory } from './record-factory.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

/** Runs a Python 3 snippet and parses the JSON it prints (null when python3 is missing). */
function python(code: string): unknown {
  const r = spawnSync('python3', ['-c', code], { encoding: 'utf8' });
  if (r.error || r.status !== 0) return null;
  return JSON.parse(r.stdout);
}
const hasPython = spawnSync('python3', ['-c', 'import logging'], { encoding: 'utf8' }).status === 0;

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => {
  vi.restoreAllMocks();
  restore();
});

describe('new LogRecord() (positional constructor)', () => {
  it('unwraps a single non-empty plain object into the mapping, and nothing else', () => {
    const mk = (args: unknown[]) => new LogRecord('n', INFO, '', 0, 'm', args, null).args;
    expect(mk([{ a: 1 }])).toEqual({ a: 1 });
    expect(mk([{}])).toEqual([{}]);
    expect(mk([{ a: 1 }, { b: 2 }])).toEqual([{ a: 1 }, { b: 2 }]);
    const d = new Date(0);
    expect(mk([d])).toEqual([d]);
    const m = new Map([['a', 1]]);
    expect(mk([m])).toEqual([m]);
    expect(
      new LogRecord('n', INFO, '', 0, '%(a)s-%(b)d', [{ a: 'x', b: 2 }], null).getMessage(),
    ).toBe('x-2');
  });

  it('computes created, msecs (the 3.11 way) and relativeCreated from one clock read', () => {
    vi.spyOn(Date, 'now').mockReturnValue(1700000000123);
    const r = new LogRecord('n', INFO, '', 0, 'm', [], null);
    expect([r.created, r.msecs, r.relativeCreated]).toEqual([
      1700000000.123,
      122,
      1700000000123 - startTime,
    ]);
  });

  it.skipIf(!hasPython)(
    'derives filename and module from pathname like CPython (python3 live)',
    () => {
      const paths = [
        '/a/b/app.py',
        'app.tar.gz',
        '.bashrc',
        '..a',
        '/x/...y.ts',
        '',
        '(unknown file)',
        '/a.b/c',
        'dir/',
        'C:\\x\\y.py',
      ];
      const expected = python(
        `import json, logging; print(json.dumps([[r.filename, r.module] for r in (logging.LogRecord('n', 20, p, 0, 'm', (), None) for p in ${JSON.stringify(paths)})]))`,
      );
      const actual = paths.map((p) => {
        const r = new LogRecord('n', 20, p, 0, 'm', [], null);
        return [r.filename, r.module];
      });
      expect(actual).toEqual(expected);
    },
  );

  it.skipIf(!hasPython)(
    "has CPython's attributes in CPython's order, then taskName (python3 live)",
    () => {
      const expected = python(
        "import json, logging; print(json.dumps(list(logging.LogRecord('n', 20, '/p.py', 3, 'm', (), None).__dict__)))",
      ) as string[];
      const keys = Object.keys(new LogRecord('n', 20, '/p.py', 3, 'm', [], null));
      expect(keys.filter((k) => k !== 'taskName')).toEqual(expected);
      expect(keys.at(-1)).toBe('taskName');
    },
  );

  it.skipIf(!hasPython)("toString() is CPython's repr (python3 live)", () => {
    const expected = python(
      `import json, logging; print(json.dumps(repr(logging.LogRecord('app.db', 25, '/srv/app.py', 12, 'x %s', ('y',), None))))`,
    );
    expect(String(new LogRecord('app.db', 25, '/srv/app.py', 12, 'x %s', ['y'], null))).toBe(
      expected,
    );
  });

  it('getMessage() returns msg verbatim without args, and str(msg) for non-strings', () => {
    expect(new LogRecord('n', 20, '', 0, '100%% %s', [], null).getMessage()).toBe('100%% %s');
    expect(new LogRecord('n', 20, '', 0, 42, [], null).getMessage()).toBe('42');
  });
});

describe('makeLogRecord()', () => {
  it('overwrites a blank record with the given attributes, extras included', () => {
    const r = makeLogRecord({ name: 'net', msg: 'got %d', args: [3], levelno: 40, ip: '::1' });
    expect(r).toBeInstanceOf(LogRecord);
    expect([r.name, r.getMessage(), r.levelno, r.ip]).toEqual(['net', 'got 3', 40, '::1']);
  });

  it('builds the blank record with the current record factory', () => {
    class Derived extends LogRecord {}
    setLogRecordFactory(Derived);
    expect(makeLogRecord({})).toBeInstanceOf(Derived);
  });
});

// test_logging.LogRecordFactoryTest
describe('setLogRecordFactory() / getLogRecordFactory()', () => {
  it('a LogRecord subclass builds every logged record', () => {
    class CheckingRecord extends LogRecord {
      expected = 'checked';
    }
    const h = new RecordListHandler();
    root.addHandler(h);
    expect(getLogRecordFactory()).toBe(LogRecord);
    setLogRecordFactory(CheckingRecord);
    expect(getLogRecordFactory()).toBe(CheckingRecord);
    getLogger('f').warning('x');
    expect(h.records[0]).toBeInstanceOf(CheckingRecord);
    expect(h.records[0]!.expected).toBe('checked');
  });

  it('a function factory, wrapping the previous one, gets the positional arguments', () => {
    const h = new RecordListHandler();
    root.addHandler(h);
    const old = getLogRecordFactory();
    const seen: unknown[][] = [];
    setLogRecordFactory((...a) => {
      seen.push(a);
      const r = callFactory(old, ...a);
      r.custom_attribute = 0xdecafbad;
      return r;
    });
    getLogger('f').warning('x %s', 1);
    expect(h.records[0]!.custom_attribute).toBe(0xdecafbad);
    expect(seen[0]!.slice(0, 7)).toEqual(['f', 30, '(unknown file)', 0, 'x %s', [1], null]);
  });
});
