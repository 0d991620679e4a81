import { describe, expect, it } from 'vitest';
import { getHandlerNames } from './handler.js';
import { lastResort } from './handlers/last-resort.js';
import { addLevelName, DEBUG, getLevelName, WARNING } from './levels.js';
import { Logger } from './logger.js';
import { disable, getLogger, root } from './logging-api.js';
import { getLoggerClass, setLoggerClass } from './manager.js';
import { LogRecord } from './record.js';
import { getLogRecordFactory, setLogRecordFactory } from './record-factory.js';
import { getThreadName, setThreadName } from './runtime-identity.js';
import { settings } from './settings.js';
import { RecordListHandler } from './test-support/record-list.js';
import { resetLogging, snapshotLogging } from './testing.js';

/** Changes every piece of global logging state. */
function mutateEverything(): { logger: Logger; handler: RecordListHandler } {
  const handler = new RecordListHandler();
  handler.name = 'mutated';
  root.addHandler(handler);
  root.setLevel(DEBUG);
  const logger = getLogger('mut.a');
  logger.setLevel('ERROR');
  logger.propagate = false;
  logger.disabled = true;
  logger.addFilter(() => true);
  disable(WARNING);
  addLevelName(25, 'NOTICE');
  class MyLogger extends Logger {}
  setLoggerClass(MyLogger);
  class MyRecord extends LogRecord {}
  setLogRecordFactory(MyRecord);
  settings.raiseExceptions = false;
  settings.lastResort = null;
  setThreadName('worker-x');
  lastResort.setLevel('ERROR');
  return { logger, handler };
}

describe('resetLogging()', () => {
  it('restores a fresh state: WARNING root without handlers, empty tree, defaults', () => {
    const restore = snapshotLogging();
    try {
      mutateEverything();
      resetLogging();
      expect([root.level, root.handlers, root.filters, root.disabled]).toEqual([
        WARNING,
        [],
        [],
        false,
      ]);
      expect(root.manager.disable).toBe(0);
      expect(root.manager.loggerDict.size).toBe(0);
      expect(getLevelName(25)).toBe('Level 25');
      expect(getLoggerClass()).toBe(Logger);
      expect(getLogRecordFactory()).toBe(LogRecord);
      expect([settings.raiseExceptions, settings.lastResort]).toEqual([true, lastResort]);
      expect(lastResort.level).toBe(WARNING);
      expect(getThreadName()).toBe('MainThread');
      expect(getHandlerNames()).toEqual([]);
      const fresh = getLogger('mut.a');
      expect([fresh.level, fresh.propagate, fresh.disabled, fresh.getEffectiveLevel()]).toEqual([
        0,
        true,
        false,
        WARNING,
      ]);
    } finally {
      restore();
    }
  });
});

describe('snapshotLogging()', () => {
  it('puts back exactly the state it captured', () => {
    const before = {
      dict: new Map(root.manager.loggerDict),
      rootLevel: root.level,
      rootHandlers: [...root.handlers],
      names: getHandlerNames(),
      captureCaller: settings.captureCaller,
    };
    const existing = getLogger('snap.keep');
    existing.setLevel('INFO');
    const restore = snapshotLogging();
    const { logger } = mutateEverything();
    existing.setLevel('CRITICAL');
    settings.captureCaller = !before.captureCaller;
    restore();
    expect(existing.level).toBe(20);
    expect(root.manager.loggerDict.get('mut.a')).toBeUndefined();
    expect(root.level).toBe(before.rootLevel);
    expect(root.handlers).toEqual(before.rootHandlers);
    expect(root.manager.disable).toBe(0);
    expect(getLevelName(25)).toBe('Level 25');
    expect(getLoggerClass()).toBe(Logger);
    expect(getLogRecordFactory()).toBe(LogRecord);
    expect(settings.raiseExceptions).toBe(true);
    expect(settings.lastResort).toBe(lastResort);
    expect(lastResort.level).toBe(WARNING);
    expect(getThreadName()).toBe('MainThread');
    expect(getHandlerNames()).toEqual(before.names);
    expect(settings.captureCaller).toBe(before.captureCaller);
    expect(logger.disabled).toBe(true); // a logger made after the snapshot is just dropped
    expect(existing.isEnabledFor(20)).toBe(true); // caches were cleared
  });
});
