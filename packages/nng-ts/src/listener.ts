import { existsSync, unlinkSync } from 'node:fs';
import { connect, createServer, type Server, type Socket as NetSocket } from 'node:net';
import { type Address, formatAddress } from './address.js';
import { AddressInUse, NNGException } from './errors.js';

/** What a listener needs from its socket. @internal */
export interface ListenerOwner {
  readonly keepsAlive: boolean;
  attach(sock: NetSocket, ipc: boolean, remote: string, onGone: () => void): void;
}

/** Whether something answers on a unix socket path (a live listener, not a stale file). */
function isLive(path: string): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = connect({ path });
    probe.once('connect', () => {
      probe.destroy();
      resolve(true);
    });
    probe.once('error', () => resolve(false));
  });
}

/** Accepts connections on one address (NNG's listener). */
export class Listener {
  /** The URL asked for. */
  readonly requestedUrl: string;
  readonly #addr: Address;
  readonly #owner: ListenerOwner;
  readonly #server: Server;
  #closed = false;

  /** @internal */
  constructor(addr: Address, owner: ListenerOwner) {
    this.#addr = addr;
    this.requestedUrl = formatAddress(addr);
    this.#owner = owner;
    const ipc = addr.transport === 'ipc';
    this.#server = createServer((sock) => {
      if (this.#closed) {
        sock.destroy();
        return;
      }
      const remote = ipc
        ? (addr as { path: string }).path
        : `${sock.remoteAddress}:${sock.remotePort}`;
      owner.attach(sock, ipc, remote, () => {});
    });
  }

  /** The bound TCP port (the real one when the URL asked for port 0), or undefined for IPC. */
  get port(): number | undefined {
    const a = this.#server.address();
    return a !== null && typeof a === 'object' ? a.port : undefined;
  }

  /** The URL peers can dial: the bound port filled in. */
  get url(): string {
    const a = this.#addr;
    if (a.transport === 'ipc') return formatAddress(a);
    return formatAddress({ ...a, port: this.port ?? a.port });
  }

  /** Binds; rejects with AddressInUse or another NNGException. @internal */
  async start(): Promise<void> {
    const a = this.#addr;
    if (a.transport === 'ipc' && existsSync(a.path)) {
      // NNG removes a stale socket file left by a dead process, but not a live listener's.
      if (await isLive(a.path)) throw new AddressInUse(`${this.requestedUrl} is in use`);
      try {
        unlinkSync(a.path);
      } catch {
        // listen() below reports what is wrong.
      }
    }
    await new Promise<void>((resolve, reject) => {
      const onError = (err: NodeJS.ErrnoException): void => {
        this.#closed = true;
        reject(
          err.code === 'EADDRINUSE'
            ? new AddressInUse(`${this.requestedUrl} is in use`, { cause: err })
            : new NNGException(`cannot listen on ${this.requestedUrl}: ${err.message}`, {
                cause: err,
              }),
        );
      };
      this.#server.once('error', onError);
      const done = (): void => {
        this.#server.removeListener('error', onError);
        this.#server.on('error', () => {});
        resolve();
      };
      if (a.transport === 'ipc') this.#server.listen({ path: a.path }, done);
      else if (a.host === '') this.#server.listen({ port: a.port }, done);
      else this.#server.listen({ host: a.host, port: a.port }, done);
    });
    if (!this.#owner.keepsAlive) this.#server.unref();
  }

  /** Stops accepting; resolves once the server is closed (connections are closed by the socket). */
  close(): Promise<void> {
    this.#closed = true;
    if (!this.#server.listening) return Promise.resolve();
    return new Promise((resolve) => this.#server.close(() => resolve()));
  }
}
