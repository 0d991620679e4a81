/**
 * Python's `format(value, spec)`: the format-spec mini-language of CPython 3.11
 * (`Python/formatter_unicode.c`) for str, int and float: fill, align `< > ^ =`, sign, `z`,
 * `#`, `0`, width, grouping `,` and `_`, precision, and the types `s`, `b c d o x X n`,
 * `e E f F g G %` and none, with CPython's error texts. `n` uses the C locale (no grouping).
 *
 * JavaScript values map to Python types as in `pyStr` (see `docs/value-rendering.md`):
 * safe integers and bigint are ints, other numbers floats; booleans are ints under a numeric
 * presentation type and the strings `true`/`false` otherwise; an object with a
 * `__format__(spec)` method is asked to format itself; any other value is formatted as the
 * string `pyStr(value)`.
 *
 * @module
 */
import { LoggingOverflowError, LoggingTypeError, LoggingValueError } from '../errors.js';
import { formatFloat, type FloatFormatType } from './py-float.js';
import { isPyInt, pyStr, pyTypeName } from './py-repr.js';
import { codePointLength, sliceCodePoints } from './unicode.js';
import { type ParsedSpec, parseSpec, SSIZE_MAX, unknownType } from './format-spec-parse.js';

const INT_MAX = 2147483647;

/** Presentation types that make a boolean format as an int. */
const NUMERIC_TYPES: ReadonlySet<string> = new Set('bcdoxXneEfFgG%');

/**
 * Python's `format(value, spec)` for a JavaScript value (see the module notes for the type
 * mapping). An empty spec gives `pyStr(value)`.
 *
 * @throws LoggingValueError, LoggingTypeError, LoggingOverflowError with CPython's texts
 *   (`Unknown format code 'd' for object of type 'str'`, ...).
 */
export function formatWithSpec(value: unknown, spec: string): string {
  switch (typeof value) {
    case 'string':
      return spec === '' ? value : formatStr(value, parseSpec(spec, 'str', 'str'), 'str');
    case 'number':
      if (spec === '') return pyStr(value);
      return isPyInt(value)
        ? formatInt(value, parseSpec(spec, 'int', 'int'), 'int')
        : formatFloatSpec(value, parseSpec(spec, 'float', 'float'), 'float');
    case 'bigint':
      return spec === ''
        ? value.toString()
        : formatInt(value, parseSpec(spec, 'int', 'int'), 'int');
    case 'boolean':
      if (spec !== '' && NUMERIC_TYPES.has(spec[spec.length - 1]!)) {
        return formatInt(value ? 1 : 0, parseSpec(spec, 'int', 'bool'), 'bool');
      }
      return formatOther(value ? 'true' : 'false', spec, 'bool');
    default: {
      if (value !== null && (typeof value === 'object' || typeof value === 'function')) {
        const custom = (value as { __format__?: unknown }).__format__;
        if (typeof custom === 'function') {
          const r: unknown = custom.call(value, spec);
          if (typeof r !== 'string') {
            throw new LoggingTypeError(`__format__ must return a str, not ${pyTypeName(r)}`);
          }
          return r;
        }
      }
      const s = pyStr(value);
      return spec === '' ? s : formatOther(s, spec, pyTypeName(value));
    }
  }
}

function formatOther(s: string, spec: string, typeName: string): string {
  return spec === '' ? s : formatStr(s, parseSpec(spec, 'str', typeName), typeName);
}

/** `format_string_internal`. */
function formatStr(value: string, f: ParsedSpec, typeName: string): string {
  if (f.type !== 's') throw unknownType(f.type, typeName);
  if (f.sign !== '') {
    throw new LoggingValueError(
      `${f.sign === ' ' ? 'Space' : 'Sign'} not allowed in string format specifier`,
    );
  }
  if (f.noNeg0) {
    throw new LoggingValueError(
      'Negative zero coercion (z) not allowed in string format specifier',
    );
  }
  if (f.alt) {
    throw new LoggingValueError('Alternate form (#) not allowed in string format specifier');
  }
  if (f.align === '=') {
    throw new LoggingValueError("'=' alignment not allowed in string format specifier");
  }
  if (f.width < 0 && f.precision < 0) return value;
  let len = codePointLength(value);
  if (f.precision >= 0 && len > f.precision) {
    value = sliceCodePoints(value, f.precision);
    len = f.precision;
  }
  const total = Math.max(f.width, len);
  const align = f.align === '' ? '<' : f.align;
  const lpad = align === '>' ? total - len : align === '^' ? (total - len) >> 1 : 0;
  const rpad = total - len - lpad;
  return fillN(f.fill, lpad) + value + fillN(f.fill, rpad);
}

function fillN(fill: string, n: number): string {
  return n > 0 ? fill.repeat(n) : '';
}

/** `format_long_internal` (and the int → float conversion for float types). */
function formatInt(v: number | bigint, f: ParsedSpec, typeName: string): string {
  const type = f.type;
  switch (type) {
    case 'b':
    case 'c':
    case 'd':
    case 'o':
    case 'x':
    case 'X':
    case 'n':
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case '%': {
      const d = Number(v);
      if (!Number.isFinite(d)) throw new LoggingOverflowError('int too large to convert to float');
      return formatFloatSpec(d, f, typeName);
    }
    default:
      throw unknownType(type, typeName);
  }
  if (f.precision !== -1) {
    throw new LoggingValueError('Precision not allowed in integer format specifier');
  }
  if (f.noNeg0) {
    throw new LoggingValueError(
      'Negative zero coercion (z) not allowed in integer format specifier',
    );
  }
  if (type === 'c') {
    if (f.sign !== '') {
      throw new LoggingValueError("Sign not allowed with integer format specifier 'c'");
    }
    if (f.alt) {
      throw new LoggingValueError(
        "Alternate form (#) not allowed with integer format specifier 'c'",
      );
    }
    if (typeof v === 'bigint' && (v > SSIZE_MAX || v < -SSIZE_MAX - 1n)) {
      throw new LoggingOverflowError('Python int too large to convert to C long');
    }
    if (v < 0 || v > 0x10ffff) throw new LoggingOverflowError('%c arg not in range(0x110000)');
    return layoutNumber('', '', '', false, String.fromCodePoint(Number(v)), f);
  }
  const base = type === 'b' ? 2 : type === 'o' ? 8 : type === 'x' || type === 'X' ? 16 : 10;
  const neg = v < 0;
  let digits = (neg ? -v : v).toString(base);
  let prefix = '';
  if (f.alt && base !== 10) prefix = base === 2 ? '0b' : base === 8 ? '0o' : '0x';
  if (type === 'X') {
    digits = digits.toUpperCase();
    prefix = prefix.toUpperCase();
  }
  // Fast path: nothing to pad or group.
  if (f.width < 0 && f.sep === '' && f.sign !== '+' && f.sign !== ' ') {
    return (neg ? '-' : '') + prefix + digits;
  }
  return layoutNumber(neg ? '-' : '', prefix, digits, false, '', f);
}

/** `format_float_internal`. */
function formatFloatSpec(val: number, f: ParsedSpec, typeName: string): string {
  let type = f.type;
  switch (type) {
    case '':
    case 'e':
    case 'E':
    case 'f':
    case 'F':
    case 'g':
    case 'G':
    case 'n':
    case '%':
      break;
    default:
      throw unknownType(type, typeName);
  }
  if (f.precision > INT_MAX) throw new LoggingValueError('precision too big');
  let precision = f.precision;
  let defaultPrecision = 6;
  let addDot0 = false;
  if (type === '') {
    addDot0 = true;
    type = 'r';
    defaultPrecision = 0;
  }
  if (type === 'n') type = 'g';
  let addPct = false;
  if (type === '%') {
    type = 'f';
    val *= 100;
    addPct = true;
  }
  if (precision < 0) precision = defaultPrecision;
  else if (type === 'r') type = 'g';
  let buf = formatFloat(val, type as FloatFormatType, precision, f.alt, addDot0);
  if (f.noNeg0 && buf.charCodeAt(0) === 45 && isZeroMantissa(buf)) buf = buf.slice(1);
  if (addPct) buf += '%';
  if (f.width < 0 && f.sep === '' && f.sign !== '+' && f.sign !== ' ') return buf;
  let signChar = '';
  if (buf.charCodeAt(0) === 45) {
    signChar = '-';
    buf = buf.slice(1);
  }
  // parse_number: leading digits, then an optional '.', then the remainder.
  let i = 0;
  while (i < buf.length && buf.charCodeAt(i) >= 48 && buf.charCodeAt(i) <= 57) i++;
  const hasDecimal = buf.charCodeAt(i) === 46;
  return layoutNumber(
    signChar,
    '',
    buf.slice(0, i),
    hasDecimal,
    buf.slice(hasDecimal ? i + 1 : i),
    f,
  );
}

/** Are all digits before the exponent zero (`-0.00`, `-0e+00`)? Not for inf. */
function isZeroMantissa(s: string): boolean {
  for (let i = 1; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 101 || c === 69) return true;
    if (c !== 48 && c !== 46) return false;
  }
  return true;
}

/**
 * `calc_number_widths` + `fill_number`:
 * `<lpad><sign><prefix><spad><grouped digits><decimal><remainder><rpad>`.
 */
function layoutNumber(
  signChar: string,
  prefix: string,
  digits: string,
  hasDecimal: boolean,
  remainder: string,
  f: ParsedSpec,
): string {
  let sign: string;
  if (f.sign === '+') sign = signChar === '-' ? '-' : '+';
  else if (f.sign === ' ') sign = signChar === '-' ? '-' : ' ';
  else sign = signChar;
  const align = f.align !== '' ? f.align : f.zeroPad ? '=' : '>';
  const nonDigit = sign.length + prefix.length + (hasDecimal ? 1 : 0) + codePointLength(remainder);
  const minWidth = f.fill === '0' && align === '=' ? f.width - nonDigit : 0;
  const grouped =
    digits.length === 0 ? '' : insertGrouping(digits, minWidth, f.sep === '' ? 0 : f.group, f.sep);
  let lpad = 0;
  let spad = 0;
  let rpad = 0;
  const padding = f.width - (nonDigit + grouped.length);
  if (padding > 0) {
    if (align === '<') rpad = padding;
    else if (align === '^') {
      lpad = padding >> 1;
      rpad = padding - lpad;
    } else if (align === '=') spad = padding;
    else lpad = padding;
  }
  return (
    fillN(f.fill, lpad) +
    sign +
    prefix +
    fillN(f.fill, spad) +
    grouped +
    (hasDecimal ? '.' : '') +
    remainder +
    fillN(f.fill, rpad)
  );
}

/**
 * `_PyUnicode_InsertThousandsGrouping`: separators every `group` digits (0 = none), with
 * zero padding (itself grouped) up to `minWidth`.
 */
function insertGrouping(digits: string, minWidth: number, group: number, sep: string): string {
  let remaining = digits.length;
  let end = remaining;
  let out = '';
  let useSep = false;
  let broken = false;
  if (group > 0) {
    for (;;) {
      const l = Math.min(group, Math.max(remaining, minWidth, 1));
      const nZeros = Math.max(0, l - remaining);
      const nChars = Math.max(0, Math.min(remaining, l));
      out = '0'.repeat(nZeros) + digits.slice(end - nChars, end) + (useSep ? sep : '') + out;
      end -= nChars;
      useSep = true;
      remaining -= nChars;
      minWidth -= l;
      if (remaining <= 0 && minWidth <= 0) {
        broken = true;
        break;
      }
      minWidth -= sep.length;
    }
  }
  if (!broken) {
    const l = Math.max(remaining, minWidth, 1);
    const nZeros = Math.max(0, l - remaining);
    const nChars = Math.max(0, Math.min(remaining, l));
    out = '0'.repeat(nZeros) + digits.slice(end - nChars, end) + (useSep ? sep : '') + out;
  }
  return out;
}
