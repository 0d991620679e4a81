// Runs as a child process (process-queue.test.ts): logs records `c <i> <pad>` through a
// QueueHandler on a ProcessQueue, then ends as argv says: 'end', 'exit', 'throw', 'kill'
// (SIGKILL itself right after the last record), 'partial' (write half a record, then
// SIGKILL itself: a death mid-write), 'forever' (until the parent kills it) or 'ipc'
// (stay connected until the parent disconnects).
import { writeSync } from 'node:fs';
import { QueueHandler } from '../../handlers/queue-handler.js';
import { getLogger } from '../../logging-api.js';
import { ProcessQueue } from '../process-queue.js';

const [count = '100', ending = 'end', size = '0'] = process.argv.slice(2);
const log = getLogger('child');
log.addHandler(new QueueHandler(new ProcessQueue()));
const pad = 'x'.repeat(Number(size));
const n = ending === 'forever' ? Number.POSITIVE_INFINITY : Number(count);
for (let i = 0; i < n; i++) log.warning('c %d %s', i, pad);
if (ending === 'exit') process.exit(3);
if (ending === 'throw') throw new Error('child crashed after logging');
if (ending === 'kill') process.kill(process.pid, 'SIGKILL');
if (ending === 'ipc') {
  process.on('message', () => {});
  process.send?.('ready');
}
if (ending === 'partial') {
  writeSync(Number(process.env.LOGWEAVE_LOG_FD), '{"msg":"half a rec');
  process.kill(process.pid, 'SIGKILL');
}
