import { addExceptionInfo, needsResolve, resolveCall } from './call-arguments.js';
import { type CallerInfo, findCaller, registerLoggingSourceFile } from './caller.js';
import { LoggingKeyError, LoggingTypeError } from './errors.js';
import { Filterer } from './filter.js';
import type { Handler } from './handler.js';
import { lastResort as defaultLastResort } from './handlers/last-resort.js';
import { isKw } from './kwargs.js';
import { installLevelMethods, LevelCache, syncLevelMethods } from './level-cache.js';
import {
  CRITICAL,
  checkLevel,
  DEBUG,
  ERROR,
  getLevelName,
  INFO,
  type Level,
  NOTSET,
  WARNING,
} from './levels.js';
import type { Manager } from './manager.js';
import {
  createRecord,
  type ExcInfo,
  type LogArgs,
  LogRecord,
  recordFactoryState,
} from './record.js';
import { settings } from './settings.js';
import { pyRepr, pyTypeName } from './text/py-repr.js';

registerLoggingSourceFile(import.meta.url);

// `logging.lastResort`: the default handler, unless another copy of core already set one.
if (settings.lastResort === undefined) settings.lastResort = defaultLastResort;

const MANAGER_KEY = Symbol.for('logweave.manager');

/** @internal The process-wide manager (created by manager.ts on first use). */
export function globalManagerOrUndefined(): Manager | undefined {
  return (globalThis as unknown as Record<symbol, Manager | undefined>)[MANAGER_KEY];
}

const UNKNOWN_FILE = '(unknown file)';
const UNKNOWN_FUNCTION = '(unknown function)';

/**
 * The keys `extra` may not set on a record made by the default factory: a plain LogRecord's
 * own attributes (taken from the first such record), `message` and `asctime`.
 */
let plainRecordKeys: ReadonlySet<string> | undefined;

/** CPython's `KeyError: "Attempt to overwrite 'msg' in LogRecord"`. */
function throwOverwrite(key: string): never {
  throw new LoggingKeyError(pyRepr(`Attempt to overwrite ${pyRepr(key)} in LogRecord`));
}

/** The `Error` a call with `exc_info: true` reports: the message, or the first Error argument. */
function errorAmong(msg: unknown, args: LogArgs): unknown {
  if (msg instanceof Error) return msg;
  if (Array.isArray(args)) {
    for (let i = 0; i < args.length; i++) if (args[i] instanceof Error) return args[i];
  }
  return true;
}

/**
 * CPython's `logging.Logger`: a named channel in the logger tree. Get one with
 * `getLogger(name)` (never `new Logger` for application loggers: only the manager links it
 * into the tree).
 *
 * Calls take Python's positional arguments, with keywords in a `kw()` object passed last:
 * `log.info('%s has %d', name, n)`, `log.error('failed', kw({ exc_info: err }))`,
 * `log.exception(err)`. A call below the logger's effective level costs one comparison:
 * once the cached `isEnabledFor` answer for a standard level is false, that level's method
 * is swapped for a no-op until the cache is cleared (`setLevel`, `disable`).
 */
export class Logger extends Filterer {
  /** The logger's dotted name (`'root'` for the root logger). */
  name: string;
  /** The logger's own level; NOTSET defers to the parent. Use `setLevel` to change it. */
  level: number;
  /** The nearest existing ancestor (null for the root), maintained by the manager. */
  parent: Logger | null = null;
  /** Whether records also go to the ancestors' handlers. */
  propagate = true;
  /** This logger's own handlers. */
  handlers: Handler[] = [];
  /** @internal Backing field of `disabled`. */
  _disabled = false;
  /** @internal CPython's `_cache`: level → `isEnabledFor` answer. */
  _cache: LevelCache;
  /** The manager of the tree this logger belongs to. */
  manager: Manager;

  /**
   * @param name the logger's name
   * @param level the logger's own level. @default NOTSET
   */
  constructor(name: string, level: Level = NOTSET) {
    super();
    this.name = name;
    this.level = checkLevel(level);
    this._cache = new LevelCache(this);
    // Undefined only for the first root logger, which its Manager then adopts.
    this.manager = globalManagerOrUndefined() as Manager;
    installLevelMethods(this);
  }

  /** The process-wide manager (CPython's class attribute `Logger.manager`). */
  static get manager(): Manager {
    return globalManagerOrUndefined() as Manager;
  }

  /** The root of this logger's tree (CPython's `Logger.root`). */
  get root(): Logger | null {
    return this.manager.root;
  }

  /**
   * When true the logger drops every record logged on it (its children's records still
   * reach its handlers). `logging.config` uses it to silence existing loggers.
   */
  get disabled(): boolean {
    return this._disabled;
  }
  set disabled(value: boolean) {
    this._disabled = Boolean(value);
    this._syncFastMethods();
  }

  /** @internal Re-syncs the swapped level methods with the cache (see level-cache.ts). */
  _syncFastMethods(): void {
    syncLevelMethods(this, BASE);
  }

  /** Sets the logger's level (a number or a registered name) and clears every level cache. */
  setLevel(level: Level): void {
    this.level = checkLevel(level);
    this.manager._clear_cache();
  }

  /** Logs `msg % args` at DEBUG. Keywords go in a trailing `kw({...})`. */
  debug(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(DEBUG)) this._logArgs(DEBUG, msg, args);
  }

  /** Logs `msg % args` at INFO. Keywords go in a trailing `kw({...})`. */
  info(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(INFO)) this._logArgs(INFO, msg, args);
  }

  /** Logs `msg % args` at WARNING. Keywords go in a trailing `kw({...})`. */
  warning(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(WARNING)) this._logArgs(WARNING, msg, args);
  }

  /** @deprecated Python's deprecated alias of `warning`. */
  warn(msg: unknown, ...args: unknown[]): void {
    this.warning(msg, ...args);
  }

  /** Logs `msg % args` at ERROR. Keywords go in a trailing `kw({...})`. */
  error(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(ERROR)) this._logArgs(ERROR, msg, args);
  }

  /**
   * Logs at ERROR with `exc_info` defaulting to true: `log.exception(err)` reports `err`
   * with its stack, and so do `log.exception('while saving %s', path, err)` (an `Error` left
   * over after the placeholders) and `log.exception('while saving %s: %s', path, err)` (the
   * first `Error` argument); `kw({ exc_info: other })` names the error explicitly. A thrown
   * non-Error value passed alone (`catch (e) { log.exception(e) }` with `e = { code: 42 }`)
   * is rendered as `Thrown value: { code: 42 }`; a string alone is the message, with no
   * traceback (JavaScript has no current exception for CPython's `NoneType: None`).
   */
  exception(msg: unknown, ...args: unknown[]): void {
    addExceptionInfo(msg, args);
    this.error(msg, ...args);
  }

  /** Logs `msg % args` at CRITICAL. Keywords go in a trailing `kw({...})`. */
  critical(msg: unknown, ...args: unknown[]): void {
    if (this.isEnabledFor(CRITICAL)) this._logArgs(CRITICAL, msg, args);
  }

  /** Python's alias of `critical`. */
  fatal(msg: unknown, ...args: unknown[]): void {
    this.critical(msg, ...args);
  }

  /**
   * Logs `msg % args` at the integer `level`. A non-integer level throws CPython's
   * `TypeError: level must be an integer` (or is ignored when `raiseExceptions` is off).
   */
  log(level: number, msg: unknown, ...args: unknown[]): void {
    if (typeof level !== 'number' || !Number.isInteger(level)) {
      if (settings.raiseExceptions) throw new LoggingTypeError('level must be an integer');
      return;
    }
    if (this.isEnabledFor(level)) this._logArgs(level, msg, args);
  }

  /** @internal Splits a trailing `kw()` object off the arguments and calls `_log`. */
  _logArgs(level: number, msg: unknown, args: unknown[]): void {
    const n = args.length;
    if (n !== 0) {
      const last = args[n - 1];
      if (isKw(last)) {
        args.pop();
        this._log(level, msg, args, last.exc_info, last.extra, last.stack_info, last.stacklevel);
        return;
      }
    }
    this._log(level, msg, args);
  }

  /**
   * CPython's `findCaller(stack_info, stacklevel)`: `[pathname, lineno, funcName, sinfo]` of
   * the `stacklevel`-th frame outside logging. Override to change how the caller is found.
   */
  findCaller(stack_info = false, stacklevel = 1): CallerInfo {
    return findCaller(stack_info, stacklevel);
  }

  /**
   * Builds the record (CPython's `makeRecord`, an override point): the record factory's
   * record, plus `extra`'s keys — a key the record already has, or `message`/`asctime`,
   * throws `KeyError: "Attempt to overwrite 'msg' in LogRecord"`.
   */
  makeRecord(
    name: string,
    level: number,
    fn: string,
    lno: number,
    msg: unknown,
    args: LogArgs | null,
    exc_info: ExcInfo,
    func: string | null = null,
    extra: Readonly<Record<string, unknown>> | null = null,
    sinfo: string | null = null,
  ): LogRecord {
    const rv = createRecord(name, level, fn, lno, msg, args, exc_info, func, sinfo);
    if (extra !== null && extra !== undefined) {
      if (recordFactoryState.factory === LogRecord) {
        // A plain LogRecord's own attributes are always the constructor's: one Set lookup.
        const reserved = (plainRecordKeys ??= new Set([...Object.keys(rv), 'message', 'asctime']));
        for (const key in extra) {
          if (reserved.has(key)) throwOverwrite(key);
          rv[key] = extra[key];
        }
      } else {
        for (const key in extra) {
          if (key === 'message' || key === 'asctime' || Object.hasOwn(rv, key)) {
            throwOverwrite(key);
          }
          rv[key] = extra[key];
        }
      }
    }
    return rv;
  }

  /**
   * CPython's low-level `_log`: finds the caller (only when caller capture is on or
   * `stack_info` is asked for), resolves `exc_info: true`, makes the record and handles it.
   */
  _log(
    level: number,
    msg: unknown,
    args: LogArgs,
    exc_info: ExcInfo = null,
    extra: Readonly<Record<string, unknown>> | null = null,
    stack_info = false,
    stacklevel = 1,
  ): void {
    if (needsResolve(msg, args, exc_info)) {
      const r = resolveCall(msg, args as unknown[], exc_info, extra, stack_info, stacklevel);
      args = r.args;
      exc_info = r.exc_info;
      extra = r.extra;
      stack_info = r.stack_info;
      stacklevel = r.stacklevel;
    }
    let fn = UNKNOWN_FILE;
    let lno = 0;
    let func = UNKNOWN_FUNCTION;
    let sinfo: string | null = null;
    if (settings.captureCaller || stack_info) {
      try {
        [fn, lno, func, sinfo] = this.findCaller(stack_info, stacklevel);
      } catch {
        fn = UNKNOWN_FILE;
        lno = 0;
        func = UNKNOWN_FUNCTION;
      }
    }
    if (exc_info === true) exc_info = errorAmong(msg, args);
    const record = this.makeRecord(
      this.name,
      level,
      fn,
      lno,
      msg,
      args,
      exc_info,
      func,
      extra,
      sinfo,
    );
    this.handle(record);
  }

  /**
   * Passes a record to the handlers unless the logger is disabled or one of its own filters
   * drops it (a filter's replacement record is used, Python 3.12). Used for records received
   * from elsewhere (queues, sockets) too.
   */
  handle(record: LogRecord): void {
    if (this._disabled) return;
    if (this.filters.length !== 0) {
      const rv = this.filter(record);
      if (rv === false) return;
      record = rv;
    }
    this.callHandlers(record);
  }

  /** Adds `hdlr` unless it is already there. */
  addHandler(hdlr: Handler): void {
    if (!this.handlers.includes(hdlr)) this.handlers.push(hdlr);
  }

  /** Removes `hdlr` if it is there. */
  removeHandler(hdlr: Handler): void {
    const i = this.handlers.indexOf(hdlr);
    if (i >= 0) this.handlers.splice(i, 1);
  }

  /**
   * Whether this logger or an ancestor has handlers, stopping after the first logger whose
   * `propagate` is false.
   */
  hasHandlers(): boolean {
    let c: Logger | null = this;
    while (c !== null) {
      if (c.handlers.length !== 0) return true;
      if (!c.propagate) break;
      c = c.parent;
    }
    return false;
  }

  /**
   * Passes the record to every handler of this logger and its ancestors (up to the first
   * with `propagate` false) whose level it reaches. When no handler at all was found,
   * `settings.lastResort` gets it — or, when that is null, stderr gets the one-off
   * `No handlers could be found for logger "x"`.
   */
  callHandlers(record: LogRecord): void {
    let c: Logger | null = this;
    let found = 0;
    const levelno = record.levelno;
    while (c !== null) {
      const hs = c.handlers;
      for (let i = 0; i < hs.length; i++) {
        const h = hs[i]!;
        found++;
        if (levelno >= h.level) h.handle(record);
      }
      c = c.propagate ? c.parent : null;
    }
    if (found === 0) {
      const lr = settings.lastResort;
      if (lr) {
        if (levelno >= lr.level) lr.handle(record);
      } else if (settings.raiseExceptions && !this.manager.emittedNoHandlerWarning) {
        process.stderr.write(`No handlers could be found for logger "${this.name}"\n`);
        this.manager.emittedNoHandlerWarning = true;
      }
    }
  }

  /** The first non-zero level of this logger and its ancestors (NOTSET when none). */
  getEffectiveLevel(): number {
    let logger: Logger | null = this;
    while (logger !== null) {
      if (logger.level) return logger.level;
      logger = logger.parent;
    }
    return NOTSET;
  }

  /**
   * Whether a record of `level` would be processed: false when the logger is disabled or
   * `manager.disable >= level`, else `level >= getEffectiveLevel()`. Answers are cached per
   * level until the manager clears the caches (as CPython does; setting `manager.disable`
   * directly does not, so earlier answers stay).
   */
  isEnabledFor(level: number): boolean {
    if (this._disabled) return false;
    const cached = this._cache.get(level);
    if (cached !== undefined) return cached;
    if (typeof level !== 'number') {
      // CPython compares `manager.disable >= level` and fails the same way.
      throw new LoggingTypeError(
        `'>=' not supported between instances of 'int' and '${pyTypeName(level)}'`,
      );
    }
    const enabled = this.manager.disable >= level ? false : level >= this.getEffectiveLevel();
    this._cache.set(level, enabled);
    if (!enabled) this._syncFastMethods();
    return enabled;
  }

  /** `getLogger(this.name + '.' + suffix)` (just `suffix` on the root logger). */
  getChild(suffix: string): Logger {
    if (this.manager.root !== this) suffix = `${this.name}.${suffix}`;
    return this.manager.getLogger(suffix);
  }

  /** The loggers that are this logger's immediate children (Python 3.12). */
  getChildren(): Set<Logger> {
    const hierLevel = (l: Logger): number =>
      l === l.manager.root ? 0 : 1 + (l.name.split('.').length - 1);
    const out = new Set<Logger>();
    for (const item of this.manager.loggerDict.values()) {
      if (
        item instanceof Logger &&
        item.parent === this &&
        hierLevel(item) === 1 + hierLevel(this)
      ) {
        out.add(item);
      }
    }
    return out;
  }

  /** Python's `repr(logger)`: `<Logger name (EFFECTIVE LEVEL)>`. */
  override toString(): string {
    return `<${this.constructor.name} ${this.name} (${getLevelName(this.getEffectiveLevel())})>`;
  }
}

const BASE = Logger.prototype;
