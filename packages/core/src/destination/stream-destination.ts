import type { WriteStream } from 'node:fs';
import { LoggingAttributeError } from '../errors.js';
import { type Destination, isDestination } from './destination.js';
import { FdDestination } from './fd-destination.js';
import { NodeStreamDestination, type WritableLike } from './node-stream-destination.js';
import { TextCodec } from './text-codec.js';

const fs = process.getBuiltinModule('node:fs');

// One shared destination per standard fd, and per stream object otherwise, so that several
// handlers on the same stream share one buffer and their records stay in order.
const byStdFd = new Map<number, FdDestination>();
const byStream = new WeakMap<object, Destination>();

/** The destination of a handler whose stream is null (CPython: `None.write` fails). */
const NO_STREAM: Destination = {
  write(): void {
    throw new LoggingAttributeError("'NoneType' object has no attribute 'write'");
  },
  flushSync(): void {},
  closeSync(): void {},
};

/**
 * The destination a `StreamHandler` writes to for `stream`:
 * - a {@link Destination} is used as is;
 * - `process.stdout`, `process.stderr` and anything with a numeric `fd` (an open
 *   `fs.WriteStream`, a `tty.WriteStream`) get a shared buffered {@link FdDestination}
 *   on that fd (the fd stays the stream's: it is never closed here; fds 0-2 use the
 *   `backslashreplace` error handler, like Python's stderr);
 * - an `fs.WriteStream` still opening buffers until it opens, then writes to its fd
 *   (if the process exits first, its file is opened synchronously with the stream's path,
 *   flags and mode); when it finishes, buffered output is flushed and writing stops;
 * - anything else writes through `stream.write()` ({@link NodeStreamDestination});
 * - null gives a destination whose `write` throws CPython's AttributeError.
 * @internal
 */
export function destinationFor(stream: unknown): Destination {
  if (stream === null || stream === undefined) return NO_STREAM;
  if (isDestination(stream)) return stream;
  if (typeof stream !== 'object' && typeof stream !== 'function') {
    return new NodeStreamDestination(stream as WritableLike);
  }
  const fd = (stream as { fd?: unknown }).fd;
  if (typeof fd === 'number' && fd >= 0 && fd <= 2) {
    let d = byStdFd.get(fd);
    if (d === undefined) {
      d = new FdDestination(fd, { codec: new TextCodec('utf-8', 'backslashreplace') });
      byStdFd.set(fd, d);
    }
    return d;
  }
  let d = byStream.get(stream);
  if (d !== undefined) return d;
  if (stream instanceof fs.WriteStream && !stream.destroyed) {
    d = writeStreamDestination(stream);
  } else if (typeof fd === 'number' && Number.isInteger(fd) && fd >= 0) {
    d = new FdDestination(fd);
  } else {
    d = new NodeStreamDestination(stream as WritableLike);
  }
  byStream.set(stream, d);
  return d;
}

/** @internal The shared destination of a standard fd (0-2), if one was created. */
export function stdFdDestination(fd: number): FdDestination | undefined {
  return byStdFd.get(fd);
}

function writeStreamDestination(stream: WriteStream): FdDestination {
  const s = stream as unknown as { fd: unknown; path: unknown; flags: unknown; mode: unknown };
  const fd = s.fd;
  // Exiting before the stream opened: open its file ourselves (same path, flags and mode).
  const openAtExit =
    typeof s.path === 'string'
      ? () =>
          fs.openSync(
            s.path as string,
            typeof s.flags === 'string' ? s.flags : 'w',
            typeof s.mode === 'number' ? s.mode : 0o666,
          )
      : null;
  const d = new FdDestination(typeof fd === 'number' ? fd : null, { openAtExit });
  if (typeof fd !== 'number') stream.once('open', (opened: number) => d.setFd(opened));
  // 'finish' comes while the fd is still open; 'close' after it was closed.
  stream.once('finish', () => d.detach(true));
  stream.once('close', () => d.detach(false));
  stream.on('error', (e: unknown) => d.detach(false, e));
  return d;
}
