import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { Handler } from '../handler.js';
import { getLogger } from '../logging-api.js';
import { Queue } from '../queues/queue.js';
import { QueueEmpty } from '../queues/queue-errors.js';
import { LogRecord, makeLogRecord } from '../record.js';
import { RecordListHandler } from '../test-support/record-list.js';
import { resetLogging, snapshotLogging } from '../testing.js';
import { QueueHandler } from './queue-handler.js';
import { QueueListener } from './queue-listener.js';
import { hasPython, runPython, vsCPython } from './test-support/python.js';

const packageRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => {
  restore();
  vi.restoreAllMocks();
});

function dict(msg: string, levelno = 20, extra: Record<string, unknown> = {}): object {
  return { name: 'q', msg, args: null, levelno, levelname: 'X', ...extra };
}

describe('QueueListener.start() and stop()', () => {
  it('start() handles queued records after the current synchronous code, not inside start()', async () => {
    const q = new Queue();
    const h = new RecordListHandler();
    const listener = new QueueListener(q, h);
    q.put_nowait(dict('early'));
    listener.start();
    expect(h.records).toHaveLength(0);
    await listener.stop();
    expect(h.lines).toEqual(['early']);
  });

  it('stop() resolves only after everything queued before it has been handled (under load)', async () => {
    const q = new Queue();
    const h = new RecordListHandler();
    const listener = new QueueListener(q, h);
    listener.start();
    const logger = getLogger('load');
    logger.propagate = false;
    logger.addHandler(new QueueHandler(q));
    for (let i = 0; i < 50_000; i++) logger.warning('r%d', i);
    const stopped = listener.stop();
    // Records logged after the sentinel stay queued, as in CPython.
    for (let i = 0; i < 10; i++) logger.warning('late %d', i);
    await stopped;
    expect(h.records).toHaveLength(50_000);
    expect(h.lines[49_999]).toBe('r49999');
    expect(q.qsize()).toBe(10);
    expect(listener._thread).toBeNull();
  });

  it('keeps handling records put while it runs, across event-loop turns', async () => {
    const q = new Queue();
    const h = new RecordListHandler();
    const listener = new QueueListener(q, h);
    listener.start();
    for (let turn = 0; turn < 5; turn++) {
      q.put_nowait(dict(`t${turn}`));
      await new Promise((r) => setImmediate(r));
    }
    expect(h.lines).toEqual(['t0', 't1', 't2', 't3', 't4']);
    await listener.stop();
  });

  it('calls task_done() for every item, so queue.join() resolves', async () => {
    const q = new Queue();
    const listener = new QueueListener(q, new RecordListHandler());
    listener.start();
    for (let i = 0; i < 3; i++) q.put_nowait(dict(`${i}`));
    await q.join();
    await listener.stop();
    await q.join();
  });

  it('stop() without start() does nothing (Python 3.14)', async () => {
    const q = new Queue();
    await new QueueListener(q).stop();
    expect(q.qsize()).toBe(0);
  });

  it('uses the _sentinel set on the instance', async () => {
    const q = new Queue();
    const h = new RecordListHandler();
    const listener = new QueueListener(q, h);
    const stopMark = Symbol('stop');
    listener._sentinel = stopMark;
    listener.start();
    q.put_nowait(null);
    q.put_nowait(stopMark);
    await listener._thread;
    expect(h.records).toHaveLength(1);
  });
});

describe('QueueListener.prepare()', () => {
  it('turns a queued dict into a LogRecord that keeps the origin threadName/processName', () => {
    const listener = new QueueListener(new Queue());
    const r = listener.prepare(
      dict('from afar', 20, { threadName: 'Worker-3', processName: 'Child-2', process: 4242 }),
    );
    expect(r).toBeInstanceOf(LogRecord);
    expect([r.threadName, r.processName, r.process, r.getMessage()]).toEqual([
      'Worker-3',
      'Child-2',
      4242,
      'from afar',
    ]);
  });

  it('returns a LogRecord unchanged', () => {
    const r = makeLogRecord({ msg: 'x' });
    expect(new QueueListener(new Queue()).prepare(r)).toBe(r);
  });
});

describe('QueueListener.handle()', () => {
  it('offers records to any object with handle() (not only Handler subclasses)', async () => {
    const q = new Queue();
    const seen: string[] = [];
    const listener = new QueueListener(q, { handle: (r: LogRecord) => seen.push(r.getMessage()) });
    listener.start();
    q.put_nowait(dict('plain'));
    await listener.stop();
    expect(seen).toEqual(['plain']);
  });

  it.skipIf(!hasPython)(
    vsCPython('with and without respect_handler_level routes records as CPython'),
    async () => {
      const levels = [10, 20, 30, 40, 50];
      const handlerLevels = [0, 30, 40];
      const expected = runPython<Record<string, number[][]>>(
        `
import logging, logging.handlers, queue
class H(logging.Handler):
    def __init__(self, level):
        super().__init__(level); self.got = []
    def emit(self, r): self.got.append(r.levelno)
out = {}
for respect in (False, True):
    q = queue.Queue(); hs = [H(l) for l in data['handlers']]
    lst = logging.handlers.QueueListener(q, *hs, respect_handler_level=respect)
    lst.start()
    for l in data['levels']:
        q.put_nowait(logging.makeLogRecord({'levelno': l, 'msg': 'm'}))
    lst.stop()
    out[str(respect)] = [h.got for h in hs]
emit(out)
`,
        { levels, handlers: handlerLevels },
      );
      for (const respect of [false, true]) {
        const q = new Queue();
        const hs = handlerLevels.map((l) => {
          const h = new RecordListHandler();
          h.setLevel(l);
          return h;
        });
        const listener = new QueueListener(q, ...hs, { respect_handler_level: respect });
        listener.start();
        for (const l of levels) q.put_nowait(dict('m', l));
        await listener.stop();
        const got = hs.map((h) => h.records.map((r) => r.levelno));
        expect(got, `respect_handler_level=${respect}`).toEqual(
          expected[respect ? 'True' : 'False'],
        );
      }
    },
  );

  it('reports an error thrown by a handler on stderr and goes on with the next record', async () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s: unknown) => {
      err += String(s);
      return true;
    });
    class Exploding extends Handler {
      override handle(): false {
        throw new Error('handler blew up');
      }
      override emit(): void {}
    }
    const q = new Queue();
    const h = new RecordListHandler();
    const listener = new QueueListener(q, new Exploding(), h);
    listener.start();
    q.put_nowait(dict('a'));
    q.put_nowait(dict('b'));
    await listener.stop();
    expect(err).toContain('Exception in thread QueueListener (_monitor):');
    expect(err).toContain('handler blew up');
    expect(h.lines).toEqual([]);
  });
});

describe('QueueListener subclasses for other transports', () => {
  it('an async dequeue() override feeds the loop, and QueueEmpty ends it', async () => {
    const messages = ['{"msg":"one","levelno":20}', '{"msg":"two","levelno":20}'];
    class JsonListener extends QueueListener<string[]> {
      override async dequeue(): Promise<LogRecord> {
        await new Promise((r) => setTimeout(r, 1));
        const m = this.queue.shift();
        if (m === undefined) throw new QueueEmpty();
        return makeLogRecord(JSON.parse(m));
      }
    }
    const h = new RecordListHandler();
    const listener = new JsonListener(messages, h);
    listener.start();
    await listener._thread;
    expect(h.lines).toEqual(['one', 'two']);
  });
});

describe('QueueListener at process exit', () => {
  it('handles what is still queued when the process exits before the loop ran', () => {
    const dir = mkdtempSync(join(tmpdir(), 'listener-exit-'));
    const file = join(dir, 'out.log');
    const script = `
      import { FileHandler, getLogger, Queue, QueueHandler, QueueListener } from './src/index.ts';
      const q = new Queue();
      new QueueListener(q, new FileHandler(${JSON.stringify(file)}, 'w')).start();
      const log = getLogger('exit');
      log.addHandler(new QueueHandler(q));
      for (let i = 0; i < 1000; i++) log.warning('record %d', i);
      process.exit(0);
    `;
    const r = spawnSync(
      process.execPath,
      ['--import', 'tsx', '--conditions=@logweave/source', '--input-type=module', '-e', script],
      { cwd: packageRoot, encoding: 'utf8' },
    );
    expect(r.stderr).toBe('');
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines).toHaveLength(1001);
    expect(lines[999]).toBe('record 999');
  });
});
