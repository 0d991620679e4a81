import { describe, expect, it } from 'vitest';
import { isPyInt, pyAscii, pyRepr, pyStr, pyTypeName } from './py-repr.js';
import { PYTHON_NOTE, hasPython311, runPython } from './test-support/cpython.js';

const STRINGS: readonly string[] = [
  '',
  'abc',
  "it's",
  'say "hi"',
  `both ' and "`,
  'tab\tnew\nline\rcr',
  'back\\slash',
  '\x00\x01\x1f\x7f',
  '\x80\x85\x9f\xa0\xa1\xad\xff',
  'é naïve café',
  '☃ 日本 😀',
  '\u200b\u2028\u2029\u00ad\ufeff',
  '\ue000 private',
  '\u0378 unassigned',
  '\ud800 lone high',
  '\udc00 lone low',
  '\u{10ffff}\u{1f600}',
  '\u3000 ideographic space',
];

describe.skipIf(!hasPython311)(
  `pyRepr()/pyAscii()/pyStr() of strings and numbers ${PYTHON_NOTE}`,
  () => {
    const reprs = runPython(
      STRINGS.map((s) => ({ code: '[repr(v[0]), ascii(v[0])]', values: [s] })),
    );
    const numbers: readonly unknown[] = [
      0,
      7,
      -42,
      2 ** 53 - 1,
      1.5,
      -0.25,
      1e-5,
      1e16,
      1e22,
      -0,
      12345678901234567890n,
    ];
    const numberStrs = runPython(
      numbers.map((n) => ({ code: '[str(v[0]), repr(v[0])]', values: [n] })),
    );

    it('pyRepr()/pyAscii() of strings match repr()/ascii() (quotes, escapes, isprintable)', () => {
      expect(STRINGS.map((s) => ({ ok: [pyRepr(s), pyAscii(s)] }))).toEqual(reprs);
    });

    it('pyStr()/pyRepr() of ints, floats and bigint match str()/repr()', () => {
      expect(numbers.map((n) => ({ ok: [pyStr(n), pyRepr(n)] }))).toEqual(numberStrs);
    });
  },
);

describe('pyStr() of JavaScript values Python has no twin for (docs/value-rendering.md)', () => {
  class Message {
    toString(): string {
      return 'custom message';
    }
  }
  class Plain {
    x = 1;
  }
  const cases: [string, unknown, string][] = [
    ['null', null, 'null'],
    ['undefined', undefined, 'undefined'],
    ['true', true, 'true'],
    ['false', false, 'false'],
    ['a bigint', 10n ** 20n, '100000000000000000000'],
    ['-0 (a float)', -0, '-0.0'],
    ['an integral number beyond 2^53 (a float)', 2 ** 60, '1.152921504606847e+18'],
    ['a symbol', Symbol('s'), 'Symbol(s)'],
    ['an Error', new TypeError('boom'), 'TypeError: boom'],
    ['an object whose class defines toString', new Message(), 'custom message'],
    ['a plain object', { a: 1, b: 'x' }, "{ a: 1, b: 'x' }"],
    ['an array', [1, 'a', null], "[ 1, 'a', null ]"],
    ['a Map', new Map([['k', 1]]), "Map(1) { 'k' => 1 }"],
    ['a Set', new Set([1, 2]), 'Set(2) { 1, 2 }'],
    ['a Date', new Date(0), '1970-01-01T00:00:00.000Z'],
    ['a class instance without toString', new Plain(), 'Plain { x: 1 }'],
    ['a function', function named() {}, '[Function: named]'],
    [
      'a nested object (one line, depth 2)',
      { a: { b: { c: { d: 1 } } } },
      '{ a: { b: { c: [Object] } } }',
    ],
  ];
  for (const [name, value, want] of cases) {
    it(`pyStr() of ${name}`, () => {
      expect(pyStr(value)).toBe(want);
    });
  }
});

describe('pyRepr()/pyAscii() of JavaScript values Python has no twin for', () => {
  it('pyRepr() of an Error is Name(repr(message)) as Python prints exceptions', () => {
    expect(pyRepr(new RangeError("it's"))).toBe(`RangeError("it's")`);
    expect(pyRepr(new Error(''))).toBe('Error()');
  });

  it('pyRepr() of null, undefined, booleans and numbers equals pyStr()', () => {
    for (const v of [null, undefined, true, false, 3, 2.5, 10n]) expect(pyRepr(v)).toBe(pyStr(v));
  });

  it('pyRepr() of an object with its own toString uses inspect, not toString', () => {
    const o = { toString: () => 'x' };
    expect(pyStr(o)).toBe('x');
    expect(pyRepr(o)).toBe('{ toString: [Function: toString] }');
  });

  it('pyAscii() escapes non-ASCII in the inspect output of objects', () => {
    expect(pyAscii({ k: 'é😀' })).toBe("{ k: '\\xe9\\U0001f600' }");
  });
});

describe('pyTypeName() and isPyInt() (the JS → Python type mapping)', () => {
  const cases: [unknown, string][] = [
    ['s', 'str'],
    [3, 'int'],
    [3.5, 'float'],
    [-0, 'float'],
    [2 ** 53, 'float'],
    [Number.NaN, 'float'],
    [5n, 'int'],
    [true, 'bool'],
    [null, 'NoneType'],
    [undefined, 'NoneType'],
    [[1], 'list'],
    [{}, 'dict'],
    [Object.create(null), 'dict'],
    [new Map(), 'dict'],
    [new Set(), 'set'],
    [new Date(0), 'Date'],
    [() => 1, 'function'],
    [Symbol('x'), 'symbol'],
  ];
  for (const [v, name] of cases) {
    it(`pyTypeName(${pyRepr(v)}) is '${name}'`, () => {
      expect(pyTypeName(v)).toBe(name);
    });
  }

  it('isPyInt() accepts safe integers except -0', () => {
    expect([0, 1, -5, 2 ** 53 - 1].every(isPyInt)).toBe(true);
    expect([-0, 0.5, 2 ** 53, Number.POSITIVE_INFINITY, Number.NaN].some(isPyInt)).toBe(false);
  });
});
