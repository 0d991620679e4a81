/**
 * `listener`: records/s received and written by a socket listener fed by 8 producer processes
 * over loopback TCP. The timed region starts when the 8 waiting producers (each a fresh
 * Node process running apps/log-listener's `producer.js`: a `SocketHandler` logging
 * `hello world <n>` as fast as its buffer allows) are told to go, and ends when the last record is in the listener's file. The file is
 * written in the `basic` layout (`%(asctime)s %(levelname)s %(name)s %(message)s`) by a
 * `FileHandler`, and the runner counts its lines. Entries:
 * - `log-listener`: apps/log-listener's `LogListener` in this process (dictConfig'd
 *   `logging.FileHandler`), producers sending logweave JSON frames, acknowledged;
 * - `log-listener-pickle`: the same, producers sending CPython pickles (not acknowledged);
 * - `cpython`: the cookbook's receiver (`socketserver.ThreadingTCPServer` with the cookbook's
 *   `LogRecordStreamHandler`, `pickle.loads` + `makeLogRecord` + `logger.handle`) run by
 *   `python3`, writing with CPython's `FileHandler`; the same producers send pickles.
 * The producers are started (and loaded) before the clock starts and wait for the go.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Session, Setup } from '../lib/harness.js';
import { runScenario } from '../lib/harness.js';
import { LOGWEAVE_FORMAT } from '../lib/logweave.js';

const PRODUCERS = 8;
const MESSAGE = 'hello world %d';

/** `n` records over 8 producers. */
function shares(n: number): number[] {
  return Array.from(
    { length: PRODUCERS },
    (_, k) => Math.floor(n / PRODUCERS) + (k < n % PRODUCERS ? 1 : 0),
  );
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 2));
}

async function logListenerSession(file: string, serializer: 'json' | 'pickle'): Promise<Session> {
  const { LogListener, parseListenerConfig, startLoad } = await import('@logweave/log-listener');
  const listener = new LogListener(
    parseListenerConfig({
      sources: { tcp: { host: '127.0.0.1', port: 0 } },
      logging: {
        version: 1,
        // The warm-up session's loggers must stay enabled for the timed one.
        disable_existing_loggers: false,
        formatters: { basic: { format: LOGWEAVE_FORMAT } },
        handlers: { file: { class: 'logging.FileHandler', filename: file, formatter: 'basic' } },
        root: { level: 'DEBUG', handlers: ['file'] },
      },
    }),
  );
  await listener.start();
  const port = listener.source<{ port: number } & import('@logweave/log-listener').Source>('tcp')
    ?.port as number;
  const load = startLoad({
    port,
    producers: PRODUCERS,
    count: 0,
    serializer,
    ack: serializer === 'json',
    message: MESSAGE,
    waitForGo: true,
  });
  await load.ready;
  let calls = 0;
  return {
    run(n) {
      calls += n;
    },
    async close() {
      load.go(shares(calls));
      const r = await load.done;
      if (r.exitCodes.some((c) => c !== 0)) throw new Error(`producers failed: ${r.exitCodes}`);
      await until(() => listener.metrics.received >= calls, 600_000);
      await listener.stop();
    },
  };
}

const RECEIVER = `
import logging, pickle, socketserver, struct, sys, threading
out = sys.argv[1]
h = logging.FileHandler(out)
h.setFormatter(logging.Formatter(${JSON.stringify(LOGWEAVE_FORMAT)}))
root = logging.getLogger()
root.setLevel(logging.DEBUG)
root.addHandler(h)
lock = threading.Lock()
state = {'n': 0, 'expected': None}
done = threading.Event()

def recvall(conn, n):
    b = b''
    while len(b) < n:
        c = conn.recv(n - len(b))
        if not c:
            return None
        b += c
    return b

class LogRecordStreamHandler(socketserver.StreamRequestHandler):
    # The cookbook's handler (with a full read of the 4-byte prefix).
    def handle(self):
        while True:
            chunk = recvall(self.connection, 4)
            if chunk is None:
                break
            slen = struct.unpack('>L', chunk)[0]
            record = logging.makeLogRecord(pickle.loads(recvall(self.connection, slen)))
            logging.getLogger(record.name).handle(record)
            with lock:
                state['n'] += 1
                if state['n'] == state['expected']:
                    done.set()

class Server(socketserver.ThreadingTCPServer):
    allow_reuse_address = True
    daemon_threads = True

server = Server(('127.0.0.1', 0), LogRecordStreamHandler)
threading.Thread(target=server.serve_forever, daemon=True).start()
print(server.server_address[1], flush=True)
expected = int(sys.stdin.readline())
with lock:
    state['expected'] = expected
    if state['n'] >= expected:
        done.set()
done.wait()
h.flush()
h.close()
print('done', flush=True)
`;

async function cpythonSession(file: string): Promise<Session> {
  const { startLoad } = await import('@logweave/log-listener');
  const script = join(dirname(file), 'cpython-receiver.py');
  writeFileSync(script, RECEIVER);
  const py: ChildProcess = spawn('python3', [script, file], { stdio: ['pipe', 'pipe', 'inherit'] });
  let out = '';
  py.stdout?.setEncoding('utf8').on('data', (d: string) => {
    out += d;
  });
  await until(() => out.includes('\n'), 30_000);
  const port = Number(out.split('\n')[0]);
  if (!(port > 0)) throw new Error('the CPython receiver did not start');
  const exited = new Promise((resolve) => py.on('close', resolve));
  const load = startLoad({
    port,
    producers: PRODUCERS,
    count: 0,
    serializer: 'pickle',
    ack: false,
    message: MESSAGE,
    waitForGo: true,
  });
  await load.ready;
  let calls = 0;
  return {
    run(n) {
      calls += n;
    },
    async close() {
      py.stdin?.write(`${calls}\n`);
      load.go(shares(calls));
      const r = await load.done;
      if (r.exitCodes.some((c) => c !== 0)) throw new Error(`producers failed: ${r.exitCodes}`);
      await exited;
    },
  };
}

const setups: Record<string, Setup> = {
  'log-listener': (file) => logListenerSession(file, 'json'),
  'log-listener-pickle': (file) => logListenerSession(file, 'pickle'),
  cpython: (file) => cpythonSession(file),
};

await runScenario(setups, { batch: Number.POSITIVE_INFINITY });
