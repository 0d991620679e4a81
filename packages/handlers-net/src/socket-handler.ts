import { writeSync } from 'node:fs';
import { createConnection, type Socket } from 'node:net';
import { Handler, type LogRecord } from '@logweave/core';
import { DropAccounting, type NetDropReport } from './drop-accounting.js';
import { exitState, onProcessExit } from './exit-state.js';
import { ACK_HELLO } from './frame.js';
import { picklePlain } from './pickle-writer.js';
import { type RecordSerializer, recordDict, recordJson } from './record-dict.js';
import { RetryBackoff, type RetryBackoffOptions } from './retry-backoff.js';

/** Options of {@link SocketHandler} (CPython takes only host and port). */
export interface SocketHandlerOptions extends RetryBackoffOptions {
  /** `'pickle'` (CPython's wire format) or `'json'` (the same dict as UTF-8 JSON). @default 'pickle' */
  serializer?: RecordSerializer;
  /** Milliseconds a connect may take before it counts as failed. @default 5000 */
  connectTimeout?: number;
  /** Milliseconds a write may stay unfinished (a peer that accepts and never reads). @default 10000 */
  writeTimeout?: number;
  /** Milliseconds without records after which the connection is closed (0: never). @default 0 */
  idleTimeout?: number;
  /**
   * Records kept while connecting, while the peer is away and while writes are slow; beyond
   * it the newest record is dropped and counted. @default 1000
   */
  bufferSize?: number;
  /** Bytes the kept records may take. @default 16777216 */
  maxBufferBytes?: number;
  /** Milliseconds `close()` (and the exit flush) may spend delivering what is kept. @default 2000 */
  closeTimeout?: number;
  /**
   * Ask a logweave receiver to acknowledge frames, so that records lost in a reconnect are
   * resent rather than lost (see the README). Only for logweave receivers: CPython's never
   * acknowledge. @default false
   */
  ack?: boolean;
  /** Called once per change of delivery state (loss starts, changes reason, ends). @default a line on stderr */
  onDrop?: (report: NetDropReport) => void;
}

const BATCH_BYTES = 256 * 1024;

/**
 * CPython's `logging.handlers.SocketHandler`: sends each record as a 4-byte big-endian length
 * followed by a pickle (protocol 1) of the record's dict, over TCP (`host`, `port`) or a unix
 * stream socket (`host` a path, `port` null). `emit()` is `send(makePickle(record))`; the
 * socket is made by `makeSocket()` through `createSocket()`, which retries with CPython's
 * backoff (`retryStart`, `retryFactor`, `retryMax`, plus jitter).
 *
 * The logging call never blocks and never throws: records are kept in a bounded buffer while
 * connecting, while the peer is away and while it reads slowly; every record that cannot be
 * delivered is counted in `dropped` and reported once per state change.
 */
export class SocketHandler extends Handler {
  /** The host name, address, or (with `port` null) the unix socket path. */
  host: string;
  /** The TCP port, or null for a unix stream socket. */
  port: number | null;
  /** CPython's `address`: `[host, port]`, or the path. */
  readonly address: string | readonly [string, number];
  /** The socket, while one is open or connecting. */
  sock: Socket | null = null;
  /** When true, an error while handling a record closes the socket silently (CPython's attribute). */
  closeOnError = false;
  /** The reconnect schedule (its fields are also `retryStart`/`retryFactor`/`retryMax` here). */
  readonly backoff: RetryBackoff;
  /** Records handed to the peer (acknowledged by it, with `ack`). */
  sent = 0;
  /** Records sent again after a connection ended before acknowledging them (with `ack`). */
  resent = 0;
  protected readonly serializer: RecordSerializer;
  protected readonly drops: DropAccounting;
  readonly #opts: Required<
    Omit<SocketHandlerOptions, keyof RetryBackoffOptions | 'onDrop' | 'serializer'>
  >;
  #queue: Buffer[] = [];
  #queueBytes = 0;
  #connected = false;
  #writing: Buffer | null = null;
  #writingCount = 0;
  #unacked: Buffer[] = [];
  #acked = 0;
  #ackBuf = Buffer.alloc(0);
  #helloPending = false;
  #pumpScheduled = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #writeTimer: NodeJS.Timeout | null = null;
  #idleTimer: NodeJS.Timeout | null = null;
  #lastError: unknown = null;
  #drainWaiters: (() => void)[] = [];
  #closing = false;
  #closed = false;

  /**
   * @param host host name or address, or a unix socket path when `port` is null.
   * @param port TCP port, or null for a unix stream socket.
   */
  constructor(host: string, port: number | null, options: SocketHandlerOptions = {}) {
    super();
    this.host = host;
    this.port = port;
    this.address = port === null ? host : [host, port];
    this.backoff = new RetryBackoff(options);
    this.serializer = options.serializer ?? 'pickle';
    if (this.serializer !== 'pickle' && this.serializer !== 'json') {
      throw new TypeError(
        `SocketHandler: serializer must be 'pickle' or 'json', not ${String(this.serializer)}`,
      );
    }
    this.#opts = {
      connectTimeout: options.connectTimeout ?? 5000,
      writeTimeout: options.writeTimeout ?? 10000,
      idleTimeout: options.idleTimeout ?? 0,
      bufferSize: options.bufferSize ?? 1000,
      maxBufferBytes: options.maxBufferBytes ?? 16 * 1024 * 1024,
      closeTimeout: options.closeTimeout ?? 2000,
      ack: options.ack ?? false,
    };
    for (const [k, v] of Object.entries(this.#opts)) {
      if (typeof v === 'number' && !(v >= 0))
        throw new RangeError(`SocketHandler: ${k} must be a number >= 0, not ${v}`);
    }
    const target =
      port === null
        ? `${this.constructor.name}(${host})`
        : `${this.constructor.name}(${host}:${port})`;
    this.drops = new DropAccounting(target, options.onDrop);
    onProcessExit();
  }

  /** Records lost so far (never delivered), each counted once. */
  get dropped(): number {
    return this.drops.dropped;
  }

  /** First delay after a failed connect, in seconds (CPython's attribute). */
  get retryStart(): number {
    return this.backoff.retryStart;
  }
  set retryStart(v: number) {
    this.backoff.retryStart = v;
  }
  /** Multiplier of the delay after each further failure. */
  get retryFactor(): number {
    return this.backoff.retryFactor;
  }
  set retryFactor(v: number) {
    this.backoff.retryFactor = v;
  }
  /** Ceiling of the delay, in seconds. */
  get retryMax(): number {
    return this.backoff.retryMax;
  }
  set retryMax(v: number) {
    this.backoff.retryMax = v;
  }
  /** When the next connect may be attempted (seconds since the epoch), or null. */
  get retryTime(): number | null {
    return this.backoff.retryTime;
  }

  /** Records kept and not yet written (or, with `ack`, not yet acknowledged). */
  get pending(): number {
    return (
      this.#queue.length +
      this.#writingCount +
      (this.#opts.ack ? this.#unacked.length - this.#writingCount : 0)
    );
  }

  /**
   * Makes the socket, connecting (CPython's `makeSocket(timeout)` returns it connected; here
   * it returns at once and the connection completes, or fails, later). Override it for TLS
   * or another transport returning a `net.Socket`.
   * @param timeout connect timeout in seconds.
   */
  makeSocket(timeout: number = this.#opts.connectTimeout / 1000): Socket {
    const s =
      this.port === null
        ? createConnection({ path: this.host })
        : createConnection({ host: this.host, port: this.port, noDelay: true });
    s.setTimeout(0);
    void timeout;
    return s;
  }

  /**
   * Opens the socket when the backoff allows (CPython's `createSocket`): a failure schedules
   * the next attempt `retryStart`, then `retryStart * retryFactor`… seconds later, up to
   * `retryMax`.
   */
  createSocket(): void {
    if (this.sock !== null || (this.#closed && !this.#closing)) return;
    if (!this.backoff.shouldAttempt()) {
      this.#scheduleRetry();
      return;
    }
    let s: Socket;
    try {
      s = this.makeSocket(this.#opts.connectTimeout / 1000);
    } catch (e) {
      this.#connectFailed(e);
      return;
    }
    this.sock = s;
    this.#connected = false;
    const timer = setTimeout(
      () => s.destroy(new Error(`connect timed out after ${this.#opts.connectTimeout} ms`)),
      this.#opts.connectTimeout,
    );
    timer.unref();
    s.on('connect', () => {
      clearTimeout(timer);
      if (this.sock !== s) return;
      this.#connected = true;
      this.backoff.succeeded();
      this.#helloPending = this.#opts.ack;
      this.#acked = 0;
      this.#ackBuf = Buffer.alloc(0);
      this.#pump();
      this.#touchIdle();
    });
    s.on('data', (chunk: Buffer) => {
      if (this.sock === s && this.#opts.ack) this.#onAck(chunk);
    });
    s.on('error', (e) => {
      this.#lastError = e;
    });
    s.on('close', () => {
      clearTimeout(timer);
      if (this.sock === s) this.#disconnected(s);
    });
    this.#updateRef();
  }

  /**
   * Sends one serialised record (CPython's `send(s)`): keeps it for the socket, connecting
   * first when needed. Never blocks, never throws for a missing peer: a record that does not
   * fit in the buffer is dropped and counted.
   */
  send(s: Buffer): void {
    if (this.#closed && !this.#closing) {
      this.drops.drop('handler closed');
      return;
    }
    if (
      this.#queue.length >= this.#opts.bufferSize ||
      this.#queueBytes + s.length > this.#opts.maxBufferBytes
    ) {
      this.drops.drop(
        this.#connected ? 'buffer full' : 'peer unreachable',
        1,
        this.#lastError ?? undefined,
      );
      if (this.sock === null) this.createSocket();
      return;
    }
    this.#queue.push(s);
    this.#queueBytes += s.length;
    if (this.sock === null) this.createSocket();
    else if (this.#connected && this.#writing === null && !this.#pumpScheduled) {
      this.#pumpScheduled = true;
      setImmediate(() => {
        this.#pumpScheduled = false;
        this.#pump();
      });
    }
  }

  /**
   * The frame for a record (CPython's `makePickle`): a 4-byte big-endian length, then the
   * pickle (protocol 1) of the record's dict with `msg` merged, `args` and `exc_info` None,
   * `exc_text` formatted and no `message` (or that dict as JSON, with `serializer: 'json'`).
   */
  makePickle(record: LogRecord): Buffer {
    const d = recordDict(record, (r) => this.format(r));
    if (this.serializer === 'json') {
      const body = recordJson(d);
      const out = Buffer.allocUnsafe(4 + body.length);
      out.writeUInt32BE(body.length, 0);
      body.copy(out, 4);
      return out;
    }
    return picklePlain(d, {}, true);
  }

  /** Sends the record; errors go to `handleError()`. */
  override emit(record: LogRecord): void {
    try {
      this.send(this.makePickle(record));
    } catch (e) {
      this.handleError(record, e);
    }
  }

  /** With `closeOnError`, closes the socket (the next record reconnects); else reports the error. */
  override handleError(record: LogRecord, error?: unknown): void {
    if (this.closeOnError && this.sock !== null) {
      this.sock.destroy();
      return;
    }
    super.handleError(record, error);
  }

  /**
   * Resolves once every kept record is delivered (acknowledged, with `ack`), or false when
   * `timeoutMs` passes first. Use it before a planned exit when the event loop still runs.
   */
  flushAsync(timeoutMs: number = this.#opts.closeTimeout): Promise<boolean> {
    if (this.pending === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const t = setTimeout(() => {
        this.#drainWaiters = this.#drainWaiters.filter((w) => w !== done);
        resolve(false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(t);
        resolve(true);
      };
      this.#drainWaiters.push(done);
      if (this.sock === null) this.createSocket();
      this.#pump();
    });
  }

  /**
   * Closes the handler. What is kept is written synchronously to a connected socket, for up to
   * `closeTimeout` ms (it is how records reach the peer at process exit); what cannot be
   * written is counted as dropped. Use `flushAsync()` first for a delivery that waits for the
   * connection.
   */
  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (exitState.exiting || this.pending === 0) {
      if (exitState.exiting) this.flushSync(this.#opts.closeTimeout);
      this.#finishClose();
    } else {
      this.#closing = true;
      void this.flushAsync(this.#opts.closeTimeout).then(() => this.#finishClose());
    }
    super.close();
  }

  #finishClose(): void {
    this.#closing = false;
    const left = this.#queue.length + (this.#opts.ack ? this.#unacked.length : this.#writingCount);
    if (left > 0) this.drops.drop('handler closed', left, this.#lastError ?? undefined);
    this.#queue = [];
    this.#unacked = [];
    this.#queueBytes = 0;
    this.#clearTimers();
    const s = this.sock;
    this.sock = null;
    this.#connected = false;
    this.#writing = null;
    this.#writingCount = 0;
    if (s !== null) {
      s.removeAllListeners('close');
      s.on('close', () => {});
      s.destroy();
    }
    this.#checkDrained();
  }

  /**
   * Writes what is kept straight to the connected socket's descriptor, synchronously, for up
   * to `timeoutMs` (used by `close()` at exit). Returns whether everything was written.
   */
  flushSync(timeoutMs: number = this.#opts.closeTimeout): boolean {
    const s = this.sock;
    const fd = (s as unknown as { _handle?: { fd?: number; writeQueueSize?: number } } | null)
      ?._handle;
    if (s === null || !this.#connected || fd?.fd === undefined || fd.fd < 0)
      return this.#queue.length === 0;
    const deadline = Date.now() + timeoutMs;
    let head: Buffer = Buffer.alloc(0);
    if (this.#writing !== null) {
      // The event loop will not finish this write: send what the kernel has not taken yet.
      const left = fd.writeQueueSize ?? 0;
      if (left > 0 && left <= this.#writing.length)
        head = this.#writing.subarray(this.#writing.length - left);
      if (!exitState.exiting) return false;
    }
    if (this.#helloPending) {
      head = Buffer.concat([head, ACK_HELLO]);
      this.#helloPending = false;
    }
    const frames = this.#queue;
    const body = Buffer.concat([head, ...frames]);
    const written = writeAllSync(fd.fd, body, deadline);
    // Count the frames fully written.
    let off = head.length;
    let n = 0;
    for (const f of frames) {
      if (off + f.length > written) break;
      off += f.length;
      n++;
    }
    this.sent += n;
    this.#queue = frames.slice(n);
    this.#queueBytes = this.#queue.reduce((a, f) => a + f.length, 0);
    if (this.#writing !== null && written >= head.length) {
      this.sent += this.#writingCount;
      this.#writing = null;
      this.#writingCount = 0;
    }
    return this.#queue.length === 0;
  }

  #pump(): void {
    const s = this.sock;
    if (s === null || !this.#connected || this.#writing !== null) return;
    if (this.#queue.length === 0) {
      this.#checkDrained();
      this.#updateRef();
      return;
    }
    let bytes = 0;
    let n = 0;
    while (n < this.#queue.length && (n === 0 || bytes < BATCH_BYTES))
      bytes += (this.#queue[n++] as Buffer).length;
    const frames = this.#queue.splice(0, n);
    this.#queueBytes -= bytes;
    let buf = frames.length === 1 ? (frames[0] as Buffer) : Buffer.concat(frames, bytes);
    if (this.#helloPending) {
      buf = Buffer.concat([ACK_HELLO, buf]);
      this.#helloPending = false;
    }
    if (this.#opts.ack) for (const f of frames) this.#unacked.push(f);
    this.#writing = buf;
    this.#writingCount = n;
    this.#updateRef();
    this.#writeTimer = setTimeout(() => {
      s.destroy(
        new Error(`write timed out after ${this.#opts.writeTimeout} ms (the peer does not read)`),
      );
    }, this.#opts.writeTimeout);
    this.#writeTimer.unref();
    s.write(buf, (err) => {
      if (this.#writeTimer !== null) clearTimeout(this.#writeTimer);
      this.#writeTimer = null;
      if (this.sock !== s || this.#writing !== buf) return;
      if (err) return; // 'close' follows and accounts for the batch
      this.#writing = null;
      const count = this.#writingCount;
      this.#writingCount = 0;
      if (!this.#opts.ack) {
        this.sent += count;
        this.drops.delivered();
      }
      this.#touchIdle();
      this.#pump();
    });
  }

  #onAck(chunk: Buffer): void {
    let buf = this.#ackBuf.length === 0 ? chunk : Buffer.concat([this.#ackBuf, chunk]);
    let count = -1;
    while (buf.length >= 4) {
      count = buf.readUInt32BE(0);
      buf = buf.subarray(4);
    }
    this.#ackBuf = Buffer.from(buf);
    if (count < 0) return;
    const n = (count - this.#acked) >>> 0;
    if (n === 0) return;
    this.#acked = count;
    const k = Math.min(n, this.#unacked.length);
    this.#unacked.splice(0, k);
    this.sent += k;
    this.drops.delivered();
    this.#checkDrained();
  }

  #disconnected(s: Socket): void {
    this.sock = null;
    const wasConnected = this.#connected;
    this.#connected = false;
    if (this.#writeTimer !== null) clearTimeout(this.#writeTimer);
    this.#writeTimer = null;
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    this.#idleTimer = null;
    const err = this.#lastError;
    if (this.#opts.ack) {
      // Unacknowledged frames were not handled (a logweave receiver acknowledges what it
      // handled before it closes): send them again, ahead of the rest.
      const back = this.#unacked;
      this.#unacked = [];
      if (back.length > 0) {
        this.resent += back.length;
        const room = Math.max(0, this.#opts.bufferSize - this.#queue.length);
        const keep = back.length <= room ? back : back.slice(0, room);
        if (keep.length < back.length)
          this.drops.drop('buffer full', back.length - keep.length, err ?? undefined);
        this.#queue = keep.concat(this.#queue);
        this.#queueBytes += keep.reduce((a, f) => a + f.length, 0);
      }
    } else if (this.#writing !== null && this.#writingCount > 0) {
      const reason =
        err instanceof Error && /timed out/.test(err.message) ? 'write timeout' : 'connection lost';
      this.drops.drop(reason, this.#writingCount, err ?? undefined);
    }
    this.#writing = null;
    this.#writingCount = 0;
    this.#helloPending = false;
    void s;
    if (!wasConnected) this.#connectFailed(err);
    else if (this.#queue.length > 0) this.createSocket();
    this.#lastError = null;
    this.#updateRef();
  }

  #connectFailed(err: unknown): void {
    this.#lastError = err;
    this.backoff.failed();
    if (this.#queue.length > 0) this.#scheduleRetry();
  }

  #scheduleRetry(): void {
    if (this.#retryTimer !== null || (this.#closed && !this.#closing)) return;
    const at = this.backoff.retryTime ?? 0;
    const ms = Math.max(0, at * 1000 - Date.now());
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = null;
      if (this.#queue.length > 0) this.createSocket();
    }, ms);
    this.#retryTimer.unref();
  }

  #touchIdle(): void {
    const ms = this.#opts.idleTimeout;
    if (ms <= 0) return;
    if (this.#idleTimer !== null) clearTimeout(this.#idleTimer);
    const s = this.sock;
    this.#idleTimer = setTimeout(() => {
      this.#idleTimer = null;
      if (
        this.sock === s &&
        s !== null &&
        this.#writing === null &&
        this.#queue.length === 0 &&
        this.#unacked.length === 0
      )
        s.end();
    }, ms);
    this.#idleTimer.unref();
  }

  #checkDrained(): void {
    if (this.pending !== 0 || this.#drainWaiters.length === 0) return;
    const ws = this.#drainWaiters;
    this.#drainWaiters = [];
    for (const w of ws) w();
  }

  /** The socket keeps the process alive only while it has records to deliver. */
  #updateRef(): void {
    const s = this.sock;
    if (s === null) return;
    if (this.pending > 0) s.ref();
    else s.unref();
  }

  #clearTimers(): void {
    for (const t of [this.#retryTimer, this.#writeTimer, this.#idleTimer])
      if (t !== null) clearTimeout(t);
    this.#retryTimer = this.#writeTimer = this.#idleTimer = null;
  }
}

const sleepCell = new Int32Array(new SharedArrayBuffer(4));

/** Writes `buf` to a non-blocking descriptor until done or `deadline` (ms); returns bytes written. */
function writeAllSync(fd: number, buf: Buffer, deadline: number): number {
  let off = 0;
  while (off < buf.length) {
    try {
      off += writeSync(fd, buf, off, buf.length - off);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EAGAIN' && code !== 'EWOULDBLOCK') break;
      if (Date.now() >= deadline) break;
      Atomics.wait(sleepCell, 0, 0, 1);
    }
  }
  return off;
}
