import { QueueEmpty, QueueFull } from '@logweave/core';

/**
 * A record a `QueueHandler` queued on its own (the WARNING that reports drops), as opposed
 * to one passed to `enqueue()`.
 */
export class Notice {
  constructor(readonly record: unknown) {}
}

// Thrown as they are, so that a full queue costs no stack capture per dropped record.
const FULL = new QueueFull('the queue is full');
const EMPTY = new QueueEmpty('the queue is empty');

/**
 * A FIFO of at most `capacity` items whose storage grows with use (a large `queueSize`
 * costs nothing until records queue up) and is compacted as items leave.
 */
class Ring<T> {
  #items: (T | undefined)[] = [];
  #head = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.#items.length - this.#head;
  }

  push(item: T): void {
    this.#items.push(item);
  }

  shift(): T | undefined {
    const items = this.#items;
    if (this.#head === items.length) return undefined;
    const item = items[this.#head];
    items[this.#head++] = undefined;
    if (this.#head === items.length) {
      this.#items = [];
      this.#head = 0;
    } else if (this.#head >= 4096 && this.#head * 2 >= items.length) {
      this.#items = items.slice(this.#head);
      this.#head = 0;
    }
    return item;
  }

  clear(): number {
    const n = this.size;
    this.#items = [];
    this.#head = 0;
    return n;
  }
}

/**
 * The bounded queue between the logging calls and a handler's sender loop. It speaks the
 * `put_nowait`/`get_nowait`/`full` of Python's `queue.Queue`, so `QueueHandler`'s
 * drop-newest and drop-oldest policies work on it unchanged.
 *
 * With a `waitMs`, a full queue does not refuse a record at once: the record waits in an
 * overflow area (as large as the queue) for room, and is dropped (`onExpire`) if no room
 * was made for it within `waitMs`. Only when the overflow area is full too does
 * `put_nowait` throw `QueueFull`. Not part of the package's entry point.
 */
export class FrameQueue {
  readonly #main: Ring<unknown>;
  readonly #waiting: Ring<unknown> | null;
  readonly #deadlines: Ring<number> | null;
  readonly #waitMs: number;
  /** Called with the number of waiting records whose time ran out. */
  onExpire: (n: number) => void = () => {};
  /**
   * The record being enqueued by the handler's `enqueue()`; anything else given to
   * `put_nowait` is queued as a {@link Notice}.
   */
  current: unknown;

  /**
   * @param maxsize how many records the queue holds.
   * @param waitMs how long a record may wait for room when the queue is full (null: it
   *   is refused at once).
   */
  constructor(
    readonly maxsize: number,
    waitMs: number | null,
  ) {
    this.#main = new Ring(maxsize);
    this.#waitMs = waitMs ?? 0;
    this.#waiting = waitMs === null ? null : new Ring(maxsize);
    this.#deadlines = waitMs === null ? null : new Ring(maxsize);
  }

  /** Records queued (and waiting for room). */
  qsize(): number {
    return this.#main.size + (this.#waiting?.size ?? 0);
  }

  /** True when `put_nowait` would throw `QueueFull`. */
  full(): boolean {
    const w = this.#waiting;
    if (this.#main.size < this.maxsize && (w === null || w.size === 0)) return false;
    return w === null || w.size === w.capacity;
  }

  /** Adds a record, or throws `QueueFull`. */
  put_nowait(item: unknown): void {
    if (item !== this.current) item = new Notice(item);
    const w = this.#waiting;
    if (this.#main.size < this.maxsize && (w === null || w.size === 0)) {
      this.#main.push(item);
      return;
    }
    if (w === null || w.size === w.capacity) throw FULL;
    w.push(item);
    this.#deadlines!.push(performance.now() + this.#waitMs);
  }

  /** Takes the oldest record, or throws `QueueEmpty`. */
  get_nowait(): unknown {
    const item = this.shift();
    if (item === undefined) throw EMPTY;
    return item;
  }

  /** Takes the oldest record, or returns undefined when there is none. */
  shift(): unknown {
    if (this.#main.size === 0) this.#admit();
    const item = this.#main.shift();
    if (this.#waiting !== null && this.#waiting.size > 0) this.#admit();
    return item;
  }

  /** Empties the queue; returns how many records it held. */
  clear(): number {
    this.#deadlines?.clear();
    return this.#main.clear() + (this.#waiting?.clear() ?? 0);
  }

  /** Moves waiting records into the room made; drops those whose time ran out. */
  #admit(): void {
    const w = this.#waiting;
    if (w === null || w.size === 0) return;
    const now = performance.now();
    let expired = 0;
    while (w.size > 0 && this.#main.size < this.maxsize) {
      const item = w.shift();
      if (this.#deadlines!.shift()! < now) expired++;
      else this.#main.push(item);
    }
    if (expired > 0) this.onExpire(expired);
  }
}
