import { closeSync, fstatSync, ftruncateSync, openSync, readSync, writeSync } from 'node:fs';
import { TextCodec } from '@logweave/core';

/** Options of {@link CopyTruncateRecovery} (`WatchedFileHandler`'s `copytruncate` option). */
export interface CopyTruncateOptions {
  /**
   * Where logrotate leaves its copy of the file, or a function of the file's absolute path
   * returning it. The copy must be readable, uncompressed, when the handler notices the
   * truncation: with `compress`, use logrotate's `delaycompress`; with `dateext`, pass a
   * function finding the newest copy.
   * @default `${baseFilename}.1`
   */
  copyPath?: string | ((baseFilename: string) => string);
  /**
   * How many bytes of its latest output the handler keeps to write back the lines lost
   * between logrotate's copy and its truncation. A window larger than this is reported with
   * the number of bytes that may be lost.
   * @default 4194304 (4 MiB)
   */
  ringBytes?: number;
}

/** Default of {@link CopyTruncateOptions.ringBytes}: 4 MiB. */
export const DEFAULT_RING_BYTES = 4 * 1024 * 1024;
/** How much of the copy's end is compared with what was written. */
const COMPARE_BYTES = 64 * 1024;
const NL = 0x0a;

/**
 * Makes a file writer lossless under logrotate's `copytruncate`. logrotate copies the file,
 * then truncates it; whatever the writer appended between the two is in neither file. This
 * object keeps the last `ringBytes` bytes written, and knows which stream position the file's
 * offset 0 holds. {@link CopyTruncateRecovery.check} (called with everything flushed) sees the
 * file shorter than what was appended to it, finds in the copy where the copy ends, and writes
 * the lost window back at the start of the truncated file, before the records that already
 * reached it, so each line is in exactly one of the two files, in order.
 *
 * Assumes one writer per file (this handler). Lines that repeat byte for byte over
 * `64 KiB` can make the fallback search pick the wrong place; the primary match is by
 * position and does not depend on content.
 */
export class CopyTruncateRecovery {
  /** The absolute path of the watched file. */
  readonly baseFilename: string;
  /** Bytes of output kept. */
  readonly ringBytes: number;
  /** Truncations seen so far. */
  truncations = 0;
  /** Bytes written back into truncated files so far (the windows recovered). */
  bytesWrittenBack = 0;
  readonly #copyPath: string | ((baseFilename: string) => string);
  readonly #codec: TextCodec;
  #chunks: Buffer[] = [];
  #ringLength = 0;
  /** Bytes ever written through {@link CopyTruncateRecovery.record}. */
  #total = 0;
  /** The stream position of the file's offset 0 (may be negative: content from before). */
  #base = 0;
  #dev = -1;
  #ino = -1;

  /**
   * @param baseFilename the file's absolute path.
   * @param encoding the handler's codec name (the bytes kept are the bytes written).
   * @param errors the handler's error handler.
   */
  constructor(
    baseFilename: string,
    options: CopyTruncateOptions,
    encoding: string,
    errors: string | null,
  ) {
    const ringBytes = options.ringBytes ?? DEFAULT_RING_BYTES;
    if (!Number.isSafeInteger(ringBytes) || ringBytes < 1) {
      throw new RangeError(`copytruncate.ringBytes must be a positive integer, not ${ringBytes}`);
    }
    this.baseFilename = baseFilename;
    this.ringBytes = ringBytes;
    this.#copyPath = options.copyPath ?? `${baseFilename}.1`;
    this.#codec = new TextCodec(encoding, errors);
  }

  /** The path of logrotate's copy. */
  copyPath(): string {
    const p = this.#copyPath;
    return typeof p === 'function' ? p(this.baseFilename) : p;
  }

  /** Notes a newly opened fd: a new file starts at its current size; the same file keeps its position. */
  attach(fd: number): void {
    const st = fstatSync(fd);
    if (st.dev === this.#dev && st.ino === this.#ino) return;
    this.#dev = st.dev;
    this.#ino = st.ino;
    this.#base = this.#total - st.size;
  }

  /** Keeps the bytes of `text`, just handed to the file's stream. */
  record(text: string): void {
    const buf = Buffer.from(this.#codec.check(text), this.#codec.bufferEncoding);
    this.#total += buf.length;
    this.#chunks.push(buf);
    this.#ringLength += buf.length;
    while (this.#ringLength > this.ringBytes) {
      const first = this.#chunks[0]!;
      const excess = this.#ringLength - this.ringBytes;
      if (first.length <= excess) {
        this.#chunks.shift();
        this.#ringLength -= first.length;
      } else {
        this.#chunks[0] = first.subarray(excess);
        this.#ringLength -= excess;
      }
    }
  }

  /**
   * With everything written flushed to `fd`: when the file is shorter than what was appended
   * to it, writes the lost window back. Returns what went wrong (the caller reports it once),
   * or null.
   */
  check(fd: number): Error | null {
    const size = fstatSync(fd).size;
    const expected = this.#total - this.#base;
    if (size === expected) return null;
    if (size > expected) {
      // Someone else appended: follow the file.
      this.#base = this.#total - size;
      return null;
    }
    return this.#recover(fd, size);
  }

  #recover(fd: number, size: number): Error | null {
    this.truncations++;
    const oldBase = this.#base;
    this.#base = this.#total - size;
    const ring = Buffer.concat(this.#chunks, this.#ringLength);
    const ringStart = this.#total - ring.length;
    // Stream position where the truncated file starts again.
    const restart = this.#total - size;
    if (
      size > ring.length ||
      !readStart(this.baseFilename, fd, size).equals(ring.subarray(ring.length - size))
    ) {
      return new Error(
        `${this.baseFilename} was truncated and holds bytes this handler did not write; nothing written back`,
      );
    }
    let copy: { size: number; tail: Buffer };
    const copyPath = this.copyPath();
    try {
      copy = readTail(copyPath, COMPARE_BYTES);
    } catch (e) {
      return new Error(
        `${this.baseFilename} was truncated (copytruncate) but its copy ${copyPath} cannot be read (${String(e)}); up to ${restart - oldBase} bytes may be lost`,
      );
    }
    let end = this.#copyEnd(oldBase, copy.size, copy.tail, ring, ringStart, restart);
    if (end === null) {
      return new Error(
        `${this.baseFilename} was truncated (copytruncate) but ${copyPath} does not end with what this handler wrote (compressed, dated, or another writer?); up to ${restart - oldBase} bytes may be lost`,
      );
    }
    let lostBytes = 0;
    if (end < ringStart) {
      lostBytes = ringStart - end;
      end = ringStart;
    }
    // A copy ending inside a line: write the whole line again.
    let from = end - ringStart;
    if (from > 0 && ring[from - 1] !== NL) from = ring.lastIndexOf(NL, from - 1) + 1;
    if (lostBytes > 0) {
      // The ring starts inside a line; start at the next whole one.
      const nl = ring.indexOf(NL);
      from = nl < 0 || nl >= restart - ringStart ? restart - ringStart : nl + 1;
      lostBytes += from;
    }
    const window = ring.subarray(from, restart - ringStart);
    if (window.length > 0) {
      if (size === 0) writeAll(fd, window);
      else {
        // Keep the order: the window, then what already reached the new file.
        ftruncateSync(fd, 0);
        writeAll(fd, ring.subarray(from));
      }
      this.#base = ringStart + from;
      this.bytesWrittenBack += window.length;
    }
    if (lostBytes > 0) {
      return new Error(
        `${this.baseFilename} was truncated (copytruncate) after more than copytruncate.ringBytes (${this.ringBytes}) bytes were written since the copy; ${lostBytes} bytes may be lost`,
      );
    }
    return null;
  }

  /**
   * The stream position where the copy ends: the file's start plus the copy's size, when the
   * copy's end matches the ring there; else the last place in the ring, between the file's
   * start and `restart`, where the copy's tail (cut at its last newline) ends; else null.
   * A position before the ring is taken when the copy ends with a newline.
   */
  #copyEnd(
    fileStart: number,
    copySize: number,
    tail: Buffer,
    ring: Buffer,
    ringStart: number,
    restart: number,
  ): number | null {
    const byPosition = fileStart + copySize;
    if (byPosition <= restart) {
      // Before the ring: the position cannot be checked; a copy of ours ends with a newline.
      if (byPosition < ringStart) return tail.at(-1) === NL ? byPosition : null;
      const at = byPosition - ringStart;
      const n = Math.min(tail.length, at);
      if (tail.subarray(tail.length - n).equals(ring.subarray(at - n, at))) return byPosition;
    }
    const cut = tail.lastIndexOf(NL);
    if (cut < 0) return null;
    const needle = tail.subarray(0, cut + 1);
    const from = Math.max(0, fileStart - ringStart);
    const i = ring.subarray(from, restart - ringStart).lastIndexOf(needle);
    return i < 0 ? null : ringStart + from + i + needle.length;
  }
}

function readAt(fd: number, position: number, length: number): Buffer {
  const buf = Buffer.alloc(length);
  let got = 0;
  while (got < length) {
    const n = readSync(fd, buf, got, length - got, position + got);
    if (n === 0) break;
    got += n;
  }
  return buf.subarray(0, got);
}

/** The first `length` bytes of `path`, if it is still the file open as `fd` (opened write-only). */
function readStart(path: string, fd: number, length: number): Buffer {
  const st = fstatSync(fd);
  let rfd: number;
  try {
    rfd = openSync(path, 'r');
  } catch {
    return Buffer.alloc(0);
  }
  try {
    const rst = fstatSync(rfd);
    return rst.dev === st.dev && rst.ino === st.ino ? readAt(rfd, 0, length) : Buffer.alloc(0);
  } finally {
    closeSync(rfd);
  }
}

function readTail(path: string, max: number): { size: number; tail: Buffer } {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const n = Math.min(size, max);
    return { size, tail: readAt(fd, size - n, n) };
  } finally {
    closeSync(fd);
  }
}

function writeAll(fd: number, buf: Buffer): void {
  let off = 0;
  while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
}
