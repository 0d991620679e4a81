import { ProtocolError } from '../errors.js';
import type { Pipe } from '../pipe.js';

/** The most hops a request may have crossed (NNG's default `ttl-max`). */
export const MAX_TTL = 8;

/**
 * Splits a REQ or SURVEYOR message into its backtrace (32-bit words up to and including the
 * first with the high bit set: the request or survey id) and its body. Returns undefined for
 * a message that crossed more than `MAX_TTL` hops (dropped, not an error); closes the pipe
 * with a ProtocolError when the backtrace never ends.
 * @internal
 */
export function splitBacktrace(
  pipe: Pipe,
  msg: Buffer,
): { header: Buffer; body: Buffer } | undefined {
  for (let off = 0, hops = 1; ; off += 4, hops++) {
    if (hops > MAX_TTL) return undefined;
    if (off + 4 > msg.length) {
      pipe.close(
        new ProtocolError('request without a complete backtrace (no word with the high bit set)'),
      );
      return undefined;
    }
    if ((msg[off]! & 0x80) !== 0) {
      return { header: msg.subarray(0, off + 4), body: msg.subarray(off + 4) };
    }
  }
}

let seed = (Math.random() * 0x7fffffff) >>> 0;

/** A new 32-bit request or survey id with the high bit set. @internal */
export function nextId(): number {
  seed = (seed + 1) & 0x7fffffff;
  return (seed | 0x80000000) >>> 0;
}

/** The id as a 4-byte big-endian header. @internal */
export function idHeader(id: number): Buffer {
  const b = Buffer.allocUnsafe(4);
  b.writeUInt32BE(id, 0);
  return b;
}
