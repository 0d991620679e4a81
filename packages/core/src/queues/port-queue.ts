import type { MessagePort } from 'node:worker_threads';
import {
  addPending,
  deletePending,
  installExitHooks,
  isExiting,
} from '../destination/exit-hooks.js';
import { LoggingValueError } from '../errors.js';
import { formatExceptionText } from '../exception-format.js';
import { startTime } from '../record.js';
import { QueueEmpty, QueueFull } from './queue-errors.js';
import { decodeBatch, encodeBatch, isBatch } from './record-batch.js';

/** The end of a channel a {@link PortQueue} posts to (a `MessagePort`, a `Worker`...). */
export interface MessagePortLike {
  /** Sends one message (structured clone). */
  postMessage(value: unknown): void;
  /** Closes the channel (optional). */
  close?(): void;
}

/** Options of {@link PortQueue}. */
export interface PortQueueOptions {
  /**
   * Records per message. Records are posted in one message per event-loop turn, or as soon
   * as this many are waiting; 1 posts every record at once (then an unclonable record
   * throws `DataCloneError` from `put_nowait()`, so the handler reports it).
   * @default 256
   */
  batchSize?: number;
  /**
   * The most records in flight (posted or waiting, and not yet reported done by
   * `handled`); `put_nowait()` throws `QueueFull` beyond it. 0 means unbounded. Needs
   * `handled`.
   * @default 0
   */
  maxsize?: number;
  /**
   * How many records the receiving side has finished with, as a 32-bit counter that wraps
   * (a `SharedArrayBuffer` counter read with `Atomics.load`). Required for `maxsize`.
   */
  handled?: (() => number) | null;
}

function reportLost(n: number, error: unknown): void {
  let why: string;
  try {
    why = formatExceptionText(error).split('\n', 1)[0] ?? String(error);
  } catch {
    why = String(error);
  }
  try {
    process.stderr.write(`logweave: PortQueue could not send ${n} record(s): ${why}\n`);
  } catch {
    // Nothing left to report to.
  }
}

/**
 * The sending end of a queue between threads: `put_nowait()` collects records (the plain
 * objects a `QueueHandler` prepares) and posts them over a `MessagePort` in batches, once
 * per event-loop turn, so a logging call costs an array push. Nothing is lost when the
 * thread or process ends: what is waiting is posted by `flushSync()`, which
 * `QueueHandler.flush()`, `shutdown()` and the exit hooks call (messages posted in an
 * `'exit'` listener are still delivered). The receiving end is a {@link Queue} fed by
 * {@link receiveFromPort} / {@link openQueuePort}.
 *
 * ```ts
 * // main thread
 * const queue = new Queue();
 * new QueueListener(queue, new FileHandler('app.log')).start();
 * const logPort = openQueuePort(queue);
 * new Worker(file, { workerData: { threadName: 'db', logPort }, transferList: [logPort] });
 * // worker thread
 * getLogger().addHandler(new QueueHandler(new PortQueue(workerData.logPort)));
 * ```
 */
export class PortQueue {
  /** The port records are posted to. */
  readonly port: MessagePortLike;
  /** Records that could not be posted (unclonable values, a closed port), reported on stderr. */
  lost = 0;
  readonly #batchSize: number;
  readonly #maxsize: number;
  readonly #handled: (() => number) | null;
  #batch: unknown[] = [];
  #sent = 0;
  #scheduled = false;
  #closed = false;
  readonly #onImmediate = (): void => {
    this.#scheduled = false;
    this.flushSync();
  };

  /** @param port where records are posted. */
  constructor(port: MessagePortLike, options: PortQueueOptions = {}) {
    this.port = port;
    this.#batchSize = Math.max(1, options.batchSize ?? 256);
    this.#maxsize = options.maxsize ?? 0;
    this.#handled = options.handled ?? null;
    if (this.#maxsize > 0 && this.#handled === null) {
      throw new LoggingValueError('PortQueue: maxsize needs a handled() counter');
    }
    installExitHooks();
  }

  /** Records waiting or in flight (only those waiting, without a `handled` counter). */
  qsize(): number {
    const waiting = this.#batch.length;
    const handled = this.#handled;
    return handled === null ? waiting : waiting + ((this.#sent - handled()) | 0);
  }

  /** Whether `maxsize` records are waiting or in flight. */
  full(): boolean {
    return this.#maxsize > 0 && this.qsize() >= this.#maxsize;
  }

  /**
   * Queues a record for the next post; throws {@link QueueFull} beyond `maxsize`, and
   * `I/O operation on closed queue.` after `close()`.
   */
  put_nowait(item: unknown): void {
    if (this.#closed) throw new LoggingValueError('I/O operation on closed queue.');
    if (this.#maxsize > 0 && this.qsize() >= this.#maxsize) throw new QueueFull();
    this.#batch.push(item);
    if (this.#batch.length >= this.#batchSize || isExiting()) this.flushSync();
    else if (!this.#scheduled) {
      this.#scheduled = true;
      addPending(this);
      setImmediate(this.#onImmediate);
    }
  }

  /** The same as `put_nowait()` (posting never waits). */
  put(item: unknown): void {
    this.put_nowait(item);
  }

  /**
   * Takes back the oldest record not yet posted (what a `'drop-oldest'` policy evicts);
   * throws {@link QueueEmpty} when everything was posted already.
   */
  get_nowait(): unknown {
    if (this.#batch.length === 0) throw new QueueEmpty();
    return this.#batch.shift();
  }

  /** Posts every waiting record now. */
  flushSync(): void {
    const batch = this.#batch;
    if (batch.length === 0) return;
    this.#batch = [];
    deletePending(this);
    try {
      this.port.postMessage(encodeBatch(batch));
      this.#sent = (this.#sent + batch.length) | 0;
    } catch (e) {
      if (batch.length === 1 && this.#batchSize === 1) throw e;
      this.#postOneByOne(batch, e);
    }
  }

  /** Posts what is waiting, then closes the port; later records throw. */
  close(): void {
    if (this.#closed) return;
    this.flushSync();
    this.#closed = true;
    this.port.close?.();
  }

  /** A batch failed (a record that cannot be cloned): post the others one by one. */
  #postOneByOne(batch: unknown[], firstError: unknown): void {
    let lost = 0;
    let error = firstError;
    for (const item of batch) {
      try {
        this.port.postMessage(encodeBatch([item]));
        this.#sent = (this.#sent + 1) | 0;
      } catch (e) {
        lost++;
        error = e;
      }
    }
    if (lost > 0) {
      this.lost += lost;
      reportLost(lost, error);
    }
  }
}

/** Options of {@link receiveFromPort}. */
export interface ReceiveFromPortOptions {
  /**
   * Recompute `relativeCreated` against this thread's logging start time for records from
   * other threads of this process (as Python, where every thread shares one start time).
   * @default true on the main thread
   */
  sameClock?: boolean;
  /**
   * Whether the port keeps this thread alive until the sending end closes (so records in
   * flight are not lost). Turn it off when the senders are long-lived threads you `unref()`.
   * @default true
   */
  keepAlive?: boolean;
}

/**
 * The receiving end of {@link PortQueue}: every record posted to `port` is put on `queue`
 * (as the plain object it is; `QueueListener.prepare()` makes the `LogRecord`). Messages
 * that are not record batches are ignored. The port keeps the process alive until the
 * other end closes (when the worker thread ends), so records in flight are not lost.
 * Returns `port`.
 */
export function receiveFromPort<P extends MessagePort>(
  queue: { put_nowait(item: never): void },
  port: P,
  options: ReceiveFromPortOptions = {},
): P {
  const fixClock =
    options.sameClock ?? process.getBuiltinModule('node:worker_threads').isMainThread;
  const pid = process.pid;
  let failing = false;
  const put = (item: object): void => {
    if (fixClock) {
      const r = item as { created?: unknown; process?: unknown; relativeCreated?: unknown };
      if (r.process === pid && typeof r.created === 'number') {
        r.relativeCreated = Math.round(r.created * 1000) - startTime;
      }
    }
    try {
      queue.put_nowait(item as never);
      failing = false;
    } catch (e) {
      if (!failing) reportLost(1, e);
      failing = true;
    }
  };
  port.on('message', (message: unknown) => {
    if (isBatch(message)) decodeBatch(message, put);
  });
  if (options.keepAlive === false) port.unref();
  return port;
}

/**
 * A new `MessagePort` whose records go to `queue`: pass it to a worker thread (in
 * `workerData`, listed in `transferList`) for its `PortQueue`.
 */
export function openQueuePort(
  queue: { put_nowait(item: never): void },
  options: ReceiveFromPortOptions = {},
): MessagePort {
  const { port1, port2 } = new (process.getBuiltinModule('node:worker_threads').MessageChannel)();
  receiveFromPort(queue, port1, options);
  return port2;
}
