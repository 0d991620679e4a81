// The background worker of the viewer demo (the Qt recipe's Worker): logs at random levels
// after random delays, until told to stop or it has logged `count` records.
import { parentPort, workerData } from 'node:worker_threads';
import { DEBUG, getLogger, PortQueue, QueueHandler, setThreadName } from '@logweave/core';
import { LEVELS, pick } from './levels.js';

setThreadName(workerData.threadName);
const root = getLogger();
root.setLevel(DEBUG);
root.addHandler(new QueueHandler(new PortQueue(workerData.logPort)));
const logger = getLogger('viewer.worker');

let stop = false;
parentPort?.once('message', () => {
  stop = true;
});
let i = 0;
function step(): void {
  if (stop || i >= workerData.count) {
    parentPort?.close();
    return;
  }
  const delay = 0.05 + Math.random() * 0.15;
  setTimeout(() => {
    i++;
    logger.log(pick(LEVELS), 'Message after delay of %3.1f: %d', delay, i);
    step();
  }, delay * 1000);
}
step();
