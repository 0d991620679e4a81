// Test support: a handler that keeps the records and lines it is given.
import { Handler, type LogRecord } from '@logweave/core';

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
