// Runs in a worker thread (port-queue.test.ts): logs `count` records through a QueueHandler
// on a PortQueue, then ends as `ending` says: 'end', 'exit' (process.exit) or 'throw'.
import { workerData } from 'node:worker_threads';
import { QueueHandler } from '../../handlers/queue-handler.js';
import { getLogger } from '../../logging-api.js';
import { PortQueue } from '../port-queue.js';

const { port, count, ending } = workerData as {
  port: import('node:worker_threads').MessagePort;
  count: number;
  ending: 'end' | 'exit' | 'throw';
};
const log = getLogger('worker');
log.addHandler(new QueueHandler(new PortQueue(port)));
for (let i = 0; i < count; i++) log.warning('w %d', i);
if (ending === 'exit') process.exit(2);
if (ending === 'throw') throw new Error('worker crashed after logging');
