/**
 * The process's local time zone, resolved from `process.env.TZ` the way glibc's `tzset` does,
 * and re-resolved whenever `TZ` changes (a string comparison per call):
 *
 * - `TZ` unset: `/etc/localtime`; `TZ=""`: `Universal`; a leading `:` is ignored;
 * - otherwise a TZif file, relative names under `$TZDIR` (default `/usr/share/zoneinfo`);
 * - failing that, the value is parsed as a POSIX TZ string (`EST5EDT,M3.2.0,M11.1.0`), with
 *   glibc's fallbacks: DST without rules borrows `posixrules`, garbage gives an unnamed UTC;
 * - when no tzdata directory exists at all (some containers, Windows), IANA names and the
 *   unset case fall back to the JavaScript engine's own zone data through `Intl`.
 * @internal
 */

import {
  type PosixTz,
  PosixTzEvaluator,
  parsePosixTz,
  type TzRule,
  type ZoneInfo,
} from './posix-tz.js';
import { readTzfile, type TzifData, type TzifType } from './tzfile.js';

const { existsSync } = process.getBuiltinModule('node:fs');

/** A local time zone: what `localtime` needs from it. */
export interface TimeZone {
  /** The local time type in effect at instant `t` (integer seconds since the epoch). */
  info(t: number): ZoneInfo;
  /**
   * Leap-second correction at `t`: `[correction, hit]`, as glibc computes for `right/` zones
   * (applied by both `localtime` and `gmtime`). `[0, 0]` for ordinary zones.
   */
  leap(t: number): readonly [number, number];
  /** glibc's `tzname`: the standard and daylight abbreviations (for `%Z` without `tm_zone`). */
  readonly tzname: readonly [string, string];
}

const NO_LEAP: readonly [number, number] = [0, 0];
const TZDEFAULT = '/etc/localtime';
const DEFAULT_TZDIR = '/usr/share/zoneinfo';

/** A zone with a fixed POSIX TZ rule and no table. */
class PosixZone implements TimeZone {
  private readonly evaluator: PosixTzEvaluator;
  readonly tzname: readonly [string, string];

  constructor(tz: PosixTz) {
    this.evaluator = new PosixTzEvaluator(tz);
    this.tzname = [tz.rules[0].name, tz.rules[1].name];
  }

  info(t: number): ZoneInfo {
    return this.evaluator.info(t);
  }

  leap(): readonly [number, number] {
    return NO_LEAP;
  }
}

/** A zone read from a TZif file: the transition table, then its footer rule. */
class TzifZone implements TimeZone {
  private readonly transitions: Float64Array;
  private readonly infos: readonly ZoneInfo[];
  private readonly before: ZoneInfo;
  private readonly footer: PosixTzEvaluator | null;
  private readonly leaps: TzifData['leaps'];
  readonly tzname: readonly [string, string];

  constructor(data: TzifData, tzname?: readonly [string, string]) {
    this.transitions = data.transitions;
    const typeInfos = data.types.map(
      (t): ZoneInfo => ({ offset: t.utoff, isdst: t.isdst, abbr: t.abbr }),
    );
    this.infos = Array.from(data.typeIndexes, (i) => typeInfos[i]!);
    // Before the first transition: the first standard-time type (glibc).
    this.before = typeInfos.find((t) => t.isdst === 0) ?? typeInfos[0]!;
    this.footer = data.footer === null ? null : new PosixTzEvaluator(parsePosixTz(data.footer));
    this.leaps = data.leaps;
    this.tzname = tzname ?? tznameOf(data);
  }

  info(t: number): ZoneInfo {
    const tr = this.transitions;
    const n = tr.length;
    if (n === 0 || t < tr[0]!) return this.before;
    if (t >= tr[n - 1]!) return this.footer === null ? this.infos[n - 1]! : this.footer.info(t);
    let lo = 0;
    let hi = n - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >>> 1;
      if (t < tr[mid]!) hi = mid;
      else lo = mid;
    }
    return this.infos[lo]!;
  }

  leap(t: number): readonly [number, number] {
    const leaps = this.leaps;
    let i = leaps.length;
    do {
      if (i-- === 0) return NO_LEAP;
    } while (t < leaps[i]!.transition);
    const cur = leaps[i]!;
    let hit = 0;
    if (
      t === cur.transition &&
      (i === 0 ? cur.correction > 0 : cur.correction > leaps[i - 1]!.correction)
    ) {
      hit = 1;
      while (
        i > 0 &&
        leaps[i]!.transition === leaps[i - 1]!.transition + 1 &&
        leaps[i]!.correction === leaps[i - 1]!.correction + 1
      ) {
        hit++;
        i--;
      }
    }
    return [cur.correction, hit];
  }
}

/** glibc's `tzname` after reading a TZif file: the latest standard and DST abbreviations. */
function tznameOf(data: TzifData): readonly [string, string] {
  const names: [string | null, string | null] = [null, null];
  for (let i = data.typeIndexes.length; i > 0; ) {
    const type = data.types[data.typeIndexes[--i]!]!;
    if (names[type.isdst] === null) {
      names[type.isdst] = type.abbr;
      if (names[1 - type.isdst] !== null) break;
    }
  }
  const std = names[0] ?? data.types[0]?.abbr ?? '';
  return [std, names[1] ?? std];
}

/** Offsets of the latest standard and DST types of a file (glibc's rule_stdoff/dstoff). */
function ruleOffsets(data: TzifData): [number, number] {
  const { types, typeIndexes } = data;
  if (typeIndexes.length === 0) {
    const off = types[0]!.utoff;
    return [off, off];
  }
  let std: number | null = null;
  let dst: number | null = null;
  for (let i = typeIndexes.length - 1; i >= 0; i--) {
    const t = types[typeIndexes[i]!]!;
    if (std === null && t.isdst === 0) std = t.utoff;
    else if (dst === null && t.isdst === 1) dst = t.utoff;
    if (std !== null && dst !== null) break;
  }
  return [std ?? 0, dst ?? std ?? 0];
}

/**
 * glibc's `__tzfile_default`: a TZ like `CET-1CEST` (DST named, no rule) takes its transition
 * dates from `posixrules`, shifted to the user's offsets. The file's footer stays as it is
 * (glibc 2.36 uses it, names included, beyond the table).
 */
function withDefaultRules(data: TzifData, std: TzRule, dst: TzRule): TzifData | null {
  if (data.types.length < 2) return null;
  const [ruleStd, ruleDst] = ruleOffsets(data);
  const transitions = new Float64Array(data.transitions.length);
  const typeIndexes = new Uint8Array(data.typeIndexes.length);
  let isdst = 0;
  for (let i = 0; i < transitions.length; i++) {
    const type = data.types[data.typeIndexes[i]!]!;
    typeIndexes[i] = type.isdst;
    let at = data.transitions[i]!;
    if (type.isut) {
      // Transition given in UT: nothing to correct.
    } else if (isdst && !type.isstd) at += dst.offset - ruleDst;
    else at += std.offset - ruleStd;
    transitions[i] = at;
    isdst = type.isdst;
  }
  const types: TzifType[] = [
    { utoff: std.offset, isdst: 0, abbr: std.name, isstd: false, isut: false },
    { utoff: dst.offset, isdst: 1, abbr: dst.name, isstd: false, isut: false },
  ];
  return { ...data, transitions, typeIndexes, types };
}

/** Zone data from the JavaScript engine (`Intl`), for systems without tzdata files. */
class IntlZone implements TimeZone {
  private readonly offsetFormat: Intl.DateTimeFormat;
  private readonly nameFormat: Intl.DateTimeFormat;
  readonly tzname: readonly [string, string];

  constructor(timeZone: string | undefined) {
    this.offsetFormat = new Intl.DateTimeFormat('en-US', {
      timeZone,
      timeZoneName: 'longOffset',
    });
    this.nameFormat = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' });
    const year = new Date().getUTCFullYear();
    const jan = this.info(Date.UTC(year, 0, 1) / 1000);
    const jul = this.info(Date.UTC(year, 6, 1) / 1000);
    const [std, dst] = jan.offset <= jul.offset ? [jan, jul] : [jul, jan];
    this.tzname = [std.abbr, dst.abbr];
  }

  info(t: number): ZoneInfo {
    const ms = Math.min(Math.max(t * 1000, -8.64e15), 8.64e15);
    const offset = this.offsetAt(ms);
    const year = new Date(ms).getUTCFullYear();
    const jan = this.offsetAt(Date.UTC(year, 0, 1));
    const jul = this.offsetAt(Date.UTC(year, 6, 1));
    const isdst = offset > Math.min(jan, jul) ? 1 : 0;
    return { offset, isdst, abbr: this.abbrAt(ms) };
  }

  leap(): readonly [number, number] {
    return NO_LEAP;
  }

  private offsetAt(ms: number): number {
    const part = this.offsetFormat.formatToParts(ms).find((p) => p.type === 'timeZoneName');
    // "GMT", "GMT+05:30", "GMT-03:00", "GMT+05:53:28"
    const m = /^GMT(?:([+-])(\d\d):(\d\d)(?::(\d\d))?)?$/.exec(part?.value ?? 'GMT');
    if (m === null || m[1] === undefined) return 0;
    const secs = Number(m[2]) * 3600 + Number(m[3]) * 60 + Number(m[4] ?? 0);
    return m[1] === '-' ? -secs : secs;
  }

  private abbrAt(ms: number): string {
    const part = this.nameFormat.formatToParts(ms).find((p) => p.type === 'timeZoneName');
    return part?.value ?? '';
  }
}

/** UTC as glibc sets it up when nothing else applies (names "UTC"). */
const UTC_ZONE: TimeZone = new PosixZone(parsePosixTz('UTC0'));

const zoneCache = new Map<string, TimeZone>();
let lastTz: string | undefined;
let lastZone: TimeZone | null = null;

/**
 * The zone for the current `process.env.TZ` (and `TZDIR`). Resolved zones are cached per
 * value; a file is read once per process and value.
 */
export function currentZone(): TimeZone {
  const tz = process.env.TZ;
  if (lastZone !== null && tz === lastTz) return lastZone;
  const tzdir = process.env.TZDIR || DEFAULT_TZDIR;
  const key = `${tz === undefined ? '\u0000' : tz}\u0000${tzdir}`;
  let zone = zoneCache.get(key);
  if (zone === undefined) {
    zone = loadZone(tz, tzdir);
    zoneCache.set(key, zone);
  }
  lastTz = tz;
  lastZone = zone;
  return zone;
}

/** glibc's `tzset_internal` for one TZ value. */
export function loadZone(tzEnv: string | undefined, tzdir: string = DEFAULT_TZDIR): TimeZone {
  let tz = tzEnv === '' ? 'Universal' : tzEnv;
  if (tz?.startsWith(':')) tz = tz.slice(1);
  const file = tz ?? TZDEFAULT;
  if (file !== '') {
    const data = readTzfile(file.startsWith('/') ? file : `${tzdir}/${file}`);
    if (data !== null) return new TzifZone(data);
  }
  if (!existsSync(tzdir)) {
    // No tzdata on this system: let the engine's zone database answer for zone names.
    const intl = intlZone(tz === undefined || tz === TZDEFAULT ? undefined : tz);
    if (intl !== null) return intl;
  }
  if (tz === undefined || tz === '' || tz === TZDEFAULT) return UTC_ZONE;
  const posix = parsePosixTz(tz);
  if (posix.wantsDefaultRules) {
    const rulesFile = readTzfile(`${tzdir}/posixrules`);
    const [std, dst] = posix.rules;
    const remapped = rulesFile === null ? null : withDefaultRules(rulesFile, std, dst);
    if (remapped !== null) return new TzifZone(remapped, [std.name, dst.name]);
  }
  return new PosixZone(posix);
}

function intlZone(timeZone: string | undefined): TimeZone | null {
  try {
    return new IntlZone(timeZone);
  } catch {
    return null; // Not a zone the engine knows: treat it as a POSIX TZ string.
  }
}
