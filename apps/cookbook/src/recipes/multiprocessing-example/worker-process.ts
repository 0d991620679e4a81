// A worker process of recipe 22: logs 100 messages with random levels to random loggers.
import { setTimeout as sleep } from 'node:timers/promises';
import { CRITICAL, DEBUG, ERROR, getLogger, INFO, WARNING } from '@logweave/core';
import { choice, seeded } from '../multiple-processes/random.js';
import { configWorker } from './configs.js';
import { setupLogger } from './setup.js';

configWorker();
const levels = [DEBUG, INFO, WARNING, ERROR, CRITICAL];
const loggers = ['foo', 'foo.bar', 'foo.bar.baz', 'spam', 'spam.ham', 'spam.ham.eggs'];
// The setup logger exists here, but configWorker() disabled it.
setupLogger.critical('Should not appear, because of disabled logger ...');
const random = seeded(Number(process.argv[2] ?? '1'));
for (let i = 0; i < 100; i++) {
  const lvl = choice(random, levels);
  const logger = getLogger(choice(random, loggers));
  logger.log(lvl, 'Message no. %d', i);
  // A small pause lets the other processes run and mixes their output a bit more.
  await sleep(2);
}
