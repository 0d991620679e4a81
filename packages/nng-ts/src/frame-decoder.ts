import { constants } from 'node:buffer';
import { ProtocolError } from './errors.js';
import type { ProtocolName } from './protocol-ids.js';
import { parseSpHeader, SP_HEADER_LENGTH, SpHeaderError } from './sp-header.js';

/** The largest message a decoder accepts when `recvMaxSize` is 0 (no limit). */
const UNLIMITED = Math.min(constants.MAX_LENGTH, 0xffffffff);

/**
 * Incremental decoder of one SP stream: the peer's 8-byte SP header, then messages framed as
 * `u64 BE length + body` (TCP) or `0x01 + u64 BE length + body` (IPC). The announced length is
 * checked against `maxSize` before any memory is allocated for the body; bodies that arrive
 * whole in one chunk are handed on as views of that chunk, without copying.
 */
export class FrameDecoder {
  readonly #ipc: boolean;
  readonly #max: number;
  readonly #onHeader: (peer: ProtocolName) => void;
  readonly #onMessage: (body: Buffer) => void;
  #headerDone = false;
  #leftover: Buffer | null = null;
  #body: Buffer | null = null;
  #filled = 0;

  /**
   * @param ipc IPC framing (a message-type byte before each length) instead of TCP's.
   * @param maxSize the largest body accepted (0: no limit but the platform's).
   * @param onHeader receives the protocol the peer announced; may throw to reject it.
   * @param onMessage receives each message body.
   */
  constructor(
    ipc: boolean,
    maxSize: number,
    onHeader: (peer: ProtocolName) => void,
    onMessage: (body: Buffer) => void,
  ) {
    this.#ipc = ipc;
    this.#max = maxSize > 0 ? Math.min(maxSize, UNLIMITED) : UNLIMITED;
    this.#onHeader = onHeader;
    this.#onMessage = onMessage;
  }

  /** Bytes of a message body received so far, or 0 between messages. */
  get partial(): number {
    return this.#body === null ? (this.#leftover?.length ?? 0) : this.#filled;
  }

  /** Feeds received bytes; throws ProtocolError when the stream breaks the framing. */
  push(chunk: Buffer): void {
    if (this.#body !== null) {
      const body = this.#body;
      const n = Math.min(body.length - this.#filled, chunk.length);
      chunk.copy(body, this.#filled, 0, n);
      this.#filled += n;
      if (this.#filled < body.length) return;
      this.#body = null;
      this.#filled = 0;
      this.#onMessage(body);
      if (n === chunk.length) return;
      chunk = chunk.subarray(n);
    }
    if (this.#leftover !== null) {
      chunk = Buffer.concat([this.#leftover, chunk]);
      this.#leftover = null;
    }
    let off = 0;
    const end = chunk.length;
    if (!this.#headerDone) {
      if (end < SP_HEADER_LENGTH) {
        this.#leftover = Buffer.from(chunk);
        return;
      }
      let peer: ProtocolName;
      try {
        peer = parseSpHeader(chunk.subarray(0, SP_HEADER_LENGTH));
      } catch (e) {
        if (e instanceof SpHeaderError) throw new ProtocolError(e.message, { cause: e });
        throw e;
      }
      this.#headerDone = true;
      this.#onHeader(peer);
      off = SP_HEADER_LENGTH;
    }
    const prefix = this.#ipc ? 9 : 8;
    while (off < end) {
      if (end - off < prefix) {
        this.#leftover = Buffer.from(chunk.subarray(off));
        return;
      }
      if (this.#ipc && chunk[off] !== 1) {
        throw new ProtocolError(`IPC message type ${chunk[off]} is not 1 (a data message)`);
      }
      const hi = chunk.readUInt32BE(off + prefix - 8);
      const lo = chunk.readUInt32BE(off + prefix - 4);
      if (hi !== 0 || lo > this.#max) {
        const len = (BigInt(hi) << 32n) | BigInt(lo);
        throw new ProtocolError(
          `peer announced a message of ${len} bytes, more than recvMaxSize (${this.#max})`,
        );
      }
      off += prefix;
      if (end - off >= lo) {
        this.#onMessage(chunk.subarray(off, off + lo));
        off += lo;
        continue;
      }
      const body = Buffer.allocUnsafe(lo);
      chunk.copy(body, 0, off, end);
      this.#body = body;
      this.#filled = end - off;
      return;
    }
  }
}
