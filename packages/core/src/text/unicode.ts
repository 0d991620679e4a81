/**
 * Code-point helpers: Python measures and slices strings in code points, JavaScript in
 * UTF-16 units. Also CPython 3.11's `str.isprintable()` and `Py_UNICODE_TODECIMAL`.
 *
 * @module
 */
import { DECIMAL_ZEROS, PRINTABLE_BOUNDARIES } from './unicode-data.js';

/** Boundaries of `PRINTABLE_BOUNDARIES`, decoded on first use. */
let boundaries: Int32Array | null = null;

function decodeBoundaries(): Int32Array {
  const parts = PRINTABLE_BOUNDARIES.split(',');
  const out = new Int32Array(parts.length);
  let cp = 0;
  for (let i = 0; i < parts.length; i++) {
    cp += Number.parseInt(parts[i]!, 36);
    out[i] = cp;
  }
  boundaries = out;
  return out;
}

/**
 * Python 3.11's `chr(cp).isprintable()`: false for the categories Cc, Cf, Cs, Co, Cn, Zl,
 * Zp and Zs (except the space U+0020), as in Unicode 14.0.
 */
export function isPrintable(cp: number): boolean {
  if (cp < 0x100) {
    // Latin-1 fast path: C0, DEL..NBSP and the soft hyphen are not printable.
    return (cp >= 0x20 && cp < 0x7f) || (cp > 0xa0 && cp !== 0xad);
  }
  const b = boundaries ?? decodeBoundaries();
  // Count the boundaries <= cp; an odd count means non-printable.
  let lo = 0;
  let hi = b.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (b[mid]! <= cp) lo = mid + 1;
    else hi = mid;
  }
  return (lo & 1) === 0;
}

/**
 * Python's `Py_UNICODE_TODECIMAL`: the value 0-9 of a decimal digit in any script
 * (category Nd, Unicode 14.0), or -1.
 */
export function decimalValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (cp < 0x660) return -1;
  let lo = 0;
  let hi = DECIMAL_ZEROS.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (DECIMAL_ZEROS[mid]! <= cp) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return -1;
  const d = cp - DECIMAL_ZEROS[lo - 1]!;
  return d <= 9 ? d : -1;
}

/**
 * Python's `len(s)`: the number of code points (a lone surrogate counts as one, as in a
 * Python str).
 */
export function codePointLength(s: string): number {
  const n = s.length;
  let pairs = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        pairs++;
        i++;
      }
    }
  }
  return n - pairs;
}

/** Python's `s[:count]`: the first `count` code points of `s`. */
export function sliceCodePoints(s: string, count: number): string {
  if (count <= 0) return '';
  const n = s.length;
  let i = 0;
  let seen = 0;
  while (i < n && seen < count) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
      const d = s.charCodeAt(i + 1);
      i += d >= 0xdc00 && d <= 0xdfff ? 2 : 1;
    } else {
      i++;
    }
    seen++;
  }
  return i >= n ? s : s.slice(0, i);
}

/** Python's `'\\x..'`, `'\\u....'` or `'\\U........'` escape of one code point. */
export function escapeCodePoint(cp: number): string {
  if (cp < 0x100) return `\\x${HEX2[cp]}`;
  if (cp < 0x10000) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) =>
  i.toString(16).padStart(2, '0'),
);
