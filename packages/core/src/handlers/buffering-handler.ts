import { Handler } from '../handler.js';
import type { LogRecord } from '../record.js';

/**
 * CPython's `logging.handlers.BufferingHandler`: keeps records in `buffer`; after each one,
 * `shouldFlush(record)` decides whether `flush()` runs. Here `flush()` just empties the
 * buffer: subclasses say what flushing means (see {@link MemoryHandler}).
 *
 * ```ts
 * class BatchHandler extends BufferingHandler {
 *   override flush(): void {
 *     send(this.buffer.map((r) => this.format(r)));
 *     this.buffer.length = 0;
 *   }
 * }
 * ```
 */
export class BufferingHandler extends Handler {
  /** How many records make the buffer full. */
  capacity: number;
  /** The records kept so far, oldest first. */
  buffer: LogRecord[] = [];

  /** @param capacity how many records make the buffer full (`shouldFlush`). */
  constructor(capacity: number) {
    super();
    this.capacity = capacity;
  }

  /** Whether to flush after `record`: the base version, when the buffer is up to capacity. */
  shouldFlush(_record: LogRecord): boolean {
    return this.buffer.length >= this.capacity;
  }

  /** Appends the record, then flushes when `shouldFlush(record)` says so. */
  override emit(record: LogRecord): void {
    this.buffer.push(record);
    if (this.shouldFlush(record)) this.flush();
  }

  /** Empties the buffer (subclasses send the records somewhere first). */
  override flush(): void {
    this.buffer.length = 0;
  }

  /** Flushes, then closes the handler. */
  override close(): void {
    try {
      this.flush();
    } finally {
      super.close();
    }
  }
}
