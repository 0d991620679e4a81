import { fork } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { Formatter, type LogRecord, StreamHandler } from '@logweave/core';
import { NNGSocketListener } from '@logweave/queue-nng';
import type { Recipe } from '../../recipe.js';

const senderScript = fileURLToPath(
  new URL(`./sender.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

/** Messages each sender logs. */
const PER_SENDER = 10;

/**
 * Recipe 19: the cookbook's pynng example. One listener (an NNG SUB socket listening) prints
 * what two sender processes (NNG PUB sockets dialing it) log, their records interleaved.
 */
export const pynngQueue: Recipe = {
  number: 19,
  id: 'pynng-queue',
  title: 'Subclassing QueueHandler and QueueListener - a pynng example',
  async run() {
    const toConsole = new StreamHandler(process.stdout);
    toConsole.setFormatter(new Formatter('%(process)7d %(name)-10s %(levelname)-8s %(message)s'));
    let received = 0;
    const counter = {
      handle(_record: LogRecord): void {
        received++;
      },
    };
    // Python: NNGSocketListener(DEFAULT_ADDR, StreamHandler(), ...).start()
    const listener = new NNGSocketListener('tcp://127.0.0.1:0', toConsole, counter);
    await listener.ready;
    listener.start();
    const url = `tcp://127.0.0.1:${listener.port}`;

    const senders = [1, 2].map((seed) =>
      fork(senderScript, [url, String(seed), String(PER_SENDER)], { stdio: 'inherit' }),
    );
    const exited = senders.map((c) => new Promise((r) => c.once('exit', r)));
    await Promise.all(senders.map((c) => new Promise((r) => c.once('message', r))));
    for (const c of senders) c.send('go');
    await Promise.all(exited);
    // Everything was sent before the senders exited; give the last bytes a moment to land.
    for (let i = 0; i < 200 && received < 2 * PER_SENDER; i++) await sleep(10);
    await listener.stop();
    process.stdout.write(`listener: ${received} records from ${senders.length} senders\n`);
  },
};
