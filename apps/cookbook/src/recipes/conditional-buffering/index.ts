import {
  BufferingHandler,
  ERROR,
  FdDestination,
  getLogger,
  type Handler,
  kw,
  type Logger,
  MemoryHandler,
  NullHandler,
  StreamHandler,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';

const logger = getLogger('conditional_buffering');
logger.addHandler(new NullHandler());

/**
 * Wraps a function so that what it logs is kept in a MemoryHandler and written only if it
 * logs an ERROR (or throws); otherwise the buffered records are discarded.
 */
export function logIfErrors(
  logger: Logger,
  targetHandler: Handler | null = null,
  flushLevel: number | null = null,
  capacity: number | null = null,
) {
  // Python's StreamHandler flushes every record; this one writes each at once too, so its
  // lines interleave with writeLine()'s as in the Python output.
  targetHandler ??= new StreamHandler(new FdDestination(2, { minLength: 0 }));
  flushLevel ??= ERROR;
  capacity ??= 100;
  const handler = new MemoryHandler(capacity, flushLevel, targetHandler);

  return <A extends unknown[], R>(fn: (...args: A) => R) =>
    (...args: A): R => {
      logger.addHandler(handler);
      try {
        return fn(...args);
      } catch (e) {
        logger.exception('call failed', kw({ exc_info: e }));
        throw e;
      } finally {
        // Python: super(MemoryHandler, handler).flush(), which just empties the buffer.
        BufferingHandler.prototype.flush.call(handler);
        logger.removeHandler(handler);
      }
    };
}

function writeLine(s: string): void {
  process.stderr.write(`${s}\n`);
}

function foo(fail = false): boolean {
  writeLine('about to log at DEBUG ...');
  logger.debug('Actually logged at DEBUG');
  writeLine('about to log at INFO ...');
  logger.info('Actually logged at INFO');
  writeLine('about to log at WARNING ...');
  logger.warning('Actually logged at WARNING');
  if (fail) {
    writeLine('about to log at ERROR ...');
    logger.error('Actually logged at ERROR');
    writeLine('about to log at CRITICAL ...');
    logger.critical('Actually logged at CRITICAL');
  }
  return fail;
}

const decoratedFoo = logIfErrors(logger)(foo);

function check(ok: boolean): void {
  if (!ok) throw new Error('assertion failed');
}

/** Recipe 30: MemoryHandler keeps DEBUG/INFO records and writes them only when an ERROR happens. */
export const conditionalBuffering: Recipe = {
  number: 30,
  id: 'conditional-buffering',
  title: 'Buffering logging messages and outputting them conditionally',
  packages: ['core'],
  run() {
    logger.setLevel('DEBUG');
    writeLine('Calling undecorated foo with False');
    check(!foo(false));
    writeLine('Calling undecorated foo with True');
    check(foo(true));
    writeLine('Calling decorated foo with False');
    check(!decoratedFoo(false));
    writeLine('Calling decorated foo with True');
    check(decoratedFoo(true));
  },
};
