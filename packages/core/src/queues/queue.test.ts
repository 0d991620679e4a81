import { describe, expect, it } from 'vitest';
import { LoggingValueError } from '../errors.js';
import { Queue } from './queue.js';
import { isQueueEmpty, isQueueFull, QueueEmpty, QueueFull } from './queue-errors.js';

describe('Queue.put_nowait() and get_nowait()', () => {
  it('put_nowait() then get_nowait() returns items first in, first out', () => {
    const q = new Queue<number>();
    for (let i = 0; i < 5000; i++) q.put_nowait(i);
    expect(q.qsize()).toBe(5000);
    for (let i = 0; i < 5000; i++) expect(q.get_nowait()).toBe(i);
    expect(q.empty()).toBe(true);
  });

  it('get_nowait() on an empty queue throws QueueEmpty', () => {
    const q = new Queue();
    expect(() => q.get_nowait()).toThrow(QueueEmpty);
    expect(() => q.get(false)).toThrow(QueueEmpty);
  });

  it('put_nowait() on a full bounded queue throws QueueFull, and room returns after a get', () => {
    const q = new Queue<string>(2);
    q.put_nowait('a');
    q.put_nowait('b');
    expect(q.full()).toBe(true);
    expect(() => q.put_nowait('c')).toThrow(QueueFull);
    expect(q.get_nowait()).toBe('a');
    q.put_nowait('c');
    expect([q.get_nowait(), q.get_nowait()]).toEqual(['b', 'c']);
  });

  it('maxsize 0 or less is unbounded (full() is never true)', () => {
    for (const maxsize of [0, -1]) {
      const q = new Queue(maxsize);
      for (let i = 0; i < 100; i++) q.put_nowait(i);
      expect(q.full()).toBe(false);
    }
  });

  it('isQueueEmpty()/isQueueFull() recognise the errors, also from another copy (pythonType)', () => {
    expect(isQueueEmpty(new QueueEmpty())).toBe(true);
    expect(isQueueFull(new QueueFull())).toBe(true);
    expect(isQueueFull({ pythonType: 'queue.Full' })).toBe(true);
    expect(isQueueEmpty(new QueueFull())).toBe(false);
    expect(isQueueFull(null)).toBe(false);
  });
});

describe('Queue.get() on an empty queue', () => {
  it('get() returns an item synchronously when one is waiting', () => {
    const q = new Queue<number>();
    q.put_nowait(7);
    expect(q.get()).toBe(7);
  });

  it('get() returns a promise that resolves with the next item put', async () => {
    const q = new Queue<string>();
    const p = q.get();
    expect(p).toBeInstanceOf(Promise);
    q.put_nowait('x');
    await expect(p).resolves.toBe('x');
  });

  it('get() with a timeout rejects with QueueEmpty when nothing arrives', async () => {
    const q = new Queue();
    await expect(q.get(true, 0.01)).rejects.toBeInstanceOf(QueueEmpty);
    q.put_nowait(1);
    expect(q.get_nowait()).toBe(1);
  });

  it('waiting get() calls are served in order', async () => {
    const q = new Queue<number>();
    const a = q.get();
    const b = q.get();
    q.put_nowait(1);
    q.put_nowait(2);
    expect([await a, await b]).toEqual([1, 2]);
  });

  it('an item put for a waiting get() stays in the queue until the consumer resumes', async () => {
    const q = new Queue<number>();
    const p = q.get();
    q.put_nowait(1);
    // A synchronous drain (as at process exit) still sees the item.
    expect(q.qsize()).toBe(1);
    expect(q.get_nowait()).toBe(1);
    q.put_nowait(2);
    await expect(p).resolves.toBe(2);
  });

  it('get() with a negative timeout throws a ValueError', () => {
    expect(() => new Queue().get(true, -1)).toThrow(LoggingValueError);
  });
});

describe('Queue.put() on a full queue', () => {
  it('put() resolves once a get() made room, and the item is then queued', async () => {
    const q = new Queue<number>(1);
    q.put_nowait(1);
    const p = q.put(2);
    expect(p).toBeInstanceOf(Promise);
    expect(q.get_nowait()).toBe(1);
    await p;
    expect(q.get_nowait()).toBe(2);
  });

  it('put() without block throws QueueFull; with a timeout it rejects with QueueFull', async () => {
    const q = new Queue<number>(1);
    q.put_nowait(1);
    expect(() => q.put(2, false)).toThrow(QueueFull);
    await expect(q.put(2, true, 0.01)).rejects.toBeInstanceOf(QueueFull);
    expect(q.qsize()).toBe(1);
  });
});

describe('Queue.task_done() and join()', () => {
  it('join() resolves once every item put has been marked done', async () => {
    const q = new Queue<number>();
    await q.join();
    q.put_nowait(1);
    q.put_nowait(2);
    let joined = false;
    const j = q.join().then(() => {
      joined = true;
    });
    q.get_nowait();
    q.task_done();
    await Promise.resolve();
    expect(joined).toBe(false);
    q.get_nowait();
    q.task_done();
    await j;
    expect(joined).toBe(true);
  });

  it("task_done() called too many times throws CPython's ValueError", () => {
    const q = new Queue();
    expect(() => q.task_done()).toThrow('task_done() called too many times');
  });
});
