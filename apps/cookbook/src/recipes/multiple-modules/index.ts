import { join } from 'node:path';
import { DEBUG, ERROR, FileHandler, Formatter, getLogger, StreamHandler } from '@logweave/core';
import type { Recipe } from '../../recipe.js';
import { Auxiliary, someFunction } from './auxiliary.js';
import { writeReport } from './report.js';

/** Recipe 1: the parent logger is configured here; two other modules log through child loggers. */
export const multipleModules: Recipe = {
  number: 1,
  id: 'multiple-modules',
  title: 'Using logging in multiple modules',
  packages: ['core'],
  run({ outDir }) {
    // create logger with 'spam_application'
    const logger = getLogger('spam_application');
    logger.setLevel(DEBUG);
    // create file handler which logs even debug messages
    const fh = new FileHandler(join(outDir, 'spam.log'));
    fh.setLevel(DEBUG);
    // create console handler with a higher log level
    const ch = new StreamHandler();
    ch.setLevel(ERROR);
    // create formatter and add it to the handlers
    const formatter = new Formatter('%(asctime)s - %(name)s - %(levelname)s - %(message)s');
    fh.setFormatter(formatter);
    ch.setFormatter(formatter);
    // add the handlers to the logger
    logger.addHandler(fh);
    logger.addHandler(ch);

    logger.info('creating an instance of auxiliary_module.Auxiliary');
    const a = new Auxiliary();
    logger.info('created an instance of auxiliary_module.Auxiliary');
    logger.info('calling auxiliary_module.Auxiliary.do_something');
    a.doSomething();
    logger.info('finished auxiliary_module.Auxiliary.do_something');
    logger.info('calling auxiliary_module.some_function()');
    someFunction();
    logger.info('done with auxiliary_module.some_function()');
    writeReport(0);
  },
};
