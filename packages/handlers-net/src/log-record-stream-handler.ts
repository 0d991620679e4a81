import type { Socket } from 'node:net';
import type { LogRecord } from '@logweave/core';
import { ACK_HELLO, decodeRecord, FrameError } from './frame.js';
import type { SafeUnpickleOptions } from './safe-unpickler.js';

/** What a stream connection needs from its receiver. */
export interface StreamHandlerHost {
  /** Largest payload accepted, checked on the length prefix before anything is buffered. */
  readonly maxFrameSize: number;
  /** Milliseconds a started frame may take to arrive completely (0: no limit). */
  readonly frameTimeout: number;
  /** Limits of the safe unpickler. */
  readonly unpickleOptions: SafeUnpickleOptions;
  /** Hands a rebuilt record to the logging tree. */
  handleLogRecord(record: LogRecord): void;
  /** Reports a failed connection or handler (never throws). */
  reportError(error: unknown, peer: string): void;
  /** Counts and reports a refused frame (never throws). */
  refuseFrame(error: unknown, peer: string): void;
}

/**
 * One connection of a {@link LogRecordSocketReceiver} (the cookbook's `LogRecordStreamHandler`):
 * reads 4-byte big-endian length prefixes and payloads, rebuilds each record with
 * `makeLogRecord` and hands it to the receiver. Memory is bounded by `maxFrameSize`: a length
 * prefix above it is refused before any byte of the payload is kept, and the connection is
 * closed (its framing is lost). A payload that is refused (a hostile pickle, bad UTF-8) is
 * reported and skipped; the connection goes on with the next frame.
 *
 * When the first four bytes are {@link ACK_HELLO}, the connection acknowledges: after each
 * chunk it writes the running count of handled frames (4 bytes, big-endian), and when the
 * receiver closes, it writes the final count before ending the connection and handles nothing
 * after it.
 */
export class LogRecordStreamHandler {
  /** Frames handled on this connection. */
  handled = 0;
  /** Frames refused on this connection. */
  refused = 0;
  readonly peer: string;
  #chunks: Buffer[] = [];
  #have = 0;
  #need = -1;
  #first = true;
  #ack = false;
  #acked = 0;
  #stopped = false;
  #frameTimer: NodeJS.Timeout | null = null;
  #ackWriting = false;

  constructor(
    readonly socket: Socket,
    readonly host: StreamHandlerHost,
  ) {
    this.peer = socket.remoteAddress
      ? `${socket.remoteAddress}:${socket.remotePort}`
      : 'unix socket';
    socket.on('data', (chunk: Buffer) => this.#onData(chunk));
    socket.on('error', (e) => {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ECONNRESET' && code !== 'EPIPE') host.reportError(e, this.peer);
    });
    socket.on('close', () => this.#clearFrameTimer());
  }

  /** Stops handling frames; with acknowledgements on, sends the final count first. Then ends the connection. */
  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#clearFrameTimer();
    this.#chunks = [];
    if (this.#ack) this.#writeAck();
    this.socket.end();
    const t = setTimeout(() => this.socket.destroy(), 1000);
    t.unref();
  }

  #onData(chunk: Buffer): void {
    if (this.#stopped) return;
    let off = 0;
    while (off < chunk.length && !this.#stopped) {
      if (this.#need < 0) {
        // Reading the 4-byte prefix (possibly split across chunks).
        const take = Math.min(4 - this.#have, chunk.length - off);
        this.#chunks.push(chunk.subarray(off, off + take));
        this.#have += take;
        off += take;
        if (this.#have < 4) break;
        const prefix =
          this.#chunks.length === 1 ? (this.#chunks[0] as Buffer) : Buffer.concat(this.#chunks, 4);
        this.#chunks = [];
        this.#have = 0;
        const len = prefix.readUInt32BE(0);
        if (this.#first) {
          this.#first = false;
          if (prefix.equals(ACK_HELLO)) {
            this.#ack = true;
            continue;
          }
        }
        if (len > this.host.maxFrameSize) {
          this.refused++;
          this.host.refuseFrame(
            new FrameError(
              `frame of ${len} bytes exceeds maxFrameSize (${this.host.maxFrameSize}); closing the connection`,
            ),
            this.peer,
          );
          this.#abort();
          return;
        }
        this.#need = len;
        if (len === 0) {
          this.#need = -1;
          this.refused++;
          this.host.refuseFrame(new FrameError('empty frame'), this.peer);
          continue;
        }
        this.#startFrameTimer();
      }
      const take = Math.min(this.#need - this.#have, chunk.length - off);
      this.#chunks.push(chunk.subarray(off, off + take));
      this.#have += take;
      off += take;
      if (this.#have < this.#need) {
        // Keep only what the frame needs: copy out of the (possibly large) socket chunk.
        const last = this.#chunks.length - 1;
        this.#chunks[last] = Buffer.from(this.#chunks[last] as Buffer);
        break;
      }
      const payload =
        this.#chunks.length === 1
          ? (this.#chunks[0] as Buffer)
          : Buffer.concat(this.#chunks, this.#need);
      this.#chunks = [];
      this.#have = 0;
      this.#need = -1;
      this.#clearFrameTimer();
      this.#handleFrame(payload);
    }
    if (this.#ack) this.#sendAck();
  }

  #handleFrame(payload: Buffer): void {
    let record: LogRecord;
    try {
      record = decodeRecord(payload, this.host.unpickleOptions);
    } catch (e) {
      this.refused++;
      this.host.refuseFrame(e, this.peer);
      return;
    }
    this.handled++;
    try {
      this.host.handleLogRecord(record);
    } catch (e) {
      this.host.reportError(e, this.peer);
    }
  }

  #sendAck(): void {
    if (!this.#ack || this.#ackWriting || this.#acked === this.handled + this.refused) return;
    this.#writeAck();
  }

  /** Writes the running count; one write at a time, the latest count next (bounded memory). */
  #writeAck(): void {
    if (this.socket.destroyed || !this.socket.writable) return;
    const b = Buffer.allocUnsafe(4);
    // Refused frames count too: they must not be sent again.
    const n = this.handled + this.refused;
    b.writeUInt32BE(n >>> 0, 0);
    this.#acked = n;
    this.#ackWriting = true;
    this.socket.write(b, () => {
      this.#ackWriting = false;
      if (!this.#stopped) this.#sendAck();
    });
  }

  #startFrameTimer(): void {
    const ms = this.host.frameTimeout;
    if (ms <= 0) return;
    this.#frameTimer = setTimeout(() => {
      this.refused++;
      this.host.refuseFrame(
        new FrameError(`a frame took more than ${ms} ms to arrive; closing the connection`),
        this.peer,
      );
      this.#abort();
    }, ms);
    this.#frameTimer.unref();
  }

  #clearFrameTimer(): void {
    if (this.#frameTimer !== null) clearTimeout(this.#frameTimer);
    this.#frameTimer = null;
  }

  #abort(): void {
    this.#stopped = true;
    this.#chunks = [];
    this.#clearFrameTimer();
    if (this.#ack) this.#writeAck();
    this.socket.end();
    const t = setTimeout(() => this.socket.destroy(), 1000);
    t.unref();
  }
}
