import { type ChildProcess, fork } from 'node:child_process';
import cluster from 'node:cluster';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { QueueListener } from '../handlers/queue-listener.js';
import { MemoryDestination } from '../destination/memory-destination.js';
import { LogRecord } from '../record.js';
import { RecordListHandler } from '../test-support/record-list.js';
import { transpiledSrcDir } from '../test-support/transpile-src.js';
import { resetLogging, snapshotLogging } from '../testing.js';
import {
  LOG_PIPE_ENV,
  LOG_PIPE_FD,
  logPipeStdio,
  ProcessQueue,
  receiveFromProcess,
  receiveFromStream,
  withLogPipe,
} from './process-queue.js';
import { Queue } from './queue.js';

let restore: () => void;
beforeEach(() => {
  restore = snapshotLogging();
  resetLogging();
});
afterEach(() => {
  restore();
  vi.restoreAllMocks();
});

describe('logPipeStdio() and withLogPipe()', () => {
  it("logPipeStdio() adds 'ipc' at 3 when there is none, and a pipe at fd 4", () => {
    expect(LOG_PIPE_FD).toBe(4);
    expect(logPipeStdio()).toEqual(['inherit', 'inherit', 'inherit', 'ipc', 'pipe']);
    expect(logPipeStdio('pipe')).toEqual(['pipe', 'pipe', 'pipe', 'ipc', 'pipe']);
    expect(logPipeStdio(['ignore', 'ipc', 'inherit'])).toEqual([
      'ignore',
      'ipc',
      'inherit',
      'ignore',
      'pipe',
    ]);
  });

  it('logPipeStdio() rejects a stdio whose fd 4 (or, without ipc, fd 3) is taken', () => {
    expect(() => logPipeStdio(['pipe', 'pipe', 'pipe', 'ipc', 'pipe'])).toThrow('stdio[4]');
    expect(() => logPipeStdio(['pipe', 'pipe', 'pipe', 'pipe'])).toThrow('stdio[3]');
  });

  it('withLogPipe() keeps other options and sets $LOGWEAVE_LOG_FD', () => {
    const o = withLogPipe({ cwd: '/tmp', env: { A: '1' }, silent: true });
    expect(o).toEqual({
      cwd: '/tmp',
      silent: true,
      env: { A: '1', [LOG_PIPE_ENV]: '4' },
      stdio: ['pipe', 'pipe', 'pipe', 'ipc', 'pipe'],
    });
  });
});

describe('ProcessQueue in this process', () => {
  it('writes each record as one JSON line to a destination', () => {
    const d = new MemoryDestination();
    const q = new ProcessQueue(d);
    q.put_nowait({ msg: 'a\nb', n: 1 });
    q.put({ msg: 'c' });
    expect(d.chunks).toEqual(['{"msg":"a\\nb","n":1}\n', '{"msg":"c"}\n']);
    q.close();
    expect(d.closed).toBe(true);
    expect(() => q.put_nowait({})).toThrow('I/O operation on closed queue.');
  });

  it('throws what JSON.stringify throws (for QueueHandler to report)', () => {
    const q = new ProcessQueue(new MemoryDestination());
    expect(() => q.put_nowait({ big: 1n })).toThrow(TypeError);
  });

  it('without a log pipe or an IPC channel, the constructor throws a ValueError', () => {
    const send = process.send;
    const env = process.env[LOG_PIPE_ENV];
    process.send = undefined;
    delete process.env[LOG_PIPE_ENV];
    try {
      expect(() => new ProcessQueue()).toThrow('no log pipe ($LOGWEAVE_LOG_FD is not set)');
    } finally {
      process.send = send;
      if (env !== undefined) process.env[LOG_PIPE_ENV] = env;
    }
  });
});

describe('receiveFromStream()', () => {
  it('queues JSON lines split anywhere across chunks; drops bad JSON and a partial last line', async () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s: unknown) => {
      err += String(s);
      return true;
    });
    const q = new Queue<Record<string, unknown>>();
    const stream = new PassThrough();
    const r = receiveFromStream(q, stream, 'the test');
    for (const chunk of [
      '{"msg":"a"}\n{"ms',
      'g":"b"}\n',
      'not json\n',
      '{"msg":"c"}\n{"msg":"cut',
    ]) {
      stream.write(chunk);
    }
    stream.end();
    await r.done;
    expect([r.received, r.discarded]).toEqual([3, 2]);
    expect([q.get_nowait().msg, q.get_nowait().msg, q.get_nowait().msg]).toEqual(['a', 'b', 'c']);
    expect(err).toBe(
      'logweave: discarded a line from the test that is not a JSON record\n' +
        'logweave: discarded the incomplete last record of the test (it ended mid-write)\n',
    );
  });
});

describe('receiveFromStream() on hostile input', () => {
  function capture(): () => string[] {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s: unknown) => {
      err += String(s);
      return true;
    });
    return () => err.split('\n').filter((l) => l !== '');
  }

  it('discards JSON lines that are not objects (a number, a string, null, an array)', async () => {
    const reports = capture();
    const q = new Queue<Record<string, unknown>>();
    const stream = new PassThrough();
    const r = receiveFromStream(q, stream, 'the test');
    stream.end('42\n"text"\nnull\n[1,2]\n{"msg":"kept"}\n');
    await r.done;
    expect([r.received, r.discarded]).toEqual([1, 4]);
    expect(q.get_nowait().msg).toBe('kept');
    expect(reports()).toEqual(
      Array(4).fill('logweave: discarded a line from the test that is not a JSON record'),
    );
  });

  it('a line longer than maxLineLength is dropped while it arrives, and the next line is kept', async () => {
    const reports = capture();
    const q = new Queue<Record<string, unknown>>();
    const stream = new PassThrough();
    const r = receiveFromStream(q, stream, 'the test', { maxLineLength: 64 });
    stream.write('{"msg":"before"}\n{"msg":"');
    // 10,000 chunks of 100 characters with no newline: only up to 64 of them are ever held.
    for (let i = 0; i < 10_000; i++) stream.write('x'.repeat(100));
    stream.write('"}\n{"msg":"after"}\n');
    // A too-long line that a newline ends within its own chunk is dropped too.
    stream.write(`{"msg":"${'y'.repeat(60)}"}\n{"msg":"last"}\n`);
    stream.end();
    await r.done;
    expect([r.received, r.discarded]).toEqual([3, 2]);
    expect([q.get_nowait().msg, q.get_nowait().msg, q.get_nowait().msg]).toEqual([
      'before',
      'after',
      'last',
    ]);
    expect(reports()).toEqual(
      Array(2).fill('logweave: discarded a line from the test longer than 64 characters'),
    );
  });

  it('rejects a maxLineLength that is not a positive integer', () => {
    const q = new Queue();
    for (const bad of [0, -1, 1.5, Number.NaN]) {
      expect(() => receiveFromStream(q, new PassThrough(), 's', { maxLineLength: bad })).toThrow(
        `maxLineLength must be a positive integer, not ${bad}`,
      );
    }
  });
});

describe('receiveFromProcess() with real child processes', () => {
  const script = (): string =>
    join(transpiledSrcDir(), 'queues', 'test-support', 'process-child.js');

  function start(args: string[], pipe = true, name = 'Child-1') {
    const q = new Queue();
    const h = new RecordListHandler();
    const listener = new QueueListener(q, h);
    listener.start();
    const env = { ...process.env, LOGWEAVE_PROCESS_NAME: name };
    const child: ChildProcess = fork(
      script(),
      args,
      pipe ? withLogPipe({ env, execArgv: [], silent: true }) : { env, execArgv: [], silent: true },
    );
    let stderr = '';
    child.stderr?.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    const receiver = receiveFromProcess(q, child);
    const finish = async () => {
      await receiver.done;
      await listener.stop();
      return { records: h.records, receiver, child, stderr };
    };
    return { child, h, receiver, finish };
  }

  const ENDINGS = [
    ['end', 0, null],
    ['exit', 3, null],
    ['throw', 1, null],
    ['kill', null, 'SIGKILL'],
  ] as const;
  for (const [ending, code, signal] of ENDINGS) {
    it(`delivers every record when the child ends by '${ending}', with its processName and pid`, async () => {
      const { finish } = start(['2000', ending, '200']);
      const r = await finish();
      expect([r.child.exitCode, r.child.signalCode]).toEqual([code, signal]);
      expect(r.records).toHaveLength(2000);
      expect(r.receiver.discarded).toBe(0);
      const first = r.records[0]!;
      expect(first).toBeInstanceOf(LogRecord);
      expect([first.processName, first.process, first.threadName]).toEqual([
        'Child-1',
        r.child.pid,
        'MainThread',
      ]);
      expect(r.records.every((x, i) => String(x.msg).startsWith(`c ${i} `))).toBe(true);
    });
  }

  it('a child killed mid-stream loses at most the record it was writing (a partial line)', async () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s: unknown) => {
      err += String(s);
      return true;
    });
    const { child, h, finish } = start(['0', 'forever', '300000']);
    while (h.records.length < 20) await new Promise((r) => setTimeout(r, 5));
    child.kill('SIGKILL');
    const r = await finish();
    expect(r.child.signalCode).toBe('SIGKILL');
    expect(r.receiver.discarded).toBeLessThanOrEqual(1);
    expect(r.records.length).toBeGreaterThanOrEqual(20);
    for (const [i, x] of r.records.entries()) {
      expect(String(x.msg).slice(0, 12)).toBe(`c ${i} xxxxxxxxx`.slice(0, 12));
    }
    if (r.receiver.discarded === 1) expect(err).toContain('discarded the incomplete last record');
  });

  it('a child that dies in the middle of a record: the partial line is discarded and reported', async () => {
    let err = '';
    vi.spyOn(process.stderr, 'write').mockImplementation((s: unknown) => {
      err += String(s);
      return true;
    });
    const { finish } = start(['100', 'partial', '10']);
    const r = await finish();
    expect(r.records).toHaveLength(100);
    expect(r.receiver.discarded).toBe(1);
    expect(err).toBe(
      `logweave: discarded the incomplete last record of process ${r.child.pid} (it ended mid-write)\n`,
    );
  });

  it('done resolves for a child the parent disconnected (Node emits no close event then)', async () => {
    const { child, finish } = start(['30', 'ipc', '0']);
    child.once('message', () => child.disconnect());
    const r = await finish();
    expect([r.child.exitCode, r.records.length]).toEqual([0, 30]);
  });

  it('receives from a cluster worker forked with logPipeStdio(), named Worker-<id>', async () => {
    cluster.setupPrimary({
      exec: script(),
      args: ['40', 'end', '5'],
      execArgv: [],
      silent: true,
      stdio: logPipeStdio('pipe') as unknown[],
    });
    const worker = cluster.fork({ [LOG_PIPE_ENV]: String(LOG_PIPE_FD), LOGWEAVE_PROCESS_NAME: '' });
    const q = new Queue();
    const h = new RecordListHandler();
    const listener = new QueueListener(q, h);
    listener.start();
    const receiver = receiveFromProcess(q, worker);
    // A cluster worker stays connected (a server would keep running) until disconnected.
    while (receiver.received < 40) await new Promise((r) => setTimeout(r, 5));
    worker.disconnect();
    await receiver.done;
    await listener.stop();
    expect(h.records).toHaveLength(40);
    expect(h.records[0]!.processName).toBe(`Worker-${worker.id}`);
    expect(h.records[0]!.process).toBe(worker.process.pid);
  });

  it('without a log pipe, records come over IPC (process.send)', async () => {
    const { finish } = start(['50', 'end', '0'], false, 'Ipc-1');
    const r = await finish();
    expect(r.records).toHaveLength(50);
    expect(r.records[49]!.getMessage()).toBe('c 49 ');
    expect(r.records[0]!.processName).toBe('Ipc-1');
  });
});
