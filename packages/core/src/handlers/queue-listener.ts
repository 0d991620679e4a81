import { formatExceptionText } from '../exception-format.js';
import { type LogRecord, makeLogRecord } from '../record.js';
import { isQueueEmpty } from '../queues/queue-errors.js';

/**
 * What a {@link QueueListener} hands records to: a `Handler`, or any object with `handle()`
 * (CPython's listener accepts any such object; `level` is read with `respect_handler_level`).
 */
export interface HandlerLike {
  /** Processes one record. */
  handle(record: LogRecord): unknown;
  /** The handler's level (read when `respect_handler_level` is true). */
  readonly level?: number;
}

/** Keyword options of {@link QueueListener}. */
export interface QueueListenerOptions {
  /**
   * When true, a record goes only to handlers whose level it reaches (CPython's
   * `respect_handler_level`); otherwise every handler gets every record, as in CPython.
   * @default false
   */
  respect_handler_level?: boolean;
}

/** What the default `dequeue()`/`enqueue_sentinel()` need from the queue. */
export interface SupportsGet {
  /** Python's `queue.get(block)`: an item, or a promise of one while the queue is empty. */
  get(block?: boolean): unknown;
  /** Python's `queue.put_nowait(item)` (for the sentinel). */
  put_nowait(item: never): void;
}

function isPromiseLike(v: unknown): v is PromiseLike<unknown> {
  return (
    v !== null &&
    (typeof v === 'object' || typeof v === 'function') &&
    typeof (v as { then?: unknown }).then === 'function'
  );
}

function isOptions(v: unknown): v is QueueListenerOptions {
  return (
    v !== null && typeof v === 'object' && typeof (v as { handle?: unknown }).handle !== 'function'
  );
}

/** Reports an error that escaped a listener step, as Python reports a dying thread. */
function reportListenerError(error: unknown): void {
  try {
    let text: string;
    try {
      text = formatExceptionText(error);
    } catch {
      text = String(error);
    }
    process.stderr.write(`Exception in thread QueueListener (_monitor):\n${text}\n`);
  } catch {
    // Nothing left to report to.
  }
}

/**
 * CPython's `logging.handlers.QueueListener`: takes records off a queue and hands them to
 * its handlers, away from the code that logs. Python runs it on a thread; here `start()`
 * runs the loop (`_monitor`) asynchronously in this thread, awaiting `dequeue(true)` only
 * while the queue is empty, so a burst of queued records is handled in one go after the
 * logging code yields, and the logging call itself never waits on I/O. Put the listener in
 * a worker thread (`WorkerQueueHandler`) to take the handlers' work off the main thread.
 *
 * `dequeue`, `prepare`, `handle` and `enqueue_sentinel` are the override points, as in the
 * cookbook (a ZeroMQ or NNG socket instead of a queue):
 *
 * ```ts
 * class SocketListener extends QueueListener<Subscriber> {
 *   override async dequeue(): Promise<LogRecord> {
 *     return makeLogRecord(JSON.parse(await this.queue.receive()));
 *   }
 * }
 * ```
 *
 * `stop()` queues the sentinel and resolves once everything queued before it has been
 * handled. If the process exits while records are still queued, they are handled
 * synchronously in an `'exit'` listener (for queues whose `dequeue(false)` is synchronous).
 */
export class QueueListener<Q = SupportsGet> {
  /**
   * The item that stops the loop (Python's `_sentinel`, None). As in CPython this is a
   * class attribute: set it on the prototype or on an instance.
   * @default null
   */
  declare _sentinel: unknown;
  /** The queue records are taken from. */
  queue: Q;
  /** The handlers every record is offered to. */
  handlers: readonly HandlerLike[];
  /** Whether records go only to handlers whose level they reach. */
  respect_handler_level: boolean;
  /** The running loop (Python's `_thread`): a promise that settles when it ends, or null. */
  _thread: Promise<void> | null = null;
  readonly #onExit = (): void => this.#drainSync();

  /**
   * `QueueListener(queue, ...handlers, { respect_handler_level })`, as CPython's
   * `QueueListener(queue, *handlers, respect_handler_level=False)`.
   */
  constructor(queue: Q, ...handlers: HandlerLike[]);
  constructor(queue: Q, ...args: [...HandlerLike[], QueueListenerOptions]);
  constructor(queue: Q, ...args: (HandlerLike | QueueListenerOptions)[]) {
    let options: QueueListenerOptions = {};
    const last = args[args.length - 1];
    if (args.length > 0 && isOptions(last)) {
      options = last;
      args = args.slice(0, -1);
    }
    this.queue = queue;
    this.handlers = args as HandlerLike[];
    this.respect_handler_level = options.respect_handler_level ?? false;
  }

  /**
   * Takes the next record off the queue: `queue.get(block)`, which may return a promise.
   * Throwing `QueueEmpty` ends the loop. Override it for other transports.
   */
  dequeue(block: boolean): unknown {
    return (this.queue as SupportsGet).get(block);
  }

  /**
   * Starts the loop that takes records off the queue and hands them to the handlers. It
   * begins after the current synchronous code, as a thread would.
   */
  start(): void {
    this._thread = this._monitor();
    process.prependListener('exit', this.#onExit);
  }

  /**
   * Prepares a record for the handlers: a plain object (as queued by a `QueueHandler`, or
   * received from another thread or process) becomes a `LogRecord` with `makeLogRecord()`;
   * a record is returned as is. Override it for custom unmarshalling.
   */
  prepare(record: unknown): LogRecord {
    if (
      record !== null &&
      typeof record === 'object' &&
      typeof (record as { getMessage?: unknown }).getMessage === 'function'
    ) {
      return record as LogRecord;
    }
    return makeLogRecord(record as Record<string, unknown>);
  }

  /**
   * Hands a record (after `prepare()`) to every handler, or with `respect_handler_level`
   * to those whose level it reaches.
   */
  handle(record: unknown): void {
    const r = this.prepare(record);
    const respect = this.respect_handler_level;
    for (const handler of this.handlers) {
      if (!respect || r.levelno >= (handler.level as number)) handler.handle(r);
    }
  }

  /**
   * The loop (CPython's `_monitor`): dequeues and handles records until the sentinel, or
   * until `dequeue()` throws `QueueEmpty`; calls `queue.task_done()` after each item when
   * the queue has it. An error thrown by a handler is reported on stderr and the loop goes
   * on (CPython's thread would die); an error from `dequeue()` is reported and ends it.
   */
  async _monitor(): Promise<void> {
    await undefined;
    const q = this.queue as { task_done?: () => void };
    const hasTaskDone = q !== null && typeof q === 'object' && typeof q.task_done === 'function';
    for (;;) {
      let record: unknown;
      try {
        record = this.dequeue(true);
        if (isPromiseLike(record)) record = await record;
      } catch (e) {
        if (!isQueueEmpty(e)) reportListenerError(e);
        break;
      }
      if (record === this._sentinel) {
        if (hasTaskDone) q.task_done!();
        break;
      }
      try {
        this.handle(record);
      } catch (e) {
        reportListenerError(e);
      }
      if (hasTaskDone) q.task_done!();
    }
  }

  /** Puts the sentinel on the queue (`queue.put_nowait(_sentinel)`). */
  enqueue_sentinel(): void {
    (this.queue as SupportsGet).put_nowait(this._sentinel as never);
  }

  /**
   * Stops the listener: queues the sentinel, and resolves once the loop has handled
   * everything queued before it. Does nothing when the listener is not running (Python
   * 3.14's behaviour; earlier versions raise).
   */
  async stop(): Promise<void> {
    const thread = this._thread;
    if (thread === null) return;
    this.enqueue_sentinel();
    try {
      await thread;
    } finally {
      this._thread = null;
      process.removeListener('exit', this.#onExit);
    }
  }

  /** At exit: handles what is still queued, synchronously, up to the sentinel. */
  #drainSync(): void {
    const q = this.queue as { task_done?: () => void };
    const hasTaskDone = q !== null && typeof q === 'object' && typeof q.task_done === 'function';
    for (;;) {
      let record: unknown;
      try {
        record = this.dequeue(false);
      } catch {
        return;
      }
      if (isPromiseLike(record)) {
        // An asynchronous transport cannot be drained now; ignore its outcome.
        Promise.resolve(record).catch(() => {});
        return;
      }
      if (record === this._sentinel) return;
      try {
        this.handle(record);
      } catch (e) {
        reportListenerError(e);
      }
      if (hasTaskDone) q.task_done!();
    }
  }
}
QueueListener.prototype._sentinel = null;
