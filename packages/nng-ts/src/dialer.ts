import { connect, type Socket as NetSocket } from 'node:net';
import { type Address, formatAddress } from './address.js';
import { ConnectionRefused } from './errors.js';

/** What a dialer needs from its socket. @internal */
export interface DialerOwner {
  readonly reconnectTimeMin: number;
  readonly reconnectTimeMax: number;
  readonly keepsAlive: boolean;
  /** Wraps a connected stream in a pipe; `onGone` runs once when that pipe is closed. */
  attach(sock: NetSocket, ipc: boolean, remote: string, onGone: () => void): void;
}

/**
 * Connects to one address and keeps connecting (NNG's dialer): after a failed attempt or a
 * lost connection it waits `reconnectTimeMin`, doubling after each failure up to
 * `reconnectTimeMax` (when that is larger), and starts again from the minimum once connected.
 */
export class Dialer {
  /** The URL dialed. */
  readonly url: string;
  /** Failed connection attempts so far. */
  failures = 0;
  /** The error of the last failed attempt. */
  lastError: Error | undefined;
  readonly #addr: Address;
  readonly #owner: DialerOwner;
  #closed = false;
  #timer: NodeJS.Timeout | null = null;
  #conn: NetSocket | null = null;
  #backoff: number;

  /** @internal */
  constructor(addr: Address, owner: DialerOwner) {
    this.#addr = addr;
    this.url = formatAddress(addr);
    this.#owner = owner;
    this.#backoff = owner.reconnectTimeMin;
  }

  /**
   * Makes one attempt; resolves when connected, rejects with ConnectionRefused otherwise.
   * After this first attempt the dialer keeps redialing unless `stopOnFailure` is set.
   * @internal
   */
  start(stopOnFailure: boolean): Promise<void> {
    return new Promise((resolve, reject) => {
      this.#attempt((err) => {
        if (err === undefined) return resolve();
        if (stopOnFailure) {
          this.close();
          return reject(
            new ConnectionRefused(`cannot dial ${this.url}: ${err.message}`, { cause: err }),
          );
        }
        resolve();
      });
    });
  }

  #attempt(done?: (err?: Error) => void): void {
    if (this.#closed) return;
    const a = this.#addr;
    const sock =
      a.transport === 'ipc' ? connect({ path: a.path }) : connect({ host: a.host, port: a.port });
    if (!this.#owner.keepsAlive) sock.unref();
    this.#conn = sock;
    const onError = (err: Error): void => {
      this.#conn = null;
      this.failures++;
      this.lastError = err;
      sock.destroy();
      done?.(err);
      this.#schedule();
    };
    sock.once('error', onError);
    sock.once('connect', () => {
      sock.removeListener('error', onError);
      if (this.#closed) {
        sock.destroy();
        return;
      }
      this.#backoff = this.#owner.reconnectTimeMin;
      const remote = a.transport === 'ipc' ? a.path : `${a.host}:${a.port}`;
      this.#owner.attach(sock, a.transport === 'ipc', remote, () => {
        this.#conn = null;
        this.#schedule();
      });
      done?.();
    });
  }

  #schedule(): void {
    if (this.#closed || this.#timer !== null) return;
    const wait = this.#backoff;
    const max = this.#owner.reconnectTimeMax;
    if (max > this.#backoff) this.#backoff = Math.min(this.#backoff * 2, max);
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#attempt();
    }, wait);
    if (!this.#owner.keepsAlive) this.#timer.unref();
  }

  /** Stops dialing; a connection already made is closed by its socket. */
  close(): void {
    this.#closed = true;
    if (this.#timer !== null) clearTimeout(this.#timer);
    this.#timer = null;
    if (this.#conn?.connecting) this.#conn.destroy();
    this.#conn = null;
  }
}
