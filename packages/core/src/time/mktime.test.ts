import { afterEach, describe, expect, it } from 'vitest';
import { LoggingOverflowError } from '../errors.js';
import { gmtime, localtime } from './converters.js';
import { mktime } from './mktime.js';
import { strftime } from './strftime.js';
import {
  prng,
  python,
  runCPython,
  runOurs,
  crossCheckTitle,
  type TimeRequest,
} from './test-support/cpython-time.js';

const impl = { localtime, gmtime, strftime, mktime };
const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

/** Wall-clock tuples around DST changes, with every tm_isdst, plus normalisation cases. */
function tuples(): unknown[][] {
  const out: unknown[][] = [];
  const walls = [
    [2024, 11, 3, 1, 30, 0], // New York fall-back: 01:30 happens twice
    [2024, 3, 10, 2, 30, 0], // New York spring-forward: 02:30 does not exist
    [2024, 4, 7, 1, 45, 0], // Lord Howe fall-back (half hour)
    [2024, 10, 6, 2, 15, 0], // Lord Howe spring-forward (half hour)
    [2024, 10, 27, 1, 30, 0], // London and Dublin fall-back
    [2024, 3, 31, 1, 30, 0], // London and Dublin spring-forward
    [2024, 7, 1, 12, 0, 0],
    [2024, 1, 1, 12, 0, 0],
    [1944, 1, 1, 0, 0, 0],
    [1969, 7, 20, 20, 17, 40],
    [2038, 1, 19, 3, 14, 8],
    [2100, 7, 4, 0, 0, 0],
  ];
  for (const w of walls) for (const isdst of [-1, 0, 1]) out.push([...w, 0, 1, isdst]);
  out.push([2024, 13, 1, 0, 0, 0, 0, 1, 0]); // month 13 is next January
  out.push([2024, 0, 0, 0, 0, 0, 0, 0, 0]); // day 0 is the last day of the month before
  out.push([2024, 1, 1, 0, 0, -30, 0, 1, 0]);
  out.push([2024, 1, 1, 0, 0, 75, 0, 1, 0]);
  out.push([2024, 1, 1, 25, 61, 0, 0, 1, -1]);
  out.push([-2147481748, 1, 1, 0, 0, -1, 0, 1, 0]); // normalises before it: OverflowError
  return out;
}

describe.skipIf(python === null)(crossCheckTitle('mktime() vs CPython time.mktime'), () => {
  it.each([
    'America/New_York',
    'Australia/Lord_Howe',
    'Europe/London',
    'Europe/Dublin',
    'Asia/Kolkata',
    'UTC',
    'EST5EDT,M3.2.0,M11.1.0',
    'AEST-10AEDT,M10.1.0,M4.1.0/3',
  ])('resolves repeated and skipped wall times as glibc does in %s (same call sequence)', (tz) => {
    const requests: TimeRequest[] = [];
    for (const tuple of tuples()) {
      requests.push({ conv: 'tuple', tuple, op: 'mktime' });
      requests.push({ conv: 'tuple', tuple, op: 'strftime', fmt: '%s' });
    }
    const rnd = prng(tz.length);
    for (let i = 0; i < 200; i++) {
      const secs = Math.floor((rnd() * 2 - 0.7) * 4e9);
      requests.push({ conv: 'localtime', secs, op: 'mktime' });
      requests.push({ conv: 'gmtime', secs, op: 'mktime' });
    }
    // mktime keeps glibc's guess between calls, so both sides run the same sequence.
    expect(runOurs(tz, requests, impl)).toEqual(runCPython(tz, requests));
  });
});

describe('mktime()', () => {
  it('inverts localtime() for ordinary instants', () => {
    process.env.TZ = 'America/New_York';
    for (const secs of [0, 1700000000, -1e9, 4e9]) expect(mktime(localtime(secs))).toBe(secs);
  });

  it('throws LoggingOverflowError when the year cannot be represented', () => {
    process.env.TZ = 'UTC';
    // One second before the earliest year C's int tm_year holds.
    const t = { ...gmtime(0), tm_year: -2147481748, tm_sec: -1 };
    expect(() => mktime(t)).toThrow(LoggingOverflowError);
    expect(() => mktime(t)).toThrow('mktime argument out of range');
  });
});
