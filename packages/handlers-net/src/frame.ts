import { makeLogRecord, type LogRecord } from '@logweave/core';
import { safeUnpickle, type SafeUnpickleOptions, UnpicklingError } from './safe-unpickler.js';

/**
 * What a logweave `SocketHandler` with `ack: true` sends first on a connection, in place of a
 * length prefix ("LWA1", far beyond any frame size a receiver accepts): it asks the receiver
 * to acknowledge handled frames with 4-byte big-endian running counts.
 */
export const ACK_HELLO: Buffer = Buffer.from('LWA1', 'latin1');

/** Thrown for a frame a receiver refuses (oversized, malformed, not a record dict). */
export class FrameError extends Error {
  override name = 'FrameError';
}

// Keys that would replace the record's prototype or methods.
const UNSAFE_KEYS = new Set([
  '__proto__',
  'constructor',
  'getMessage',
  'toString',
  'toJSON',
  'valueOf',
]);

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes a frame's payload (a pickle, or JSON when it starts with `{`) into the record dict:
 * a plain object with a string `name` and a numeric `levelno`. Keys that would replace the
 * record's prototype or methods are left out.
 */
export function decodeRecordDict(
  payload: Uint8Array,
  options: SafeUnpickleOptions = {},
): Record<string, unknown> {
  let v: unknown;
  if (payload[0] === 0x7b) {
    let text: string;
    try {
      text = utf8.decode(payload);
    } catch {
      throw new FrameError('invalid UTF-8 in a JSON frame');
    }
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw new FrameError(`invalid JSON frame: ${(e as Error).message}`);
    }
  } else {
    try {
      v = safeUnpickle(payload, options);
    } catch (e) {
      if (e instanceof UnpicklingError)
        throw new FrameError(`refused pickle: ${e.message}`, { cause: e });
      throw e;
    }
  }
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) {
    throw new FrameError('the frame does not hold a record dict');
  }
  const src = v as Record<string, unknown>;
  const d: Record<string, unknown> = {};
  for (const k of Object.keys(src)) if (!UNSAFE_KEYS.has(k)) d[k] = src[k];
  if (d.name === null || d.name === undefined) d.name = 'root';
  if (typeof d.name !== 'string') throw new FrameError('the record dict has a non-string name');
  if (typeof d.levelno !== 'number' || !Number.isFinite(d.levelno)) {
    throw new FrameError('the record dict has no numeric levelno');
  }
  return d;
}

/** Decodes a frame's payload into a `LogRecord`, with `makeLogRecord` (see `decodeRecordDict`). */
export function decodeRecord(payload: Uint8Array, options?: SafeUnpickleOptions): LogRecord {
  return makeLogRecord(decodeRecordDict(payload, options));
}
