/**
 * POSIX TZ strings (`EST5EDT,M3.2.0,M11.1.0`, `<+0530>-5:30`, `IST-1GMT0,M10.5.0,M3.5.0/1`),
 * parsed and evaluated the way glibc's `tzset.c` does: the same lenient parser (names of 3+
 * letters or `<quoted>`, `hh[:mm[:ss]]` offsets, `Jn`/`n`/`Mm.w.d` rules with `/time`),
 * the same defaults (DST one hour ahead, US rules when DST has no rule) and the same change
 * computation, including its quirks: the rule year is the UTC year of the instant, and years
 * up to 1970 compute their change dates from 1970-01-01.
 */

import { daysFromCivil, isLeap, SECS_PER_DAY } from './civil.js';

/** One half of a POSIX TZ: glibc's `tz_rule` (index 0 = standard time, 1 = DST). */
export interface TzRule {
  /** The abbreviation ("" when none could be parsed). */
  name: string;
  /** How `d` (and `m`, `n`) name the day of the change. */
  type: 'J0' | 'J1' | 'M';
  /** Month (1–12) of an `M` rule. */
  m: number;
  /** Week (1–5, 5 = last) of an `M` rule. */
  n: number;
  /** Weekday (0 = Sunday) of an `M` rule, or the day number of a `J`/`n` rule. */
  d: number;
  /** Local time of day of the change, in seconds (may be negative or beyond a day). */
  secs: number;
  /** Offset from UTC in seconds, east positive. */
  offset: number;
}

/** A parsed POSIX TZ string. */
export interface PosixTz {
  /** `[standard, daylight]`; `rules[0]` holds the DST start date, `rules[1]` the end date. */
  readonly rules: readonly [TzRule, TzRule];
  /**
   * True when the string names a DST zone but gives no rule (`CET-1CEST`): glibc then takes
   * the transition dates from the `posixrules` file if it can, and US rules otherwise.
   */
  readonly wantsDefaultRules: boolean;
}

/** The local time type a zone gives an instant. */
export interface ZoneInfo {
  /** Offset from UTC in seconds, east positive. */
  readonly offset: number;
  /** 1 during daylight saving time. */
  readonly isdst: 0 | 1;
  /** The abbreviation. */
  readonly abbr: string;
}

function emptyRule(): TzRule {
  return { name: '', type: 'J0', m: 0, n: 0, d: 0, secs: 0, offset: 0 };
}

/**
 * Parses a POSIX TZ string as glibc's `__tzset_parse_tz`. It never fails: what cannot be
 * parsed leaves glibc's defaults (an unnamed UTC, or partial rules), exactly as glibc does.
 */
export function parsePosixTz(tz: string): PosixTz {
  const rules: [TzRule, TzRule] = [emptyRule(), emptyRule()];
  const p = { s: tz, i: 0 };
  let wantsDefaultRules = false;
  if (parseName(p, rules[0]) && parseOffset(p, rules, 0)) {
    if (p.i < tz.length) {
      if (parseName(p, rules[1])) {
        parseOffset(p, rules, 1);
        const rest = tz.slice(p.i);
        if (rest === '' || rest === ',') wantsDefaultRules = true;
      }
      if (parseRule(p, rules, 0)) parseRule(p, rules, 1);
    } else {
      rules[1].name = rules[0].name;
      rules[1].offset = rules[0].offset;
    }
  }
  return { rules, wantsDefaultRules };
}

interface Cursor {
  s: string;
  i: number;
}

function isAlpha(c: string | undefined): boolean {
  return c !== undefined && ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
}

function isDigit(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}

function parseName(p: Cursor, rule: TzRule): boolean {
  const { s } = p;
  let i = p.i;
  while (isAlpha(s[i])) i++;
  let start = p.i;
  let end = i;
  if (end - start < 3) {
    i = p.i;
    if (s[i++] !== '<') return false;
    start = i;
    while (isAlpha(s[i]) || isDigit(s[i]) || s[i] === '+' || s[i] === '-') i++;
    end = i;
    if (s[i++] !== '>' || end - start < 3) return false;
  }
  rule.name = s.slice(start, end);
  p.i = i;
  return true;
}

/**
 * C's `sscanf("%hu")` at `i`: optional white space and sign, then digits; the value wrapped
 * to `unsigned short` like strtoul's result. Returns [value, end] or null.
 */
function scanHu(s: string, i: number): [number, number] | null {
  while (s[i] === ' ' || (s[i] !== undefined && s[i]! >= '\t' && s[i]! <= '\r')) i++;
  let neg = false;
  if (s[i] === '+' || s[i] === '-') neg = s[i++] === '-';
  const start = i;
  while (isDigit(s[i])) i++;
  if (i === start) return null;
  let v = BigInt(s.slice(start, i));
  const ULONG_MAX = (1n << 64n) - 1n;
  if (v > ULONG_MAX) v = ULONG_MAX;
  else if (neg) v = (ULONG_MAX + 1n - v) & ULONG_MAX;
  return [Number(v & 0xffffn), i];
}

/** `sscanf(s, "%hu%n:%hu%n:%hu%n")`: up to three fields and the length consumed. */
function scanHms(s: string, i: number): { vals: number[]; consumed: number } {
  const vals: number[] = [];
  let consumed = 0;
  let pos = i;
  for (let k = 0; k < 3; k++) {
    if (k > 0) {
      if (s[pos] !== ':') break;
      pos++;
    }
    const r = scanHu(s, pos);
    if (r === null) break;
    vals.push(r[0]);
    pos = r[1];
    consumed = pos - i;
  }
  return { vals, consumed };
}

function parseOffset(p: Cursor, rules: [TzRule, TzRule], which: 0 | 1): boolean {
  const { s } = p;
  let i = p.i;
  const c = s[i];
  if (which === 0 && (c === undefined || (c !== '+' && c !== '-' && !isDigit(c)))) return false;
  let sign = -1;
  if (c === '-' || c === '+') {
    sign = c === '-' ? 1 : -1;
    i++;
  }
  p.i = i;
  const { vals, consumed } = scanHms(s, i);
  if (vals.length > 0) {
    const hh = Math.min(vals[0]!, 24);
    const mm = Math.min(vals[1] ?? 0, 59);
    const ss = Math.min(vals[2] ?? 0, 59);
    rules[which].offset = 0 + sign * (ss + mm * 60 + hh * 3600); // never -0
  } else if (which === 0) {
    rules[0].offset = 0;
    return false;
  } else {
    rules[1].offset = rules[0].offset + 3600;
  }
  p.i = i + consumed;
  return true;
}

function parseRule(p: Cursor, rules: [TzRule, TzRule], which: 0 | 1): boolean {
  const { s } = p;
  const r = rules[which];
  let i = p.i;
  if (s[i] === ',') i++;
  const c = s[i];
  if (c === 'J' || isDigit(c)) {
    r.type = c === 'J' ? 'J1' : 'J0';
    if (r.type === 'J1' && !isDigit(s[++i])) return false;
    const start = i;
    while (isDigit(s[i])) i++;
    const d = Number(s.slice(start, i));
    if (d > 365) return false;
    if (r.type === 'J1' && d === 0) return false;
    r.d = d;
  } else if (c === 'M') {
    r.type = 'M';
    let pos = i + 1;
    const fields: number[] = [];
    for (let k = 0; k < 3; k++) {
      if (k > 0) {
        if (s[pos] !== '.') break;
        pos++;
      }
      const v = scanHu(s, pos);
      if (v === null) break;
      fields.push(v[0]);
      pos = v[1];
    }
    if (fields[0] !== undefined) r.m = fields[0];
    if (fields[1] !== undefined) r.n = fields[1];
    if (fields[2] !== undefined) r.d = fields[2];
    if (fields.length !== 3 || r.m < 1 || r.m > 12 || r.n < 1 || r.n > 5 || r.d > 6) {
      return false;
    }
    i = pos;
  } else if (c === undefined) {
    r.type = 'M';
    if (which === 0) {
      r.m = 3;
      r.n = 2;
      r.d = 0;
    } else {
      r.m = 11;
      r.n = 1;
      r.d = 0;
    }
  } else {
    return false;
  }
  const t = s[i];
  if (t !== undefined && t !== '/' && t !== ',') return false;
  if (t === '/') {
    i++;
    if (i >= s.length) return false;
    const negative = s[i] === '-';
    if (negative) i++;
    const { vals, consumed } = scanHms(s, i);
    const hh = vals[0] ?? 2;
    const mm = vals[1] ?? 0;
    const ss = vals[2] ?? 0;
    i += consumed;
    r.secs = (negative ? -1 : 1) * (hh * 3600 + mm * 60 + ss);
  } else {
    r.secs = 7200;
  }
  p.i = i;
  return true;
}

// Days before each month (0-based index), normal and leap years (glibc's __mon_yday).
const MON_YDAY = [
  [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334, 365],
  [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335, 366],
] as const;

/** glibc's `compute_change`: the instant `rule` takes effect in `year`. */
export function computeChange(rule: TzRule, year: number): number {
  // glibc sums the days in C int arithmetic (wrapping for absurd years) before widening.
  let t = 0;
  if (year > 1970) {
    let days = Math.imul(year - 1970, 365);
    days = (days + (Math.trunc((year - 1) / 4) - 492)) | 0;
    days = (days - (Math.trunc((year - 1) / 100) - 19)) | 0;
    days = (days + (Math.trunc((year - 1) / 400) - 4)) | 0;
    t = days * SECS_PER_DAY;
  }
  const leap = isLeap(year) ? 1 : 0;
  switch (rule.type) {
    case 'J1':
      t += (rule.d - 1) * SECS_PER_DAY;
      if (rule.d >= 60 && leap) t += SECS_PER_DAY;
      break;
    case 'J0':
      t += rule.d * SECS_PER_DAY;
      break;
    case 'M': {
      const table = MON_YDAY[leap];
      const before = table[rule.m - 1]!;
      const monthLen = table[rule.m]! - before;
      t += before * SECS_PER_DAY;
      // Zeller's congruence, in C's truncating arithmetic, for the month's first weekday.
      const m1 = ((rule.m + 9) % 12) + 1;
      const yy0 = rule.m <= 2 ? year - 1 : year;
      const yy1 = Math.trunc(yy0 / 100);
      const yy2 = yy0 % 100;
      let dow =
        (Math.trunc((26 * m1 - 2) / 10) +
          1 +
          yy2 +
          Math.trunc(yy2 / 4) +
          Math.trunc(yy1 / 4) -
          2 * yy1) %
        7;
      if (dow < 0) dow += 7;
      let d = rule.d - dow;
      if (d < 0) d += 7;
      for (let i = 1; i < rule.n; i++) {
        if (d + 7 >= monthLen) break;
        d += 7;
      }
      t += d * SECS_PER_DAY;
      break;
    }
  }
  return t - rule.offset + rule.secs;
}

/** The UTC calendar year of an instant (integer seconds). */
export function utcYear(t: number): number {
  const days = Math.floor(t / SECS_PER_DAY);
  // Estimate, then correct with exact day counts.
  let y = Math.floor(days / 365.2425) + 1970;
  while (daysFromCivil(y, 1, 1) > days) y--;
  while (daysFromCivil(y + 1, 1, 1) <= days) y++;
  return y;
}

/**
 * Evaluates a POSIX TZ at instant `t` (integer seconds), as glibc's `__tz_compute`: the change
 * instants are computed for the UTC year of `t`, with the southern-hemisphere test when the
 * DST start falls after its end.
 */
export class PosixTzEvaluator {
  private year = Number.NaN;
  private change0 = 0;
  private change1 = 0;
  private readonly infos: readonly [ZoneInfo, ZoneInfo];

  constructor(readonly tz: PosixTz) {
    const [std, dst] = tz.rules;
    this.infos = [
      { offset: std.offset, isdst: 0, abbr: std.name },
      { offset: dst.offset, isdst: 1, abbr: dst.name },
    ];
  }

  /** The local time type at `t`. */
  info(t: number): ZoneInfo {
    const year = utcYear(t);
    if (year !== this.year) {
      this.year = year;
      this.change0 = computeChange(this.tz.rules[0], year);
      this.change1 = computeChange(this.tz.rules[1], year);
    }
    const c0 = this.change0;
    const c1 = this.change1;
    const isdst = c0 > c1 ? t < c1 || t >= c0 : t >= c0 && t < c1;
    return this.infos[isdst ? 1 : 0];
  }
}
