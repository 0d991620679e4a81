import { ERROR } from '../levels.js';
import type { LogRecord } from '../record.js';
import { BufferingHandler } from './buffering-handler.js';
import type { HandlerLike } from './queue-listener.js';

/**
 * CPython's `logging.handlers.MemoryHandler`: buffers records and hands them all to
 * `target` when the buffer reaches `capacity` or a record at `flushLevel` or above arrives
 * (and, with `flushOnClose`, when the handler is closed). Without a target, `flush()` keeps
 * the buffer.
 *
 * ```ts
 * const memory = new MemoryHandler(100, ERROR, new FileHandler('debug.log'));
 * logger.addHandler(memory); // DEBUG/INFO kept until an ERROR shows what led to it
 * ```
 */
export class MemoryHandler extends BufferingHandler {
  /** Records at this level or above flush the buffer. */
  flushLevel: number;
  /** Where buffered records go on flush (its `handle()` is called), or null. */
  target: HandlerLike | null;
  /** Whether `close()` flushes the buffer to the target. */
  flushOnClose: boolean;

  /**
   * @param capacity how many records make the buffer full.
   * @param flushLevel records at this level or above flush the buffer. @default ERROR
   * @param target the handler that receives the buffered records. @default null
   * @param flushOnClose whether `close()` flushes the buffer first. @default true
   */
  constructor(
    capacity: number,
    flushLevel: number = ERROR,
    target: HandlerLike | null = null,
    flushOnClose = true,
  ) {
    super(capacity);
    this.flushLevel = flushLevel;
    this.target = target;
    this.flushOnClose = flushOnClose;
  }

  /** Whether the buffer is full or `record` is at `flushLevel` or above. */
  override shouldFlush(record: LogRecord): boolean {
    return this.buffer.length >= this.capacity || record.levelno >= this.flushLevel;
  }

  /** Sets the handler that receives the buffered records. */
  setTarget(target: HandlerLike | null): void {
    this.target = target;
  }

  /**
   * Hands every buffered record to `target.handle()`, then empties the buffer. Without a
   * target nothing happens and the buffer is kept.
   */
  override flush(): void {
    const target = this.target;
    if (target) {
      for (const record of this.buffer) target.handle(record);
      this.buffer.length = 0;
    }
  }

  /**
   * Flushes when `flushOnClose` is set, then drops the target and closes. (As in CPython,
   * records still buffered stay in `buffer`.)
   */
  override close(): void {
    try {
      if (this.flushOnClose) this.flush();
    } finally {
      this.target = null;
      super.close();
    }
  }
}
