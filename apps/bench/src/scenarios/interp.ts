/**
 * `interp`: a message with two interpolated arguments, `info('hello %s %d', 'world', i)`, to a
 * file. LogTape has no printf-style arguments; it uses its message-template placeholders.
 */
import { runScenario, type Setup } from '../lib/harness.js';
import { LOGWEAVE_FORMAT, logweaveFile } from '../lib/logweave.js';
import { bunyanFile, log4jsFile, logtapeFile, pinoFile, winstonFile } from '../lib/peers.js';

const setups: Record<string, Setup> = {
  async logweave(file, name) {
    const { logger, close } = await logweaveFile(
      file,
      name,
      (c) => new c.Formatter(LOGWEAVE_FORMAT),
    );
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) logger.info('hello %s %d', 'world', i);
      },
      close,
    };
  },
  async pino(file, name) {
    const { logger, close } = await pinoFile(file, { name });
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) logger.info('hello %s %d', 'world', i);
      },
      close,
    };
  },
  async bunyan(file, name) {
    const { logger, close } = await bunyanFile(file, name);
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) logger.info('hello %s %d', 'world', i);
      },
      close,
    };
  },
  async winston(file, name) {
    const { logger, close } = await winstonFile(
      file,
      (f) => f.combine(f.timestamp(), f.splat(), f.json()),
      { name },
    );
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) logger.info('hello %s %d', 'world', i);
      },
      close,
    };
  },
  async log4js(file, name) {
    const { logger, close } = await log4jsFile(file, name, () => ({ type: 'basic' }));
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) logger.info('hello %s %d', 'world', i);
      },
      close,
    };
  },
  async logtape(file, name) {
    const { logger, close } = await logtapeFile(file, name, (lt) => lt.defaultTextFormatter);
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) {
          logger.info('hello {s} {d}', { s: 'world', d: i });
        }
      },
      close,
    };
  },
};

await runScenario(setups);
