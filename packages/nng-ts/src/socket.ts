import type { Socket as NetSocket } from 'node:net';
import { parseAddress } from './address.js';
import { Dialer } from './dialer.js';
import { BadState, Closed, NotSupported, ProtocolError, Timeout, TryAgain } from './errors.js';
import { Listener } from './listener.js';
import { Pipe } from './pipe.js';
import type { ProtocolName } from './protocol-ids.js';

/**
 * Options of every socket. Times are milliseconds; pynng's snake_case names are accepted as
 * aliases (`recv_timeout`, `send_timeout`, `recv_max_size`, `reconnect_time_min`,
 * `reconnect_time_max`, `recv_buffer_size`).
 */
export interface SocketOptions {
  /** Listen on this URL as soon as the socket is made (see `ready`). */
  listen?: string;
  /** Dial this URL as soon as the socket is made, without blocking (see `dial()`). */
  dial?: string;
  /**
   * How long `recv()` waits before rejecting with `Timeout` (undefined or negative: forever).
   * @default undefined
   */
  recvTimeout?: number;
  /**
   * How long `send()` waits for a peer with room before rejecting with `Timeout`.
   * @default undefined
   */
  sendTimeout?: number;
  /**
   * The largest message accepted from a peer, in bytes; a peer announcing a larger one is
   * disconnected before anything is allocated (NNG's `recv-size-max`; 0: no limit).
   * @default 1048576
   */
  recvMaxSize?: number;
  /** @default 100 */
  reconnectTimeMin?: number;
  /** Upper bound of the doubling redial delay; 0 keeps `reconnectTimeMin`. @default 0 */
  reconnectTimeMax?: number;
  /**
   * Received messages held until `recv()` takes them. Beyond it, reading from peers pauses
   * (SUB instead drops the oldest message, counted in `dropped`).
   * @default 1024
   */
  recvBufferSize?: number;
  /**
   * Bytes a pipe may have waiting to be written before it counts as full: PUSH/PAIR/REQ wait
   * for room, PUB/BUS/SURVEYOR drop the message for that pipe and count it.
   * @default 1048576
   */
  sendHighWaterMark?: number;
  /** How long `close()` lets queued bytes drain before cutting connections. @default 1000 */
  linger?: number;
  /** How long a new connection may take to send its SP header. @default 10000 */
  handshakeTimeout?: number;
  /**
   * Whether open connections, listeners and redial timers keep the process alive, like a
   * server. Logging transports set it to false. @default true
   */
  keepAlive?: boolean;
  recv_timeout?: number;
  send_timeout?: number;
  recv_max_size?: number;
  reconnect_time_min?: number;
  reconnect_time_max?: number;
  recv_buffer_size?: number;
}

/** Options of {@link Socket.dial}. */
export interface DialOptions {
  /**
   * true: reject with `ConnectionRefused` if the first attempt fails (and stop dialing);
   * false: never reject, keep redialing in the background; undefined (pynng's default):
   * wait for the first attempt, then keep redialing in the background if it failed.
   */
  block?: boolean;
}

/** A received message with the pipe it came from (pynng: `Message`). */
export interface Message {
  /** The message body. */
  bytes: Buffer;
  /** The connection it arrived on. */
  pipe: Pipe;
}

/** Counters of a socket's connection life. */
export interface SocketStats {
  /** Connections that completed the SP handshake. */
  pipesAdded: number;
  /** Connections dropped because the peer broke the protocol. */
  protocolErrors: number;
  /** Messages dropped (PUB/BUS/SURVEYOR pipes without room, SUB receive queue full). */
  dropped: number;
}

/** The events of {@link Socket.on}. */
export interface SocketEvents {
  /** A peer connected and completed the SP handshake. */
  'pipe-added': (pipe: Pipe) => void;
  /** A connected peer left; `reason` is set when it was dropped for an error. */
  'pipe-removed': (pipe: Pipe, reason: Error | undefined) => void;
  /** A connection was dropped because the peer broke the protocol (before or after the handshake). */
  'pipe-error': (error: ProtocolError, pipe: Pipe) => void;
}

interface Waiter<T> {
  resolve(v: T): void;
  reject(e: Error): void;
  timer: NodeJS.Timeout | null;
}

interface SendWaiter extends Waiter<void> {
  header: Buffer | null;
  body: Buffer;
  onSent: ((pipe: Pipe) => void) | undefined;
}

export interface Received {
  body: Buffer;
  pipe: Pipe;
  header: Buffer | null;
}

const RESOLVED = Promise.resolve();

function pick(
  o: SocketOptions,
  camel: keyof SocketOptions,
  snake: keyof SocketOptions,
): number | undefined {
  const v = (o[camel] ?? o[snake]) as number | undefined;
  if (v !== undefined && (typeof v !== 'number' || Number.isNaN(v))) {
    throw new TypeError(`option ${String(camel)} must be a number, got ${String(v)}`);
  }
  return v;
}

/**
 * The base of every protocol socket: dialers, listeners, pipes, the receive queue and
 * timeouts. Protocols override `onMessage()` (what to do with a received message) and
 * `send()`. See {@link SocketEvents} for what `on()` reports.
 */
export abstract class Socket {
  /** This socket's protocol. */
  abstract readonly protocol: ProtocolName;
  /** See {@link SocketOptions.recvTimeout}. */
  recvTimeout: number | undefined;
  /** See {@link SocketOptions.sendTimeout}. */
  sendTimeout: number | undefined;
  /** See {@link SocketOptions.recvMaxSize}. */
  readonly recvMaxSize: number;
  /** See {@link SocketOptions.reconnectTimeMin}. */
  readonly reconnectTimeMin: number;
  /** See {@link SocketOptions.reconnectTimeMax}. */
  readonly reconnectTimeMax: number;
  /** See {@link SocketOptions.recvBufferSize}. */
  readonly recvBufferSize: number;
  /** See {@link SocketOptions.sendHighWaterMark}. */
  readonly sendHighWaterMark: number;
  /** See {@link SocketOptions.linger}. */
  readonly linger: number;
  /** See {@link SocketOptions.handshakeTimeout}. */
  readonly handshakeTimeout: number;
  /** See {@link SocketOptions.keepAlive}. */
  readonly keepsAlive: boolean;
  /** Settles when the `listen`/`dial` given to the constructor are set up (rejects if listening fails). */
  readonly ready: Promise<void>;
  /** Connection and drop counters. */
  readonly stats: SocketStats = { pipesAdded: 0, protocolErrors: 0, dropped: 0 };
  /** The reason the last connection was dropped for a protocol error. */
  lastError: Error | undefined;
  /** The live listeners. */
  readonly listeners: Listener[] = [];
  /** The live dialers. */
  readonly dialers: Dialer[] = [];
  /** The connected peers. */
  readonly pipes: Pipe[] = [];
  /** How many pipes a socket of this protocol accepts (PAIR: one). */
  protected maxPipes = Number.POSITIVE_INFINITY;
  #closed = false;
  #recvQueue: Received[] = [];
  #recvHead = 0;
  #recvWaiters: Waiter<Received>[] = [];
  #sendWaiters: SendWaiter[] = [];
  #paused = new Set<Pipe>();
  #rr = 0;
  readonly #allPipes = new Set<Pipe>();
  readonly #events = new Map<string, Set<(...a: never[]) => void>>();

  constructor(options: SocketOptions = {}) {
    this.recvTimeout = pick(options, 'recvTimeout', 'recv_timeout');
    this.sendTimeout = pick(options, 'sendTimeout', 'send_timeout');
    this.recvMaxSize = pick(options, 'recvMaxSize', 'recv_max_size') ?? 1024 * 1024;
    this.reconnectTimeMin = pick(options, 'reconnectTimeMin', 'reconnect_time_min') ?? 100;
    this.reconnectTimeMax = pick(options, 'reconnectTimeMax', 'reconnect_time_max') ?? 0;
    this.recvBufferSize = Math.max(1, pick(options, 'recvBufferSize', 'recv_buffer_size') ?? 1024);
    this.sendHighWaterMark = options.sendHighWaterMark ?? 1024 * 1024;
    this.linger = options.linger ?? 1000;
    this.handshakeTimeout = options.handshakeTimeout ?? 10_000;
    this.keepsAlive = options.keepAlive ?? true;
    const jobs: Promise<unknown>[] = [];
    if (options.listen !== undefined) jobs.push(this.listen(options.listen));
    if (options.dial !== undefined) jobs.push(this.dial(options.dial, { block: false }));
    this.ready = Promise.all(jobs).then(() => {});
    // Callers that never look at `ready` must not get an unhandled rejection.
    this.ready.catch(() => {});
  }

  /** Whether `close()` was called. */
  get closed(): boolean {
    return this.#closed;
  }

  /** Binds to `url` and accepts peers; resolves with the listener (see `listener.port`). */
  async listen(url: string): Promise<Listener> {
    this.#checkOpen();
    const l = new Listener(parseAddress(url), this);
    await l.start();
    if (this.#closed) {
      await l.close();
      throw new Closed('socket closed while listening');
    }
    this.listeners.push(l);
    return l;
  }

  /** Connects to `url`, and reconnects whenever the connection is lost (see {@link DialOptions}). */
  async dial(url: string, options: DialOptions = {}): Promise<Dialer> {
    this.#checkOpen();
    const d = new Dialer(parseAddress(url), this);
    this.dialers.push(d);
    const first = d.start(options.block === true);
    if (options.block === false) first.catch(() => {});
    else {
      try {
        await first;
      } catch (e) {
        this.dialers.splice(this.dialers.indexOf(d), 1);
        throw e;
      }
    }
    return d;
  }

  /** Sends one message; protocols define where it goes and when it waits. */
  abstract send(data: Uint8Array | string): Promise<void>;

  /**
   * Receives the next message body. With `block` false, rejects with TryAgain at once when
   * no message is waiting (pynng's `recv(block=False)`).
   */
  async recv(block = true): Promise<Buffer> {
    return (await this.recvMsg(block)).bytes;
  }

  /** Receives the next message with the pipe it came from. */
  recvMsg(block = true): Promise<Message> {
    return this.recvRaw(block).then((r) => {
      this.onDelivered(r);
      return { bytes: r.body, pipe: r.pipe };
    });
  }

  /** Yields every received message until the socket is closed. */
  async *[Symbol.asyncIterator](): AsyncGenerator<Buffer, void, undefined> {
    for (;;) {
      let r: Received;
      try {
        r = await this.recvRaw();
      } catch (e) {
        if (e instanceof Closed) return;
        throw e;
      }
      this.onDelivered(r);
      yield r.body;
    }
  }

  /**
   * Closes the socket: listeners and dialers stop, waiting `recv()`/`send()` calls reject
   * with `Closed`, and each connection writes what it has queued before it ends (cut after
   * `linger` ms). Resolves when every connection and listener is closed.
   */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    const closing: Promise<void>[] = [];
    for (const l of this.listeners) closing.push(l.close());
    for (const d of this.dialers) d.close();
    for (const p of [...this.#allPipes]) {
      closing.push(p.whenClosed());
      p.close();
    }
    const err = new Closed('socket closed');
    for (const w of this.#recvWaiters.splice(0)) this.#settle(w, err);
    for (const w of this.#sendWaiters.splice(0)) this.#settle(w, err);
    this.#recvQueue = [];
    this.#recvHead = 0;
    this.onClose();
    await Promise.all(closing);
    this.listeners.length = 0;
    this.dialers.length = 0;
  }

  /** Calls `fn` on every `'pipe-added'`, `'pipe-removed'` or `'pipe-error'` event. */
  on<E extends keyof SocketEvents>(event: E, fn: SocketEvents[E]): this {
    let set = this.#events.get(event);
    if (set === undefined) this.#events.set(event, (set = new Set()));
    set.add(fn as (...a: never[]) => void);
    return this;
  }

  /** Removes a function added with `on()`. */
  off<E extends keyof SocketEvents>(event: E, fn: SocketEvents[E]): this {
    this.#events.get(event)?.delete(fn as (...a: never[]) => void);
    return this;
  }

  /** pynng's name for `on('pipe-added', fn)`. */
  add_post_pipe_connect_cb(fn: (pipe: Pipe) => void): void {
    this.on('pipe-added', fn);
  }

  /** pynng's name for `on('pipe-removed', fn)`. */
  add_post_pipe_remove_cb(fn: (pipe: Pipe) => void): void {
    this.on('pipe-removed', fn);
  }

  #emit(event: keyof SocketEvents, a: unknown, b?: unknown): void {
    const set = this.#events.get(event);
    if (set === undefined) return;
    for (const fn of set) {
      try {
        (fn as (x: unknown, y: unknown) => void)(a, b);
      } catch (e) {
        // A failing observer must not break the connection machinery.
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  /**
   * Writes every queued message and resolves true once all of it has been handed to the
   * operating system, or false when `timeoutMs` passes first. Until then the process is kept
   * alive even with `keepAlive: false` (an exit flush with a deadline).
   */
  flush(timeoutMs: number): Promise<boolean> {
    const pending = this.pipes.filter((p) => !p.flushed);
    for (const p of pending) p.flush();
    const left = pending.filter((p) => !p.flushed);
    if (left.length === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      for (const p of left) p.ref();
      const finish = (ok: boolean): void => {
        clearTimeout(timer);
        clearInterval(poll);
        if (!this.keepsAlive) for (const p of left) p.unref();
        resolve(ok);
      };
      const timer = setTimeout(() => finish(false), timeoutMs);
      const poll = setInterval(() => {
        if (left.every((p) => p.flushed || !p.ready)) finish(true);
      }, 5);
    });
  }

  // ---- protocol hooks -----------------------------------------------------------------

  /** Handles a message received on `pipe` (default: queue it for `recv()`). */
  protected onMessage(pipe: Pipe, body: Buffer): void {
    this.deliver({ body, pipe, header: null });
  }

  /** Runs when `recv()` hands a message to the caller (REP/RESPONDENT remember its route). */
  protected onDelivered(_r: Received): void {}

  /** Runs when a pipe joins. */
  protected onPipeAdded(_pipe: Pipe): void {}

  /** Runs when a pipe leaves. */
  protected onPipeRemoved(_pipe: Pipe): void {}

  /** Runs once in `close()`. */
  protected onClose(): void {}

  /** Checks that `recv()` is valid now (REQ/SURVEYOR: only after a send). */
  protected checkRecv(): void {}

  // ---- helpers for protocols ------------------------------------------------------------

  /** Hands a message to a waiting `recv()` or queues it. */
  protected deliver(r: Received, dropOldest = false): void {
    const w = this.#recvWaiters.shift();
    if (w !== undefined) {
      if (w.timer !== null) clearTimeout(w.timer);
      w.resolve(r);
      return;
    }
    const q = this.#recvQueue;
    if (q.length - this.#recvHead >= this.recvBufferSize) {
      if (dropOldest) {
        q[this.#recvHead++] = undefined as unknown as Received;
        this.stats.dropped++;
        this.#compact();
      } else if (r.pipe.ready) {
        r.pipe.pause();
        this.#paused.add(r.pipe);
      }
    }
    q.push(r);
  }

  /** Drops everything queued for `recv()` (SURVEYOR, on a new survey). */
  protected clearRecvQueue(): void {
    this.#recvQueue = [];
    this.#recvHead = 0;
    this.#resumePaused();
  }

  /** Rejects every waiting `recv()` with `err` (SURVEYOR, when a survey expires). */
  protected failRecvWaiters(err: Error): void {
    for (const w of this.#recvWaiters.splice(0)) this.#settle(w, err);
  }

  /** Whether `recv()` callers are waiting. */
  protected get recvWaiting(): boolean {
    return this.#recvWaiters.length > 0;
  }

  /** Normalises what `send()` accepts. */
  protected toBuffer(data: Uint8Array | string): Buffer {
    this.#checkOpen();
    if (typeof data === 'string') return Buffer.from(data);
    if (Buffer.isBuffer(data)) return data;
    if (data instanceof Uint8Array)
      return Buffer.from(data.buffer, data.byteOffset, data.byteLength);
    throw new TypeError(`send() takes a Buffer, Uint8Array or string, got ${typeof data}`);
  }

  /** Sends to every ready pipe with room, counting a drop for each pipe without. */
  protected broadcast(header: Buffer | null, body: Buffer, except?: Pipe): void {
    for (const p of this.pipes) {
      if (p === except) continue;
      if (p.hasRoom) p.send(header, body);
      else {
        p.dropped++;
        this.stats.dropped++;
      }
    }
  }

  /**
   * Sends to one ready pipe with room (round robin); waits, in order, while there is none,
   * up to `sendTimeout`.
   */
  protected sendToOne(
    header: Buffer | null,
    body: Buffer,
    onSent?: (pipe: Pipe) => void,
  ): Promise<void> {
    if (this.#sendWaiters.length === 0) {
      const p = this.#pickPipe();
      if (p !== undefined) {
        p.send(header, body);
        onSent?.(p);
        return RESOLVED;
      }
    }
    return new Promise<void>((resolve, reject) => {
      const w: SendWaiter = { resolve, reject, timer: null, header, body, onSent };
      const t = this.sendTimeout;
      if (t !== undefined && t >= 0) {
        w.timer = setTimeout(() => {
          const i = this.#sendWaiters.indexOf(w);
          if (i >= 0) this.#sendWaiters.splice(i, 1);
          reject(new Timeout(`send() timed out after ${t} ms (no peer could take the message)`));
        }, t);
      }
      this.#sendWaiters.push(w);
    });
  }

  /** Fails with NotSupported (SUB/PULL `send()`, PUB/PUSH `recv()`). */
  protected notSupported(what: string): Promise<never> {
    return Promise.reject(new NotSupported(`${this.protocol} sockets cannot ${what}`));
  }

  /** The receive step without the delivery hook. */
  protected recvRaw(block = true): Promise<Received> {
    if (this.#closed) return Promise.reject(new Closed('socket closed'));
    const q = this.#recvQueue;
    if (this.#recvHead < q.length) {
      const r = q[this.#recvHead]!;
      q[this.#recvHead++] = undefined as unknown as Received;
      this.#compact();
      if (this.#paused.size > 0 && q.length - this.#recvHead < this.recvBufferSize)
        this.#resumePaused();
      return Promise.resolve(r);
    }
    try {
      this.checkRecv();
    } catch (e) {
      return Promise.reject(e);
    }
    if (!block) return Promise.reject(new TryAgain('no message waiting'));
    return new Promise<Received>((resolve, reject) => {
      const w: Waiter<Received> = { resolve, reject, timer: null };
      const t = this.recvTimeout;
      if (t !== undefined && t >= 0) {
        w.timer = setTimeout(() => {
          const i = this.#recvWaiters.indexOf(w);
          if (i >= 0) this.#recvWaiters.splice(i, 1);
          reject(new Timeout(`recv() timed out after ${t} ms`));
        }, t);
      }
      this.#recvWaiters.push(w);
    });
  }

  // ---- PipeOwner ------------------------------------------------------------------------

  /** @internal */
  attach(sock: NetSocket, ipc: boolean, remote: string, onGone: () => void): void {
    if (this.#closed) {
      sock.destroy();
      return;
    }
    const pipe = new Pipe(sock, this, ipc, remote);
    this.#allPipes.add(pipe);
    this.#gone.set(pipe, onGone);
  }

  readonly #gone = new Map<Pipe, () => void>();

  /** @internal */
  pipeReady(pipe: Pipe): void {
    if (this.#closed) {
      pipe.close();
      return;
    }
    if (this.pipes.length >= this.maxPipes) {
      pipe.close(new BadState(`${this.protocol} takes one peer; a second connection was refused`));
      return;
    }
    this.pipes.push(pipe);
    this.stats.pipesAdded++;
    this.onPipeAdded(pipe);
    this.#emit('pipe-added', pipe);
    this.#pumpSends();
  }

  /** @internal */
  pipeMessage(pipe: Pipe, body: Buffer): void {
    this.onMessage(pipe, body);
  }

  /** @internal */
  pipeDrained(_pipe: Pipe): void {
    this.#pumpSends();
  }

  /** @internal */
  pipeClosed(pipe: Pipe, reason: Error | undefined, wasReady: boolean): void {
    this.#allPipes.delete(pipe);
    this.#paused.delete(pipe);
    const i = this.pipes.indexOf(pipe);
    if (i >= 0) this.pipes.splice(i, 1);
    if (reason instanceof ProtocolError) {
      this.stats.protocolErrors++;
      this.lastError = reason;
      this.#emit('pipe-error', reason, pipe);
    }
    if (wasReady) {
      this.onPipeRemoved(pipe);
      this.#emit('pipe-removed', pipe, reason);
    }
    const gone = this.#gone.get(pipe);
    this.#gone.delete(pipe);
    gone?.();
  }

  // ---- internals ------------------------------------------------------------------------

  #checkOpen(): void {
    if (this.#closed) throw new Closed('socket closed');
  }

  #pickPipe(): Pipe | undefined {
    const ps = this.pipes;
    const n = ps.length;
    for (let k = 0; k < n; k++) {
      const p = ps[(this.#rr + k) % n]!;
      if (p.hasRoom) {
        this.#rr = (this.#rr + k + 1) % n;
        return p;
      }
    }
    return undefined;
  }

  #pumpSends(): void {
    const ws = this.#sendWaiters;
    while (ws.length > 0) {
      const p = this.#pickPipe();
      if (p === undefined) return;
      const w = ws.shift()!;
      if (w.timer !== null) clearTimeout(w.timer);
      p.send(w.header, w.body);
      w.onSent?.(p);
      w.resolve();
    }
  }

  #resumePaused(): void {
    for (const p of this.#paused) p.resume();
    this.#paused.clear();
  }

  #compact(): void {
    if (this.#recvHead > 1024 && this.#recvHead * 2 > this.#recvQueue.length) {
      this.#recvQueue = this.#recvQueue.slice(this.#recvHead);
      this.#recvHead = 0;
    }
  }

  #settle<T>(w: Waiter<T>, err: Error): void {
    if (w.timer !== null) clearTimeout(w.timer);
    w.reject(err);
  }
}
