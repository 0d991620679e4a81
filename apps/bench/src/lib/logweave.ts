/** logweave's file setup for the scenarios: a `FileHandler` on a non-propagating logger. */
import type { Formatter, Handler, Logger } from '@logweave/core';
import type { Session } from './harness.js';
import type { Opened } from './peers.js';

/** `@logweave/core`, as loaded by {@link logweaveFile}. */
export type Core = typeof import('@logweave/core');

/**
 * `getLogger(name)` at `level`, not propagating, with one `FileHandler(file)` using `formatter`;
 * closed with `flush()` + `close()` (the handler writes synchronously on close).
 */
export async function logweaveFile(
  file: string,
  name: string,
  formatter: (core: Core) => Formatter,
  level?: number,
): Promise<Opened<Logger> & { core: Core }> {
  const core = await import('@logweave/core');
  const { FileHandler, getLogger, INFO } = core;
  const handler = new FileHandler(file);
  handler.setFormatter(formatter(core));
  const logger = getLogger(name);
  logger.setLevel(level ?? INFO);
  logger.addHandler(handler);
  logger.propagate = false;
  return {
    core,
    logger,
    close: async () => {
      handler.flush();
      handler.close();
      logger.removeHandler(handler);
    },
  };
}

/** The text layout logweave uses in the throughput scenarios (time, level, name, message). */
export const LOGWEAVE_FORMAT = '%(asctime)s %(levelname)s %(name)s %(message)s';

/**
 * A session of `info('hello world')` calls on `getLogger(name)` (INFO, not propagating)
 * through `handler`. `close` hands `drain` the number of calls made (to wait until the far end
 * has written them all), then detaches the handler.
 */
export async function infoSession(
  name: string,
  handler: Handler,
  drain: (calls: number) => Promise<void>,
): Promise<Session> {
  const { getLogger, INFO } = await import('@logweave/core');
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
      await drain(calls);
      logger.removeHandler(handler);
    },
  };
}

/**
 * core's `QueueHandler` on an in-process `Queue`, its `QueueListener` in this thread writing
 * `file` in {@link LOGWEAVE_FORMAT}: a queue without a transport or a thread.
 */
export async function logweaveInProcessQueue(file: string, name: string): Promise<Session> {
  const { FileHandler, Formatter, Queue, QueueHandler, QueueListener } = await import(
    '@logweave/core'
  );
  const fileHandler = new FileHandler(file);
  fileHandler.setFormatter(new Formatter(LOGWEAVE_FORMAT));
  const queue = new Queue();
  const listener = new QueueListener(queue, fileHandler);
  listener.start();
  return infoSession(name, new QueueHandler(queue), async () => {
    await listener.stop();
    fileHandler.close();
  });
}
