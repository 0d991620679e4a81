/**
 * @internal The protocol between `WorkerQueueHandler` (main side) and `worker-entry`
 * (worker side). Records travel as arrays on a `MessagePort`; control requests as objects.
 * A shared `Int32Array` carries what the main thread waits for synchronously.
 */
import type { MessagePort } from 'node:worker_threads';

/** Index of the worker's state in the control array. */
export const STATE = 0;
/** Index of the last control request the worker has completed (`seq`). */
export const ACK = 1;
/** Index of the count of records the worker has handled (wraps at 2^31). */
export const HANDLED = 2;
/** Length of the control array. */
export const CONTROL_LENGTH = 3;

/** The worker is loading its target. */
export const STARTING = 0;
/** The worker runs its listener. */
export const RUNNING = 1;
/** The worker has ended (target failed, closed, or the thread exited). */
export const ENDED = 2;

/** What `ACK` is set to when the worker ends, so that every wait returns. */
export const ACK_ENDED = 0x7fffffff;

/** `workerData` of the worker entry. */
export interface WorkerEntryData {
  /** The worker's `threadName`. */
  threadName: string;
  /** The module that builds the handlers (a URL string, or a bare specifier). */
  target: string;
  /** The export of `target` to call. */
  exportName: string;
  /** The argument passed to that export. */
  options: unknown;
  /** `QueueListener`'s `respect_handler_level`. */
  respect_handler_level: boolean;
  /** The port records and requests arrive on. */
  port: MessagePort;
  /** The control array's buffer. */
  control: SharedArrayBuffer;
}

/** A request from the main thread: `flush` (handle and flush) or `close` (then close). */
export interface ControlRequest {
  op: 'flush' | 'close';
  seq: number;
}

/** What the worker reports back on the port. */
export type WorkerReport = { op: 'ready' } | { op: 'failed'; error: string };
