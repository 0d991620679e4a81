import { type LogRecord, LoggingTypeError } from '@logweave/core';
import { BaseRotatingHandler, type BaseRotatingOptions } from './base-rotating-handler.js';

/** Options of {@link RotatingFileHandler} (the same as its positional parameters). */
export interface RotatingFileHandlerOptions extends BaseRotatingOptions {
  /**
   * Roll over before a record would take the file to this many bytes (Python counts the
   * record's characters, as `len(msg)`; see the README). 0 never rolls over; any value
   * above 0 forces mode `'a'`, as in CPython.
   * @default 0
   */
  maxBytes?: number;
  /** How many backups `.1` … `.N` to keep; 0 never rolls over. @default 0 */
  backupCount?: number;
}

/** Python's `len(str)`: code points, so a surrogate pair counts once. */
function pyLen(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}

function checkCount(name: string, value: unknown): number {
  if (typeof value !== 'number' || Number.isNaN(value)) {
    throw new LoggingTypeError(`${name} must be a number, not ${String(value)}`);
  }
  return value;
}

/**
 * CPython's `logging.handlers.RotatingFileHandler`: writes to `filename` and, when the next
 * record would take it to `maxBytes`, renames it to `filename.1` (after shifting `.1` to
 * `.2` … and dropping the oldest, `.N` for `backupCount` N) and starts a new file.
 *
 * Python's rules: `maxBytes` 0 never rolls over; an empty file is never rolled over (one
 * long record does not leave an empty backup, gh-116263); a file that is not a regular file
 * (`/dev/null`) never rolls over. `backupCount` 0 never rolls over either (CPython's
 * documented behaviour; its code would reopen the file on every record instead).
 *
 * Unlike CPython, the shift stops at the first missing backup: after an interrupted
 * rollover left a gap, no existing backup is deleted to make room.
 *
 * ```ts
 * const h = new RotatingFileHandler('app.log', { maxBytes: 10_000_000, backupCount: 5 });
 * ```
 */
export class RotatingFileHandler extends BaseRotatingHandler {
  /** The size limit in bytes (0: none). */
  maxBytes: number;
  /** The number of backups kept. */
  backupCount: number;

  /**
   * @param filename the file to write.
   * @param mode Python's `open()` mode (`'a'` is forced when `maxBytes > 0`), or the options.
   */
  constructor(
    filename: string | URL,
    mode: string | RotatingFileHandlerOptions = 'a',
    maxBytes = 0,
    backupCount = 0,
    encoding: string | null = null,
    delay = false,
    errors: string | null = null,
  ) {
    let options: BaseRotatingOptions;
    if (typeof mode === 'object') {
      ({ maxBytes = 0, backupCount = 0 } = mode);
      options = { ...mode };
    } else {
      options = { mode, encoding, delay, errors };
    }
    checkCount('maxBytes', maxBytes);
    checkCount('backupCount', backupCount);
    if (maxBytes > 0) options.mode = 'a';
    super(filename, options);
    this.maxBytes = maxBytes;
    this.backupCount = backupCount;
  }

  /**
   * CPython 3.13's `shouldRollover()`: opens the file if `delay` left it closed; true when
   * the file is not empty and its position plus the record's length (with `'\n'`) reaches
   * `maxBytes`, and the file is a regular file.
   */
  override shouldRollover(record: LogRecord): boolean {
    if (this.stream === null) this.stream = this._open();
    if (this.maxBytes > 0 && this.backupCount > 0) {
      const pos = this.streamPosition();
      if (pos === 0) return false;
      const msg = this.format(record);
      // pyLen(msg) <= msg.length: the exact count is only needed near the limit.
      if (pos + msg.length + 1 >= this.maxBytes && pos + pyLen(msg) + 1 >= this.maxBytes) {
        return this.isRegularFile();
      }
    }
    return false;
  }

  /**
   * Closes the file, shifts `.i` to `.i+1` (through `rotation_filename()`), moves the file to
   * `.1` with `rotate()`, and opens a new file unless `delay`.
   */
  override doRollover(): void {
    const stream = this.stream;
    if (stream !== null) {
      this.stream = null;
      stream.closeSync();
    }
    if (this.backupCount > 0) {
      const base = this.baseFilename;
      const name = (i: number): string => this.rotation_filename(`${base}.${i}`);
      // The first free slot; with none, the oldest backup is dropped.
      let free = 1;
      while (free <= this.backupCount && this.backupExists(name(free))) free++;
      if (free > this.backupCount) {
        free = this.backupCount;
        this.removeBackup(name(free));
      }
      for (let i = free - 1; i >= 1; i--) this.moveBackup(name(i), name(i + 1));
      this.rotate(base, name(1));
    }
    if (!this.delay) this.stream = this._open();
  }
}
