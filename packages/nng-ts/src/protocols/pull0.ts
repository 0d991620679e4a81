import { Socket } from '../socket.js';

/**
 * PULL (pull0): receives from every connected pusher, fairly. When `recv()` falls behind by
 * `recvBufferSize` messages, reading pauses, so pushers wait instead of anything being lost.
 */
export class Pull0 extends Socket {
  readonly protocol = 'pull0' as const;

  /** PULL sockets cannot send: rejects with NotSupported. */
  override send(_data: Uint8Array | string): Promise<void> {
    return this.notSupported('send');
  }
}
