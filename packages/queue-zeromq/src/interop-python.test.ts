/**
 * Interop with the Logging Cookbook's own ZeroMQ handler and listener ("Subclassing
 * QueueHandler and QueueListener - a ZeroMQ example"), run by Debian's python3 with pyzmq:
 * Python → us and us → Python, PUB/SUB and PUSH/PULL, the bind on either side.
 */
import { getLogger, kw, type LogRecord, snapshotLogging } from '@logweave/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dumps } from './py-json.js';
import {
  freePort,
  hasPyZmq,
  type PythonPeer,
  sleep,
  startPython,
  until,
  vsPyZmq,
} from './test-support/peers.js';
import { ZeroMQSocketHandler } from './zeromq-socket-handler.js';
import { ZeroMQSocketListener } from './zeromq-socket-listener.js';

// The cookbook's classes, as printed in the cookbook, with two changes it needs to run:
// the handler can connect as well as bind, and the listener's dequeue() takes `block`
// (QueueListener._monitor calls dequeue(True); the cookbook's dequeue(self) raises).
const COOKBOOK = `
import json, logging, os, sys, threading, zmq
from logging.handlers import QueueHandler, QueueListener
from zmq.utils import jsonapi

class ZeroMQSocketHandler(QueueHandler):
    def __init__(self, uri, socktype=zmq.PUB, ctx=None, bind=True):
        self.ctx = ctx or zmq.Context()
        socket = zmq.Socket(self.ctx, socktype)
        if bind:
            socket.bind(uri)
        else:
            socket.connect(uri)
        super().__init__(socket)

    def enqueue(self, record):
        self.queue.send_json(record.__dict__)

    def close(self):
        self.queue.close()

class ZeroMQSocketListener(QueueListener):
    def __init__(self, uri, /, *handlers, socktype=zmq.SUB, bind=False, **kwargs):
        self.ctx = kwargs.pop('ctx', None) or zmq.Context()
        socket = zmq.Socket(self.ctx, socktype)
        if socktype == zmq.SUB:
            socket.setsockopt_string(zmq.SUBSCRIBE, '')  # subscribe to everything
        if bind:
            socket.bind(uri)
        else:
            socket.connect(uri)
        super().__init__(socket, *handlers, **kwargs)

    def dequeue(self, block):
        msg = self.queue.recv_json()
        RECEIVED.append(msg)
        return logging.makeLogRecord(msg)

RECEIVED = []
`;

const PY_SENDER = `${COOKBOOK}
uri, socktype, side = sys.argv[1], getattr(zmq, sys.argv[2]), sys.argv[3]

class Recording(ZeroMQSocketHandler):
    def enqueue(self, record):
        print('SENT ' + jsonapi.dumps(record.__dict__).hex())
        super().enqueue(record)

h = Recording(uri, socktype, bind=(side == 'bind'))
log = logging.getLogger('interop.py')
log.setLevel(logging.DEBUG)
log.propagate = False
log.addHandler(h)
print('ready')
sys.stdin.readline()
log.info('plain ASCII %s', 'text')
log.warning('non-ASCII \\u00e9 \\u00df \\u4e2d\\u6587 and non-BMP \\U0001F600 \\U00010348')
try:
    1 / 0
except ZeroDivisionError:
    log.exception('failed: %d', 42)
log.error('with extras', extra={'user': '\\u00fcn\\u00ef', 'n': 3, 'ratio': 0.25,
                                 'nested': {'a': [1, 'b', None], 'ok': True}})
print('done')
sys.stdin.readline()
h.queue.setsockopt(zmq.LINGER, 1000)
h.close()
`;

const PY_RECEIVER = `${COOKBOOK}
uri, socktype, side, count = sys.argv[1], getattr(zmq, sys.argv[2]), sys.argv[3], int(sys.argv[4])
got = []
enough = threading.Event()

class Collect(logging.Handler):
    def emit(self, record):
        got.append(record)
        if len(got) >= count:
            enough.set()

listener = ZeroMQSocketListener(uri, Collect(), socktype=socktype, bind=(side == 'bind'))
listener.start()
print('ready')
if not enough.wait(20):
    print('timeout after %d records' % len(got))
fmt = logging.Formatter('%(levelname)s|%(name)s|%(message)s')
for record, obj in zip(got, RECEIVED):
    print(json.dumps({'dict': record.__dict__, 'formatted': fmt.format(record),
                      'redumped': jsonapi.dumps(obj).hex(), 'user': getattr(record, 'user', None)}))
sys.stdout.flush()
os._exit(0)
`;

type Pattern = ['pub', 'sub'] | ['push', 'pull'];
const PATTERNS: Pattern[] = [
  ['pub', 'sub'],
  ['push', 'pull'],
];

let restore: () => void;
const peers: PythonPeer[] = [];
const cleanup: (() => unknown)[] = [];
beforeEach(() => {
  restore = snapshotLogging();
});
afterEach(async () => {
  for (const c of cleanup.splice(0)) await c();
  for (const p of peers.splice(0)) {
    p.child.kill('SIGKILL');
    await p.done(2000);
  }
  restore();
});

describe('Python (the cookbook ZeroMQSocketHandler) → ZeroMQSocketListener', () => {
  for (const [sendType, recvType] of PATTERNS) {
    for (const pythonBinds of [true, false]) {
      const where = pythonBinds ? 'Python binds, we connect' : 'we bind, Python connects';
      it.skipIf(!hasPyZmq)(
        vsPyZmq(
          `${sendType.toUpperCase()}/${recvType.toUpperCase()}, ${where}: records equal field by field, frames byte for byte`,
        ),
        async () => {
          const port = await freePort();
          const uri = `tcp://127.0.0.1:${port}`;
          const records: LogRecord[] = [];
          const frames: Buffer[] = [];
          class Capturing extends ZeroMQSocketListener {
            override decode(frame: Buffer): Record<string, unknown> {
              frames.push(Buffer.from(frame));
              return super.decode(frame);
            }
          }
          let listener: ZeroMQSocketListener | null = null;
          const startListener = async () => {
            listener = new Capturing(
              uri,
              { handle: (r: LogRecord) => records.push(r) },
              { socketType: recvType, bind: !pythonBinds },
            );
            cleanup.push(() => listener!.stop());
            await listener.ready;
            listener.start();
          };
          if (!pythonBinds) await startListener();
          const py = startPython(PY_SENDER, [
            uri,
            sendType.toUpperCase(),
            pythonBinds ? 'bind' : 'connect',
          ]);
          peers.push(py);
          expect(await py.line()).toBe('ready');
          if (pythonBinds) await startListener();
          await sleep(300); // the subscription reaches the Python PUB (slow joiner)
          py.send('go');
          const sent: Buffer[] = [];
          for (;;) {
            const l = await py.line();
            if (l === 'done') break;
            sent.push(Buffer.from(l.slice('SENT '.length), 'hex'));
          }
          expect(sent.length).toBe(4);
          expect(await until(() => records.length >= 4)).toBe(true);
          py.send('exit');
          expect((await py.done()).code).toBe(0);

          expect(frames).toEqual(sent);
          for (let i = 0; i < 4; i++) {
            const dict = JSON.parse(sent[i]!.toString('utf8')) as Record<string, unknown>;
            const r = records[i] as unknown as Record<string, unknown>;
            for (const [k, v] of Object.entries(dict)) expect([k, r[k]]).toEqual([k, v]);
            expect(records[i]!.getMessage()).toBe(dict.message);
            // Re-encoding what we received gives Python's bytes back.
            expect(dumps(dict)).toBe(sent[i]!.toString('utf8'));
          }
          expect(records.map((r) => r.levelname)).toEqual(['INFO', 'WARNING', 'ERROR', 'ERROR']);
          expect(records[1]!.getMessage()).toBe(
            'non-ASCII é ß 中文 and non-BMP \u{1F600} \u{10348}',
          );
          expect(records[2]!.getMessage()).toMatch(
            /^failed: 42\nTraceback \(most recent call last\):\n[\s\S]*ZeroDivisionError: division by zero$/,
          );
          const extras = records[3] as unknown as Record<string, unknown>;
          expect(extras.user).toBe('ünï');
          expect(extras.ratio).toBe(0.25);
          expect(extras.nested).toEqual({ a: [1, 'b', null], ok: true });
        },
      );
    }
  }
});

describe('ZeroMQSocketHandler → Python (the cookbook ZeroMQSocketListener)', () => {
  for (const [sendType, recvType] of PATTERNS) {
    for (const pythonBinds of [true, false]) {
      const where = pythonBinds ? 'Python binds, we connect' : 'we bind, Python connects';
      it.skipIf(!hasPyZmq)(
        vsPyZmq(
          `${sendType.toUpperCase()}/${recvType.toUpperCase()}, ${where}: records equal field by field, frames byte for byte`,
        ),
        async () => {
          const port = await freePort();
          const uri = `tcp://127.0.0.1:${port}`;
          const frames: string[] = [];
          const prepared: Record<string, unknown>[] = [];
          class Capturing extends ZeroMQSocketHandler {
            override serialize(record: unknown): string {
              const frame = super.serialize(record);
              prepared.push(record as Record<string, unknown>);
              frames.push(frame);
              return frame;
            }
          }
          const py = startPython(PY_RECEIVER, [
            uri,
            recvType.toUpperCase(),
            pythonBinds ? 'bind' : 'connect',
            '4',
          ]);
          peers.push(py);
          expect(await py.line()).toBe('ready');
          const handler = new Capturing(uri, {
            socketType: sendType,
            bind: !pythonBinds,
            // The slow joiner, handled: records wait for the Python subscriber.
            ...(sendType === 'pub' ? { waitForSubscriber: 10_000 } : {}),
          });
          cleanup.push(() => handler.aclose());
          const logger = getLogger('interop.node');
          logger.setLevel('DEBUG');
          logger.propagate = false;
          logger.addHandler(handler);
          logger.info('plain ASCII %s', 'text');
          logger.warning('non-ASCII é ß 中文 and non-BMP \u{1F600} \u{10348}');
          try {
            JSON.parse('{');
          } catch (e) {
            logger.exception('failed: %d', 42, kw({ exc_info: e }));
          }
          logger.error(
            'with extras',
            kw({
              extra: { user: 'ünï', n: 3, ratio: 0.25, nested: { a: [1, 'b', null], ok: true } },
            }),
          );
          const lines: {
            dict: Record<string, unknown>;
            formatted: string;
            redumped: string;
            user: unknown;
          }[] = [];
          for (let i = 0; i < 4; i++) lines.push(JSON.parse(await py.line()));
          expect((await py.done()).code).toBe(0);
          expect(handler.sent).toBe(4);
          expect(handler.dropped).toBe(0);

          for (let i = 0; i < 4; i++) {
            const { dict, redumped } = lines[i]!;
            // pyzmq's own encoder, given the dict it decoded, writes our bytes.
            expect(Buffer.from(redumped, 'hex').toString('utf8')).toBe(frames[i]);
            // Every attribute of the Python record is the one we sent.
            const ours = JSON.parse(frames[i]!) as Record<string, unknown>;
            expect(Object.keys(dict).sort()).toEqual(Object.keys(ours).sort());
            for (const [k, v] of Object.entries(ours)) expect([k, dict[k]]).toEqual([k, v]);
            expect(prepared[i]!.message).toBe(dict.message);
          }
          expect(lines.map((l) => l.formatted.split('\n')[0])).toEqual([
            'INFO|interop.node|plain ASCII text',
            'WARNING|interop.node|non-ASCII é ß 中文 and non-BMP \u{1F600} \u{10348}',
            'ERROR|interop.node|failed: 42',
            'ERROR|interop.node|with extras',
          ]);
          expect(lines[2]!.formatted).toMatch(/\nSyntaxError: /);
          expect(lines[3]!.user).toBe('ünï');
          expect(lines[3]!.dict.nested).toEqual({ a: [1, 'b', null], ok: true });
          expect(lines[3]!.dict.ratio).toBe(0.25);
        },
      );
    }
  }
});
