import { type ChildProcess, fork } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  DEBUG,
  ERROR,
  FileHandler,
  Formatter,
  getLogger,
  type Handler,
  INFO,
  type LogRecord,
  Queue,
  QueueListener,
  receiveFromProcess,
  StreamHandler,
  withLogPipe,
} from '@logweave/core';
import { dictConfig } from '@logweave/config';
import type { Recipe } from '../../recipe.js';

const workerScript = fileURLToPath(
  new URL(`./worker-process.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`, import.meta.url),
);

/**
 * The listener's handler: each record goes to the logger it was logged on here, whose
 * handlers write it (no level or filter logic applied: just do it).
 */
const dispatch = {
  handle(record: LogRecord): void {
    getLogger(record.name).handle(record);
  },
};

/** Starts a worker process named `name` whose records go to `queue`. */
function startWorker(
  queue: Queue,
  name: string,
  args: string[],
): { child: ChildProcess; done: Promise<void> } {
  const child = fork(
    workerScript,
    args,
    withLogPipe({ env: { ...process.env, LOGWEAVE_PROCESS_NAME: name } }),
  );
  return { child, done: receiveFromProcess(queue, child).done };
}

/** Adds handlers to the root for one example, and returns the function that removes them. */
function configureRoot(level: number, handlers: Handler[]): () => void {
  const root = getLogger();
  root.setLevel(level);
  for (const h of handlers) root.addHandler(h);
  return () => {
    for (const h of handlers) {
      root.removeHandler(h);
      h.close();
    }
  };
}

/** The cookbook's first example: the listener owns mptest.log; workers send it records. */
async function listenerAndWorkers(outDir: string): Promise<void> {
  // listener_configurer (Python uses a RotatingFileHandler, from the handlers-file package)
  const h = new FileHandler(join(outDir, 'mptest.log'), 'a');
  h.setFormatter(
    new Formatter('%(asctime)s %(processName)-10s %(name)s %(levelname)-8s %(message)s'),
  );
  const unconfigure = configureRoot(DEBUG, [h]);
  const queue = new Queue();
  const listener = new QueueListener(queue, dispatch);
  listener.start();
  const workers = [1, 2, 3, 4].map((i) => startWorker(queue, `Process-${i}`, ['random', `${i}`]));
  await Promise.all(workers.map((w) => w.done));
  await listener.stop(); // Python: queue.put_nowait(None); listener.join()
  unconfigure();
}

/**
 * The "logging thread" example, configured as the cookbook does: with a dictConfig
 * dictionary (`d`), which works unchanged here.
 */
async function loggingThread(outDir: string): Promise<void> {
  const d = {
    version: 1,
    // The cookbook runs this as its own program; here the first example's loggers exist
    // already, and must not be disabled for the third.
    disable_existing_loggers: false,
    formatters: {
      detailed: {
        class: 'logging.Formatter',
        format: '%(asctime)s %(name)-15s %(levelname)-8s %(processName)-10s %(message)s',
      },
    },
    handlers: {
      console: { class: 'logging.StreamHandler', level: 'INFO' },
      file: {
        class: 'logging.FileHandler',
        filename: join(outDir, 'mplog.log'),
        mode: 'w',
        formatter: 'detailed',
      },
      foofile: {
        class: 'logging.FileHandler',
        filename: join(outDir, 'mplog-foo.log'),
        mode: 'w',
        formatter: 'detailed',
      },
      errors: {
        class: 'logging.FileHandler',
        filename: join(outDir, 'mplog-errors.log'),
        mode: 'w',
        level: 'ERROR',
        formatter: 'detailed',
      },
    },
    loggers: { foo: { handlers: ['foofile'] } },
    root: { level: 'DEBUG', handlers: ['console', 'file', 'errors'] },
  };
  await dictConfig(d);

  const queue = new Queue();
  const workers = [1, 2, 3, 4, 5].map((i) =>
    startWorker(queue, `worker ${i}`, ['numbered', `${100 + i}`]),
  );
  const lp = new QueueListener(queue, dispatch); // logger_thread
  lp.start();
  // At this point, the main process could do some useful work of its own. Once it's done
  // that, it can wait for the workers to terminate...
  await Promise.all(workers.map((w) => w.done));
  // And now tell the logging thread to finish up, too
  await lp.stop();
  // Take the configuration down again (its handlers are closed) for the next example.
  await dictConfig({
    version: 1,
    disable_existing_loggers: false,
    loggers: { foo: {} },
    root: { handlers: [] },
  });
}

/** The process-pool example: 3 pool processes run 10 tasks; their records go to pool.log. */
async function processPool(outDir: string): Promise<void> {
  const h = new FileHandler(join(outDir, 'pool.log'), 'w');
  h.setFormatter(
    new Formatter('%(asctime)s %(processName)-10s %(name)s %(levelname)-8s %(message)s'),
  );
  const unconfigure = configureRoot(DEBUG, [h]);
  const queue = new Queue();
  const listener = new QueueListener(queue, dispatch);
  listener.start();
  const pool = [1, 2, 3].map((i) => startWorker(queue, `Pool-${i}`, ['pool', `${200 + i}`]));
  // Submit 10 tasks: each goes to a pool process as soon as one is free (a pool process
  // says so when it has started and whenever it has finished a task).
  let next = 0;
  await Promise.all(
    pool.map(
      ({ child }) =>
        new Promise<void>((resolve) => {
          const submit = (): void => {
            if (next >= 10) {
              child.disconnect();
              resolve();
              return;
            }
            child.send(next++);
          };
          child.on('message', submit);
        }),
    ),
  );
  await Promise.all(pool.map((w) => w.done));
  await listener.stop();
  unconfigure();
}

/** Recipe 14: many processes log to files owned by one listener. */
export const multipleProcesses: Recipe = {
  number: 14,
  id: 'multiple-processes',
  title: 'Logging to a single file from multiple processes',
  packages: ['core'],
  async run({ outDir }) {
    await listenerAndWorkers(outDir);
    await loggingThread(outDir);
    await processPool(outDir);
  },
};
