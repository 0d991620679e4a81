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
 *   subscriber before the clock starts.
 * Further transports (queue-nng, the TCP SocketHandler of handlers-net) are further entries of
 * `setups` with the same shape: make the listener write `file`, return `run`/`close`, and add
 * the name to the scenario's `libraries` in `lib/registry.ts`.
 */
import type { Session, Setup } from '../lib/harness.js';
import { runScenario } from '../lib/harness.js';
import { LOGWEAVE_FORMAT } from '../lib/logweave.js';

/** Polls until `cond()` holds (or `ms` passed). */
async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond() && Date.now() < end) await new Promise((r) => setTimeout(r, 1));
}

async function zeromqSession(file: string, name: string, kind: 'push' | 'pub'): Promise<Session> {
  const { FileHandler, Formatter, getLogger, INFO } = await import('@logweave/core');
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
  const logger = getLogger(name);
  logger.setLevel(INFO);
  logger.propagate = false;
  logger.addHandler(handler);
  let calls = 0;
  return {
    run(n) {
      for (let i = 0; i < n; i++) logger.info('hello world');
      calls += n;
    },
    async close() {
      await handler.aclose();
      await until(() => listener.received >= calls, 600_000);
      await listener.stop();
      fileHandler.close();
      logger.removeHandler(handler);
    },
  };
}

const setups: Record<string, Setup> = {
  zeromq: (file, name) => zeromqSession(file, name, 'push'),
  'zeromq-pub': (file, name) => zeromqSession(file, name, 'pub'),
};

await runScenario(setups);
