import { describe, expect, it } from 'vitest';
import type { LoggingError } from '../errors.js';
import { makeLogRecord } from '../record.js';
import { StrFormatStyle } from './str-format-style.js';

const record = () =>
  makeLogRecord({
    name: 'app.db',
    levelname: 'INFO',
    levelno: 20,
    lineno: 7,
    message: 'hi',
    args: ['primary', 12],
    width: 6,
    ctx: { user: { id: 42 }, tags: ['a', 'b'] },
    mapping: new Map<unknown, unknown>([['k', 'v']]),
  });

function outcome(fmt: string, validate = false): string {
  try {
    const s = new StrFormatStyle(fmt);
    if (validate) s.validate();
    return s.format(record());
  } catch (e) {
    const err = e as LoggingError;
    return `${err.pythonType}: ${err.message}`;
  }
}

describe('StrFormatStyle.format()', () => {
  it('renders plain fields, escaped braces, conversions and specs', () => {
    expect(outcome('{{{levelname}}} {name!r:>10} {lineno:03d} {message}')).toBe(
      "{INFO}   'app.db' 007 hi",
    );
  });

  it('expands nested fields in the spec', () => {
    expect(outcome('[{name:>{width}}]')).toBe('[app.db]');
    expect(outcome('[{lineno:>{width}}]')).toBe('[     7]');
  });

  it('indexes strings by code point, the args tuple and mappings', () => {
    expect(outcome('{name[0]}{args[1]:05d}{args[0][2]}')).toBe('a00012i');
    expect(outcome('{mapping[k]}')).toBe('v');
    expect(outcome('{ctx[tags][1]}')).toBe('b');
  });

  it('reads JavaScript properties for attribute access', () => {
    expect(outcome('{ctx.user.id}')).toBe('42');
    expect(outcome('{ctx.nope}')).toBe("AttributeError: 'dict' object has no attribute 'nope'");
  });

  it('raises CPython errors for bad indexes, in CPython order', () => {
    expect(outcome('{args[5]}')).toBe('IndexError: tuple index out of range');
    expect(outcome('{ctx[tags][5]}')).toBe('IndexError: list index out of range');
    expect(outcome('{name[9]}')).toBe('IndexError: string index out of range');
    expect(outcome('{name[x]}')).toBe("TypeError: string indices must be integers, not 'str'");
    expect(outcome('{lineno[0]}')).toBe("TypeError: 'int' object is not subscriptable");
    expect(outcome('{ctx[nope]}')).toBe("ValueError: Formatting field not found in record: 'nope'");
    expect(outcome('{nosuch[0]x}')).toBe(
      "ValueError: Formatting field not found in record: 'nosuch'",
    );
    expect(outcome('{name[0]x}')).toBe(
      "ValueError: Only '.' or '[' may follow ']' in format field specifier",
    );
  });

  it('raises IndexError for positional fields (logging passes no positional args)', () => {
    expect(outcome('{}')).toBe(
      'IndexError: Replacement index 0 out of range for positional args tuple',
    );
    expect(outcome('{name}{3}')).toBe(
      'IndexError: Replacement index 3 out of range for positional args tuple',
    );
  });

  it('raises conversion and recursion errors after the field lookup', () => {
    expect(outcome('{name!z}')).toBe('ValueError: Unknown conversion specifier z');
    expect(outcome('{nosuch!z}')).toBe(
      "ValueError: Formatting field not found in record: 'nosuch'",
    );
    expect(outcome('{name:{width:{width}}}')).toBe('ValueError: Max string recursion exceeded');
  });

  it('raises a parse error only after the fields before it are rendered', () => {
    expect(outcome('{nosuch} {')).toBe(
      "ValueError: Formatting field not found in record: 'nosuch'",
    );
    expect(outcome('{name} {')).toBe("ValueError: Single '{' encountered in format string");
  });
});

describe('StrFormatStyle.validate()', () => {
  const cases: [string, string][] = [
    ['no fields', 'ValueError: invalid format: no fields'],
    ['{}', 'ValueError: invalid format: no fields'],
    ['{name', "ValueError: invalid format: expected '}' before end of string"],
    ['{name!x}', "ValueError: invalid format: invalid conversion: 'x'"],
    ['{name:<<<}', "ValueError: invalid format: bad specifier: '<<<'"],
    ['{a b}', "ValueError: invalid format: invalid field name/expression: 'a b'"],
  ];
  for (const [fmt, error] of cases) {
    it(`rejects ${JSON.stringify(fmt)}`, () => {
      expect(outcome(fmt, true)).toBe(error);
    });
  }

  it('accepts what CPython accepts, including a trailing newline after a spec', () => {
    expect(() => new StrFormatStyle('{lineno:D}').validate()).not.toThrow();
    expect(() => new StrFormatStyle('{lineno:5\n}').validate()).not.toThrow();
    expect(() => new StrFormatStyle('{lineno:{width}}').validate()).not.toThrow();
  });
});

describe('StrFormatStyle.usesTime() and fields()', () => {
  it('detects {asctime and lists top-level names, nested ones included', () => {
    const s = new StrFormatStyle('{asctime:>5} {name[0]} {lineno:{width}}');
    expect(s.usesTime()).toBe(true);
    expect(s.fields()).toEqual(['asctime', 'name', 'lineno', 'width']);
    expect(new StrFormatStyle(null)._fmt).toBe('{message}');
  });
});
