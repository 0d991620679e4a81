/**
 * `context-adapter`: a call through a child logger carrying two fields (`a: 1` from the
 * parent, `b: 'x'` from the child), written as JSON lines: logweave's `ContextAdapter.child`
 * (merging extra as the precedence rule says), core's plain `LoggerAdapter`, and pino's
 * `child().child()`.
 */
import { runScenario, type Setup } from '../lib/harness.js';
import { logweaveFile } from '../lib/logweave.js';
import { pinoFile } from '../lib/peers.js';

const setups: Record<string, Setup> = {
  async logweave(file, name) {
    const { logger, close } = await logweaveFile(file, name, (c) => new c.JSONFormatter());
    const { ContextAdapter } = await import('@logweave/adapters-context');
    const child = new ContextAdapter(logger, { a: 1 }).child({ b: 'x' });
    return {
      run(n) {
        for (let i = 0; i < n; i++) child.info('hello world');
      },
      close,
    };
  },
  async 'logweave-core'(file, name) {
    const { core, logger, close } = await logweaveFile(file, name, (c) => new c.JSONFormatter());
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
    const child = logger.child({ a: 1 }).child({ b: 'x' });
    return {
      run(n) {
        for (let i = 0; i < n; i++) child.info('hello world');
      },
      close,
    };
  },
};

await runScenario(setups);
