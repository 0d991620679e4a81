import * as dgram from 'node:dgram';
import { createRequire } from 'node:module';
import * as net from 'node:net';
import type { DropAccounting } from '../drop-accounting.js';
import { RetryBackoff, type RetryBackoffOptions } from '../retry-backoff.js';

/**
 * The tiny driver under {@link SysLogHandler.send}: takes one ready-to-send message (framed
 * for streams) and delivers it without blocking the caller. Failures never throw: they are
 * counted in the handler's {@link DropAccounting}.
 */
export interface SyslogTransport {
  /** Queues one message for delivery. */
  send(message: Buffer): void;
  /**
   * Resolves when nothing is in progress: what was queued was handed to the kernel or
   * dropped, or waits for the next reconnect attempt.
   */
  drain(): Promise<void>;
  /** Closes the socket once what is queued has been written. */
  close(): void;
}

/** Outstanding UDP sends beyond which new records are dropped (the kernel is not keeping up). */
const MAX_PENDING_DATAGRAMS = 10_000;

/** UDP datagrams to `host:port` (IPv6 when `host` is an IPv6 literal). */
export class UdpTransport implements SyslogTransport {
  readonly #socket: dgram.Socket;
  readonly #drops: DropAccounting;
  readonly #host: string;
  readonly #port: number;
  #pending = 0;
  #waiters: (() => void)[] = [];

  constructor(host: string, port: number, drops: DropAccounting) {
    this.#host = host;
    this.#port = port;
    this.#drops = drops;
    this.#socket = dgram.createSocket(net.isIPv6(host) ? 'udp6' : 'udp4');
    // Send errors arrive in each send's callback; this only keeps an 'error' from throwing.
    this.#socket.on('error', () => {});
    this.#socket.unref();
  }

  send(message: Buffer): void {
    if (this.#pending >= MAX_PENDING_DATAGRAMS) {
      this.#drops.drop('send queue full');
      return;
    }
    this.#pending++;
    this.#socket.send(message, this.#port, this.#host, (err) => {
      this.#pending--;
      if (err) this.#drops.drop('send failed', 1, err);
      else this.#drops.delivered();
      if (this.#pending === 0) for (const w of this.#waiters.splice(0)) w();
    });
  }

  drain(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  close(): void {
    const done = () => {
      try {
        this.#socket.close();
      } catch {
        // already closed
      }
    };
    if (this.#pending === 0) done();
    else this.#waiters.push(done);
  }
}

/** The part of `node-unix-socket`'s `DgramSocket` used here. */
export interface UnixDgramSocketLike {
  sendTo(
    buf: Buffer,
    offset: number,
    length: number,
    path: string,
    cb?: (err?: Error | null) => void,
  ): void;
  close(): void;
  on(event: 'error', listener: (e: Error) => void): unknown;
}

/** Makes unix datagram sockets (what `node-unix-socket` exports). */
export interface UnixDgramModule {
  DgramSocket: new () => UnixDgramSocketLike;
}

let cachedUnixDgram: UnixDgramModule | null | undefined;

/**
 * Loads the optional dependency `node-unix-socket` (prebuilt, no compiler needed), which
 * gives Node the `AF_UNIX`/`SOCK_DGRAM` sockets `/dev/log` needs; null when it is absent or
 * has no binary for this platform.
 */
export function loadUnixDgram(): UnixDgramModule | null {
  if (cachedUnixDgram !== undefined) return cachedUnixDgram;
  try {
    const require = createRequire(import.meta.url);
    const mod = require('node-unix-socket') as UnixDgramModule;
    cachedUnixDgram = typeof mod.DgramSocket === 'function' ? mod : null;
  } catch {
    cachedUnixDgram = null;
  }
  return cachedUnixDgram;
}

/** Datagrams to a unix socket path (`/dev/log`), through `node-unix-socket`. */
export class UnixDgramTransport implements SyslogTransport {
  readonly #socket: UnixDgramSocketLike;
  readonly #path: string;
  readonly #drops: DropAccounting;
  #pending = 0;
  #waiters: (() => void)[] = [];

  constructor(path: string, module: UnixDgramModule, drops: DropAccounting) {
    this.#path = path;
    this.#drops = drops;
    this.#socket = new module.DgramSocket();
    // Send errors arrive in each send's callback; this only keeps an 'error' from throwing.
    this.#socket.on('error', () => {});
  }

  send(message: Buffer): void {
    if (this.#pending >= MAX_PENDING_DATAGRAMS) {
      this.#drops.drop('send queue full');
      return;
    }
    this.#pending++;
    try {
      this.#socket.sendTo(message, 0, message.length, this.#path, (err) => this.#done(err));
    } catch (e) {
      this.#done(e as Error);
    }
  }

  #done(err: Error | null | undefined): void {
    this.#pending--;
    if (err) this.#drops.drop('send failed', 1, err);
    else this.#drops.delivered();
    if (this.#pending === 0) for (const w of this.#waiters.splice(0)) w();
  }

  drain(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  close(): void {
    const done = () => {
      try {
        this.#socket.close();
      } catch {
        // already closed
      }
    };
    if (this.#pending === 0) done();
    else this.#waiters.push(done);
  }
}

/** Options of {@link StreamTransport}. */
export interface StreamTransportOptions {
  /** Bytes kept while (re)connecting or while the socket is slow; beyond, records drop. @default 1048576 */
  maxBuffer?: number;
  /** Connect timeout, in seconds. @default 10 */
  timeout?: number;
  /** Reconnect schedule (CPython's `SocketHandler` retry attributes, with jitter). */
  retry?: RetryBackoffOptions;
  /**
   * Called once when the first connect fails outright (ENOENT, ECONNREFUSED,
   * EPROTOTYPE...): returning a transport replaces this one (the `/dev/log` fallback).
   */
  onFirstConnectFailure?: (error: Error) => SyslogTransport | null;
}

/**
 * A TCP or unix stream connection with CPython's reconnect schedule: connects lazily,
 * keeps up to `maxBuffer` bytes while connecting or while the peer is slow, reconnects
 * with backoff after a failure, and counts what it has to drop.
 */
export class StreamTransport implements SyslogTransport {
  readonly #connect: net.NetConnectOpts;
  readonly #drops: DropAccounting;
  readonly #maxBuffer: number;
  readonly #timeoutMs: number;
  readonly #backoff: RetryBackoff;
  #onFirstFailure: StreamTransportOptions['onFirstConnectFailure'];
  #replacement: SyslogTransport | null = null;
  #socket: net.Socket | null = null;
  #connected = false;
  #queue: Buffer[] = [];
  #queued = 0;
  #timer: NodeJS.Timeout | null = null;
  #closed = false;
  #everConnected = false;
  #waiters: (() => void)[] = [];

  constructor(
    connect: net.NetConnectOpts,
    drops: DropAccounting,
    options: StreamTransportOptions = {},
  ) {
    this.#connect = connect;
    this.#drops = drops;
    this.#maxBuffer = options.maxBuffer ?? 1024 * 1024;
    this.#timeoutMs = (options.timeout ?? 10) * 1000;
    this.#backoff = new RetryBackoff(options.retry);
    this.#onFirstFailure = options.onFirstConnectFailure;
  }

  send(message: Buffer): void {
    if (this.#replacement) {
      this.#replacement.send(message);
      return;
    }
    const s = this.#socket;
    if (this.#connected && s && this.#queue.length === 0) {
      if (s.writableLength + message.length > this.#maxBuffer) {
        this.#drops.drop('peer too slow (buffer full)');
        return;
      }
      s.write(message);
      this.#drops.delivered();
      return;
    }
    if (this.#queued + message.length > this.#maxBuffer) {
      this.#drops.drop('not connected (buffer full)');
      return;
    }
    this.#queue.push(message);
    this.#queued += message.length;
    if (!this.#socket) this.#tryConnect();
  }

  #tryConnect(): void {
    if (this.#closed || this.#socket) return;
    if (!this.#backoff.shouldAttempt()) {
      this.#schedule();
      return;
    }
    const s = net.connect(this.#connect);
    this.#socket = s;
    s.setNoDelay(true);
    s.setTimeout(this.#timeoutMs);
    s.on('connect', () => {
      s.setTimeout(0);
      this.#connected = true;
      this.#everConnected = true;
      this.#backoff.succeeded();
      const q = this.#queue;
      this.#queue = [];
      this.#queued = 0;
      if (q.length > 0) {
        s.write(q.length === 1 ? (q[0] as Buffer) : Buffer.concat(q));
        this.#drops.delivered();
      }
      if (this.#closed) s.end();
      this.#notify();
    });
    s.on('timeout', () => s.destroy(new Error(`connect timed out after ${this.#timeoutMs} ms`)));
    s.on('drain', () => this.#notify());
    s.on('error', (e) => this.#failed(s, e));
    s.on('close', () => this.#failed(s, null));
    s.unref();
  }

  #failed(s: net.Socket, error: Error | null): void {
    if (this.#socket !== s) return;
    this.#socket = null;
    const wasConnected = this.#connected;
    this.#connected = false;
    if (!this.#everConnected && error && this.#onFirstFailure) {
      const fallback = this.#onFirstFailure(error);
      this.#onFirstFailure = undefined;
      if (fallback) {
        this.#replacement = fallback;
        for (const m of this.#queue) fallback.send(m);
        this.#queue = [];
        this.#queued = 0;
        this.#notify();
        return;
      }
    }
    this.#onFirstFailure = undefined;
    if (this.#closed) {
      if (this.#queue.length > 0) this.#drops.drop('closed before connecting', this.#queue.length);
      this.#queue = [];
      this.#queued = 0;
      this.#notify();
      return;
    }
    if (!wasConnected || error) this.#backoff.failed();
    if (this.#queue.length > 0) this.#schedule();
    this.#notify();
  }

  #schedule(): void {
    if (this.#timer || this.#closed) return;
    const wait = Math.max(0, (this.#backoff.retryTime ?? 0) * 1000 - Date.now());
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#tryConnect();
    }, wait);
    this.#timer.unref();
  }

  // Nothing in progress: no connect under way and nothing unwritten on the socket (records
  // waiting for the next reconnect attempt count as settled).
  #idle(): boolean {
    if (this.#replacement || this.#socket === null) return true;
    return this.#connected && this.#socket.writableLength === 0;
  }

  #notify(): void {
    if (this.#idle()) for (const w of this.#waiters.splice(0)) w();
  }

  async drain(): Promise<void> {
    if (this.#replacement) return this.#replacement.drain();
    if (!this.#idle()) await new Promise<void>((resolve) => this.#waiters.push(resolve));
    if (this.#replacement) return (this.#replacement as SyslogTransport).drain();
  }

  close(): void {
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    this.#replacement?.close();
    if (this.#queue.length > 0 && !this.#socket) {
      this.#drops.drop('closed before connecting', this.#queue.length);
      this.#queue = [];
      this.#queued = 0;
    }
    if (this.#connected) this.#socket?.end();
    this.#notify();
  }
}
