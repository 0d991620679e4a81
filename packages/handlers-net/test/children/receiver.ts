// A LogRecordSocketReceiver in its own process, for the hostile-input test: prints
// "PORT <n>", then one JSON line of stats (records from logger "good", records handled,
// refused frames, open connections, peak RSS) each time a line arrives on stdin.
import { readFileSync } from 'node:fs';
import { getLogger, Handler, type LogRecord } from '@logweave/core';
import { LogRecordSocketReceiver } from '@logweave/handlers-net';

class Count extends Handler {
  good = 0;
  override emit(record: LogRecord): void {
    if (record.name === 'good') this.good++;
  }
}
const count = new Count();
getLogger().addHandler(count);
let errors = 0;
const receiver = new LogRecordSocketReceiver({
  host: '127.0.0.1',
  port: 0,
  frameTimeout: 2000,
  onError: () => {
    errors++;
  },
});
const { port } = await receiver.listen();
process.stdout.write(`PORT ${port}\n`);
process.stdin.setEncoding('utf8');
process.stdin.on('data', () => {
  const hwm = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1];
  process.stdout.write(
    `${JSON.stringify({ good: count.good, received: receiver.received, refused: receiver.refused, errors, connections: receiver.connections, peakRssMB: Number(hwm) / 1024 })}\n`,
  );
});
process.stdin.on('end', () => {
  void receiver.close().then(() => process.exit(0));
});
