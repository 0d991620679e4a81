import { FileHandler, Formatter, type LogRecord } from '@logweave/core';

/** Options of {@link slowFileHandler}. */
export interface SlowTargetOptions {
  /** The log file. */
  path: string;
  /** How long each record blocks its thread, in ms (a stand-in for an SMTP round trip). */
  delayMs: number;
}

const pause = new Int32Array(new SharedArrayBuffer(4));

/** Runs in the worker thread: a FileHandler that blocks for `delayMs` on every record. */
export function slowFileHandler({ path, delayMs }: SlowTargetOptions): FileHandler {
  class SlowFileHandler extends FileHandler {
    override emit(record: LogRecord): void {
      Atomics.wait(pause, 0, 0, delayMs);
      super.emit(record);
    }
  }
  const h = new SlowFileHandler(path, 'w');
  h.setFormatter(new Formatter('%(threadName)s %(levelname)s %(message)s'));
  return h;
}
