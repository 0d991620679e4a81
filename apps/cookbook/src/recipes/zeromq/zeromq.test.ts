import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { runRecipe } from '../../test-support/run-recipe.js';

/** Debian's CPython has python3-zmq; the pyenv python3 on PATH does not. */
const PYTHON = '/usr/bin/python3';
const hasPyZmq = spawnSync(PYTHON, ['-c', 'import zmq']).status === 0;
const NO_PYZMQ = '/usr/bin/python3 with python3-zmq is missing: the Python twin is skipped';

// The cookbook's classes, with the same records and the listener's format, in one process
// (the listener's thread prints); dequeue() takes `block`, as QueueListener calls it.
const pythonTwin = `
import logging, sys, threading, time, zmq
from logging.handlers import QueueHandler, QueueListener

class ZeroMQSocketHandler(QueueHandler):
    def __init__(self, uri, socktype=zmq.PUB, ctx=None):
        self.ctx = ctx or zmq.Context()
        socket = zmq.Socket(self.ctx, socktype)
        self.port = socket.bind_to_random_port(uri)
        super().__init__(socket)
    def enqueue(self, record):
        self.queue.send_json(record.__dict__)
    def close(self):
        self.queue.close()

class ZeroMQSocketListener(QueueListener):
    def __init__(self, uri, /, *handlers, **kwargs):
        self.ctx = kwargs.pop('ctx', None) or zmq.Context()
        socket = zmq.Socket(self.ctx, zmq.SUB)
        socket.setsockopt_string(zmq.SUBSCRIBE, '')  # subscribe to everything
        socket.connect(uri)
        super().__init__(socket, *handlers, **kwargs)
    def dequeue(self, block):
        msg = self.queue.recv_json()
        return logging.makeLogRecord(msg)

done = threading.Event()
class Console(logging.StreamHandler):
    n = 0
    def emit(self, record):
        super().emit(record)
        self.n += 1
        if self.n == 3:
            done.set()

handler = ZeroMQSocketHandler('tcp://127.0.0.1')
console = Console(sys.stdout)
console.setFormatter(logging.Formatter('%(processName)s %(name)s %(levelname)s %(message)s'))
listener = ZeroMQSocketListener('tcp://127.0.0.1:%d' % handler.port, console)
listener.start()
time.sleep(1.5)  # the slow joiner: the cookbook's handler does not wait for the subscriber
logger = logging.getLogger('zmq.pub-binds')
logger.setLevel(logging.DEBUG)
logger.propagate = False
logger.addHandler(handler)
logger.info('Hello over ZeroMQ (%s)', 'pub-binds')
logger.warning('Non-ASCII survives the trip: caf\\u00e9, \\u65e5\\u672c, \\U0001F600')
logger.error('With extras: user=%s', 'ana', extra={'user': 'ana', 'requestId': 42})
done.wait(10)
sys.stdout.flush()
`;

describe('recipe 18, zeromq', () => {
  const run = runRecipe('zeromq');

  it('exits cleanly', () => {
    expect(run.stderr).not.toContain('Logging error');
    expect(run.stderr).not.toContain('logweave:');
    expect(run.status).toBe(0);
  });

  it('PUB binds / SUB connects, then PULL binds / PUSH connects: every record arrives, none dropped', () => {
    const lines = (how: string) => [
      `MainProcess zmq.${how} INFO Hello over ZeroMQ (${how})`,
      `MainProcess zmq.${how} WARNING Non-ASCII survives the trip: café, 日本, \u{1F600}`,
      `MainProcess zmq.${how} ERROR With extras: user=ana`,
      `-- ${how}: sent 3, dropped 0, received 3`,
    ];
    const out = run.stdout.split('\n').filter((l) => !l.startsWith('[files in '));
    expect(out).toEqual([...lines('pub-binds'), ...lines('push-connects'), '']);
  });

  it.skipIf(!hasPyZmq)(
    `prints what the cookbook's Python handler and listener print${hasPyZmq ? '' : ` (skipped: ${NO_PYZMQ})`}`,
    () => {
      const py = spawnSync(PYTHON, ['-c', pythonTwin], {
        encoding: 'utf8',
        timeout: 30_000,
        env: { ...process.env, PYTHONIOENCODING: 'utf-8' },
      });
      expect(py.stderr).toBe('');
      expect(py.status).toBe(0);
      expect(run.stdout.split('\n').slice(0, 3).join('\n')).toBe(py.stdout.trimEnd());
    },
  );
});
