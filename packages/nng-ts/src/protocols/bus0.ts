import { Socket } from '../socket.js';

/**
 * BUS (bus0): every message goes to every directly connected peer (dropped and counted for a
 * peer without room, as PUB); messages arrive from every peer and are not forwarded.
 */
export class Bus0 extends Socket {
  readonly protocol = 'bus0' as const;

  override send(data: Uint8Array | string): Promise<void> {
    this.broadcast(null, this.toBuffer(data));
    return Promise.resolve();
  }
}
