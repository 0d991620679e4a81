/**
 * Python-exact float formatting: CPython's `PyOS_double_to_string` (the `format_float_short`
 * layout over David Gay's `_Py_dg_dtoa` digits). Digits are the exact binary value rounded
 * half-to-even: `'%.0f' % 2.5 == '2'`, `'%.2f' % 0.125 == '0.12'`, and `'%.60f'` gives the
 * exact expansion.
 *
 * Digits come from `toFixed`/`toExponential` (which V8 computes exactly, rounding ties away
 * from zero) when a cheap exact test proves the value is not a tie at that position; ties,
 * precisions beyond 100 and huge values go through exact BigInt arithmetic.
 *
 * @module
 */

/** Presentation types of {@link formatFloat} (Python's `%e %E %f %F %g %G` and `repr`). */
export type FloatFormatType = 'e' | 'E' | 'f' | 'F' | 'g' | 'G' | 'r';

/** Digits (no leading/trailing zeros, `'0'` for zero) and decimal point position. */
interface DtoaResult {
  digits: string;
  /** Value is `0.digits × 10^decpt`. */
  decpt: number;
}

const scratch = new DataView(new ArrayBuffer(8));

/** `|x| = m × 2^e` exactly, for finite non-zero `x`. */
function decompose(x: number): { m: bigint; e: number } {
  scratch.setFloat64(0, x);
  const hi = scratch.getUint32(0);
  const lo = scratch.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  const fracHi = hi & 0xfffff;
  let m = (BigInt(fracHi) << 32n) | BigInt(lo);
  if (biased === 0) return { m, e: -1074 };
  m |= 1n << 52n;
  return { m, e: biased - 1075 };
}

const bigPow10Cache: bigint[] = [];

function bigPow10(k: number): bigint {
  if (k < 64) {
    let v = bigPow10Cache[k];
    if (v === undefined) {
      v = 10n ** BigInt(k);
      bigPow10Cache[k] = v;
    }
    return v;
  }
  return 10n ** BigInt(k);
}

/** `round_half_even(m × 2^e / 10^k)`. */
function roundScaled(m: bigint, e: number, k: number): bigint {
  let num = m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  if (k >= 0) den *= bigPow10(k);
  else num *= bigPow10(-k);
  const q = num / den;
  const r2 = (num - q * den) * 2n;
  if (r2 > den || (r2 === den && (q & 1n) === 1n)) return q + 1n;
  return q;
}

/** Exact `floor(log10(m × 2^e))`. */
function decimalExponent(x: number, m: bigint, e: number): number {
  let est = Math.floor(Math.log10(x));
  let num = m;
  let den = 1n;
  if (e >= 0) num <<= BigInt(e);
  else den <<= BigInt(-e);
  // Adjust until 10^est <= x < 10^(est+1).
  for (;;) {
    const lowOk = est >= 0 ? num >= den * bigPow10(est) : num * bigPow10(-est) >= den;
    if (!lowOk) {
      est--;
      continue;
    }
    const hiOk = est + 1 >= 0 ? num < den * bigPow10(est + 1) : num * bigPow10(-est - 1) < den;
    if (!hiOk) {
      est++;
      continue;
    }
    return est;
  }
}

function stripTrailingZeros(digits: string): string {
  let end = digits.length;
  while (end > 1 && digits.charCodeAt(end - 1) === 48) end--;
  return end === digits.length ? digits : digits.slice(0, end);
}

const ZERO: DtoaResult = { digits: '0', decpt: 1 };

/** Mode 0: the shortest digits that round-trip (JS and Gay's dtoa agree on these). */
function dtoaShortest(ax: number): DtoaResult {
  if (ax === 0) return ZERO;
  const s = ax.toExponential();
  const ePos = s.indexOf('e');
  const mant = s.charCodeAt(1) === 46 ? s[0]! + s.slice(2, ePos) : s.slice(0, ePos);
  return { digits: mant, decpt: Number(s.slice(ePos + 1)) + 1 };
}

/** Is `ax / 10^k` exactly halfway between two integers? (`ax` finite, positive.) */
function isTie(ax: number, k: number): boolean | null {
  if (k <= 0) {
    // 2·ax·10^-k is odd  ⇔  ax·2^(1-k) is an odd integer (5^-k is odd).
    if (1 - k > 1023) return null;
    const y = ax * 2 ** (1 - k);
    return Number.isInteger(y) && y % 2 === 1;
  }
  if (!Number.isInteger(ax)) return false;
  if (k > 22) return null;
  // ax = odd × 5^k × 2^(k-1); scaling by 2^(k-1) and dividing an exact multiple of 5^k are exact.
  const m = ax / 2 ** (k - 1);
  if (!Number.isInteger(m)) return false;
  const p5 = 5 ** k;
  if (m % p5 !== 0) return false;
  return (m / p5) % 2 === 1;
}

/** Mode 2: `n` (>= 1) significant digits, half-even on the exact value, zeros stripped. */
function dtoaSignificant(ax: number, n: number): DtoaResult {
  if (ax === 0) return ZERO;
  if (n <= 101) {
    const s = ax.toExponential(n - 1);
    const ePos = s.indexOf('e');
    const exp = Number(s.slice(ePos + 1));
    if (isTie(ax, exp - (n - 1)) === false) {
      const mant = n === 1 ? s.slice(0, ePos) : s[0]! + s.slice(2, ePos);
      return { digits: stripTrailingZeros(mant), decpt: exp + 1 };
    }
  }
  const { m, e } = decompose(ax);
  let exp = decimalExponent(ax, m, e);
  let q = roundScaled(m, e, exp - (n - 1));
  if (q === bigPow10(n)) {
    q = bigPow10(n - 1);
    exp++;
  }
  return { digits: stripTrailingZeros(q.toString()), decpt: exp + 1 };
}

/** Mode 3: `p` (>= 0) digits after the point, half-even on the exact value, zeros stripped. */
function dtoaFixed(ax: number, p: number): DtoaResult {
  if (ax === 0) return ZERO;
  let all: string;
  if (ax < 1e21 && p <= 100 && isTie(ax, -p) === false) {
    const s = ax.toFixed(p);
    all = p === 0 ? s : s.slice(0, s.length - p - 1) + s.slice(s.length - p);
  } else {
    const { m, e } = decompose(ax);
    all = roundScaled(m, e, -p).toString();
  }
  let lead = 0;
  while (lead < all.length && all.charCodeAt(lead) === 48) lead++;
  if (lead === all.length) return ZERO;
  const digits = stripTrailingZeros(lead === 0 ? all : all.slice(lead));
  return { digits, decpt: all.length - lead - p };
}

function zeros(n: number): string {
  return n > 0 ? '0'.repeat(n) : '';
}

/**
 * CPython's `format_float_short` layout of dtoa digits. `precision` is the number of
 * significant digits for `e` (already incremented) and `g`, digits after the point for `f`.
 */
function layout(
  d: DtoaResult,
  neg: boolean,
  code: 'e' | 'f' | 'g' | 'r',
  precision: number,
  addDot0: boolean,
  alt: boolean,
  upper: boolean,
): string {
  const digits = d.digits;
  const dl = digits.length;
  let decpt = d.decpt;
  let vend = dl;
  let useExp = false;
  if (code === 'e') {
    useExp = true;
    vend = precision;
  } else if (code === 'f') {
    vend = decpt + precision;
  } else if (code === 'g') {
    if (decpt <= -4 || decpt > (addDot0 ? precision - 1 : precision)) useExp = true;
    if (alt) vend = precision;
  } else if (decpt <= -4 || decpt > 16) {
    useExp = true;
  }
  let exp = 0;
  if (useExp) {
    exp = decpt - 1;
    decpt = 1;
  }
  const vstart = decpt <= 0 ? decpt - 1 : 0;
  if (!useExp && addDot0) vend = Math.max(vend, decpt + 1);
  else vend = Math.max(vend, decpt);

  let s = neg ? '-' : '';
  if (decpt <= 0) s += `${zeros(decpt - vstart)}.${zeros(-decpt)}`;
  else s += zeros(-vstart);
  if (decpt > 0 && decpt <= dl) s += `${digits.slice(0, decpt)}.${digits.slice(decpt)}`;
  else s += digits;
  if (dl < decpt) s += `${zeros(decpt - dl)}.${zeros(vend - decpt)}`;
  else s += zeros(vend - dl);
  if (!alt && s.charCodeAt(s.length - 1) === 46) s = s.slice(0, -1);
  if (useExp) {
    const ae = exp < 0 ? -exp : exp;
    s += `${upper ? 'E' : 'e'}${exp < 0 ? '-' : '+'}${ae < 10 ? '0' : ''}${ae}`;
  }
  return s;
}

/**
 * Python's `PyOS_double_to_string(x, type, precision, flags)`: `%e %E %f %F %g %G` with the
 * given precision, or `'r'` for `repr()` (precision ignored).
 *
 * @param alt - the `#` flag: keep the decimal point and, for `g`, trailing zeros.
 * @param addDot0 - CPython's `Py_DTSF_ADD_DOT_0`: integral results in fixed notation get
 *   `.0` (used by `repr` and by `format(x, '.3')`, the empty presentation type).
 */
export function formatFloat(
  x: number,
  type: FloatFormatType,
  precision: number,
  alt = false,
  addDot0 = false,
): string {
  const upper = type === 'E' || type === 'F' || type === 'G';
  if (Number.isNaN(x)) return upper ? 'NAN' : 'nan';
  const neg = x < 0 || (x === 0 && 1 / x < 0);
  if (x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY) {
    return neg ? (upper ? '-INF' : '-inf') : upper ? 'INF' : 'inf';
  }
  const ax = neg ? -x : x;
  switch (type) {
    case 'e':
    case 'E':
      return layout(
        dtoaSignificant(ax, precision + 1),
        neg,
        'e',
        precision + 1,
        addDot0,
        alt,
        upper,
      );
    case 'f':
    case 'F':
      return layout(dtoaFixed(ax, precision), neg, 'f', precision, addDot0, alt, upper);
    case 'g':
    case 'G': {
      const p = precision === 0 ? 1 : precision;
      return layout(dtoaSignificant(ax, p), neg, 'g', p, addDot0, alt, upper);
    }
    default:
      if (addDot0 && !alt) return floatRepr(x);
      return layout(dtoaShortest(ax), neg, 'r', 0, addDot0, alt, false);
  }
}

/**
 * Python's `repr(float)` (= `str(float)`): the shortest round-tripping digits, fixed notation
 * for `1e-4 <= |x| < 1e16` with `.0` on integral values, else `1e-05`/`1e+16` exponent form;
 * `inf`, `-inf`, `nan`, `-0.0`.
 */
export function floatRepr(x: number): string {
  const ax = x < 0 ? -x : x;
  if (ax >= 1e-4 && ax < 1e16) {
    // JavaScript's Number::toString prints the same shortest digits in fixed notation here.
    const s = String(x);
    return Number.isInteger(x) ? `${s}.0` : s;
  }
  if (Number.isNaN(x)) return 'nan';
  if (ax === Number.POSITIVE_INFINITY) return x < 0 ? '-inf' : 'inf';
  if (x === 0) return 1 / x < 0 ? '-0.0' : '0.0';
  return layout(dtoaShortest(ax), x < 0, 'r', 0, true, false, false);
}
