import { parseArgs } from 'node:util';
import { getLogger, INFO } from '@logweave/core';
import { SocketHandler } from '@logweave/handlers-net';

/**
 * One load producer: logs `--count` records `seq <n>` (n = 0, 1, ...) on the logger
 * `load.<id>` through a `SocketHandler` to the listener, pacing itself on the handler's
 * buffer (the logging call never blocks, so a producer that outruns the network must wait
 * or lose), then waits until everything is delivered and prints one JSON line:
 * `{"id", "count", "dropped", "ms"}`. Exit status 0 when nothing was dropped.
 */
async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string' },
      id: { type: 'string', default: String(process.pid) },
      count: { type: 'string', default: '20000' },
      serializer: { type: 'string', default: 'json' },
      // Acknowledged delivery (logweave receivers only; CPython's never acknowledge).
      ack: { type: 'string', default: 'yes' },
      message: { type: 'string', default: 'seq %d' },
      // Start only when the parent sends {count} over IPC (benchmarks: start-up not timed).
      'wait-go': { type: 'boolean', default: false },
    },
  });
  if (values.port === undefined) throw new Error('--port is required');
  let count = Number(values.count);
  if (values['wait-go']) {
    count = await new Promise<number>((resolve) => {
      process.once('message', (m: { count: number }) => resolve(m.count));
      process.send?.('ready');
    });
    process.channel?.unref();
  }
  const bufferSize = 4096;
  const handler = new SocketHandler(values.host, Number(values.port), {
    serializer: values.serializer === 'pickle' ? 'pickle' : 'json',
    bufferSize,
    ack: values.ack === 'yes',
    closeTimeout: 60_000,
    onDrop: () => {},
  });
  const log = getLogger(`load.${values.id}`);
  log.propagate = false;
  log.setLevel(INFO);
  log.addHandler(handler);
  const t0 = performance.now();
  for (let i = 0; i < count; i++) {
    log.info(values.message, i);
    // Wait for room before the buffer fills (never drop: this is a loss test's producer).
    if (handler.pending >= bufferSize / 2) {
      while (handler.pending >= bufferSize / 4) {
        await new Promise((r) => setTimeout(r, 1));
      }
    }
  }
  const delivered = await handler.flushAsync(60_000);
  const ms = Math.round(performance.now() - t0);
  const dropped = handler.dropped;
  handler.close();
  process.stdout.write(`${JSON.stringify({ id: values.id, count, dropped, delivered, ms })}\n`);
  return dropped === 0 && delivered ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`producer: ${String(e)}\n`);
    process.exitCode = 2;
  },
);
