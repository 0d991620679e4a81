import { createSocket, type Socket } from 'node:dgram';
import { isIPv6 } from 'node:net';
import { Handler, type LogRecord } from '@logweave/core';
import { DropAccounting, type NetDropReport } from './drop-accounting.js';
import { picklePlain } from './pickle-writer.js';
import { type RecordSerializer, recordDict, recordJson } from './record-dict.js';

/** Options of {@link DatagramHandler} (CPython takes only host and port). */
export interface DatagramHandlerOptions {
  /** `'pickle'` (CPython's wire format) or `'json'` (the same dict as UTF-8 JSON). @default 'pickle' */
  serializer?: RecordSerializer;
  /** Datagrams handed to the socket and not yet sent; beyond it records are dropped and counted. @default 1000 */
  bufferSize?: number;
  /** Called once per change of delivery state (loss starts, changes reason, ends). @default a line on stderr */
  onDrop?: (report: NetDropReport) => void;
}

/** The largest UDP payload (65,535 minus the IP and UDP headers). */
const MAX_DATAGRAM = 65507;

/**
 * CPython's `logging.handlers.DatagramHandler`: sends each record as one UDP datagram holding
 * the same frame as {@link SocketHandler} (the 4-byte length prefix included, as CPython
 * keeps it). `emit()` is `send(makePickle(record))`; override `makeSocket()` for another
 * datagram transport. UDP gives no delivery guarantee; what this handler knows is lost (a
 * send error, a record too big for one datagram, too many sends in flight) is counted in
 * `dropped` and reported once per state change.
 *
 * Node has no unix datagram socket, so `port` null (CPython's `AF_UNIX` datagram socket)
 * throws at construction with a clear error.
 */
export class DatagramHandler extends Handler {
  /** The host name or address. */
  host: string;
  /** The UDP port. */
  port: number;
  /** CPython's `address`. */
  readonly address: readonly [string, number];
  /** The UDP socket, once made. */
  sock: Socket | null = null;
  /** Datagrams sent. */
  sent = 0;
  protected readonly serializer: RecordSerializer;
  protected readonly drops: DropAccounting;
  readonly #bufferSize: number;
  #inFlight = 0;
  #closed = false;

  /**
   * @param host host name or address.
   * @param port UDP port (null, CPython's unix datagram socket, is not available in Node).
   */
  constructor(host: string, port: number | null, options: DatagramHandlerOptions = {}) {
    super();
    if (port === null) {
      throw new TypeError(
        `DatagramHandler(${host}, null): Node.js has no unix datagram sockets (nodejs/node#61933); use a UDP port, or SocketHandler(path, null) for a unix stream socket`,
      );
    }
    this.host = host;
    this.port = port;
    this.address = [host, port];
    this.serializer = options.serializer ?? 'pickle';
    if (this.serializer !== 'pickle' && this.serializer !== 'json') {
      throw new TypeError(
        `DatagramHandler: serializer must be 'pickle' or 'json', not ${String(this.serializer)}`,
      );
    }
    this.#bufferSize = options.bufferSize ?? 1000;
    this.drops = new DropAccounting(`${this.constructor.name}(${host}:${port})`, options.onDrop);
  }

  /** Records lost so far, each counted once. */
  get dropped(): number {
    return this.drops.dropped;
  }

  /** Makes the UDP socket (`udp6` for an IPv6 address, `udp4` otherwise). */
  makeSocket(): Socket {
    const s = createSocket(isIPv6(this.host) ? 'udp6' : 'udp4');
    s.on('error', () => {
      // Send errors arrive in the send callbacks; a socket error ends this socket only.
    });
    return s;
  }

  /** The frame for a record: the same as `SocketHandler.makePickle` (length prefix included). */
  makePickle(record: LogRecord): Buffer {
    const d = recordDict(record, (r) => this.format(r));
    if (this.serializer === 'json') {
      const body = recordJson(d);
      const out = Buffer.allocUnsafe(4 + body.length);
      out.writeUInt32BE(body.length, 0);
      body.copy(out, 4);
      return out;
    }
    return picklePlain(d, {}, true);
  }

  /** Sends one datagram (CPython's `send(s)`); never blocks, never throws for a missing peer. */
  send(s: Buffer): void {
    if (this.#closed) {
      this.drops.drop('handler closed');
      return;
    }
    if (s.length > MAX_DATAGRAM) {
      this.drops.drop(`record too large for a datagram (over ${MAX_DATAGRAM} bytes)`);
      return;
    }
    if (this.#inFlight >= this.#bufferSize) {
      this.drops.drop('buffer full');
      return;
    }
    if (this.sock === null) this.sock = this.makeSocket();
    const sock = this.sock;
    this.#inFlight++;
    sock.ref();
    sock.send(s, this.port, this.host, (err) => {
      this.#inFlight--;
      if (this.#inFlight === 0 && this.sock === sock) sock.unref();
      if (err) this.drops.drop('send failed', 1, err);
      else {
        this.sent++;
        this.drops.delivered();
      }
      if (this.#inFlight === 0 && this.#closed) sock.close();
    });
  }

  /** Sends the record; errors go to `handleError()`. */
  override emit(record: LogRecord): void {
    try {
      this.send(this.makePickle(record));
    } catch (e) {
      this.handleError(record, e);
    }
  }

  /** Closes the socket once the datagrams in flight are sent. */
  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.sock !== null && this.#inFlight === 0) this.sock.close();
    super.close();
  }
}
