import type { Socket as NetSocket } from 'node:net';
import { ProtocolError } from './errors.js';
import { FrameDecoder } from './frame-decoder.js';
import { type ProtocolName, peerOf } from './protocol-ids.js';
import { encodeSpHeader } from './sp-header.js';

/** What a pipe reports to the socket that owns it. @internal */
export interface PipeOwner {
  readonly protocol: ProtocolName;
  readonly recvMaxSize: number;
  readonly sendHighWaterMark: number;
  readonly handshakeTimeout: number;
  readonly linger: number;
  readonly keepsAlive: boolean;
  pipeReady(pipe: Pipe): void;
  pipeMessage(pipe: Pipe, body: Buffer): void;
  pipeDrained(pipe: Pipe): void;
  pipeClosed(pipe: Pipe, reason: Error | undefined, wasReady: boolean): void;
}

let nextPipeId = 1;

/**
 * One connection between two SP sockets (NNG's pipe), over a TCP or IPC stream. Sends the SP
 * header at once, validates the peer's, then frames messages both ways. Outgoing messages are
 * batched and written once per event-loop turn.
 */
export class Pipe {
  /** A process-unique id (pynng: `Pipe.id`). */
  readonly id = nextPipeId++;
  /** The far end: `host:port` for TCP, the path for IPC. */
  readonly remoteAddress: string;
  /** Messages dropped for this pipe because it could not keep up (PUB, BUS, SURVEYOR). */
  dropped = 0;
  /** The protocol the peer announced, once its header has arrived. */
  peerProtocol: ProtocolName | undefined;
  readonly #sock: NetSocket;
  readonly #owner: PipeOwner;
  readonly #ipc: boolean;
  readonly #prefix: number;
  #ready = false;
  #closed = false;
  #handshakeTimer: NodeJS.Timeout | null;
  #lingerTimer: NodeJS.Timeout | null = null;
  #flushScheduled = false;
  #pendingBytes = 0;
  #pendingHeaders: (Buffer | null)[] = [];
  #pendingBodies: Buffer[] = [];
  #paused = false;

  /** @internal */
  constructor(sock: NetSocket, owner: PipeOwner, ipc: boolean, remoteAddress: string) {
    this.#sock = sock;
    this.#owner = owner;
    this.#ipc = ipc;
    this.#prefix = ipc ? 9 : 8;
    this.remoteAddress = remoteAddress;
    sock.setNoDelay?.(true);
    if (!owner.keepsAlive) sock.unref();
    const expected = peerOf(owner.protocol);
    const decoder = new FrameDecoder(
      ipc,
      owner.recvMaxSize,
      (peer) => {
        this.peerProtocol = peer;
        if (peer !== expected) {
          throw new ProtocolError(
            `peer speaks ${peer}, but ${owner.protocol} only talks to ${expected}`,
          );
        }
        this.#clearHandshakeTimer();
        this.#ready = true;
        owner.pipeReady(this);
      },
      (body) => {
        if (!this.#closed) owner.pipeMessage(this, body);
      },
    );
    sock.on('data', (chunk: Buffer) => {
      if (this.#closed) return;
      try {
        decoder.push(chunk);
      } catch (e) {
        this.close(e instanceof Error ? e : new ProtocolError(String(e)));
      }
    });
    sock.on('drain', () => {
      if (!this.#closed) owner.pipeDrained(this);
    });
    sock.on('error', (e) => this.close(e));
    sock.on('end', () => {
      const partial = decoder.partial;
      this.close(
        !this.#ready
          ? new ProtocolError('peer closed the connection before sending its SP header')
          : partial > 0
            ? new ProtocolError(
                `peer closed the connection in the middle of a message (${partial} bytes received)`,
              )
            : undefined,
      );
    });
    sock.on('close', () => this.close(undefined));
    this.#handshakeTimer = setTimeout(
      () =>
        this.close(
          new ProtocolError(`no SP header from the peer within ${owner.handshakeTimeout} ms`),
        ),
      owner.handshakeTimeout,
    );
    if (!owner.keepsAlive) this.#handshakeTimer.unref();
    sock.write(encodeSpHeader(owner.protocol));
  }

  /** Whether the connection is open and the SP headers were exchanged. */
  get ready(): boolean {
    return this.#ready && !this.#closed;
  }

  /** Whether the pipe can take another message without exceeding `sendHighWaterMark`. */
  get hasRoom(): boolean {
    return (
      !this.#closed &&
      this.#pendingBytes + this.#sock.writableLength < this.#owner.sendHighWaterMark
    );
  }

  /** Whether nothing is left to write: no queued message and nothing in the stream's buffer. */
  get flushed(): boolean {
    return this.#closed || (this.#pendingBytes === 0 && this.#sock.writableLength === 0);
  }

  /** Keeps the process alive while this connection is open. @internal */
  ref(): void {
    this.#sock.ref();
  }

  /** Lets the process exit while this connection is open. @internal */
  unref(): void {
    this.#sock.unref();
  }

  /** Queues one message (protocol header + body) for this pipe's next write. @internal */
  send(header: Buffer | null, body: Buffer): void {
    if (this.#closed) return;
    this.#pendingHeaders.push(header);
    this.#pendingBodies.push(body);
    this.#pendingBytes += this.#prefix + (header === null ? 0 : header.length) + body.length;
    if (!this.#flushScheduled) {
      this.#flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  /** Writes every queued message to the connection in one write. @internal */
  flush(): void {
    this.#flushScheduled = false;
    if (this.#closed || this.#pendingBytes === 0) return;
    const out = Buffer.allocUnsafe(this.#pendingBytes);
    const headers = this.#pendingHeaders;
    const bodies = this.#pendingBodies;
    const ipc = this.#ipc;
    let off = 0;
    for (let i = 0; i < bodies.length; i++) {
      const h = headers[i]!;
      const b = bodies[i]!;
      const len = (h === null ? 0 : h.length) + b.length;
      if (ipc) out[off++] = 1;
      out.writeUInt32BE(0, off);
      out.writeUInt32BE(len, off + 4);
      off += 8;
      if (h !== null) off += h.copy(out, off);
      off += b.copy(out, off);
    }
    this.#pendingHeaders = [];
    this.#pendingBodies = [];
    this.#pendingBytes = 0;
    // Without backpressure the stream emits no 'drain': senders waiting for room resume now.
    if (this.#sock.write(out)) this.#owner.pipeDrained(this);
  }

  /** Stops reading from the connection (receive backpressure). @internal */
  pause(): void {
    if (!this.#paused && !this.#closed) {
      this.#paused = true;
      this.#sock.pause();
    }
  }

  /** Resumes reading. @internal */
  resume(): void {
    if (this.#paused && !this.#closed) {
      this.#paused = false;
      this.#sock.resume();
    }
  }

  /**
   * Closes the connection. With a reason, at once; without, what is queued is written first
   * and the connection is ended, destroyed after `linger` ms at the latest.
   */
  close(reason?: Error): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#clearHandshakeTimer();
    const wasReady = this.#ready;
    this.#ready = false;
    const sock = this.#sock;
    if (reason === undefined && !sock.destroyed && this.#pendingBytes > 0) {
      this.#closed = false;
      this.flush();
      this.#closed = true;
    }
    this.#pendingHeaders = [];
    this.#pendingBodies = [];
    this.#pendingBytes = 0;
    if (reason !== undefined || sock.destroyed || sock.writableLength === 0) sock.destroy();
    else {
      sock.end();
      this.#lingerTimer = setTimeout(() => sock.destroy(), this.#owner.linger);
      if (!this.#owner.keepsAlive) this.#lingerTimer.unref();
      sock.once('close', () => {
        if (this.#lingerTimer !== null) clearTimeout(this.#lingerTimer);
        this.#lingerTimer = null;
      });
    }
    this.#owner.pipeClosed(this, reason, wasReady);
  }

  /** A promise that settles once the underlying connection is fully closed. @internal */
  whenClosed(): Promise<void> {
    const sock = this.#sock;
    if (sock.closed) return Promise.resolve();
    return new Promise((resolve) => sock.once('close', () => resolve()));
  }

  #clearHandshakeTimer(): void {
    if (this.#handshakeTimer !== null) clearTimeout(this.#handshakeTimer);
    this.#handshakeTimer = null;
  }
}
