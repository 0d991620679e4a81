import { existsSync, fstatSync, renameSync, statSync, unlinkSync } from 'node:fs';
import {
  FdDestination,
  FileHandler,
  type FileHandlerOptions,
  type LogRecord,
  RejectingCodec,
  TextCodec,
  type TextChecker,
} from '@logweave/core';

/** CPython's `namer`: maps the default name of a rotated file to the name actually used. */
export type Namer = (defaultName: string) => string;

/** CPython's `rotator`: moves the current file `source` to the rotated name `dest`. */
export type Rotator = (source: string, dest: string) => void;

/**
 * What a rotator that finishes its work later (a compressor) tells the handler about files
 * it has not written yet, so that shifting and retention treat them as present. Installed
 * by {@link GzipRotator.attach}; handlers without one look at the file system only.
 */
export interface BackupTracker {
  /** Whether `name` is a backup still being produced. */
  has(name: string): boolean;
  /** The backup being produced as `from` must now be produced as `to`. */
  move(from: string, to: string): void;
  /** The backup being produced as `name` is no longer wanted. */
  discard(name: string): void;
  /** The (absolute) names of every backup still being produced. */
  pendingNames(): Iterable<string>;
}

/** Options shared by every rotating handler. */
export interface BaseRotatingOptions extends FileHandlerOptions {
  /**
   * After a failed rollover (rename refused, disk full, permissions), the least time in
   * milliseconds before the next attempt; records meanwhile go to the current file.
   * @default 1000
   */
  rolloverRetryDelay?: number;
}

/** Counts the bytes a destination is given, after the codec's error handler ran. */
class CountingCodec implements TextChecker {
  bytes = 0;
  readonly bufferEncoding: 'utf8' | 'latin1';
  readonly #inner: TextChecker;
  constructor(inner: TextChecker) {
    this.#inner = inner;
    this.bufferEncoding = inner.bufferEncoding;
  }
  check(text: string): string {
    const out = this.#inner.check(text);
    this.bytes += this.bufferEncoding === 'latin1' ? out.length : Buffer.byteLength(out, 'utf8');
    return out;
  }
}

/**
 * CPython's `logging.handlers.BaseRotatingHandler`: a {@link FileHandler} whose `emit()` asks
 * `shouldRollover(record)` and, when it answers true, calls `doRollover()` before writing.
 * Subclasses implement both. Rotated names go through `rotation_filename()` (the `namer`
 * hook) and the move through `rotate()` (the `rotator` hook), as in CPython.
 *
 * Unlike CPython, a rollover that fails (rename refused, disk full, permissions) is
 * reported to `handleError()` once, when rollovers start failing; the record and those
 * after it are written to the current file, and the rollover is retried at most every
 * `rolloverRetryDelay` ms until it succeeds. The record is formatted once per emit even
 * though both `shouldRollover()` and the write use it.
 */
export abstract class BaseRotatingHandler extends FileHandler {
  /** CPython's `namer` hook: called by `rotation_filename()` when set. @default null */
  namer: Namer | null = null;
  /** CPython's `rotator` hook: called by `rotate()` when set. @default null */
  rotator: Rotator | null = null;
  /** Backups still being produced by an asynchronous rotator (see {@link BackupTracker}). */
  backupTracker: BackupTracker | null = null;
  /** Least milliseconds between rollover attempts after a failure. @default 1000 */
  rolloverRetryDelay: number;
  /** True while rollovers fail (reported once on entering this state). */
  rolloverFailing = false;
  #retryAt = 0;
  #memoRecord: LogRecord | null = null;
  #memoText = '';
  #counter: CountingCodec | null = null;
  #startBytes = 0;
  #regular = true;

  constructor(
    filename: string | URL,
    mode: string | BaseRotatingOptions = 'a',
    encoding: string | null = null,
    delay = false,
    errors: string | null = null,
  ) {
    const options = typeof mode === 'object' ? mode : null;
    if (options !== null) {
      ({ encoding = null, delay = false, errors = null } = options);
      mode = options.mode ?? 'a';
    }
    // Opened here rather than in FileHandler's constructor: _open() needs this class's fields.
    super(filename, mode as string, encoding, true, errors);
    this.rolloverRetryDelay = options?.rolloverRetryDelay ?? 1000;
    this.delay = delay;
    if (!delay) this.stream = this._open();
  }

  /**
   * Opens the file as `FileHandler._open()` does, and also notes its size and whether it is
   * a regular file, so `streamPosition()` needs no system call per record.
   */
  override _open(): FdDestination {
    const opened = super._open();
    const fd = opened.fd;
    // Rebuild the destination around a codec that counts bytes; the fd is kept open.
    opened.detach(true);
    const binary = this.mode.includes('b');
    const writable = !this.mode.includes('r') || this.mode.includes('+');
    const inner: TextChecker = binary
      ? new RejectingCodec('binary')
      : writable
        ? new TextCodec(this.encoding ?? 'utf-8', this.errors)
        : new RejectingCodec('read-only');
    const counter = new CountingCodec(inner);
    const st = fstatSync(fd);
    this.#regular = st.isFile();
    this.#startBytes = this.mode.includes('a') ? st.size : 0;
    this.#counter = counter;
    return new FdDestination(fd, { ownsFd: true, codec: counter });
  }

  /**
   * Python's `stream.tell()` for the open file: its size when opened (append mode) plus the
   * bytes written since, including those still buffered. 0 when no file is open.
   */
  protected streamPosition(): number {
    if (this.stream === null || this.#counter === null) return 0;
    return this.#startBytes + this.#counter.bytes;
  }

  /** Whether the open file is a regular file (`/dev/null`, a FIFO or a tty never rolls over). */
  protected isRegularFile(): boolean {
    if (this.stream !== null) return this.#regular;
    const st = statSync(this.baseFilename, { throwIfNoEntry: false });
    return st === undefined || st.isFile();
  }

  /** Whether the current record should cause a rollover. */
  abstract shouldRollover(record: LogRecord | null): boolean;

  /** Closes the current file, rotates it away, and opens a new one (unless `delay`). */
  abstract doRollover(): void;

  /**
   * CPython's `rotation_filename(default_name)`: the `namer`'s answer, or the default name
   * when there is no namer.
   */
  rotation_filename(defaultName: string): string {
    return this.namer === null ? defaultName : this.namer(defaultName);
  }

  /**
   * CPython's `rotate(source, dest)`: calls the `rotator` when set; otherwise renames
   * `source` to `dest` if `source` exists (with `delay` it may never have been created).
   */
  rotate(source: string, dest: string): void {
    if (this.rotator !== null) this.rotator(source, dest);
    else if (existsSync(source)) renameSync(source, dest);
  }

  /** Formats once per emit: `shouldRollover()` and the write share the text. */
  override format(record: LogRecord): string {
    if (record === this.#memoRecord) return this.#memoText;
    const text = super.format(record);
    this.#memoRecord = record;
    this.#memoText = text;
    return text;
  }

  /**
   * Rolls over when `shouldRollover(record)` says so, then writes the record. A failed
   * rollover is reported (once per failure period) and the record still written.
   */
  override emit(record: LogRecord): void {
    try {
      if (this.shouldRollover(record)) this.tryRollover(record);
      super.emit(record);
    } catch (e) {
      this.handleError(record, e);
    } finally {
      this.#memoRecord = null;
      this.#memoText = '';
    }
  }

  /**
   * Runs `doRollover()` unless a failure happened less than `rolloverRetryDelay` ms ago;
   * returns whether it succeeded. A failure goes to `handleError()` only when the handler
   * was not already failing. `record` is what the report names (null: a timer rollover).
   */
  protected tryRollover(record: LogRecord | null): boolean {
    if (this.rolloverFailing && performance.now() < this.#retryAt) return false;
    try {
      this.doRollover();
      this.rolloverFailing = false;
      return true;
    } catch (e) {
      this.#retryAt = performance.now() + this.rolloverRetryDelay;
      if (!this.rolloverFailing) {
        this.rolloverFailing = true;
        this.reportRolloverError(record, e);
      }
      return false;
    }
  }

  /** Reports a failed rollover through `handleError()`. */
  protected reportRolloverError(record: LogRecord | null, error: unknown): void {
    const e = error instanceof Error ? error : new Error(String(error));
    const wrapped = new Error(
      `rollover of ${this.baseFilename} failed (${e.message}); writing on to the current file`,
      { cause: e },
    );
    wrapped.name = 'RolloverError';
    this.handleError(record ?? rolloverRecord(this.baseFilename), wrapped);
  }

  /** Whether the backup `name` exists, or is being produced by the rotator. */
  protected backupExists(name: string): boolean {
    return existsSync(name) || (this.backupTracker?.has(name) ?? false);
  }

  /** Renames the backup `from` to `to` (or retargets a backup still being produced). */
  protected moveBackup(from: string, to: string): void {
    if (this.backupTracker?.has(from)) this.backupTracker.move(from, to);
    else renameSync(from, to);
  }

  /** Removes the backup `name` (and drops it if it is still being produced). */
  protected removeBackup(name: string): void {
    if (this.backupTracker?.has(name)) this.backupTracker.discard(name);
    try {
      unlinkSync(name);
    } catch (e) {
      if ((e as { code?: unknown }).code !== 'ENOENT') throw e;
    }
  }
}

/** A stand-in record for errors of rollovers that no record caused (timer rollovers). */
function rolloverRecord(filename: string): LogRecord {
  return {
    msg: `rollover of ${filename}`,
    args: null,
    filename: '',
    lineno: 0,
  } as unknown as LogRecord;
}
