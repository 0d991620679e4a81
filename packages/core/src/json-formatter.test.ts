import { describe, expect, it } from 'vitest';
import { JSONFormatter } from './json-formatter.js';
import { type LogRecord, makeLogRecord } from './record.js';
import { gmtime } from './time/converters.js';

function record(fields: Record<string, unknown> = {}): LogRecord {
  return makeLogRecord({
    name: 'web',
    levelname: 'INFO',
    levelno: 20,
    msg: 'GET %s %d',
    args: ['/index.html', 200],
    created: 1730613600.125,
    msecs: 125,
    lineno: 88,
    ...fields,
  });
}

describe('JSONFormatter.format() with default options', () => {
  it('writes created, levelname, name, message, then extras, on one line', () => {
    const out = new JSONFormatter().format(record({ user: 'alice', req_id: 77 }));
    expect(out).toBe(
      '{"created":1730613600.125,"levelname":"INFO","name":"web","message":"GET /index.html 200","user":"alice","req_id":77}',
    );
  });

  it('adds exc_text and stack_info when present, computing exc_text once', () => {
    const f = new JSONFormatter();
    const e = new Error('boom');
    const r = record({ exc_info: e, stack_info: 'Stack (most recent call last):\n  here' });
    const parsed = JSON.parse(f.format(r)) as Record<string, unknown>;
    expect(parsed.exc_text).toBe(e.stack);
    expect(parsed.stack_info).toBe('Stack (most recent call last):\n  here');
    expect(r.exc_text).toBe(e.stack);
  });
});

describe('JSONFormatter options', () => {
  it('renames fields with an object and can omit extras', () => {
    const f = new JSONFormatter({
      fields: { time: 'created', level: 'levelname', msg: 'message', line: 'lineno' },
      extras: false,
    });
    expect(f.format(record({ user: 'alice' }))).toBe(
      '{"time":1730613600.125,"level":"INFO","msg":"GET /index.html 200","line":88}',
    );
    expect(f.needsCaller).toBe(true);
  });

  it('formats an asctime field with the converter and datefmt', () => {
    const f = new JSONFormatter({ fields: ['asctime', 'message'], datefmt: '%Y-%m-%dT%H:%M:%SZ' });
    f.converter = gmtime;
    expect(f.usesTime()).toBe(true);
    expect(f.format(record())).toBe(
      '{"asctime":"2024-11-03T06:00:00Z","message":"GET /index.html 200"}',
    );
  });

  it("writes bigint as a string by default and as a number with bigint: 'number'", () => {
    const r = () => record({ big: 12345678901234567890n });
    expect(new JSONFormatter({ fields: [] }).format(r())).toBe('{"big":"12345678901234567890"}');
    expect(new JSONFormatter({ fields: [], bigint: 'number' }).format(r())).toBe(
      '{"big":12345678901234567890}',
    );
  });
});

describe('JSONFormatter.format() with awkward values', () => {
  const f = new JSONFormatter({ fields: ['message'] });

  it('marks cycles and keeps shared references', () => {
    const a: Record<string, unknown> = { n: 1 };
    a.self = a;
    const shared = { k: 1 };
    const out = f.format(record({ a, pair: [shared, shared] }));
    expect(out).toContain('"a":{"n":1,"self":"[Circular]"}');
    expect(out).toContain('"pair":[{"k":1},{"k":1}]');
  });

  it('serializes Errors, Maps, Sets, Dates, NaN and skips functions and undefined', () => {
    const err = new TypeError('bad', { cause: new Error('root') });
    const parsed = JSON.parse(
      f.format(
        record({
          err,
          m: new Map([['x', 1]]),
          s: new Set([1, 2]),
          d: new Date(0),
          n: Number.NaN,
          fn: () => 1,
          u: undefined,
          nested: { fn: () => 1, u: undefined, arr: [undefined, () => 1] },
        }),
      ),
    ) as Record<string, unknown>;
    expect(parsed.err).toMatchObject({
      name: 'TypeError',
      message: 'bad',
      stack: err.stack,
      cause: { name: 'Error', message: 'root' },
    });
    expect(parsed.m).toEqual({ x: 1 });
    expect(parsed.s).toEqual([1, 2]);
    expect(parsed.d).toBe('1970-01-01T00:00:00.000Z');
    expect(parsed.n).toBe('NaN');
    expect('fn' in parsed || 'u' in parsed).toBe(false);
    expect(parsed.nested).toEqual({ arr: [null, null] });
  });

  it('elides objects nested beyond maxDepth', () => {
    const g = new JSONFormatter({ fields: [], maxDepth: 2 });
    expect(g.format(record({ deep: { a: { b: { c: 1 } }, l: [[[1]]] } }))).toBe(
      '{"deep":{"a":{"b":"[Object]"},"l":["[Array]"]}}',
    );
  });

  it('never emits a raw line break, even for U+2028 and U+2029', () => {
    const out = f.format(record({ msg: 'a\nb\r\u2028\u2029', args: [] }));
    expect(out).not.toMatch(/[\n\r\u2028\u2029]/);
    expect((JSON.parse(out) as { message: string }).message).toBe('a\nb\r\u2028\u2029');
  });

  it('writes "[Unserializable]" for a value whose getter throws', () => {
    const bad = {
      get x(): never {
        throw new Error('no');
      },
    };
    expect(f.format(record({ bad }))).toContain('"bad":"[Unserializable]"');
  });
});

describe('JSONFormatter number output', () => {
  it('writes every finite number exactly as JSON.stringify does (fast path for whole milliseconds)', () => {
    const f = new JSONFormatter({ fields: ['created'], extras: false });
    let seed = 42;
    const rnd = () => {
      seed = (seed * 16807) % 2147483647;
      return seed / 2147483647;
    };
    const values = [0.001, 0.1, 0.5, 1e-7, 946684800.001, 1700000000.12, 4e12 - 0.001, 4e12 + 0.5];
    for (let i = 0; i < 20000; i++) {
      values.push((1_700_000_000_000 + Math.floor(rnd() * 1e11)) / 1000);
      values.push(rnd() * 1e6, (i % 100000) / 1000, rnd() * 4e12, 1e14 + rnd() * 1000);
    }
    const wrong = values.filter(
      (v) => f.format(makeLogRecord({ created: v })) !== `{"created":${JSON.stringify(v)}}`,
    );
    expect(wrong).toEqual([]);
  });
});

describe('JSONFormatter string output', () => {
  const lineSeparators = (s: string) =>
    s.replace(/[\u2028\u2029]/g, (c) => (c === '\u2028' ? '\\u2028' : '\\u2029'));
  const strings = [
    '',
    'alice',
    '/api/items?q=1&r=2',
    'say "hi"',
    'back\\slash',
    'tab\there',
    'nul\u0000 unit\u001f del\u007f',
    'caf\u00e9 \u4e2d\u6587 \ufffd \uffff',
    'emoji \ud83d\ude00',
    'lone \ud800 high',
    'lone \udfff low',
    'sep \u2028 and \u2029',
    'x'.repeat(64),
    `${'x'.repeat(63)}"`,
    'y'.repeat(65),
    `${'y'.repeat(100)}\u2028\n`,
  ];

  it('writes every string, as message, extra key, extra value and nested, as JSON.stringify does with U+2028/U+2029 escaped', () => {
    const f = new JSONFormatter({ fields: ['message'] });
    for (const s of strings) {
      const r = record({ msg: s, args: [], [`k${s}`]: s, nested: { [s]: [s] } });
      const expected = lineSeparators(
        JSON.stringify({ message: s, [`k${s}`]: s, nested: { [s]: [s] } }),
      );
      expect(f.format(r)).toBe(expected);
      expect(JSON.parse(f.format(r))).toEqual(JSON.parse(expected));
    }
  });

  it('escapes U+2028/U+2029 in field names, exc_text and stack_info', () => {
    const f = new JSONFormatter({ fields: { 'a\u2028b': 'message' } });
    const out = f.format(record({ exc_text: 'x\u2029y', stack_info: 'Stack\u2028' }));
    expect(out).not.toMatch(/[\u2028\u2029]/);
    expect(JSON.parse(out)).toEqual({
      'a\u2028b': 'GET /index.html 200',
      exc_text: 'x\u2029y',
      stack_info: 'Stack\u2028',
    });
  });
});

describe('JSONFormatter across consecutive records', () => {
  it('writes each numeric field from its own record when values repeat and change', () => {
    const f = new JSONFormatter({ fields: ['created', 'msecs'], extras: false });
    const pairs: [number, number][] = [
      [1.5, 500],
      [1.5, 500],
      [2.25, 250],
      [Number.NaN, 0],
      [Number.NaN, -0],
      [-0, 0.5],
      [0, 0.5],
      [1.5, Number.POSITIVE_INFINITY],
    ];
    for (const [created, msecs] of pairs) {
      const out = f.format(makeLogRecord({ created, msecs }));
      const text = (v: number) => (Number.isFinite(v) ? JSON.stringify(v) : `"${v}"`);
      expect(out).toBe(`{"created":${text(created)},"msecs":${text(msecs)}}`);
    }
  });

  it('writes the extras of each record, keeping listed and standard keys out, beyond 1024 distinct keys', () => {
    const f = new JSONFormatter({ fields: { who: 'user', message: 'message' } });
    for (let i = 0; i < 1500; i++) {
      const key = `k${i % 1100}`;
      const out = f.format(record({ user: 'ann', [key]: i, message: 'stale' }));
      expect(out).toBe(`{"who":"ann","message":"GET /index.html 200","${key}":${i}}`);
    }
  });
});
