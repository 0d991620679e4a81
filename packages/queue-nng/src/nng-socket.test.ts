import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { Formatter, Handler, type LogRecord, makeLogRecord } from '@logweave/core';
import { Pub0, Sub0 } from 'nng-ts';
import { afterEach, describe, expect, it } from 'vitest';
import { NNGSocketHandler, NNGSocketListener } from './index.js';
import { hasPython, pythonSkipNote, runPython } from './test-support/python.js';

const sender = fileURLToPath(new URL('./test-support/sender.ts', import.meta.url));
const hasNngcat = spawnSync('nngcat', ['--version']).error === undefined;
const nngcatNote = hasNngcat
  ? ''
  : ' [skipped: nngcat not found; install Debian package nng-utils]';

/** Collects the records a listener hands it. */
class Capture extends Handler {
  readonly records: LogRecord[] = [];
  override emit(record: LogRecord): void {
    this.records.push(record);
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen({ host: '127.0.0.1', port: 0 }, () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function until(cond: () => boolean, tries = 400, ms = 25): Promise<boolean> {
  for (let i = 0; i < tries && !cond(); i++) await new Promise((r) => setTimeout(r, ms));
  return cond();
}

function runSender(url: string, tag: string, count: number, mode = '') {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--conditions=@logweave/source', sender, url, tag, String(count), mode],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((r) => child.on('exit', r));
  return { child, exited, stderr: () => stderr };
}

const cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const f of cleanup.splice(0).reverse()) await f();
});

describe('NNGSocketHandler → NNGSocketListener across processes', () => {
  it('two sender processes and one listener: every record arrives, in order per sender', async () => {
    const capture = new Capture();
    const listener = new NNGSocketListener('tcp://127.0.0.1:0', capture);
    await listener.ready;
    listener.start();
    cleanup.push(() => listener.stop());
    const url = `tcp://127.0.0.1:${listener.port}`;
    const senders = [runSender(url, 'one', 300), runSender(url, 'two', 300)];
    const codes = await Promise.all(senders.map((s) => s.exited));
    expect(codes, senders.map((s) => s.stderr()).join('\n')).toEqual([0, 0]);
    expect(await until(() => capture.records.length === 600)).toBe(true);
    for (const tag of ['one', 'two']) {
      const mine = capture.records.filter((r) => r.name === `app.${tag}`);
      expect(mine.map((r) => r.getMessage())).toEqual(
        Array.from({ length: 300 }, (_, i) => `record ${i} from ${tag}: café ✓`),
      );
      expect(new Set(mine.map((r) => r.process)).size).toBe(1);
    }
    await listener.stop();
    expect(listener.queue.closed).toBe(true);
  });

  it.skipIf(!hasPython)(
    `the rebuilt records equal, field by field, CPython's QueueHandler.prepare() dict as the pynng recipe sends it${pythonSkipNote}`,
    async () => {
      const capture = new Capture();
      const listener = new NNGSocketListener('tcp://127.0.0.1:0', capture);
      await listener.ready;
      listener.start();
      cleanup.push(() => listener.stop());
      const s = runSender(`tcp://127.0.0.1:${listener.port}`, 'py', 3);
      expect(await s.exited).toBe(0);
      expect(await until(() => capture.records.length === 3)).toBe(true);
      // CPython builds the same logging call's record, prepares it, and round-trips
      // json.dumps(record.__dict__) as the recipe's NNGSocketHandler.enqueue does.
      const calls = capture.records.map((r, i) => ({
        name: r.name,
        levelno: r.levelno,
        pathname: r.pathname,
        lineno: r.lineno,
        funcName: r.funcName,
        args: [i, 'py'],
      }));
      const program = `
import json, logging, logging.handlers, sys
qh = logging.handlers.QueueHandler(None)
for line in sys.stdin:
    c = json.loads(line)
    r = logging.LogRecord(c['name'], c['levelno'], c['pathname'], c['lineno'],
                          'record %d from %s: caf\\u00e9 \\u2713', tuple(c['args']), None, c['funcName'])
    p = qh.prepare(r)
    print(json.dumps(json.loads(json.dumps(p.__dict__))))
`;
      const out = runPython(program, calls.map((c) => JSON.stringify(c)).join('\n'));
      const expected = out
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as Record<string, unknown>);
      const EXACT = [
        'name',
        'msg',
        'args',
        'levelname',
        'levelno',
        'pathname',
        'filename',
        'module',
        'exc_info',
        'exc_text',
        'stack_info',
        'lineno',
        'funcName',
        'threadName',
        'processName',
        'message',
      ];
      for (const [i, py] of expected.entries()) {
        const got = { ...capture.records[i]! } as Record<string, unknown>;
        // Every attribute CPython 3.11 sends is there; the only extra one is 3.12's taskName.
        expect(Object.keys(got).filter((k) => !(k in py))).toEqual(['taskName']);
        expect(Object.keys(py).filter((k) => !(k in got))).toEqual([]);
        for (const k of EXACT) expect([k, got[k]]).toEqual([k, py[k]]);
        for (const k of ['created', 'msecs', 'relativeCreated', 'thread', 'process']) {
          expect([k, typeof got[k]]).toEqual([k, typeof py[k]]);
        }
        expect(got.process).toBe(s.child.pid);
      }
    },
  );

  it('a sender whose listener never comes ends after the exit-flush deadline, reporting what it could not send', async () => {
    const s = runSender('tcp://127.0.0.1:9', 'nobody', 3);
    expect(await s.exited).toBe(0);
    expect(s.stderr()).toContain('3 record(s) never sent: no listener connected before exit');
  });

  it('a sender that calls process.exit() before any listener connects reports what it could not send', async () => {
    const s = runSender('tcp://127.0.0.1:9', 'gone', 4, 'exit');
    expect(await s.exited).toBe(0);
    expect(s.stderr()).toContain('4 record(s) never sent: no listener connected before exit');
  });
});

describe('NNGSocketHandler', () => {
  it('holds records while no listener is connected, up to maxQueue, then drops and counts (reported once)', async () => {
    const reports: number[] = [];
    const h = new NNGSocketHandler('tcp://127.0.0.1:9', {
      maxQueue: 5,
      onDrop: (r) => reports.push(r.dropped),
    });
    cleanup.push(() => h.close());
    for (let i = 0; i < 8; i++) h.handle(makeLogRecord({ name: 'x', msg: `m${i}`, levelno: 20 }));
    expect(h.held).toBe(5);
    expect(h.dropped).toBe(3);
    expect(reports).toEqual([1]);
  });

  it.skipIf(!hasNngcat)(
    `sends each record as one JSON message that libnng's nngcat --sub0 receives${nngcatNote}`,
    async () => {
      const port = await freePort();
      const sub = spawn('nngcat', [
        '--sub0',
        '--listen',
        `tcp://127.0.0.1:${port}`,
        '--subscribe',
        '',
        '--raw',
        '--count',
        '1',
      ]);
      let out = Buffer.alloc(0);
      sub.stdout.on('data', (d: Buffer) => (out = Buffer.concat([out, d])));
      const exited = new Promise<number | null>((r) => sub.on('exit', r));
      cleanup.push(() => {
        sub.kill('SIGKILL');
      });
      const h = new NNGSocketHandler(`tcp://127.0.0.1:${port}`);
      cleanup.push(() => h.close());
      h.handle(
        makeLogRecord({
          name: 'nngcat.check',
          msg: 'hello %s',
          args: ['libnng'],
          levelno: 30,
          levelname: 'WARNING',
        }),
      );
      expect(await exited).toBe(0);
      const dict = JSON.parse(out.toString('utf8'));
      expect(dict).toMatchObject({
        name: 'nngcat.check',
        msg: 'hello libnng',
        message: 'hello libnng',
        args: null,
        levelname: 'WARNING',
      });
    },
  );
});

describe('NNGSocketListener', () => {
  it.skipIf(!hasNngcat || !hasPython)(
    `rebuilds a record that CPython prepared and nngcat --pub0 published, formatting it as CPython does${nngcatNote}${pythonSkipNote}`,
    async () => {
      const program = `
import json, logging, logging.handlers, sys
r = logging.LogRecord('py.app', logging.ERROR, '/srv/app/jobs.py', 42, 'job %s failed after %d tries', ('sync', 3), None, 'run')
p = logging.handlers.QueueHandler(None).prepare(r)
sys.stdout.write(json.dumps(p.__dict__) + '\\n')
f = logging.Formatter('%(name)s|%(levelname)s|%(filename)s:%(lineno)d|%(funcName)s|%(module)s|%(message)s')
sys.stdout.write(f.format(logging.makeLogRecord(json.loads(json.dumps(p.__dict__)))))
`;
      const [json, pyFormatted] = runPython(program, '').split('\n') as [string, string];
      const capture = new Capture();
      const listener = new NNGSocketListener('tcp://127.0.0.1:0', capture);
      await listener.ready;
      listener.start();
      cleanup.push(() => listener.stop());
      const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
      const { join } = await import('node:path');
      const { tmpdir } = await import('node:os');
      const dir = mkdtempSync(join(tmpdir(), 'queue-nng-'));
      cleanup.push(() => rmSync(dir, { recursive: true, force: true }));
      writeFileSync(join(dir, 'rec.json'), json);
      const pub = spawn('nngcat', [
        '--pub0',
        '--dial',
        `tcp://127.0.0.1:${listener.port}`,
        '--file',
        join(dir, 'rec.json'),
        '--interval',
        '1',
      ]);
      cleanup.push(() => {
        pub.kill('SIGKILL');
      });
      expect(await until(() => capture.records.length > 0)).toBe(true);
      const f = new Formatter(
        '%(name)s|%(levelname)s|%(filename)s:%(lineno)d|%(funcName)s|%(module)s|%(message)s',
      );
      expect(f.format(capture.records[0]!)).toBe(pyFormatted);
    },
  );

  it('skips and counts messages that are not JSON records, handles the rest, and stop() drains what arrived', async () => {
    const capture = new Capture();
    const listener = new NNGSocketListener('tcp://127.0.0.1:0', capture, { topics: '{' });
    await listener.ready;
    listener.start();
    const pub = new Pub0({ dial: `tcp://127.0.0.1:${listener.port}` });
    cleanup.push(() => pub.close());
    expect(await until(() => pub.pipes.length === 1)).toBe(true);
    await pub.send('{not json');
    await pub.send('[1]'); // filtered out by the topic
    await pub.send('{"name": "ok", "msg": "fine", "levelno": 20}');
    for (let i = 0; i < 50; i++) await pub.send(JSON.stringify({ name: 'burst', msg: `b${i}` }));
    expect(await until(() => capture.records.length >= 1)).toBe(true);
    await new Promise((r) => setTimeout(r, 100));
    await listener.stop();
    expect(listener.malformed).toBe(1);
    expect(capture.records.map((r) => r.msg)).toEqual([
      'fine',
      ...Array.from({ length: 50 }, (_, i) => `b${i}`),
    ]);
    expect(listener.queue).toBeInstanceOf(Sub0);
  });
});
