import { fstatSync, statSync } from 'node:fs';
import {
  type FdDestination,
  FileHandler,
  type FileHandlerOptions,
  type LogRecord,
  LoggingValueError,
} from '@logweave/core';

/** Options of {@link WatchedFileHandler}. */
export interface WatchedFileHandlerOptions extends FileHandlerOptions {
  /**
   * Also reopen the file when the process receives this signal (what logrotate's
   * `postrotate kill -HUP` sends). One listener serves every handler; it is removed when
   * the last such handler closes. Receiving the signal no longer ends the process.
   * @default null
   */
  reopenOn?: 'SIGHUP' | null;
}

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
 * hole of NUL bytes.
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
    if (typeof mode === 'object') {
      reopenOn = mode.reopenOn ?? null;
      if (reopenOn !== null && reopenOn !== 'SIGHUP') {
        throw new LoggingValueError(`reopenOn must be 'SIGHUP' or null, not '${String(reopenOn)}'`);
      }
    }
    super(filename, mode, encoding, delay, errors);
    this.reopenOn = reopenOn;
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

  /** Opens the file and notes its device and inode. */
  override _open(): FdDestination {
    const stream = super._open();
    const st = fstatSync(stream.fd);
    this.dev = st.dev;
    this.ino = st.ino;
    return stream;
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

  /** Reopens the file if it changed, then writes the record. */
  override emit(record: LogRecord): void {
    try {
      this.reopenIfNeeded();
    } catch (e) {
      this.handleError(record, e);
      return;
    }
    super.emit(record);
  }

  /** Closes the file and stops listening for the reopen signal. */
  override close(): void {
    if (sighupHandlers.delete(this) && sighupHandlers.size === 0) {
      process.removeListener('SIGHUP', onSighup);
    }
    super.close();
  }
}
