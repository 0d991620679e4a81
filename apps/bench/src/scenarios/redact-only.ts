/**
 * `redact-only`: the redaction step alone, no formatting or I/O: logweave's
 * `RedactingFilter.filter(record)` on records carrying a request-shaped object as extra fields,
 * against pino's redaction (`@pinojs/redact`, what pino's `redact` option runs, without its
 * serialisation) on the same objects and the same three paths. Each checks afterwards that the
 * secrets are censored in its output and untouched in its input.
 */
import { createRequire } from 'node:module';
import { runScenario, type Session, type Setup } from '../lib/harness.js';
import { type RequestPayload, requestPayload, SECRET_PATHS } from '../lib/request-payload.js';

const require = createRequire(import.meta.url);
const POOL = 1000;
const PATHS = SECRET_PATHS;

function censored(p: RequestPayload): boolean {
  return (
    p.req.headers.authorization === '[REDACTED]' &&
    p.req.headers.cookie === '[REDACTED]' &&
    p.user.password === '[REDACTED]' &&
    p.req.headers.host === 'example.test'
  );
}

function session<T>(
  pool: readonly T[],
  redact: (x: T) => RequestPayload,
  input: (x: T) => RequestPayload,
): Session {
  let sink = 0;
  return {
    run(n) {
      let k = 0;
      for (let i = 0; i < n; i++) {
        sink += redact(pool[k]!).ms;
        if (++k === pool.length) k = 0;
      }
    },
    close: async () => {},
    check() {
      if (sink === 0) return 'nothing redacted';
      for (const x of pool) {
        if (!censored(redact(x))) return 'a secret was not censored';
        if (input(x).user.password !== 'hunter2') return 'the input was modified';
      }
      return 'ok';
    },
  };
}

const setups: Record<string, Setup> = {
  async 'logweave-redact'() {
    const { getLogger } = await import('@logweave/core');
    const { RedactingFilter } = await import('@logweave/adapters-context');
    const filter = new RedactingFilter({ paths: PATHS });
    const logger = getLogger('bench');
    const pool = Array.from({ length: POOL }, (_, i) =>
      logger.makeRecord('bench', 20, '', 0, 'request', [], null, null, requestPayload(i)),
    );
    const view = (r: Record<string, unknown>) => r as unknown as RequestPayload;
    return session(
      pool,
      (r) => view(filter.filter(r)),
      (r) => view(r),
    );
  },
  async 'pino-redact'() {
    const redact = require('@pinojs/redact') as (o: {
      paths: string[];
      serialize: false;
    }) => (x: RequestPayload) => RequestPayload;
    const fn = redact({ paths: PATHS, serialize: false });
    const pool = Array.from({ length: POOL }, (_, i) => requestPayload(i));
    return session(
      pool,
      (p) => fn(p),
      (p) => p,
    );
  },
};

await runScenario(setups, { batch: Number.POSITIVE_INFINITY, fsync: false });
