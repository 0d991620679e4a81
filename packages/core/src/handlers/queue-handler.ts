import { Handler } from '../handler.js';
import { WARNING } from '../levels.js';
import { type LogRecord, makeLogRecord } from '../record.js';
import { isQueueEmpty, isQueueFull } from '../queues/queue-errors.js';
import type { QueueListener } from './queue-listener.js';

/**
 * What a {@link QueueHandler} puts on its queue by default: the record's attributes as a
 * plain object (see `prepare()`), which survives `postMessage`, JSON and any other transport.
 * `makeLogRecord(dict)` turns it back into a `LogRecord`.
 */
export type LogRecordDict = Record<string, unknown>;

/** The one method {@link QueueHandler} needs from its queue (Python: `put_nowait`). */
export interface SupportsPutNowait {
  /** Adds an item without waiting; throws (`QueueFull`) when the queue cannot take it. */
  put_nowait(item: never): void;
}

/**
 * What happens when the queue is full (`put_nowait` throws `QueueFull`):
 * - `'raise'`: CPython's behaviour: the error goes to `handleError()` for every record;
 * - `'drop-newest'`: the record being logged is dropped;
 * - `'drop-oldest'`: the oldest queued record is taken out (`get_nowait()`) to make room;
 *   queues without `get_nowait()` drop the newest instead.
 * Dropping never waits: the logging call returns at once.
 */
export type WhenFull = 'raise' | 'drop-newest' | 'drop-oldest';

/** Passed to {@link QueueHandlerOptions.onDrop} when records start being dropped. */
export interface QueueDropReport {
  /** The handler whose queue is full. */
  handler: QueueHandler<unknown>;
  /** The policy in force. */
  policy: Exclude<WhenFull, 'raise'>;
  /** Records dropped by this handler so far. */
  dropped: number;
}

/** Options of {@link QueueHandler} (beyond CPython's `queue` argument). */
export interface QueueHandlerOptions {
  /**
   * The full-queue policy (see {@link WhenFull}).
   * @default 'raise'
   */
  whenFull?: WhenFull;
  /**
   * Called once per outage, when records start being dropped (again only after the queue
   * took records in between). Defaults to one line on stderr.
   */
  onDrop?: (report: QueueDropReport) => void;
}

/** Name of the records that report drops in the log itself. */
const DROP_LOGGER = 'logweave.queue';

/** The default drop report: one line on stderr, never throwing. */
function reportDropToStderr(r: QueueDropReport): void {
  try {
    process.stderr.write(
      `logweave: ${r.handler.constructor.name}: the queue is full, records are being dropped (${r.policy}); ${r.dropped} dropped so far\n`,
    );
  } catch {
    // stderr itself is gone: the count is still kept and reported in the log.
  }
}

/**
 * CPython's `logging.handlers.QueueHandler`: puts each record on a queue, for a
 * {@link QueueListener} (in this thread, a worker thread, or another process) to hand to
 * the handlers that do the slow work. `emit()` is `enqueue(prepare(record))`; both are
 * override points, so transports subclass them as in the cookbook:
 *
 * ```ts
 * class JsonSocketHandler extends QueueHandler<Socket> {
 *   override enqueue(record: unknown): void {
 *     this.queue.write(`${JSON.stringify(record)}\n`);
 *   }
 * }
 * ```
 *
 * A bounded queue never blocks the caller: with `whenFull` set to `'drop-newest'` or
 * `'drop-oldest'`, records that do not fit are dropped and counted in `dropped`; the first
 * drop of an outage is reported (`onDrop`, by default a line on stderr), and once the queue
 * takes records again a WARNING record from `logweave.queue` stating how many were dropped
 * is queued ahead of the next record, so the loss shows in the log itself.
 */
export class QueueHandler<Q = SupportsPutNowait> extends Handler {
  /** The queue records are put on. */
  queue: Q;
  /**
   * The listener started for this handler by configuration (Python 3.12's attribute); set
   * it yourself when building in code, if useful.
   */
  listener: QueueListener | null = null;
  /** Records dropped because the queue was full (with a dropping `whenFull`). */
  dropped = 0;
  readonly #whenFull: WhenFull;
  readonly #onDrop: (report: QueueDropReport) => void;
  #unreported = 0;

  /**
   * @param queue anything with `put_nowait()` (a {@link Queue}, a `PortQueue`, a
   *   `ProcessQueue`...), or whatever a subclass's `enqueue()` writes to.
   * @param options the full-queue policy.
   */
  constructor(queue: Q, options: QueueHandlerOptions = {}) {
    super();
    this.queue = queue;
    this.#whenFull = options.whenFull ?? 'raise';
    this.#onDrop = options.onDrop ?? reportDropToStderr;
  }

  /**
   * Puts the prepared record on the queue with `put_nowait()`, applying the `whenFull`
   * policy. Override it for other transports (sockets, message brokers).
   */
  enqueue(record: unknown): void {
    if (this.#whenFull === 'raise') {
      (this.queue as SupportsPutNowait).put_nowait(record as never);
      return;
    }
    this.#enqueueOrDrop(record);
  }

  /**
   * Prepares a record for the queue, as CPython 3.12: formats it with this handler's
   * formatter (merging message and arguments, and rendering the error text), then returns a
   * plain-object copy of its attributes with `msg` and `message` set to that text and
   * `args`, `exc_info`, `exc_text` and `stack_info` set to null, so that nothing
   * unserialisable travels and other handlers still see the original record unchanged.
   * Override it to send another shape (a JSON string, a subset of fields).
   */
  prepare(record: LogRecord): unknown {
    const msg = this.format(record);
    const dict: LogRecordDict = { ...record };
    dict.message = msg;
    dict.msg = msg;
    dict.args = null;
    dict.exc_info = null;
    dict.exc_text = null;
    dict.stack_info = null;
    return dict;
  }

  /** Puts the prepared record on the queue; errors go to `handleError()`. */
  override emit(record: LogRecord): void {
    try {
      this.enqueue(this.prepare(record));
    } catch (e) {
      this.handleError(record, e);
    }
  }

  /**
   * Hands anything the queue still buffers to its transport (`queue.flushSync()`, for the
   * port and process queues); a no-op for other queues.
   */
  override flush(): void {
    const q = this.queue as { flushSync?: () => void } | null;
    if (q !== null && typeof q === 'object' && typeof q.flushSync === 'function') q.flushSync();
  }

  #enqueueOrDrop(record: unknown): void {
    const q = this.queue as SupportsPutNowait & {
      get_nowait?: () => unknown;
      full?: () => boolean;
      task_done?: () => void;
    };
    if (this.#unreported > 0) this.#reportDrops(q);
    try {
      q.put_nowait(record as never);
      return;
    } catch (e) {
      if (!isQueueFull(e)) throw e;
    }
    if (this.#whenFull === 'drop-oldest' && typeof q.get_nowait === 'function') {
      let evicted = true;
      try {
        q.get_nowait();
      } catch (e) {
        if (!isQueueEmpty(e)) throw e;
        evicted = false;
      }
      if (evicted) {
        // The evicted record counts as processed, so that `join()` still resolves.
        if (typeof q.task_done === 'function') q.task_done();
        this.#dropped(1);
        try {
          q.put_nowait(record as never);
          return;
        } catch (e) {
          if (!isQueueFull(e)) throw e;
        }
      }
    }
    this.#dropped(1);
  }

  #dropped(n: number): void {
    this.dropped += n;
    const first = this.#unreported === 0;
    this.#unreported += n;
    if (!first) return;
    try {
      this.#onDrop({
        handler: this,
        policy: this.#whenFull as Exclude<WhenFull, 'raise'>,
        dropped: this.dropped,
      });
    } catch {
      // A failing reporter must not break logging.
    }
  }

  /** Queues the WARNING record that reports the drops, when there is room for it. */
  #reportDrops(q: SupportsPutNowait & { full?: () => boolean }): void {
    if (typeof q.full === 'function' && q.full()) return;
    const n = this.#unreported;
    const report = makeLogRecord({
      name: DROP_LOGGER,
      levelno: WARNING,
      levelname: 'WARNING',
      msg: '%d record(s) were dropped because the queue was full (%s)',
      args: [n, this.#whenFull],
    });
    let prepared: unknown;
    try {
      prepared = this.prepare(report);
      q.put_nowait(prepared as never);
    } catch (e) {
      if (isQueueFull(e)) return;
      this.handleError(report, e);
    }
    this.#unreported = 0;
  }
}
