import { Socket } from '../socket.js';

/**
 * PUSH (push0): each message goes to one connected puller, round robin among those with room;
 * `send()` waits while none has room (or none is connected), up to `sendTimeout`.
 */
export class Push0 extends Socket {
  readonly protocol = 'push0' as const;

  override send(data: Uint8Array | string): Promise<void> {
    return this.sendToOne(null, this.toBuffer(data));
  }

  /** PUSH sockets cannot receive: rejects with NotSupported. */
  override recv(): Promise<Buffer> {
    return this.notSupported('receive');
  }
}
