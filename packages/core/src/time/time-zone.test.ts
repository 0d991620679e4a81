import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prng } from './test-support/cpython-time.js';
import { loadZone } from './time-zone.js';

const NO_TZDATA = '/nonexistent/zoneinfo';
const hasTzdata = existsSync('/usr/share/zoneinfo/America/New_York');

/** Seeded instants 1990..2030. */
function instants(seed: number, n: number): number[] {
  const rnd = prng(seed);
  return Array.from({ length: n }, () => Math.floor(631152000 + rnd() * 40 * 365.2425 * 86400));
}

describe.skipIf(!hasTzdata)('loadZone() without a tzdata directory', () => {
  it.each(['America/New_York', 'Asia/Kolkata', 'Europe/London', 'Australia/Lord_Howe'])(
    'takes %s from the engine (Intl), agreeing with the TZif file on offset and DST',
    (tz) => {
      const fromIntl = loadZone(tz, NO_TZDATA);
      const fromFile = loadZone(tz);
      for (const t of instants(tz.length, 200)) {
        const a = fromIntl.info(t);
        const b = fromFile.info(t);
        expect([t, a.offset, a.isdst]).toEqual([t, b.offset, b.isdst]);
      }
    },
  );

  it('keeps the TZif abbreviations where the engine has the same ones (New York)', () => {
    const fromIntl = loadZone('America/New_York', NO_TZDATA);
    const fromFile = loadZone('America/New_York');
    for (const t of instants(3, 50)) expect(fromIntl.info(t).abbr).toBe(fromFile.info(t).abbr);
  });

  it('still evaluates POSIX TZ strings with glibc rules', () => {
    const tz = 'XXX3YYY,M3.2.0,M11.1.0';
    const a = loadZone(tz, NO_TZDATA);
    const b = loadZone(tz);
    for (const t of instants(5, 50)) expect(a.info(t)).toEqual(b.info(t));
  });

  it('follows the engine default zone when TZ is unset', () => {
    const zone = loadZone(undefined, NO_TZDATA);
    for (const t of instants(9, 50)) {
      expect(zone.info(t).offset).toBe(0 - new Date(t * 1000).getTimezoneOffset() * 60 || 0);
    }
  });
});
