#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { runLoad } from './run-load.js';

/**
 * The load script: `logweave-listener-load --port 9020 --producers 8 --count 20000` runs that
 * many producer processes against a running listener and prints what they sent and the rate.
 */
async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '9020' },
      producers: { type: 'string', default: '8' },
      count: { type: 'string', default: '20000' },
      serializer: { type: 'string', default: 'json' },
    },
  });
  const producers = Number(values.producers);
  const count = Number(values.count);
  const r = await runLoad({
    host: values.host,
    port: Number(values.port),
    producers,
    count,
    serializer: values.serializer === 'pickle' ? 'pickle' : 'json',
  });
  const sent = r.results.reduce((n, x) => n + x.count, 0);
  const dropped = r.results.reduce((n, x) => n + x.dropped, 0);
  process.stdout.write(
    `${producers} producers × ${count} records: ${sent} sent, ${dropped} dropped in ${Math.round(r.ms)} ms (${Math.round((sent / r.ms) * 1000)} records/s)\n`,
  );
  if (dropped > 0 || r.exitCodes.some((c) => c !== 0)) process.exitCode = 1;
}

await main();
