import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { FdDestination, Formatter, getLogger, StreamHandler } from '@logweave/core';
import { LogRecordSocketReceiver } from '@logweave/handlers-net';
import type { Recipe } from '../../recipe.js';

const senderScript = fileURLToPath(
  new URL(`./sender.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

/** The receiver's output format (the cookbook's `basicConfig` format). */
export const RECEIVER_FORMAT = '%(relativeCreated)5d %(name)-15s %(levelname)-8s %(message)s';

/**
 * The receiving end: a LogRecordSocketReceiver whose records go to local loggers; the root
 * logger writes them to stdout with the cookbook's format. Listens on `port` (0: any free one).
 */
export async function startReceiver(
  port = 0,
  host = '127.0.0.1',
): Promise<{ receiver: LogRecordSocketReceiver; port: number }> {
  const handler = new StreamHandler(new FdDestination(1, { minLength: 0 }));
  handler.setFormatter(new Formatter(RECEIVER_FORMAT));
  getLogger('').addHandler(handler);
  const receiver = new LogRecordSocketReceiver({ host, port });
  const address = await receiver.listen();
  return { receiver, port: address.port as number };
}

/**
 * Runs the sender in its own process (records must not loop back through this process's
 * root logger), with this process's Node options unless `execArgv` is given.
 */
export function runSender(
  host: string,
  port: number,
  execArgv: string[] = process.execArgv,
): Promise<number | null> {
  const child = spawn(process.execPath, [...execArgv, senderScript, host, String(port)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => process.stdout.write(d));
  child.stderr.on('data', (d: Buffer) => process.stderr.write(d));
  return new Promise((resolve) => child.on('close', (code) => resolve(code)));
}

export const networkLogging: Recipe = {
  number: 8,
  id: 'network-logging',
  title: 'Sending/receiving events across a network',
  packages: ['handlers-net'],
  async run() {
    process.stdout.write('About to start TCP server...\n');
    const { receiver, port } = await startReceiver();
    const code = await runSender('127.0.0.1', port);
    const end = Date.now() + 10_000;
    while (receiver.received < 5 && Date.now() < end) await new Promise((r) => setTimeout(r, 10));
    await receiver.close();
    if (code !== 0) throw new Error(`the sender exited with ${code}`);
  },
};
