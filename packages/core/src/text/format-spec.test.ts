import { describe, expect, it } from 'vitest';
import { LoggingTypeError, LoggingValueError } from '../errors.js';
import { formatWithSpec } from './format-spec.js';
import { PYTHON_NOTE, capture, hasPython311, runPython } from './test-support/cpython.js';

/** (value, spec) pairs; safe integers are ints, other numbers floats, bigint ints. */
const CASES: [unknown, string][] = [
  // str
  ['abc', ''],
  ['abc', '10'],
  ['abc', '<10'],
  ['abc', '>10'],
  ['abc', '^10'],
  ['abc', '*^9'],
  ['abc', '.2'],
  ['abcdef', 'x>8.3'],
  ['a', '05'],
  ['ab', '0^7'],
  ['😀', '^5'],
  ['😀😀', '.1'],
  ['a', '😀<5'],
  ['a', '\u0663'],
  ['a', 's'],
  ['a', 'd'],
  ['a', '+'],
  ['a', ' '],
  ['a', 'z'],
  ['a', '#'],
  ['a', '=5'],
  ['a', ','],
  ['a', '_'],
  ['a', 'xx'],
  ['a', '\x01'],
  ['a', '😀'],
  // int
  [42, ''],
  [42, 'd'],
  [-42, '+d'],
  [42, ' d'],
  [42, '08d'],
  [-42, '08d'],
  [-42, '=8'],
  [-42, '^9'],
  [-42, 'x<9'],
  [1234567, ','],
  [1234567, '_'],
  [-1234567, '020,'],
  [1234, '09,'],
  [255, 'x'],
  [255, '#X'],
  [255, '#010x'],
  [123456789, '_x'],
  [2 ** 40, '#_b'],
  [12345, '_o'],
  [-255, '#010_x'],
  [65, 'c'],
  [65, '05c'],
  [65, '+c'],
  [65, '#c'],
  [-1, 'c'],
  [0x110000, 'c'],
  [5, 'n'],
  [1234567, 'n'],
  [5, ',n'],
  [5, '_n'],
  [5, ',b'],
  [5, ',c'],
  [5, '.2'],
  [5, 'z'],
  [5, 's'],
  [5, '.'],
  [5, ',_'],
  [5, '_,'],
  [5, ',,'],
  [5, '99999999999999999999'],
  [5, '=<5xx'],
  [5, '\u06615'],
  [3, 'e'],
  [3, '.2f'],
  [3, '%'],
  [2n ** 64n, ','],
  [-(2n ** 64n), '#_x'],
  [2n ** 70n, 'c'],
  [10n ** 30n, '.3e'],
  [2n ** 1100n, 'e'],
  // float
  [1.5, ''],
  [1.5, 'f'],
  [1.5, '.0f'],
  [2.5, '.0f'],
  [0.125, '.2f'],
  [-0.5, '.0f'],
  [1234567.891, ',.2f'],
  [1234567.891, '_.2f'],
  [1234.5, '010,'],
  [1234.5, '011,'],
  [1e-5, ''],
  [1e16, ''],
  [1e-5, '.1'],
  [123.456, '.0'],
  [100.5, '.3'],
  [100.5, '#.3'],
  [1e-7, '#'],
  [1.5, '#.0f'],
  [1.5, '#.0e'],
  [1.5, '#.0g'],
  [1.5, 'g'],
  [1.5, '#g'],
  [1e-5, 'g'],
  [0.5, '%'],
  [0.1, '.1%'],
  [-1e-10, 'z.2%'],
  [-0, 'z'],
  [-0, ''],
  [-0.001, 'z.1f'],
  [-0.001, 'z.1e'],
  [Number.POSITIVE_INFINITY, '010'],
  [Number.NaN, '+010.2f'],
  [Number.NEGATIVE_INFINITY, 'z'],
  [Number.POSITIVE_INFINITY, ',.2f'],
  [12.5, '*=+10'],
  [1234.5678, '^+15,.2f'],
  [1.5, ' '],
  [1.5, '  '],
  [1.5, 'd'],
  [1.5, 'x'],
  [1.5, 'c'],
  [1.5, '.2n'],
  [1234.5, '.3n'],
  [0.1, '.20'],
  [1e300, ',f'],
  [1.5, '.3000000000f'],
];

describe.skipIf(!hasPython311)(`formatWithSpec() ${PYTHON_NOTE}`, () => {
  const want = runPython(
    CASES.map(([v, spec]) => ({ code: 'format(v[0], v[1])', values: [v, spec] })),
  );
  CASES.forEach(([v, spec], i) => {
    it(`formatWithSpec(${typeof v === 'bigint' ? `${v}n` : String(v)}, ${JSON.stringify(spec)}) matches format()`, () => {
      expect(capture(() => formatWithSpec(v, spec))).toEqual(want[i]);
    });
  });
});

describe('formatWithSpec() with JavaScript values (docs/value-rendering.md)', () => {
  it('booleans are ints under numeric types and the strings true/false otherwise', () => {
    expect(formatWithSpec(true, 'd')).toBe('1');
    expect(formatWithSpec(true, '.1f')).toBe('1.0');
    expect(formatWithSpec(false, '')).toBe('false');
    expect(formatWithSpec(true, '>6')).toBe('  true');
    expect(() => formatWithSpec(true, '.1d')).toThrow(
      new LoggingValueError('Precision not allowed in integer format specifier'),
    );
  });

  it('null, undefined and objects format their pyStr() text with the str rules', () => {
    expect(formatWithSpec(null, '')).toBe('null');
    expect(formatWithSpec(undefined, '^11')).toBe(' undefined ');
    expect(formatWithSpec({ a: 1 }, '>10')).toBe('  { a: 1 }');
    expect(formatWithSpec([1, 2], '.3')).toBe('[ 1');
  });

  it('numeric presentation types on other values name their Python type', () => {
    expect(() => formatWithSpec(null, 'd')).toThrow(
      new LoggingValueError("Unknown format code 'd' for object of type 'NoneType'"),
    );
    expect(() => formatWithSpec({}, '+')).toThrow(
      new LoggingValueError('Sign not allowed in string format specifier'),
    );
  });

  it('an object with __format__(spec) formats itself; a non-string result is a TypeError', () => {
    const money = { __format__: (spec: string) => `$[${spec}]` };
    expect(formatWithSpec(money, '>8')).toBe('$[>8]');
    expect(() => formatWithSpec({ __format__: () => 5 }, '')).toThrow(
      new LoggingTypeError('__format__ must return a str, not int'),
    );
  });

  it('-0 is a float and integral numbers beyond 2^53 are floats', () => {
    expect(formatWithSpec(-0, '')).toBe('-0.0');
    expect(formatWithSpec(2 ** 60, '')).toBe('1.152921504606847e+18');
    expect(formatWithSpec(2 ** 60, ',.0f')).toBe('1,152,921,504,606,846,976');
  });
});
