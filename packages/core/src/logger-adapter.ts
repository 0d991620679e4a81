import { addExceptionInfo } from './call-arguments.js';
import { registerLoggingSourceFile } from './caller.js';
import { brandKw, checkKwKeys, isKw, type LogKwargs } from './kwargs.js';
import { CRITICAL, DEBUG, ERROR, getLevelName, INFO, type Level, WARNING } from './levels.js';
import { Logger } from './logger.js';
import type { Manager } from './manager.js';
import type { ExcInfo, LogArgs } from './record.js';

registerLoggingSourceFile(import.meta.url);

/** What a `LoggerAdapter` wraps: a `Logger`, or another adapter (adapters stack). */
export type AdapterTarget = Logger | LoggerAdapter;

/**
 * CPython's `logging.LoggerAdapter`: a logger stand-in that adds context to every call.
 * `process(msg, kwargs)` is the override point; the default puts the adapter's `extra` in
 * the call's keywords (replacing the call's own `extra`, or merged under it with
 * `merge_extra`, Python 3.13):
 *
 * ```ts
 * const log = new LoggerAdapter(getLogger('web'), { ip: '10.0.0.1', user: 'ann' });
 * log.info('GET %s', path);   // the record has .ip and .user
 *
 * class Prefixed extends LoggerAdapter {
 *   override process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
 *     return [`[${this.extra?.id}] ${msg}`, kwargs];
 *   }
 * }
 * ```
 */
export class LoggerAdapter<E extends Record<string, unknown> = Record<string, unknown>> {
  /** The wrapped logger or adapter. */
  logger: AdapterTarget;
  /** The context added to every record (as `extra`). */
  extra: E | null;
  /**
   * When true, a call's own `extra` is merged over the adapter's instead of replacing it.
   * @default false
   */
  merge_extra: boolean;

  /**
   * @param logger the logger (or adapter) to delegate to
   * @param extra the context to add to records. @default null
   * @param merge_extra merge a call's `extra` over the adapter's. @default false
   */
  constructor(logger: AdapterTarget, extra: E | null = null, merge_extra = false) {
    this.logger = logger;
    this.extra = extra;
    this.merge_extra = merge_extra;
  }

  /**
   * Rewrites the message and keywords of a call (the override point). The default sets
   * `kwargs.extra` to the adapter's `extra` — or with `merge_extra`, to
   * `{ ...this.extra, ...kwargs.extra }` when the call passed an `extra`.
   */
  process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
    if (this.merge_extra && 'extra' in kwargs) {
      kwargs.extra = { ...this.extra, ...kwargs.extra };
    } else {
      kwargs.extra = this.extra;
    }
    return [msg, kwargs];
  }

  /** Logs at DEBUG through `log()`. */
  debug(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) this._adapt(DEBUG, msg, args);
    else this.log(DEBUG, msg, ...args);
  }

  /** Logs at INFO through `log()`. */
  info(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) this._adapt(INFO, msg, args);
    else this.log(INFO, msg, ...args);
  }

  /** Logs at WARNING through `log()`. */
  warning(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) this._adapt(WARNING, msg, args);
    else this.log(WARNING, msg, ...args);
  }

  /** @deprecated Python's deprecated alias of `warning`. */
  warn(msg: unknown, ...args: unknown[]): void {
    this.warning(msg, ...args);
  }

  /** Logs at ERROR through `log()`. */
  error(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) this._adapt(ERROR, msg, args);
    else this.log(ERROR, msg, ...args);
  }

  /** Logs at ERROR with `exc_info` defaulting to true (see `Logger.exception`). */
  exception(msg: unknown, ...args: unknown[]): void {
    addExceptionInfo(msg, args);
    this.log(ERROR, msg, ...args);
  }

  /** Logs at CRITICAL through `log()`. */
  critical(msg: unknown, ...args: unknown[]): void {
    if (this.log === ADAPTER_LOG) this._adapt(CRITICAL, msg, args);
    else this.log(CRITICAL, msg, ...args);
  }

  /** Python's alias of `critical`. */
  fatal(msg: unknown, ...args: unknown[]): void {
    this.critical(msg, ...args);
  }

  /**
   * When the wrapped logger is enabled for `level`, passes the call through `process()` and
   * on to the wrapped logger's `log()`.
   */
  log(level: number, msg: unknown, ...args: unknown[]): void {
    this._adapt(level, msg, args);
  }

  /**
   * @internal `log()`'s body, on the argument array itself. When the wrapped logger is a
   * plain `Logger`, its `log()` is inlined: same level check, same `_log` call, no re-spread.
   */
  _adapt(level: number, msg: unknown, args: unknown[]): void {
    if (!this.isEnabledFor(level)) return;
    const n = args.length;
    const last = n === 0 ? undefined : args[n - 1];
    let kwargs: LogKwargs;
    if (isKw(last)) {
      args.pop();
      kwargs = { ...last };
    } else {
      kwargs = {};
    }
    const processed = this.process(msg, kwargs);
    const target = this.logger;
    if (target instanceof Logger && target.log === LOGGER_LOG && Number.isInteger(level)) {
      const kw = processed[1];
      checkKwKeys(kw);
      if (target.isEnabledFor(level)) {
        target._log(level, processed[0], args, kw.exc_info, kw.extra, kw.stack_info, kw.stacklevel);
      }
      return;
    }
    args.push(brandKw(processed[1]));
    target.log(level, processed[0], ...args);
  }

  /** Whether the wrapped logger is enabled for `level`. */
  isEnabledFor(level: number): boolean {
    return this.logger.isEnabledFor(level);
  }

  /** Sets the wrapped logger's level. */
  setLevel(level: Level): void {
    this.logger.setLevel(level);
  }

  /** The wrapped logger's effective level. */
  getEffectiveLevel(): number {
    return this.logger.getEffectiveLevel();
  }

  /** Whether the wrapped logger has handlers (see `Logger.hasHandlers`). */
  hasHandlers(): boolean {
    return this.logger.hasHandlers();
  }

  /** The low-level `_log`, proxied so that adapters can wrap adapters. */
  _log(
    level: number,
    msg: unknown,
    args: LogArgs,
    exc_info: ExcInfo = null,
    extra: Readonly<Record<string, unknown>> | null = null,
    stack_info = false,
    stacklevel = 1,
  ): void {
    this.logger._log(level, msg, args, exc_info, extra, stack_info, stacklevel);
  }

  /** The wrapped logger's manager. */
  get manager(): Manager {
    return this.logger.manager;
  }
  set manager(value: Manager) {
    this.logger.manager = value;
  }

  /** The wrapped logger's name. */
  get name(): string {
    return this.logger.name;
  }

  /** Python's `repr(adapter)`: `<LoggerAdapter name (EFFECTIVE LEVEL)>`. */
  toString(): string {
    const logger = this.logger;
    return `<${this.constructor.name} ${logger.name} (${getLevelName(logger.getEffectiveLevel())})>`;
  }
}

const ADAPTER_LOG = LoggerAdapter.prototype.log;
const LOGGER_LOG = Logger.prototype.log;
