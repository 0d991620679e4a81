/**
 * `transport`: records/s from a logging handler to a listener over a loopback transport, end to
 * end: `info('hello world')` → the transport's handler → loopback → its listener → a
 * `FileHandler` in the `basic` layout. Handler and listener run in this one process (the
 * listener's handler writes the file the runner counts); the timed region ends when the last
 * record is in the file. One entry per transport, each set up the same way:
 * - `zeromq`: `@logweave/queue-zeromq`, `ZeroMQSocketHandler` (PUSH, binds 127.0.0.1) →
 *   `ZeroMQSocketListener` (PULL, connects); the handler's queue holds the whole run, so the
 *   harness's 1,000-call batches never meet the drop policy;
 * - `zeromq-pub`: the same over PUB/SUB (the cookbook's arrangement), waiting for the
 *   subscriber before the clock starts;
 * - `inprocess`: the reference without a transport: core's `QueueHandler` on an in-process
 *   `Queue`, its `QueueListener` in the same thread (what the transport adds is the rest).
 * - `queue-nng`: `@logweave/queue-nng`, `NNGSocketHandler` (nng-ts PUB, dials) →
 *   `NNGSocketListener` (SUB, listens on 127.0.0.1), the pipe up before the clock starts; the
 *   handler's hold queue (`maxQueue`) holds the whole run;
 * - `socket` / `socket-json`: `@logweave/handlers-net`, `SocketHandler` (CPython's
 *   length-prefixed pickle, or the same dict as JSON) → `LogRecordSocketReceiver` (safe
 *   unpickler, `makeLogRecord`), its `handleLogRecord` handing each record to the file handler;
 *   the handler's buffer holds the whole run.
 * Further transports are further entries of `setups` with the same shape: make the listener
 * write `file`, return `run`/`close`, and add the name to the scenario's `libraries` in
 * `lib/registry.ts`.
 */
import type { LogRecord } from '@logweave/core';
import type { Session, Setup } from '../lib/harness.js';
import { runScenario } from '../lib/harness.js';
import { infoSession, LOGWEAVE_FORMAT, logweaveInProcessQueue } from '../lib/logweave.js';

/** Polls until `cond()` holds (or `ms` passed). */
async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 1));
}

async function zeromqSession(file: string, name: string, kind: 'push' | 'pub'): Promise<Session> {
  const { FileHandler, Formatter } = await import('@logweave/core');
  const { ZeroMQSocketHandler, ZeroMQSocketListener } = await import('@logweave/queue-zeromq');
  const fileHandler = new FileHandler(file);
  fileHandler.setFormatter(new Formatter(LOGWEAVE_FORMAT));
  const handler = new ZeroMQSocketHandler('tcp://127.0.0.1:*', {
    socketType: kind,
    queueSize: 2_000_000,
    closeTimeout: 600_000,
    ...(kind === 'pub' ? { waitForSubscriber: 10_000 } : {}),
  });
  await handler.ready;
  const listener = new ZeroMQSocketListener(handler.socket.lastEndpoint!, fileHandler, {
    socketType: kind === 'push' ? 'pull' : 'sub',
  });
  listener.start();
  if (kind === 'pub') {
    // The subscription must be in before the clock starts (the slow joiner).
    await handler.subscribed;
  }
  return infoSession(name, handler, async (calls) => {
    await handler.aclose();
    await until(() => listener.received >= calls, 600_000);
    await listener.stop();
    fileHandler.close();
  });
}

/** A `FileHandler` in the `basic` layout that counts the records it has written. */
async function countingFileHandler(file: string) {
  const { FileHandler, Formatter } = await import('@logweave/core');
  class CountingFileHandler extends FileHandler {
    written = 0;
    override emit(record: LogRecord): void {
      super.emit(record);
      this.written++;
    }
  }
  const h = new CountingFileHandler(file);
  h.setFormatter(new Formatter(LOGWEAVE_FORMAT));
  return h;
}

async function nngSession(file: string, name: string): Promise<Session> {
  const { NNGSocketHandler, NNGSocketListener } = await import('@logweave/queue-nng');
  const fileHandler = await countingFileHandler(file);
  const listener = new NNGSocketListener('tcp://127.0.0.1:0', fileHandler);
  await listener.ready;
  listener.start();
  const handler = new NNGSocketHandler(`tcp://127.0.0.1:${listener.port}`, {
    maxQueue: 2_000_000,
  });
  // The pipe must be up before the clock starts (PUB sends nothing without a subscriber).
  await until(() => handler.queue.pipes.length > 0, 10_000);
  return infoSession(name, handler, async (calls) => {
    await handler.flushAsync(600_000);
    await until(() => fileHandler.written >= calls, 600_000);
    handler.close();
    await listener.stop();
    fileHandler.close();
  });
}

async function socketSession(
  file: string,
  name: string,
  serializer: 'pickle' | 'json',
): Promise<Session> {
  const { LogRecordSocketReceiver, SocketHandler } = await import('@logweave/handlers-net');
  const fileHandler = await countingFileHandler(file);
  class FileReceiver extends LogRecordSocketReceiver {
    override handleLogRecord(record: LogRecord): void {
      fileHandler.handle(record);
    }
  }
  const receiver = new FileReceiver({ host: '127.0.0.1', port: 0 });
  const { port } = await receiver.listen();
  const handler = new SocketHandler('127.0.0.1', port as number, {
    serializer,
    bufferSize: 2_000_000,
    maxBufferBytes: 1 << 30,
  });
  return infoSession(name, handler, async (calls) => {
    await handler.flushAsync(600_000);
    await until(() => fileHandler.written >= calls, 600_000);
    handler.close();
    await receiver.close();
    fileHandler.close();
  });
}

const setups: Record<string, Setup> = {
  inprocess: logweaveInProcessQueue,
  zeromq: (file, name) => zeromqSession(file, name, 'push'),
  'zeromq-pub': (file, name) => zeromqSession(file, name, 'pub'),
  'queue-nng': nngSession,
  socket: (file, name) => socketSession(file, name, 'pickle'),
  'socket-json': (file, name) => socketSession(file, name, 'json'),
};

await runScenario(setups);
