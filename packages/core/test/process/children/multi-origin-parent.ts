// Parent process of multi-origin.test.ts: one QueueListener and one FileHandler receive
// the records of 4 worker threads (PortQueue) and 4 child processes (ProcessQueue).
// argv: <out file> <records per origin> <scenario: 'clean' | 'crashes'>.
// Prints a JSON summary on stdout when everything has been handled.
import { fork } from 'node:child_process';
import { once } from 'node:events';
import { MessageChannel } from 'node:worker_threads';
import {
  FileHandler,
  Formatter,
  Queue,
  QueueListener,
  receiveFromPort,
  receiveFromProcess,
  startWorker,
  withLogPipe,
} from '../../../src/index.js';

const [out = 'multi-origin.log', countText = '10000', scenario = 'clean'] = process.argv.slice(2);
const count = Number(countText);
const crashes = scenario === 'crashes';

const queue = new Queue();
const file = new FileHandler(out, 'w');
file.setFormatter(new Formatter('%(processName)s %(threadName)s %(name)s %(message)s'));
const listener = new QueueListener(queue, file);
listener.start();

const workerErrors: string[] = [];
const threadsDone: Promise<unknown>[] = [];
for (let i = 1; i <= 4; i++) {
  const { port1, port2 } = new MessageChannel();
  receiveFromPort(queue, port1);
  // In the crash scenario, thread 2 throws after logging half of its records.
  const crashAt = crashes && i === 2 ? count / 2 : -1;
  const worker = startWorker(new URL('./multi-origin-thread.ts', import.meta.url), {
    workerData: { threadName: `Thread-${i}`, logPort: port2, origin: i, count, crashAt },
    transferList: [port2],
  });
  worker.on('error', (e: Error) => workerErrors.push(e.message));
  threadsDone.push(Promise.all([once(port1, 'close'), once(worker, 'exit').catch(() => {})]));
}

const children = [];
for (let i = 1; i <= 4; i++) {
  // In the crash scenario, process 3 SIGKILLs itself after half of its records and
  // process 4 is killed by the parent while it writes.
  const mode = crashes && i === 3 ? 'kill-self' : crashes && i === 4 ? 'forever' : 'clean';
  const child = fork(
    new URL('./multi-origin-child.ts', import.meta.url),
    [String(i), String(count), mode],
    withLogPipe({ env: { ...process.env, LOGWEAVE_PROCESS_NAME: `Process-${i}` } }),
  );
  const receiver = receiveFromProcess(queue, child);
  children.push({ i, child, receiver, mode });
}

const killed = children.find((c) => c.mode === 'forever');
if (killed !== undefined) {
  // Kill it once a good part of its records has arrived.
  const timer = setInterval(() => {
    if (killed.receiver.received >= count / 4) {
      clearInterval(timer);
      killed.child.kill('SIGKILL');
    }
  }, 1);
}

await Promise.all([...threadsDone, ...children.map((c) => c.receiver.done)]);
await listener.stop();
file.close();
process.stdout.write(
  `${JSON.stringify({
    workerErrors,
    children: children.map((c) => ({
      origin: c.i,
      received: c.receiver.received,
      discarded: c.receiver.discarded,
      exitCode: c.child.exitCode,
      signal: c.child.signalCode,
    })),
  })}\n`,
);
