import { BadState, ProtocolError } from '../errors.js';
import type { Pipe } from '../pipe.js';
import { Socket, type SocketOptions } from '../socket.js';
import { idHeader, nextId } from './backtrace.js';

/** Options of {@link Req0}. */
export interface Req0Options extends SocketOptions {
  /**
   * Resend the request when no reply came within this many ms (NNG's `req:resend-time`);
   * 0 or negative: only when its connection is lost. pynng alias: `resend_time`.
   * @default 60000
   */
  resendTime?: number;
  resend_time?: number;
}

interface Pending {
  id: number;
  header: Buffer;
  body: Buffer;
  pipe: Pipe | null;
  timer: NodeJS.Timeout | null;
}

/**
 * REQ (req0): `send()` a request, then `recv()` its reply. Each request carries a 32-bit id
 * with the high bit set; replies with another id are discarded. The request is resent on
 * another connection when its connection is lost, and after `resendTime`. A new `send()`
 * abandons the previous request; `recv()` with no request outstanding rejects with BadState.
 */
export class Req0 extends Socket {
  readonly protocol = 'req0' as const;
  /** See {@link Req0Options.resendTime}. */
  resendTime: number;
  #pending: Pending | null = null;

  constructor(options: Req0Options = {}) {
    super(options);
    this.resendTime = options.resendTime ?? options.resend_time ?? 60_000;
  }

  override send(data: Uint8Array | string): Promise<void> {
    const body = this.toBuffer(data);
    this.#cancel();
    const id = nextId();
    const p: Pending = { id, header: idHeader(id), body, pipe: null, timer: null };
    this.#pending = p;
    return this.#transmit(p);
  }

  #transmit(p: Pending): Promise<void> {
    return this.sendToOne(p.header, p.body, (pipe) => {
      if (this.#pending !== p) return;
      p.pipe = pipe;
      if (p.timer !== null) clearTimeout(p.timer);
      p.timer = null;
      if (this.resendTime > 0) {
        p.timer = setTimeout(() => this.#resend(p), this.resendTime);
        if (!this.keepsAlive) p.timer.unref();
      }
    });
  }

  #resend(p: Pending): void {
    if (this.#pending !== p || this.closed) return;
    p.timer = null;
    p.pipe = null;
    this.#transmit(p).catch(() => {});
  }

  #cancel(): void {
    const p = this.#pending;
    if (p?.timer) clearTimeout(p.timer);
    this.#pending = null;
  }

  protected override checkRecv(): void {
    if (this.#pending === null)
      throw new BadState('recv() on a REQ socket needs a request sent first');
  }

  protected override onMessage(pipe: Pipe, msg: Buffer): void {
    if (msg.length < 4) {
      pipe.close(new ProtocolError('reply without its 4-byte request id'));
      return;
    }
    const p = this.#pending;
    if (p === null || msg.readUInt32BE(0) !== p.id) return;
    this.#cancel();
    this.deliver({ body: msg.subarray(4), pipe, header: null });
  }

  protected override onPipeRemoved(pipe: Pipe): void {
    const p = this.#pending;
    if (p !== null && p.pipe === pipe) this.#resend(p);
  }

  protected override onClose(): void {
    this.#cancel();
  }
}
