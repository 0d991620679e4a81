import type { WritableLike } from '../destination/node-stream-destination.js';
import { stdFdDestination } from '../destination/stream-destination.js';
import { checkLevel, type Level, NOTSET, WARNING } from '../levels.js';
import type { LogRecord } from '../record.js';
import { untracked } from '../shutdown.js';
import { StreamHandler } from './stream-handler.js';

/**
 * CPython's `_StderrHandler`: a {@link StreamHandler} that always writes to the *current*
 * `process.stderr` (looked up for every record, so replacing or spying on
 * `process.stderr.write` is honoured), with `process.stderr.write()` itself: unbuffered,
 * like Python's stderr. Output that `StreamHandler`s have buffered for stderr is written
 * first, so records stay in order.
 */
export class StderrHandler extends StreamHandler {
  /** @param level the handler's level. */
  constructor(level: Level = NOTSET) {
    super();
    this.level = checkLevel(level);
  }

  /**
   * None at construction: `process.stderr` is read per record, so creating `lastResort`
   * (at import) does not create the stderr stream (which loads `net` or `tty`).
   */
  protected override defaultStream(): WritableLike | null {
    return null;
  }

  /** Always the current `process.stderr`. */
  override get stream(): WritableLike {
    return process.stderr;
  }
  override set stream(_stream: WritableLike | null) {
    // As CPython's read-only property; the stream is always the current stderr.
  }

  /** Nothing to flush: every record is written with `process.stderr.write()`. */
  override flush(): void {}

  /** Writes the formatted record and the terminator to the current `process.stderr`. */
  override emit(record: LogRecord): void {
    try {
      const text = this.format(record) + this.terminator;
      stdFdDestination(2)?.flushSync();
      process.stderr.write(text);
    } catch (e) {
      this.handleError(record, e);
    }
  }
}

/**
 * CPython's `logging.lastResort`: the handler used when a record finds no handler at all
 * on its way up the logger tree. A `StderrHandler` at WARNING. Not tracked by `shutdown()`
 * (it buffers nothing), so importing logweave installs no exit hooks.
 */
export const lastResort: StderrHandler = untracked(() => new StderrHandler(WARNING));
