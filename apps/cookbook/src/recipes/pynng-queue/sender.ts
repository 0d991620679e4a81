// A sender process of recipe 19 (the cookbook's pynng sender): argv <url> <seed> <count>.
// Logs through an NNGSocketHandler on the root logger; once connected it tells the parent,
// waits for 'go', then logs <count> messages on random loggers at random levels with random
// pauses, as the Python sender's loop does.
import { setTimeout as sleep } from 'node:timers/promises';
import { CRITICAL, DEBUG, ERROR, getLogger, INFO, WARNING } from '@logweave/core';
import { NNGSocketHandler } from '@logweave/queue-nng';
import { choice, seeded } from '../multiple-processes/random.js';

const [url = '', seedText = '1', countText = '10'] = process.argv.slice(2);
const random = seeded(Number(seedText));

const handler = new NNGSocketHandler(url);
const root = getLogger();
root.addHandler(handler);
root.setLevel(DEBUG);

const levels = [DEBUG, INFO, WARNING, ERROR, CRITICAL];
const loggerNames = ['myapp', 'myapp.lib1', 'myapp.lib2'];

async function main(): Promise<void> {
  // Wait for the listener, so the demo's interleaving does not depend on start-up order.
  while (handler.queue.pipes.length === 0) await sleep(10);
  process.send?.('ready');
  await new Promise((resolve) => process.once('message', resolve));
  for (let msgno = 1; msgno <= Number(countText); msgno++) {
    const logger = getLogger(choice(random, loggerNames));
    logger.log(choice(random, levels), `Message no. ${String(msgno).padStart(5)}`);
    await sleep(5 + random() * 30);
  }
  process.disconnect?.();
}

await main();
