/**
 * `disabled`: calls below the logger's level (`debug('hello world')` on an INFO logger); the
 * loop alone is timed (ns/call) and the output file must stay empty.
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
      run(n) {
        for (let i = 0; i < n; i++) logger.debug('hello world');
      },
      close,
    };
  },
  async pino(file, name) {
    const { logger, close } = await pinoFile(file, { name });
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.debug('hello world');
      },
      close,
    };
  },
  async bunyan(file, name) {
    const { logger, close } = await bunyanFile(file, name);
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.debug('hello world');
      },
      close,
    };
  },
  async winston(file, name) {
    const { logger, close } = await winstonFile(file, (f) => f.combine(f.timestamp(), f.json()), {
      name,
    });
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.debug('hello world');
      },
      close,
    };
  },
  async log4js(file, name) {
    const { logger, close } = await log4jsFile(file, name, () => ({ type: 'basic' }));
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.debug('hello world');
      },
      close,
    };
  },
  async logtape(file, name) {
    const { logger, close } = await logtapeFile(file, name, (lt) => lt.defaultTextFormatter);
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.debug('hello world');
      },
      close,
    };
  },
};

await runScenario(setups, {
  batch: Number.POSITIVE_INFINITY,
  timeClose: false,
  fsync: false,
  warmInSession: true,
});
