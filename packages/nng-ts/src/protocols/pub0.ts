import { Socket } from '../socket.js';

/**
 * PUB (pub0): every message goes to every connected subscriber. A subscriber whose pipe is
 * full (`sendHighWaterMark`) misses the message; unlike libnng, which drops silently, the
 * drop is counted in `stats.dropped` and in that pipe's `dropped`. `send()` never waits.
 */
export class Pub0 extends Socket {
  readonly protocol = 'pub0' as const;

  override send(data: Uint8Array | string): Promise<void> {
    const body = this.toBuffer(data);
    this.broadcast(null, body);
    return Promise.resolve();
  }

  /** PUB sockets cannot receive: rejects with NotSupported. */
  override recv(): Promise<Buffer> {
    return this.notSupported('receive');
  }
}
