/**
 * `socket`: `info('hello world %d', i)` sent over loopback TCP to a receiver in another
 * process, which decodes each record and writes its message as a line to the file (see
 * `lib/socket-sink.ts`). The timed region runs from the first call until the receiver has
 * written every line, so it measures the whole path: serialising, the socket, decoding.
 * - `logweave`: `SocketHandler` (CPython's length-prefixed pickle) → `LogRecordSocketReceiver`
 *   (safe unpickler, `makeLogRecord`);
 * - `pino-socket`: pino with the `pino-socket` transport (TCP, a worker thread) → a server
 *   splitting JSON lines and `JSON.parse`-ing each.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { runScenario, type Setup } from '../lib/harness.js';

const sinkScript = fileURLToPath(new URL('../lib/socket-sink.js', import.meta.url));

interface Sink {
  port: number;
  /** Resolves once the sink has written `n` lines (polling its count). */
  waitFor(n: number): Promise<void>;
  /** Closes the file and waits for the sink to exit. */
  end(): Promise<void>;
}

async function startSink(kind: string, file: string): Promise<Sink> {
  const child: ChildProcess = spawn(process.execPath, [sinkScript, kind, file], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines: string[] = [];
  let rest = '';
  let wake: (() => void) | null = null;
  child.stdout?.setEncoding('utf8');
  child.stdout?.on('data', (d: string) => {
    rest += d;
    const parts = rest.split('\n');
    rest = parts.pop() ?? '';
    lines.push(...parts);
    wake?.();
  });
  const next = async (): Promise<string> => {
    while (lines.length === 0) await new Promise<void>((r) => (wake = r));
    return lines.shift() as string;
  };
  const port = Number((await next()).split(' ')[1]);
  return {
    port,
    async waitFor(n) {
      for (;;) {
        child.stdin?.write('?\n');
        if (Number(await next()) >= n) return;
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    end() {
      return new Promise((r) => {
        child.once('exit', () => r());
        child.stdin?.end();
      });
    },
  };
}

const setups: Record<string, Setup> = {
  async logweave(file, name) {
    const sink = await startSink('logweave', file);
    const { getLogger, INFO } = await import('@logweave/core');
    const { SocketHandler } = await import('@logweave/handlers-net');
    const handler = new SocketHandler('127.0.0.1', sink.port, {
      bufferSize: 1_000_000,
      maxBufferBytes: 1 << 30,
    });
    const logger = getLogger(name);
    logger.setLevel(INFO);
    logger.propagate = false;
    logger.addHandler(handler);
    let calls = 0;
    return {
      run(n, offset) {
        for (let i = 0; i < n; i++) logger.info('hello world %d', offset + i);
        calls += n;
      },
      async close() {
        await handler.flushAsync(60_000);
        await sink.waitFor(calls);
        handler.close();
        await sink.end();
      },
    };
  },
  async 'pino-socket'(file, name) {
    const sink = await startSink('json-lines', file);
    const { default: pino } = await import('pino');
    const transport = pino.transport({
      target: 'pino-socket',
      options: { address: '127.0.0.1', port: sink.port, mode: 'tcp' },
    });
    const logger = pino({ name }, transport);
    let calls = 0;
    return {
      run(n, offset) {
        for (let i = 0; i < n; i++) logger.info('hello world %d', offset + i);
        calls += n;
      },
      async close() {
        await sink.waitFor(calls);
        await new Promise<void>((r) => {
          transport.once('close', () => r());
          transport.end();
        });
        await sink.end();
      },
    };
  },
};

await runScenario(setups, { fsync: false });
