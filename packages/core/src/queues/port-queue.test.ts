import { once } from 'node:events';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, type MessagePort, Worker } from 'node:worker_threads';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueueHandler } from '../handlers/queue-handler.js';
import { QueueListener } from '../handlers/queue-listener.js';
import { getLogger } from '../logging-api.js';
import { LogRecord, startTime } from '../record.js';
import { RecordListHandler } from '../test-support/record-list.js';
import { transpiledSrcDir } from '../test-support/transpile-src.js';
import { resetLogging, snapshotLogging } from '../testing.js';
import { openQueuePort, PortQueue, receiveFromPort } from './port-queue.js';
import { Queue } from './queue.js';
import { QueueEmpty, QueueFull } from './queue-errors.js';
import { decodeBatch, isBatch } from './record-batch.js';

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => {
  restore();
  vi.restoreAllMocks();
});

/** A port that records what is posted to it (decoded). */
function fakePort(): { posts: object[][]; postMessage(m: unknown): void } {
  const posts: object[][] = [];
  return {
    posts,
    postMessage(m: unknown): void {
      const clone = structuredClone(m);
      if (!isBatch(clone)) throw new Error('not a batch');
      const records: object[] = [];
      decodeBatch(clone, (r) => records.push(r));
      posts.push(records);
    },
  };
}

const turn = (): Promise<void> => new Promise((r) => setImmediate(r));

describe('PortQueue.put_nowait()', () => {
  it('posts the records of one event-loop turn in one message', async () => {
    const port = fakePort();
    const q = new PortQueue(port);
    for (let i = 0; i < 3; i++) q.put_nowait({ msg: `m${i}` });
    expect(port.posts).toEqual([]);
    expect(q.qsize()).toBe(3);
    await turn();
    expect(port.posts).toEqual([[{ msg: 'm0' }, { msg: 'm1' }, { msg: 'm2' }]]);
  });

  it('posts at once when batchSize records are waiting, and flushSync() posts the rest', () => {
    const port = fakePort();
    const q = new PortQueue(port, { batchSize: 2 });
    for (let i = 0; i < 5; i++) q.put_nowait({ i });
    expect(port.posts.map((p) => p.length)).toEqual([2, 2]);
    q.flushSync();
    expect(port.posts.map((p) => p.length)).toEqual([2, 2, 1]);
  });

  it('with maxsize, counts records in flight until handled() reports them, then throws QueueFull', () => {
    let handled = 0;
    const q = new PortQueue(fakePort(), { batchSize: 1, maxsize: 2, handled: () => handled });
    q.put_nowait({});
    q.put_nowait({});
    expect(q.full()).toBe(true);
    expect(() => q.put_nowait({})).toThrow(QueueFull);
    handled = 1;
    expect(() => q.put_nowait({})).not.toThrow();
  });

  it('maxsize without a handled() counter is a configuration error', () => {
    expect(() => new PortQueue(fakePort(), { maxsize: 5 })).toThrow('needs a handled() counter');
  });

  it('get_nowait() takes back the oldest record not yet posted, else throws QueueEmpty', () => {
    const q = new PortQueue(fakePort());
    q.put_nowait({ a: 1 });
    q.put_nowait({ a: 2 });
    expect(q.get_nowait()).toEqual({ a: 1 });
    q.flushSync();
    expect(() => q.get_nowait()).toThrow(QueueEmpty);
  });

  it('close() posts what is waiting, closes the port, and later records throw', () => {
    const port = {
      ...fakePort(),
      closed: false,
      close(): void {
        this.closed = true;
      },
    };
    const q = new PortQueue(port);
    q.put_nowait({ last: true });
    q.close();
    expect(port.posts).toEqual([[{ last: true }]]);
    expect(port.closed).toBe(true);
    expect(() => q.put_nowait({})).toThrow('I/O operation on closed queue.');
  });
});

describe('PortQueue with records that cannot be cloned', () => {
  it('posts the others of the batch, counts the lost one and reports it on stderr', () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s: unknown) => {
      err += String(s);
      return true;
    });
    const { port1, port2 } = new MessageChannel();
    const q = new PortQueue(port1);
    q.put_nowait({ msg: 'ok 1' });
    q.put_nowait({ msg: 'bad', fn: () => 1 });
    q.put_nowait({ msg: 'ok 2' });
    q.flushSync();
    expect(q.lost).toBe(1);
    expect(err).toMatch(/^logweave: PortQueue could not send 1 record\(s\): DataCloneError/);
    port1.close();
    port2.close();
  });

  it('with batchSize 1, put_nowait() throws, so QueueHandler reports the record itself', () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s: unknown) => {
      err += String(s);
      return true;
    });
    const { port1, port2 } = new MessageChannel();
    const logger = getLogger('clone');
    logger.addHandler(new QueueHandler(new PortQueue(port1, { batchSize: 1 })));
    logger.warning('has a function', { kw: undefined });
    logger.warning('with fn', () => 1);
    expect(err).toContain('--- Logging error ---');
    port1.close();
    port2.close();
  });
});

describe('receiveFromPort() and openQueuePort()', () => {
  it('put the records posted by a PortQueue on the queue, in order', async () => {
    const q = new Queue<Record<string, unknown>>();
    const port = openQueuePort(q);
    const pq = new PortQueue(port);
    for (let i = 0; i < 600; i++) pq.put_nowait({ msg: `m${i}`, created: 1, process: 0 });
    pq.close();
    while (q.qsize() < 600) await turn();
    expect(q.get_nowait()).toMatchObject({ msg: 'm0' });
  });

  it('with sameClock, recompute relativeCreated of records from this process', async () => {
    const q = new Queue<Record<string, unknown>>();
    const { port1, port2 } = new MessageChannel();
    receiveFromPort(q, port1, { sameClock: true });
    const created = (startTime + 1234) / 1000;
    const pq = new PortQueue(port2);
    pq.put_nowait({ created, relativeCreated: 1, process: process.pid });
    pq.put_nowait({ created, relativeCreated: 1, process: process.pid + 1 });
    pq.close();
    await once(port1, 'close');
    expect([q.get_nowait().relativeCreated, q.get_nowait().relativeCreated]).toEqual([1234, 1]);
  });
});

describe('PortQueue in a real worker thread', () => {
  async function runWorker(ending: 'end' | 'exit' | 'throw', count: number) {
    const q = new Queue();
    const h = new RecordListHandler();
    const listener = new QueueListener(q, h);
    listener.start();
    const { port1, port2 } = new MessageChannel();
    receiveFromPort(q, port1);
    const file = join(transpiledSrcDir(), 'queues', 'test-support', 'port-worker.js');
    const worker = new Worker(pathToFileURL(file), {
      workerData: { port: port2, count, ending, threadName: 'pw-1' },
      transferList: [port2 as unknown as MessagePort],
    });
    const errors: unknown[] = [];
    worker.on('error', (e) => errors.push(e));
    const closed = once(port1, 'close');
    const code = await new Promise<number>((resolve) => worker.on('exit', resolve));
    await closed;
    await listener.stop();
    return { records: h.records, code, errors };
  }

  for (const [ending, code] of [
    ['end', 0],
    ['exit', 2],
    ['throw', 1],
  ] as const) {
    it(`delivers every record, with the worker's threadName, when the worker ends by '${ending}'`, async () => {
      const r = await runWorker(ending, 1000);
      expect(r.code).toBe(code);
      expect(r.errors.length).toBe(ending === 'throw' ? 1 : 0);
      expect(r.records).toHaveLength(1000);
      const first = r.records[0]!;
      expect(first).toBeInstanceOf(LogRecord);
      expect([first.threadName, first.name, first.getMessage()]).toEqual(['pw-1', 'worker', 'w 0']);
      expect(first.thread).not.toBe(0);
      expect(r.records[999]!.getMessage()).toBe('w 999');
    });
  }
});
