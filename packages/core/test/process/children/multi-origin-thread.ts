// A worker thread of multi-origin.test.ts: logs `count` records through a PortQueue to the
// parent's listener; throws after `crashAt` records when crashAt >= 0.
import { workerData } from 'node:worker_threads';
import { getLogger, PortQueue, QueueHandler } from '../../../src/index.js';
import { payload } from './multi-origin-payload.js';

const { logPort, origin, count, crashAt } = workerData as {
  logPort: import('node:worker_threads').MessagePort;
  origin: number;
  count: number;
  crashAt: number;
};
const log = getLogger(`thread.${origin}`);
log.addHandler(new QueueHandler(new PortQueue(logPort)));
for (let n = 0; n < count; n++) {
  if (n === crashAt) throw new Error(`thread ${origin} crashed after ${n} records`);
  log.warning('%d %s', n, payload(origin, n));
}
