// The worker thread of recipe 2. Threads in Node have their own logging tree, so this one's
// root logger sends every record to the main thread, which writes it with its own handlers.
import { parentPort, workerData } from 'node:worker_threads';
import { DEBUG, debug, getLogger, PortQueue, QueueHandler } from '@logweave/core';

const root = getLogger();
root.setLevel(DEBUG);
root.addHandler(new QueueHandler(new PortQueue(workerData.logPort)));

// Python: `while not arg['stop']: logging.debug('Hi from myfunc'); time.sleep(0.5)`.
let stop = false;
parentPort?.once('message', () => {
  stop = true;
});
parentPort?.postMessage('started');
function worker(): void {
  if (stop) return;
  debug('Hi from myfunc');
  setTimeout(worker, 50);
}
worker();
