// Runs inside a worker thread (see runtime-identity.test.ts): reports the record identity.
import { parentPort } from 'node:worker_threads';
import { LogRecord } from '../record.js';
import { setThreadName } from '../runtime-identity.js';

const first = new LogRecord('w', 20, '', 0, 'm', [], null);
setThreadName('renamed');
const second = new LogRecord('w', 20, '', 0, 'm', [], null);
parentPort?.postMessage({
  thread: first.thread,
  threadName: first.threadName,
  process: first.process,
  processName: first.processName,
  renamed: second.threadName,
});
