import type { Destination } from './destination.js';
import { type DropReport, reportDropToStderr } from './fd-destination.js';

/** The least a stream must offer: `write(text)`. `flushSync()`/`flush()` are used when present. */
export interface WritableLike {
  /** Writes one chunk of text. */
  write(chunk: string): unknown;
}

/** Options of {@link NodeStreamDestination}. */
export interface NodeStreamDestinationOptions {
  /**
   * Most UTF-16 code units a Node `Writable` may hold in its own buffer (`writableLength`)
   * before chunks are dropped, counted and reported.
   * @default 16 MiB
   */
  maxLength?: number;
  /** Called once per outage when output is lost. Defaults to one line on stderr. */
  onDrop?: (report: DropReport) => void;
}

type StreamState = {
  destroyed?: unknown;
  writableEnded?: unknown;
  writableLength?: unknown;
  on?: unknown;
  flushSync?: unknown;
  flush?: unknown;
};

/**
 * A destination over any object with `write()`: a Node `Writable` without an fd (a socket,
 * a `PassThrough`), or a plain `{ write(s) {} }` object. Each chunk goes straight to
 * `stream.write()`, so a synchronous stream sees records at once. What a Node stream
 * buffers internally is not written at `process.exit()`: that is the stream's own policy.
 * Errors the stream emits are reported once per outage (an `'error'` listener is added,
 * so they never crash the process); a destroyed or ended stream, or one whose buffer
 * passed `maxLength`, drops chunks and counts them.
 */
export class NodeStreamDestination implements Destination {
  /** Chunks dropped so far. */
  dropped = 0;
  /** The last error the stream reported, if any. */
  lastError: unknown = null;
  /** The wrapped stream. */
  readonly stream: WritableLike;
  readonly #maxLength: number;
  readonly #onDrop: (report: DropReport) => void;
  #losing = false;

  /** @param stream the stream to write to (not owned: never ended or closed here). */
  constructor(stream: WritableLike, options: NodeStreamDestinationOptions = {}) {
    this.stream = stream;
    this.#maxLength = options.maxLength ?? 16 * 1024 * 1024;
    this.#onDrop = options.onDrop ?? reportDropToStderr;
    const s = stream as StreamState;
    if (typeof s.on === 'function') {
      (s.on as (event: string, fn: (e: unknown) => void) => void).call(stream, 'error', (e) =>
        this.#drop('error', e, 1),
      );
    }
  }

  /** Passes `text` to `stream.write()`; what `write()` throws propagates. */
  write(text: string): void {
    const s = this.stream as StreamState;
    if (s.destroyed === true || s.writableEnded === true) {
      this.#drop('closed', null, 1);
      return;
    }
    if (typeof s.writableLength === 'number' && s.writableLength > this.#maxLength) {
      this.#drop('full', null, 1);
      return;
    }
    this.stream.write(text);
    this.#losing = false;
  }

  /** Calls the stream's `flushSync()` or `flush()` when it has one (as CPython's `flush`). */
  flushSync(): void {
    const s = this.stream as StreamState;
    if (typeof s.flushSync === 'function') (s.flushSync as () => unknown).call(this.stream);
    else if (typeof s.flush === 'function') (s.flush as () => unknown).call(this.stream);
  }

  /** Flushes; the stream itself is not closed (it is not owned). */
  closeSync(): void {
    this.flushSync();
  }

  #drop(reason: DropReport['reason'], error: unknown, chunks: number): void {
    this.dropped += chunks;
    if (error !== null) this.lastError = error;
    if (this.#losing) return;
    this.#losing = true;
    try {
      this.#onDrop({ fd: -1, reason, error, dropped: this.dropped });
    } catch {
      // A failing reporter must not break logging.
    }
  }
}
