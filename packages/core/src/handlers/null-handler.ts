import { Handler } from '../handler.js';
import type { LogRecord } from '../record.js';

/**
 * CPython's `logging.NullHandler`: does nothing. A library adds one to its top-level
 * logger so that, when the application configures no logging, its records are neither
 * printed by the last-resort handler nor reported.
 */
export class NullHandler extends Handler {
  /** Does nothing (no filtering, no output); returns false. */
  override handle(_record: LogRecord): false {
    return false;
  }

  /** Does nothing. */
  override emit(_record: LogRecord): void {}
}
