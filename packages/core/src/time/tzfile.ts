/**
 * A reader for TZif files (RFC 8536, versions 1, 2 and 3), the compiled tzdata under
 * `/usr/share/zoneinfo`. It reads what glibc's `__tzfile_read` reads, with the same checks:
 * the 64-bit block of v2+ files, the local time types, leap-second records and the POSIX TZ
 * footer that describes instants after the last transition.
 */

import { LoggingValueError } from '../errors.js';

const { readFileSync } = process.getBuiltinModule('node:fs');

/** One local time type of a TZif file (`ttinfo`). */
export interface TzifType {
  /** Offset from UTC in seconds, east positive. */
  readonly utoff: number;
  /** 1 when the type is daylight saving time. */
  readonly isdst: 0 | 1;
  /** The abbreviation (`EST`, `+0530`). */
  readonly abbr: string;
  /** Transition times of this type are in standard time (only used to remap `posixrules`). */
  readonly isstd: boolean;
  /** Transition times of this type are in UT (only used to remap `posixrules`). */
  readonly isut: boolean;
}

/** One leap-second record: from `transition` on, `correction` seconds are inserted in total. */
export interface TzifLeap {
  /** The instant (seconds since the epoch, TAI-ish counting as stored) the correction starts. */
  readonly transition: number;
  /** The total correction in seconds from that instant on. */
  readonly correction: number;
}

/** The parsed content of a TZif file. */
export interface TzifData {
  /** The format version: 1, 2, 3 (or later, read as 3). */
  readonly version: number;
  /** Transition instants, ascending, in seconds since the epoch. */
  readonly transitions: Float64Array;
  /** For each transition, the index into `types` of the type in effect from then on. */
  readonly typeIndexes: Uint8Array;
  /** The local time types. */
  readonly types: readonly TzifType[];
  /** Leap-second records (empty except for the `right/` zones). */
  readonly leaps: readonly TzifLeap[];
  /** The POSIX TZ footer of v2+ files (e.g. `EST5EDT,M3.2.0,M11.1.0`), or null. */
  readonly footer: string | null;
}

const HEADER_SIZE = 44;

/**
 * Parses TZif bytes. Throws `LoggingValueError` on data glibc would reject (bad magic,
 * truncated blocks, out-of-range type indexes).
 */
export function parseTzif(bytes: Uint8Array): TzifData {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let pos = 0;
  let header = readHeader(view, pos);
  let width = 4;
  if (header.version !== 0) {
    // Skip the 32-bit block and read the 64-bit one, as glibc does.
    pos += HEADER_SIZE + blockSize(header, 4);
    header = readHeader(view, pos);
    width = 8;
  }
  pos += HEADER_SIZE;
  const { timecnt, typecnt, charcnt, leapcnt, isstdcnt, isutcnt } = header;
  if (isstdcnt > typecnt || isutcnt > typecnt) fail('bad isstd/isut count');
  if (pos + blockSize(header, width) > bytes.byteLength) fail('truncated data block');

  const transitions = new Float64Array(timecnt);
  for (let i = 0; i < timecnt; i++, pos += width) {
    transitions[i] = width === 8 ? Number(view.getBigInt64(pos)) : view.getInt32(pos);
  }
  const typeIndexes = bytes.slice(pos, pos + timecnt);
  pos += timecnt;
  for (const idx of typeIndexes) if (idx >= typecnt) fail('transition type index out of range');

  const raw: { utoff: number; isdst: 0 | 1; idx: number }[] = [];
  for (let i = 0; i < typecnt; i++, pos += 6) {
    const isdst = view.getUint8(pos + 4);
    const idx = view.getUint8(pos + 5);
    if (isdst > 1) fail('bad isdst flag');
    if (idx > charcnt) fail('abbreviation index out of range');
    raw.push({ utoff: view.getInt32(pos), isdst: isdst as 0 | 1, idx });
  }
  const chars = bytes.subarray(pos, pos + charcnt);
  pos += charcnt;

  const leaps: TzifLeap[] = [];
  for (let i = 0; i < leapcnt; i++) {
    const transition = width === 8 ? Number(view.getBigInt64(pos)) : view.getInt32(pos);
    pos += width;
    leaps.push({ transition, correction: view.getInt32(pos) });
    pos += 4;
  }
  const isstd = bytes.subarray(pos, pos + isstdcnt);
  pos += isstdcnt;
  const isut = bytes.subarray(pos, pos + isutcnt);
  pos += isutcnt;

  const types: TzifType[] = raw.map((t, i) => ({
    utoff: t.utoff,
    isdst: t.isdst,
    abbr: cString(chars, t.idx),
    isstd: i < isstdcnt && isstd[i] !== 0,
    isut: i < isutcnt && isut[i] !== 0,
  }));

  let footer: string | null = null;
  if (width === 8 && bytes[pos] === 0x0a) {
    const end = bytes.indexOf(0x0a, pos + 1);
    const text = latin1(bytes.subarray(pos + 1, end < 0 ? bytes.byteLength : end));
    if (text !== '') footer = text;
  }
  return {
    version: header.version === 0 ? 1 : Math.max(2, Math.min(header.version - 0x30, 3)),
    transitions,
    typeIndexes,
    types,
    leaps,
    footer,
  };
}

/** Reads and parses a TZif file; returns null when it is missing, unreadable or malformed. */
export function readTzfile(path: string): TzifData | null {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch {
    return null;
  }
  try {
    return parseTzif(bytes);
  } catch {
    return null;
  }
}

interface Header {
  version: number;
  isutcnt: number;
  isstdcnt: number;
  leapcnt: number;
  timecnt: number;
  typecnt: number;
  charcnt: number;
}

function readHeader(view: DataView, pos: number): Header {
  if (
    pos + HEADER_SIZE > view.byteLength ||
    view.getUint32(pos) !== 0x545a6966 // "TZif"
  ) {
    fail('not a TZif file');
  }
  return {
    version: view.getUint8(pos + 4),
    isutcnt: view.getUint32(pos + 20),
    isstdcnt: view.getUint32(pos + 24),
    leapcnt: view.getUint32(pos + 28),
    timecnt: view.getUint32(pos + 32),
    typecnt: view.getUint32(pos + 36),
    charcnt: view.getUint32(pos + 40),
  };
}

function blockSize(h: Header, width: number): number {
  return (
    h.timecnt * (width + 1) +
    h.typecnt * 6 +
    h.charcnt +
    h.leapcnt * (width + 4) +
    h.isstdcnt +
    h.isutcnt
  );
}

function cString(chars: Uint8Array, start: number): string {
  let end = chars.indexOf(0, start);
  if (end < 0) end = chars.length;
  return latin1(chars.subarray(start, end));
}

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

function fail(what: string): never {
  throw new LoggingValueError(`invalid TZif data: ${what}`);
}
