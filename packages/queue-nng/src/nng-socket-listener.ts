import { type HandlerLike, type LogRecord, makeLogRecord, QueueListener } from '@logweave/core';
import { Closed, Sub0, type SocketOptions, Timeout, TryAgain } from 'nng-ts';

/** Options of {@link NNGSocketListener} (the last argument after the handlers). */
export interface NNGSocketListenerOptions {
  /** Topic prefixes to subscribe to (the Python recipe's `topics`); default: everything. */
  topics?: string | Uint8Array | (string | Uint8Array)[];
  /** See `QueueListener`'s option. @default false */
  respect_handler_level?: boolean;
  /** Dial the URL instead of listening on it (then handlers listen). @default false */
  dial?: boolean;
  /** Options for the underlying `Sub0` socket. */
  socket?: SocketOptions;
  /**
   * How often the loop checks whether `stop()` was called while no record arrives (the
   * recipe's `recv_timeout`).
   * @default 200
   */
  pollInterval?: number;
}

function isOptions(v: unknown): v is NNGSocketListenerOptions {
  return (
    v !== null && typeof v === 'object' && typeof (v as { handle?: unknown }).handle !== 'function'
  );
}

/**
 * The cookbook's pynng `NNGSocketListener`: a `QueueListener` whose queue is an NNG SUB socket
 * (nng-ts `Sub0`) listening on `url`. Each message is UTF-8 JSON of a record's attributes
 * (from an {@link NNGSocketHandler} or the Python recipe's handler), rebuilt with
 * `makeLogRecord()` and handed to the handlers. A message that is not such JSON is counted in
 * `malformed`, reported once on stderr, and skipped. `stop()` handles every record already
 * received, then closes the socket.
 */
export class NNGSocketListener extends QueueListener<Sub0> {
  /** The URL listened on (or dialed). */
  readonly url: string;
  /** Messages that could not be decoded as a record. */
  malformed = 0;
  /** Settles once the socket listens (rejects when it cannot). */
  readonly ready: Promise<void>;
  #stopping = false;

  /** `NNGSocketListener(url, ...handlers, { topics, respect_handler_level })`. */
  constructor(url: string, ...handlers: HandlerLike[]);
  constructor(url: string, ...args: [...HandlerLike[], NNGSocketListenerOptions]);
  constructor(url: string, ...args: (HandlerLike | NNGSocketListenerOptions)[]) {
    let options: NNGSocketListenerOptions = {};
    const last = args[args.length - 1];
    if (args.length > 0 && isOptions(last)) {
      options = last;
      args = args.slice(0, -1);
    }
    const socket = new Sub0({ ...options.socket, recvTimeout: options.pollInterval ?? 200 });
    const topics = options.topics ?? '';
    for (const t of Array.isArray(topics) ? topics : [topics]) socket.subscribe(t);
    super(socket, ...(args as HandlerLike[]), {
      respect_handler_level: options.respect_handler_level ?? false,
    });
    this.url = url;
    this.ready =
      options.dial === true
        ? socket.dial(url, { block: false }).then(() => {})
        : socket.listen(url).then(() => {});
  }

  /** The bound TCP port when listening on port 0. */
  get port(): number | undefined {
    return this.queue.listeners[0]?.port;
  }

  /**
   * Takes the next record off the socket: waits for a message (checking for `stop()` every
   * `pollInterval` ms), decodes it with `decode()`. Once stopping, returns the sentinel as soon
   * as nothing more is waiting.
   */
  override async dequeue(_block: boolean): Promise<unknown> {
    for (;;) {
      let data: Buffer;
      try {
        data = await this.queue.recv(!this.#stopping);
      } catch (e) {
        if (e instanceof Timeout) continue;
        if (e instanceof TryAgain || e instanceof Closed) return this._sentinel;
        throw e;
      }
      try {
        return this.decode(data);
      } catch (e) {
        this.malformed++;
        if (this.malformed === 1) {
          try {
            process.stderr.write(
              `logweave: NNGSocketListener(${this.url}): skipping a message that is not a JSON record (${String(e)}); further ones are only counted\n`,
            );
          } catch {
            // Nothing left to report to.
          }
        }
      }
    }
  }

  /** Turns a message into a record: `makeLogRecord(JSON.parse(utf8))` (override for others). */
  decode(data: Buffer): LogRecord {
    const dict: unknown = JSON.parse(data.toString('utf8'));
    if (dict === null || typeof dict !== 'object' || Array.isArray(dict)) {
      throw new TypeError(
        `expected a JSON object, got ${Array.isArray(dict) ? 'an array' : typeof dict}`,
      );
    }
    return makeLogRecord(dict as Record<string, unknown>);
  }

  /** Not used: the socket is not a queue that can take a sentinel (as in the recipe). */
  override enqueue_sentinel(): void {}

  /** Handles every record already received, then stops the loop and closes the socket. */
  override async stop(): Promise<void> {
    this.#stopping = true;
    try {
      await super.stop();
    } finally {
      await this.queue.close();
    }
  }
}
