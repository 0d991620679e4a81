import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LoggingTypeError, LoggingValueError } from './errors.js';
import { INFO, WARNING } from './levels.js';
import { Logger } from './logger.js';
import { getLogger, root } from './logging-api.js';
import { getLoggerClass, getManager, Manager, PlaceHolder, setLoggerClass } from './manager.js';
import { LogRecord } from './record.js';
import { RootLogger } from './root-logger.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => restore());

describe('the process-wide Manager', () => {
  it("lives on globalThis[Symbol.for('logweave.manager')] and owns the root", () => {
    const m = getManager();
    expect((globalThis as Record<symbol, unknown>)[Symbol.for('logweave.manager')]).toBe(m);
    expect(m.root).toBe(root);
    expect(root.manager).toBe(m);
    expect(Logger.manager).toBe(m);
    expect(getLogger('x').manager).toBe(m);
  });
});

describe('Manager.getLogger() placeholders', () => {
  it('creates PlaceHolders for missing ancestors and replaces them, re-parenting children', () => {
    const m = getManager();
    const abc = getLogger('a.b.c');
    expect(m.loggerDict.get('a')).toBeInstanceOf(PlaceHolder);
    expect((m.loggerDict.get('a.b') as PlaceHolder).loggerMap).toEqual(new Set([abc]));
    expect(abc.parent).toBe(root);
    const a = getLogger('a');
    expect(abc.parent).toBe(a);
    const ab = getLogger('a.b');
    expect([abc.parent, ab.parent]).toEqual([ab, a]);
  });
});

// test_logging.ManagerTest
describe('an isolated Manager', () => {
  it('new Manager(new RootLogger(WARNING)) builds its own tree', () => {
    const m = new Manager(new RootLogger(WARNING));
    const x = m.getLogger('x');
    expect(x.parent).toBe(m.root);
    expect(x).not.toBe(getLogger('x'));
    const h = new RecordListHandler();
    m.root!.addHandler(h);
    x.warning('isolated');
    x.info('dropped');
    expect(h.records.map((r) => r.msg)).toEqual(['isolated']);
    m.disable = 'CRITICAL';
    m._clear_cache();
    x.critical('off');
    expect(h.records).toHaveLength(1);
    expect(getLogger('x').isEnabledFor(INFO)).toBe(false); // the global tree is untouched
    expect(getLogger('x').isEnabledFor(WARNING)).toBe(true);
  });

  it('uses its own logger class (test_manager_loggerclass)', () => {
    const logged: string[] = [];
    class MyLogger extends Logger {
      override _log(level: number, msg: unknown): void {
        logged.push(String(msg));
        void level;
      }
    }
    const man = new Manager(null);
    expect(() => man.setLoggerClass(Object as never)).toThrow(
      new LoggingTypeError('logger not derived from logging.Logger: Object'),
    );
    man.setLoggerClass(MyLogger);
    const logger = man.getLogger('test');
    logger.warning('should appear in logged');
    getLogger('test').warning('should not appear in logged');
    expect(logger).toBeInstanceOf(MyLogger);
    expect(logger.parent).toBeNull();
    expect(logged).toEqual(['should appear in logged']);
  });

  it('stores a record factory (test_set_log_record_factory)', () => {
    const man = new Manager(null);
    const factory = (...a: ConstructorParameters<typeof LogRecord>) => new LogRecord(...a);
    man.setLogRecordFactory(factory);
    expect(man.logRecordFactory).toBe(factory);
  });

  it('validates disable like setLevel', () => {
    const man = new Manager(null);
    expect(() => {
      man.disable = 'nope';
    }).toThrow(new LoggingValueError("Unknown level: 'nope'"));
  });
});

// test_logging.ModuleLevelMiscTest.test_set_logger_class
describe('setLoggerClass() / getLoggerClass()', () => {
  it('rejects classes not derived from Logger and uses accepted ones for new loggers', () => {
    expect(() => setLoggerClass(Object as never)).toThrow(LoggingTypeError);
    class MyLogger extends Logger {}
    setLoggerClass(MyLogger);
    expect(getLoggerClass()).toBe(MyLogger);
    expect(getLogger('made.by.my')).toBeInstanceOf(MyLogger);
    setLoggerClass(Logger);
    expect(getLogger('plain')).not.toBeInstanceOf(MyLogger);
  });

  it('subclass caches are cleared like any logger (issue 37742)', () => {
    class MyLogger extends Logger {}
    setLoggerClass(MyLogger);
    const l = getLogger('sub.cache');
    l.setLevel('ERROR');
    expect(l.isEnabledFor(WARNING)).toBe(false);
    l.setLevel('DEBUG');
    expect(l.isEnabledFor(WARNING)).toBe(true);
  });
});
