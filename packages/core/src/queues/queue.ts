import { LoggingValueError } from '../errors.js';
import { QueueEmpty, QueueFull } from './queue-errors.js';

interface Getter<T> {
  resolve(item: T): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout | null;
  done: boolean;
}

interface Putter<T> {
  item: T;
  resolve(): void;
  reject(error: unknown): void;
  timer: NodeJS.Timeout | null;
}

/**
 * Python's `queue.Queue` for one JavaScript thread: FIFO, optionally bounded by `maxsize`,
 * with `task_done()`/`join()`. Nothing ever blocks the caller: where Python's `get()` and
 * `put()` would wait, these return a promise instead (resolved when an item arrives, or when
 * there is room), and with a timeout the promise rejects with {@link QueueEmpty} /
 * {@link QueueFull}. An available item is returned synchronously, so a consumer that awaits
 * only when the queue is empty drains a burst of records without a promise per record.
 *
 * ```ts
 * const q = new Queue();
 * q.put_nowait(record);        // never waits
 * const item = await q.get();  // a value now, or a promise while empty
 * ```
 */
export class Queue<T = unknown> {
  /** The most items the queue holds; 0 or less means unbounded. @default 0 */
  readonly maxsize: number;
  #items: (T | undefined)[] = [];
  #head = 0;
  #getters: Getter<T>[] = [];
  #putters: Putter<T>[] = [];
  #unfinished = 0;
  #joiners: (() => void)[] = [];

  /** @param maxsize the bound (Python's `Queue(maxsize=0)`); 0 or less means unbounded. */
  constructor(maxsize = 0) {
    this.maxsize = maxsize;
  }

  /** The number of items waiting. */
  qsize(): number {
    return this.#items.length - this.#head;
  }

  /** Whether no item is waiting. */
  empty(): boolean {
    return this.qsize() === 0;
  }

  /** Whether the queue holds `maxsize` items (never, when unbounded). */
  full(): boolean {
    return this.maxsize > 0 && this.qsize() >= this.maxsize;
  }

  /**
   * Adds an item, or throws {@link QueueFull} when the queue is full. A consumer waiting in
   * `get()` receives the item directly.
   */
  put_nowait(item: T): void {
    if (this.maxsize > 0 && this.qsize() >= this.maxsize) throw new QueueFull();
    this.#add(item);
  }

  /**
   * Adds an item. When the queue is full: with `block` (Python's default) returns a promise
   * resolved once the item was added (rejected with {@link QueueFull} after `timeout`
   * seconds, if given); without `block`, throws {@link QueueFull}.
   */
  put(item: T, block = true, timeout: number | null = null): void | Promise<void> {
    if (!this.full()) {
      this.#add(item);
      return;
    }
    if (!block) throw new QueueFull();
    checkTimeout(timeout);
    return new Promise<void>((resolve, reject) => {
      const putter: Putter<T> = { item, resolve, reject, timer: null };
      if (timeout !== null) {
        putter.timer = setTimeout(() => {
          removeFrom(this.#putters, putter);
          reject(new QueueFull());
        }, timeout * 1000);
      }
      this.#putters.push(putter);
    });
  }

  /** Removes and returns the oldest item, or throws {@link QueueEmpty}. */
  get_nowait(): T {
    if (this.#head >= this.#items.length) throw new QueueEmpty();
    return this.#take();
  }

  /**
   * Removes and returns the oldest item. When the queue is empty: with `block` (the default)
   * returns a promise of the next item (rejected with {@link QueueEmpty} after `timeout`
   * seconds, if given); without `block`, throws {@link QueueEmpty}. A waiting consumer takes
   * its item when it resumes, so until then the item is still in the queue (a synchronous
   * drain at exit sees it).
   */
  get(block = true, timeout: number | null = null): T | Promise<T> {
    if (this.#head < this.#items.length) return this.#take();
    if (!block) throw new QueueEmpty();
    checkTimeout(timeout);
    return new Promise<T>((resolve, reject) => {
      const getter: Getter<T> = { resolve, reject, timer: null, done: false };
      if (timeout !== null) {
        getter.timer = setTimeout(() => {
          if (getter.done) return;
          getter.done = true;
          removeFrom(this.#getters, getter);
          reject(new QueueEmpty());
        }, timeout * 1000);
      }
      this.#getters.push(getter);
    });
  }

  /**
   * Marks one item taken with `get()` as processed (Python's `task_done`); `join()` resolves
   * when every item put has been marked.
   * @throws LoggingValueError `task_done() called too many times`.
   */
  task_done(): void {
    if (this.#unfinished <= 0) throw new LoggingValueError('task_done() called too many times');
    if (--this.#unfinished === 0) {
      const joiners = this.#joiners;
      this.#joiners = [];
      for (const j of joiners) j();
    }
  }

  /** Resolves once every item put so far has been marked with `task_done()`. */
  join(): Promise<void> {
    if (this.#unfinished === 0) return Promise.resolve();
    return new Promise<void>((resolve) => this.#joiners.push(resolve));
  }

  #add(item: T): void {
    this.#unfinished++;
    this.#items.push(item);
    const getter = this.#getters.shift();
    if (getter !== undefined) queueMicrotask(() => this.#serve(getter));
  }

  /** Gives a woken consumer its item, or puts it back in line when the item was taken. */
  #serve(getter: Getter<T>): void {
    if (getter.done) return;
    if (this.#head >= this.#items.length) {
      this.#getters.unshift(getter);
      return;
    }
    getter.done = true;
    if (getter.timer !== null) clearTimeout(getter.timer);
    getter.resolve(this.#take());
  }

  #take(): T {
    const items = this.#items;
    const item = items[this.#head] as T;
    items[this.#head++] = undefined;
    if (this.#head === items.length) {
      items.length = 0;
      this.#head = 0;
    } else if (this.#head >= 1024 && this.#head * 2 >= items.length) {
      items.splice(0, this.#head);
      this.#head = 0;
    }
    const putter = this.#putters.shift();
    if (putter !== undefined) {
      if (putter.timer !== null) clearTimeout(putter.timer);
      this.#add(putter.item);
      putter.resolve();
    }
    return item;
  }
}

function checkTimeout(timeout: number | null): void {
  if (timeout !== null && timeout < 0) {
    throw new LoggingValueError("'timeout' must be a non-negative number");
  }
}

function removeFrom<E>(list: E[], entry: E): void {
  const i = list.indexOf(entry);
  if (i >= 0) list.splice(i, 1);
}
