/**
 * `basic`: `info('hello world')` to a file, each library in its usual layout (time, level,
 * name, message), plus the physical reference: the same number of preformatted lines through a
 * buffered `fs.WriteStream`.
 */
import { runScenario, type Setup } from '../lib/harness.js';
import { LOGWEAVE_FORMAT, logweaveFile } from '../lib/logweave.js';
import {
  bunyanFile,
  log4jsFile,
  logtapeFile,
  pinoFile,
  referenceFile,
  winstonFile,
} from '../lib/peers.js';

const setups: Record<string, Setup> = {
  async logweave(file, name) {
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
  async pino(file, name) {
    const { logger, close } = await pinoFile(file, { name });
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
  async bunyan(file, name) {
    const { logger, close } = await bunyanFile(file, name);
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
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
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
  async log4js(file, name) {
    const { logger, close } = await log4jsFile(file, name, () => ({ type: 'basic' }));
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
  async logtape(file, name) {
    const { logger, close } = await logtapeFile(file, name, (lt) => lt.defaultTextFormatter);
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
  reference(file, name) {
    const writer = referenceFile(file);
    const line = `2025-01-01 00:00:00,000 INFO ${name} hello world\n`;
    return {
      run(n) {
        for (let i = 0; i < n; i++) writer.write(line);
      },
      close: writer.close,
    };
  },
};

await runScenario(setups);
