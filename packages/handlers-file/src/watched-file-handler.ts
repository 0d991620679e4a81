import { fstatSync, statSync } from 'node:fs';
import {
  type FdDestination,
  FileHandler,
  type FileHandlerOptions,
  type LogRecord,
  LoggingValueError,
  makeLogRecord,
} from '@logweave/core';
import { type CopyTruncateOptions, CopyTruncateRecovery } from './copy-truncate-recovery.js';

/** Options of {@link WatchedFileHandler}. */
export interface WatchedFileHandlerOptions extends FileHandlerOptions {
  /**
   * Also reopen the file when the process receives this signal (what logrotate's
   * `postrotate kill -HUP` sends). One listener serves every handler; it is removed when
   * the last such handler closes. Receiving the signal no longer ends the process.
   * @default null
   */
  reopenOn?: 'SIGHUP' | null;
  /**
   * Makes the handler lossless under logrotate's `copytruncate`: it keeps its latest output
   * (`ringBytes`), flushes and checks the file's size before each record, and when the file
   * was truncated writes back the lines that reached neither logrotate's copy nor the
   * truncated file. `true` takes the defaults (copy at `${baseFilename}.1`, 4 MiB kept). Off,
   * the handler buffers as `FileHandler` and such lines are lost (logrotate(8)).
   * @default false
   */
  copytruncate?: boolean | CopyTruncateOptions;
}

/** The `copytruncate` options of the handler under construction (its `_open()` runs in `super()`). */
let pendingRecovery: CopyTruncateOptions | null = null;

const sighupHandlers = new Set<WatchedFileHandler>();
function onSighup(): void {
  for (const h of sighupHandlers) {
    try {
      h.reopen();
    } catch (e) {
      try {
        process.stderr.write(
          `logweave: reopening ${h.baseFilename} on SIGHUP failed: ${String(e)}\n`,
        );
      } catch {
        // Nowhere left to report.
      }
    }
  }
}

/**
 * CPython's `logging.handlers.WatchedFileHandler`: before each record it checks that the
 * path still names the file it has open (same device and inode); when the file was moved
 * away or deleted (logrotate's `create`, `newsyslog`), it flushes and closes the old file and
 * opens the path again. The file is opened in append mode (`O_APPEND`), so after logrotate's
 * `copytruncate` the next write goes to the start of the truncated file, never leaving a
 * hole of NUL bytes; with the `copytruncate` option, the lines written between logrotate's
 * copy and its truncation are written back too ({@link CopyTruncateRecovery}).
 *
 * ```ts
 * const h = new WatchedFileHandler('/var/log/app.log', { reopenOn: 'SIGHUP' });
 * ```
 */
export class WatchedFileHandler extends FileHandler {
  /** The device of the open file (-1 when none is open). */
  dev = -1;
  /** The inode of the open file (-1 when none is open). */
  ino = -1;
  /** The signal that reopens the file, if any. */
  readonly reopenOn: 'SIGHUP' | null;
  /** The `copytruncate` recovery, when enabled. */
  declare copyTruncate: CopyTruncateRecovery | null | undefined;

  /**
   * @param filename the file to write.
   * @param mode Python's `open()` mode, or the options.
   * @throws LoggingValueError for an unsupported `reopenOn`, and the `FileHandler` errors.
   */
  constructor(
    filename: string | URL,
    mode: string | WatchedFileHandlerOptions = 'a',
    encoding: string | null = null,
    delay = false,
    errors: string | null = null,
  ) {
    let reopenOn: 'SIGHUP' | null = null;
    let copytruncate: boolean | CopyTruncateOptions = false;
    if (typeof mode === 'object') {
      copytruncate = mode.copytruncate ?? false;
      reopenOn = mode.reopenOn ?? null;
      if (reopenOn !== null && reopenOn !== 'SIGHUP') {
        throw new LoggingValueError(`reopenOn must be 'SIGHUP' or null, not '${String(reopenOn)}'`);
      }
    }
    // _open() runs inside super() unless delayed: the recovery must exist first.
    const pending = copytruncate === false ? null : copytruncate === true ? {} : copytruncate;
    pendingRecovery = pending;
    try {
      super(filename, mode, encoding, delay, errors);
    } finally {
      pendingRecovery = null;
    }
    this.reopenOn = reopenOn;
    if (this.copyTruncate === undefined) this.copyTruncate = this._makeRecovery(pending);
    this._statstream();
    if (reopenOn === 'SIGHUP') {
      if (sighupHandlers.size === 0) process.on('SIGHUP', onSighup);
      sighupHandlers.add(this);
    }
  }

  /** Notes the device and inode of the open file. */
  _statstream(): void {
    if (this.stream === null) return;
    const st = fstatSync(this.stream.fd);
    this.dev = st.dev;
    this.ino = st.ino;
  }

  /** Opens the file and notes its device and inode (and, with `copytruncate`, its output). */
  override _open(): FdDestination {
    // Built before the file opens, so bad options leave no fd behind.
    if (this.copyTruncate === undefined) this.copyTruncate = this._makeRecovery(pendingRecovery);
    const stream = super._open();
    const st = fstatSync(stream.fd);
    this.dev = st.dev;
    this.ino = st.ino;
    const recovery = this.copyTruncate;
    if (recovery !== null) {
      recovery.attach(stream.fd);
      const write = stream.write;
      stream.write = (text: string): void => {
        write.call(stream, text);
        recovery.record(text);
      };
    }
    return stream;
  }

  /** Builds the `copytruncate` recovery for the options given (null when disabled). */
  _makeRecovery(options: CopyTruncateOptions | null): CopyTruncateRecovery | null {
    if (options === null) return null;
    return new CopyTruncateRecovery(
      this.baseFilename,
      options,
      this.encoding ?? 'utf-8',
      this.errors,
    );
  }

  /**
   * With `copytruncate`: flushes, and when the file was truncated writes back the lines
   * lost between logrotate's copy and its truncation. Throws what went wrong.
   */
  recoverIfTruncated(): void {
    const stream = this.stream;
    if (stream === null || !this.copyTruncate) return;
    stream.flushSync();
    const problem = this.copyTruncate.check(stream.fd);
    if (problem !== null) throw problem;
  }

  /**
   * CPython's `reopenIfNeeded()`: when the path names another file than the one open, or
   * nothing, flushes and closes the open file and opens the path again.
   */
  reopenIfNeeded(): void {
    if (this.stream === null) return;
    const st = statSync(this.baseFilename, { throwIfNoEntry: false });
    if (st !== undefined && st.dev === this.dev && st.ino === this.ino) return;
    this.reopen();
  }

  /** Flushes and closes the open file (if any) and opens the path again. */
  reopen(): void {
    const stream = this.stream;
    if (stream === null) return;
    this.stream = null;
    try {
      stream.closeSync();
    } finally {
      this.stream = this._open();
    }
  }

  /**
   * Reopens the file if it changed; with `copytruncate`, writes back what a truncation lost;
   * then writes the record.
   */
  override emit(record: LogRecord): void {
    try {
      this.reopenIfNeeded();
    } catch (e) {
      this.handleError(record, e);
      return;
    }
    try {
      this.recoverIfTruncated();
    } catch (e) {
      // Reported; the record is still written.
      this.handleError(record, e);
    }
    super.emit(record);
  }

  /**
   * Closes the file (with `copytruncate`, after a last check for a truncation) and stops
   * listening for the reopen signal.
   */
  override close(): void {
    if (sighupHandlers.delete(this) && sighupHandlers.size === 0) {
      process.removeListener('SIGHUP', onSighup);
    }
    try {
      this.recoverIfTruncated();
    } catch (e) {
      this.handleError(makeLogRecord({ msg: `${String(this)}.close()` }), e);
    }
    super.close();
  }
}
