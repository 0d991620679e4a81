/**
 * The receiving end of the `socket` scenario, run as its own process:
 * `node socket-sink.js <logweave|json-lines> <outfile>` listens on a free loopback port (printed
 * as `PORT <n>`), decodes every record it receives and writes its message as one line to
 * `outfile`. Each line on stdin is answered with the count of records written so far; the end of
 * stdin closes the file and exits.
 * - `logweave`: a `LogRecordSocketReceiver` (length-prefixed pickles through the safe unpickler,
 *   `makeLogRecord`, `getMessage()`);
 * - `json-lines`: a TCP server splitting newline-delimited JSON (pino-socket's framing) and
 *   `JSON.parse`-ing each line for its `msg`.
 */
import { createWriteStream } from 'node:fs';
import { createServer } from 'node:net';
import type { LogRecord } from '@logweave/core';
import { LogRecordSocketReceiver } from '@logweave/handlers-net';

const [kind, outfile] = process.argv.slice(2) as [string, string];
const out = createWriteStream(outfile);
let count = 0;
let pending = '';
function line(text: string): void {
  pending += `${text}\n`;
  count++;
  if (pending.length > 65536) {
    out.write(pending);
    pending = '';
  }
}
function flush(): void {
  if (pending.length > 0) out.write(pending);
  pending = '';
}

let port: number;
let close: () => Promise<void>;
if (kind === 'logweave') {
  class Sink extends LogRecordSocketReceiver {
    override handleLogRecord(record: LogRecord): void {
      line(record.getMessage());
    }
  }
  const r = new Sink({ host: '127.0.0.1', port: 0 });
  port = (await r.listen()).port as number;
  close = () => r.close();
} else {
  const server = createServer((s) => {
    let rest = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => {
      rest += d;
      let i = rest.indexOf('\n');
      let start = 0;
      while (i >= 0) {
        line(String((JSON.parse(rest.slice(start, i)) as { msg: unknown }).msg));
        start = i + 1;
        i = rest.indexOf('\n', start);
      }
      rest = rest.slice(start);
    });
    s.on('error', () => {});
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  port = (server.address() as { port: number }).port;
  close = () => new Promise((r) => server.close(() => r()));
}
process.stdout.write(`PORT ${port}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', () => {
  flush();
  process.stdout.write(`${count}\n`);
});
process.stdin.on('end', () => {
  flush();
  void close();
  out.end(() => process.exit(0));
});
