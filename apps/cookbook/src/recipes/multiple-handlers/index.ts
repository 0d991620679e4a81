import { join } from 'node:path';
import { DEBUG, ERROR, FileHandler, Formatter, getLogger, StreamHandler } from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** Recipe 3: one logger, a DEBUG file handler and an ERROR console handler, one formatter. */
export const multipleHandlers: Recipe = {
  number: 3,
  id: 'multiple-handlers',
  title: 'Multiple handlers and formatters',
  packages: ['core'],
  run({ outDir }) {
    const logger = getLogger('simple_example');
    logger.setLevel(DEBUG);
    // create file handler which logs even debug messages
    const fh = new FileHandler(join(outDir, 'spam.log'));
    fh.setLevel(DEBUG);
    // create console handler with a higher log level
    const ch = new StreamHandler();
    ch.setLevel(ERROR);
    // create formatter and add it to the handlers
    const formatter = new Formatter('%(asctime)s - %(name)s - %(levelname)s - %(message)s');
    ch.setFormatter(formatter);
    fh.setFormatter(formatter);
    // add the handlers to logger
    logger.addHandler(ch);
    logger.addHandler(fh);

    // 'application' code
    logger.debug('debug message');
    logger.info('info message');
    logger.warning('warn message');
    logger.error('error message');
    logger.critical('critical message');
  },
};
