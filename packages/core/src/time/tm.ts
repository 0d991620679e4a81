/**
 * C's `struct tm` as CPython's `timemodule.c` builds it from a `struct_time` (`gettmarg`) and
 * validates it for `strftime` (`checktm`), with CPython's error classes and messages.
 * @internal
 */

import { LoggingOverflowError, LoggingTypeError, LoggingValueError } from '../errors.js';
import type { StructTime } from './struct-time.js';

/** C's `struct tm` fields (C numbering: months and year days from 0, Sunday = 0). */
export interface Tm {
  /** Years since 1900. */
  year: number;
  /** Month, 0–11. */
  mon: number;
  mday: number;
  hour: number;
  min: number;
  sec: number;
  /** Day of the week, 0 = Sunday. */
  wday: number;
  /** Day of the year, 0–365. */
  yday: number;
  isdst: number;
  /** `tm_zone`, or null for Python's `None` (an empty string is treated the same way). */
  zone: string | null;
  gmtoff: number;
}

const INT_MIN = -2147483648;

/** PyArg's `i` converter: a Python int that fits C's `int`. */
function cInt(v: unknown): number {
  if (typeof v === 'number' && (v | 0) === v) return v;
  if (typeof v === 'number' && Number.isInteger(v)) {
    throw new LoggingOverflowError(
      v > 0 ? 'signed integer is greater than maximum' : 'signed integer is less than minimum',
    );
  }
  if (typeof v === 'boolean') return v ? 1 : 0;
  const type = typeof v === 'number' ? 'float' : typeof v === 'string' ? 'str' : typeof v;
  throw new LoggingTypeError(`'${type}' object cannot be interpreted as an integer`);
}

/** CPython's `gettmarg`: a `StructTime` as C's `struct tm`. */
export function gettmarg(t: StructTime): Tm {
  const y = cInt(t.tm_year);
  const mon = cInt(t.tm_mon);
  const mday = cInt(t.tm_mday);
  const hour = cInt(t.tm_hour);
  const min = cInt(t.tm_min);
  const sec = cInt(t.tm_sec);
  const wday = cInt(t.tm_wday);
  const yday = cInt(t.tm_yday);
  const isdst = cInt(t.tm_isdst);
  if (y < INT_MIN + 1900) throw new LoggingOverflowError('year out of range');
  const zone = t.tm_zone;
  const gmtoff = t.tm_gmtoff;
  return {
    year: y - 1900,
    mon: mon - 1,
    mday,
    hour,
    min,
    sec,
    wday: (wday + 1) % 7, // C's %: stays negative for negative input
    yday: yday - 1,
    isdst,
    zone: typeof zone === 'string' && zone !== '' ? zone : null,
    gmtoff: typeof gmtoff === 'number' && Number.isFinite(gmtoff) ? Math.trunc(gmtoff) : 0,
  };
}

/**
 * CPython's `checktm` plus `time.strftime`'s `tm_isdst` clamp: rejects out-of-range fields
 * with CPython's `ValueError` messages, and maps Python's 0 month/day/year-day to the lowest
 * valid value. Mutates and returns `tm`.
 */
export function checktm(tm: Tm): Tm {
  if (tm.mon === -1) tm.mon = 0;
  else if (tm.mon < 0 || tm.mon > 11) throw new LoggingValueError('month out of range');
  if (tm.mday === 0) tm.mday = 1;
  else if (tm.mday < 0 || tm.mday > 31) throw new LoggingValueError('day of month out of range');
  if (tm.hour < 0 || tm.hour > 23) throw new LoggingValueError('hour out of range');
  if (tm.min < 0 || tm.min > 59) throw new LoggingValueError('minute out of range');
  if (tm.sec < 0 || tm.sec > 61) throw new LoggingValueError('seconds out of range');
  if (tm.wday < 0) throw new LoggingValueError('day of week out of range');
  if (tm.yday === -1) tm.yday = 0;
  else if (tm.yday < 0 || tm.yday > 365) throw new LoggingValueError('day of year out of range');
  if (tm.isdst < -1) tm.isdst = -1;
  else if (tm.isdst > 1) tm.isdst = 1;
  return tm;
}
