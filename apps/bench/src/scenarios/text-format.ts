/**
 * `text-format`: `info('hello world')` through each library's own text/pattern layout with
 * timestamp, level (padded to 8), logger name and message. pino and bunyan have no text layout
 * of their own (only JSON, prettified by separate tools), so they sit this one out.
 */
import { runScenario, type Setup } from '../lib/harness.js';
import { logweaveFile } from '../lib/logweave.js';
import { log4jsFile, logtapeFile, winstonFile } from '../lib/peers.js';

/** The Python layout this scenario is about. */
export const TEXT_FORMAT = '%(asctime)s %(levelname)-8s %(name)s %(message)s';

const setups: Record<string, Setup> = {
  async logweave(file, name) {
    const { logger, close } = await logweaveFile(file, name, (c) => new c.Formatter(TEXT_FORMAT));
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
  async winston(file, name) {
    const { logger, close } = await winstonFile(
      file,
      (f) =>
        f.combine(
          f.label({ label: name }),
          f.timestamp({ format: 'YYYY-MM-DD HH:mm:ss,SSS' }),
          f.printf(
            (info) => `${info.timestamp} ${info.level.padEnd(8)} ${info.label} ${info.message}`,
          ),
        ),
      {},
    );
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
  async log4js(file, name) {
    const { logger, close } = await log4jsFile(file, name, () => ({
      type: 'pattern',
      pattern: '%d{yyyy-MM-dd hh:mm:ss,SSS} %-8p %c %m',
    }));
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
  async logtape(file, name) {
    const { logger, close } = await logtapeFile(file, name, (lt) =>
      lt.getTextFormatter({
        timestamp: 'date-time',
        level: 'FULL',
        format: ({ timestamp, level, category, message }) =>
          `${timestamp} ${level.padEnd(8)} ${category} ${message}`,
      }),
    );
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
};

await runScenario(setups);
