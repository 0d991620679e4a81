/**
 * A process that logs through a ZeroMQSocketHandler and ends, for the exit tests:
 * `exit-child.ts <uri> <socketType> <bind|connect> <closeTimeoutMs> <count> <natural|exit> [waitMs]`.
 * Prints `DONE <epoch ms>` after its last logging call, and `COUNTS <sent> <dropped>` and
 * `EXIT <epoch ms>` from its last 'exit' listener.
 */
import { getLogger, INFO } from '@logweave/core';
import { ZeroMQSocketHandler } from '../zeromq-socket-handler.js';

const [uri, socketType, side, closeMs, count, how, waitMs] = process.argv.slice(2);
const handler = new ZeroMQSocketHandler(uri!, {
  socketType: socketType as 'pub' | 'push',
  bind: side === 'bind',
  closeTimeout: Number(closeMs),
  queueSize: 100_000,
  ...(waitMs === undefined ? {} : { waitForSubscriber: Number(waitMs) }),
});
await handler.ready;
const logger = getLogger('child');
logger.setLevel(INFO);
logger.propagate = false;
logger.addHandler(handler);
process.on('exit', () => {
  process.stdout.write(`COUNTS ${handler.sent} ${handler.dropped}\nEXIT ${Date.now()}\n`);
});
for (let i = 0; i < Number(count); i++) logger.info('record %d', i);
process.stdout.write(`DONE ${Date.now()}\n`);
if (how === 'exit') process.exit(0);
