import { afterEach, describe, expect, it } from 'vitest';
import { LoggingTypeError, LoggingValueError } from '../errors.js';
import { gmtime, localtime } from './converters.js';
import { mktime } from './mktime.js';
import { strftime } from './strftime.js';
import {
  prng,
  python,
  runCPython,
  runOurs,
  crossCheckTitle,
  structFromTuple,
  type TimeRequest,
} from './test-support/cpython-time.js';

const impl = { localtime, gmtime, strftime, mktime };
const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

function crossCheck(tz: string | undefined, requests: TimeRequest[]): void {
  const expected = runCPython(tz, requests);
  const actual = runOurs(tz, requests, impl);
  const mismatches = requests
    .map((r, i) => ({ r, want: expected[i], got: actual[i] }))
    .filter((m) => JSON.stringify(m.want) !== JSON.stringify(m.got));
  expect(mismatches.slice(0, 5)).toEqual([]);
}

/** Conversion letters glibc knows, some it does not, and odd characters. */
const LETTERS = [...'aAbBcCdDeFgGhHIjklmMnpPrRsStTuUVwWxXyYzZ%EOqfiJKLNQv+:.é😀'];

/** A seeded random strftime format: literals and conversions with flags, widths, modifiers. */
function randomFormat(rnd: () => number): string {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  let s = '';
  const parts = 1 + Math.floor(rnd() * 4);
  for (let i = 0; i < parts; i++) {
    if (rnd() < 0.2) s += pick(['x', ' ', '-', '年', '😀', '%%']);
    s += '%';
    while (rnd() < 0.25) s += pick(['_', '-', '0', '^', '#']);
    if (rnd() < 0.3) s += String(Math.floor(rnd() * 13));
    if (rnd() < 0.2) s += pick(['E', 'O']);
    if (rnd() < 0.04) break; // a trailing '%' (plus flags)
    s += pick(LETTERS);
  }
  return s;
}

describe.skipIf(python === null)(crossCheckTitle('strftime() vs CPython time.strftime'), () => {
  it.each(['America/New_York', 'Europe/Dublin', 'Australia/Lord_Howe', 'UTC'])(
    'matches CPython for 1500 seeded random formats (flags, widths, E/O, unknown codes) in %s',
    (tz) => {
      const rnd = prng(tz.length * 31337);
      const requests: TimeRequest[] = [];
      for (let i = 0; i < 1500; i++) {
        const secs = Math.floor((rnd() * 2 - 0.7) * 4e9);
        requests.push({
          conv: rnd() < 0.8 ? 'localtime' : 'gmtime',
          secs,
          op: 'strftime',
          fmt: randomFormat(rnd),
        });
      }
      crossCheck(tz, requests);
    },
  );

  it('matches CPython on hand-built structs: zero and out-of-range fields, odd years, no zone', () => {
    const tuples: unknown[][] = [
      [2024, 13, 1, 0, 0, 0, 0, 1, 0],
      [2024, 0, 0, 0, 0, 0, 0, 0, 0],
      [2024, 1, 32, 0, 0, 0, 0, 1, 0],
      [2024, 1, 1, 24, 0, 0, 0, 1, 0],
      [2024, 1, 1, 0, 60, 0, 0, 1, 0],
      [2024, 1, 1, 0, 0, 62, 0, 1, 0],
      [2024, 1, 1, 0, 0, 61, 0, 1, 0],
      [2024, 1, 1, 0, 0, 0, -2, 1, 0],
      [2024, 1, 1, 0, 0, 0, -1, 1, 0],
      [2024, 1, 1, 0, 0, 0, 9, 1, 0],
      [2024, 1, 1, 0, 0, 0, 0, 367, 0],
      [2024, 1, 1, 0, 0, 0, 0, 366, 0],
      [2024, 1, 1, 0, 0, 0, 0, 1, 5],
      [2024, 7, 1, 0, 0, 0, 0, 1, 1],
      [2024, 1, 1, 0, 0, 0, 0, 1, -7],
      [2024, -1, 1, 0, 0, 0, 0, 1, 0],
      [-2147481749, 1, 1, 0, 0, 0, 0, 1, 0],
      [-2147481748, 1, 1, 0, 0, 0, 0, 1, 0],
      [2147483648, 1, 1, 0, 0, 0, 0, 1, 0],
      [2024, -2147483649, 1, 0, 0, 0, 0, 1, 0],
      [2024.5, 1, 1, 0, 0, 0, 0, 1, 0],
      [5, 1, 3, 0, 0, 0, 0, 3, 0],
      [-5, 1, 3, 0, 0, 0, 0, 3, 0],
      [-101, 12, 31, 23, 59, 59, 6, 365, 1],
      [12345, 6, 15, 12, 0, 0, 2, 167, 0],
      [2024, 6, 15, 12, 0, 0, 5, 167, 1, 'ABC', 3600],
      [2024, 6, 15, 12, 0, 0, 5, 167, -1, 'ABC', 3600],
      [2024, 6, 15, 12, 0, 0, 5, 167, 0, '', -12345],
    ];
    const requests: TimeRequest[] = tuples.map((tuple) => ({
      conv: 'tuple',
      tuple,
      op: 'strftime',
      fmt: '%Y|%C|%y|%G|%g|%V|%m|%d|%e|%H|%I|%j|%a|%A|%b|%B|%p|%U|%W|%u|%w|%Z|%z|%c|%05Y|%-y',
    }));
    crossCheck('America/New_York', requests);
    crossCheck('Europe/Dublin', requests);
  });

  it.each([
    ['fits the first buffer', '%1016Y'],
    ['needs exactly the first buffer', '%1023Y'],
    ['overflows the first buffer of a short format', '%1024Y'],
    ['fits a grown buffer', '%1600Y'],
    ['overflows every buffer', '%5000Y'],
    ['overflows with a width beyond int', '%99999999999Y'],
    ['counts a non-BMP literal as one character', '😀%1022Y'],
    ['drops a too-long result even when a directive prints nothing', '%3000z'],
  ])('returns what CPython returns when the result %s', (_label, fmt) => {
    crossCheck('UTC', [
      { conv: 'localtime', secs: 1700000000, op: 'strftime', fmt },
      { conv: 'tuple', tuple: [2024, 1, 1, 0, 0, 0, 0, 1, -1], op: 'strftime', fmt },
    ]);
  });

  it('formats %Z of a struct without a zone with the local zone names, as glibc does', () => {
    const requests: TimeRequest[] = [0, 1].map((isdst) => ({
      conv: 'tuple',
      tuple: [2024, 1, 1, 0, 0, 0, 0, 1, isdst],
      op: 'strftime',
      fmt: '%Z|%z',
    }));
    for (const tz of ['America/New_York', 'Europe/London', 'EST5EDT,M3.2.0,M11.1.0', 'UTC']) {
      crossCheck(tz, requests);
    }
  });
});

describe('strftime()', () => {
  it('rejects a format with an embedded NUL like CPython', () => {
    expect(() => strftime('a\0b', gmtime(0))).toThrow(LoggingValueError);
    expect(() => strftime('a\0b', gmtime(0))).toThrow('embedded null character');
  });

  it('rejects a format that is not a string', () => {
    expect(() => strftime(5 as unknown as string, gmtime(0))).toThrow(LoggingTypeError);
  });

  it('returns the same text for the same frozen struct, and fresh text for a new struct', () => {
    const a = gmtime(1700000000);
    const first = strftime('%Y-%m-%d %H:%M:%S', a);
    expect(strftime('%Y-%m-%d %H:%M:%S', a)).toBe(first);
    const b = gmtime(1700000001);
    expect(strftime('%Y-%m-%d %H:%M:%S', b)).not.toBe(first);
  });

  it('reformats a mutable struct on every call', () => {
    const t = { ...gmtime(1700000000) } as {
      -readonly [K in keyof ReturnType<typeof gmtime>]: ReturnType<typeof gmtime>[K];
    };
    const before = strftime('%S', t);
    t.tm_sec = (t.tm_sec + 1) % 60;
    expect(strftime('%S', t)).not.toBe(before);
  });

  it('formats local now when no struct is given', () => {
    process.env.TZ = 'UTC';
    const year = strftime('%Y');
    expect([
      String(new Date().getUTCFullYear()),
      String(new Date().getUTCFullYear() + 1),
    ]).toContain(year);
  });

  it('matches a struct built from the same fields as a converter result', () => {
    const t = gmtime(1700000000);
    const copy = structFromTuple([
      t.tm_year,
      t.tm_mon,
      t.tm_mday,
      t.tm_hour,
      t.tm_min,
      t.tm_sec,
      t.tm_wday,
      t.tm_yday,
      t.tm_isdst,
      t.tm_zone,
      t.tm_gmtoff,
    ]);
    expect(strftime('%c %Z %z %j', copy)).toBe(strftime('%c %Z %z %j', t));
  });
});
