// Child process of the exit tests: logs N records through an OTLPHandler, says "logged",
// then idles until the parent signals it. Arguments: url, count, spool path or '-', mode.
import { getLogger } from '@logweave/core';
import { OTLPHandler } from '../otlp-handler.js';

const [url, count, spool, mode] = process.argv.slice(2) as [string, string, string, string];
const h = new OTLPHandler({
  url,
  spool: spool === '-' ? null : spool,
  exitTimeout: 5,
  retry: { retryStart: 0.05, jitter: 0 },
  onDrop: () => {},
});
const log = getLogger('exit.child');
log.propagate = false;
log.addHandler(h);
log.setLevel('INFO');
if (mode === 'resend') {
  // Only sends what an earlier run spooled.
  await h.drain();
  process.stdout.write(`resent ${h.fromSpool} ${h.delivered}\n`);
  process.exit(0);
}
for (let i = 0; i < Number(count); i++) log.info('rec %d', i);
process.stdout.write('logged\n');
setInterval(() => {}, 1000);
