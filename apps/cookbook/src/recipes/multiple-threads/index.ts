import { once } from 'node:events';
import { setTimeout as sleep } from 'node:timers/promises';
import { MessageChannel } from 'node:worker_threads';
import {
  basicConfig,
  DEBUG,
  debug,
  getLogger,
  type LogRecord,
  Queue,
  QueueListener,
  receiveFromPort,
  startWorker,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';

const workerScript = new URL(
  `./thread-worker.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

/** Recipe 2: the main thread and a worker thread log interleaved, each with its threadName. */
export const multipleThreads: Recipe = {
  number: 2,
  id: 'multiple-threads',
  title: 'Logging from multiple threads',
  packages: ['core'],
  async run() {
    basicConfig({ level: DEBUG, format: '%(relativeCreated)6d %(threadName)s %(message)s' });
    // Records from the worker thread go through this thread's logging tree, as if the
    // worker had logged here (Python's threads share one tree).
    const queue = new Queue();
    const listener = new QueueListener(queue, {
      handle: (record: LogRecord) => getLogger(record.name).handle(record),
    });
    listener.start();
    const { port1, port2 } = new MessageChannel();
    receiveFromPort(queue, port1);
    const portClosed = once(port1, 'close');

    const thread = startWorker(workerScript, {
      workerData: { threadName: 'Thread-1 (worker)', logPort: port2 },
      transferList: [port2],
    });
    await once(thread, 'message'); // thread.start() returns once the thread runs
    for (let i = 0; i < 4; i++) {
      debug('Hello from main');
      await sleep(75);
    }
    thread.postMessage('stop'); // info['stop'] = True
    await once(thread, 'exit'); // thread.join()
    await portClosed; // everything the worker logged has arrived
    await listener.stop();
  },
};
