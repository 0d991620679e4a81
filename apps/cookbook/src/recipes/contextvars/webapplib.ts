import { setTimeout as sleep } from 'node:timers/promises';
import { getLogger } from '@logweave/core';

// A library used by both web apps: it knows nothing about requests, yet its records carry them.
const logger = getLogger('webapplib');

export async function useful(): Promise<void> {
  // Just a representative event logged from the library
  logger.debug('Hello from webapplib!');
  // Just sleep for a bit so other requests might be processed
  await sleep(10);
}
