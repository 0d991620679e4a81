import { join } from 'node:path';
import {
  DEBUG,
  FileHandler,
  Formatter,
  getLogger,
  Queue,
  QueueHandler,
  QueueListener,
  StreamHandler,
  WARNING,
  WorkerQueueHandler,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';

// The worker imports this module (TypeScript from source, JavaScript from the build).
const slowTarget = new URL(
  `./slow-target.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

/** Recipe 7: QueueHandler on the hot path, QueueListener driving the handlers that block. */
export const blockingHandlers: Recipe = {
  number: 7,
  id: 'blocking-handlers',
  title: 'Dealing with handlers that block',
  packages: ['core'],
  async run({ outDir }) {
    // The cookbook's program: the listener hands records to a StreamHandler.
    const que = new Queue(); // no limit on size
    const queueHandler = new QueueHandler(que);
    const handler = new StreamHandler();
    const listener = new QueueListener(que, handler);
    const root = getLogger();
    root.addHandler(queueHandler);
    const formatter = new Formatter('%(threadName)s: %(message)s');
    handler.setFormatter(formatter);
    listener.start();
    // The log output will display the thread which generated the event (the main thread)
    // rather than the listener. This is what you want to happen.
    root.warning('Look out!');
    await listener.stop();

    // respect_handler_level: each handler gets only the records its level lets through.
    const q = new Queue();
    const console = new StreamHandler();
    console.setLevel(WARNING);
    console.setFormatter(new Formatter('%(threadName)s: %(levelname)s: %(message)s'));
    const file = new FileHandler(join(outDir, 'all.log'), 'w');
    file.setFormatter(new Formatter('%(threadName)s %(levelname)s %(name)s %(message)s'));
    const levels = new QueueListener(q, console, file, { respect_handler_level: true });
    const app = getLogger('app');
    app.setLevel(DEBUG);
    app.propagate = false;
    app.addHandler(new QueueHandler(q));
    levels.start();
    app.debug('connecting');
    app.info('connected');
    app.warning('slow response');
    await levels.stop();
    file.close();

    // The blocking handler off the main thread: the listener and the slow handler run in a
    // worker thread; logging calls only format the message and post the record.
    const delayMs = 10;
    const slow = new WorkerQueueHandler({
      target: slowTarget,
      exportName: 'slowFileHandler',
      options: { path: join(outDir, 'slow.log'), delayMs },
    });
    const mail = getLogger('mail');
    mail.propagate = false;
    mail.addHandler(slow);
    const start = performance.now();
    for (let i = 0; i < 20; i++) mail.warning('slow record %d', i);
    const ms = performance.now() - start;
    process.stdout.write(
      `main thread: 20 logging calls took ${ms < 20 ? 'under 20 ms' : `${Math.round(ms)} ms`}; the worker spends about ${20 * delayMs} ms writing them\n`,
    );
    slow.close(); // waits for the worker to write everything and close its handler
    process.stdout.write('slow.log is complete\n');
  },
};
