import { setTimeout as sleep } from 'node:timers/promises';
import { LoggingContext } from '@logweave/adapters-context';
import { DEBUG, FdDestination, getLogger, INFO, StreamHandler } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** Recipe 33: a scoped level/handler change, undone afterwards — sync, async and `using`. */
export const selectiveLogging: Recipe = {
  number: 33,
  id: 'selective-logging',
  title: 'Using a context manager for selective logging',
  async run() {
    const logger = getLogger('foo');
    // Written at once, so stdout and stderr each keep the program's order.
    const stderr = () => new StreamHandler(new FdDestination(2, { minLength: 0 }));
    const stdout = () => new StreamHandler(new FdDestination(1, { minLength: 0 }));
    logger.addHandler(stderr());
    logger.setLevel(INFO);
    logger.info('1. This should appear just once on stderr.');
    logger.debug('2. This should not appear.');
    new LoggingContext(logger, { level: DEBUG }).run(() => {
      logger.debug('3. This should appear once on stderr.');
    });
    logger.debug('4. This should not appear.');
    const h = stdout();
    new LoggingContext(logger, { level: DEBUG, handler: h, close: true }).run(() => {
      logger.debug('5. This should appear twice - once on stderr and once on stdout.');
    });
    logger.info('6. This should appear just once on stderr.');
    logger.debug('7. This should not appear.');

    // Node additions: an async scope, and the same with `using` / `await using`.
    await new LoggingContext(logger, { level: DEBUG }).run(async () => {
      await sleep(1);
      logger.debug('8. This should appear once on stderr, after an await.');
    });
    {
      using _ = new LoggingContext(logger, { level: DEBUG, handler: stdout() }).enter();
      logger.debug('9. This should appear twice - once on stderr and once on stdout.');
    }
    {
      await using _ = new LoggingContext(logger, { level: DEBUG }).enter();
      await sleep(1);
      logger.debug('10. This should appear once on stderr.');
    }
    logger.debug('11. This should not appear.');
  },
};
