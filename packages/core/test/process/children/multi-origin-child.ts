// A child process of multi-origin.test.ts: logs `count` records through a ProcessQueue on
// its log pipe. argv: <origin> <count> <mode: 'clean' | 'kill-self' | 'forever'>.
import { getLogger, ProcessQueue, QueueHandler } from '../../../src/index.js';
import { payload } from './multi-origin-payload.js';

const [originText = '1', countText = '10000', mode = 'clean'] = process.argv.slice(2);
const origin = Number(originText);
const count = mode === 'forever' ? Number.POSITIVE_INFINITY : Number(countText);
const log = getLogger(`process.${origin}`);
log.addHandler(new QueueHandler(new ProcessQueue()));
for (let n = 0; n < count; n++) {
  log.warning('%d %s', n, payload(origin, n));
  if (mode === 'kill-self' && n === Number(countText) / 2 - 1) process.kill(process.pid, 'SIGKILL');
}
