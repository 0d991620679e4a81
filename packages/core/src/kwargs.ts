import { LoggingTypeError } from './errors.js';
import { pyRepr } from './text/py-repr.js';

/**
 * Python's keyword arguments of a logging call. In JavaScript every positional argument is
 * a `%` argument (and a single plain object is the `%(key)s` mapping), so the keywords travel
 * in one *branded* object made by `kw()`, passed last:
 *
 * ```ts
 * log.info('%s has %d items', name, n);                    // positional, as in Python
 * log.info('%(user)s logged in', { user: 'ann' });           // the single-mapping form
 * log.error('request failed', kw({ exc_info: err }));        // exc_info=err
 * log.warning('slow: %dms', ms, kw({ extra: { route }, stack_info: true, stacklevel: 2 }));
 * log.exception(err);                                       // ERROR with err's traceback
 * ```
 */
export interface LogKwargs {
  /**
   * The error to report with the record: an `Error` or any thrown value; `true` means "the
   * error among this call's arguments" (the message itself when it is an `Error`, else the
   * first `Error` argument). JavaScript has no `sys.exc_info()`, so with no such argument
   * `true` stays `true` and formats as CPython's `NoneType: None`.
   */
  exc_info?: unknown;
  /** Extra attributes for the record; a key the record already has throws a `KeyError`. */
  extra?: Readonly<Record<string, unknown>> | null;
  /**
   * Add the call stack (`Stack (most recent call last):` …) as `stack_info`.
   * @default false
   */
  stack_info?: boolean;
  /**
   * Which frame the caller fields describe: 1 = the caller of the logging method, 2 = its
   * caller, and so on (logging's own frames are not counted).
   * @default 1
   */
  stacklevel?: number;
}

declare const kwBrand: unique symbol;

/** A `LogKwargs` object made by `kw()`, recognised as keywords when passed last. */
export type Kw = LogKwargs & { readonly [kwBrand]: true };

/** The runtime brand (shared by all copies of core). */
const KW: unique symbol = Symbol.for('logweave.kw') as typeof KW;

/**
 * Marks `options` as the keyword arguments of a logging call (pass it last). Unknown keys
 * throw CPython's `TypeError: Logger._log() got an unexpected keyword argument 'x'`.
 */
export function kw(options: LogKwargs): Kw {
  // The brand goes in first: V8 adds a property to a spread copy on its slow path (~0.5 µs).
  const copy = { [KW]: true, ...options } as Record<string | symbol, unknown>;
  if (copy[KW] !== true) copy[KW] = true;
  checkKwKeys(copy);
  return copy as unknown as Kw;
}

/**
 * @internal Returns `options` branded as keywords (a new object, brand first), with
 * `kw()`'s key check.
 */
export function brandKw(options: LogKwargs): Kw {
  checkKwKeys(options);
  // A fresh literal with the brand first: adding a property to a spread copy is V8's slow path.
  return { [KW]: true, ...options } as unknown as Kw;
}

/** @internal Throws CPython's `TypeError` for a key `Logger._log` does not take. */
export function checkKwKeys(options: LogKwargs): void {
  for (const key in options) {
    if (key !== 'extra' && key !== 'exc_info' && key !== 'stack_info' && key !== 'stacklevel') {
      throw new LoggingTypeError(`Logger._log() got an unexpected keyword argument ${pyRepr(key)}`);
    }
  }
}

/** Whether `value` is a `kw()` object. */
export function isKw(value: unknown): value is Kw {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[KW] === true
  );
}
