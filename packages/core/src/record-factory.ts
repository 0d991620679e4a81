import { LogRecord, type LogRecordFactory, recordFactoryState } from './record.js';

/** `Function.prototype.toString` of an ES class starts with `class`. */
function isClass(f: Function): boolean {
  return /^class[\s{]/.test(Function.prototype.toString.call(f));
}

/**
 * Sets the callable used to build every record (`Logger.makeRecord` and `makeLogRecord`), as
 * `logging.setLogRecordFactory`. It receives `LogRecord`'s positional arguments
 * `(name, level, pathname, lineno, msg, args, exc_info, func, sinfo)`. A `LogRecord`
 * subclass (or any class) is called with `new`; a plain function is called directly —
 * typically wrapping the previous factory:
 *
 * ```ts
 * const old = getLogRecordFactory();
 * setLogRecordFactory((...a) => { const r = callFactory(old, ...a); r.custom = 1; return r; });
 * ```
 */
export function setLogRecordFactory(factory: LogRecordFactory): void {
  recordFactoryState.factory = factory;
  recordFactoryState.construct =
    factory === LogRecord || factory.prototype instanceof LogRecord || isClass(factory);
}

/** The current record factory, as `logging.getLogRecordFactory` (the `LogRecord` class by default). */
export function getLogRecordFactory(): LogRecordFactory {
  return recordFactoryState.factory;
}

/**
 * Calls a factory as Python would call it, whether it is a class or a function (useful when
 * a custom factory wraps the previous one).
 */
export function callFactory(
  factory: LogRecordFactory,
  ...args: ConstructorParameters<typeof LogRecord>
): LogRecord {
  if (
    factory === LogRecord ||
    factory.prototype instanceof LogRecord ||
    isClass(factory as Function)
  ) {
    return new (factory as typeof LogRecord)(...args);
  }
  return (factory as (...a: ConstructorParameters<typeof LogRecord>) => LogRecord)(...args);
}

/** @internal Restores the default factory (`LogRecord`). */
export function resetLogRecordFactory(): void {
  recordFactoryState.factory = LogRecord;
  recordFactoryState.construct = true;
}
