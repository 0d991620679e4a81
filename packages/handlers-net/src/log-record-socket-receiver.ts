import { rmSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import { getLogger, type LogRecord } from '@logweave/core';
import { LogRecordStreamHandler, type StreamHandlerHost } from './log-record-stream-handler.js';
import { reportReceiverError } from './receiver-errors.js';
import type { SafeUnpickleOptions } from './safe-unpickler.js';

/** CPython's `logging.handlers.DEFAULT_TCP_LOGGING_PORT`. */
export const DEFAULT_TCP_LOGGING_PORT = 9020;

/** Options of {@link LogRecordSocketReceiver}. */
export interface LogRecordSocketReceiverOptions {
  /** Address to listen on (loopback by default). @default 'localhost' */
  host?: string;
  /** TCP port (0 picks a free one). @default 9020 */
  port?: number;
  /** Listen on this unix socket path instead of TCP. */
  path?: string;
  /** When set, every record goes to this logger instead of `record.name` (the cookbook's `logname`). */
  logname?: string | null;
  /** Largest frame payload accepted, checked on the length prefix. @default 1048576 */
  maxFrameSize?: number;
  /** Most connections at once; further ones are closed at once. @default 1024 */
  maxConnections?: number;
  /** Milliseconds a started frame may take to arrive (a slow or stalled client). @default 30000 */
  frameTimeout?: number;
  /** Limits of the safe unpickler. */
  unpickle?: SafeUnpickleOptions;
  /** Where refused frames and connection errors are reported. @default a rate-limited line on stderr */
  onError?: (error: unknown, peer: string) => void;
}

/**
 * The cookbook's `LogRecordSocketReceiver`: a TCP (or unix stream) server accepting the frames
 * of CPython's `SocketHandler` and of logweave's, rebuilding each record with `makeLogRecord`
 * and handing it to `handleLogRecord()`, which by default passes it to
 * `getLogger(record.name).handle(record)`. Pickles are read by a safe unpickler (plain data
 * only: a pickle that would import or call anything is refused); frames are bounded by
 * `maxFrameSize`, connections by `maxConnections`, and a frame that stalls is dropped after
 * `frameTimeout`.
 */
export class LogRecordSocketReceiver implements StreamHandlerHost {
  readonly server: Server;
  /** The cookbook's `logname`. */
  logname: string | null;
  readonly maxFrameSize: number;
  readonly maxConnections: number;
  readonly frameTimeout: number;
  readonly unpickleOptions: SafeUnpickleOptions;
  /** Records handed to loggers so far. */
  received = 0;
  /** Frames refused so far (bad pickles, oversized prefixes...). */
  refused = 0;
  readonly #connections = new Set<LogRecordStreamHandler>();
  readonly #opts: LogRecordSocketReceiverOptions;
  readonly #onError: (error: unknown, peer: string) => void;

  constructor(options: LogRecordSocketReceiverOptions = {}) {
    this.#opts = options;
    this.logname = options.logname ?? null;
    this.maxFrameSize = options.maxFrameSize ?? 1024 * 1024;
    this.maxConnections = options.maxConnections ?? 1024;
    this.frameTimeout = options.frameTimeout ?? 30_000;
    this.unpickleOptions = options.unpickle ?? {};
    this.#onError = options.onError ?? reportReceiverError;
    if (!(this.maxFrameSize > 0 && this.maxFrameSize < 2 ** 32))
      throw new RangeError(`maxFrameSize must be in 1..2**32-1, not ${this.maxFrameSize}`);
    this.server = createServer((socket) => this.#accept(socket));
  }

  /** Starts listening; resolves with the address (`{ port }` for TCP, the path for unix). */
  listen(): Promise<{ host?: string; port?: number; path?: string }> {
    const o = this.#opts;
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      const done = (): void => {
        this.server.off('error', reject);
        this.server.on('error', (e) => this.reportError(e, 'server'));
        const a = this.server.address();
        resolve(
          typeof a === 'string' || a === null
            ? { path: o.path }
            : { host: a.address, port: a.port },
        );
      };
      if (o.path !== undefined) this.server.listen(o.path, done);
      else this.server.listen(o.port ?? DEFAULT_TCP_LOGGING_PORT, o.host ?? 'localhost', done);
    });
  }

  /** Connections open now. */
  get connections(): number {
    return this.#connections.size;
  }

  /**
   * Hands a record to the logger it names (or to `logname`'s), as the cookbook's
   * `handleLogRecord`. Override it to route or filter records differently.
   */
  handleLogRecord(record: LogRecord): void {
    const name = this.logname ?? record.name;
    getLogger(name).handle(record);
    this.received++;
  }

  /** Reports an error (a refused frame, a failing handler); never throws. */
  reportError(error: unknown, peer: string): void {
    try {
      this.#onError(error, peer);
    } catch {
      // A failing reporter must not take the receiver down.
    }
  }

  /** Counts a refused frame and reports it. */
  refuseFrame(error: unknown, peer: string): void {
    this.refused++;
    this.reportError(error, peer);
  }

  /**
   * Stops accepting, tells acknowledging clients how many of their frames were handled, and
   * closes every connection; resolves when the server is closed.
   */
  close(): Promise<void> {
    return new Promise((resolve) => {
      for (const c of this.#connections) c.stop();
      this.server.close(() => {
        if (this.#opts.path !== undefined) {
          try {
            rmSync(this.#opts.path, { force: true });
          } catch {
            // Already gone.
          }
        }
        resolve();
      });
    });
  }

  #accept(socket: Socket): void {
    if (this.#connections.size >= this.maxConnections) {
      this.reportError(
        new Error(`more than ${this.maxConnections} connections: refusing one`),
        socket.remoteAddress ?? 'unix socket',
      );
      socket.destroy();
      return;
    }
    const c = new LogRecordStreamHandler(socket, this);
    this.#connections.add(c);
    socket.on('close', () => this.#connections.delete(c));
  }
}
