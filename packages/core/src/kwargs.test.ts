import { describe, expect, it } from 'vitest';
import { LoggingTypeError } from './errors.js';
import { isKw, kw, type LogKwargs } from './kwargs.js';

describe('kw() with valid keywords', () => {
  it('returns a branded copy of the own keys, leaving the argument untouched', () => {
    const extra = { user: 'ann' };
    const options: LogKwargs = { extra, stack_info: true, stacklevel: 2, exc_info: undefined };
    const k = kw(options);
    expect(isKw(k)).toBe(true);
    expect(isKw(options)).toBe(false);
    expect(k).not.toBe(options);
    expect(Object.keys(k)).toEqual(['extra', 'stack_info', 'stacklevel', 'exc_info']);
    expect(k.extra).toBe(extra);
    expect('exc_info' in k).toBe(true);
    expect(Object.getOwnPropertySymbols(k)).toEqual([Symbol.for('logweave.kw')]);
  });

  it('re-brands a kw() object and copies no inherited keys', () => {
    const k = kw(kw({ stacklevel: 3 }));
    expect(isKw(k)).toBe(true);
    expect(Object.keys(k)).toEqual(['stacklevel']);
    const inherited = kw(Object.create({ bogus: 1 }) as LogKwargs);
    expect(isKw(inherited)).toBe(true);
    expect('bogus' in inherited).toBe(false);
  });

  it('keeps the brand true when the argument carries the brand symbol with another value', () => {
    const odd = { [Symbol.for('logweave.kw')]: 'no', stacklevel: 1 } as unknown as LogKwargs;
    expect(isKw(kw(odd))).toBe(true);
  });
});

describe('kw() with unknown keywords', () => {
  it.each(['exc', 'Extra', 'msg', '0'])("throws CPython's TypeError for %s", (key) => {
    expect(() => kw({ extra: {}, [key]: 1 } as LogKwargs)).toThrow(
      new LoggingTypeError(`Logger._log() got an unexpected keyword argument '${key}'`),
    );
  });
});

describe('isKw() on other values', () => {
  it.each([null, undefined, 1, 'kw', {}, { extra: {} }, []])('is false for %o', (v) => {
    expect(isKw(v)).toBe(false);
  });
});
