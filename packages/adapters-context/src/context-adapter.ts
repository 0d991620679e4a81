import {
  type AdapterTarget,
  CRITICAL,
  DEBUG,
  ERROR,
  INFO,
  type LogKwargs,
  Logger,
  LoggerAdapter,
  registerLoggingSourceFile,
  WARNING,
} from '@logweave/core';

registerLoggingSourceFile(import.meta.url);

const KW = Symbol.for('logweave.kw');

/**
 * A `LoggerAdapter` that follows the package's precedence rule: the call's own `extra` wins
 * over the adapter's (CPython 3.13's `merge_extra=True`, on by default here), and a child
 * adapter's fields win over its parent's. The adapter's `extra` is read at every call, so
 * getters on it (`{ get user() { ... } }`) give values computed when the record is made.
 *
 * ```ts
 * const log = new ContextAdapter(getLogger('web'), { service: 'api' });
 * const reqLog = log.child({ requestId: 'r-1' });
 * reqLog.info('hello', kw({ extra: { requestId: 'override' } }));
 * ```
 *
 * A chain of `ContextAdapter`s that do not override `process()` is merged in one step and
 * handed straight to the logger (no re-spread of the arguments per level of the chain).
 */
export class ContextAdapter<
  E extends Record<string, unknown> = Record<string, unknown>,
> extends LoggerAdapter<E> {
  /**
   * @param logger the logger (or adapter) to wrap
   * @param extra the adapter's fields. @default null
   * @param merge_extra whether a call's `extra` is merged over the adapter's. @default true
   */
  constructor(logger: AdapterTarget, extra: E | null = null, merge_extra = true) {
    super(logger, extra, merge_extra);
  }

  /** Merges the adapter's fields under the call's `extra` (the override point). */
  override process(msg: unknown, kwargs: LogKwargs): [unknown, LogKwargs] {
    const own = this.extra;
    const call = kwargs.extra;
    if (call === undefined || call === null || !this.merge_extra) kwargs.extra = own;
    else if (own !== null) kwargs.extra = { ...own, ...call };
    return [msg, kwargs];
  }

  /** A child adapter whose `extra` is merged over this one's (pino's and winston's `child`). */
  child<C extends Record<string, unknown>>(extra: C): ContextAdapter<C> {
    return new ContextAdapter<C>(this, extra, true);
  }

  override debug(msg: unknown, ...args: unknown[]): void {
    this.#call(DEBUG, msg, args);
  }

  override info(msg: unknown, ...args: unknown[]): void {
    this.#call(INFO, msg, args);
  }

  override warning(msg: unknown, ...args: unknown[]): void {
    this.#call(WARNING, msg, args);
  }

  override error(msg: unknown, ...args: unknown[]): void {
    this.#call(ERROR, msg, args);
  }

  override critical(msg: unknown, ...args: unknown[]): void {
    this.#call(CRITICAL, msg, args);
  }

  /**
   * The level methods' body: the merged fast path when every adapter in the chain is a
   * `ContextAdapter` with the default `process()` and `log()` over a plain `Logger`, else
   * the general path through `log()`.
   */
  #call(level: number, msg: unknown, args: unknown[]): void {
    if (!fastChain(this)) {
      this.log(level, msg, ...args);
      return;
    }
    if (!this.isEnabledFor(level)) return;
    const n = args.length;
    const last = n === 0 ? undefined : (args[n - 1] as LogKwargs | undefined);
    let kw: LogKwargs | null = null;
    if (
      typeof last === 'object' &&
      last !== null &&
      (last as Record<symbol, unknown>)[KW] === true
    ) {
      args.pop();
      kw = last;
    }
    // The slow path's result in one step: innermost adapter first, each outer one over it,
    // the call's extra last (same values, same key order).
    let extra: Readonly<Record<string, unknown>> | null = kw?.extra ?? null;
    let target: AdapterTarget = this;
    while (target instanceof ContextAdapter) {
      const own = target.extra;
      if (own !== null) {
        if (extra === null) extra = own;
        else extra = { ...own, ...extra };
      }
      target = target.logger;
    }
    (target as Logger)._log(
      level,
      msg,
      args,
      kw?.exc_info ?? null,
      extra,
      kw?.stack_info ?? false,
      kw?.stacklevel ?? 1,
    );
  }
}

const CONTEXT_PROCESS = ContextAdapter.prototype.process;
const ADAPTER_LOG = LoggerAdapter.prototype.log;
const LOGGER_LOG = Logger.prototype.log;

/** Whether every adapter down to the logger uses the default merge (see `#call`). */
function fastChain(adapter: AdapterTarget): boolean {
  let t: AdapterTarget = adapter;
  while (t instanceof ContextAdapter) {
    if (t.process !== CONTEXT_PROCESS || t.log !== ADAPTER_LOG || !t.merge_extra) return false;
    t = t.logger;
  }
  return t instanceof Logger && t.log === LOGGER_LOG;
}
