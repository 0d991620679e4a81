/**
 * `queue`: the main thread's cost per call when the file is written elsewhere.
 * `info('hello world')` in the `basic` layout; only the calls are timed (with the harness's
 * yield every 1,000 calls, during which batches are posted), not the drain at close:
 * - `logweave`: `WorkerQueueHandler`: the record is posted to a worker thread whose
 *   `QueueListener` formats it and writes it with a `FileHandler` (the worker imports this
 *   file for its handler: {@link benchTarget});
 * - `logweave-inprocess`: `QueueHandler` on an in-process `Queue`, a `QueueListener` in the
 *   main thread with the `FileHandler` (handled after each batch of calls);
 * - `logweave-direct`: the `FileHandler` on the logger (the `basic` setup);
 * - `pino-thread`: pino with a thread-stream transport (`pino/file` in a worker thread).
 * The runner counts every line of each file after the child closed its logger.
 */
import { createRequire } from 'node:module';
import { isMainThread } from 'node:worker_threads';
import type { Handler } from '@logweave/core';
import { once, runScenario, type Setup } from '../lib/harness.js';
import {
  infoSession,
  LOGWEAVE_FORMAT,
  logweaveFile,
  logweaveInProcessQueue,
} from '../lib/logweave.js';

const require = createRequire(import.meta.url);

/** Runs in the worker thread of the `logweave` setup: the handler that writes the file. */
export async function benchTarget({ path }: { path: string }): Promise<Handler> {
  const { FileHandler, Formatter } = await import('@logweave/core');
  const h = new FileHandler(path);
  h.setFormatter(new Formatter(LOGWEAVE_FORMAT));
  return h;
}

const setups: Record<string, Setup> = {
  async logweave(file, name) {
    const { WorkerQueueHandler } = await import('@logweave/core');
    const handler = new WorkerQueueHandler({
      target: new URL(import.meta.url),
      exportName: 'benchTarget',
      options: { path: file },
    });
    await handler.ready;
    return infoSession(name, handler, async () => handler.close());
  },
  'logweave-inprocess': logweaveInProcessQueue,
  async 'logweave-direct'(file, name) {
    const { logger, close } = await logweaveFile(
      file,
      name,
      (c) => new c.Formatter(LOGWEAVE_FORMAT),
    );
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
  async 'pino-thread'(file, name) {
    const pino = require('pino') as typeof import('pino');
    const transport = pino.transport({ target: 'pino/file', options: { destination: file } });
    // thread-stream does not keep the process alive: hold it while the worker starts.
    const alive = setInterval(() => {}, 1000);
    await once(transport, 'ready');
    clearInterval(alive);
    const logger = pino({ name }, transport);
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      async close() {
        const closed = once(transport, 'close');
        const alive = setInterval(() => {}, 1000);
        transport.end();
        await closed;
        clearInterval(alive);
      },
    };
  },
};

// The worker thread of the `logweave` setup imports this file for `benchTarget` only.
if (isMainThread) await runScenario(setups, { timeClose: false, fsync: false });
