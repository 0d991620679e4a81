/**
 * @internal The worker thread of a `WorkerQueueHandler`: imports the target module, calls
 * its export to build the handlers, and runs a `QueueListener` over the records arriving
 * on the port. Flush and close requests are answered through the shared control array,
 * which the main thread waits on with `Atomics.wait`.
 */
import { workerData } from 'node:worker_threads';
import { LoggingTypeError } from '../errors.js';
import { formatExceptionText } from '../exception-format.js';
import { type HandlerLike, QueueListener } from '../handlers/queue-listener.js';
import { Queue } from './queue.js';
import { decodeBatch, isBatch } from './record-batch.js';
import {
  ACK,
  ACK_ENDED,
  type ControlRequest,
  ENDED,
  HANDLED,
  RUNNING,
  STATE,
  type WorkerEntryData,
  type WorkerReport,
} from './worker-protocol.js';

const data = workerData as WorkerEntryData;
const control = new Int32Array(data.control);
const port = data.port;

function post(report: WorkerReport): void {
  port.postMessage(report);
}

function ended(): void {
  Atomics.store(control, STATE, ENDED);
  Atomics.store(control, ACK, ACK_ENDED);
  Atomics.notify(control, ACK);
}

// However the thread ends (closed, failed, an error thrown by a handler), waits return.
process.on('exit', ended);

function errorText(e: unknown): string {
  try {
    return formatExceptionText(e);
  } catch {
    return String(e);
  }
}

type Flushable = HandlerLike & { flush?: () => void; close?: () => void };

async function loadHandlers(): Promise<Flushable[]> {
  const mod = (await import(data.target)) as Record<string, unknown>;
  const factory = mod[data.exportName];
  if (typeof factory !== 'function') {
    throw new LoggingTypeError(
      `${data.target} has no export '${data.exportName}' that is a function`,
    );
  }
  const made = (await (factory as (o: unknown) => unknown)(data.options)) as unknown;
  const list = Array.isArray(made) ? made : [made];
  for (const h of list) {
    if (h === null || typeof h !== 'object' || typeof (h as Flushable).handle !== 'function') {
      throw new LoggingTypeError(
        `${data.target}: '${data.exportName}' must return a handler or an array of handlers`,
      );
    }
  }
  return list as Flushable[];
}

/** Counts handled records in the control array (the main thread's `maxsize` reads it). */
class CountingListener extends QueueListener<Queue> {
  override handle(record: unknown): void {
    try {
      super.handle(record);
    } finally {
      Atomics.add(control, HANDLED, 1);
    }
  }
}

function each(handlers: Flushable[], method: 'flush' | 'close'): void {
  for (const h of handlers) {
    try {
      h[method]?.();
    } catch (e) {
      process.stderr.write(`logweave: ${method}() of a worker handler failed:\n${errorText(e)}\n`);
    }
  }
}

async function main(): Promise<void> {
  let handlers: Flushable[];
  try {
    handlers = await loadHandlers();
  } catch (e) {
    post({ op: 'failed', error: errorText(e) });
    port.close();
    return;
  }
  const queue = new Queue();
  const listener = new CountingListener(queue, ...handlers, {
    respect_handler_level: data.respect_handler_level,
  });
  listener.start();
  const put = (record: object): void => queue.put_nowait(record);
  let pending: Promise<void> = Promise.resolve();
  const answer = async (request: ControlRequest): Promise<void> => {
    await queue.join();
    each(handlers, 'flush');
    if (request.op === 'close') {
      await listener.stop();
      each(handlers, 'close');
      port.close();
      ended();
      return;
    }
    Atomics.store(control, ACK, request.seq);
    Atomics.notify(control, ACK);
  };
  port.on('message', (message: unknown) => {
    if (isBatch(message)) {
      decodeBatch(message, put);
      return;
    }
    const request = message as ControlRequest;
    if (request.op === 'flush' || request.op === 'close') {
      pending = pending
        .then(() => answer(request))
        .catch((e: unknown) => {
          process.stderr.write(
            `logweave: a worker ${request.op} request failed:\n${errorText(e)}\n`,
          );
        });
    }
  });
  Atomics.store(control, STATE, RUNNING);
  post({ op: 'ready' });
}

void main();
