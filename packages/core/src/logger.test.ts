import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { LoggingKeyError, LoggingTypeError, LoggingValueError } from './errors.js';
import { Filter } from './filter.js';
import { Formatter } from './formatter.js';
import { kw } from './kwargs.js';
import { addLevelName, CRITICAL, DEBUG, ERROR, INFO, WARNING } from './levels.js';
import { Logger } from './logger.js';
import { disable, getLogger, root } from './logging-api.js';
import { LogRecord } from './record.js';
import { setLogRecordFactory } from './record-factory.js';
import { settings } from './settings.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

let restore: () => void;
let handler: RecordListHandler;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
  handler = new RecordListHandler();
  handler.setFormatter(new Formatter('%(name)s -> %(levelname)s: %(message)s'));
  root.addHandler(handler);
});
afterEach(() => restore());

const lines = () => handler.lines;

// test_logging.BuiltinLevelsTest
describe('Logger level methods against logger levels (BuiltinLevelsTest)', () => {
  it('pass only records at or above each flat logger level', () => {
    const ERR = getLogger('ERR');
    ERR.setLevel(ERROR);
    const INF = new Logger('INF'); // a logger outside the tree works on its own
    INF.setLevel(INFO);
    INF.addHandler(handler);
    const DEB = getLogger('DEB');
    DEB.setLevel(DEBUG);
    for (const [l, name] of [
      [ERR, 'ERR'],
      [INF, 'INF'],
      [DEB, 'DEB'],
    ] as const) {
      l.critical('m%d', 1);
      l.error('m%d', 2);
      l.warning('m%d', 3);
      l.info('m%d', 4);
      l.debug('m%d', 5);
      void name;
    }
    expect(lines()).toEqual([
      'ERR -> CRITICAL: m1',
      'ERR -> ERROR: m2',
      'INF -> CRITICAL: m1',
      'INF -> ERROR: m2',
      'INF -> WARNING: m3',
      'INF -> INFO: m4',
      'DEB -> CRITICAL: m1',
      'DEB -> ERROR: m2',
      'DEB -> WARNING: m3',
      'DEB -> INFO: m4',
      'DEB -> DEBUG: m5',
    ]);
  });

  it('inherit the nearest explicit level through placeholders (nested, virtual parents)', () => {
    const INF = getLogger('INF');
    INF.setLevel(INFO);
    const INF_UNDEF = getLogger('INF.UNDEF');
    const INF_ERR_UNDEF = getLogger('INF.ERR.UNDEF'); // INF.ERR is still a placeholder
    const INF_ERR = getLogger('INF.ERR');
    INF_ERR.setLevel(ERROR);
    INF_UNDEF.info('a');
    INF_UNDEF.debug('b');
    INF_ERR_UNDEF.error('c');
    INF_ERR_UNDEF.info('d');
    expect(INF_ERR_UNDEF.parent).toBe(INF_ERR);
    expect(lines()).toEqual(['INF.UNDEF -> INFO: a', 'INF.ERR.UNDEF -> ERROR: c']);
  });
});

// test_logging.CustomLevelsAndFiltersTest (levels part)
describe('Logger.log() with custom levels', () => {
  it('names records by addLevelName and gates them like built-in levels', () => {
    const names: [number, string][] = [
      [120, 'Silent'],
      [119, 'Taciturn'],
      [118, 'Terse'],
      [117, 'Effusive'],
      [116, 'Sociable'],
      [115, 'Verbose'],
    ];
    for (const [n, s] of names) addLevelName(n, s);
    root.setLevel(117);
    for (const [n] of names) getLogger('custom').log(n, 'm%s', n);
    getLogger('custom').log(25, 'unnamed');
    expect(lines()).toEqual([
      'custom -> Silent: m120',
      'custom -> Taciturn: m119',
      'custom -> Terse: m118',
      'custom -> Effusive: m117',
    ]);
  });

  it("throws TypeError('level must be an integer') for a non-integer level, unless raiseExceptions is off", () => {
    const log = getLogger('x');
    expect(() => log.log('INFO' as unknown as number, 'm')).toThrow(
      new LoggingTypeError('level must be an integer'),
    );
    expect(() => log.log(20.5, 'm')).toThrow(LoggingTypeError);
    settings.raiseExceptions = false;
    expect(() => log.log('INFO' as unknown as number, 'm')).not.toThrow();
    expect(lines()).toEqual([]);
  });
});

// test_logging.LoggerTest
describe('Logger.setLevel()', () => {
  it('accepts numbers and registered names, and rejects others with CPython errors', () => {
    const log = getLogger('lv');
    log.setLevel('WARN');
    expect(log.level).toBe(WARNING);
    log.setLevel(7);
    expect(log.level).toBe(7);
    let thrown: unknown;
    try {
      log.setLevel('info');
    } catch (e) {
      thrown = e;
    }
    // CPython's error and text, and the spelling that works.
    expect(thrown).toBeInstanceOf(LoggingValueError);
    expect((thrown as LoggingValueError).pythonMessage).toBe("Unknown level: 'info'");
    expect((thrown as Error).message).toBe(
      "Unknown level: 'info' (level names are case-sensitive: use 'INFO')",
    );
    expect(() => log.setLevel(1.5)).toThrow(
      new LoggingTypeError('Level not an integer or a valid string: 1.5'),
    );
    expect(() => log.setLevel({} as unknown as number)).toThrow(LoggingTypeError);
  });
});

describe('Logger.isEnabledFor() cache (LoggerTest.test_caching)', () => {
  it('fills per level, is cleared by setLevel on any logger and by disable()', () => {
    const log = getLogger('cache.a');
    const other = getLogger('cache.b');
    expect(log._cache.size).toBe(0);
    expect(log.isEnabledFor(ERROR)).toBe(true);
    expect(log.isEnabledFor(INFO)).toBe(false);
    expect(Object.fromEntries(log._cache)).toEqual({ [ERROR]: true, [INFO]: false });
    other.setLevel(DEBUG);
    expect(log._cache.size).toBe(0);
    log.isEnabledFor(ERROR);
    root._cache.set(ERROR, true);
    disable(ERROR);
    expect(log._cache.size).toBe(0);
    expect(root._cache.size).toBe(0);
    expect(log.isEnabledFor(ERROR)).toBe(false);
    disable(0);
    expect(log.isEnabledFor(ERROR)).toBe(true);
  });

  it('keeps stale answers when manager.disable is set directly, as CPython does', () => {
    const log = getLogger('stale');
    expect(log.isEnabledFor(ERROR)).toBe(true);
    log.manager.disable = CRITICAL;
    expect(log.isEnabledFor(ERROR)).toBe(true);
    expect(log.isEnabledFor(WARNING)).toBe(false);
    getLogger('whatever').setLevel(0);
    expect(log.isEnabledFor(ERROR)).toBe(false);
  });

  it('is false for a disabled logger, whatever the cache says', () => {
    const log = getLogger('dis');
    expect(log.isEnabledFor(CRITICAL)).toBe(true);
    log.disabled = true;
    expect(log.isEnabledFor(CRITICAL)).toBe(false);
    log.critical('dropped');
    log.disabled = false;
    expect(log.isEnabledFor(CRITICAL)).toBe(true);
    expect(lines()).toEqual([]);
  });
});

describe('Logger level methods below the effective level', () => {
  it('become a no-op after the first call and come back when the level changes', () => {
    const log = getLogger('fast');
    const realDebug = log.debug;
    log.debug('one');
    expect(log.debug).not.toBe(realDebug);
    expect(log.debug.name).toBe('noop');
    log.debug('two');
    log.setLevel(DEBUG);
    expect(log.debug).toBe(realDebug);
    log.debug('three');
    expect(lines()).toEqual(['fast -> DEBUG: three']);
  });

  it('stay as they are when replaced on the instance (spies) or overridden by a subclass', () => {
    const log = getLogger('spied');
    const spy = vi.spyOn(log, 'debug');
    log.debug('a');
    log.debug('b');
    log.setLevel(INFO);
    log.debug('c');
    expect(spy).toHaveBeenCalledTimes(3);

    class Loud extends Logger {
      calls = 0;
      override debug(msg: unknown, ...args: unknown[]): void {
        this.calls++;
        super.debug(msg, ...args);
      }
    }
    const loud = new Loud('loud');
    loud.debug('x');
    loud.debug('y');
    expect(loud.calls).toBe(2);
  });

  it('are no-ops on a disabled logger and come back when it is enabled', () => {
    const log = getLogger('toggle');
    const realError = log.error;
    log.disabled = true;
    expect(log.error).not.toBe(realError);
    log.disabled = false;
    expect(log.error).toBe(realError);
    log.error('on');
    expect(lines()).toEqual(['toggle -> ERROR: on']);
  });
});

describe('Logger.makeRecord() with extra (LoggerTest.test_make_record_with_extra_*)', () => {
  it('adds new keys as record attributes', () => {
    const log = getLogger('extra');
    const rv = log.makeRecord('extra', INFO, 'f.py', 1, 'm', [], null, null, {
      valid_key: 'x',
      another: 2,
    });
    expect([rv.valid_key, rv.another]).toEqual(['x', 2]);
  });

  it('throws KeyError "Attempt to overwrite \'k\' in LogRecord" for existing keys, message and asctime', () => {
    const log = getLogger('extra');
    for (const key of ['name', 'msg', 'levelno', 'taskName', 'message', 'asctime']) {
      expect(() =>
        log.makeRecord('extra', INFO, 'f.py', 1, 'm', [], null, null, { [key]: 'x' }),
      ).toThrow(new LoggingKeyError(`"Attempt to overwrite '${key}' in LogRecord"`));
    }
  });

  it('throws KeyError for every own attribute of a default-factory record', () => {
    const log = getLogger('extra');
    const keys = Object.keys(new LogRecord('n', INFO, 'f.py', 1, 'm', [], null));
    expect(keys.length).toBeGreaterThan(20);
    for (const key of keys) {
      expect(() =>
        log.makeRecord('extra', INFO, 'f.py', 1, 'm', [], null, null, { ok: 1, [key]: 'x' }),
      ).toThrow(new LoggingKeyError(`"Attempt to overwrite '${key}' in LogRecord"`));
    }
  });

  it('throws KeyError for an attribute a custom record factory adds', () => {
    const log = getLogger('extra');
    setLogRecordFactory((...a: ConstructorParameters<typeof LogRecord>) => {
      const r = new LogRecord(...a);
      r.custom_attribute = 1;
      return r;
    });
    expect(() =>
      log.makeRecord('extra', INFO, 'f.py', 1, 'm', [], null, null, { custom_attribute: 2 }),
    ).toThrow(new LoggingKeyError(`"Attempt to overwrite 'custom_attribute' in LogRecord"`));
    expect(() =>
      log.makeRecord('extra', INFO, 'f.py', 1, 'm', [], null, null, { message: 2 }),
    ).toThrow(new LoggingKeyError(`"Attempt to overwrite 'message' in LogRecord"`));
    const rv = log.makeRecord('extra', INFO, 'f.py', 1, 'm', [], null, null, { other: 3 });
    expect([rv.custom_attribute, rv.other]).toEqual([1, 3]);
  });

  it('throws KeyError for a field a LogRecord subclass factory adds', () => {
    class TaggedRecord extends LogRecord {
      tag = 'x';
    }
    setLogRecordFactory(TaggedRecord);
    expect(() =>
      getLogger('extra').makeRecord('extra', INFO, 'f.py', 1, 'm', [], null, null, { tag: 1 }),
    ).toThrow(new LoggingKeyError(`"Attempt to overwrite 'tag' in LogRecord"`));
  });

  it('reaches the record through kw({ extra }) on a logging call', () => {
    getLogger('extra').warning('hi', kw({ extra: { user: 'ann' } }));
    expect(handler.records[0]!.user).toBe('ann');
    expect(() => getLogger('extra').warning('hi', kw({ extra: { msg: 1 } }))).toThrow(
      LoggingKeyError,
    );
  });
});

describe('Logger call shape', () => {
  it("treats every positional argument as a '%' argument and one plain object as the mapping", () => {
    const log = getLogger('shape');
    log.warning('%s has %d', 'ann', 3);
    log.warning('%(user)s!', { user: 'bob' });
    log.warning('100% plain');
    log.warning('%s %s', { a: 1 }, 'two-args'.length);
    expect(lines().slice(0, 3)).toEqual([
      'shape -> WARNING: ann has 3',
      'shape -> WARNING: bob!',
      'shape -> WARNING: 100% plain',
    ]);
    expect(handler.records[3]!.args).toEqual([{ a: 1 }, 8]);
  });

  it('takes keywords only from a trailing kw() object, which is not an argument', () => {
    const log = getLogger('shape');
    const err = new Error('boom');
    log.error('failed %s', 'job', kw({ exc_info: err, stack_info: false }));
    const r = handler.records[0]!;
    expect(r.args).toEqual(['job']);
    expect(r.exc_info).toBe(err);
    expect(r.getMessage()).toBe('failed job');
  });

  it('rejects unknown keywords with CPython text', () => {
    expect(() => kw({ exc: 1 } as never)).toThrow(
      new LoggingTypeError("Logger._log() got an unexpected keyword argument 'exc'"),
    );
  });
});

describe('Logger.exception()', () => {
  it('logs at ERROR with the Error given as the message as exc_info', () => {
    const err = new TypeError('bad');
    getLogger('exc').exception(err);
    const r = handler.records[0]!;
    expect([r.levelno, r.exc_info]).toEqual([ERROR, err]);
  });

  it('takes the first Error argument, or kw exc_info, and keeps true when there is none', () => {
    const log = getLogger('exc');
    const a = new Error('a');
    const b = new Error('b');
    log.exception('while saving %s: %s', 'f.txt', a);
    log.exception('explicit', kw({ exc_info: b }));
    log.exception('none %s', 'here');
    log.exception('off', kw({ exc_info: false }));
    log.exception('none');
    // A string alone: JavaScript has no current exception, so no `NoneType: None`.
    expect(handler.records.map((r) => r.exc_info)).toEqual([a, b, true, false, null]);
    expect(handler.records[0]!.getMessage()).toBe('while saving f.txt: Error: a');
  });

  it('does nothing when ERROR is disabled', () => {
    getLogger('exc').setLevel(CRITICAL);
    getLogger('exc').exception(new Error('x'));
    expect(handler.records).toEqual([]);
  });

  it('renders the error stack through the formatter', () => {
    getLogger('exc').error('failed', kw({ exc_info: new Error('kaput') }));
    expect(lines()[0]).toMatch(/^exc -> ERROR: failed\nError: kaput\n {4}at /);
  });
});

describe('Logger.handle() filters (BasicFilterTest)', () => {
  it('apply logger filters only to records logged on that logger', () => {
    const spam = getLogger('spam');
    spam.addFilter(new Filter('spam.eggs'));
    spam.warning('dropped');
    getLogger('spam.eggs').warning('kept'); // propagates past spam's filter
    expect(lines()).toEqual(['spam.eggs -> WARNING: kept']);
  });

  it('pass a replacement record returned by a filter on to the handlers (3.12)', () => {
    const log = getLogger('repl');
    log.addFilter((r) => {
      const copy = Object.assign(Object.create(LogRecord.prototype), r) as LogRecord;
      copy.msg = 'replaced';
      return copy;
    });
    log.warning('original');
    expect(lines()).toEqual(['repl -> WARNING: replaced']);
  });

  it('accept plain functions and filter objects, stopping at the first false', () => {
    const seen: string[] = [];
    const log = getLogger('fns');
    log.addFilter((r) => {
      seen.push(`fn:${r.msg}`);
      return r.msg !== 'no';
    });
    log.addFilter({
      filter: (r) => {
        seen.push(`obj:${r.msg}`);
        return true;
      },
    });
    log.warning('yes');
    log.warning('no');
    expect(seen).toEqual(['fn:yes', 'obj:yes', 'fn:no']);
    expect(lines()).toEqual(['fns -> WARNING: yes']);
  });
});

describe('Logger.callHandlers() propagation', () => {
  it('walks up the tree, stops after propagate=false, and applies handler levels', () => {
    const a = getLogger('a');
    const ab = getLogger('a.b');
    const ha = new RecordListHandler(ERROR);
    const hab = new RecordListHandler();
    a.addHandler(ha);
    ab.addHandler(hab);
    ab.warning('w');
    ab.error('e');
    a.propagate = false;
    ab.error('e2');
    expect(hab.records.map((r) => r.msg)).toEqual(['w', 'e', 'e2']);
    expect(ha.records.map((r) => r.msg)).toEqual(['e', 'e2']);
    expect(handler.records.map((r) => r.msg)).toEqual(['w', 'e']);
  });
});

// test_logging.LastResortTest
describe('Logger.callHandlers() with no handler anywhere (LastResortTest)', () => {
  it('uses settings.lastResort, then the one-off "No handlers" message, silent without raiseExceptions', () => {
    root.removeHandler(handler);
    const writes: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
      writes.push(String(chunk));
      return true;
    });
    try {
      root.debug('This should not appear');
      expect(writes.join('')).toBe('');
      root.warning('Final chance!');
      expect(writes.join('')).toBe('Final chance!\n');
      writes.length = 0;
      settings.lastResort = null;
      root.warning('Final chance!');
      expect(writes.join('')).toBe('No handlers could be found for logger "root"\n');
      writes.length = 0;
      root.warning('Final chance!');
      expect(writes.join('')).toBe('');
      root.manager.emittedNoHandlerWarning = false;
      settings.raiseExceptions = false;
      root.warning('Final chance!');
      expect(writes.join('')).toBe('');
    } finally {
      vi.restoreAllMocks();
    }
  });
});

describe('Logger.hasHandlers()', () => {
  it('looks up the tree until a logger that does not propagate', () => {
    const l = getLogger('hh.x');
    expect(l.hasHandlers()).toBe(true); // root has the test handler
    root.removeHandler(handler);
    expect(l.hasHandlers()).toBe(false);
    root.addHandler(handler);
    l.propagate = false;
    expect(l.hasHandlers()).toBe(false);
  });
});

// test_logging.ChildLoggerTest
describe('Logger.getChild() and getChildren()', () => {
  it('name children under the logger (and plainly under the root)', () => {
    const l1 = getLogger('abc');
    const l2 = getLogger('def.ghi');
    expect(root.getChild('xyz')).toBe(getLogger('xyz'));
    expect(root.getChild('uvw.xyz')).toBe(getLogger('uvw.xyz'));
    expect(l1.getChild('def')).toBe(getLogger('abc.def'));
    expect(l1.getChild('def.ghi')).toBe(getLogger('abc.def.ghi'));
    expect(l2.getChild('jkl')).toBe(getLogger('def.ghi.jkl'));
  });

  it('getChildren() lists only direct children, not loggers below placeholders', () => {
    const r = getLogger('');
    const l1 = getLogger('foo');
    const l2 = getLogger('foo.bar');
    const l3 = getLogger('foo.bar.baz.bozz');
    const l4 = getLogger('bar');
    const kids = r.getChildren();
    expect(kids.has(l1)).toBe(true);
    expect(kids.has(l4)).toBe(true);
    expect(kids.has(l2)).toBe(false);
    expect(l1.getChildren()).toEqual(new Set([l2]));
    expect(l2.getChildren()).toEqual(new Set());
    expect(l3.parent).toBe(l2);
  });
});

describe('Logger.toString()', () => {
  it("is CPython's repr with the effective level name", () => {
    expect(String(getLogger('r.x'))).toBe('<Logger r.x (WARNING)>');
    expect(String(root)).toBe('<RootLogger root (WARNING)>');
  });
});

describe('getLogger()', () => {
  it("returns the root for no name, '' and 'root', and one logger per name", () => {
    expect(getLogger()).toBe(root);
    expect(getLogger('')).toBe(root);
    expect(getLogger('root')).toBe(root);
    expect(getLogger('a.b')).toBe(getLogger('a.b'));
    expect(getLogger('a.b').parent).toBe(root);
  });

  it('rejects a non-string name with TypeError (LoggerTest.test_invalid_names)', () => {
    expect(() => getLogger(42 as unknown as string)).toThrow(
      new LoggingTypeError('A logger name must be a string'),
    );
  });
});
