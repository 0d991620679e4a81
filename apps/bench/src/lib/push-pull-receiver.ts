/**
 * The receiving process of the `push-pull` scenario: `node push-pull-receiver.js <nng-ts|zeromq>
 * <outfile>`. Binds a PULL socket on a free loopback port, prints its URL on stdout, and
 * appends every message it receives to `outfile` (in writes of up to 64 KiB, at least every
 * 5 ms), until killed.
 */
import { openSync, writeSync } from 'node:fs';

const [library, outfile = ''] = process.argv.slice(2);
const fd = openSync(outfile, 'w');
let parts: Buffer[] = [];
let bytes = 0;

function flush(): void {
  if (bytes === 0) return;
  writeSync(fd, parts.length === 1 ? parts[0]! : Buffer.concat(parts, bytes));
  parts = [];
  bytes = 0;
}

function take(m: Buffer): void {
  parts.push(m);
  bytes += m.length;
  if (bytes >= 65536) flush();
}

setInterval(flush, 5);

if (library === 'nng-ts') {
  const { Pull0 } = await import('nng-ts');
  const pull = new Pull0();
  const l = await pull.listen('tcp://127.0.0.1:0');
  process.stdout.write(`tcp://127.0.0.1:${l.port}\n`);
  for (;;) take(await pull.recv());
} else if (library === 'zeromq') {
  const { Pull } = await import('zeromq');
  const pull = new Pull();
  await pull.bind('tcp://127.0.0.1:*');
  process.stdout.write(`${pull.lastEndpoint}\n`);
  for await (const [m] of pull) take(m as Buffer);
} else {
  process.stderr.write(`unknown library ${library}\n`);
  process.exit(2);
}
