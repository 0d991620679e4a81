// Test support: a handler that keeps the records and lines it is given.
import {
  Formatter,
  getLogger,
  Handler,
  type Level,
  type Logger,
  type LogRecord,
} from '@logweave/core';

/** Keeps every record emitted and its formatted line. */
export class ListHandler extends Handler {
  readonly records: LogRecord[] = [];
  readonly lines: string[] = [];
  closed = false;
  override close(): void {
    this.closed = true;
    super.close();
  }
  override emit(record: LogRecord): void {
    try {
      this.lines.push(this.format(record));
      this.records.push(record);
    } catch (e) {
      this.handleError(record, e);
    }
  }
}

/** A non-propagating logger at `level` with one `ListHandler` formatting with `fmt`. */
export function listLogger(
  name: string,
  fmt = '%(message)s',
  level: Level = 'DEBUG',
): { logger: Logger; h: ListHandler } {
  const logger = getLogger(name);
  logger.setLevel(level);
  logger.propagate = false;
  const h = new ListHandler();
  h.setFormatter(new Formatter(fmt));
  logger.addHandler(h);
  return { logger, h };
}
