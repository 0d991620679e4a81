import { BadState } from '../errors.js';
import type { Pipe } from '../pipe.js';
import type { ProtocolName } from '../protocol-ids.js';
import { type Received, Socket } from '../socket.js';
import { splitBacktrace } from './backtrace.js';

/**
 * REP (rep0): `recv()` a request, then `send()` its reply, which goes back along the request's
 * route (its backtrace) to the requester. `send()` with no request received rejects with
 * BadState; a reply whose requester has gone is discarded, as libnng does.
 */
export class Rep0 extends Socket {
  readonly protocol: ProtocolName = 'rep0';
  #route: { pipe: Pipe; header: Buffer } | null = null;

  override send(data: Uint8Array | string): Promise<void> {
    const body = this.toBuffer(data);
    const r = this.#route;
    if (r === null)
      return Promise.reject(
        new BadState(`send() on a ${this.protocol} socket needs a message received first`),
      );
    this.#route = null;
    if (r.pipe.ready) r.pipe.send(r.header, body);
    return Promise.resolve();
  }

  protected override onMessage(pipe: Pipe, msg: Buffer): void {
    const parts = splitBacktrace(pipe, msg);
    if (parts !== undefined) this.deliver({ body: parts.body, pipe, header: parts.header });
  }

  protected override onDelivered(r: Received): void {
    this.#route = { pipe: r.pipe, header: r.header! };
  }
}
