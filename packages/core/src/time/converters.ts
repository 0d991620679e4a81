/**
 * Python's `time.localtime` and `time.gmtime`, the two converters a `Formatter` uses to turn
 * `record.created` into a `StructTime`. Seconds are floored to an integer first (CPython's
 * `_PyTime_ROUND_FLOOR`), so `-0.5` is 23:59:59 on 1969-12-31.
 */

import { LoggingOverflowError, LoggingTypeError, LoggingValueError } from '../errors.js';
import { breakDown } from './civil.js';
import type { StructTime } from './struct-time.js';
import { currentZone, type TimeZone } from './time-zone.js';

/** A function from epoch seconds to broken-down time: `Formatter.converter`. */
export type Converter = (secs: number) => StructTime;

const TIME_T_LIMIT = 2 ** 63;

/**
 * CPython's `_PyTime_ObjectToTime_t(secs, ROUND_FLOOR)`: the integer second, or CPython's
 * errors (`ValueError` for NaN, `OverflowError` beyond a 64-bit `time_t`).
 */
function toTimeT(secs: unknown): number {
  if (typeof secs === 'number') {
    if (Number.isNaN(secs)) throw new LoggingValueError('Invalid value NaN (not a number)');
    const t = Math.floor(secs);
    if (t >= -TIME_T_LIMIT && t < TIME_T_LIMIT) return t;
    throw new LoggingOverflowError('timestamp out of range for platform time_t');
  }
  if (secs === undefined || secs === null) return Math.floor(Date.now() / 1000);
  if (typeof secs === 'bigint') {
    if (secs >= -(1n << 63n) && secs < 1n << 63n) return Number(secs);
    throw new LoggingOverflowError('timestamp out of range for platform time_t');
  }
  if (typeof secs === 'boolean') return secs ? 1 : 0; // Python's bool is an int.
  const type = typeof secs === 'string' ? 'str' : typeof secs;
  throw new LoggingTypeError(`'${type}' object cannot be interpreted as an integer`);
}

let localZone: TimeZone | null = null;
let localSecs = Number.NaN;
let localResult: StructTime | null = null;

/**
 * Python's `time.localtime(secs)`: broken-down local time in the zone `process.env.TZ`
 * names at call time (see docs/time.md for how `TZ` is resolved). Omitted, `null` or
 * `undefined` means now. The result is frozen and reused within the same second and zone.
 *
 * Throws `LoggingValueError` for NaN and `LoggingOverflowError` for instants outside
 * `time_t`, or whose year does not fit C's `int` (CPython raises `OSError` for the latter).
 */
export function localtime(secs?: number | null): StructTime {
  const t = toTimeT(secs);
  const zone = currentZone();
  if (t === localSecs && zone === localZone && localResult !== null) return localResult;
  const info = zone.info(t);
  const [correction, hit] = zone.leap(t);
  const result = breakDown(t, info.offset - correction, info.isdst, info.abbr, info.offset, hit);
  localZone = zone;
  localSecs = t;
  localResult = result;
  return result;
}

let gmZone: TimeZone | null = null;
let gmSecs = Number.NaN;
let gmResult: StructTime | null = null;

/**
 * Python's `time.gmtime(secs)`: broken-down UTC, with glibc's `tm_zone` of `'GMT'`,
 * `tm_gmtoff` 0 and `tm_isdst` 0. Omitted, `null` or `undefined` means now. Only leap-second
 * zones (`TZ=right/...`) make the result depend on `TZ`, as in glibc.
 */
export function gmtime(secs?: number | null): StructTime {
  const t = toTimeT(secs);
  const zone = currentZone();
  if (t === gmSecs && zone === gmZone && gmResult !== null) return gmResult;
  const [correction, hit] = zone.leap(t);
  const result = breakDown(t, -correction, 0, 'GMT', 0, hit);
  gmZone = zone;
  gmSecs = t;
  gmResult = result;
  return result;
}
