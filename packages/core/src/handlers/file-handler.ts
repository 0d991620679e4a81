import { FdDestination } from '../destination/fd-destination.js';
import { RejectingCodec, TextCodec, type TextChecker } from '../destination/text-codec.js';
import { LoggingValueError } from '../errors.js';
import { getLevelName } from '../levels.js';
import type { LogRecord } from '../record.js';
import { noteClosed, noteOpened } from './open-files.js';
import { StreamHandler } from './stream-handler.js';

const { closeSync, openSync } = process.getBuiltinModule('node:fs');
const { resolve } = process.getBuiltinModule('node:path');
const { fileURLToPath } = process.getBuiltinModule('node:url');

/** Options of {@link FileHandler} (the same as its positional parameters). */
export interface FileHandlerOptions {
  /** Python's `open()` mode: `'a'`, `'w'`, `'x'`, `'r+'`... (`'b'` gives a file that rejects text). @default 'a' */
  mode?: string;
  /** A Python codec name: `utf-8`, `latin-1` or `ascii` (any alias). @default 'utf-8' */
  encoding?: string | null;
  /** Open the file on the first record instead of in the constructor. @default false */
  delay?: boolean;
  /** A Python error handler: `strict`, `ignore`, `replace`, `backslashreplace`, `xmlcharrefreplace`. @default 'strict' */
  errors?: string | null;
}

interface ParsedMode {
  flags: string;
  binary: boolean;
  writable: boolean;
}

/**
 * CPython's `logging.FileHandler`: a {@link StreamHandler} on a file it opens (now, or on
 * the first record with `delay`) and closes in `close()`. The stream is a buffered
 * {@link FdDestination} owning the fd, flushed at 64 KiB, at the end of the event-loop
 * turn, on `flush()`, `close()`, `shutdown()` and process exit.
 */
export class FileHandler extends StreamHandler<FdDestination> {
  /** The absolute path of the file. */
  baseFilename: string;
  /** The `open()` mode. */
  mode: string;
  /** The codec name (`'utf-8'` when none was given in text mode; null in binary mode). */
  encoding: string | null;
  /** The error handler given, or null (`'strict'`). */
  errors: string | null;
  /** Whether opening is deferred to the first record. */
  delay: boolean;

  /**
   * @param filename the file (relative paths resolve against the current directory now).
   * @param mode Python's `open()` mode, or an options object instead of the positional rest.
   * @throws the `open()` errors: a LoggingValueError for a bad mode, encoding or error
   *   handler (CPython's text), and Node's system error (ENOENT, EACCES...) when the file
   *   cannot be opened.
   */
  constructor(
    filename: string | URL,
    mode: string | FileHandlerOptions = 'a',
    encoding: string | null = null,
    delay = false,
    errors: string | null = null,
  ) {
    super(null);
    if (typeof mode === 'object') {
      ({ encoding = null, delay = false, errors = null } = mode);
      mode = mode.mode ?? 'a';
    }
    this.baseFilename = resolve(typeof filename === 'string' ? filename : fileURLToPath(filename));
    this.mode = mode;
    this.encoding = mode.includes('b') ? encoding : (encoding ?? 'utf-8');
    this.errors = errors;
    this.delay = delay;
    if (!delay) this.stream = this._open();
  }

  /** The constructor's stream before the file opens: none. */
  protected override defaultStream(): FdDestination | null {
    return null;
  }

  /**
   * Opens `baseFilename` with the handler's mode, encoding and errors, as CPython's
   * `_open()`, and returns the new stream.
   */
  _open(): FdDestination {
    const parsed = parseMode(this.mode);
    if (parsed.binary && this.encoding !== null) {
      throw new LoggingValueError("binary mode doesn't take an encoding argument");
    }
    if (parsed.binary && this.errors !== null) {
      throw new LoggingValueError("binary mode doesn't take an errors argument");
    }
    // As CPython, the file is opened (created, truncated) before the codec is looked up.
    const fd = openSync(this.baseFilename, parsed.flags, 0o666);
    let codec: TextChecker;
    try {
      if (parsed.binary) codec = new RejectingCodec('binary');
      else if (!parsed.writable) codec = new RejectingCodec('read-only');
      else codec = new TextCodec(this.encoding ?? 'utf-8', this.errors);
    } catch (e) {
      closeSync(fd);
      throw e;
    }
    noteOpened(this, fd, this.baseFilename);
    return new FdDestination(fd, { ownsFd: true, codec });
  }

  /**
   * Opens the file first if needed (not after `close()` in mode `'w'`, which would
   * truncate it, as CPython), then emits. Unlike CPython, an error opening the file goes to
   * `handleError()` instead of the logging call.
   */
  override emit(record: LogRecord): void {
    if (this.stream === null && (this.mode !== 'w' || !this._closed)) {
      try {
        this.stream = this._open();
      } catch (e) {
        this.handleError(record, e);
        return;
      }
    }
    if (this.stream !== null) super.emit(record);
  }

  /** Flushes and closes the file; a later record reopens it (except in mode `'w'`). */
  override close(): void {
    try {
      const stream = this.stream;
      if (stream !== null) {
        try {
          this.flush();
        } finally {
          this.stream = null;
          stream.closeSync();
        }
      }
    } finally {
      noteClosed(this);
      super.close();
    }
  }

  /** `<FileHandler /abs/path (NOTSET)>`, as CPython's repr. */
  override toString(): string {
    return `<${this.constructor.name} ${this.baseFilename} (${String(getLevelName(this.level))})>`;
  }
}

/** Python's `open()` mode validation (CPython's messages) and the matching `fs` flags. */
function parseMode(mode: string): ParsedMode {
  const invalid = (): LoggingValueError => new LoggingValueError(`invalid mode: '${mode}'`);
  for (let i = 0; i < mode.length; i++) {
    const c = mode[i]!;
    if (!'xrwa+tb'.includes(c) || mode.indexOf(c, i + 1) >= 0) throw invalid();
  }
  const has = (c: string): boolean => mode.includes(c);
  if (has('t') && has('b')) throw new LoggingValueError("can't have text and binary mode at once");
  const kinds = (has('x') ? 1 : 0) + (has('r') ? 1 : 0) + (has('w') ? 1 : 0) + (has('a') ? 1 : 0);
  if (kinds > 1)
    throw new LoggingValueError('must have exactly one of create/read/write/append mode');
  if (kinds === 0) {
    throw new LoggingValueError(
      'Must have exactly one of create/read/write/append mode and at most one plus',
    );
  }
  const plus = has('+') ? '+' : '';
  const base = has('x') ? 'wx' : has('r') ? 'r' : has('w') ? 'w' : 'a';
  return { flags: base + plus, binary: has('b'), writable: !has('r') || plus !== '' };
}
