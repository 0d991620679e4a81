import { describe, expect, it } from 'vitest';
import { type FloatFormatType, floatRepr, formatFloat } from './py-float.js';
import { PYTHON_NOTE, hasPython311, runPython } from './test-support/cpython.js';

/** Values chosen to hit ties (BigInt path), the toFixed/toExponential fast path and edges. */
const VALUES: readonly number[] = [
  0.5,
  1.5,
  2.5,
  -2.5,
  3.5,
  0.125,
  0.375,
  -0.125,
  1.25,
  1e-7,
  1.5e-7,
  0.1,
  0.2,
  0.3,
  2 / 3,
  123456.789,
  1234567.5,
  1e15,
  1e16,
  1e17,
  1e21,
  1e22,
  1e23,
  1e300,
  5e-324,
  2.2250738585072014e-308,
  1.7976931348623157e308,
  2 ** 53 + 2,
  2 ** 63,
  0.0001,
  0.00001,
  999.9995,
  9.5,
  0.05,
  0.015,
  0.045,
  1 / 3,
  1e-5,
  -0.0004,
  0,
  -0,
  Number.POSITIVE_INFINITY,
  Number.NEGATIVE_INFINITY,
  Number.NaN,
];
const TYPES: readonly FloatFormatType[] = ['e', 'E', 'f', 'F', 'g', 'G'];
const PRECISIONS: readonly number[] = [0, 1, 2, 3, 6, 16, 17, 25, 60, 101, 120];

interface Case {
  x: number;
  type: FloatFormatType;
  prec: number;
  alt: boolean;
}

const cases: Case[] = [];
for (const x of VALUES) {
  for (const type of TYPES) {
    for (const prec of PRECISIONS) {
      for (const alt of [false, true]) cases.push({ x, type, prec, alt });
    }
  }
}

describe.skipIf(!hasPython311)(`formatFloat() ${PYTHON_NOTE}`, () => {
  const want = runPython(
    cases.map((c) => ({
      code: `'%${c.alt ? '#' : ''}.${c.prec}${c.type}' % float(v[0])`,
      values: [c.x],
    })),
  );

  it(`formatFloat() matches '%[#].<p><type>' % x for ${cases.length} value/type/precision combinations`, () => {
    const bad = cases
      .map((c, i) => ({ ...c, got: formatFloat(c.x, c.type, c.prec, c.alt), want: want[i] }))
      .filter((r) => JSON.stringify({ ok: r.got }) !== JSON.stringify(r.want));
    expect(bad).toEqual([]);
  });
});

describe.skipIf(!hasPython311)(`floatRepr() ${PYTHON_NOTE}`, () => {
  const more = [...VALUES, 1e-4, 9999999999999998, 1e16 + 2, 0.1 + 0.2, 4.35, 1e-323, 123e-20];
  const want = runPython(more.map((x) => ({ code: 'repr(float(v[0]))', values: [x] })));

  it('floatRepr() matches repr(float) for edge values (exponent switch at 1e-4 and 1e16)', () => {
    expect(more.map((x) => ({ ok: floatRepr(x) }))).toEqual(want);
  });

  it("formatFloat(x, 'r', 0, false, true) equals floatRepr(x)", () => {
    for (const x of more) expect(formatFloat(x, 'r', 0, false, true)).toBe(floatRepr(x));
  });
});

describe('formatFloat() documented CPython quirks', () => {
  it('rounds the exact binary value half-to-even where toFixed rounds half-up', () => {
    expect(formatFloat(2.5, 'f', 0)).toBe('2');
    expect(formatFloat(0.125, 'f', 2)).toBe('0.12');
    expect((2.5).toFixed(0)).toBe('3');
  });

  it('gives the exact decimal expansion for %.60f', () => {
    expect(formatFloat(0.1, 'f', 60)).toBe(
      '0.100000000000000005551115123125782702118158340454101562500000',
    );
  });
});
