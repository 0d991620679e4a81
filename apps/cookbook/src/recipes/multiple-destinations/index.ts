import { join } from 'node:path';
import {
  basicConfig,
  DEBUG,
  Formatter,
  getLogger,
  INFO,
  info,
  StreamHandler,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';

/** Recipe 4: basicConfig to a file with a short datefmt, plus an INFO console handler. */
export const multipleDestinations: Recipe = {
  number: 4,
  id: 'multiple-destinations',
  title: 'Logging to multiple destinations',
  packages: ['core'],
  run({ outDir }) {
    // set up logging to file - see the previous recipe for more details
    basicConfig({
      level: DEBUG,
      format: '%(asctime)s %(name)-12s %(levelname)-8s %(message)s',
      datefmt: '%m-%d %H:%M',
      filename: join(outDir, 'myapp.log'),
      filemode: 'w',
    });
    // define a Handler which writes INFO messages or higher to stderr
    const console = new StreamHandler();
    console.setLevel(INFO);
    // set a format which is simpler for console use
    const formatter = new Formatter('%(name)-12s: %(levelname)-8s %(message)s');
    // tell the handler to use this format
    console.setFormatter(formatter);
    // add the handler to the root logger
    getLogger('').addHandler(console);

    // Now, we can log to the root logger, or any other logger. First the root...
    info('Jackdaws love my big sphinx of quartz.');

    // Now, define a couple of other loggers which might represent areas in your application:
    const logger1 = getLogger('myapp.area1');
    const logger2 = getLogger('myapp.area2');

    logger1.debug('Quick zephyrs blow, vexing daft Jim.');
    logger1.info('How quickly daft jumping zebras vex.');
    logger2.warning('Jail zesty vixen who grabbed pay from quack.');
    logger2.error('The five boxing wizards jump quickly.');
  },
};
