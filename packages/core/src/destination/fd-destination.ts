import { LoggingValueError } from '../errors.js';
import type { Destination } from './destination.js';
import { addPending, deletePending, installExitHooks, isExiting } from './exit-hooks.js';
import type { TextChecker } from './text-codec.js';

const { closeSync, writeSync } = process.getBuiltinModule('node:fs');

/** Why output was lost, as passed to {@link FdDestinationOptions.onDrop}. */
export interface DropReport {
  /** The fd written to (-1 when it never opened or was closed). */
  fd: number;
  /**
   * `'error'`: a write failed (EPIPE, EBADF, ENOSPC...); `'full'`: the buffer reached
   * `maxLength` because the fd would not take data; `'timeout'`: `flushSync()` gave up on
   * a full non-blocking fd after `flushTimeout` ms; `'unopened'`: the stream never opened;
   * `'closed'`: the stream or fd was closed by its owner.
   */
  reason: 'error' | 'full' | 'timeout' | 'unopened' | 'closed';
  /** The system error, when there is one. */
  error: unknown;
  /** Total chunks (records) dropped by this destination so far. */
  dropped: number;
}

/** Options of {@link FdDestination}. */
export interface FdDestinationOptions {
  /**
   * Coalesce chunks until this many UTF-16 code units are buffered, then write. 0 writes
   * every chunk at once (no buffering).
   * @default 0 when the fd is a terminal, 65536 otherwise
   */
  minLength?: number;
  /**
   * Most code units kept while the fd does not take data (a full non-blocking pipe);
   * beyond it chunks are dropped, counted and reported.
   * @default 16 MiB
   */
  maxLength?: number;
  /**
   * The longest `flushSync()` waits in total for a full non-blocking fd, in ms, before it
   * drops what is left (reported).
   * @default 10000
   */
  flushTimeout?: number;
  /**
   * For a destination created without an fd (a stream still opening): opens the target
   * synchronously when the process exits before the fd arrived, so nothing buffered is lost.
   */
  openAtExit?: (() => number) | null;
  /** Whether `closeSync()` closes the fd. @default false */
  ownsFd?: boolean;
  /** Checks and encodes text (a {@link TextCodec}); text is written as UTF-8 when absent. */
  codec?: TextChecker | null;
  /**
   * Called when output starts being lost (once per outage: again only after a write has
   * succeeded in between). Defaults to one line on stderr. Never called for every record.
   */
  onDrop?: (report: DropReport) => void;
}

const DEFAULT_MIN_LENGTH = 64 * 1024;
const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024;
const MAX_BACKOFF_MS = 100;

let sleepCell: Int32Array | undefined;
function sleep(ms: number): void {
  sleepCell ??= new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sleepCell, 0, 0, ms);
}

function errorCode(e: unknown): unknown {
  return e !== null && typeof e === 'object' ? (e as { code?: unknown }).code : undefined;
}

/** The default drop report: one line on stderr, never throwing. */
export function reportDropToStderr(r: DropReport): void {
  const e = r.error as { code?: unknown; message?: unknown } | null;
  const cause = e === null || typeof e !== 'object' ? '' : `: ${String(e.code ?? e.message)}`;
  const target = r.fd >= 0 ? `fd ${r.fd}` : 'a stream';
  const line = `logweave: output to ${target} is being lost (${r.reason}${cause}); ${r.dropped} record(s) dropped so far; writing resumes when it accepts data again\n`;
  try {
    writeSync(2, line);
  } catch {
    // stderr itself is gone: nowhere left to report.
  }
}

/**
 * A buffered writer on a file descriptor, modelled on sonic-boom: chunks are coalesced in
 * memory and written with `fs.writeSync` once `minLength` is reached, at the end of the
 * current event-loop turn (`setImmediate`), on `flushSync()`, and at process exit. On a
 * terminal every chunk is written at once. A full non-blocking pipe (EAGAIN) keeps data
 * buffered (retried with backoff; `flushSync()` waits with `Atomics.wait`); beyond
 * `maxLength`, and on write errors such as EPIPE, chunks are dropped, counted in
 * `dropped` and reported once per outage, and writing resumes as soon as the fd accepts
 * data again: the destination never silently turns into a no-op.
 */
export class FdDestination implements Destination {
  /** Chunks dropped so far (buffer full, write errors, timeouts). */
  dropped = 0;
  /** The last write error, if any. */
  lastError: unknown = null;
  #fd: number;
  #closed = false;
  readonly #minLength: number;
  readonly #maxLength: number;
  readonly #flushTimeout: number;
  readonly #ownsFd: boolean;
  readonly #codec: TextChecker | null;
  readonly #encoding: 'utf8' | 'latin1';
  readonly #onDrop: (report: DropReport) => void;
  readonly #openAtExit: (() => number) | null;
  #buf = '';
  #bufChunks = 0;
  #out: Buffer | null = null;
  #outOffset = 0;
  #outChunks = 0;
  #scheduled = false;
  #retryTimer: NodeJS.Timeout | null = null;
  #backoff = 1;
  #losing = false;
  readonly #onImmediate = (): void => {
    this.#scheduled = false;
    if (this.#retryTimer === null) this.#drain(false);
  };
  readonly #onRetry = (): void => {
    this.#retryTimer = null;
    this.#drain(false);
  };

  /**
   * @param fd an open file descriptor, or null for one that is still opening (chunks are
   *   buffered until {@link FdDestination.setFd}).
   */
  constructor(fd: number | null, options: FdDestinationOptions = {}) {
    this.#fd = fd ?? -1;
    const tty = fd !== null && process.getBuiltinModule('node:tty').isatty(fd);
    this.#minLength = options.minLength ?? (tty ? 0 : DEFAULT_MIN_LENGTH);
    this.#maxLength = options.maxLength ?? DEFAULT_MAX_LENGTH;
    this.#flushTimeout = options.flushTimeout ?? 10_000;
    this.#ownsFd = options.ownsFd ?? false;
    this.#codec = options.codec ?? null;
    this.#encoding = this.#codec?.bufferEncoding ?? 'utf8';
    this.#onDrop = options.onDrop ?? reportDropToStderr;
    this.#openAtExit = options.openAtExit ?? null;
    installExitHooks();
  }

  /** The file descriptor (-1 before it opens and after `closeSync()`). */
  get fd(): number {
    return this.#fd;
  }

  /** What is buffered and not yet handed to the OS (text code units, plus the bytes left of a partly written chunk). */
  get pendingLength(): number {
    return this.#buf.length + (this.#out === null ? 0 : this.#out.length - this.#outOffset);
  }

  /**
   * Accepts one chunk. Throws only what the codec throws (CPython's `UnicodeEncodeError`,
   * or the error for a binary or read-only file) and `ValueError: I/O operation on closed
   * file.` after `closeSync()`.
   */
  write(text: string): void {
    if (this.#closed) throw new LoggingValueError('I/O operation on closed file.');
    if (this.#codec !== null) text = this.#codec.check(text);
    if (this.#retryTimer !== null || this.#fd < 0) {
      // Stalled (full non-blocking fd) or not open yet: keep, within the bound.
      if (this.pendingLength + text.length > this.#maxLength) {
        this.#drop('full', null, 1);
        return;
      }
      this.#buf += text;
      this.#bufChunks++;
      if (isExiting()) this.#drain(true);
      else addPending(this);
      return;
    }
    this.#buf += text;
    this.#bufChunks++;
    if (this.#buf.length >= this.#minLength) this.#drain(false);
    else if (!this.#scheduled) this.#schedule();
  }

  /**
   * Writes everything buffered before returning; on a full non-blocking fd waits (with
   * `Atomics.wait`, backing off to 100 ms) up to `flushTimeout` ms in total.
   */
  flushSync(): void {
    this.#scheduled = false;
    this.#drain(true);
  }

  /** Flushes, then closes the fd if the destination owns it. Later writes throw. */
  closeSync(): void {
    if (this.#closed) return;
    this.flushSync();
    this.#closed = true;
    this.#clearRetry();
    deletePending(this);
    if (this.#fd >= 0 && this.#ownsFd) closeSync(this.#fd);
    this.#fd = -1;
  }

  /**
   * Supplies the fd of a destination created with `fd === null` (a stream still opening)
   * and writes what was buffered meanwhile.
   */
  setFd(fd: number): void {
    if (this.#closed) return;
    this.#fd = fd;
    this.#drain(false);
  }

  /**
   * Stops writing to the fd without closing it, because its owner is closing it. With
   * `flush` (the fd is still open) buffered output is written first; without it (the fd is
   * already closed, or never opened: `error` says why) buffered output is dropped and
   * reported. Later writes throw
   * `I/O operation on closed file.`.
   */
  detach(flush: boolean, error: unknown = null): void {
    if (this.#closed) return;
    if (flush && this.#fd >= 0) this.flushSync();
    else if (this.pendingLength > 0)
      this.#dropBuffered(this.#fd < 0 ? 'unopened' : 'closed', error);
    this.#closed = true;
    this.#clearRetry();
    deletePending(this);
    this.#fd = -1;
  }

  #schedule(): void {
    if (isExiting()) {
      this.#drain(true);
      return;
    }
    this.#scheduled = true;
    addPending(this);
    setImmediate(this.#onImmediate);
  }

  #clearRetry(): void {
    if (this.#retryTimer !== null) {
      clearTimeout(this.#retryTimer);
      this.#retryTimer = null;
    }
  }

  /** Writes buffered data; `blocking` waits out EAGAIN (up to flushTimeout). */
  #drain(blocking: boolean): void {
    let fd = this.#fd;
    if (fd < 0) {
      if (this.pendingLength === 0) return;
      if (!isExiting()) {
        addPending(this);
        return;
      }
      const open = this.#openAtExit;
      if (open === null) {
        this.#dropBuffered('unopened', null);
        return;
      }
      try {
        fd = this.#fd = open();
      } catch (e) {
        this.#dropBuffered('unopened', e);
        return;
      }
    }
    let waited = 0;
    for (;;) {
      let out = this.#out;
      if (out === null) {
        if (this.#buf.length === 0) break;
        out = this.#out = Buffer.from(this.#buf, this.#encoding);
        this.#outOffset = 0;
        this.#outChunks = this.#bufChunks;
        this.#buf = '';
        this.#bufChunks = 0;
      }
      try {
        this.#outOffset += writeSync(fd, out, this.#outOffset, out.length - this.#outOffset);
        if (this.#outOffset >= out.length) this.#out = null;
        this.#losing = false;
        this.#backoff = 1;
      } catch (e) {
        const code = errorCode(e);
        if (code === 'EAGAIN' || code === 'EWOULDBLOCK' || code === 'EINTR') {
          if (!blocking && !isExiting()) {
            this.#retryLater();
            return;
          }
          if (waited >= this.#flushTimeout) {
            this.#dropBuffered('timeout', e);
            break;
          }
          const ms = Math.min(this.#backoff, MAX_BACKOFF_MS, this.#flushTimeout - waited);
          sleep(ms);
          waited += ms;
          this.#backoff = Math.min(this.#backoff * 2, MAX_BACKOFF_MS);
          continue;
        }
        this.#out = null;
        this.#drop('error', e, this.#outChunks);
      }
    }
    this.#clearRetry();
    deletePending(this);
  }

  #retryLater(): void {
    addPending(this);
    if (this.#retryTimer !== null) return;
    this.#retryTimer = setTimeout(this.#onRetry, this.#backoff);
    this.#retryTimer.unref();
    this.#backoff = Math.min(this.#backoff * 2, MAX_BACKOFF_MS);
  }

  #dropBuffered(reason: DropReport['reason'], error: unknown): void {
    const chunks = this.#bufChunks + (this.#out === null ? 0 : this.#outChunks);
    this.#out = null;
    this.#buf = '';
    this.#bufChunks = 0;
    this.#drop(reason, error, chunks);
  }

  #drop(reason: DropReport['reason'], error: unknown, chunks: number): void {
    this.dropped += chunks;
    if (error !== null) this.lastError = error;
    if (this.#losing) return;
    this.#losing = true;
    try {
      this.#onDrop({ fd: this.#fd, reason, error, dropped: this.dropped });
    } catch {
      // A failing reporter must not break logging.
    }
  }
}
