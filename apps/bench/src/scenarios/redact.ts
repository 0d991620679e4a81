/**
 * `redact`: a request-shaped object with three secrets, written as JSON lines, with and
 * without redaction: logweave's `RedactingFilter` (exact paths, and `**` deep wildcards that
 * pino cannot express) against pino's `redact` on the same paths. The cost of redaction is
 * the difference between each library's two rows.
 */
import { runScenario, type Setup } from '../lib/harness.js';
import { logweaveFile } from '../lib/logweave.js';
import { pinoFile } from '../lib/peers.js';

/** The logged object (a fresh one per call, as a request log would be). */
function payload(i: number) {
  return {
    req: {
      id: i,
      method: 'GET',
      url: '/api/items?page=2',
      headers: { host: 'example.test', authorization: 'Bearer abc.def.ghi', cookie: 'sid=123' },
    },
    user: { id: 42, name: 'alice', password: 'hunter2' },
    ms: 12.5,
  };
}

const PATHS = ['req.headers.authorization', 'req.headers.cookie', 'user.password'];
const DEEP = ['**.authorization', '**.cookie', '**.password'];

async function logweave(file: string, name: string, paths: readonly string[] | null) {
  const { core, logger, close } = await logweaveFile(file, name, (c) => new c.JSONFormatter());
  if (paths !== null) {
    const { RedactingFilter } = await import('@logweave/adapters-context');
    logger.addFilter(new RedactingFilter({ paths }));
  }
  const { kw } = core;
  return {
    run(n: number, offset: number) {
      for (let i = offset; i < offset + n; i++) logger.info('request', kw({ extra: payload(i) }));
    },
    close,
  };
}

async function pino(file: string, name: string, paths: readonly string[] | null) {
  const { logger, close } = await pinoFile(
    file,
    paths === null ? { name } : { name, redact: [...paths] },
  );
  return {
    run(n: number, offset: number) {
      for (let i = offset; i < offset + n; i++) logger.info(payload(i), 'request');
    },
    close,
  };
}

const setups: Record<string, Setup> = {
  'logweave-redact': (file, name) => logweave(file, name, PATHS),
  'logweave-redact-deep': (file, name) => logweave(file, name, DEEP),
  logweave: (file, name) => logweave(file, name, null),
  'pino-redact': (file, name) => pino(file, name, PATHS),
  pino: (file, name) => pino(file, name, null),
};

await runScenario(setups);
