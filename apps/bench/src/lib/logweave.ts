/** logweave's file setup for the scenarios: a `FileHandler` on a non-propagating logger. */
import type { Formatter, Logger } from '@logweave/core';
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
