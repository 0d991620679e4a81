// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is string.Template syntax here.
import { describe, expect, it } from 'vitest';
import type { LoggingError } from '../errors.js';
import { makeLogRecord } from '../record.js';
import { StringTemplateStyle } from './string-template-style.js';

const record = () => makeLogRecord({ name: 'web', lineno: 88, message: 'GET /', user: 'alice' });

function outcome(fmt: string, validate = false, defaults?: Record<string, unknown>): string {
  try {
    const s = new StringTemplateStyle(fmt, { defaults: defaults ?? null });
    if (validate) s.validate();
    return s.format(record());
  } catch (e) {
    const err = e as LoggingError;
    return `${err.pythonType}: ${err.message}`;
  }
}

describe('StringTemplateStyle.format()', () => {
  it('substitutes $name, ${name} and $$ with str() of the value', () => {
    expect(outcome('$name:${lineno}$$ $message')).toBe('web:88$ GET /');
  });

  it('ends identifiers at non-ASCII characters', () => {
    expect(outcome('$nameé')).toBe('webé');
  });

  it('fills missing fields from defaults only', () => {
    expect(outcome('$user $ip', false, { ip: '-', user: 'x' })).toBe('alice -');
  });

  it('raises the missing field before a later bare $, and the bare $ otherwise', () => {
    expect(outcome('$nosuch $')).toBe("ValueError: Formatting field not found in record: 'nosuch'");
    expect(outcome('$name $')).toBe('ValueError: Invalid placeholder in string: line 1, col 7');
  });
});

describe('StringTemplateStyle.validate()', () => {
  it("rejects a bare '$' and a format without fields", () => {
    expect(outcome('$ name', true)).toBe("ValueError: invalid format: bare '$' not allowed");
    expect(outcome('$$name', true)).toBe('ValueError: invalid format: no fields');
    expect(outcome('%(name)s', true)).toBe('ValueError: invalid format: no fields');
  });
});

describe('StringTemplateStyle.usesTime()', () => {
  it('detects both $asctime and ${asctime}', () => {
    expect(new StringTemplateStyle('$asctime').usesTime()).toBe(true);
    expect(new StringTemplateStyle('${asctime}').usesTime()).toBe(true);
    expect(new StringTemplateStyle('${message}').usesTime()).toBe(false);
    expect(new StringTemplateStyle('').fields()).toEqual(['message']);
  });
});
