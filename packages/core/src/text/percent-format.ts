/**
 * Python's printf-style `str % args` (CPython 3.11 `PyUnicode_Format`): conversions
 * `s r a d i u o x X e E f F g G c %`, flags `- + space # 0`, width, precision, `*`, the
 * ignored length modifiers `h l L`, `%(key)s` mapping lookups, and CPython's error texts
 * raised in CPython's order. Parsed formats are cached by their string.
 *
 * @module
 */
import {
  LoggingKeyError,
  LoggingOverflowError,
  LoggingTypeError,
  LoggingValueError,
} from '../errors.js';
import { F_ALT, F_BLANK, F_LJUST, F_SIGN, F_ZERO, formatConversion } from './percent-conversion.js';
import { isPyInt, pyRepr } from './py-repr.js';

/**
 * A `ValueError` CPython raises while parsing one conversion, and the step at which it
 * surfaces (arguments consumed before it still count, and errors they raise win):
 * `'key'` before the mapping lookup (`incomplete format key`), `'width'` after the lookup
 * (`width too big`), `'precision'` after a `*` width is taken (`precision too big`), `'end'`
 * after a `*` precision is taken (`incomplete format`).
 */
export interface PercentParseError {
  /** CPython's message. */
  message: string;
  /** When the error is raised, see {@link PercentParseError}. */
  stage: 'key' | 'width' | 'precision' | 'end';
}

/** One parsed `%` conversion. Parsed specs are shared and frozen: do not mutate them. */
export interface PercentSpec {
  /** The `%(key)` mapping key, or null for a positional conversion. */
  key: string | null;
  /** The flag characters as written (`-`, `+`, space, `#`, `0`). */
  flags: string;
  /** Minimum width, `'*'` (taken from the arguments), or null. */
  width: number | '*' | null;
  /** Precision, `'*'` (taken from the arguments), or null. */
  precision: number | '*' | null;
  /**
   * The conversion character. Anything outside `s r a d i u o x X e E f F g G c` (including
   * `%` in `%5%`) raises `unsupported format character` when formatted; `''` when `error`
   * is set.
   */
  conversion: string;
  /** Code-point index of the conversion character in the format (CPython's "at index N"). */
  index: number;
  /** A parse error to raise at this conversion (nothing after it was parsed), or null. */
  error: PercentParseError | null;
}

/** Literal text (with `%%` already turned into `%`) or a conversion. */
export type PercentSegment = string | PercentSpec;

/** Fast-path kinds of a spec. */
const K_GENERAL = 0;
const K_S = 1;
const K_D = 2;

interface CompiledSpec extends PercentSpec {
  /** Flag bits (`F_*`). */
  readonly bits: number;
  /** `K_*`: a bare `%s` or `%d`/`%i`/`%u` that allows a fast path. */
  readonly kind: number;
}

type Segment = string | CompiledSpec;

const SSIZE_MAX = 9223372036854775807n;
const INT_MAX = 2147483647;

function parse(fmt: string): Segment[] {
  const n = fmt.length;
  const out: Segment[] = [];
  let lit = '';
  let i = 0;
  // Surrogate pairs seen so far, to turn UTF-16 positions into code-point indexes.
  let pairs = 0;
  const countPairs = (from: number, to: number): void => {
    for (let j = from; j + 1 < to; j++) {
      const c = fmt.charCodeAt(j);
      if (c >= 0xd800 && c <= 0xdbff) {
        const d = fmt.charCodeAt(j + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          pairs++;
          j++;
        }
      }
    }
  };
  while (i < n) {
    const pct = fmt.indexOf('%', i);
    if (pct < 0) {
      lit += fmt.slice(i);
      break;
    }
    if (pct > i) {
      lit += fmt.slice(i, pct);
      countPairs(i, pct);
    }
    i = pct + 1;
    if (i < n && fmt.charCodeAt(i) === 37) {
      lit += '%';
      i++;
      continue;
    }
    if (lit !== '') {
      out.push(lit);
      lit = '';
    }
    let key: string | null = null;
    let flags = '';
    let bits = 0;
    let width: number | '*' | null = null;
    let precision: number | '*' | null = null;
    const done = (error: PercentParseError | null, conversion: string, index: number): void => {
      let kind = K_GENERAL;
      if (key === null && bits === 0 && width === null && precision === null) {
        if (conversion === 's') kind = K_S;
        else if (conversion === 'd' || conversion === 'i' || conversion === 'u') kind = K_D;
      }
      const spec: CompiledSpec = {
        key,
        flags,
        width,
        precision,
        conversion,
        index,
        error,
        bits,
        kind,
      };
      out.push(Object.freeze(spec));
    };
    if (i < n && fmt.charCodeAt(i) === 40) {
      // %(key): skip over balanced parentheses.
      let depth = 1;
      let j = i + 1;
      while (j < n) {
        const c = fmt.charCodeAt(j);
        if (c === 41) {
          if (--depth === 0) break;
        } else if (c === 40) {
          depth++;
        }
        j++;
      }
      if (depth > 0) {
        key = fmt.slice(i + 1);
        done({ message: 'incomplete format key', stage: 'key' }, '', -1);
        return out;
      }
      key = fmt.slice(i + 1, j);
      countPairs(i + 1, j);
      i = j + 1;
    }
    // Flags.
    for (; i < n; i++) {
      const c = fmt.charCodeAt(i);
      if (c === 45) bits |= F_LJUST;
      else if (c === 43) bits |= F_SIGN;
      else if (c === 32) bits |= F_BLANK;
      else if (c === 35) bits |= F_ALT;
      else if (c === 48) bits |= F_ZERO;
      else break;
      flags += fmt[i];
    }
    // Width.
    if (i < n && fmt.charCodeAt(i) === 42) {
      width = '*';
      i++;
    } else if (i < n && isDigit(fmt.charCodeAt(i))) {
      const start = i;
      while (i < n && isDigit(fmt.charCodeAt(i))) i++;
      const digits = fmt.slice(start, i);
      if (digits.length > 18 && BigInt(digits) > SSIZE_MAX) {
        done({ message: 'width too big', stage: 'width' }, '', -1);
        return out;
      }
      width = Number(digits);
    }
    // Precision.
    if (i < n && fmt.charCodeAt(i) === 46) {
      i++;
      precision = 0;
      if (i < n && fmt.charCodeAt(i) === 42) {
        precision = '*';
        i++;
      } else if (i < n && isDigit(fmt.charCodeAt(i))) {
        const start = i;
        while (i < n && isDigit(fmt.charCodeAt(i))) i++;
        const p = Number(fmt.slice(start, i));
        if (p > INT_MAX) {
          done({ message: 'precision too big', stage: 'precision' }, '', -1);
          return out;
        }
        precision = p;
      }
    }
    // Length modifier (ignored).
    if (i < n) {
      const c = fmt.charCodeAt(i);
      if (c === 104 || c === 108 || c === 76) i++;
    }
    if (i >= n) {
      done({ message: 'incomplete format', stage: 'end' }, '', -1);
      return out;
    }
    const cp = fmt.codePointAt(i)!;
    const conversion = cp > 0xffff ? fmt.slice(i, i + 2) : fmt[i]!;
    done(null, conversion, i - pairs);
    i += conversion.length;
    if (conversion.length === 2) pairs++;
  }
  if (lit !== '') out.push(lit);
  return out;
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

const CACHE_LIMIT = 1024;
const cache = new Map<string, Segment[]>();

function compile(fmt: string): Segment[] {
  let c = cache.get(fmt);
  if (c === undefined) {
    c = parse(fmt);
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
    cache.set(fmt, c);
  }
  return c;
}

/**
 * Parses a printf-style format into literal text and conversions, as
 * `PyUnicode_Format` reads it (cached; the returned array is a fresh copy). A conversion
 * whose `error` is set is the last segment: CPython stops there.
 */
export function parsePercentFormat(fmt: string): PercentSegment[] {
  return compile(fmt).slice();
}

/**
 * Python's `fmt % args`. An array is the args tuple; any other object is a mapping (own
 * properties, or a `Map`'s entries) for `%(key)s`, and is itself the single argument of
 * positional conversions (as in Python, where `'%s' % {...}` renders the dict).
 *
 * @throws LoggingTypeError, LoggingValueError, LoggingKeyError, LoggingOverflowError with
 *   CPython's messages (`not enough arguments for format string`, ...).
 */
export function percentFormat(
  fmt: string,
  args: readonly unknown[] | Record<string, unknown>,
): string {
  const segments = compile(fmt);
  let tuple: readonly unknown[] | null;
  let dict: object | null;
  let current: unknown;
  let arglen: number;
  let argidx: number;
  if (Array.isArray(args)) {
    tuple = args;
    dict = null;
    current = undefined;
    arglen = args.length;
    argidx = 0;
  } else {
    tuple = null;
    dict = typeof args === 'object' && args !== null ? args : null;
    current = args;
    arglen = -1;
    argidx = -2;
  }
  let out = '';
  for (let s = 0; s < segments.length; s++) {
    const seg = segments[s]!;
    if (typeof seg === 'string') {
      out += seg;
      continue;
    }
    // Fast paths: bare %s of a string, bare %d of an int.
    if (seg.kind !== K_GENERAL && argidx < arglen && tuple !== null) {
      const v = tuple[argidx];
      if (
        seg.kind === K_S ? typeof v === 'string' : typeof v === 'number' && Number.isSafeInteger(v)
      ) {
        argidx++;
        out += seg.kind === K_S ? (v as string) : String(v);
        continue;
      }
    }
    const error = seg.error;
    if (seg.key !== null) {
      if (dict === null) throw new LoggingTypeError('format requires a mapping');
      if (error !== null && error.stage === 'key') throw new LoggingValueError(error.message);
      current = lookup(dict, seg.key);
      tuple = null;
      arglen = -1;
      argidx = -2;
    }
    if (error !== null && error.stage === 'width') throw new LoggingValueError(error.message);
    let width = -1;
    let bits = seg.bits;
    if (seg.width === '*') {
      width = starArg(nextArg(), false);
      if (width < 0) {
        bits |= F_LJUST;
        width = -width;
      }
    } else if (seg.width !== null) {
      width = seg.width;
    }
    if (error !== null && error.stage === 'precision') throw new LoggingValueError(error.message);
    let prec = -1;
    if (seg.precision === '*') {
      prec = starArg(nextArg(), true);
      if (prec < 0) prec = 0;
    } else if (seg.precision !== null) {
      prec = seg.precision;
    }
    if (error !== null) throw new LoggingValueError(error.message);
    out += formatConversion(seg.conversion, seg.index, nextArg(), width, prec, bits);
  }
  if (argidx < arglen && dict === null) {
    throw new LoggingTypeError('not all arguments converted during string formatting');
  }
  return out;

  function nextArg(): unknown {
    if (argidx < arglen) {
      const v = arglen < 0 ? current : tuple![argidx];
      argidx++;
      return v;
    }
    throw new LoggingTypeError('not enough arguments for format string');
  }
}

function lookup(dict: object, key: string): unknown {
  if (dict instanceof Map) {
    if (dict.has(key)) return dict.get(key);
  } else if (Object.hasOwn(dict, key)) {
    return (dict as Record<string, unknown>)[key];
  }
  throw new LoggingKeyError(pyRepr(key));
}

/** A `*` width or precision: Python ints only, within C's ssize_t / int. */
function starArg(v: unknown, isPrecision: boolean): number {
  let n: number;
  if (typeof v === 'number' && isPyInt(v)) n = v;
  else if (typeof v === 'boolean') n = v ? 1 : 0;
  else if (typeof v === 'bigint') {
    const limit = isPrecision ? 2147483647n : SSIZE_MAX;
    if (v > limit || v < -limit - 1n) {
      throw new LoggingOverflowError(
        `Python int too large to convert to C ${isPrecision ? 'int' : 'ssize_t'}`,
      );
    }
    n = Number(v);
  } else {
    throw new LoggingTypeError('* wants int');
  }
  if (isPrecision && (n > INT_MAX || n < -INT_MAX - 1)) {
    throw new LoggingOverflowError('Python int too large to convert to C int');
  }
  return n;
}

/**
 * Formats one conversion of `value` as `PyUnicode_Format` does, for callers that fetch
 * arguments themselves (the Formatter's `%` style). `width`/`precision` are the values of
 * `*` (a negative width left-justifies; a negative precision means 0); when omitted, the
 * spec's own numbers are used (a `*` then counts as absent). Raises the spec's parse
 * `error`, if any, and CPython's conversion errors.
 */
export function formatPercentSpec(
  spec: PercentSpec,
  value: unknown,
  width?: number,
  precision?: number,
): string {
  if (spec.error !== null) throw new LoggingValueError(spec.error.message);
  let bits = (spec as Partial<CompiledSpec>).bits ?? flagBits(spec.flags);
  let w = width ?? (typeof spec.width === 'number' ? spec.width : -1);
  if (w < 0 && width !== undefined) {
    bits |= F_LJUST;
    w = -w;
  }
  let p = precision ?? (typeof spec.precision === 'number' ? spec.precision : -1);
  if (p < 0 && precision !== undefined) p = 0;
  return formatConversion(spec.conversion, spec.index, value, w, p, bits);
}

function flagBits(flags: string): number {
  let bits = 0;
  for (const f of flags) {
    if (f === '-') bits |= F_LJUST;
    else if (f === '+') bits |= F_SIGN;
    else if (f === ' ') bits |= F_BLANK;
    else if (f === '#') bits |= F_ALT;
    else if (f === '0') bits |= F_ZERO;
  }
  return bits;
}

/**
 * @internal How many positional arguments `fmt % args` consumes (`*` widths and precisions
 * included), or -1 when the format uses `%(key)` lookups (it then takes one mapping). Parsing
 * stops at a conversion CPython cannot parse, as `percentFormat` does.
 */
export function percentArgCount(fmt: string): number {
  if (fmt.indexOf('%') < 0) return 0;
  let n = 0;
  for (const seg of compile(fmt)) {
    if (typeof seg === 'string') continue;
    if (seg.key !== null) return -1;
    if (seg.error !== null) break;
    if (seg.width === '*') n++;
    if (seg.precision === '*') n++;
    n++;
  }
  return n;
}
