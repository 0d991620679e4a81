#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { loadListenerConfig } from './listener-config.js';
import { LogListener } from './log-listener.js';

const USAGE = `usage: logweave-listener --config listener.yaml

Receives log records over TCP (logweave JSON and CPython pickles), UDP, ZeroMQ and NNG, and
writes them through the dictConfig in the file's logging: section. SIGTERM or SIGINT stops
accepting, drains what has arrived, flushes the handlers and prints a summary line.
`;

async function main(): Promise<number> {
  let values: { config?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      options: { config: { type: 'string', short: 'c' }, help: { type: 'boolean', short: 'h' } },
    }));
  } catch (e) {
    process.stderr.write(`logweave-listener: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  if (values.config === undefined) {
    process.stderr.write(`logweave-listener: --config is required\n${USAGE}`);
    return 2;
  }
  let listener: LogListener;
  try {
    listener = new LogListener(loadListenerConfig(values.config));
  } catch (e) {
    process.stderr.write(`logweave-listener: ${(e as Error).message}\n`);
    return 2;
  }
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    process.stderr.write(`logweave-listener: ${signal}: draining\n`);
    listener.stop().then(
      () => {
        process.stdout.write(`stopped ${JSON.stringify(listener.metrics.summary())}\n`);
        process.exit(0);
      },
      (e: unknown) => {
        process.stderr.write(`logweave-listener: shutdown failed: ${String(e)}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
  try {
    const a = await listener.start();
    const parts = Object.entries(a.sources).map(([k, v]) => `${k}=${v}`);
    if (a.http) parts.push(`http=${a.http}`);
    process.stdout.write(`listening ${parts.join(' ')}\n`);
  } catch (e) {
    process.stderr.write(`logweave-listener: cannot start: ${(e as Error).message}\n`);
    return 1;
  }
  return -1;
}

main().then((code) => {
  if (code >= 0) process.exit(code);
});
