import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Formatter } from './formatter.js';
import { kw } from './kwargs.js';
import { ERROR } from './levels.js';
import { LoggerAdapter } from './logger-adapter.js';
import { exception, getLogger, root } from './logging-api.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

// The Node habits of core's README ("Coming from pino / winston / console"): CPython answers
// each with a `--- Logging error ---` block or a silent drop; here the record and its data
// arrive.

let restore: () => void;
let handler: RecordListHandler;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  handler = new RecordListHandler();
  handler.setFormatter(new Formatter('%(levelname)s %(message)s'));
  root.addHandler(handler);
  root.setLevel('DEBUG');
});
afterEach(() => restore());

const only = () => {
  expect(handler.records).toHaveLength(1);
  return { record: handler.records[0]!, text: handler.lines[0]! };
};

describe('Logger calls with an Error left over after the placeholders', () => {
  it("log.error('upload failed', err) logs the message with err as exc_info and its stack", () => {
    const err = new Error('disk full');
    getLogger('up').error('upload failed', err);
    const { record, text } = only();
    expect(record.exc_info).toBe(err);
    expect(record.args).toEqual([]);
    expect(text).toMatch(/^ERROR upload failed\nError: disk full\n {4}at /);
  });

  it("log.warning('retry %s', url, err) formats the url and reports err", () => {
    const err = new TypeError('fetch failed');
    getLogger('net').warning('retry %s', 'http://127.0.0.1:1/', err);
    const { record, text } = only();
    expect(record.getMessage()).toBe('retry http://127.0.0.1:1/');
    expect(record.exc_info).toBe(err);
    expect(text).toMatch(/^WARNING retry http:\/\/127\.0\.0\.1:1\/\nTypeError: fetch failed\n/);
  });

  it('counts * widths and keeps an Error that a placeholder consumes as an argument', () => {
    const err = new Error('e');
    const log = getLogger('n');
    log.info('%*d|', 3, 7, err);
    log.info('failed: %s', err);
    expect(handler.records.map((r) => [r.getMessage(), r.exc_info])).toEqual([
      ['  7|', err],
      ['failed: Error: e', null],
    ]);
  });

  it("log.exception('while saving %s', path, err): the JSDoc example logs the record", () => {
    const err = new Error('EACCES');
    getLogger('save').exception('while saving %s', '/tmp/x', err);
    const { record, text } = only();
    expect([record.levelno, record.getMessage(), record.exc_info]).toEqual([
      ERROR,
      'while saving /tmp/x',
      err,
    ]);
    expect(text).toContain('\nError: EACCES\n');
  });

  it('leaves an explicit kw() exc_info in charge', () => {
    const mine = new Error('mine');
    getLogger('k').error('failed %s', 'job', kw({ exc_info: mine }));
    expect(only().record.exc_info).toBe(mine);
  });

  it('takes the error after a %(key) mapping', () => {
    const err = new Error('e');
    getLogger('m').error('user %(user)s failed', { user: 'ann' }, err);
    const { record } = only();
    expect([record.getMessage(), record.exc_info]).toEqual(['user ann failed', err]);
  });
});

describe('Logger calls with an Error as the message', () => {
  it('log.error(err) logs the error text with its stack', () => {
    const err = new RangeError('out of range');
    getLogger('e').error(err);
    const { record, text } = only();
    expect(record.exc_info).toBe(err);
    expect(text).toMatch(/^ERROR RangeError: out of range\nRangeError: out of range\n {4}at /);
  });
});

describe('Logger calls with an object of fields after a message without placeholders', () => {
  it("log.info('user logged in', { user, id }) puts the fields on the record", () => {
    handler.setFormatter(new Formatter('%(message)s user=%(user)s id=%(id)d'));
    getLogger('auth').info('user logged in', { user: 'ann', id: 7 });
    const { record, text } = only();
    expect([record.user, record.id]).toEqual(['ann', 7]);
    expect(text).toBe('user logged in user=ann id=7');
  });

  it('renames a field named like a record attribute with a trailing underscore', () => {
    getLogger('auth').info('login', { name: 'ann', msg: 'hi', message: 'm', levelname: 'x' });
    const { record } = only();
    expect([record.name, record.msg, record.levelname]).toEqual(['auth', 'login', 'INFO']);
    expect([record.name_, record.msg_, record.message_, record.levelname_]).toEqual([
      'ann',
      'hi',
      'm',
      'x',
    ]);
  });

  it('merges a kw() extra over the fields', () => {
    getLogger('auth').info('in', { user: 'ann', id: 1 }, kw({ extra: { id: 2 } }));
    const { record } = only();
    expect([record.user, record.id]).toEqual(['ann', 2]);
  });

  it('keeps the %(key) mapping form and a %s of the mapping as CPython has them', () => {
    const log = getLogger('m');
    log.info('user %(user)s', { user: 'ann' });
    log.info('got %s', { a: 1 });
    expect(handler.records.map((r) => [r.getMessage(), r.user, r.a])).toEqual([
      ['user ann', undefined, undefined],
      ['got { a: 1 }', undefined, undefined],
    ]);
  });
});

describe('Logger calls with keywords in a plain object (kw() forgotten)', () => {
  it("log.error('x', { exc_info: err }) works as kw() would", () => {
    const err = new Error('boom');
    getLogger('k').error('x', { exc_info: err });
    const { record, text } = only();
    expect(record.exc_info).toBe(err);
    expect(record.exc_info_).toBeUndefined();
    expect(text).toMatch(/^ERROR x\nError: boom\n/);
  });

  it('takes extra, stack_info and stacklevel too, beside fields', () => {
    getLogger('k').warning('slow', { extra: { sql: 'select 1' }, stack_info: true, ms: 5 });
    const { record } = only();
    expect([record.sql, record.ms]).toEqual(['select 1', 5]);
    expect(record.stack_info).toMatch(/^Stack \(most recent call last\):\n/);
  });
});

describe('Logger.exception() with a thrown value that is not an Error', () => {
  it('renders a thrown object instead of NoneType: None', () => {
    try {
      throw { code: 42 };
    } catch (e) {
      getLogger('t').exception(e);
    }
    const { record, text } = only();
    expect(record.exc_info).toEqual({ code: 42 });
    expect(text).toBe('ERROR { code: 42 }\nThrown value: { code: 42 }');
  });

  it('logs a thrown string as the message, without NoneType: None', () => {
    try {
      throw 'oops';
    } catch (e) {
      getLogger('t').exception(e);
    }
    expect(only().text).toBe('ERROR oops');
  });

  it('does the same through LoggerAdapter.exception() and the module-level exception()', () => {
    new LoggerAdapter(getLogger('t'), { a: 1 }).exception({ code: 1 });
    exception('while saving %s', 'p', new Error('x'));
    expect(handler.records.map((r) => [r.getMessage(), String(r.exc_info)])).toEqual([
      ['{ code: 1 }', '[object Object]'],
      ['while saving p', 'Error: x'],
    ]);
    expect(handler.records[0]!.a).toBe(1);
  });
});
