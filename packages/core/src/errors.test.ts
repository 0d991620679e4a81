import { describe, expect, it } from 'vitest';
import {
  LoggingAttributeError,
  LoggingError,
  LoggingIndexError,
  LoggingKeyError,
  LoggingOverflowError,
  LoggingTypeError,
  LoggingValueError,
} from './errors.js';
import { checkLevel } from './levels.js';
import { percentFormat } from './text/percent-format.js';

describe('LoggingError classes', () => {
  it.each([
    [LoggingTypeError, TypeError, 'TypeError'],
    [LoggingAttributeError, TypeError, 'AttributeError'],
    [LoggingValueError, RangeError, 'ValueError'],
    [LoggingKeyError, RangeError, 'KeyError'],
    [LoggingIndexError, RangeError, 'IndexError'],
    [LoggingOverflowError, RangeError, 'OverflowError'],
  ] as const)('%o is an instance of its nearest built-in, Error and LoggingError', (C, B, py) => {
    const e = new C('text', { cause: 1 });
    expect(e).toBeInstanceOf(B);
    expect(e).toBeInstanceOf(Error);
    expect(e).toBeInstanceOf(LoggingError);
    expect(e).toBeInstanceOf(C);
    expect([e.name, e.message, e.pythonType, e.pythonMessage, e.cause]).toEqual([
      C.name,
      'text',
      py,
      'text',
      1,
    ]);
    expect(String(e.stack)).toMatch(new RegExp(`^${C.name}: text\\n`));
  });

  it('are told apart by instanceof (a TypeError is not a ValueError)', () => {
    const t = new LoggingTypeError('t');
    expect(t instanceof LoggingValueError).toBe(false);
    expect(new TypeError('plain') instanceof LoggingError).toBe(false);
  });

  it('reach a catch (e) { if (e instanceof TypeError) } written for Node errors', () => {
    const caught: string[] = [];
    for (const f of [() => percentFormat('%d', ['x']), () => checkLevel('nope')]) {
      try {
        f();
      } catch (e) {
        if (e instanceof TypeError) caught.push('TypeError');
        else if (e instanceof RangeError) caught.push('RangeError');
      }
    }
    expect(caught).toEqual(['TypeError', 'RangeError']);
  });

  it('keep CPython text in pythonMessage when message carries a hint', () => {
    const e = new LoggingValueError("Unknown level: 'info'", { hint: "use 'INFO'" });
    expect([e.message, e.pythonMessage]).toEqual([
      "Unknown level: 'info' (use 'INFO')",
      "Unknown level: 'info'",
    ]);
  });
});
