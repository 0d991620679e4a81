import type { Destination } from './destination.js';

/**
 * A destination that keeps everything in memory: what was written, what was flushed, and
 * whether it was closed. For tests, and as the smallest example of a {@link Destination}.
 */
export class MemoryDestination implements Destination {
  /** Every chunk written, in order. */
  readonly chunks: string[] = [];
  /** How many chunks had been written at the last `flushSync()`. */
  flushedCount = 0;
  /** How many times `flushSync()` ran. */
  flushCalls = 0;
  /** Whether `closeSync()` ran. */
  closed = false;

  /** Records `text`. */
  write(text: string): void {
    this.chunks.push(text);
  }

  /** Marks everything written so far as flushed. */
  flushSync(): void {
    this.flushCalls++;
    this.flushedCount = this.chunks.length;
  }

  /** Flushes and marks the destination closed. */
  closeSync(): void {
    this.flushSync();
    this.closed = true;
  }

  /** All chunks joined. */
  get text(): string {
    return this.chunks.join('');
  }

  /** The flushed chunks joined. */
  get flushedText(): string {
    return this.chunks.slice(0, this.flushedCount).join('');
  }
}
