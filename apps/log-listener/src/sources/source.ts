import type { LogRecord } from '@logweave/core';
import type { CountingSource } from '../listener-metrics.js';

/** Where a source hands each received record. */
export type Dispatch = (record: LogRecord) => void;

/** Where a source reports a refused frame or a transport error (never throws). */
export type ReportError = (source: string, error: unknown, peer: string) => void;

/** One way records arrive (a TCP port, a UDP port, a ZeroMQ or NNG socket). */
export interface Source extends CountingSource {
  /** Starts receiving; resolves with the address, for the start-up line. */
  start(): Promise<string>;
  /**
   * Stops accepting and drains: every record that has arrived is dispatched before this
   * resolves.
   */
  stop(): Promise<void>;
}
