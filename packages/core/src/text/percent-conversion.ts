/**
 * One printf-style conversion of `PyUnicode_Format`: `unicode_format_arg_format` (the
 * value to text, with CPython's type checks and errors) and `unicode_format_arg_output`
 * (truncation, sign, `0x` prefix, padding). Used by `percent-format.ts`.
 *
 * @internal
 * @module
 */
import { LoggingOverflowError, LoggingTypeError, LoggingValueError } from '../errors.js';
import { formatFloat } from './py-float.js';
import { isPyInt, pyAscii, pyRepr, pyStr, pyTypeName } from './py-repr.js';
import { codePointLength, sliceCodePoints } from './unicode.js';

/** `-` flag bit. @internal */
export const F_LJUST = 1;
/** `+` flag bit. @internal */
export const F_SIGN = 2;
/** Space flag bit. @internal */
export const F_BLANK = 4;
/** `#` flag bit. @internal */
export const F_ALT = 8;
/** `0` flag bit. @internal */
export const F_ZERO = 16;

/**
 * Formats `v` with conversion `ch` (at code-point `index` of the format, for the error
 * text), `width`/`prec` (-1 = none) and flag `bits`.
 *
 * @internal
 */
export function formatConversion(
  ch: string,
  index: number,
  v: unknown,
  width: number,
  prec: number,
  bits: number,
): string {
  let str: string;
  let numeric = false;
  switch (ch) {
    case 's':
      str = typeof v === 'string' ? v : pyStr(v);
      break;
    case 'r':
      str = pyRepr(v);
      break;
    case 'a':
      str = pyAscii(v);
      break;
    case 'd':
    case 'i':
    case 'u':
    case 'o':
    case 'x':
    case 'X':
      str = formatLong(toPyInt(v, ch), (bits & F_ALT) !== 0, prec, ch);
      numeric = true;
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
      str = formatFloat(toDouble(v), ch, prec < 0 ? 6 : prec, (bits & F_ALT) !== 0);
      numeric = true;
      break;
    case 'c':
      str = formatChar(v);
      break;
    default: {
      const cp = ch.codePointAt(0) ?? 0;
      const shown = cp >= 31 && cp <= 126 ? ch : '?';
      throw new LoggingValueError(
        `unsupported format character '${shown}' (0x${cp.toString(16)}) at index ${index}`,
      );
    }
  }
  // No width, no sign flag, and a precision (if any) that cannot truncate: nothing to pad.
  if (width < 0 && (bits & (F_SIGN | F_BLANK)) === 0 && (prec < 0 || numeric || ch === 'c')) {
    return str;
  }
  return pad(str, ch, numeric, width, prec, bits);
}

/** `unicode_format_arg_output`: truncation, sign, `0x` prefix and padding. */
function pad(
  str: string,
  ch: string,
  numeric: boolean,
  width: number,
  prec: number,
  bits: number,
): string {
  const fill = numeric && (bits & F_ZERO) !== 0 ? '0' : ' ';
  let len = codePointLength(str);
  if (prec >= 0 && len > prec && (ch === 's' || ch === 'r' || ch === 'a')) {
    str = sliceCodePoints(str, prec);
    len = prec;
  }
  let pindex = 0;
  let signchar = '';
  let sign = numeric;
  if (sign) {
    const c0 = str[0];
    if (c0 === '-' || c0 === '+') {
      signchar = c0;
      len--;
      pindex = 1;
    } else if (bits & F_SIGN) {
      signchar = '+';
    } else if (bits & F_BLANK) {
      signchar = ' ';
    } else {
      sign = false;
    }
  }
  if (width < len) width = len;
  let out = '';
  if (sign) {
    if (fill !== ' ') out += signchar;
    if (width > len) width--;
  }
  const prefixed = (bits & F_ALT) !== 0 && (ch === 'x' || ch === 'X' || ch === 'o');
  if (prefixed) {
    if (fill !== ' ') {
      out += `0${ch}`;
      pindex += 2;
    }
    width -= 2;
    if (width < 0) width = 0;
    len -= 2;
  }
  if (width > len && (bits & F_LJUST) === 0) {
    out += fill.repeat(width - len);
    width = len;
  }
  if (fill === ' ') {
    if (sign) out += signchar;
    if (prefixed) {
      out += `0${ch}`;
      pindex += 2;
    }
  }
  out += pindex === 0 ? str : str.slice(pindex);
  if (width > len) out += ' '.repeat(width - len);
  return out;
}

/** `mainformatlong`'s conversion: a Python int (number or bigint) or CPython's error. */
function toPyInt(v: unknown, ch: string): number | bigint {
  switch (typeof v) {
    case 'number': {
      if (isPyInt(v)) return v;
      if (ch === 'o' || ch === 'x' || ch === 'X') {
        throw new LoggingTypeError(`%${ch} format: an integer is required, not float`);
      }
      if (Number.isNaN(v)) throw new LoggingValueError('cannot convert float NaN to integer');
      if (v === Number.POSITIVE_INFINITY || v === Number.NEGATIVE_INFINITY) {
        throw new LoggingOverflowError('cannot convert float infinity to integer');
      }
      const t = Math.trunc(v);
      return Number.isSafeInteger(t) ? t + 0 : BigInt(t);
    }
    case 'bigint':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    default: {
      const what = ch === 'o' || ch === 'x' || ch === 'X' ? 'an integer' : 'a real number';
      throw new LoggingTypeError(`%${ch} format: ${what} is required, not ${pyTypeName(v)}`);
    }
  }
}

/** `_PyUnicode_FormatLong`: sign, optional `0o`/`0x` prefix, zero-fill to `prec` digits. */
function formatLong(v: number | bigint, alt: boolean, prec: number, ch: string): string {
  const base = ch === 'o' ? 8 : ch === 'x' || ch === 'X' ? 16 : 10;
  const neg = v < 0;
  let digits = (neg ? -v : v).toString(base);
  if (prec > digits.length) digits = '0'.repeat(prec - digits.length) + digits;
  let s = base !== 10 && alt ? (base === 8 ? `0o${digits}` : `0x${digits}`) : digits;
  if (ch === 'X') s = s.toUpperCase();
  return neg ? `-${s}` : s;
}

/** `PyFloat_AsDouble` for `%e %f %g`. */
function toDouble(v: unknown): number {
  switch (typeof v) {
    case 'number':
      return v;
    case 'bigint': {
      const d = Number(v);
      if (!Number.isFinite(d)) throw new LoggingOverflowError('int too large to convert to float');
      return d;
    }
    case 'boolean':
      return v ? 1 : 0;
    default:
      throw new LoggingTypeError(`must be real number, not ${pyTypeName(v)}`);
  }
}

/** `formatchar`: an int in range(0x110000) or a one-character string. */
function formatChar(v: unknown): string {
  if (typeof v === 'string') {
    if (v.length === 1 || (v.length === 2 && codePointLength(v) === 1)) return v;
  } else {
    let n: number | bigint | null = null;
    if (typeof v === 'number' && isPyInt(v)) n = v;
    else if (typeof v === 'bigint') n = v;
    else if (typeof v === 'boolean') n = v ? 1 : 0;
    if (n !== null) {
      if (n < 0 || n > 0x10ffff) throw new LoggingOverflowError('%c arg not in range(0x110000)');
      return String.fromCodePoint(Number(n));
    }
  }
  throw new LoggingTypeError('%c requires int or char');
}
