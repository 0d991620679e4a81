import { type LogRecordDict, QueueHandler } from '@logweave/core';
import { Pub0, type SocketOptions } from 'nng-ts';

/** Options of {@link NNGSocketHandler}. */
export interface NNGSocketHandlerOptions {
  /**
   * Listen on the URL instead of dialing it (then listeners dial the handler).
   * @default false
   */
  listen?: boolean;
  /**
   * Records held while no listener is connected (startup, reconnects). When full, new
   * records are dropped and counted in `dropped`.
   * @default 10000
   */
  maxQueue?: number;
  /**
   * How long the process may wait, once it has nothing else to do, for held records to be
   * sent (the exit flush).
   * @default 2000
   */
  exitTimeout?: number;
  /** Options for the underlying `Pub0` socket (`keepAlive` is always false). */
  socket?: SocketOptions;
  /** Called once per outage when records start being dropped; defaults to one line on stderr. */
  onDrop?: (report: { handler: NNGSocketHandler; dropped: number }) => void;
}

function reportDrop(r: { handler: NNGSocketHandler; dropped: number }): void {
  try {
    process.stderr.write(
      `logweave: NNGSocketHandler(${r.handler.url}): no listener connected and the queue is full, records are being dropped; ${r.dropped} dropped so far\n`,
    );
  } catch {
    // stderr is gone; the count is kept.
  }
}

/**
 * The cookbook's pynng `NNGSocketHandler`: a `QueueHandler` whose queue is an NNG PUB socket
 * (nng-ts `Pub0`) dialing `url`. Each record is prepared as by `QueueHandler` and sent as
 * UTF-8 JSON of its attributes, which is what the Python recipe sends
 * (`json.dumps(record.__dict__)`), so Python and Node listeners read each other's records.
 *
 * Records logged while no listener is connected wait in a bounded queue (`maxQueue`) and go
 * out when one connects; beyond it they are dropped, counted in `dropped` and reported once.
 * A listener too slow to keep up loses messages at the PUB socket, counted in
 * `queue.stats.dropped`. The socket never keeps the process alive, but when the process has
 * nothing else to do, held records get `exitTimeout` ms to be sent. The logging call never
 * waits.
 */
export class NNGSocketHandler extends QueueHandler<Pub0> {
  /** The URL dialed (or listened on). */
  readonly url: string;
  /** Records sent to the PUB socket. */
  sent = 0;
  readonly #held: Buffer[] = [];
  readonly #maxQueue: number;
  readonly #exitTimeout: number;
  readonly #onDrop: (report: { handler: NNGSocketHandler; dropped: number }) => void;
  #reporting = false;
  #closed = false;
  #pumpTimer: NodeJS.Timeout | null = null;
  #flushing: Promise<unknown> | null = null;
  #exitDeadline = 0;
  readonly #beforeExit = (): void => {
    if (this.#flushing !== null) return;
    if (this.#held.length === 0 && this.queue.pipes.every((p) => p.flushed)) return;
    // One deadline per process end: once it has passed, the process may exit.
    if (this.#exitDeadline === 0) this.#exitDeadline = Date.now() + this.#exitTimeout;
    const left = this.#exitDeadline - Date.now();
    if (left <= 0) return;
    this.#flushing = this.flushAsync(left).finally(() => {
      this.#flushing = null;
    });
  };
  readonly #exit = (): void => {
    if (this.#held.length === 0) return;
    try {
      process.stderr.write(
        `logweave: NNGSocketHandler(${this.url}): ${this.#held.length} record(s) never sent: no listener connected before exit\n`,
      );
    } catch {
      // Nothing left to report to.
    }
  };

  /**
   * @param url where the listener is, e.g. `tcp://127.0.0.1:13232` or `ipc:///tmp/log.ipc`.
   * @param options see {@link NNGSocketHandlerOptions}.
   */
  constructor(url: string, options: NNGSocketHandlerOptions = {}) {
    const socket = new Pub0({ ...options.socket, keepAlive: false });
    super(socket);
    this.url = url;
    this.#maxQueue = options.maxQueue ?? 10_000;
    this.#exitTimeout = options.exitTimeout ?? 2000;
    this.#onDrop = options.onDrop ?? reportDrop;
    if (options.listen === true) socket.listen(url).catch((e) => this.#socketError(e));
    else socket.dial(url, { block: false }).catch((e) => this.#socketError(e));
    socket.on('pipe-added', () => this.#pump());
    process.on('beforeExit', this.#beforeExit);
    process.on('exit', this.#exit);
  }

  /**
   * Turns a prepared record into the bytes sent: UTF-8 JSON of its attributes (override for
   * another encoding).
   */
  serialize(record: LogRecordDict): Buffer {
    return Buffer.from(JSON.stringify(record));
  }

  /** Sends the prepared record, or holds it while no listener is connected or has room. */
  override enqueue(record: unknown): void {
    const data = this.serialize(record as LogRecordDict);
    if (this.#held.length === 0 && this.#canSend()) {
      this.queue.send(data).catch(() => {});
      this.sent++;
      return;
    }
    if (this.#held.length < this.#maxQueue) {
      this.#held.push(data);
      this.#reporting = false;
      this.#schedulePump();
      return;
    }
    this.dropped++;
    if (!this.#reporting) {
      this.#reporting = true;
      try {
        this.#onDrop({ handler: this, dropped: this.dropped });
      } catch {
        // A failing reporter must not break logging.
      }
    }
  }

  /** Records waiting for a listener to connect. */
  get held(): number {
    return this.#held.length;
  }

  /**
   * Waits up to `timeoutMs` for held records to go out and for the socket to hand every
   * byte to the operating system; resolves true when it did.
   */
  async flushAsync(timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    if (this.#held.length > 0) {
      // Keep the process alive while a listener may still connect.
      const keep = setInterval(() => {}, 1000);
      try {
        while (this.#held.length > 0 && Date.now() < deadline && !this.queue.closed) {
          await new Promise((r) => setTimeout(r, 10));
        }
      } finally {
        clearInterval(keep);
      }
    }
    const left = deadline - Date.now();
    const flushed = left > 0 && (await this.queue.flush(left));
    return this.#held.length === 0 && flushed;
  }

  /** Closes the socket after handing it what it can take now (see `flushAsync` for a deadline). */
  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#pumpTimer !== null) clearTimeout(this.#pumpTimer);
    this.#pumpTimer = null;
    process.removeListener('beforeExit', this.#beforeExit);
    process.removeListener('exit', this.#exit);
    this.#exit();
    this.#held.length = 0;
    this.queue.close().catch(() => {});
    super.close();
  }

  /** Whether some connected listener can take a message now. */
  #canSend(): boolean {
    return this.queue.pipes.some((p) => p.hasRoom);
  }

  /** Sends held records while a listener has room; tries again shortly when none has. */
  #pump(): void {
    this.#pumpTimer = null;
    const held = this.#held;
    let i = 0;
    while (i < held.length && this.#canSend()) {
      this.queue.send(held[i++]!).catch(() => {});
      this.sent++;
    }
    if (i > 0) held.splice(0, i);
    this.#schedulePump();
  }

  #schedulePump(): void {
    if (this.#pumpTimer !== null || this.#held.length === 0 || this.queue.pipes.length === 0)
      return;
    this.#pumpTimer = setTimeout(() => this.#pump(), 5);
    this.#pumpTimer.unref();
  }

  #socketError(e: unknown): void {
    try {
      process.stderr.write(`logweave: NNGSocketHandler(${this.url}): ${String(e)}\n`);
    } catch {
      // Nothing left to report to.
    }
  }
}
