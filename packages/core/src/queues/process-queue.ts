import type { ChildProcess, StdioOptions } from 'node:child_process';
import type { Readable } from 'node:stream';
import { type Destination, isDestination } from '../destination/destination.js';
import { FdDestination } from '../destination/fd-destination.js';
import type { WritableLike } from '../destination/node-stream-destination.js';
import { destinationFor } from '../destination/stream-destination.js';
import { LoggingValueError } from '../errors.js';

/** The child's fd of the log pipe that {@link withLogPipe} opens. */
export const LOG_PIPE_FD = 4;

/** The environment variable that tells a child which fd is its log pipe. */
export const LOG_PIPE_ENV = 'LOGWEAVE_LOG_FD';

/** The key of the IPC message that carries one record (`process.send` fallback). */
const IPC_KEY = 'logweaveRecord';

/**
 * The sending end of a queue from a child process (`child_process`, `cluster`) to its
 * parent. Each record (the plain object a `QueueHandler` prepares) is written as one line
 * of JSON, synchronously, to the log pipe the parent opened with {@link withLogPipe}
 * (fd `$LOGWEAVE_LOG_FD`): when `put_nowait()` returns, the record is in the pipe, so a
 * child that dies, even by SIGKILL, loses at most the record it was writing (the parent
 * discards a partial last line). Each child has its own pipe, so lines never interleave.
 * When the parent slows down the child waits for it (a blocking pipe), like a process
 * writing to a pipe.
 *
 * Without a log pipe, records go over the IPC channel with `process.send()`; that is
 * asynchronous: what Node has not written yet when the child is killed or calls
 * `process.exit()` is lost.
 *
 * ```ts
 * // parent
 * const child = fork('worker.js', withLogPipe());
 * receiveFromProcess(queue, child);
 * // child (worker.js)
 * getLogger().addHandler(new QueueHandler(new ProcessQueue()));
 * ```
 */
export class ProcessQueue {
  /** Where the JSON lines go, or null when records go through `process.send()`. */
  readonly destination: Destination | null;
  #closed = false;

  /**
   * @param target the log pipe: an fd, a {@link Destination} or a writable stream; by
   *   default the fd in `$LOGWEAVE_LOG_FD`, else the IPC channel (`process.send`).
   * @throws LoggingValueError when there is neither a target nor an IPC channel.
   */
  constructor(target?: number | Destination | WritableLike | null) {
    if (target === undefined || target === null) {
      const env = process.env[LOG_PIPE_ENV];
      const fd = env ? Number(env) : Number.NaN;
      if (Number.isInteger(fd) && fd >= 0) {
        this.destination = new FdDestination(fd, { minLength: 0 });
      } else if (typeof process.send === 'function') {
        this.destination = null;
      } else {
        throw new LoggingValueError(
          `ProcessQueue: no log pipe ($${LOG_PIPE_ENV} is not set) and no IPC channel`,
        );
      }
    } else if (typeof target === 'number') {
      this.destination = new FdDestination(target, { minLength: 0 });
    } else {
      this.destination = isDestination(target) ? target : destinationFor(target);
    }
  }

  /**
   * Sends one record: a JSON line written to the pipe before returning, or an IPC
   * message. JSON errors (a BigInt, a cycle) and write errors are thrown to the caller
   * (`QueueHandler.emit()` reports them with `handleError()`).
   */
  put_nowait(item: unknown): void {
    if (this.#closed) throw new LoggingValueError('I/O operation on closed queue.');
    const d = this.destination;
    if (d !== null) d.write(`${JSON.stringify(item)}\n`);
    else process.send!({ [IPC_KEY]: item });
  }

  /** The same as `put_nowait()`. */
  put(item: unknown): void {
    this.put_nowait(item);
  }

  /** Writes anything the destination still buffers. */
  flushSync(): void {
    this.destination?.flushSync();
  }

  /** Flushes and closes the destination; later records throw. */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.destination?.closeSync();
  }
}

/**
 * `stdio` for a child with a log pipe: `stdio` (a string or array; default `'inherit'`)
 * with `'ipc'` at index 3 when it has none, and `'pipe'` at {@link LOG_PIPE_FD}.
 * @throws LoggingValueError when index 4 is already used.
 */
export function logPipeStdio(stdio: StdioOptions = 'inherit'): StdioOptions {
  const list: unknown[] = typeof stdio === 'string' ? [stdio, stdio, stdio] : [...stdio];
  for (let i = 0; i < 3; i++) list[i] ??= 'pipe';
  if (!list.includes('ipc')) {
    if (list[3] !== undefined) {
      throw new LoggingValueError('logPipeStdio: stdio[3] is used and there is no ipc entry');
    }
    list[3] = 'ipc';
  }
  list[3] ??= 'ignore';
  if (list[LOG_PIPE_FD] !== undefined) {
    throw new LoggingValueError(`logPipeStdio: stdio[${LOG_PIPE_FD}] is already used`);
  }
  list[LOG_PIPE_FD] = 'pipe';
  return list as StdioOptions;
}

/** Options of `fork()`/`spawn()` that {@link withLogPipe} extends. */
export interface LogPipeSpawnOptions {
  /** As in `child_process`. */
  stdio?: StdioOptions;
  /** As in `child_process` (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /** As in `fork()`: pipes for the standard streams. */
  silent?: boolean;
}

/**
 * `fork()`/`spawn()` options plus a log pipe for a {@link ProcessQueue} in the child:
 * `stdio` from {@link logPipeStdio} (default: the standard streams inherited, or piped with
 * `silent`) and `$LOGWEAVE_LOG_FD` in the environment. For `cluster`, use
 * `cluster.setupPrimary({ stdio: logPipeStdio() })` and
 * `cluster.fork({ [LOG_PIPE_ENV]: String(LOG_PIPE_FD) })`.
 */
export function withLogPipe<O extends LogPipeSpawnOptions>(options: O = {} as O): O {
  return {
    ...options,
    stdio: logPipeStdio(options.stdio ?? (options.silent ? 'pipe' : 'inherit')),
    env: { ...(options.env ?? process.env), [LOG_PIPE_ENV]: String(LOG_PIPE_FD) },
  };
}

/** The longest line a receiver accepts by default: 16 Mi characters. */
export const DEFAULT_MAX_LINE_LENGTH = 16 * 1024 * 1024;

/** Options of {@link receiveFromStream} and {@link receiveFromProcess}. */
export interface ReceiveOptions {
  /**
   * The longest line (in UTF-16 code units) taken as a record; a longer one is discarded
   * and reported, and never held in memory whole.
   * @default DEFAULT_MAX_LINE_LENGTH (16 Mi)
   */
  maxLineLength?: number;
}

function maxLineLengthOf(options: ReceiveOptions): number {
  const max = options.maxLineLength ?? DEFAULT_MAX_LINE_LENGTH;
  if (!Number.isInteger(max) || max < 1) {
    throw new LoggingValueError(`maxLineLength must be a positive integer, not ${String(max)}`);
  }
  return max;
}

/** What {@link receiveFromStream} reports about one stream of records. */
export interface StreamReceiver {
  /** Records put on the queue so far. */
  readonly received: number;
  /**
   * Lines dropped: a partial last record (the writer died mid-write), a line that is not a
   * JSON object, or one longer than `maxLineLength`.
   */
  readonly discarded: number;
  /** Resolves when the stream has ended and every complete record has been queued. */
  readonly done: Promise<void>;
}

/** What {@link receiveFromProcess} reports about one child. */
export interface ProcessReceiver extends StreamReceiver {
  /** Resolves when the child has exited and everything it sent has been queued. */
  readonly done: Promise<void>;
}

/** A child process, or a `cluster` worker (its `process` is used). */
export type ChildLike = ChildProcess | { process: ChildProcess };

function report(line: string): void {
  try {
    process.stderr.write(`logweave: ${line}\n`);
  } catch {
    // Nothing left to report to.
  }
}

/** Puts items on a queue, counting them, and reporting (once per outage) what it refuses. */
class Counter {
  received = 0;
  discarded = 0;
  #failing = false;
  constructor(
    readonly queue: { put_nowait(item: never): void },
    readonly source: string,
  ) {}

  put(item: unknown): void {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      this.discarded++;
      report(`discarded a line from ${this.source} that is not a JSON record`);
      return;
    }
    try {
      this.queue.put_nowait(item as never);
      this.received++;
      this.#failing = false;
    } catch (e) {
      this.discarded++;
      if (!this.#failing) report(`a record from ${this.source} could not be queued: ${String(e)}`);
      this.#failing = true;
    }
  }
}

/**
 * Reads JSON lines from `stream` into `counter`; resolves when the stream has closed. A line
 * longer than `maxLineLength` is discarded and reported as soon as it is known to be too
 * long, and the rest of it skipped, so a writer that never ends its line costs bounded memory.
 */
function readLines(stream: Readable, counter: Counter, maxLineLength: number): Promise<void> {
  let rest = '';
  let skipping = false;
  const tooLong = (): void => {
    counter.discarded++;
    report(`discarded a line from ${counter.source} longer than ${maxLineLength} characters`);
  };
  const parse = (line: string): void => {
    if (line.length > maxLineLength) {
      tooLong();
      return;
    }
    let item: unknown;
    try {
      item = JSON.parse(line);
    } catch {
      item = undefined;
    }
    counter.put(item);
  };
  return new Promise<void>((resolve) => {
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => {
      let start = 0;
      let nl = chunk.indexOf('\n');
      if (nl >= 0) {
        if (skipping) skipping = false;
        else parse(rest + chunk.slice(0, nl));
        rest = '';
        start = nl + 1;
        while ((nl = chunk.indexOf('\n', start)) >= 0) {
          parse(chunk.slice(start, nl));
          start = nl + 1;
        }
      } else if (skipping) {
        return;
      }
      rest += start === 0 ? chunk : chunk.slice(start);
      if (rest.length > maxLineLength) {
        tooLong();
        rest = '';
        skipping = true;
      }
    });
    stream.on('error', () => {});
    stream.on('close', () => {
      if (rest !== '') {
        counter.discarded++;
        rest = '';
        report(`discarded the incomplete last record of ${counter.source} (it ended mid-write)`);
      }
      resolve();
    });
  });
}

/**
 * Puts every JSON-line record read from `stream` on `queue` (the format {@link ProcessQueue}
 * writes), for a process that reads records from a pipe: e.g. in a child whose parent
 * writes to its log pipe, `new net.Socket({ fd: LOG_PIPE_FD, writable: false })`. A
 * partial last line is discarded and reported on stderr, as is a line that is not a JSON
 * object or is longer than `options.maxLineLength`.
 * @param source how reports name the writer. @default 'a stream'
 * @throws LoggingValueError when `maxLineLength` is not a positive integer.
 */
export function receiveFromStream(
  queue: { put_nowait(item: never): void },
  stream: Readable,
  source = 'a stream',
  options: ReceiveOptions = {},
): StreamReceiver {
  const maxLineLength = maxLineLengthOf(options);
  const counter = new Counter(queue, source);
  const done = readLines(stream, counter, maxLineLength);
  return {
    get received() {
      return counter.received;
    },
    get discarded() {
      return counter.discarded;
    },
    done,
  };
}

/**
 * The receiving end of {@link ProcessQueue}: every record the child writes to its log pipe
 * (fd {@link LOG_PIPE_FD}, opened with {@link withLogPipe}) or sends over IPC is put on
 * `queue` as a plain object (`QueueListener.prepare()` makes the `LogRecord`). A partial
 * last line (the child died while writing it) is discarded and reported on stderr, as is
 * a line that is not JSON.
 */
export function receiveFromProcess(
  queue: { put_nowait(item: never): void },
  child: ChildLike,
  options: ReceiveOptions = {},
): ProcessReceiver {
  const maxLineLength = maxLineLengthOf(options);
  const proc = (child as { process?: ChildProcess }).process ?? (child as ChildProcess);
  const counter = new Counter(queue, `process ${proc.pid}`);
  const pipe = proc.stdio[LOG_PIPE_FD] as Readable | null | undefined;
  const pipeDone =
    pipe === null || pipe === undefined ? undefined : readLines(pipe, counter, maxLineLength);
  const onMessage = (m: unknown): void => {
    if (m !== null && typeof m === 'object' && IPC_KEY in m) {
      counter.put((m as Record<string, unknown>)[IPC_KEY]);
    }
  };
  proc.on('message', onMessage);
  // Not 'close': Node never emits it once the parent has called disconnect().
  const exited = new Promise<void>((resolve) => {
    if (proc.exitCode !== null || proc.signalCode !== null) resolve();
    else proc.once('exit', () => resolve());
  });
  // IPC messages sent before the child ended arrive before 'disconnect'.
  const disconnected = new Promise<void>((resolve) => {
    if (!proc.connected) resolve();
    else proc.once('disconnect', () => resolve());
  });
  const done = Promise.all([pipeDone, exited, disconnected]).then(() => {
    proc.removeListener('message', onMessage);
  });
  return {
    get received() {
      return counter.received;
    },
    get discarded() {
      return counter.discarded;
    },
    done,
  };
}
