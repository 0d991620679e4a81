import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  ProcessQueue,
  Queue,
  QueueHandler,
  QueueListener,
  receiveFromProcess,
  withLogPipe,
} from '@logweave/core';
import type { Recipe } from '../../recipe.js';
import { configInitial } from './configs.js';
import { setupLogger } from './setup.js';

const ext = import.meta.url.endsWith('.ts') ? 'ts' : 'js';
const script = (name: string): string =>
  fileURLToPath(new URL(`./${name}.${ext}`, import.meta.url));

function start(name: string, file: string, args: string[]) {
  return fork(
    script(file),
    args,
    withLogPipe({ env: { ...process.env, LOGWEAVE_PROCESS_NAME: name } }),
  );
}

/** Recipe 22: main, listener and worker processes, each with its own logging configuration. */
export const multiprocessingExample: Recipe = {
  number: 22,
  id: 'multiprocessing-example',
  title: 'A more elaborate multiprocessing example',
  packages: ['core'],
  async run({ outDir }) {
    // Log some initial events, just to show that logging in the parent works normally.
    configInitial();
    const logger = setupLogger;
    logger.info('About to create workers ...');
    // Node has no queue shared by unrelated processes: the workers send their records to
    // this process (one log pipe each), which passes them on to the listener's pipe.
    const q = new Queue();
    const workers = [1, 2, 3, 4, 5].map((i) => {
      const wp = start(`worker ${i}`, 'worker-process', [`${i}`]);
      return receiveFromProcess(q, wp).done;
    });
    logger.info('Started worker processes');
    logger.info('About to create listener ...');
    const lp = start('listener', 'listener-process', [outDir]);
    const listenerPipe = lp.stdio[4] as NodeJS.WritableStream & { end(): void };
    const relay = new QueueListener(q, new QueueHandler(new ProcessQueue(listenerPipe)));
    relay.start();
    logger.info('Started listener');
    // We now hang around for the workers to finish their work.
    await Promise.all(workers);
    // Workers all done, listening can now stop. Logging in the parent still works normally.
    logger.info('Telling listener to stop ...');
    await relay.stop();
    listenerPipe.end();
    await new Promise<void>((resolve) => lp.once('exit', () => resolve()));
    logger.info('All done.');
  },
};
