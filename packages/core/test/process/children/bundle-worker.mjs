// Child of bundle.test.ts: a WorkerQueueHandler started from the package's entry; its
// target (bundle-worker-target.mjs) writes to the file named by argv[2].
import { getLogger, WorkerQueueHandler } from '@logweave/core';

const h = new WorkerQueueHandler({
  target: new URL('./bundle-worker-target.mjs', import.meta.url),
  options: { path: process.argv[2] },
  threadName: 'log-writer',
});
const log = getLogger('app');
log.addHandler(h);
log.setLevel('INFO');
await h.ready;
for (let i = 1; i <= 3; i++) log.info('record %d', i);
h.close();
