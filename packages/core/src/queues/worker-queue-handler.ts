import type { MessagePort, Worker, WorkerOptions } from 'node:worker_threads';
import { formatExceptionText } from '../exception-format.js';
import {
  QueueHandler,
  type QueueHandlerOptions,
  type WhenFull,
} from '../handlers/queue-handler.js';
import type { LogRecord } from '../record.js';
import { PortQueue } from './port-queue.js';
import { startWorker } from './start-worker.js';
import {
  ACK,
  CONTROL_LENGTH,
  type ControlRequest,
  ENDED,
  HANDLED,
  STATE,
  type WorkerEntryData,
  type WorkerReport,
} from './worker-protocol.js';

/** Options of {@link WorkerQueueHandler}. */
export interface WorkerQueueHandlerOptions extends QueueHandlerOptions {
  /**
   * The module the worker imports to build its handlers: a path (relative paths resolve
   * against the current directory), a `file:` URL, or a package name (resolved from
   * logweave's own location). Its `exportName` export is called with `options` and returns
   * a handler or an array of handlers (or a promise of them).
   */
  target: string | URL;
  /** The export of `target` to call. @default 'default' */
  exportName?: string;
  /** The argument of that export (structured-cloned into the worker). @default undefined */
  options?: unknown;
  /**
   * Whether the worker's listener gives a record only to handlers whose level it reaches.
   * @default false
   */
  respect_handler_level?: boolean;
  /**
   * The most records posted and not yet handled by the worker; beyond it `whenFull`
   * applies (`'drop-newest'` or `'drop-oldest'` keep the caller from ever waiting).
   * 0 means unbounded.
   * @default 0
   */
  maxsize?: number;
  /** Records per message to the worker. @default 256 */
  batchSize?: number;
  /**
   * The longest `flush()` and `close()` wait for the worker, in ms (at exit as well).
   * @default 10000
   */
  flushTimeout?: number;
  /** The worker's `threadName` (for records its own code logs). @default 'QueueListener' */
  threadName?: string;
  /**
   * Node options of the worker thread.
   * @default this thread's options, as Node passes them on (see `startWorker`)
   */
  execArgv?: string[];
}

// The worker entry next to this file: `.ts` when running from source (tsx, vitest), `.js`
// from the build.
const ENTRY = new URL(
  `./worker-entry.${import.meta.url.endsWith('.ts') ? 'ts' : 'js'}`,
  import.meta.url,
);

function targetSpecifier(target: string | URL): string {
  if (target instanceof URL) return target.href;
  if (/^[a-z][a-z0-9+.-]*:/i.test(target) && !/^[a-z]:[\\/]/i.test(target)) return target;
  if (target.startsWith('.') || target.startsWith('/') || /^[a-z]:[\\/]/i.test(target)) {
    const { pathToFileURL } = process.getBuiltinModule('node:url');
    return pathToFileURL(process.getBuiltinModule('node:path').resolve(target)).href;
  }
  return target;
}

function errorText(e: unknown): string {
  try {
    return formatExceptionText(e);
  } catch {
    return String(e);
  }
}

/**
 * A {@link QueueHandler} whose {@link QueueListener} and handlers run in a worker thread,
 * like a pino transport but with any logweave handlers: the logging thread formats the
 * message and posts the record (batched per event-loop turn); the worker imports `target`,
 * builds the handlers, and does the formatting and I/O. Records keep the caller's
 * `threadName`.
 *
 * ```ts
 * // log-target.js
 * export default ({ path }) => {
 *   const h = new FileHandler(path);
 *   h.setFormatter(new Formatter('%(asctime)s %(threadName)s %(message)s'));
 *   return h;
 * };
 * // app
 * const h = new WorkerQueueHandler({ target: new URL('./log-target.js', import.meta.url),
 *                                     options: { path: 'app.log' } });
 * getLogger().addHandler(h);
 * ```
 *
 * `flush()` and `close()` are synchronous: they post what is waiting and wait (with
 * `Atomics.wait`, at most `flushTimeout`) until the worker has handled it and flushed its
 * handlers (`close()` then closes them and ends the worker). `shutdown()` calls them at
 * exit, so records logged before the process ends are written. Once it has started, the
 * worker does not keep the process alive. If the worker fails (the target throws, a handler crashes it), the
 * failure is reported once on stderr and later records are counted in `dropped`.
 */
export class WorkerQueueHandler extends QueueHandler<PortQueue> {
  /** The worker thread. */
  readonly worker: Worker;
  /** Resolves once the worker has built its handlers; rejects if it could not. */
  readonly ready: Promise<void>;
  readonly #control: Int32Array;
  readonly #port: MessagePort;
  readonly #flushTimeout: number;
  #seq = 0;
  #failure: string | null = null;
  #gone = false;
  #reportedLoss = false;

  /** @param options the worker's target module and the queue options. */
  constructor(options: WorkerQueueHandlerOptions) {
    const control = new Int32Array(new SharedArrayBuffer(4 * CONTROL_LENGTH));
    const { MessageChannel, receiveMessageOnPort } =
      process.getBuiltinModule('node:worker_threads');
    const { port1, port2 } = new MessageChannel();
    const maxsize = options.maxsize ?? 0;
    const queue = new PortQueue(port1, {
      batchSize: options.batchSize ?? 256,
      maxsize,
      handled: maxsize > 0 ? () => Atomics.load(control, HANDLED) : null,
    });
    const queueOptions: QueueHandlerOptions = {
      whenFull: options.whenFull ?? ('raise' as WhenFull),
    };
    if (options.onDrop !== undefined) queueOptions.onDrop = options.onDrop;
    super(queue, queueOptions);
    this.#control = control;
    this.#port = port1;
    this.#flushTimeout = options.flushTimeout ?? 10_000;
    const workerData: WorkerEntryData = {
      threadName: options.threadName ?? 'QueueListener',
      target: targetSpecifier(options.target),
      exportName: options.exportName ?? 'default',
      options: options.options,
      respect_handler_level: options.respect_handler_level ?? false,
      port: port2,
      control: control.buffer as SharedArrayBuffer,
    };
    const workerOptions: WorkerOptions = { workerData, transferList: [port2] };
    if (options.execArgv !== undefined) workerOptions.execArgv = options.execArgv;
    this.worker = startWorker(ENTRY, workerOptions);
    this.worker.unref();
    let settle: { resolve(): void; reject(e: Error): void } | undefined;
    this.ready = new Promise<void>((resolve, reject) => {
      settle = { resolve, reject };
    });
    this.ready.catch(() => {});
    // The port keeps the process alive until the worker has answered (so that awaiting
    // `ready` cannot end the process), and no longer.
    const onReport = (m: WorkerReport): void => {
      port1.unref();
      if (m.op === 'ready') settle?.resolve();
      else if (m.op === 'failed') {
        this.#fail(m.error);
        settle?.reject(new Error(m.error));
      }
    };
    port1.on('message', onReport);
    this.worker.on('error', (e: unknown) => {
      this.#fail(errorText(e));
      settle?.reject(e instanceof Error ? e : new Error(String(e)));
    });
    this.worker.on('exit', () => {
      this.#gone = true;
      // The worker's last report may still be queued on the port (event order across the
      // port and the worker is not guaranteed): read it before deciding why it ended.
      for (let r = receiveMessageOnPort(port1); r !== undefined; r = receiveMessageOnPort(port1)) {
        onReport(r.message as WorkerReport);
      }
      port1.unref();
      settle?.reject(new Error('the worker ended before it was ready'));
    });
  }

  /** Posts the record to the worker, or counts it as lost once the worker is gone. */
  override emit(record: LogRecord): void {
    if (this.#gone || this.#failure !== null || Atomics.load(this.#control, STATE) === ENDED) {
      this.#lose();
      return;
    }
    super.emit(record);
  }

  /**
   * Posts what is waiting and waits until the worker has handled it and flushed its
   * handlers (at most `flushTimeout` ms).
   */
  override flush(): void {
    if (!this.#alive()) return;
    this.queue.flushSync();
    this.#request('flush');
  }

  /**
   * Flushes, then has the worker stop its listener and close its handlers (waiting at most
   * `flushTimeout` ms), and ends the worker. Later records are counted as lost.
   */
  override close(): void {
    try {
      if (this.#alive()) {
        this.queue.flushSync();
        if (!this.#request('close')) void this.worker.terminate();
      }
      this.#gone = true;
      this.queue.close();
    } finally {
      super.close();
    }
  }

  #alive(): boolean {
    return !this.#gone && this.#failure === null && Atomics.load(this.#control, STATE) !== ENDED;
  }

  /** Sends a control request and waits for it; false when it timed out. */
  #request(op: ControlRequest['op']): boolean {
    const seq = ++this.#seq;
    const request: ControlRequest = { op, seq };
    this.#port.postMessage(request);
    const control = this.#control;
    const deadline = Date.now() + this.#flushTimeout;
    for (;;) {
      const ack = Atomics.load(control, ACK);
      if (ack >= seq) return true;
      const left = deadline - Date.now();
      if (left <= 0) {
        this.#report(`the worker did not answer ${op}() within ${this.#flushTimeout} ms`);
        return false;
      }
      Atomics.wait(control, ACK, ack, left);
    }
  }

  #fail(error: string): void {
    if (this.#failure !== null) return;
    this.#failure = error;
    this.#report(`the worker failed; records are being lost:\n${error}`);
  }

  #lose(): void {
    this.dropped++;
    if (this.#reportedLoss || this.#failure !== null) return;
    this.#reportedLoss = true;
    this.#report('the worker has ended; records are being lost');
  }

  #report(text: string): void {
    try {
      process.stderr.write(`logweave: WorkerQueueHandler: ${text}\n`);
    } catch {
      // Nothing left to report to.
    }
  }
}
