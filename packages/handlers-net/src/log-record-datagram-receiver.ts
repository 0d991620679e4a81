import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { getLogger, type LogRecord } from '@logweave/core';
import { decodeRecord, FrameError } from './frame.js';
import { reportReceiverError } from './receiver-errors.js';
import type { SafeUnpickleOptions } from './safe-unpickler.js';

/** CPython's `logging.handlers.DEFAULT_UDP_LOGGING_PORT`. */
export const DEFAULT_UDP_LOGGING_PORT = 9021;

/** Options of {@link LogRecordDatagramReceiver}. */
export interface LogRecordDatagramReceiverOptions {
  /** Address to bind (loopback by default). @default '127.0.0.1' */
  host?: string;
  /** UDP port (0 picks a free one). @default 9021 */
  port?: number;
  /** When set, every record goes to this logger instead of `record.name`. */
  logname?: string | null;
  /** Limits of the safe unpickler. */
  unpickle?: SafeUnpickleOptions;
  /** Where refused datagrams are reported. @default a rate-limited line on stderr */
  onError?: (error: unknown, peer: string) => void;
}

/**
 * The datagram counterpart of {@link LogRecordSocketReceiver}: each UDP datagram holds one
 * frame (a 4-byte big-endian length, which must match the rest of the datagram, then a pickle
 * or JSON record dict), as CPython's `DatagramHandler` and logweave's send. Records are rebuilt
 * with `makeLogRecord` and handed to `handleLogRecord()`. A datagram is at most 64 KiB, so
 * memory per datagram is bounded by the transport itself.
 */
export class LogRecordDatagramReceiver {
  readonly socket: Socket;
  /** The cookbook's `logname`. */
  logname: string | null;
  /** Records handed to loggers so far. */
  received = 0;
  /** Datagrams refused so far. */
  refused = 0;
  readonly #opts: LogRecordDatagramReceiverOptions;
  readonly #onError: (error: unknown, peer: string) => void;

  constructor(options: LogRecordDatagramReceiverOptions = {}) {
    this.#opts = options;
    this.logname = options.logname ?? null;
    this.#onError = options.onError ?? reportReceiverError;
    this.socket = createSocket(isIPv6(options.host ?? '') ? 'udp6' : 'udp4');
    this.socket.on('message', (msg, rinfo) =>
      this.#onMessage(msg, `${rinfo.address}:${rinfo.port}`),
    );
    this.socket.on('error', (e) => this.reportError(e, 'socket'));
  }

  /** Binds the socket; resolves with the bound address. */
  listen(): Promise<{ host: string; port: number }> {
    return new Promise((resolve, reject) => {
      this.socket.once('error', reject);
      this.socket.bind(
        this.#opts.port ?? DEFAULT_UDP_LOGGING_PORT,
        this.#opts.host ?? '127.0.0.1',
        () => {
          this.socket.off('error', reject);
          const a = this.socket.address();
          resolve({ host: a.address, port: a.port });
        },
      );
    });
  }

  /** Hands a record to the logger it names (or `logname`'s). Override to route differently. */
  handleLogRecord(record: LogRecord): void {
    getLogger(this.logname ?? record.name).handle(record);
    this.received++;
  }

  /** Reports an error; never throws. */
  reportError(error: unknown, peer: string): void {
    try {
      this.#onError(error, peer);
    } catch {
      // A failing reporter must not take the receiver down.
    }
  }

  /** Closes the socket. */
  close(): Promise<void> {
    return new Promise((resolve) => {
      try {
        this.socket.close(() => resolve());
      } catch {
        resolve();
      }
    });
  }

  #onMessage(msg: Buffer, peer: string): void {
    let record: LogRecord;
    try {
      if (msg.length < 5)
        throw new FrameError(`datagram of ${msg.length} bytes is too short for a frame`);
      const len = msg.readUInt32BE(0);
      if (len !== msg.length - 4) {
        throw new FrameError(
          `length prefix ${len} does not match the datagram's ${msg.length - 4} payload bytes`,
        );
      }
      record = decodeRecord(msg.subarray(4), this.#opts.unpickle);
    } catch (e) {
      this.refused++;
      this.reportError(e, peer);
      return;
    }
    try {
      this.handleLogRecord(record);
    } catch (e) {
      this.reportError(e, peer);
    }
  }
}
