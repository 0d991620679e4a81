import { type Kw, kw, type LogKwargs, registerLoggingSourceFile } from '@logweave/core';
import { BraceMessage } from './brace-message.js';
import { ContextAdapter } from './context-adapter.js';

registerLoggingSourceFile(import.meta.url);

const KW = Symbol.for('logweave.kw');

/** @internal Whether `value` is a `kw()` object (core's brand, shared by all copies). */
export function isKwObject(value: unknown): value is Kw {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KW] === true
  );
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/**
 * The cookbook's `StyleAdapter`: messages use `str.format` (`{}`) placeholders, formatted
 * lazily — only when a handler needs the text — through a {@link BraceMessage}.
 *
 * ```ts
 * const log = new StyleAdapter(getLogger('app'));
 * log.info('{} has {:,d} rows', table, n);
 * log.info('{user} logged in', { user: 'ann' });   // one plain object: the keyword arguments
 * ```
 *
 * As in Python, every message is formatted (`'{}'` with no arguments is an error reported by
 * the handler). A single plain-object argument is both `{0}` and the keyword arguments. Extra
 * fields merge as in {@link ContextAdapter}.
 */
export class StyleAdapter<
  E extends Record<string, unknown> = Record<string, unknown>,
> extends ContextAdapter<E> {
  /**
   * Wraps the message in `message(msg, args, kwargs)` (the override point for another
   * message class) after `process()`, and logs it on the wrapped logger.
   */
  override log(level: number, msg: unknown, ...args: unknown[]): void {
    if (!this.isEnabledFor(level)) return;
    const last = args.length === 0 ? undefined : args[args.length - 1];
    let kwargs: LogKwargs = {};
    if (isKwObject(last)) {
      args.pop();
      kwargs = { ...last };
    }
    const [m, k] = this.process(msg, kwargs);
    const only = args.length === 1 ? args[0] : undefined;
    const names = isPlainObject(only) ? only : {};
    this.logger.log(level, this.message(m, args, names), kw(k));
  }

  /** Builds the lazy message object. */
  protected message(
    msg: unknown,
    args: readonly unknown[],
    kwargs: Readonly<Record<string, unknown>>,
  ): unknown {
    return new BraceMessage(typeof msg === 'string' ? msg : String(msg), args, kwargs);
  }
}
