/**
 * Proleptic Gregorian calendar arithmetic shared by the converters, the POSIX TZ rules and
 * `mktime`. Exact for every day count a double holds exactly.
 * @internal
 */

import { LoggingOverflowError } from '../errors.js';
import type { StructTime } from './struct-time.js';

/** Seconds in a day. */
export const SECS_PER_DAY = 86400;

/** C `int` bounds: glibc fails with EOVERFLOW when `tm_year` (year - 1900) leaves them. */
const INT_MAX = 2147483647;
const INT_MIN = -2147483648;

/** Whether `year` is a Gregorian leap year (C's `__isleap`, valid for negative years too). */
export function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

/** Days from 1970-01-01 to the given date (month 1–12; day may overflow the month). */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = month > 2 ? month - 3 : month + 9;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/**
 * Breaks `t + delta` (integer seconds since the epoch, `delta` the small local offset) into a
 * frozen `StructTime` carrying the given zone fields; `extraSec` is glibc's leap-second hit
 * count. `t` is split into days first so the result stays exact beyond 2^53 seconds.
 * Throws CPython's `OSError` text (as an OverflowError) when the year leaves C's `int` range.
 */
export function breakDown(
  t: number,
  delta: number,
  isdst: number,
  zone: string,
  gmtoff: number,
  extraSec = 0,
): StructTime {
  let days = Math.floor(t / SECS_PER_DAY);
  // days * 86400 is exact (days * 675 < 2^53), and so is the small difference.
  let rem = t - days * SECS_PER_DAY + delta;
  while (rem < 0) {
    days -= 1;
    rem += SECS_PER_DAY;
  }
  while (rem >= SECS_PER_DAY) {
    days += 1;
    rem -= SECS_PER_DAY;
  }
  // civil_from_days (H. Hinnant), on a March-based year.
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doyMar = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doyMar + 2) / 153);
  const mday = doyMar - Math.floor((153 * mp + 2) / 5) + 1;
  const mon = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (mon <= 2 ? 1 : 0);
  const tmYear = year - 1900;
  if (tmYear > INT_MAX || tmYear < INT_MIN) {
    throw new LoggingOverflowError('[Errno 75] Value too large for defined data type');
  }
  // Day of the year: March-based day count shifted to January.
  const yday = mon <= 2 ? doyMar - 306 : doyMar + 59 + (isLeap(year) ? 1 : 0);
  const hour = Math.floor(rem / 3600);
  rem -= hour * 3600;
  const min = Math.floor(rem / 60);
  const wday = (((days + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday (Python 3).
  return Object.freeze({
    tm_year: year,
    tm_mon: mon,
    tm_mday: mday,
    tm_hour: hour,
    tm_min: min,
    tm_sec: rem - min * 60 + extraSec,
    tm_wday: wday,
    tm_yday: yday + 1,
    tm_isdst: isdst,
    tm_zone: zone,
    tm_gmtoff: gmtoff,
  });
}
