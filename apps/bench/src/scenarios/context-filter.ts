/**
 * `context-filter`: the cost of async context. The same call and the same line —
 * `rid=r-1 user=ann` in a text layout — once with the two fields read from
 * `AsyncLocalStorage` by a `ContextFilter` (inside the request's context, as an application
 * would log), once with the fields as constant Formatter defaults (no context at all); pino's
 * documented equivalent (`mixin` reading the store) for reference, as JSON.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { runScenario, type Setup } from '../lib/harness.js';
import { logweaveFile } from '../lib/logweave.js';
import { pinoFile } from '../lib/peers.js';

const FORMAT = '%(asctime)s %(levelname)s %(name)s rid=%(requestId)s user=%(user)s %(message)s';

const setups: Record<string, Setup> = {
  async 'logweave-context'(file, name) {
    const { logger, close } = await logweaveFile(file, name, (c) => new c.Formatter(FORMAT));
    const { ContextFilter, ContextVar, runWith } = await import('@logweave/adapters-context');
    const requestId = new ContextVar<string>('requestId');
    const user = new ContextVar<string>('user');
    logger.addFilter(new ContextFilter([requestId, user]));
    const values = new Map<InstanceType<typeof ContextVar<unknown>>, unknown>([
      [requestId, 'r-1'],
      [user, 'ann'],
    ]);
    return {
      run(n) {
        runWith(values, () => {
          for (let i = 0; i < n; i++) logger.info('hello world');
        });
      },
      close,
    };
  },
  async 'logweave-static'(file, name) {
    const { logger, close } = await logweaveFile(
      file,
      name,
      (c) => new c.Formatter({ fmt: FORMAT, defaults: { requestId: 'r-1', user: 'ann' } }),
    );
    return {
      run(n) {
        for (let i = 0; i < n; i++) logger.info('hello world');
      },
      close,
    };
  },
  async 'pino-mixin'(file, name) {
    const als = new AsyncLocalStorage<{ requestId: string; user: string }>();
    const { logger, close } = await pinoFile(file, { name, mixin: () => als.getStore() ?? {} });
    return {
      run(n) {
        als.run({ requestId: 'r-1', user: 'ann' }, () => {
          for (let i = 0; i < n; i++) logger.info('hello world');
        });
      },
      close,
    };
  },
};

await runScenario(setups);
