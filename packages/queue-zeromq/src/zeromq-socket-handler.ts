import {
  type LogRecord,
  LoggingTypeError,
  LoggingValueError,
  makeLogRecord,
  type QueueDropReport,
  QueueHandler,
} from '@logweave/core';
import * as zmq from 'zeromq';
import { FrameQueue, Notice } from './frame-queue.js';
import { dumps } from './py-json.js';
import { checkEndpoint, checkMs, errorText } from './options.js';

/** The socket a {@link ZeroMQSocketHandler} sends on. */
export type ZeroMQHandlerSocketType = 'pub' | 'push';

/**
 * What happens to a record that finds the handler's queue full:
 * - `'drop-newest'`: it is dropped;
 * - `'drop-oldest'`: the oldest queued record is dropped to make room for it;
 * - `'block-with-timeout'`: it waits for room for up to `blockTimeout` ms (in an overflow
 *   area as large as the queue), and is dropped if none was made in time. The logging call
 *   itself still returns at once: a Node thread cannot wait for its own event loop.
 * Every dropped record is counted in `dropped`.
 */
export type ZeroMQWhenFull = 'drop-newest' | 'drop-oldest' | 'block-with-timeout';

/** Options of {@link ZeroMQSocketHandler}. */
export interface ZeroMQSocketHandlerOptions {
  /**
   * `'pub'` (the cookbook's choice: every subscriber gets every record; none is kept for
   * a subscriber that is not there) or `'push'` (records wait, up to the queue and `hwm`,
   * until a puller is connected, and are shared between pullers).
   * @default 'pub'
   */
  socketType?: ZeroMQHandlerSocketType;
  /**
   * Bind to `uri` (the cookbook's handler) or connect to it (when the listener binds).
   * @default true
   */
  bind?: boolean;
  /**
   * The ZeroMQ context to create the socket in.
   * @default zeromq's shared context
   */
  context?: zmq.Context;
  /**
   * The socket's send high-water mark (ZMQ_SNDHWM): messages libzmq holds per peer.
   * @default 1000
   */
  hwm?: number;
  /**
   * How many records the handler's own queue holds while the socket cannot take them.
   * @default 10000
   */
  queueSize?: number;
  /**
   * The full-queue policy (see {@link ZeroMQWhenFull}).
   * @default 'drop-newest'
   */
  whenFull?: ZeroMQWhenFull;
  /**
   * With `whenFull: 'block-with-timeout'`: how long a record may wait for room, in ms.
   * @default 1000
   */
  blockTimeout?: number;
  /**
   * The longest `close()` (and the end of the process) waits to hand queued records to
   * peers, in ms; the socket's linger is set to what is left of it.
   * @default 1000
   */
  closeTimeout?: number;
  /**
   * PUB only: hold records (up to `queueSize`) until the first subscriber's subscription
   * arrives, then send them, so a listener that starts late still gets the first records
   * (the socket is an XPUB). `true` waits up to 5000 ms; a number is the wait in ms. When
   * the wait times out, sending starts anyway.
   * @default false
   */
  waitForSubscriber?: boolean | number;
  /**
   * Called once per outage when records start being dropped. Defaults to one line on
   * stderr.
   */
  onDrop?: (report: QueueDropReport) => void;
}

type SendSocket = zmq.Publisher | zmq.Push | zmq.XPublisher;

const SOCKET_TYPES: readonly string[] = ['pub', 'push'];
const WHEN_FULL: readonly string[] = ['drop-newest', 'drop-oldest', 'block-with-timeout'];
/** The longest pause of the sender loop while the socket cannot take a message. */
const MAX_BACKOFF_MS = 50;
const DEFAULT_SUBSCRIBER_WAIT_MS = 5000;
const SUBSCRIBER_POLL_MS = 5;

function sleepUnref(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

/**
 * The cookbook's `ZeroMQSocketHandler`: a `QueueHandler` whose records go out on a ZeroMQ
 * PUB or PUSH socket, one JSON frame per record, byte for byte what pyzmq's
 * `socket.send_json(record.__dict__)` sends for the same dict, so Python listeners read them.
 *
 * zeromq.js allows one pending send per socket, so the logging call does not send: it
 * puts the prepared, encoded record on a bounded queue (`queueSize`, policy `whenFull`) and
 * returns; one sender loop hands queued records to the socket whenever it can take them.
 * Records that do not fit are dropped and counted (`dropped`); records handed to ZeroMQ are
 * counted in `sent`.
 *
 * `close()` keeps sending what is queued for up to `closeTimeout` ms (at the natural end of
 * the process: until `closeTimeout` after the last logging call; the pending work never
 * keeps the process alive longer), then drops and counts the rest, and closes the socket with its linger
 * set to the time left, so the process never hangs on a missing peer. On `process.exit()`
 * only what the socket takes at once is sent; the rest is counted as dropped and reported.
 *
 * Override points: `prepare()` (what is sent, as in `QueueHandler`), `serialize()` (how a
 * prepared record becomes a frame) and `enqueue()`.
 */
export class ZeroMQSocketHandler extends QueueHandler<FrameQueue> {
  /** The endpoint bound or connected to. */
  readonly uri: string;
  /** The ZeroMQ socket (an XPUB when waiting for a subscriber). */
  readonly socket: SendSocket;
  /** The socket type. */
  readonly socketType: ZeroMQHandlerSocketType;
  /** Records handed to ZeroMQ (drop notices not included). */
  sent = 0;
  /** `logweave.queue` WARNING records reporting drops that were handed to ZeroMQ. */
  noticesSent = 0;
  /**
   * Sends ZeroMQ rejected (EBUSY, EAGAIN, a closed socket); each such record is also
   * counted in `dropped`. The sender loop only sends when the socket can take a message,
   * so this stays 0.
   */
  sendErrors = 0;
  /** Settles once the socket is bound (or connected); rejects when binding failed. */
  readonly ready: Promise<void>;
  /**
   * With `waitForSubscriber`: resolves to true when the first subscription arrived, false
   * when the wait timed out (or the handler closed first). Otherwise resolves to true at once.
   */
  readonly subscribed: Promise<boolean>;
  readonly #closeMs: number;
  readonly #waitMs: number;
  readonly #closed: Promise<void>;
  #resolveClosed!: () => void;
  #resolveSubscribed: (v: boolean) => void = () => {};
  /** True while `waitForSubscriber` holds records back (until a subscriber or the timeout). */
  #holding = false;
  #wake: (() => void) | null = null;
  #closing = false;
  #finished = false;
  #deadline = 0;
  #hold: NodeJS.Timeout | null = null;
  #failed = false;
  readonly #onSendError = (): void => {
    // The socket refused a message it had said it could take (or was closed under it).
    this.sendErrors++;
    this.sent--;
    this.#lose(1);
  };
  /** When the last record was enqueued (performance.now()). */
  #lastEnqueue = 0;
  readonly #onBeforeExit = (): void => {
    // The process has nothing else to do: give the queue until closeTimeout after the
    // last logging call.
    if (!this.#closing && this.queue.qsize() > 0) {
      this.#beginClose(Math.max(performance.now(), this.#lastEnqueue + this.#closeMs));
    }
  };
  readonly #onExit = (): void => this.#closeNow();

  /**
   * @param uri a ZeroMQ endpoint: `tcp://127.0.0.1:5556`, `ipc:///tmp/log.sock`, ...
   * @param options socket type, bind or connect, queue size and policies.
   */
  constructor(uri: string, options: ZeroMQSocketHandlerOptions = {}) {
    checkEndpoint('ZeroMQSocketHandler', uri);
    const socketType = options.socketType ?? 'pub';
    if (!SOCKET_TYPES.includes(socketType)) {
      throw new LoggingValueError(
        `ZeroMQSocketHandler: socketType must be 'pub' or 'push', not ${JSON.stringify(socketType)}`,
      );
    }
    const whenFull = options.whenFull ?? 'drop-newest';
    if (!WHEN_FULL.includes(whenFull)) {
      throw new LoggingValueError(
        `ZeroMQSocketHandler: whenFull must be one of ${WHEN_FULL.join(', ')}, not ${JSON.stringify(whenFull)}`,
      );
    }
    const queueSize = options.queueSize ?? 10_000;
    if (!Number.isSafeInteger(queueSize) || queueSize < 1) {
      throw new LoggingValueError(
        `ZeroMQSocketHandler: queueSize must be a positive integer, not ${String(queueSize)}`,
      );
    }
    const hwm = options.hwm ?? 1000;
    if (!Number.isSafeInteger(hwm) || hwm < 0) {
      throw new LoggingValueError(
        `ZeroMQSocketHandler: hwm must be an integer >= 0, not ${String(hwm)}`,
      );
    }
    const blockMs = checkMs('ZeroMQSocketHandler', 'blockTimeout', options.blockTimeout, 1000);
    const closeMs = checkMs('ZeroMQSocketHandler', 'closeTimeout', options.closeTimeout, 1000);
    const w = options.waitForSubscriber ?? false;
    if (typeof w !== 'boolean' && typeof w !== 'number') {
      throw new LoggingTypeError('ZeroMQSocketHandler: waitForSubscriber must be a boolean or ms');
    }
    const waitMs =
      w === true
        ? DEFAULT_SUBSCRIBER_WAIT_MS
        : w === false
          ? 0
          : checkMs('ZeroMQSocketHandler', 'waitForSubscriber', w, 0);
    if (waitMs > 0 && socketType !== 'pub') {
      throw new LoggingValueError('ZeroMQSocketHandler: waitForSubscriber needs socketType pub');
    }

    const queue = new FrameQueue(queueSize, whenFull === 'block-with-timeout' ? blockMs : null);
    super(queue, {
      whenFull: whenFull === 'drop-oldest' ? 'drop-oldest' : 'drop-newest',
      ...(options.onDrop === undefined ? {} : { onDrop: options.onDrop }),
    });
    queue.onExpire = (n) => this.#lose(n);
    this.uri = uri;
    this.socketType = socketType;
    this.#closeMs = closeMs;
    this.#waitMs = waitMs;

    const socketOptions = {
      linger: closeMs,
      sendHighWaterMark: hwm,
      sendTimeout: 0,
      ...(options.context === undefined ? {} : { context: options.context }),
    };
    this.socket =
      waitMs > 0
        ? new zmq.XPublisher(socketOptions)
        : socketType === 'pub'
          ? new zmq.Publisher(socketOptions)
          : new zmq.Push(socketOptions);
    if (options.bind ?? true) {
      this.ready = this.socket.bind(uri);
    } else {
      try {
        this.socket.connect(uri);
      } catch (e) {
        this.socket.close();
        throw new LoggingValueError(
          `ZeroMQSocketHandler: cannot connect to ${uri}: ${errorText(e)}`,
          {
            cause: e,
          },
        );
      }
      this.ready = Promise.resolve();
    }
    this.ready.catch(() => {});
    this.subscribed =
      waitMs > 0
        ? new Promise((resolve) => {
            this.#resolveSubscribed = resolve;
          })
        : Promise.resolve(true);
    this.#closed = new Promise((resolve) => {
      this.#resolveClosed = resolve;
    });
    process.on('beforeExit', this.#onBeforeExit);
    process.prependListener('exit', this.#onExit);
    void this.#run();
  }

  /**
   * Puts the prepared record on the queue, applying the `whenFull` policy; the sender loop
   * serialises it (`serialize()`) when it sends it. Never throws for a full queue and never
   * waits.
   */
  override enqueue(record: unknown): void {
    if (this.#closing) {
      this.#lose(1);
      return;
    }
    this.queue.current = record;
    super.enqueue(record);
    this.queue.current = undefined;
    this.#lastEnqueue = performance.now();
    const wake = this.#wake;
    if (wake !== null) {
      this.#wake = null;
      wake();
    }
  }

  /**
   * Turns a prepared record into the frame sent: `json.dumps(record)` as Python writes it
   * (see `dumps`). Override it to send another encoding; a string is sent as it is.
   */
  serialize(record: unknown): string {
    if (typeof record === 'string') return record;
    return dumps(record as Record<string, unknown>);
  }

  /** Hands every queued record the socket can take right now to ZeroMQ. */
  override flush(): void {
    this.#drain();
  }

  /**
   * Stops taking records and sends what is queued for up to `closeTimeout` ms, then drops
   * (and counts) what is left and closes the socket with its linger set to the time left.
   * Returns at once; `aclose()` waits for the end.
   */
  override close(): void {
    this.#beginClose(performance.now() + this.#closeMs);
  }

  #beginClose(deadline: number): void {
    if (this.#closing) return;
    this.#closing = true;
    super.close();
    this.#deadline = deadline;
    this.#drain();
    if (!this.#finished) {
      const ms = Math.max(0, deadline - performance.now());
      this.#hold = setTimeout(() => this.#deadlineReached(), ms);
      this.#wakeLoop();
    }
  }

  /** `close()`, then waits until the queue is flushed (or dropped) and the socket closed. */
  async aclose(): Promise<void> {
    this.close();
    await this.#closed;
  }

  /** Hands queued records to the socket while it can take them; returns how many. */
  #drain(): number {
    // While waiting for the first subscriber, a PUB socket would only discard what it is given:
    // `close()` and `flush()` leave the records queued for the wait to release (or the close
    // deadline to count as dropped).
    if (this.#finished || this.#failed) return 0;
    if (this.#holding) {
      if (this.#closing && this.queue.qsize() === 0) this.#finish();
      return 0;
    }
    const q = this.queue;
    const s = this.socket;
    let n = 0;
    while (q.qsize() > 0 && s.writable) {
      const item = q.shift();
      if (item === undefined) break;
      const notice = item instanceof Notice;
      const record = notice ? item.record : item;
      let frame: string;
      try {
        frame = this.serialize(record);
      } catch (e) {
        if (!notice) this.#lose(1);
        this.handleError(makeLogRecord(record as Record<string, unknown>), e);
        continue;
      }
      if (notice) {
        // The WARNING record QueueHandler queues to report drops.
        this.noticesSent++;
        s.send(frame).then(undefined, () => this.noticesSent--);
      } else {
        this.sent++;
        s.send(frame).then(undefined, this.#onSendError);
      }
      n++;
    }
    if (this.#closing && q.qsize() === 0) this.#finish();
    return n;
  }

  async #run(): Promise<void> {
    try {
      await this.ready;
    } catch (e) {
      this.#failed = true;
      this.#closing = true;
      this.#reportError(`cannot bind ${this.uri}`, e);
      this.#lose(this.queue.clear());
      this.#finish();
      return;
    }
    if (this.#waitMs > 0) {
      this.#holding = true;
      try {
        await this.#waitForSubscriber();
      } finally {
        this.#holding = false;
      }
    }
    let backoff = 1;
    while (!this.#finished) {
      if (this.#drain() > 0) backoff = 1;
      if (this.#finished) break;
      if (this.queue.qsize() === 0) {
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        continue;
      }
      // The socket cannot take more now (no peer yet, or peers at their high-water mark).
      await sleepUnref(backoff);
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
    }
  }

  /**
   * Waits (polling, so that the wait never keeps the process alive by itself) until a
   * subscription arrives on the XPUB, the wait times out, or the handler closes.
   */
  async #waitForSubscriber(): Promise<void> {
    const s = this.socket as zmq.XPublisher;
    const end = performance.now() + this.#waitMs;
    let ok = false;
    try {
      while (!ok && !this.#finished && performance.now() < end) {
        while (s.readable) {
          const [msg] = await s.receive();
          if (msg !== undefined && msg[0] === 1) ok = true;
        }
        if (!ok) await sleepUnref(SUBSCRIBER_POLL_MS);
      }
    } catch {
      // The socket was closed under the wait.
    }
    this.#resolveSubscribed(ok);
  }

  #wakeLoop(): void {
    const wake = this.#wake;
    if (wake !== null) {
      this.#wake = null;
      wake();
    }
  }

  #lose(n: number): void {
    if (n <= 0) return;
    this.dropped += n;
  }

  /** The queue is empty after `close()`: close the socket, lingering for the time left. */
  #finish(): void {
    if (this.#finished) return;
    this.#finished = true;
    if (this.#hold !== null) clearTimeout(this.#hold);
    this.#closeSocket(Math.max(0, Math.ceil(this.#deadline - performance.now())));
    this.#wakeLoop();
  }

  #deadlineReached(): void {
    this.#hold = null;
    if (this.#finished) return;
    const left = this.queue.clear();
    this.#lose(left);
    this.#deadline = 0;
    this.#finish();
    if (left > 0) this.#reportLoss(left, 'were still queued at the close deadline');
  }

  /** At `process.exit()`: send what the socket takes now, count the rest, close. */
  #closeNow(): void {
    if (this.#finished) return;
    if (!this.#closing) {
      this.#closing = true;
      this.#deadline = performance.now() + this.#closeMs;
    }
    this.#drain();
    if (this.#finished) return;
    const left = this.queue.clear();
    this.#lose(left);
    if (left > 0) this.#reportLoss(left, 'were still queued when the process exited');
    this.#finish();
  }

  #closeSocket(lingerMs: number): void {
    process.removeListener('beforeExit', this.#onBeforeExit);
    process.removeListener('exit', this.#onExit);
    try {
      if (!this.socket.closed) {
        this.socket.linger = lingerMs;
        this.socket.close();
      }
    } catch {
      // Already closed by its context.
    }
    this.#resolveSubscribed(false);
    this.#resolveClosed();
  }

  #reportLoss(n: number, why: string): void {
    this.#reportError(`${n} record(s) ${why} and were dropped`, null);
  }

  /** Reports a transport problem as a logging error (`handleError`, once per event). */
  #reportError(what: string, cause: unknown): void {
    const record: LogRecord = makeLogRecord({
      name: 'logweave.queue',
      levelno: 30,
      levelname: 'WARNING',
      msg: `ZeroMQSocketHandler(${this.uri}): ${what}`,
    });
    // No stack of our own: the report says where, and capturing one can be slow at exit.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    const error =
      cause === null
        ? new Error(record.msg as string)
        : new Error(`${record.msg as string}: ${errorText(cause)}`, { cause });
    Error.stackTraceLimit = limit;
    this.handleError(record, error);
  }
}
