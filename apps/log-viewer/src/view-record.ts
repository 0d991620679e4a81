import type { Formatter, LogRecord } from '@logweave/core';

/** What the page receives for one record: the fields it filters on, and the formatted line. */
export interface ViewRecord {
  /** Position in the stream, from 1; a gap tells the page that records were dropped. */
  seq: number;
  /** `record.created`, seconds since the epoch. */
  created: number;
  levelno: number;
  levelname: string;
  /** The logger name. */
  name: string;
  threadName: string;
  /** `record.getMessage()`. */
  message: string;
  /** The whole formatted record (with its exception text, if any). */
  text: string;
}

/** Builds the page's view of `record`, formatting it with `formatter`. */
export function toViewRecord(record: LogRecord, formatter: Formatter, seq: number): ViewRecord {
  const text = formatter.format(record);
  return {
    seq,
    created: record.created,
    levelno: record.levelno,
    levelname: record.levelname,
    name: record.name,
    threadName: String(record.threadName ?? ''),
    message: record.message ?? record.getMessage(),
    text,
  };
}
