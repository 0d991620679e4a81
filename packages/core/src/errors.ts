/**
 * Errors raised by logweave. Each carries `pythonType`, the CPython exception class the
 * same mistake raises, and a message with CPython's text, so output and tests can be
 * compared with Python peers.
 */
export type PythonExceptionName =
  | 'TypeError'
  | 'ValueError'
  | 'KeyError'
  | 'IndexError'
  | 'OverflowError'
  | 'AttributeError';

/** Base class of every error logweave throws on purpose. */
export abstract class LoggingError extends Error {
  /** The CPython exception class that corresponds to this error. */
  abstract readonly pythonType: PythonExceptionName;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** CPython `TypeError`: a value of the wrong type (bad format argument, bad level type). */
export class LoggingTypeError extends LoggingError {
  readonly pythonType = 'TypeError';
}

/** CPython `ValueError`: a well-typed but invalid value (bad format string, unknown level). */
export class LoggingValueError extends LoggingError {
  readonly pythonType = 'ValueError';
}

/** CPython `KeyError`: a missing mapping key. `message` is the key's repr, as `str(KeyError)`. */
export class LoggingKeyError extends LoggingError {
  readonly pythonType = 'KeyError';
}

/** CPython `IndexError`: an index out of range (`{args[5]}`, `'%s' % ()`). */
export class LoggingIndexError extends LoggingError {
  readonly pythonType = 'IndexError';
}

/** CPython `OverflowError`: a number out of range (`%c` beyond U+10FFFF). */
export class LoggingOverflowError extends LoggingError {
  readonly pythonType = 'OverflowError';
}

/** CPython `AttributeError`. */
export class LoggingAttributeError extends LoggingError {
  readonly pythonType = 'AttributeError';
}
