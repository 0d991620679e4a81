import type { FilterLike } from './filter.js';
import type { Handler } from './handler.js';
import { clearHandlerNames, snapshotHandlerNames } from './handler.js';
import { lastResort as defaultLastResort } from './handlers/last-resort.js';
import { clearOpenFiles } from './handlers/open-files.js';
import { resetLevelNames, snapshotLevelNames, WARNING } from './levels.js';
import { Logger } from './logger.js';
import { getLoggerClass, getManager, type PlaceHolder, setLoggerClass } from './manager.js';
import { recordFactoryState } from './record.js';
import { resetLogRecordFactory } from './record-factory.js';
import { resetRuntimeIdentity, runtimeIdentity } from './runtime-identity.js';
import { resetSettings, settings } from './settings.js';

/**
 * Test-state helpers: logging state is process-wide (one tree, one set of level names), so
 * tests that touch it reset it before and restore it after:
 *
 * ```ts
 * import { resetLogging, snapshotLogging } from '@logweave/core';
 * let restore: () => void;
 * beforeEach(() => { restore = snapshotLogging(); resetLogging(); });
 * afterEach(() => restore());
 * ```
 */

/**
 * Restores a fresh logging state, as in a newly started process: the root logger at
 * WARNING with no handlers and no filters, `disable` 0, an empty logger tree (loggers
 * obtained earlier are detached: `getLogger` makes new ones), the standard level names,
 * the default record factory and logger class, default settings (`raiseExceptions` true,
 * …), the default `lastResort` (at WARNING), no named handlers, default thread/process
 * names and no task-name provider. Caller capture (`settings.captureCaller`) is left as it
 * is, because formatters that exist may rely on it. Handlers are not closed.
 */
export function resetLogging(): void {
  resetSettings();
  settings.lastResort = defaultLastResort;
  defaultLastResort.setLevel(WARNING);
  resetLevelNames();
  resetLogRecordFactory();
  setLoggerClass(Logger);
  resetRuntimeIdentity();
  clearHandlerNames();
  clearOpenFiles();
  const manager = getManager();
  manager.loggerDict.clear();
  manager.disable = 0;
  manager.emittedNoHandlerWarning = false;
  manager.loggerClass = null;
  manager.logRecordFactory = null;
  const root = manager.root!;
  root.name = 'root';
  root.level = WARNING;
  root.parent = null;
  root.propagate = true;
  root.handlers = [];
  root.filters = [];
  root.disabled = false;
  manager._clear_cache();
}

interface LoggerState {
  logger: Logger;
  level: number;
  parent: Logger | null;
  propagate: boolean;
  disabled: boolean;
  handlers: Handler[];
  filters: FilterLike[];
}

function loggerState(logger: Logger): LoggerState {
  return {
    logger,
    level: logger.level,
    parent: logger.parent,
    propagate: logger.propagate,
    disabled: logger.disabled,
    handlers: [...logger.handlers],
    filters: [...logger.filters],
  };
}

/**
 * Captures the whole logging state (tree, every logger's level/handlers/filters/propagate/
 * disabled, level names, settings including caller capture, record factory, logger class,
 * named handlers, runtime names) and returns a function that puts it back exactly.
 */
export function snapshotLogging(): () => void {
  const manager = getManager();
  const savedSettings = { ...settings };
  const restoreLevels = snapshotLevelNames();
  const savedFactory = { ...recordFactoryState };
  const savedLoggerClass = getLoggerClass();
  const savedIdentity = { ...runtimeIdentity() };
  const restoreHandlerNames = snapshotHandlerNames();
  const savedDict = new Map<string, Logger | PlaceHolder>(manager.loggerDict);
  const savedManager = {
    disable: manager.disable,
    emittedNoHandlerWarning: manager.emittedNoHandlerWarning,
    loggerClass: manager.loggerClass,
    logRecordFactory: manager.logRecordFactory,
  };
  const states: LoggerState[] = [];
  if (manager.root !== null) states.push(loggerState(manager.root));
  for (const item of savedDict.values()) if (item instanceof Logger) states.push(loggerState(item));
  const lastResortLevel = defaultLastResort.level;

  return () => {
    Object.assign(settings, savedSettings);
    restoreLevels();
    Object.assign(recordFactoryState, savedFactory);
    setLoggerClass(savedLoggerClass);
    Object.assign(runtimeIdentity(), savedIdentity);
    restoreHandlerNames();
    manager.loggerDict.clear();
    for (const [k, v] of savedDict) manager.loggerDict.set(k, v);
    manager.disable = savedManager.disable;
    manager.emittedNoHandlerWarning = savedManager.emittedNoHandlerWarning;
    manager.loggerClass = savedManager.loggerClass;
    manager.logRecordFactory = savedManager.logRecordFactory;
    for (const s of states) {
      const l = s.logger;
      l.level = s.level;
      l.parent = s.parent;
      l.propagate = s.propagate;
      l.disabled = s.disabled;
      l.handlers = [...s.handlers];
      l.filters = [...s.filters];
    }
    defaultLastResort.level = lastResortLevel;
    manager._clear_cache();
  };
}
