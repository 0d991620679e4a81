// Targets for WorkerQueueHandler tests: modules the worker imports to build its handlers.
import { Formatter } from '../../formatter.js';
import { Handler } from '../../handler.js';
import { FileHandler } from '../../handlers/file-handler.js';
import type { LogRecord } from '../../record.js';
import { getThreadName } from '../../runtime-identity.js';

/** Options of the targets. */
export interface TargetOptions {
  /** The log file. */
  path: string;
  /** Its format. */
  fmt?: string;
  /** Milliseconds each record takes (a slow handler). */
  delayMs?: number;
}

function fileHandler(o: TargetOptions, level = 0, path = o.path): FileHandler {
  const h = new FileHandler(path, 'w');
  h.setLevel(level);
  h.setFormatter(new Formatter(o.fmt ?? '%(threadName)s %(levelname)s %(message)s'));
  return h;
}

/** One FileHandler (optionally slow), plus a first line naming the worker's thread. */
export default function fileTarget(o: TargetOptions): Handler {
  const h = fileHandler(o);
  if (!o.delayMs) return h;
  const cell = new Int32Array(new SharedArrayBuffer(4));
  const emit = h.emit.bind(h);
  h.emit = (record: LogRecord): void => {
    Atomics.wait(cell, 0, 0, o.delayMs);
    emit(record);
  };
  return h;
}

/** Two files: `<path>` gets everything, `<path>.errors` only ERROR and above. */
export function twoLevels(o: TargetOptions): Handler[] {
  return [fileHandler(o), fileHandler(o, 40, `${o.path}.errors`)];
}

/** Writes the worker's own thread name as the first line (async factory). */
export async function announce(o: TargetOptions): Promise<Handler> {
  const h = fileHandler(o);
  h.stream?.write(`worker thread: ${getThreadName()}\n`);
  return h;
}

/** A target that cannot build its handlers. */
export function failing(): never {
  throw new Error('target refused to start');
}

/** A handler that crashes its thread (an error thrown outside logging) on the first record. */
export function crashing(): Handler {
  class Crashing extends Handler {
    override emit(): void {
      setImmediate(() => {
        throw new Error('worker handler crashed');
      });
    }
  }
  return new Crashing();
}

/** Not a function. */
export const notAFunction = 42;
