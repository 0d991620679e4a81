import { getLogger, type LogRecord } from '@logweave/core';

/**
 * Hands a received record to the logger it names, whose handlers (configured by the
 * `logging:` section) write it: the cookbook's `handleLogRecord`. A handler that throws
 * instead of calling `handleError` is counted and reported; it never stops the listener.
 */
export class Dispatcher {
  /** Errors thrown while dispatching (on top of those handlers report themselves). */
  errors = 0;

  constructor(readonly onError: (error: unknown) => void = () => {}) {}

  dispatch(record: LogRecord): void {
    try {
      getLogger(record.name).handle(record);
    } catch (e) {
      this.errors++;
      this.onError(e);
    }
  }
}
