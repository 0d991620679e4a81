import { once } from 'node:events';
import { MessageChannel, type Worker } from 'node:worker_threads';
import {
  getLogger,
  type LogRecord,
  Queue,
  QueueListener,
  receiveFromPort,
  startWorker,
} from '@logweave/core';

const workerScript = new URL(
  `./work-thread.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

/**
 * Background work in a worker thread whose records are handled by this thread's logger tree,
 * as if it had logged here (the Qt recipe's worker QThread).
 */
export class BackgroundWork {
  #n = 0;
  readonly #running = new Set<{ worker: Worker; done: Promise<void> }>();

  /** Workers still running. */
  get running(): number {
    return this.#running.size;
  }

  /** Starts one worker that logs `count` records; resolves when it is running. */
  async start(count = 20): Promise<string> {
    const threadName = `Worker-${++this.#n}`;
    const queue = new Queue();
    const listener = new QueueListener(queue, {
      handle: (record: LogRecord) => getLogger(record.name).handle(record),
    });
    listener.start();
    const { port1, port2 } = new MessageChannel();
    receiveFromPort(queue, port1);
    const portClosed = once(port1, 'close');
    const worker = startWorker(workerScript, {
      workerData: { threadName, logPort: port2, count },
      transferList: [port2],
    });
    const entry = { worker, done: Promise.resolve() };
    entry.done = (async () => {
      // Everything the worker logged has arrived once its port closes (it closes it on exit).
      await portClosed;
      await listener.stop();
      this.#running.delete(entry);
    })();
    this.#running.add(entry);
    return threadName;
  }

  /** Asks every worker to stop and waits until what they logged has been handled. */
  async stop(): Promise<void> {
    const all = [...this.#running];
    for (const e of all) e.worker.postMessage('stop');
    await Promise.all(all.map((e) => e.done));
  }
}
