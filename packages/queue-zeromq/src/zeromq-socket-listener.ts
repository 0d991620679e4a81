import {
  type HandlerLike,
  LoggingValueError,
  QueueListener,
  type QueueListenerOptions,
} from '@logweave/core';
import * as zmq from 'zeromq';
import { checkEndpoint, errorText } from './options.js';
import { loads } from './py-json.js';

/** The socket a {@link ZeroMQSocketListener} receives on. */
export type ZeroMQListenerSocketType = 'sub' | 'pull';

/** Options of {@link ZeroMQSocketListener} (with `QueueListener`'s `respect_handler_level`). */
export interface ZeroMQSocketListenerOptions extends QueueListenerOptions {
  /**
   * `'sub'` for a PUB handler (the cookbook's choice), `'pull'` for a PUSH handler.
   * @default 'sub'
   */
  socketType?: ZeroMQListenerSocketType;
  /**
   * Bind to `uri`, or connect to it (the cookbook's listener connects to a handler that
   * binds).
   * @default false
   */
  bind?: boolean;
  /**
   * SUB only: the subscription prefixes. The default, `['']`, receives everything (the
   * cookbook's `setsockopt_string(zmq.SUBSCRIBE, '')`).
   * @default ['']
   */
  topics?: readonly string[];
  /**
   * The ZeroMQ context to create the socket in.
   * @default zeromq's shared context
   */
  context?: zmq.Context;
  /**
   * The socket's receive high-water mark (ZMQ_RCVHWM).
   * @default 1000
   */
  hwm?: number;
  /**
   * The largest frame accepted, in bytes (ZMQ_MAXMSGSIZE): a peer sending a larger one is
   * disconnected by libzmq before the frame is buffered.
   * @default 4194304
   */
  maxMessageSize?: number;
  /**
   * Called for each frame that is not a JSON object (the frame is skipped). Defaults to a
   * line on stderr for the first such frame, then a count reported by `stop()`.
   */
  onReject?: (frame: Buffer, error: Error) => void;
}

type ReceiveSocket = zmq.Subscriber | zmq.Pull;

function isOptions(v: unknown): v is ZeroMQSocketListenerOptions {
  return (
    v !== null && typeof v === 'object' && typeof (v as { handle?: unknown }).handle !== 'function'
  );
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * The cookbook's `ZeroMQSocketListener`: a `QueueListener` whose queue is a ZeroMQ SUB or
 * PULL socket. Each frame is a JSON dict (what pyzmq's `send_json` and
 * {@link ZeroMQSocketHandler} send), turned into a `LogRecord` with `makeLogRecord` and
 * handed to the handlers. Python's `NaN`/`Infinity` are accepted; frames that are not a JSON
 * object are skipped and counted in `rejected`.
 *
 * While started, the listener's pending receive keeps the process alive (a log server's
 * behaviour); `stop()` handles what has already arrived, then closes the socket.
 * Override points: `dequeue()`, `decode()`, `prepare()` and `handle()`.
 */
export class ZeroMQSocketListener extends QueueListener<ReceiveSocket> {
  /** The endpoint bound or connected to. */
  readonly uri: string;
  /** The socket type. */
  readonly socketType: ZeroMQListenerSocketType;
  /** Settles once the socket is bound (or connected); rejects when binding failed. */
  readonly ready: Promise<void>;
  /** Frames received (including rejected ones). */
  received = 0;
  /** Frames skipped because they were not a JSON object. */
  rejected = 0;
  readonly #onReject: ((frame: Buffer, error: Error) => void) | null;
  #stopping = false;
  #receiving = false;

  /**
   * `ZeroMQSocketListener(uri, ...handlers, options?)`, as the cookbook's
   * `ZeroMQSocketListener(uri, *handlers, **kwargs)`.
   */
  constructor(uri: string, ...handlers: HandlerLike[]);
  constructor(uri: string, ...args: [...HandlerLike[], ZeroMQSocketListenerOptions]);
  constructor(uri: string, ...args: (HandlerLike | ZeroMQSocketListenerOptions)[]) {
    checkEndpoint('ZeroMQSocketListener', uri);
    const last = args[args.length - 1];
    const options: ZeroMQSocketListenerOptions = isOptions(last) ? last : {};
    const socketType = options.socketType ?? 'sub';
    if (socketType !== 'sub' && socketType !== 'pull') {
      throw new LoggingValueError(
        `ZeroMQSocketListener: socketType must be 'sub' or 'pull', not ${JSON.stringify(socketType)}`,
      );
    }
    const topics = options.topics ?? [''];
    if (socketType === 'pull' && options.topics !== undefined) {
      throw new LoggingValueError('ZeroMQSocketListener: topics need socketType sub');
    }
    const socketOptions = {
      linger: 0,
      receiveHighWaterMark: options.hwm ?? 1000,
      maxMessageSize: options.maxMessageSize ?? 4 * 1024 * 1024,
      ...(options.context === undefined ? {} : { context: options.context }),
    };
    const socket: ReceiveSocket =
      socketType === 'sub' ? new zmq.Subscriber(socketOptions) : new zmq.Pull(socketOptions);
    if (socket instanceof zmq.Subscriber) socket.subscribe(...topics);
    let ready: Promise<void>;
    if (options.bind ?? false) {
      ready = socket.bind(uri);
    } else {
      try {
        socket.connect(uri);
      } catch (e) {
        socket.close();
        throw new LoggingValueError(
          `ZeroMQSocketListener: cannot connect to ${uri}: ${errorText(e)}`,
          { cause: e },
        );
      }
      ready = Promise.resolve();
    }
    ready.catch(() => {});
    super(socket, ...(args as HandlerLike[]));
    this.uri = uri;
    this.socketType = socketType;
    this.ready = ready;
    this.#onReject = options.onReject ?? null;
  }

  /** The ZeroMQ socket. */
  get socket(): ReceiveSocket {
    return this.queue;
  }

  /**
   * Receives the next frame and returns its decoded dict (`decode()`); skips frames that
   * are not a JSON object. After `stop()`, returns the sentinel once nothing more has
   * arrived.
   */
  override async dequeue(_block: boolean): Promise<unknown> {
    await this.ready;
    const s = this.queue;
    for (;;) {
      if (this.#stopping && (s.closed || !s.readable)) return this._sentinel;
      let frames: Buffer[];
      this.#receiving = true;
      try {
        frames = await s.receive();
      } catch (e) {
        if (this.#stopping) return this._sentinel;
        throw e;
      } finally {
        this.#receiving = false;
      }
      this.received++;
      const frame = frames[frames.length - 1] ?? Buffer.alloc(0);
      try {
        return this.decode(frame);
      } catch (e) {
        this.#reject(frame, e instanceof Error ? e : new Error(String(e)));
      }
    }
  }

  /**
   * Turns a frame into the dict `prepare()` makes a record of: `json.loads` (Python's
   * JSON, NaN and Infinity included), which must give an object. Override it for other
   * encodings; throwing skips the frame.
   */
  decode(frame: Buffer): Record<string, unknown> {
    const value = loads(frame.toString('utf8'));
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw new LoggingValueError('the frame is not a JSON object');
    }
    return value as Record<string, unknown>;
  }

  /** The stop signal is a flag, not a queued item: nothing to put on the socket. */
  override enqueue_sentinel(): void {}

  /**
   * Stops the listener: handles every frame that has already arrived, then closes the
   * socket. Resolves when done.
   */
  override async stop(): Promise<void> {
    this.#stopping = true;
    if (this._thread !== null) {
      // Let frames that arrived reach the pending receive first.
      await nextTurn();
      if (this.#receiving && !this.queue.closed && !this.queue.readable) this.queue.close();
      await super.stop();
    }
    if (!this.queue.closed) this.queue.close();
    if (this.rejected > 1 && this.#onReject === null) {
      process.stderr.write(
        `logweave: ZeroMQSocketListener(${this.uri}): ${this.rejected} frame(s) in all were not JSON objects and were skipped\n`,
      );
    }
  }

  #reject(frame: Buffer, error: Error): void {
    this.rejected++;
    if (this.#onReject !== null) {
      try {
        this.#onReject(frame, error);
      } catch {
        // A failing reporter must not stop the listener.
      }
      return;
    }
    if (this.rejected === 1) {
      const head = frame.subarray(0, 60).toString('utf8');
      process.stderr.write(
        `logweave: ZeroMQSocketListener(${this.uri}): skipped a frame of ${frame.length} bytes that is not a JSON object (${error.message}): ${JSON.stringify(head)}\n`,
      );
    }
  }
}
