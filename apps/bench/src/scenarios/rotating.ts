/**
 * `rotating`: `info('hello world')` to a size-rotated file (10 MB per file, 5 backups):
 * - `logweave-rotating`: `RotatingFileHandler(file, { maxBytes: 10 MB, backupCount: 5 })` in
 *   the `basic` layout;
 * - `logweave-file`: the same layout through a plain `FileHandler` (the target: rotating within
 *   1.15x of it);
 * - `pino-roll`: pino (`base: null`, so a line is about the size of logweave's) on pino-roll's
 *   SonicBoom stream (`size: '10m'`, `limit: { count: 5 }`);
 * - `rotating-file-stream`: the same pino on rotating-file-stream (`size: '10M'`, `rotate: 5`,
 *   classical logrotate names).
 * The runner counts the lines of every file of the rotated set (this scenario sets
 * `countRotated`); with 1,000,000 lines each library's output fits in its six files.
 */
import { createRequire } from 'node:module';
import { basename, dirname } from 'node:path';
import type pino from 'pino';
import { once, runScenario, type Setup } from '../lib/harness.js';
import { infoSession, LOGWEAVE_FORMAT, logweaveFile } from '../lib/logweave.js';

const require = createRequire(import.meta.url);
const MAX_BYTES = 10 * 1024 * 1024;

function pinoOn(stream: pino.DestinationStream): pino.Logger {
  const pinoLib = require('pino') as typeof import('pino');
  return pinoLib({ base: null }, stream);
}

const setups: Record<string, Setup> = {
  async 'logweave-rotating'(file, name) {
    const { Formatter } = await import('@logweave/core');
    const { RotatingFileHandler } = await import('@logweave/handlers-file');
    const handler = new RotatingFileHandler(file, { maxBytes: MAX_BYTES, backupCount: 5 });
    handler.setFormatter(new Formatter(LOGWEAVE_FORMAT));
    return infoSession(name, handler, async () => {
      handler.flush();
      handler.close();
    });
  },
  async 'logweave-file'(file, name) {
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
  async 'pino-roll'(file) {
    const build = require('pino-roll') as (
      o: object,
    ) => Promise<pino.DestinationStream & NodeJS.EventEmitter & { end(): void }>;
    const stream = await build({ file, size: '10m', limit: { count: 5 }, minLength: 4096 });
    const logger = pinoOn(stream);
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close() {
        const closed = once(stream, 'close');
        stream.end();
        return closed;
      },
    };
  },
  async 'rotating-file-stream'(file) {
    const rfs = require('rotating-file-stream') as typeof import('rotating-file-stream');
    const stream = rfs.createStream(basename(file), {
      path: `${dirname(file)}/`,
      size: '10M',
      rotate: 5,
    });
    const logger = pinoOn(stream as unknown as pino.DestinationStream);
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close() {
        const finished = once(stream, 'finish');
        stream.end();
        return finished;
      },
    };
  },
};

await runScenario(setups);
