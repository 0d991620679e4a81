import type { Destination } from '../destination/destination.js';
import type { WritableLike } from '../destination/node-stream-destination.js';
import { destinationFor } from '../destination/stream-destination.js';
import { Handler } from '../handler.js';
import { getLevelName } from '../levels.js';
import type { LogRecord } from '../record.js';

/**
 * CPython's `logging.StreamHandler`: writes each formatted record plus `terminator` to a
 * stream (default: `process.stderr` as it is at construction). The stream is never closed
 * by the handler.
 *
 * Output goes through a {@link Destination} chosen once per stream: `process.stdout`,
 * `process.stderr` and streams with an fd get a buffered fd writer shared by every handler
 * on that stream (written at the end of the event-loop turn, at 64 KiB, on `flush()`,
 * `shutdown()` and process exit; immediately on a terminal); other streams get
 * `stream.write()` per record; a {@link Destination} passed as the stream is used as is.
 * Unlike CPython, `emit()` does not call `flush()` after every record.
 */
export class StreamHandler<S extends WritableLike = WritableLike> extends Handler {
  /**
   * Written after every record. As in CPython this is a class attribute: set it on an
   * instance, or on `StreamHandler.prototype` for every handler.
   * @default '\n'
   */
  declare terminator: string;
  /** The driver the handler writes to (derived from `stream`). */
  protected destination: Destination;
  #stream: S | null = null;

  /** @param stream where to write; when omitted or null, the current `process.stderr`. */
  constructor(stream?: S | null) {
    super();
    this.destination = destinationFor(null);
    this.stream = stream ?? this.defaultStream();
  }

  /** The stream written to. Assigning it switches the destination (without flushing). */
  get stream(): S | null {
    return this.#stream;
  }
  set stream(stream: S | null) {
    this.#stream = stream;
    this.destination = destinationFor(stream);
  }

  /** The stream used when the constructor gets none: the current `process.stderr`. */
  protected defaultStream(): S | null {
    return process.stderr as unknown as S;
  }

  /** Writes everything buffered for this handler's stream. */
  override flush(): void {
    this.destination.flushSync();
  }

  /** Writes the formatted record and the terminator; errors go to `handleError()`. */
  override emit(record: LogRecord): void {
    try {
      this.destination.write(this.format(record) + this.terminator);
    } catch (e) {
      this.handleError(record, e);
    }
  }

  /**
   * Sets the stream, flushing the old one first. Returns the old stream, or null when
   * `stream` is the current stream (nothing changes).
   */
  setStream(stream: S | null): S | null {
    if (stream === this.stream) return null;
    const old = this.stream;
    this.flush();
    this.stream = stream;
    return old;
  }

  /** `<StreamHandler <stderr> (NOTSET)>`, as CPython's repr. */
  override toString(): string {
    let name = streamName(this.stream);
    if (name !== '') name += ' ';
    return `<${this.constructor.name} ${name}(${String(getLevelName(this.level))})>`;
  }
}
StreamHandler.prototype.terminator = '\n';

/** The `name` CPython would show for a stream (`<stdout>`, `<stderr>`, a file's path). */
export function streamName(stream: unknown): string {
  if (stream === null || stream === undefined) return '';
  if (stream === process.stdout) return '<stdout>';
  if (stream === process.stderr) return '<stderr>';
  const s = stream as { name?: unknown; path?: unknown };
  if (s.name !== undefined && s.name !== null) return String(s.name);
  if (typeof s.path === 'string') return s.path;
  return '';
}
