import { describe, expect, it } from 'vitest';
import { LoggingValueError } from '../errors.js';
import { makeLogRecord } from '../record.js';
import { padString, PercentStyle } from './percent-style.js';

const record = () =>
  makeLogRecord({ name: 'app.db', levelname: 'INFO', lineno: 7, message: 'hi', created: 1.5 });

describe('PercentStyle.format()', () => {
  it('renders fields with and without specs', () => {
    const s = new PercentStyle('%(levelname)-8s|%(name)10s|%(lineno)d|%(lineno)03d|%(message)s %%');
    expect(s.format(record())).toBe('INFO    |    app.db|7|007|hi %');
  });

  it('counts code points when padding', () => {
    const r = makeLogRecord({ name: '😀' });
    expect(new PercentStyle('[%(name)3s][%(name)-3s]').format(r)).toBe('[  😀][😀  ]');
    expect(padString('😀😀', 3)).toBe(' 😀😀');
    expect(padString('abcd', -3)).toBe('abcd');
  });

  it('raises "Formatting field not found in record" for a missing field', () => {
    const s = new PercentStyle('%(nosuch)s');
    expect(() => s.format(record())).toThrow(
      new LoggingValueError("Formatting field not found in record: 'nosuch'"),
    );
  });

  it('does not treat prototype members as record fields', () => {
    expect(() => new PercentStyle('%(getMessage)s').format(record())).toThrow(
      "Formatting field not found in record: 'getMessage'",
    );
    expect(() => new PercentStyle('%(__proto__)s').format(record())).toThrow(
      "Formatting field not found in record: '__proto__'",
    );
  });

  it('fills only missing fields from defaults', () => {
    const s = new PercentStyle('%(name)s %(ip)s', { defaults: { ip: '-', name: 'shadowed' } });
    expect(s.format(record())).toBe('app.db -');
  });

  it('takes the full % operator path for positional and * specs', () => {
    expect(() => new PercentStyle('%(name)s %d').format(record())).toThrow(
      'not enough arguments for format string',
    );
    expect(() => new PercentStyle('%(name)*d').format(record())).toThrow('* wants int');
  });

  it('recompiles when _fmt is assigned', () => {
    const s = new PercentStyle('%(name)s');
    s.format(record());
    s._fmt = '%(levelname)s';
    expect(s.format(record())).toBe('INFO');
  });
});

describe('PercentStyle.validate()', () => {
  it('rejects a format without a %(name) field', () => {
    expect(() => new PercentStyle('{name}').validate()).toThrow(
      "Invalid format '{name}' for '%' style",
    );
    expect(() => new PercentStyle('%(name)').validate()).toThrow(LoggingValueError);
  });

  it('accepts Unicode field names and case-insensitive conversions', () => {
    expect(() => new PercentStyle('%(имя)S').validate()).not.toThrow();
  });
});

describe('PercentStyle.usesTime() and fields()', () => {
  it('detects asctime and lists referenced attributes', () => {
    const s = new PercentStyle('%(asctime)s %(name)s %(name)s');
    expect(s.usesTime()).toBe(true);
    expect(s.fields()).toEqual(['asctime', 'name']);
    expect(new PercentStyle(null).usesTime()).toBe(false);
    expect(new PercentStyle('')._fmt).toBe('%(message)s');
  });
});
