// Logs N records through a SocketHandler to the receiver at argv[2] (port) and exits at once
// with process.exit(): the exit flush must deliver every record the connected socket holds.
import { getLogger } from '@logweave/core';
import { SocketHandler } from '@logweave/handlers-net';

const port = Number(process.argv[2]);
const n = Number(process.argv[3]);
const h = new SocketHandler('127.0.0.1', port, { bufferSize: n });
const log = getLogger('exit');
log.addHandler(h);
log.propagate = false;
log.setLevel('INFO');
log.info('warm-up');
h.flushAsync(5000).then(() => {
  for (let i = 0; i < n; i++) log.info('record %d %s', i, 'p'.repeat(200));
  process.exit(0);
});
