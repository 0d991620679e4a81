// The worker processes of recipe 14. argv: <mode> <seed>, where mode is
// - 'random': the cookbook's first example (10 random messages, random pauses);
// - 'numbered': the "logging thread" example (100 numbered messages, random levels);
// - 'pool': a pool process that runs such tasks as the parent sends them over IPC.
import { setTimeout as sleep } from 'node:timers/promises';
import {
  CRITICAL,
  DEBUG,
  ERROR,
  getLogger,
  getProcessName,
  INFO,
  ProcessQueue,
  QueueHandler,
  WARNING,
} from '@logweave/core';
import { dictConfigSync } from '@logweave/config';
import { choice, seeded } from './random.js';

const LEVELS = [DEBUG, INFO, WARNING, ERROR, CRITICAL];
const LOGGERS = ['a.b.c', 'd.e.f'];
const MESSAGES = ['Random message #1', 'Random message #2', 'Random message #3'];
const NUMBERED_LOGGERS = ['foo', 'foo.bar', 'foo.bar.baz', 'spam', 'spam.ham', 'spam.ham.eggs'];

const [mode = 'random', seedText = '1'] = process.argv.slice(2);
const random = seeded(Number(seedText));

/** Python's worker_configurer: one QueueHandler on the root, which lets everything through. */
function workerConfigurer(): void {
  if (mode === 'numbered') {
    // The "logging thread" example configures its workers with a dictionary, as the cookbook.
    dictConfigSync({
      version: 1,
      disable_existing_loggers: true,
      handlers: { queue: { class: 'logging.handlers.QueueHandler', queue: new ProcessQueue() } },
      root: { handlers: ['queue'], level: 'DEBUG' },
    });
    return;
  }
  const root = getLogger();
  root.addHandler(new QueueHandler(new ProcessQueue())); // just the one handler needed
  root.setLevel(DEBUG);
}

async function randomMessages(): Promise<void> {
  for (let i = 0; i < 10; i++) {
    await sleep(random() * 10);
    const logger = getLogger(choice(random, LOGGERS));
    logger.log(choice(random, LEVELS), choice(random, MESSAGES));
  }
}

function numberedMessages(): void {
  for (let i = 0; i < 100; i++) {
    const logger = getLogger(choice(random, NUMBERED_LOGGERS));
    logger.log(choice(random, LEVELS), 'Message no. %d', i);
  }
}

workerConfigurer();
if (mode === 'random') {
  const name = getProcessName();
  process.stdout.write(`Worker started: ${name}\n`);
  await randomMessages();
  process.stdout.write(`Worker finished: ${name}\n`);
} else if (mode === 'numbered') {
  numberedMessages();
} else {
  // A pool process: run each task the parent submits, then report it done.
  process.on('message', (task: number) => {
    void randomMessages().then(() => process.send?.(task));
  });
  process.send?.('ready');
}
