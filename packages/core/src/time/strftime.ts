/**
 * Python's `time.strftime(format, t)` as CPython 3.11 runs it on Linux: glibc's `wcsftime` in
 * the C locale, after CPython's own argument checks. Every glibc conversion is supported
 * (`%a %A %b %B %c %C %d %D %e %F %g %G %h %H %I %j %k %l %m %M %n %p %P %r %R %s %S %t %T %u
 * %U %V %w %W %x %X %y %Y %z %Z %%`), with glibc's flags (`_ - 0 ^ #`), field widths and
 * `E`/`O` modifiers; unknown conversions are copied through as glibc does, a trailing `%`
 * included. Formats compile once into steps (cached by format string).
 */

import { LoggingTypeError, LoggingValueError } from '../errors.js';
import { localtime } from './converters.js';
import { mktimeTm } from './mktime.js';
import type { StructTime } from './struct-time.js';
import { currentZone } from './time-zone.js';
import { checktm, gettmarg, type Tm } from './tm.js';

const DAY_ABBR = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const DAY_NAME = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MON_ABBR = [
  'Jan',
  'Feb',
  'Mar',
  'Apr',
  'May',
  'Jun',
  'Jul',
  'Aug',
  'Sep',
  'Oct',
  'Nov',
  'Dec',
];
const MON_NAME = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

// Pad flags (glibc's `pad`): 0 = none.
const PAD_NONE = 0;
const PAD_UNDERSCORE = 0x5f;
const PAD_DASH = 0x2d;
const PAD_ZERO = 0x30;
const INT_MAX = 2147483647;
const BAD = -1;

/** One `%` conversion, with its flags resolved at compile time. */
interface Directive {
  /** The conversion character's code, or BAD for text glibc copies through. */
  readonly conv: number;
  readonly pad: number;
  /** Field width, -1 when none was given. */
  readonly width: number;
  /** `^`: upper-case the output. */
  readonly upper: boolean;
  /** `#`: swap case (upper for names, lower for `%p`/`%Z`). */
  readonly changeCase: boolean;
  /** The copied-through text of an unknown conversion. */
  readonly text: string;
  /** The compiled sub-format of `%c %D %F %r %R %T %x %X`. */
  readonly sub: Step[] | null;
  /** No flags and no width: numbers take the fast path. */
  readonly plain: boolean;
}

type Step = string | Directive;

interface Compiled {
  readonly steps: Step[];
  /** Longest result CPython accepts (its buffer grows to 256 × the format length). */
  readonly limit: number;
  /** Whether the output can depend on `TZ` beyond the struct (`%s`, or `%Z` without a zone). */
  readonly hasS: boolean;
  readonly hasZ: boolean;
  lastT: StructTime | null;
  lastOut: string;
}

const SUBFORMATS: Record<string, string> = {
  c: '%a %b %e %H:%M:%S %Y',
  D: '%m/%d/%y',
  F: '%Y-%m-%d',
  r: '%I:%M:%S %p',
  R: '%H:%M',
  T: '%H:%M:%S',
  x: '%m/%d/%y',
  X: '%H:%M:%S',
};
const compiledSubformats = new Map<string, Step[]>();

/** Whether glibc 2.36 accepts conversion `c` with modifier `mod` ('E', 'O' or ''). */
function accepts(c: string, mod: string): boolean {
  switch (c) {
    case '%':
    case 'C':
    case 'n':
    case 't':
    case 'p':
    case 'P':
    case 'r':
    case 'R':
    case 's':
    case 'T':
    case 'u':
    case 'y':
    case 'z':
    case 'Z':
      return true;
    case 'a':
    case 'A':
    case 'D':
    case 'F':
      return mod === '';
    case 'c':
    case 'x':
    case 'X':
    case 'Y':
      return mod !== 'O';
    case 'b':
    case 'h':
    case 'B':
    case 'd':
    case 'e':
    case 'g':
    case 'G':
    case 'H':
    case 'I':
    case 'j':
    case 'k':
    case 'l':
    case 'm':
    case 'M':
    case 'S':
    case 'U':
    case 'V':
    case 'w':
    case 'W':
      return mod !== 'E';
    default:
      return false;
  }
}

function isDigitCode(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Compiles a format into literal and conversion steps, as glibc's scanner reads it. */
function compileSteps(format: string, flags: { hasS: boolean; hasZ: boolean }): Step[] {
  const steps: Step[] = [];
  let literal = '';
  const n = format.length;
  let i = 0;
  while (i < n) {
    const ch = format.charCodeAt(i);
    if (ch !== 0x25) {
      literal += format[i];
      i++;
      continue;
    }
    const start = i;
    let pad = PAD_NONE;
    let upper = false;
    let changeCase = false;
    for (;;) {
      const f = format.charCodeAt(++i);
      if (f === PAD_UNDERSCORE || f === PAD_DASH || f === PAD_ZERO) pad = f;
      else if (f === 0x5e) upper = true;
      else if (f === 0x23) changeCase = true;
      else break;
    }
    let width = -1;
    if (isDigitCode(format.charCodeAt(i))) {
      width = 0;
      do {
        const d = format.charCodeAt(i) - 0x30;
        width =
          width > INT_MAX / 10 || (width === Math.trunc(INT_MAX / 10) && d > INT_MAX % 10)
            ? INT_MAX
            : width * 10 + d;
        i++;
      } while (isDigitCode(format.charCodeAt(i)));
    }
    let mod = '';
    const m = format[i];
    if (m === 'E' || m === 'O') {
      mod = m;
      i++;
    }
    let conv: number;
    let text = '';
    let sub: Step[] | null = null;
    if (i >= n) {
      // '%' (plus flags) at the end: glibc copies what it read.
      conv = BAD;
      text = format.slice(start, n);
    } else {
      const c = format[i]!;
      if (accepts(c, mod)) {
        conv = c.charCodeAt(0);
        const subfmt = SUBFORMATS[c];
        if (subfmt !== undefined) sub = subformatSteps(subfmt);
        if (c === 's') flags.hasS = true;
        if (c === 'Z') flags.hasZ = true;
      } else {
        conv = BAD;
        // glibc applies '#' to %b/%h before rejecting %Eb, so the copied text is upper-cased.
        if ((c === 'b' || c === 'h') && changeCase) upper = true;
        // A surrogate pair is one wide character: copy it whole.
        const hi = format.charCodeAt(i);
        const end = hi >= 0xd800 && hi <= 0xdbff && isLowSurrogate(format.charCodeAt(i + 1));
        text = format.slice(start, end ? i + 2 : i + 1);
        if (end) i++;
      }
      i++;
    }
    if (literal !== '') {
      steps.push(literal);
      literal = '';
    }
    const plain = pad === PAD_NONE && width === -1 && !upper && !changeCase;
    steps.push({ conv, pad, width, upper, changeCase, text, sub, plain });
  }
  if (literal !== '') steps.push(literal);
  return steps;
}

function isLowSurrogate(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function subformatSteps(subfmt: string): Step[] {
  let steps = compiledSubformats.get(subfmt);
  if (steps === undefined) {
    steps = compileSteps(subfmt, { hasS: false, hasZ: false });
    compiledSubformats.set(subfmt, steps);
  }
  return steps;
}

function codePointLength(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && isLowSurrogate(s.charCodeAt(i + 1))) {
      n--;
      i++;
    }
  }
  return n;
}

function compile(format: string): Compiled {
  if (format.includes('\0')) throw new LoggingValueError('embedded null character');
  const flags = { hasS: false, hasZ: false };
  const steps = compileSteps(format, flags);
  // CPython retries with buffers of 1024, 2048, … characters until one reaches 256 × the
  // format length; a longer result (and the terminating NUL) gives ''.
  const want = 256 * codePointLength(format);
  let size = 1024;
  while (size < want) size *= 2;
  return { steps, limit: size - 1, hasS: flags.hasS, hasZ: flags.hasZ, lastT: null, lastOut: '' };
}

const CACHE_MAX = 256;
const cache = new Map<string, Compiled>();

function compiled(format: string): Compiled {
  let c = cache.get(format);
  if (c === undefined) {
    c = compile(format);
    if (cache.size >= CACHE_MAX) cache.clear();
    cache.set(format, c);
  }
  return c;
}

/** Thrown inside a run when the result cannot fit CPython's largest buffer. */
class TooLong {}
const TOO_LONG = new TooLong();

function repeat(ch: string, n: number, limit: number): string {
  if (n > limit) throw TOO_LONG;
  return ch.repeat(n);
}

/** glibc's `add`: left-pads `s` (of `len` characters) to `width`, with zeros for the 0 flag. */
function padded(s: string, len: number, width: number, pad: number, limit: number): string {
  const delta = width - len;
  return delta > 0 ? repeat(pad === PAD_ZERO ? '0' : ' ', delta, limit) + s : s;
}

function asciiUpper(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x61 && c <= 0x7a ? String.fromCharCode(c - 32) : s[i];
  }
  return out;
}

function asciiLower(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 0x41 && c <= 0x5a ? String.fromCharCode(c + 32) : s[i];
  }
  return out;
}

/** glibc's `cpy`: case conversion, then `add`. */
function text(s: string, d: Directive, lower: boolean, upper: boolean, limit: number): string {
  const t = lower ? asciiLower(s) : upper ? asciiUpper(s) : s;
  return padded(t, codePointLength(t), d.width, d.pad, limit);
}

/** glibc's `do_number` (and `do_number_spacepad`): `value` with at least `min` digits. */
function num(value: number, min: number, d: Directive, limit: number, spacePad = false): string {
  if (d.plain && value >= 0 && !spacePad && min <= 3) {
    if (min === 1 || value >= 100) return `${value}`;
    if (value >= 10) return min === 2 ? `${value}` : `0${value}`;
    return min === 2 ? `0${value}` : `00${value}`;
  }
  let width = d.width;
  let pad = d.pad;
  if (spacePad && pad !== PAD_ZERO && pad !== PAD_DASH) pad = PAD_UNDERSCORE;
  const digits = Math.max(min, width);
  const neg = value < 0;
  const abs = String(neg ? -value : value);
  let buf = neg ? `-${abs}` : abs;
  let out = '';
  if (pad !== PAD_DASH) {
    const padding = digits - buf.length;
    if (padding > 0) {
      if (pad === PAD_UNDERSCORE) {
        out = repeat(' ', padding, limit);
        width = width > padding ? width - padding : 0;
      } else {
        if (neg) {
          out = '-';
          buf = abs;
        }
        out += repeat('0', padding, limit);
        width = 0;
      }
    }
  }
  return out + padded(buf, buf.length, width, pad, limit);
}

/** glibc's `iso_week_days`: days from the start of the ISO year's first week to `yday`. */
function isoWeekDays(yday: number, wday: number): number {
  return yday - ((yday - wday + 4 + 378) % 7) + 3;
}

function isLeap(year: number): boolean {
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
}

function convert(d: Directive, tm: Tm, limit: number): string {
  switch (d.conv) {
    case BAD:
      return text(d.text, d, false, d.upper, limit);
    case 0x25: // %
      return padded('%', 1, d.width, d.pad, limit);
    case 0x6e: // n
      return padded('\n', 1, d.width, d.pad, limit);
    case 0x74: // t
      return padded('\t', 1, d.width, d.pad, limit);
    case 0x61: // a
      return text(DAY_ABBR[tm.wday]!, d, false, d.upper || d.changeCase, limit);
    case 0x41: // A
      return text(DAY_NAME[tm.wday]!, d, false, d.upper || d.changeCase, limit);
    case 0x62: // b
    case 0x68: // h
      return text(MON_ABBR[tm.mon]!, d, false, d.upper || d.changeCase, limit);
    case 0x42: // B
      return text(MON_NAME[tm.mon]!, d, false, d.upper || d.changeCase, limit);
    case 0x70: // p
    case 0x50: {
      // P is always lower case; # lowers p.
      const lower = d.conv === 0x50 || d.changeCase;
      return text(tm.hour > 11 ? 'PM' : 'AM', d, lower, d.upper, limit);
    }
    case 0x5a: {
      // Z
      let zone = tm.zone;
      if (zone === null && tm.isdst >= 0) zone = currentZone().tzname[tm.isdst] ?? '';
      return text(zone ?? '', d, d.changeCase, d.upper, limit);
    }
    case 0x43: {
      // C
      const year = tm.year + 1900;
      return num(Math.trunc(year / 100) - (year % 100 < 0 ? 1 : 0), 1, d, limit);
    }
    case 0x64: // d
      return num(tm.mday, 2, d, limit);
    case 0x65: // e
      return num(tm.mday, 2, d, limit, true);
    case 0x48: // H
      return num(tm.hour, 2, d, limit);
    case 0x49: // I
      return num(hour12(tm.hour), 2, d, limit);
    case 0x6b: // k
      return num(tm.hour, 2, d, limit, true);
    case 0x6c: // l
      return num(hour12(tm.hour), 2, d, limit, true);
    case 0x6a: // j
      return num(tm.yday + 1, 3, d, limit);
    case 0x4d: // M
      return num(tm.min, 2, d, limit);
    case 0x6d: // m
      return num(tm.mon + 1, 2, d, limit);
    case 0x53: // S
      return num(tm.sec, 2, d, limit);
    case 0x75: // u
      return num(((tm.wday - 1 + 7) % 7) + 1, 1, d, limit);
    case 0x55: // U
      return num(Math.trunc((tm.yday - tm.wday + 7) / 7), 2, d, limit);
    case 0x57: // W
      return num(Math.trunc((tm.yday - ((tm.wday - 1 + 7) % 7) + 7) / 7), 2, d, limit);
    case 0x77: // w
      return num(tm.wday, 1, d, limit);
    case 0x59: // Y
      return num(tm.year + 1900, 1, d, limit);
    case 0x79: // y
      return num(((tm.year % 100) + 100) % 100, 2, d, limit);
    case 0x56: // V
    case 0x67: // g
    case 0x47: {
      // G
      let year = tm.year + 1900;
      let days = isoWeekDays(tm.yday, tm.wday);
      if (days < 0) {
        year--;
        days = isoWeekDays(tm.yday + 365 + (isLeap(year) ? 1 : 0), tm.wday);
      } else {
        const next = isoWeekDays(tm.yday - 365 - (isLeap(year) ? 1 : 0), tm.wday);
        if (next >= 0) {
          year++;
          days = next;
        }
      }
      if (d.conv === 0x67) return num(((year % 100) + 100) % 100, 2, d, limit);
      if (d.conv === 0x47) return num(year, 1, d, limit);
      return num(Math.trunc(days / 7) + 1, 2, d, limit);
    }
    case 0x7a: {
      // z
      if (tm.isdst < 0) return '';
      let diff = tm.gmtoff;
      const sign = padded(diff < 0 ? '-' : '+', 1, d.width, d.pad, limit);
      diff = Math.trunc(Math.abs(diff) / 60);
      return sign + num(Math.trunc(diff / 60) * 100 + (diff % 60), 4, d, limit);
    }
    case 0x73: {
      // s: glibc calls mktime() on a copy; -1 on failure
      const t = mktimeTm({ ...tm });
      const value = t === null ? '-1' : Math.abs(t) < 2 ** 53 ? String(t) : BigInt(t).toString();
      // glibc uses one minimum digit here: only the width pads.
      return padded(value, value.length, d.width, d.pad, limit);
    }
    default: {
      // Sub-formats: c D F r R T x X
      const s = runSteps(d.sub!, tm, limit);
      const out = padded(s, codePointLength(s), d.width, d.pad, limit);
      return d.upper ? asciiUpper(out) : out;
    }
  }
}

function hour12(hour: number): number {
  return hour > 12 ? hour - 12 : hour === 0 ? 12 : hour;
}

function runSteps(steps: readonly Step[], tm: Tm, limit: number): string {
  let out = '';
  for (const step of steps) {
    out += typeof step === 'string' ? step : convert(step, tm, limit);
    if (out.length > 2 * limit) throw TOO_LONG;
  }
  return out;
}

/**
 * Python's `time.strftime(format, t)` on Linux (glibc, C locale). `t` defaults to
 * `localtime()`. Fields are checked as CPython checks them (`ValueError: month out of
 * range`…; 0 is accepted for month, day and year day); a `tm_zone` of `''` means none, so
 * `%Z` falls back to the local zone's name. A result longer than CPython's largest buffer
 * (256 × the format length) comes out as `''`, as in CPython.
 */
export function strftime(format: string, t?: StructTime): string {
  if (typeof format !== 'string') {
    const type = format === null ? 'NoneType' : typeof format === 'number' ? 'int' : typeof format;
    throw new LoggingTypeError(`strftime() argument 1 must be str, not ${type}`);
  }
  const c = compiled(format);
  const st = t ?? localtime();
  if (st === c.lastT) return c.lastOut;
  const tm = checktm(gettmarg(st));
  let out: string;
  try {
    out = runSteps(c.steps, tm, c.limit);
    if (out.length > c.limit && codePointLength(out) > c.limit) out = '';
  } catch (e) {
    if (e !== TOO_LONG) throw e;
    out = '';
  }
  if (!c.hasS && !(c.hasZ && tm.zone === null) && Object.isFrozen(st)) {
    c.lastT = st;
    c.lastOut = out;
  }
  return out;
}
