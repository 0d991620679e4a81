import { Socket, type SocketOptions } from '../socket.js';

/**
 * PAIR version 0 (pair0): one peer, messages both ways, no header. A second peer's
 * connection is refused while the first is connected.
 */
export class Pair0 extends Socket {
  readonly protocol = 'pair0' as const;

  constructor(options: SocketOptions = {}) {
    super(options);
    this.maxPipes = 1;
  }

  override send(data: Uint8Array | string): Promise<void> {
    return this.sendToOne(null, this.toBuffer(data));
  }
}
