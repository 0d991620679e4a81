import type { Pipe } from '../pipe.js';
import { Socket, type SocketOptions } from '../socket.js';

/** Options of {@link Sub0}: the socket options plus initial subscriptions. */
export interface Sub0Options extends SocketOptions {
  /** Prefixes to subscribe to at once (`''` for everything). */
  topics?: (string | Uint8Array)[] | string | Uint8Array;
}

/**
 * SUB (sub0): receives the messages of the publishers it is connected to whose bytes start
 * with one of its subscribed prefixes; no subscription, no messages (as libnng). Filtering is
 * local. When `recv()` falls behind by `recvBufferSize` messages, the oldest is dropped and
 * counted in `stats.dropped`, as libnng's SUB drops.
 */
export class Sub0 extends Socket {
  readonly protocol = 'sub0' as const;
  #topics: Buffer[] = [];

  constructor(options: Sub0Options = {}) {
    super(options);
    const t = options.topics;
    if (t !== undefined) for (const p of Array.isArray(t) ? t : [t]) this.subscribe(p);
  }

  /** Receives messages starting with `prefix` (bytes; a string is UTF-8). */
  subscribe(prefix: string | Uint8Array): void {
    const b = Buffer.from(prefix as Uint8Array);
    if (!this.#topics.some((t) => t.equals(b))) this.#topics.push(b);
  }

  /** Stops receiving messages for `prefix` (an exact earlier subscription). */
  unsubscribe(prefix: string | Uint8Array): void {
    const b = Buffer.from(prefix as Uint8Array);
    this.#topics = this.#topics.filter((t) => !t.equals(b));
  }

  /** SUB sockets cannot send: rejects with NotSupported. */
  override send(_data: Uint8Array | string): Promise<void> {
    return this.notSupported('send');
  }

  protected override onMessage(pipe: Pipe, body: Buffer): void {
    for (const t of this.#topics) {
      if (body.length >= t.length && body.compare(t, 0, t.length, 0, t.length) === 0) {
        this.deliver({ body, pipe, header: null }, true);
        return;
      }
    }
  }
}
