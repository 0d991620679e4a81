/**
 * Python's `time.mktime`: local broken-down time back to epoch seconds, using glibc's
 * `mktime` search (so ambiguous and skipped wall-clock times resolve as on Linux, guided by
 * `tm_isdst`). Also behind `strftime`'s `%s`.
 */

import { LoggingOverflowError } from '../errors.js';
import { daysFromCivil, isLeap, SECS_PER_DAY } from './civil.js';
import type { StructTime } from './struct-time.js';
import { currentZone } from './time-zone.js';
import { gettmarg, type Tm } from './tm.js';

const MON_YDAY = [
  [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
  [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
] as const;

// Local-seconds range whose year fits C's int tm_year (beyond it glibc's conversion fails).
const FIRST_DAY = daysFromCivil(-2147481748, 1, 1);
const LAST_DAY = daysFromCivil(2147485548, 1, 1) - 1;
const LOCAL_MIN = FIRST_DAY * SECS_PER_DAY;
const LOCAL_MAX = (LAST_DAY + 1) * SECS_PER_DAY - 1;
const TIME_T_LIMIT = 2 ** 63;

/** glibc's static `localtime_offset`: the previous result's `t - local seconds`. */
let offsetGuess = 0;

function isdstDiffer(a: number, b: number): boolean {
  return !a !== !b && a >= 0 && b >= 0;
}

/**
 * glibc's `__mktime_internal` on C fields, in the current zone; null where glibc returns -1
 * with an error. Leap seconds of `right/` zones are not taken into account.
 * @internal
 */
export function mktimeTm(tm: Tm): number | null {
  const zone = currentZone();
  const monRem = tm.mon % 12;
  const negRem = monRem < 0 ? 1 : 0;
  const year = tm.year + Math.trunc(tm.mon / 12) - negRem;
  const leap = isLeap(year + 1900) ? 1 : 0;
  const yday = MON_YDAY[leap][monRem + 12 * negRem]! - 1 + tm.mday;
  const secRequested = tm.sec;
  const sec = Math.min(Math.max(tm.sec, 0), 59);
  const local =
    (daysFromCivil(year + 1900, 1, 1) + yday) * SECS_PER_DAY + tm.hour * 3600 + tm.min * 60 + sec;
  // A wall time outside the years C's int tm_year holds cannot come back from localtime.
  // (Checked on days: the seconds are not exact out there.)
  const day =
    daysFromCivil(year + 1900, 1, 1) +
    yday +
    Math.floor((tm.hour * 3600 + tm.min * 60 + secRequested) / SECS_PER_DAY);
  if (day < FIRST_DAY || day > LAST_DAY) return null;
  const isdst = tm.isdst;
  // glibc's localtime as the search sees it: local seconds (leap seconds included), the DST
  // flag and tm_sec; null where the conversion would fail.
  let probeDst = 0;
  let probeSec = 0;
  const convert = (t: number): number | null => {
    if (!(t >= -TIME_T_LIMIT && t < TIME_T_LIMIT)) return null;
    const info = zone.info(t);
    const [correction, hit] = zone.leap(t);
    const l = t + info.offset - correction;
    if (l < LOCAL_MIN || l > LOCAL_MAX) return null;
    probeDst = info.isdst;
    probeSec = l - Math.floor(l / 60) * 60 + hit;
    return l + hit;
  };

  const t0 = local + offsetGuess;
  let t = t0;
  let t1 = t0;
  let t2 = t0;
  let dst2 = 0;
  let probes = 6;
  let found = false;
  for (;;) {
    const l = convert(t);
    if (l === null) return null;
    const dt = local - l;
    if (dt === 0) break;
    if (
      t === t1 &&
      t !== t2 &&
      (isdst < 0 ? dst2 <= probeDst : (isdst !== 0) !== (probeDst !== 0))
    ) {
      // Oscillating around a spring-forward gap: glibc settles here.
      found = true;
      break;
    }
    if (--probes === 0) return null;
    t1 = t2;
    t2 = t;
    t += dt;
    dst2 = probeDst;
  }

  if (!found && isdstDiffer(isdst, probeDst)) {
    // The wall time exists but with the other DST flag: use the offset of the nearest time
    // that has the requested flag, else assume a one-hour DST difference.
    const dstDifference = (isdst === 0 ? 1 : 0) - (probeDst === 0 ? 1 : 0);
    const stride = 601200;
    const bound = Math.trunc(457243209 / 2) + stride;
    search: for (let delta = stride; delta < bound; delta += stride) {
      for (let direction = -1; direction <= 1; direction += 2) {
        const ot = t + delta * direction;
        const ol = convert(ot);
        if (ol === null) return null;
        if (!isdstDiffer(isdst, probeDst)) {
          const gt = ot + (local - ol);
          if (convert(gt) !== null) {
            t = gt;
            found = true;
            break search;
          }
        }
      }
    }
    if (!found) {
      t += 3600 * dstDifference;
      if (convert(t) === null) return null;
    }
  }

  offsetGuess = t - local;
  if (secRequested !== probeSec) {
    // Put back the requested seconds (and repair a false match on a leap second).
    t += (sec === 0 && probeSec === 60 ? 1 : 0) - sec + secRequested;
    if (convert(t) === null) return null;
  }
  return t;
}

/**
 * Python's `time.mktime(t)`: the epoch seconds of local broken-down time `t` in the zone
 * `process.env.TZ` names. Out-of-range fields are normalised (month 13 is next January);
 * `tm_wday`, `tm_yday`, `tm_zone` and `tm_gmtoff` are ignored; `tm_isdst` (-1, 0, 1) picks
 * between repeated wall-clock times. Throws `LoggingOverflowError('mktime argument out of
 * range')` where CPython does.
 */
export function mktime(t: StructTime): number {
  const r = mktimeTm(gettmarg(t));
  if (r === null) throw new LoggingOverflowError('mktime argument out of range');
  return r;
}
