import {
  type AdapterTarget,
  type LogKwargs,
  LoggerAdapter,
  registerLoggingSourceFile,
} from '@logweave/core';

registerLoggingSourceFile(import.meta.url);

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
}
