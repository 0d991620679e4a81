import { ProtocolError } from '../errors.js';
import type { Pipe } from '../pipe.js';
import { Socket, type SocketOptions } from '../socket.js';

/** The hop count a pair1 message starts with (libnng writes 0 and adds one on send). */
const HOPS_ONE = Buffer.from([0, 0, 0, 1]);

/** Options of {@link Pair1}. */
export interface Pair1Options extends SocketOptions {
  /** Messages that travelled more hops than this are dropped (NNG's `ttl-max`). @default 8 */
  maxTtl?: number;
}

/**
 * PAIR version 1 (pair1, monogamous): one peer; each message carries a 32-bit hop count.
 * A message without it, or with a count above 255, drops the connection (as libnng); one
 * above `maxTtl` is dropped. Polyamorous mode is not implemented.
 */
export class Pair1 extends Socket {
  readonly protocol = 'pair1' as const;
  /** See {@link Pair1Options.maxTtl}. */
  readonly maxTtl: number;

  constructor(options: Pair1Options = {}) {
    super(options);
    this.maxPipes = 1;
    this.maxTtl = options.maxTtl ?? 8;
  }

  override send(data: Uint8Array | string): Promise<void> {
    return this.sendToOne(HOPS_ONE, this.toBuffer(data));
  }

  protected override onMessage(pipe: Pipe, body: Buffer): void {
    if (body.length < 4) {
      pipe.close(new ProtocolError('pair1 message without its 4-byte hop count'));
      return;
    }
    const hops = body.readUInt32BE(0);
    if (hops > 0xff) {
      pipe.close(new ProtocolError(`pair1 hop count ${hops} is above 255`));
      return;
    }
    if (hops > this.maxTtl) {
      this.stats.dropped++;
      return;
    }
    this.deliver({ body: body.subarray(4), pipe, header: null });
  }
}
