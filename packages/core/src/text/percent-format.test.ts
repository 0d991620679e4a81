import { describe, expect, it } from 'vitest';
import { LoggingKeyError, LoggingTypeError, LoggingValueError } from '../errors.js';
import { formatPercentSpec, parsePercentFormat, percentFormat } from './percent-format.js';
import { PYTHON_NOTE, capture, hasPython311, runPython } from './test-support/cpython.js';

/** (format, args): an array is the args tuple, an object the mapping. */
const CASES: [string, unknown[] | Record<string, unknown>][] = [
  // Conversions, flags, width, precision.
  ['%s|%r|%a', ['é', 'é', 'é']],
  ['%5s|%-5s|%.2s|%5.1s|%05s', ['ab', 'ab', 'abc', 'xyz', 'q']],
  ['%d %i %u', [42, -7, 3.99]],
  ['%+d % d %+ d %05d %-5d| %08.3d %.3d', [5, 5, 5, -5, 5, -5, -5]],
  ['%x %X %o %#x %#X %#o %#08x %#-8x|', [255, 255, 8, 255, 255, 8, 255, 255]],
  ['%#.5x %#5x %o %#o', [255, 255, -8, 0]],
  ['%e %E %f %F %g %G', [1234.5, 1234.5, 1234.5, -0.5, 1e-5, 1e20]],
  ['%.0f %.0f %.2f %.1f %.0f', [2.5, 3.5, 0.125, -0.04, -0.5]],
  ['%#.0f %#.0e %#g %#.3g %.3g %g', [2.5, 2.5, 1.5, 100.5, 100.5, 123456789.5]],
  ['%10.3f|%-10.3e|%+.2g|% .1f', [1.23456, 1.23456, 0.5, 2.25]],
  ['%05f %+05f %-05f|', [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NaN]],
  ['%.60f', [0.1]],
  ['%c%c%c %3c|%-3c|', [65, 'é', 0x1f600, 'x', 66]],
  ['%5s|%.1s|%-4s|', ['😀', '😀😀', 'é😀']],
  ['%r %a %r', ["it's", 'naïve 😀', 'tab\t"q"']],
  ['%ld %hi %Lf', [1, 2, 1.5]],
  ['%s %d', [12345678901234567890n, -(2n ** 70n)]],
  ['%x %o %e', [2n ** 64n, -(2n ** 64n), 10n ** 30n]],
  // Star width and precision.
  ['%*d|%-*d|%*d|', [5, 1, 5, 2, -5, 3]],
  ['%.*f|%*.*f|%.*s', [2, 1.23456, 8, 3, 2.5, -1, 'abc']],
  // %% and literals.
  ['100%% sure %s', ['x']],
  ['%s%%', ['a']],
  ['%%', []],
  // Mapping form.
  ['%(a)s %(b)05.1f %(a)r %%', { a: 'x', b: 2.25 }],
  ['%(a(b)c)s', { 'a(b)c': 'nested' }],
  ['%()s', { '': 'empty key' }],
  ['plain', { a: 1 }],
  ['%(a)s %(missing)s', { a: 1 }],
  ['%(user)s %d', { user: 'u' }],
  ['%(a)', { a: 1 }],
  ['%(a', { a: 1 }],
  ['%(a)%', { a: 1 }],
  ['%(a)s', ['x']],
  // Mismatches and bad formats, in CPython's order.
  ['%s %s', ['a']],
  ['a', ['a']],
  ['%%', ['a']],
  ['%d', ['x']],
  ['%i %u', [1, 'x']],
  ['%x', [3.5]],
  ['%X', ['s']],
  ['%f', ['1']],
  ['%c', ['ab']],
  ['%c', [1.5]],
  ['%c', [0x110000]],
  ['%c', [-1]],
  ['%*d', ['x', 1]],
  ['%.*d', [1.5, 1]],
  ['%*d', [2n ** 63n, 1]],
  ['%.*d', [2n ** 31n, 1]],
  ['%d', [Number.POSITIVE_INFINITY]],
  ['%d', [Number.NaN]],
  ['%d', [1e300]],
  ['%f', [2n ** 1100n]],
  ['%z', []],
  ['%z', [1]],
  ['%5%', [1]],
  ['%é', [1]],
  ['😀 %😀', [1]],
  ['%s %y', ['a']],
  ['%', [1]],
  ['abc %', [1]],
  ['%*', [1]],
  ['%.', [1]],
  ['%l', [1]],
  ['%5', [1]],
  ['%-', [1]],
  ['100% sure %s', ['x']],
  ['%.100000000000000000000f', [1]],
  ['%100000000000000000000d', [1]],
  ['%s %(a)s', ['x']],
];

describe.skipIf(!hasPython311)(`percentFormat() ${PYTHON_NOTE}`, () => {
  const want = runPython(
    CASES.map(([fmt, args]) => ({ code: 'v[0] % v[1]', values: [fmt, args] })),
  );
  CASES.forEach(([fmt, args], i) => {
    it(`percentFormat(${JSON.stringify(fmt)}) with ${Array.isArray(args) ? 'a tuple' : 'a mapping'} matches fmt % args`, () => {
      expect(capture(() => percentFormat(fmt, args as unknown[]))).toEqual(want[i]);
    });
  });
});

describe('percentFormat() with JavaScript values (docs/value-rendering.md)', () => {
  it('%s renders null, undefined and booleans in JS spelling and -0 as a float', () => {
    expect(percentFormat('%s %s %s %s %s', [null, undefined, true, false, -0])).toBe(
      'null undefined true false -0.0',
    );
  });

  it('%d, %x and %f treat booleans as Python bools (ints)', () => {
    expect(percentFormat('%d %x %.1f %c', [true, true, false, true])).toBe('1 1 0.0 \x01');
  });

  it('%d of null raises the NoneType TypeError', () => {
    expect(() => percentFormat('%d', [null])).toThrow(
      new LoggingTypeError('%d format: a real number is required, not NoneType'),
    );
  });

  it('%s of an object uses its own toString, else one-line inspect', () => {
    class Msg {
      toString(): string {
        return 'msg!';
      }
    }
    expect(percentFormat('%s / %s / %r', [new Msg(), { a: [1, 2] }, 'x'])).toBe(
      "msg! / { a: [ 1, 2 ] } / 'x'",
    );
  });

  it('a Map is a mapping for %(key)s', () => {
    expect(
      percentFormat(
        '%(a)s-%(b)d',
        new Map<string, unknown>([
          ['a', 'x'],
          ['b', 2],
        ]) as never,
      ),
    ).toBe('x-2');
  });

  it('mapping lookups see own properties only, not the prototype', () => {
    expect(() => percentFormat('%(toString)s', { a: 1 })).toThrow(
      new LoggingKeyError("'toString'"),
    );
  });

  it('a positional conversion with a mapping renders the mapping itself', () => {
    expect(percentFormat('%s', { a: 1 })).toBe('{ a: 1 }');
  });

  it('an integral number beyond 2^53 is a float: %x rejects it, %d truncates it exactly', () => {
    expect(() => percentFormat('%x', [2 ** 60])).toThrow(
      new LoggingTypeError('%x format: an integer is required, not float'),
    );
    expect(percentFormat('%d', [2 ** 60])).toBe('1152921504606846976');
  });
});

describe('percentFormat() caching', () => {
  it('formats correctly across more distinct formats than the cache holds (eviction)', () => {
    for (let i = 0; i < 2500; i++) {
      expect(percentFormat(`${i}:%s`, ['x'])).toBe(`${i}:x`);
    }
    expect(percentFormat('0:%s', ['y'])).toBe('0:y');
  });

  it('parsePercentFormat() returns a fresh array of the same frozen specs each call', () => {
    const a = parsePercentFormat('a %s b');
    const b = parsePercentFormat('a %s b');
    expect(a).not.toBe(b);
    expect(a[1]).toBe(b[1]);
    expect(Object.isFrozen(a[1])).toBe(true);
  });
});

describe('parsePercentFormat()', () => {
  it('splits literals (with %% folded) and specs with key, flags, width, precision, index', () => {
    const segs = parsePercentFormat('x%%y %(k)-08.3f %*.*d é%c');
    expect(segs.length).toBe(6);
    expect(segs[0]).toBe('x%y ');
    expect(segs[1]).toMatchObject({
      key: 'k',
      flags: '-0',
      width: 8,
      precision: 3,
      conversion: 'f',
      index: 14,
      error: null,
    });
    expect(segs[2]).toBe(' ');
    expect(segs[3]).toMatchObject({
      key: null,
      flags: '',
      width: '*',
      precision: '*',
      conversion: 'd',
      index: 20,
    });
    expect(segs[4]).toBe(' é');
    expect(segs[5]).toMatchObject({ conversion: 'c', index: 24 });
  });

  it('counts the conversion index in code points, not UTF-16 units', () => {
    expect(parsePercentFormat('😀😀%z')[1]).toMatchObject({ conversion: 'z', index: 3 });
  });

  it('ends with a spec carrying the parse error and the stage it surfaces at', () => {
    expect(parsePercentFormat('%s %(a')[2]).toMatchObject({
      error: { message: 'incomplete format key', stage: 'key' },
    });
    expect(parsePercentFormat('%*')[0]).toMatchObject({
      width: '*',
      error: { message: 'incomplete format', stage: 'end' },
    });
  });
});

describe('formatPercentSpec()', () => {
  const spec = (fmt: string) => {
    const s = parsePercentFormat(fmt)[0];
    if (s === undefined || typeof s === 'string') throw new Error('not a spec');
    return s;
  };

  it("formats one conversion with the spec's own width and precision", () => {
    expect(formatPercentSpec(spec('%(x)08.2f'), 1.23456)).toBe('00001.23');
  });

  it('takes * width and precision from the caller; a negative width left-justifies', () => {
    expect(formatPercentSpec(spec('%*.*f'), 2.5, -8, 2)).toBe('2.50    ');
  });

  it('throws the parse error or the unsupported-character error of the spec', () => {
    expect(() => formatPercentSpec(spec('%(x)'), 1)).toThrow(
      new LoggingValueError('incomplete format'),
    );
    expect(() => formatPercentSpec(spec('%(x)y'), 1)).toThrow(
      new LoggingValueError("unsupported format character 'y' (0x79) at index 4"),
    );
  });
});
