import { existsSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { LoggingOverflowError, LoggingValueError } from '../errors.js';
import { gmtime, localtime } from './converters.js';
import { mktime } from './mktime.js';
import { strftime } from './strftime.js';
import {
  ALL_DIRECTIVES,
  prng,
  python,
  runCPython,
  runOurs,
  crossCheckTitle,
  structFields,
  type TimeRequest,
} from './test-support/cpython-time.js';

const impl = { localtime, gmtime, strftime, mktime };
const savedTz = process.env.TZ;
afterEach(() => {
  if (savedTz === undefined) delete process.env.TZ;
  else process.env.TZ = savedTz;
});

/** Zones of the live cross-check: the vectors' four, odd DST rules, POSIX strings. */
const ZONES = [
  'UTC',
  'America/New_York',
  'Asia/Kolkata',
  'Europe/London',
  'Australia/Lord_Howe', // half-hour DST
  'America/St_Johns', // -3:30 with DST
  'Pacific/Chatham', // +12:45 / +13:45
  'Europe/Dublin', // negative DST: winter GMT is the isdst=1 type
  'America/Sao_Paulo', // DST abolished in 2019
  'Antarctica/Troll', // two-hour DST
  'EST5EDT,M3.2.0,M11.1.0', // POSIX rules, no file
  'AEST-10AEDT,M10.1.0,M4.1.0/3', // southern-hemisphere POSIX rules
  'CET-1CEST', // DST named without rules: glibc borrows posixrules
  '<+0530>-5:30',
  'Foo', // not a zone: glibc's unnamed-offset UTC named "Foo"
  ...(existsSync('/usr/share/zoneinfo/right/UTC') ? ['right/UTC'] : []), // leap seconds
];

const YEAR = 365.2425 * 86400;

/** Seeded instants 1900..2100, a third of them with a fractional second. */
function instants(seed: number, n: number): number[] {
  const rnd = prng(seed);
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const t = Math.floor(-70 * YEAR + rnd() * 200 * YEAR);
    out.push(rnd() < 0.33 ? t + Math.floor(rnd() * 1000) / 1000 : t);
  }
  return out;
}

function crossCheck(tz: string | undefined, requests: TimeRequest[]): void {
  const expected = runCPython(tz, requests);
  const actual = runOurs(tz, requests, impl);
  const mismatches = requests
    .map((r, i) => ({ r, want: expected[i], got: actual[i] }))
    .filter((m) => JSON.stringify(m.want) !== JSON.stringify(m.got));
  expect(mismatches.slice(0, 5)).toEqual([]);
}

describe.skipIf(python === null)(crossCheckTitle('converters vs CPython time'), () => {
  describe.each(ZONES)('TZ=%s', (tz) => {
    it('localtime() and strftime() of every directive match CPython for 300 seeded instants 1900–2100', () => {
      const requests: TimeRequest[] = [];
      for (const secs of instants(tz.length * 7919, 300)) {
        requests.push({ conv: 'localtime', secs, op: 'struct' });
        requests.push({ conv: 'localtime', secs, op: 'strftime', fmt: ALL_DIRECTIVES });
      }
      crossCheck(tz, requests);
    });

    it('gmtime() and strftime() of every directive match CPython for 100 seeded instants', () => {
      const requests: TimeRequest[] = [];
      for (const secs of instants(tz.length * 104729, 100)) {
        requests.push({ conv: 'gmtime', secs, op: 'struct' });
        requests.push({ conv: 'gmtime', secs, op: 'strftime', fmt: ALL_DIRECTIVES });
      }
      crossCheck(tz, requests);
    });
  });

  it('localtime() matches CPython either side of every hour of 2024 and of the 2037 table end in New York', () => {
    const requests: TimeRequest[] = [];
    // Hour by hour (transitions fall on whole hours) through 2024 and where the table ends
    // and the footer rule takes over (2037).
    for (const [from, hours] of [
      [1704067200, 366 * 24],
      [2140000000, 200 * 24],
    ] as const) {
      for (let h = 0; h < hours; h += 1) {
        const secs = from + h * 3600;
        requests.push({ conv: 'localtime', secs: secs - 1, op: 'struct' });
        requests.push({ conv: 'localtime', secs, op: 'struct' });
      }
    }
    crossCheck('America/New_York', requests);
  });

  it('localtime() and gmtime() match CPython at the edges: pre-epoch, 2038, far future, fractions', () => {
    const requests: TimeRequest[] = [];
    for (const secs of [
      0,
      -0.5,
      -1,
      -1.5,
      0.999,
      2147483647,
      2147483648,
      2147483648.5,
      -2147483648,
      -2147483649,
      -2208988800,
      -62135596800,
      -62135596801,
      253402300799,
      253402300800,
      4102444800,
      1e11,
      -1e11,
      1e12,
      -1e12,
      1e15,
      -1e15,
      2 ** 53 - 1,
      -(2 ** 53),
    ]) {
      for (const conv of ['localtime', 'gmtime'] as const) {
        requests.push({ conv, secs, op: 'struct' });
        requests.push({
          conv,
          secs,
          op: 'strftime',
          fmt: '%Y-%m-%d %H:%M:%S %z %Z %j %U %W %V %G',
        });
      }
    }
    for (const tz of ['America/New_York', 'Europe/London', 'Australia/Lord_Howe', 'UTC']) {
      crossCheck(tz, requests);
    }
  });

  it.each([
    ['unset', undefined],
    ['empty', ''],
    ['a lone colon', ':'],
    ['a colon prefix', ':America/New_York'],
    ['an absolute path', '/usr/share/zoneinfo/Asia/Tokyo'],
    ['a missing absolute path', '/nonexistent/zone'],
    ['two letters', 'ab'],
    ['a short quoted name', '<ab>3'],
    ['seconds in the offset', 'EST+5:30:20EDT'],
    ['Julian-day rules', 'XXX3YYY,J60/2,300/25'],
    ['zero-based day rules with negative times', 'XXX3YYY,0/-1,365/-2'],
    ['extreme rule hours', 'XXX3YYY,M2.5.6/-167,M12.5.6/167'],
    ['a bad month in the rule', 'EST5EDT,M13.1.0,M11.1.0'],
    ['a trailing comma', 'EST5EDT,'],
    ['a space before the offset', 'EST 5'],
    ['an out-of-range offset', 'XYZ25:61:61QQQ'],
  ])('localtime() resolves TZ like glibc when TZ is %s', (_label, tz) => {
    const requests: TimeRequest[] = [];
    for (const secs of instants(17, 40)) {
      requests.push({ conv: 'localtime', secs, op: 'struct' });
      requests.push({ conv: 'localtime', secs, op: 'strftime', fmt: '%Z %z %c %s' });
    }
    crossCheck(tz, requests);
  });

  it('localtime() and gmtime() raise what CPython raises for NaN, infinities and huge values', () => {
    const requests: TimeRequest[] = [];
    for (const secs of ['nan', 'inf', '-inf', 1e20, -1e20] as const) {
      requests.push({ conv: 'localtime', secs, op: 'struct' });
      requests.push({ conv: 'gmtime', secs, op: 'struct' });
    }
    crossCheck('America/New_York', requests);
  });

  it('localtime() follows process.env.TZ as it is at each call', () => {
    const request: TimeRequest = { conv: 'localtime', secs: 1700000000, op: 'struct' };
    for (const tz of ['America/New_York', 'Asia/Kolkata', 'Europe/London', 'America/New_York']) {
      process.env.TZ = tz;
      expect({ ok: structFields(localtime(1700000000)) }).toEqual(runCPython(tz, [request])[0]);
    }
  });

  it('localtime() raises OverflowError with the text of CPython OSError when the year overflows', () => {
    const requests: TimeRequest[] = [
      { conv: 'localtime', secs: 1e17, op: 'struct' },
      { conv: 'gmtime', secs: -1e17, op: 'struct' },
    ];
    const expected = runCPython('UTC', requests);
    const actual = runOurs('UTC', requests, impl);
    // CPython raises OSError here, which logweave has no class for (see docs/time.md).
    expect(expected.map((o) => ('error' in o ? o.error : o))).toEqual(['OSError', 'OSError']);
    expect(actual).toEqual(
      expected.map((o) => ({
        error: 'OverflowError',
        message: (o as { message: string }).message,
      })),
    );
  });
});

describe('localtime()', () => {
  it('returns one frozen struct for every call within the same second and zone', () => {
    process.env.TZ = 'America/New_York';
    const a = localtime(1700000000.1);
    const b = localtime(1700000000.9);
    expect(b).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
    expect(localtime(1700000001)).not.toBe(a);
  });

  it('uses the current time when called without seconds', () => {
    process.env.TZ = 'UTC';
    const before = Math.floor(Date.now() / 1000);
    const t = localtime();
    const after = Math.floor(Date.now() / 1000);
    const secs = Date.UTC(t.tm_year, t.tm_mon - 1, t.tm_mday, t.tm_hour, t.tm_min, t.tm_sec) / 1000;
    expect(secs).toBeGreaterThanOrEqual(before);
    expect(secs).toBeLessThanOrEqual(after);
  });

  it('throws typed errors for NaN and out-of-range seconds', () => {
    expect(() => localtime(Number.NaN)).toThrow(LoggingValueError);
    expect(() => localtime(Infinity)).toThrow(LoggingOverflowError);
    expect(() => gmtime(1e17)).toThrow(LoggingOverflowError);
  });
});

describe('gmtime()', () => {
  it('does not depend on TZ for ordinary zones', () => {
    process.env.TZ = 'Asia/Kolkata';
    const a = gmtime(1700000000);
    process.env.TZ = 'America/New_York';
    expect(gmtime(1700000000)).toEqual(a);
    expect([a.tm_zone, a.tm_gmtoff, a.tm_isdst]).toEqual(['GMT', 0, 0]);
  });
});
