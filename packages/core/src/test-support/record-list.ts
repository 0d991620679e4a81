// Test support: a handler that keeps the records it is given.
import { Handler } from '../handler.js';
import type { LogRecord } from '../record.js';

/** Keeps every record emitted, and the formatted text when `formatted` is asked for. */
export class RecordListHandler extends Handler {
  readonly records: LogRecord[] = [];
  readonly lines: string[] = [];
  override emit(record: LogRecord): void {
    try {
      this.records.push(record);
      this.lines.push(this.format(record));
    } catch (e) {
      this.handleError(record, e);
    }
  }
}
