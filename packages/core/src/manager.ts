import { LoggingTypeError } from './errors.js';
import { checkLevel, type Level, WARNING } from './levels.js';
import { Logger } from './logger.js';
import type { LogRecordFactory } from './record.js';
import { RootLogger } from './root-logger.js';
import { sharedState } from './settings.js';

/** A class usable as the logger class: `Logger` or a subclass, constructible from a name. */
export type LoggerClass = new (name: string) => Logger;

/**
 * CPython's `PlaceHolder`: stands in the tree for a name that has descendants but no logger
 * yet (`getLogger('a.b')` before `getLogger('a')`), remembering those descendants so they can
 * be re-parented when the logger is created.
 */
export class PlaceHolder {
  /** The loggers waiting for this name (CPython's `loggerMap`, a dict used as an ordered set). */
  readonly loggerMap: Set<Logger>;

  /** @param alogger the first logger below this name */
  constructor(alogger: Logger) {
    this.loggerMap = new Set([alogger]);
  }

  /** Remembers another logger below this name. */
  append(alogger: Logger): void {
    this.loggerMap.add(alogger);
  }
}

const loggerClassState: { loggerClass: LoggerClass } = sharedState('logweave.loggerClass', () => ({
  loggerClass: Logger as LoggerClass,
}));

function checkLoggerClass(klass: LoggerClass): void {
  if ((klass as unknown) !== Logger && !(klass?.prototype instanceof Logger)) {
    throw new LoggingTypeError(
      `logger not derived from logging.Logger: ${(klass as { name?: string })?.name}`,
    );
  }
}

/**
 * Sets the class `getLogger` uses for new loggers, as `logging.setLoggerClass`; it must be
 * `Logger` or a subclass (`TypeError: logger not derived from logging.Logger: X`).
 */
export function setLoggerClass(klass: LoggerClass): void {
  checkLoggerClass(klass);
  loggerClassState.loggerClass = klass;
}

/** The class `getLogger` uses for new loggers, as `logging.getLoggerClass`. */
export function getLoggerClass(): LoggerClass {
  return loggerClassState.loggerClass;
}

/**
 * CPython's `Manager`: holds one logger tree — the root, the name → logger/placeholder
 * dictionary, the `disable` threshold. There is one process-wide manager (`getLogger`'s);
 * `new Manager(new RootLogger(WARNING))` builds an isolated tree, as CPython's own tests do.
 */
export class Manager {
  /** The tree's root logger (null for a rootless manager, as `Manager(None)`). */
  root: Logger | null;
  /** @internal Backing field of `disable`. */
  _disable = 0;
  /** Set once the `No handlers could be found` message was written. */
  emittedNoHandlerWarning = false;
  /** Every logger and placeholder, by name (CPython's `loggerDict`). */
  readonly loggerDict: Map<string, Logger | PlaceHolder> = new Map();
  /** This manager's logger class, overriding `getLoggerClass()` when set. */
  loggerClass: LoggerClass | null = null;
  /** Stored by `setLogRecordFactory` (unused by `makeRecord`, as in CPython 3.11). */
  logRecordFactory: LogRecordFactory | null = null;

  /** @param rootnode the root logger; this manager becomes its manager. */
  constructor(rootnode: Logger | null) {
    this.root = rootnode;
    if (rootnode !== null) rootnode.manager = this;
  }

  /**
   * Records at or below this level are dropped by every logger (`logging.disable`).
   * Setting it validates the level like `setLevel` but, as in CPython, does not clear the
   * loggers' `isEnabledFor` caches: answers already cached stay until something clears them.
   */
  get disable(): number {
    return this._disable;
  }
  set disable(value: Level) {
    this._disable = checkLevel(value);
  }

  /**
   * The logger named `name`, created (with the logger class) if needed: a placeholder of
   * that name is replaced and its waiting descendants re-parented. Names are dotted paths;
   * `''`/`'root'` are only the root through the module-level `getLogger`.
   */
  getLogger(name: string): Logger {
    if (typeof name !== 'string') throw new LoggingTypeError('A logger name must be a string');
    const existing = this.loggerDict.get(name);
    if (existing instanceof Logger) return existing;
    const rv = new (this.loggerClass ?? loggerClassState.loggerClass)(name);
    rv.manager = this;
    this.loggerDict.set(name, rv);
    if (existing !== undefined) this._fixupChildren(existing, rv);
    this._fixupParents(rv);
    return rv;
  }

  /** Sets the logger class for this manager only (same check as `setLoggerClass`). */
  setLoggerClass(klass: LoggerClass): void {
    checkLoggerClass(klass);
    this.loggerClass = klass;
  }

  /** Stores a record factory on this manager (CPython keeps it but `makeRecord` ignores it). */
  setLogRecordFactory(factory: LogRecordFactory): void {
    this.logRecordFactory = factory;
  }

  /**
   * Makes sure loggers or placeholders exist for every dotted prefix of the logger's name
   * and sets its parent to the nearest existing logger (else the root).
   * @internal
   */
  _fixupParents(alogger: Logger): void {
    const name = alogger.name;
    let i = name.lastIndexOf('.');
    let rv: Logger | null = null;
    while (i > 0 && rv === null) {
      const substr = name.slice(0, i);
      const obj = this.loggerDict.get(substr);
      if (obj === undefined) {
        this.loggerDict.set(substr, new PlaceHolder(alogger));
      } else if (obj instanceof Logger) {
        rv = obj;
      } else {
        obj.append(alogger);
      }
      // Python's name.rfind('.', 0, i - 1): a dot at index <= i - 2.
      i = i >= 2 ? name.lastIndexOf('.', i - 2) : -1;
    }
    alogger.parent = rv ?? this.root;
  }

  /**
   * Re-parents the loggers waiting in placeholder `ph` onto `alogger`, unless their parent
   * is already below it.
   * @internal
   */
  _fixupChildren(ph: PlaceHolder, alogger: Logger): void {
    const name = alogger.name;
    const namelen = name.length;
    for (const c of ph.loggerMap) {
      const parent = c.parent;
      if (parent === null || parent.name.slice(0, namelen) !== name) {
        alogger.parent = parent;
        c.parent = alogger;
      }
    }
  }

  /** Clears the `isEnabledFor` cache of every logger of this tree (and the root). */
  _clear_cache(): void {
    for (const logger of this.loggerDict.values()) {
      if (logger instanceof Logger) logger._cache.clear();
    }
    this.root?._cache.clear();
  }
}

/**
 * The process-wide manager (CPython's `Logger.manager`), created with a WARNING root on
 * first use and shared through `globalThis[Symbol.for('logweave.manager')]` by every copy
 * of core.
 */
export function getManager(): Manager {
  return sharedState<Manager>('logweave.manager', () => new Manager(new RootLogger(WARNING)));
}
