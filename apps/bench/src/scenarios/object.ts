/**
 * `object`: a message with five structured fields, serialised as one JSON object per line
 * (logweave's `JSONFormatter`, pino's and bunyan's native JSON, winston's `json()` format,
 * log4js's documented custom JSON layout, LogTape's `jsonLinesFormatter`).
 */
import { runScenario, type Setup } from '../lib/harness.js';
import { logweaveFile } from '../lib/logweave.js';
import { bunyanFile, log4jsFile, logtapeFile, pinoFile, winstonFile } from '../lib/peers.js';

const setups: Record<string, Setup> = {
  async logweave(file, name) {
    const { core, logger, close } = await logweaveFile(file, name, (c) => new c.JSONFormatter());
    const { kw } = core;
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) {
          logger.info(
            'hello world',
            kw({ extra: { user: 'alice', requestId: i, ok: true, ms: 12.5, path: '/api/items' } }),
          );
        }
      },
      close,
    };
  },
  async pino(file, name) {
    const { logger, close } = await pinoFile(file, { name });
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) {
          logger.info(
            { user: 'alice', requestId: i, ok: true, ms: 12.5, path: '/api/items' },
            'hello world',
          );
        }
      },
      close,
    };
  },
  async bunyan(file, name) {
    const { logger, close } = await bunyanFile(file, name);
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) {
          logger.info(
            { user: 'alice', requestId: i, ok: true, ms: 12.5, path: '/api/items' },
            'hello world',
          );
        }
      },
      close,
    };
  },
  async winston(file, name) {
    const { logger, close } = await winstonFile(file, (f) => f.combine(f.timestamp(), f.json()), {
      name,
    });
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) {
          logger.info('hello world', {
            user: 'alice',
            requestId: i,
            ok: true,
            ms: 12.5,
            path: '/api/items',
          });
        }
      },
      close,
    };
  },
  async log4js(file, name) {
    const { logger, close } = await log4jsFile(file, name, (l4js) => {
      l4js.addLayout(
        'json',
        () => (e) =>
          JSON.stringify({
            time: e.startTime,
            level: e.level.levelStr,
            name: e.categoryName,
            msg: e.data[0],
            ...e.data[1],
          }),
      );
      return { type: 'json' };
    });
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) {
          logger.info('hello world', {
            user: 'alice',
            requestId: i,
            ok: true,
            ms: 12.5,
            path: '/api/items',
          });
        }
      },
      close,
    };
  },
  async logtape(file, name) {
    const { logger, close } = await logtapeFile(file, name, (lt) => lt.jsonLinesFormatter);
    return {
      run(n, offset) {
        for (let i = offset; i < offset + n; i++) {
          logger.info('hello world', {
            user: 'alice',
            requestId: i,
            ok: true,
            ms: 12.5,
            path: '/api/items',
          });
        }
      },
      close,
    };
  },
};

await runScenario(setups);
