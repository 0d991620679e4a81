import { Formatter } from './formatter.js';
import type { LogRecord } from './record.js';

/** Anything that formats one record (a `Formatter` or a look-alike). */
export interface RecordFormatter {
  /** Formats one record as text. */
  format(record: LogRecord): string;
}

let defaultLineFormatter: Formatter | undefined;

/**
 * CPython's `logging.BufferingFormatter`: formats a batch of records (as `MemoryHandler`-style
 * handlers hold them) as header + each record's line + footer. Override `formatHeader` and
 * `formatFooter` to frame the batch.
 */
export class BufferingFormatter {
  /** The formatter applied to each record. */
  linefmt: RecordFormatter;

  /** @param linefmt The formatter for each record; a default `Formatter()` when omitted. */
  constructor(linefmt?: RecordFormatter | null) {
    this.linefmt = linefmt || (defaultLineFormatter ??= new Formatter());
  }

  /** The text before the records; the base implementation returns `''`. */
  formatHeader(_records: readonly LogRecord[]): string {
    return '';
  }

  /** The text after the records; the base implementation returns `''`. */
  formatFooter(_records: readonly LogRecord[]): string {
    return '';
  }

  /** Header, every record formatted with `linefmt`, footer; `''` for no records. */
  format(records: readonly LogRecord[]): string {
    let rv = '';
    if (records.length > 0) {
      rv += this.formatHeader(records);
      for (const record of records) rv += this.linefmt.format(record);
      rv += this.formatFooter(records);
    }
    return rv;
  }
}
