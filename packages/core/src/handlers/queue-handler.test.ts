import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Formatter } from '../formatter.js';
import { getLogger } from '../logging-api.js';
import { Queue } from '../queues/queue.js';
import { QueueFull } from '../queues/queue-errors.js';
import { type LogRecord, makeLogRecord } from '../record.js';
import { resetLogging, snapshotLogging } from '../testing.js';
import { type QueueDropReport, QueueHandler, type LogRecordDict } from './queue-handler.js';
import { hasPython, runPython, vsCPython } from './test-support/python.js';

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => {
  restore();
  vi.restoreAllMocks();
});

function record(fields: Record<string, unknown> = {}): LogRecord {
  return makeLogRecord({
    name: 'q',
    levelno: 20,
    levelname: 'INFO',
    msg: 'm',
    args: [],
    ...fields,
  });
}

function captureStderr(): { text: () => string } {
  let text = '';
  vi.spyOn(process.stderr, 'write').mockImplementation((chunk: unknown) => {
    text += String(chunk);
    return true;
  });
  return { text: () => text };
}

interface PrepareCase {
  title: string;
  fmt: string | null;
  record: Record<string, unknown>;
}

const PREPARE_CASES: PrepareCase[] = [
  {
    title: 'positional arguments, default formatter',
    fmt: null,
    record: { name: 'app', levelno: 20, levelname: 'INFO', msg: 'a %s b %d', args: ['x', 3] },
  },
  {
    title: 'a format with level and name',
    fmt: '%(levelname)s:%(name)s:%(message)s',
    record: { name: 'app.db', levelno: 30, levelname: 'WARNING', msg: '%d%%', args: [50] },
  },
  {
    title: 'a mapping argument',
    fmt: null,
    record: {
      name: 'a',
      levelno: 10,
      levelname: 'DEBUG',
      msg: '%(user)s in',
      args: { user: 'bob' },
    },
  },
  {
    title: 'exc_text already rendered',
    fmt: '%(name)s %(message)s',
    record: {
      name: 'x',
      levelno: 40,
      levelname: 'ERROR',
      msg: 'failed',
      args: [],
      exc_text: 'Traceback (most recent call last):\n  boom',
    },
  },
  {
    title: 'stack_info and a message ending in a newline',
    fmt: null,
    record: {
      name: 'x',
      levelno: 20,
      levelname: 'INFO',
      msg: 'line\n',
      args: [],
      stack_info: 'Stack (most recent call last):\n  File "a.py", line 1, in <module>',
    },
  },
];

const PREPARED_FIELDS = ['msg', 'message', 'args', 'exc_info', 'exc_text', 'stack_info', 'name'];

describe('QueueHandler.prepare()', () => {
  it.skipIf(!hasPython)(
    vsCPython('gives the same msg/message and cleared fields as CPython'),
    () => {
      const expected = runPython<Record<string, unknown>[]>(
        `
import logging, logging.handlers, queue
out = []
for case in data:
    d = dict(case['record'])
    if isinstance(d.get('args'), list):
        d['args'] = tuple(d['args'])
    r = logging.makeLogRecord(d)
    h = logging.handlers.QueueHandler(queue.Queue())
    if case['fmt'] is not None:
        h.setFormatter(logging.Formatter(case['fmt']))
    p = h.prepare(r)
    args = r.args
    out.append({
        'prepared': {k: getattr(p, k) for k in ${JSON.stringify(PREPARED_FIELDS)}},
        'original': {'msg': r.msg, 'args': list(args) if isinstance(args, tuple) else args,
                     'message': r.message, 'exc_text': r.exc_text},
    })
emit(out)
`,
        PREPARE_CASES,
      );
      PREPARE_CASES.forEach((c, i) => {
        const h = new QueueHandler(new Queue());
        if (c.fmt !== null) h.setFormatter(new Formatter(c.fmt));
        const r = makeLogRecord(c.record);
        const p = h.prepare(r) as LogRecordDict;
        const prepared = Object.fromEntries(PREPARED_FIELDS.map((k) => [k, p[k]]));
        const original = { msg: r.msg, args: r.args, message: r.message, exc_text: r.exc_text };
        expect({ prepared, original }, c.title).toEqual(expected[i]);
      });
    },
  );

  it('returns a plain object with every attribute of the record, extras included', () => {
    const r = record({ msg: 'hi %s', args: ['you'], user: 'ann' });
    const p = new QueueHandler(new Queue()).prepare(r) as LogRecordDict;
    expect(Object.getPrototypeOf(p)).toBe(Object.prototype);
    expect(p).toMatchObject({
      name: 'q',
      levelno: 20,
      msg: 'hi you',
      message: 'hi you',
      args: null,
      user: 'ann',
      threadName: r.threadName,
      processName: r.processName,
      created: r.created,
    });
    expect(JSON.parse(JSON.stringify(p))).toEqual(p);
  });

  it('drops an unserialisable exc_info and keeps its text in msg', () => {
    const err = new Error('boom');
    const r = record({ msg: 'failed', exc_info: err });
    const p = new QueueHandler(new Queue()).prepare(r) as LogRecordDict;
    expect(p.exc_info).toBeNull();
    expect(p.exc_text).toBeNull();
    expect(String(p.msg)).toMatch(/^failed\nError: boom\n/);
    expect(r.exc_info).toBe(err);
  });
});

describe('QueueHandler.emit()', () => {
  it('puts the prepared record on the queue', () => {
    const q = new Queue<LogRecordDict>();
    const logger = getLogger('qh');
    logger.addHandler(new QueueHandler(q));
    logger.warning('%s!', 'hey');
    const item = q.get_nowait();
    expect(item).toMatchObject({ name: 'qh', msg: 'hey!', levelname: 'WARNING', args: null });
  });

  it('reports an enqueue error with handleError() and does not throw', () => {
    const stderr = captureStderr();
    const h = new QueueHandler({
      put_nowait(): void {
        throw new Error('transport down');
      },
    });
    expect(() => h.emit(record())).not.toThrow();
    expect(stderr.text()).toContain('--- Logging error ---');
    expect(stderr.text()).toContain('transport down');
  });

  it("with whenFull 'raise' (the default) reports QueueFull for each record, as CPython", () => {
    const stderr = captureStderr();
    const q = new Queue(1);
    const h = new QueueHandler(q);
    h.emit(record());
    h.emit(record());
    h.emit(record());
    expect(stderr.text().split('--- Logging error ---').length - 1).toBe(2);
    expect(stderr.text()).toContain('QueueFull');
    expect(h.dropped).toBe(0);
  });

  it('calls an overridden enqueue() with the prepared record (a transport subclass)', () => {
    const sent: string[] = [];
    class JsonLinesHandler extends QueueHandler<string[]> {
      override enqueue(item: unknown): void {
        this.queue.push(JSON.stringify(item));
      }
    }
    new JsonLinesHandler(sent).emit(record({ msg: 'over %s', args: ['wire'] }));
    expect(JSON.parse(sent[0]!)).toMatchObject({ msg: 'over wire', args: null });
  });
});

describe('QueueHandler with a dropping whenFull policy', () => {
  function setup(whenFull: 'drop-newest' | 'drop-oldest', maxsize = 2) {
    const reports: QueueDropReport[] = [];
    const q = new Queue<LogRecordDict>(maxsize);
    const h = new QueueHandler(q, { whenFull, onDrop: (r) => reports.push({ ...r }) });
    const emit = (msg: string): void => h.emit(record({ msg }));
    const drain = (): string[] => {
      const out: string[] = [];
      while (!q.empty()) {
        out.push(String(q.get_nowait().msg));
        q.task_done();
      }
      return out;
    };
    return { q, h, emit, drain, reports };
  }

  it("'drop-newest' keeps the first records, counts the rest, and reports once per outage", () => {
    const { h, emit, drain, reports } = setup('drop-newest');
    for (const m of ['r0', 'r1', 'r2', 'r3', 'r4']) emit(m);
    expect(h.dropped).toBe(3);
    expect(reports).toEqual([{ handler: h, policy: 'drop-newest', dropped: 1 }]);
    expect(drain()).toEqual(['r0', 'r1']);
  });

  it("'drop-oldest' evicts the oldest queued records and keeps join() consistent", async () => {
    const { q, h, emit, drain } = setup('drop-oldest');
    for (const m of ['r0', 'r1', 'r2', 'r3', 'r4']) emit(m);
    expect(h.dropped).toBe(3);
    expect(drain()).toEqual(['r3', 'r4']);
    await q.join();
  });

  it('queues a WARNING record stating the count ahead of the next record once there is room', () => {
    const { h, emit, drain, reports } = setup('drop-newest');
    for (const m of ['r0', 'r1', 'r2']) emit(m);
    drain();
    emit('r3');
    expect(drain()).toEqual([
      '1 record(s) were dropped because the queue was full (drop-newest)',
      'r3',
    ]);
    // A new outage is reported again.
    for (const m of ['r4', 'r5', 'r6']) emit(m);
    expect(reports.map((r) => r.dropped)).toEqual([1, 2]);
    expect(h.dropped).toBe(2);
  });

  it('the drop record has the logweave.queue name and WARNING level', () => {
    const { q, emit, drain } = setup('drop-oldest');
    for (const m of ['r0', 'r1', 'r2']) emit(m);
    drain();
    emit('r3');
    const report = q.get_nowait();
    expect(report).toMatchObject({ name: 'logweave.queue', levelno: 30, levelname: 'WARNING' });
  });

  it("'drop-oldest' on a queue without get_nowait() drops the newest record", () => {
    const kept: unknown[] = [];
    const h = new QueueHandler(
      {
        put_nowait(item: unknown): void {
          if (kept.length >= 1) throw new QueueFull();
          kept.push(item);
        },
      },
      { whenFull: 'drop-oldest', onDrop: () => {} },
    );
    h.emit(record({ msg: 'first' }));
    h.emit(record({ msg: 'second' }));
    expect(kept).toHaveLength(1);
    expect(h.dropped).toBe(1);
  });

  it('the default drop report is one line on stderr', () => {
    const stderr = captureStderr();
    const h = new QueueHandler(new Queue(1), { whenFull: 'drop-newest' });
    h.emit(record());
    h.emit(record());
    h.emit(record());
    expect(stderr.text()).toBe(
      'logweave: QueueHandler: the queue is full, records are being dropped (drop-newest); 1 dropped so far\n',
    );
  });
});

describe('QueueHandler.flush()', () => {
  it('calls flushSync() on queues that have it, and is a no-op otherwise', () => {
    let flushed = 0;
    new QueueHandler({ put_nowait() {}, flushSync: () => flushed++ }).flush();
    expect(flushed).toBe(1);
    expect(() => new QueueHandler(new Queue()).flush()).not.toThrow();
    expect(new QueueHandler(new Queue()).listener).toBeNull();
  });
});
