import { makeLogRecord, type LogRecord } from '@logweave/core';
import { safeUnpickle, type SafeUnpickleOptions, withoutStack } from './safe-unpickler.js';

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
 * Decodes a frame's payload (a pickle, or JSON when it starts with `{`) into a `LogRecord`:
 * the attributes of the record dict are written onto a blank record from the current factory
 * (as `makeLogRecord` does, without the intermediate dict). The dict must have a string `name`
 * (None becomes `'root'`) and a numeric `levelno`; keys that would replace the record's
 * prototype or methods are left out.
 */
export function decodeRecord(payload: Uint8Array, options: SafeUnpickleOptions = {}): LogRecord {
  const rec = makeLogRecord({});
  const target = rec as unknown as Record<string, unknown>;
  target.name = undefined;
  target.levelno = undefined;
  if (payload[0] === 0x7b) {
    let text: string;
    try {
      text = utf8.decode(payload);
    } catch {
      throw withoutStack(() => new FrameError('invalid UTF-8 in a JSON frame'));
    }
    let v: unknown;
    try {
      v = JSON.parse(text);
    } catch (e) {
      throw withoutStack(() => new FrameError(`invalid JSON frame: ${(e as Error).message}`));
    }
    if (v === null || typeof v !== 'object' || Array.isArray(v)) {
      throw withoutStack(() => new FrameError('the frame does not hold a record dict'));
    }
    const src = v as Record<string, unknown>;
    for (const k of Object.keys(src)) if (!UNSAFE_KEYS.has(k)) target[k] = src[k];
  } else {
    // An UnpicklingError (a refused or malformed pickle) goes to the receiver as it is.
    const v = safeUnpickle(payload, { ...options, root: target, skipKeys: UNSAFE_KEYS });
    if (v !== target)
      throw withoutStack(() => new FrameError('the frame does not hold a record dict'));
  }
  if (rec.name === null || rec.name === undefined) rec.name = 'root';
  if (typeof rec.name !== 'string') {
    throw withoutStack(() => new FrameError('the record dict has a non-string name'));
  }
  if (typeof rec.levelno !== 'number' || !Number.isFinite(rec.levelno)) {
    throw withoutStack(() => new FrameError('the record dict has no numeric levelno'));
  }
  return rec;
}

/** Decodes a frame's payload into the record dict (see `decodeRecord`), as a plain object. */
export function decodeRecordDict(
  payload: Uint8Array,
  options: SafeUnpickleOptions = {},
): Record<string, unknown> {
  return { ...decodeRecord(payload, options) };
}
