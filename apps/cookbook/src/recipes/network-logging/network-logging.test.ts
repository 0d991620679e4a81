import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Formatter, getLogger, Handler, type LogRecord } from '@logweave/core';
import { describe, expect, it } from 'vitest';
import { hasPython, runRecipe } from '../../test-support/run-recipe.js';
import { RECEIVER_FORMAT, startReceiver } from './index.js';

class Lines extends Handler {
  readonly lines: string[] = [];
  override emit(record: LogRecord): void {
    this.lines.push(this.format(record));
  }
}

// The cookbook's sending end, as CPython runs it (argv: port).
const pythonSender = `
import logging, logging.handlers, sys
rootLogger = logging.getLogger('')
rootLogger.setLevel(logging.DEBUG)
socketHandler = logging.handlers.SocketHandler('localhost', int(sys.argv[1]))
rootLogger.addHandler(socketHandler)
logging.info('Jackdaws love my big sphinx of quartz.')
logger1 = logging.getLogger('myapp.area1')
logger2 = logging.getLogger('myapp.area2')
logger1.debug('Quick zephyrs blow, vexing daft Jim.')
logger1.info('How quickly daft jumping zebras vex.')
logger2.warning('Jail zesty vixen who grabbed pay from quack.')
logger2.error('The five boxing wizards jump quickly.')
`;

// The cookbook's receiving end, as CPython runs it: the cookbook's LogRecordStreamHandler and
// LogRecordSocketReceiver verbatim; main() takes the port from argv (0: any free one), prints
// it with its banner (flushed: stdout is a pipe here, where Python would otherwise keep the
// line in its buffer and the test would wait for it forever), and sets the cookbook's
// `abort` flag when stdin closes, so that serve_until_stopped() returns and the process exits.
const pythonReceiver = `
import pickle
import logging
import logging.handlers
import socketserver
import struct
import sys
import threading


class LogRecordStreamHandler(socketserver.StreamRequestHandler):
    """Handler for a streaming logging request."""

    def handle(self):
        while True:
            chunk = self.connection.recv(4)
            if len(chunk) < 4:
                break
            slen = struct.unpack('>L', chunk)[0]
            chunk = self.connection.recv(slen)
            while len(chunk) < slen:
                chunk = chunk + self.connection.recv(slen - len(chunk))
            obj = self.unPickle(chunk)
            record = logging.makeLogRecord(obj)
            self.handleLogRecord(record)

    def unPickle(self, data):
        return pickle.loads(data)

    def handleLogRecord(self, record):
        if self.server.logname is not None:
            name = self.server.logname
        else:
            name = record.name
        logger = logging.getLogger(name)
        logger.handle(record)


class LogRecordSocketReceiver(socketserver.ThreadingTCPServer):
    """Simple TCP socket-based logging receiver suitable for testing."""

    allow_reuse_address = True

    def __init__(self, host='localhost',
                 port=logging.handlers.DEFAULT_TCP_LOGGING_PORT,
                 handler=LogRecordStreamHandler):
        socketserver.ThreadingTCPServer.__init__(self, (host, port), handler)
        self.abort = 0
        self.timeout = 1
        self.logname = None

    def serve_until_stopped(self):
        import select
        abort = 0
        while not abort:
            rd, wr, ex = select.select([self.socket.fileno()],
                                       [], [],
                                       self.timeout)
            if rd:
                self.handle_request()
            abort = self.abort


def main():
    logging.basicConfig(
        format='%(relativeCreated)5d %(name)-15s %(levelname)-8s %(message)s')
    tcpserver = LogRecordSocketReceiver('127.0.0.1', int(sys.argv[1]))
    print('About to start TCP server...', tcpserver.server_address[1], flush=True)

    def stop_on_stdin_eof():
        sys.stdin.read()
        tcpserver.abort = 1
    threading.Thread(target=stop_on_stdin_eof, daemon=True).start()
    tcpserver.serve_until_stopped()
    tcpserver.server_close()

if __name__ == '__main__':
    main()
`;

const EXPECTED = [
  'root            INFO     Jackdaws love my big sphinx of quartz.',
  'myapp.area1     DEBUG    Quick zephyrs blow, vexing daft Jim.',
  'myapp.area1     INFO     How quickly daft jumping zebras vex.',
  'myapp.area2     WARNING  Jail zesty vixen who grabbed pay from quack.',
  'myapp.area2     ERROR    The five boxing wizards jump quickly.',
];

/** Resolves with what `p` resolves to, or 'timed out' after `ms` (calling `onTimeout` first). */
async function bounded<T>(
  p: Promise<T>,
  ms: number,
  onTimeout?: () => void,
): Promise<T | 'timed out'> {
  let t: NodeJS.Timeout | undefined;
  const late = new Promise<'timed out'>((r) => {
    t = setTimeout(() => {
      onTimeout?.();
      r('timed out');
    }, ms);
  });
  try {
    return await Promise.race([p, late]);
  } finally {
    clearTimeout(t);
  }
}

/** Drops the relativeCreated column (times differ between runs). */
function strip(lines: string[]): string[] {
  return lines.filter((l) => /^\s*\d+ /.test(l)).map((l) => l.replace(/^\s*\d+ /, ''));
}

describe('recipe 8: sending and receiving logging events across a network', () => {
  it('the receiver prints the five records the sender process logged, in the cookbook format', () => {
    const r = runRecipe('network-logging');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = r.stdout.trimEnd().split('\n');
    expect(lines[0]).toBe('About to start TCP server...');
    expect(strip(lines)).toEqual(EXPECTED);
    expect(lines.slice(1, 6).every((l) => /^ {0,4}\d{1,5} \S/.test(l))).toBe(true);
  });

  it.skipIf(!hasPython)(
    hasPython
      ? "CPython's cookbook sender → the recipe's receiver: the same five lines"
      : 'interop with the CPython recipe (skipped: python3 is not on PATH)',
    async () => {
      // CPython's sender to the recipe's receiver (its output captured here).
      const { receiver, port } = await startReceiver();
      const root = getLogger('');
      for (const h of [...root.handlers]) root.removeHandler(h);
      const lines = new Lines();
      lines.setFormatter(new Formatter(RECEIVER_FORMAT));
      root.addHandler(lines);
      try {
        const py = spawn('python3', ['-c', pythonSender, String(port)], { stdio: 'ignore' });
        expect(await new Promise((r) => py.on('exit', r))).toBe(0);
        const end = Date.now() + 10_000;
        while (receiver.received < 5 && Date.now() < end)
          await new Promise((r) => setTimeout(r, 10));
        expect(strip(lines.lines)).toEqual(EXPECTED);
      } finally {
        root.removeHandler(lines);
        await receiver.close();
      }
    },
    60_000,
  );

  it.skipIf(!hasPython)(
    hasPython
      ? "the recipe's sender (SocketHandler) → the cookbook's CPython receiver: the same five lines"
      : 'interop with the CPython receiver (skipped: python3 is not on PATH)',
    async () => {
      const py = spawn('python3', ['-c', pythonReceiver, '0'], {
        stdio: ['pipe', 'pipe', 'pipe'],
        env: { ...process.env, PYTHONIOENCODING: 'utf-8', PYTHONDONTWRITEBYTECODE: '1' },
      });
      let out = '';
      let err = '';
      py.stdout.setEncoding('utf8').on('data', (d: string) => {
        out += d;
      });
      py.stderr.setEncoding('utf8').on('data', (d: string) => {
        err += d;
      });
      const exited = new Promise<number | null>((r) => py.on('exit', (code) => r(code)));
      const until = async (cond: () => boolean, what: string, ms: number): Promise<void> => {
        const end = Date.now() + ms;
        while (!cond()) {
          if (py.exitCode !== null) throw new Error(`python3 exited (${py.exitCode}): ${err}`);
          if (Date.now() > end) throw new Error(`timed out waiting for ${what}: ${err}`);
          await new Promise((r) => setTimeout(r, 20));
        }
      };
      try {
        await until(() => /About to start TCP server\.\.\. \d+\n/.test(out), 'the banner', 30_000);
        const port = Number(/\.\.\. (\d+)/.exec(out)?.[1]);
        // The recipe's own sender process, from source (killed if it outlives its deadline).
        const sender = spawn(
          process.execPath,
          [
            '--import',
            'tsx',
            '--conditions=@logweave/source',
            fileURLToPath(new URL('./sender.ts', import.meta.url)),
            '127.0.0.1',
            String(port),
          ],
          { stdio: ['ignore', 'ignore', 'pipe'] },
        );
        let senderErr = '';
        sender.stderr.setEncoding('utf8').on('data', (d: string) => {
          senderErr += d;
        });
        const code = await bounded(new Promise((r) => sender.on('exit', (c) => r(c))), 60_000, () =>
          sender.kill('SIGKILL'),
        );
        expect([code, senderErr]).toEqual([0, '']);
        await until(() => strip(err.split('\n')).length >= 5, 'five records', 30_000);
        expect(strip(err.trimEnd().split('\n'))).toEqual(EXPECTED);
        // Closing stdin sets the cookbook's abort flag: serve_until_stopped() returns.
        py.stdin.end();
        expect(await bounded(exited, 15_000)).toBe(0);
      } finally {
        if (py.exitCode === null && py.signalCode === null) {
          py.kill('SIGKILL');
          await exited;
        }
      }
    },
    90_000,
  );
});
