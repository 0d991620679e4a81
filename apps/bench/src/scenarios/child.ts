/**
 * `child`: logging through a child logger / adapter carrying two context fields (`a: 1`,
 * `b: 'x'`), created once; every library's layout shows both fields.
 */
import { runScenario, type Setup } from '../lib/harness.js';
import { logweaveFile } from '../lib/logweave.js';
import { bunyanFile, log4jsFile, logtapeFile, pinoFile, winstonFile } from '../lib/peers.js';

/** logweave's layout: the basic one plus the adapter's two fields. */
export const CHILD_FORMAT = '%(asctime)s %(levelname)s %(name)s a=%(a)s b=%(b)s %(message)s';

const setups: Record<string, Setup> = {
  async logweave(file, name) {
    const { core, logger, close } = await logweaveFile(
      file,
      name,
      (c) => new c.Formatter(CHILD_FORMAT),
    );
    const child = new core.LoggerAdapter(logger, { a: 1, b: 'x' });
    return {
      run(n) {
        for (let i = 0; i < n; i++) child.info('hello world');
      },
      close,
    };
  },
  async pino(file, name) {
    const { logger, close } = await pinoFile(file, { name });
    const child = logger.child({ a: 1, b: 'x' });
    return {
      run(n) {
        for (let i = 0; i < n; i++) child.info('hello world');
      },
      close,
    };
  },
  async bunyan(file, name) {
    const { logger, close } = await bunyanFile(file, name);
    const child = logger.child({ a: 1, b: 'x' });
    return {
      run(n) {
        for (let i = 0; i < n; i++) child.info('hello world');
      },
      close,
    };
  },
  async winston(file, name) {
    const { logger, close } = await winstonFile(file, (f) => f.combine(f.timestamp(), f.json()), {
      name,
    });
    const child = logger.child({ a: 1, b: 'x' });
    return {
      run(n) {
        for (let i = 0; i < n; i++) child.info('hello world');
      },
      close,
    };
  },
  async log4js(file, name) {
    // log4js has no child loggers: its context (shown with %X) is the idiomatic equivalent.
    const { logger, close } = await log4jsFile(file, name, () => ({
      type: 'pattern',
      pattern: '%d %p %c a=%X{a} b=%X{b} %m',
    }));
    logger.addContext('a', 1);
    logger.addContext('b', 'x');
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
        format: ({ timestamp, level, category, message, record }) =>
          `${timestamp} [${level}] ${category}: a=${record.properties.a} b=${record.properties.b} ${message}`,
      }),
    );
    const child = logger.with({ a: 1, b: 'x' });
    return {
      run(n) {
        for (let i = 0; i < n; i++) child.info('hello world');
      },
      close,
    };
  },
};

await runScenario(setups);
