/**
 * Errors raised by logweave. Each carries `pythonType`, the CPython exception class the
 * same mistake raises, and `pythonMessage`, CPython's text for it, so output and tests can
 * be compared with Python peers. `message` is CPython's text too, sometimes followed by a
 * hint for JavaScript users (`Unknown level: 'info' (level names are case-sensitive: use
 * 'INFO')`).
 *
 * Each class also extends the nearest JavaScript built-in, so `catch (e) { if (e instanceof
 * TypeError) … }` works as it would for Node's own errors: `TypeError` and `AttributeError`
 * are `TypeError`s; `ValueError`, `KeyError`, `IndexError` and `OverflowError` (a value
 * outside the accepted set or range) are `RangeError`s. `e instanceof LoggingError` is true
 * for all of them.
 */
export type PythonExceptionName =
  | 'TypeError'
  | 'ValueError'
  | 'KeyError'
  | 'IndexError'
  | 'OverflowError'
  | 'AttributeError';

/** Marks logweave's errors (shared by every copy of core). */
const BRAND: unique symbol = Symbol.for('logweave.error') as typeof BRAND;

/** What the constructors of the concrete error classes accept. */
export interface LoggingErrorOptions {
  /** The underlying error (Python's `raise … from cause`, printed as the direct cause). */
  cause?: unknown;
  /**
   * The error being handled when this one was raised (Python's implicit `__context__`,
   * printed with "During handling of the above exception, another exception occurred").
   */
  context?: unknown;
  /**
   * A hint for JavaScript users appended to `message` (in parentheses); `pythonMessage`
   * keeps CPython's text alone.
   */
  hint?: string;
}

/**
 * Base class of every error logweave throws on purpose (`e instanceof LoggingError` is true
 * for each concrete class, which extends the nearest built-in error).
 */
export abstract class LoggingError extends Error {
  /** The CPython exception class that corresponds to this error. */
  abstract readonly pythonType: PythonExceptionName;
  /** CPython's text for this error (`message` without the JavaScript hint). */
  declare readonly pythonMessage: string;

  /** True for the errors of every concrete class below (and of other copies of core). */
  static override [Symbol.hasInstance](value: unknown): boolean {
    // biome-ignore lint/complexity/noThisInStatic: subclasses inherit this hook; `this` is the class tested against
    if (this !== LoggingError) {
      // biome-ignore lint/complexity/noThisInStatic: the class tested against
      return Function.prototype[Symbol.hasInstance].call(this, value);
    }
    return (
      typeof value === 'object' &&
      value !== null &&
      (value as Record<symbol, unknown>)[BRAND] === true
    );
  }
}

type Concrete<T extends ErrorConstructor | TypeErrorConstructor | RangeErrorConstructor> = new (
  message: string,
  options?: LoggingErrorOptions,
) => InstanceType<T> & LoggingError;

function initialise(err: Error, target: Function, message: string, o?: LoggingErrorOptions): void {
  Object.defineProperty(err, BRAND, { value: true });
  if (o?.context !== undefined) {
    Object.defineProperty(err, '__context__', {
      value: o.context,
      writable: true,
      configurable: true,
    });
  }
  const hint = o?.hint;
  Object.defineProperty(err, 'pythonMessage', { value: message, enumerable: false });
  err.name = target.name;
  if (hint !== undefined) err.message = `${message} (${hint})`;
}

/** CPython `TypeError`: a value of the wrong type (bad format argument, bad level type). */
export class LoggingTypeError extends (TypeError as unknown as Concrete<TypeErrorConstructor>) {
  readonly pythonType = 'TypeError';
  constructor(message: string, options?: LoggingErrorOptions) {
    super(message, options);
    initialise(this, new.target, message, options);
  }
}

/** CPython `ValueError`: a well-typed but invalid value (bad format string, unknown level). */
export class LoggingValueError extends (RangeError as unknown as Concrete<RangeErrorConstructor>) {
  readonly pythonType = 'ValueError';
  constructor(message: string, options?: LoggingErrorOptions) {
    super(message, options);
    initialise(this, new.target, message, options);
  }
}

/** CPython `KeyError`: a missing mapping key. `message` is the key's repr, as `str(KeyError)`. */
export class LoggingKeyError extends (RangeError as unknown as Concrete<RangeErrorConstructor>) {
  readonly pythonType = 'KeyError';
  constructor(message: string, options?: LoggingErrorOptions) {
    super(message, options);
    initialise(this, new.target, message, options);
  }
}

/** CPython `IndexError`: an index out of range (`{args[5]}`, `'%s' % ()`). */
export class LoggingIndexError extends (RangeError as unknown as Concrete<RangeErrorConstructor>) {
  readonly pythonType = 'IndexError';
  constructor(message: string, options?: LoggingErrorOptions) {
    super(message, options);
    initialise(this, new.target, message, options);
  }
}

/** CPython `OverflowError`: a number out of range (`%c` beyond U+10FFFF). */
export class LoggingOverflowError extends (RangeError as unknown as Concrete<RangeErrorConstructor>) {
  readonly pythonType = 'OverflowError';
  constructor(message: string, options?: LoggingErrorOptions) {
    super(message, options);
    initialise(this, new.target, message, options);
  }
}

/** CPython `AttributeError`. */
export class LoggingAttributeError extends (TypeError as unknown as Concrete<TypeErrorConstructor>) {
  readonly pythonType = 'AttributeError';
  constructor(message: string, options?: LoggingErrorOptions) {
    super(message, options);
    initialise(this, new.target, message, options);
  }
}
