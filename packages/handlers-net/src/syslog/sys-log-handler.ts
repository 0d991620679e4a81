import { Handler, type LogRecord, LoggingKeyError, LoggingValueError } from '@logweave/core';
import { DropAccounting, type NetDropReport } from '../drop-accounting.js';
import type { RetryBackoffOptions } from '../retry-backoff.js';
import { frameSyslogMessage, type SyslogFraming } from './syslog-framing.js';
import {
  loadUnixDgram,
  StreamTransport,
  type SyslogTransport,
  UdpTransport,
  type UnixDgramModule,
  UnixDgramTransport,
} from './syslog-transport.js';

/** CPython's `SYSLOG_UDP_PORT`. */
export const SYSLOG_UDP_PORT = 514;
/** CPython's `SYSLOG_TCP_PORT`. */
export const SYSLOG_TCP_PORT = 514;

/** Options of {@link SysLogHandler}. */
export interface SysLogHandlerOptions {
  /**
   * `[host, port]` for UDP/TCP, or the path of a unix socket (`'/dev/log'`).
   * @default ['localhost', 514]
   */
  address?: readonly [string, number] | string;
  /** A facility number (`SysLogHandler.LOG_LOCAL0`) or name (`'local0'`). @default LOG_USER */
  facility?: number | string;
  /**
   * `'udp'` (datagrams, CPython's `SOCK_DGRAM`) or `'tcp'` (a stream, `SOCK_STREAM`); for a
   * unix socket path they choose a datagram or a stream socket. @default 'udp'
   */
  socktype?: 'udp' | 'tcp';
  /** How messages are delimited on a stream socket (see {@link SyslogFraming}). @default 'nul' */
  framing?: SyslogFraming;
  /** Connect timeout of stream sockets, in seconds (CPython's `timeout`). @default 10 */
  timeout?: number;
  /** Bytes kept while a stream socket (re)connects or is slow; beyond, records drop. @default 1048576 */
  maxBuffer?: number;
  /** Reconnect schedule of stream sockets (CPython's `retryStart`/`retryFactor`/`retryMax`). */
  retry?: RetryBackoffOptions;
  /**
   * The module providing unix datagram sockets: by default the optional dependency
   * `node-unix-socket`; `null` behaves as if it were not installed.
   */
  unixDgram?: UnixDgramModule | null;
  /**
   * Without unix datagram support, whether a socket path falls back to a unix stream
   * socket and, if the path refuses streams, to UDP `127.0.0.1:514` (reported once on
   * stderr); false throws at construction instead. @default true
   */
  fallback?: boolean;
  /** Receives loss reports (once per state change). @default a line on stderr */
  onDrop?: (report: NetDropReport) => void;
}

/**
 * CPython's `logging.handlers.SysLogHandler`: sends `<PRI>` + `ident` + the formatted record to
 * a syslog daemon over UDP, TCP or a unix socket, never blocking the logging call.
 *
 * ```ts check
 * const h = new SysLogHandler({ address: ['127.0.0.1', 514], facility: 'local0' });
 * h.ident = 'myapp: ';
 * getLogger('app').addHandler(h);
 * ```
 *
 * Override points: `mapPriority(levelName)`, `encodePriority(facility, priority)`,
 * `format(record)`, `makeMessage(record)` (the bytes after framing) and `send(bytes)`.
 */
export class SysLogHandler extends Handler {
  static readonly LOG_EMERG = 0;
  static readonly LOG_ALERT = 1;
  static readonly LOG_CRIT = 2;
  static readonly LOG_ERR = 3;
  static readonly LOG_WARNING = 4;
  static readonly LOG_NOTICE = 5;
  static readonly LOG_INFO = 6;
  static readonly LOG_DEBUG = 7;

  static readonly LOG_KERN = 0;
  static readonly LOG_USER = 1;
  static readonly LOG_MAIL = 2;
  static readonly LOG_DAEMON = 3;
  static readonly LOG_AUTH = 4;
  static readonly LOG_SYSLOG = 5;
  static readonly LOG_LPR = 6;
  static readonly LOG_NEWS = 7;
  static readonly LOG_UUCP = 8;
  static readonly LOG_CRON = 9;
  static readonly LOG_AUTHPRIV = 10;
  static readonly LOG_FTP = 11;
  static readonly LOG_NTP = 12;
  static readonly LOG_SECURITY = 13;
  static readonly LOG_CONSOLE = 14;
  static readonly LOG_SOLCRON = 15;
  static readonly LOG_LOCAL0 = 16;
  static readonly LOG_LOCAL1 = 17;
  static readonly LOG_LOCAL2 = 18;
  static readonly LOG_LOCAL3 = 19;
  static readonly LOG_LOCAL4 = 20;
  static readonly LOG_LOCAL5 = 21;
  static readonly LOG_LOCAL6 = 22;
  static readonly LOG_LOCAL7 = 23;

  /** CPython's `priority_names`. */
  static readonly priority_names: Readonly<Record<string, number>> = {
    alert: 1,
    crit: 2,
    critical: 2,
    debug: 7,
    emerg: 0,
    err: 3,
    error: 3,
    info: 6,
    notice: 5,
    panic: 0,
    warn: 4,
    warning: 4,
  };

  /** CPython's `facility_names`. */
  static readonly facility_names: Readonly<Record<string, number>> = {
    auth: 4,
    authpriv: 10,
    console: 14,
    cron: 9,
    daemon: 3,
    ftp: 11,
    kern: 0,
    lpr: 6,
    mail: 2,
    news: 7,
    ntp: 12,
    security: 13,
    'solaris-cron': 15,
    syslog: 5,
    user: 1,
    uucp: 8,
    local0: 16,
    local1: 17,
    local2: 18,
    local3: 19,
    local4: 20,
    local5: 21,
    local6: 22,
    local7: 23,
  };

  /** CPython's `priority_map`: level names to syslog priority names (others map to "warning"). */
  priority_map: Record<string, string> = {
    DEBUG: 'debug',
    INFO: 'info',
    WARNING: 'warning',
    ERROR: 'error',
    CRITICAL: 'critical',
  };

  /** Prepended to every formatted message (for example `'myapp: '`). @default '' */
  ident = '';
  /** Whether datagrams end with a NUL byte, as CPython sends them. Streams use `framing`. @default true */
  append_nul = true;
  /** `[host, port]` or the unix socket path. */
  readonly address: readonly [string, number] | string;
  /** The facility, a number or a name. */
  facility: number | string;
  /** `'udp'` or `'tcp'`. */
  readonly socktype: 'udp' | 'tcp';
  /** Whether the address is a unix socket path. */
  readonly unixsocket: boolean;
  /** How messages are delimited on stream sockets. */
  framing: SyslogFraming;
  readonly #drops: DropAccounting;
  #transport: SyslogTransport | null = null;
  #closed = false;
  readonly #options: SysLogHandlerOptions;

  /** @throws LoggingValueError for a bad address, socktype or framing, or (with `fallback: false`) a unix path without unix datagram support. */
  constructor(options: SysLogHandlerOptions = {}) {
    super();
    this.#options = options;
    this.address = options.address ?? ['localhost', SYSLOG_UDP_PORT];
    this.facility = options.facility ?? SysLogHandler.LOG_USER;
    this.socktype = options.socktype ?? 'udp';
    this.framing = options.framing ?? 'nul';
    this.unixsocket = typeof this.address === 'string';
    if (this.socktype !== 'udp' && this.socktype !== 'tcp') {
      throw new LoggingValueError(
        `SysLogHandler: socktype must be 'udp' or 'tcp', not ${String(this.socktype)}`,
      );
    }
    if (!['nul', 'lf', 'octet-counting'].includes(this.framing)) {
      throw new LoggingValueError(
        `SysLogHandler: framing must be 'nul', 'lf' or 'octet-counting', not ${String(this.framing)}`,
      );
    }
    if (!this.unixsocket) {
      const [host, port] = this.address as readonly [string, number];
      if (typeof host !== 'string' || !Number.isInteger(port) || port <= 0 || port > 65535) {
        throw new LoggingValueError(`SysLogHandler: address must be [host, port] or a socket path`);
      }
    } else if (
      this.socktype === 'udp' &&
      options.fallback === false &&
      this.#unixDgramModule() === null
    ) {
      throw new LoggingValueError(
        'SysLogHandler: unix datagram sockets need the optional dependency node-unix-socket ' +
          `(npm install node-unix-socket) to reach ${this.address}; or pass socktype: 'tcp' for a stream socket`,
      );
    }
    encodeFacility(this.facility);
    this.#drops = new DropAccounting(`SysLogHandler(${this.#target()})`, options.onDrop);
  }

  /** Records dropped so far (peer unreachable, buffers full). */
  get dropped(): number {
    return this.#drops.dropped;
  }

  #target(): string {
    if (typeof this.address === 'string')
      return `${this.address}/${this.socktype === 'udp' ? 'dgram' : 'stream'}`;
    return `${this.address[0]}:${this.address[1]}/${this.socktype}`;
  }

  #unixDgramModule(): UnixDgramModule | null {
    return this.#options.unixDgram !== undefined ? this.#options.unixDgram : loadUnixDgram();
  }

  /** Whether messages go over a stream (and are framed). */
  get isStream(): boolean {
    return this.socktype === 'tcp' || (this.unixsocket && this.#transportIsStream);
  }
  #transportIsStream = false;

  /** Creates the transport (lazily, on the first record), as CPython's `createSocket`. */
  createSocket(): SyslogTransport {
    const o = this.#options;
    const stream = { timeout: o.timeout, maxBuffer: o.maxBuffer, retry: o.retry };
    if (typeof this.address !== 'string') {
      const [host, port] = this.address;
      if (this.socktype === 'udp') return new UdpTransport(host, port, this.#drops);
      this.#transportIsStream = true;
      return new StreamTransport({ host, port }, this.#drops, stream);
    }
    const path = this.address;
    if (this.socktype === 'udp') {
      const mod = this.#unixDgramModule();
      if (mod) return new UnixDgramTransport(path, mod, this.#drops);
      this.#transportIsStream = true;
      notice(
        `logweave: SysLogHandler: node-unix-socket is not installed, so ${path} is reached over a unix stream socket ` +
          '(falling back to UDP 127.0.0.1:514 if it refuses streams)\n',
      );
      return new StreamTransport({ path }, this.#drops, {
        ...stream,
        onFirstConnectFailure: (e) => {
          notice(
            `logweave: SysLogHandler: ${path} refused a stream connection (${e.message}); sending to UDP 127.0.0.1:514\n`,
          );
          this.#transportIsStream = false;
          return new UdpTransport('127.0.0.1', SYSLOG_UDP_PORT, this.#drops);
        },
      });
    }
    this.#transportIsStream = true;
    return new StreamTransport({ path }, this.#drops, stream);
  }

  /**
   * CPython's `encodePriority`: `(facility << 3) | priority`, each a number or a name of
   * `facility_names`/`priority_names`.
   * @throws LoggingKeyError for an unknown name, as CPython's `KeyError`.
   */
  encodePriority(facility: number | string, priority: number | string): number {
    return (encodeFacility(facility) << 3) | encodeSeverity(priority);
  }

  /** CPython's `mapPriority`: a level name to a syslog priority name ("warning" when unknown). */
  mapPriority(levelName: string): string {
    return this.priority_map[levelName] ?? 'warning';
  }

  /**
   * The bytes of one record: `<PRI>`, `ident`, the formatted text, as UTF-8 (CPython's
   * `emit`); for datagrams a trailing NUL when `append_nul`, for streams the `framing`.
   */
  makeMessage(record: LogRecord): Buffer {
    let msg = this.format(record);
    if (this.ident) msg = this.ident + msg;
    const prio = `<${this.encodePriority(this.facility, this.mapPriority(record.levelname))}>`;
    if (this.isStream) return frameSyslogMessage(Buffer.from(prio + msg, 'utf8'), this.framing);
    if (this.append_nul) msg += '\0';
    return Buffer.from(prio + msg, 'utf8');
  }

  /** Hands the bytes to the socket (created on first use); never blocks. */
  send(bytes: Buffer): void {
    this.#transport ??= this.createSocket();
    this.#transport.send(bytes);
  }

  /** Formats the record and sends it; errors go to `handleError`. */
  override emit(record: LogRecord): void {
    try {
      if (this.#closed) return;
      this.#transport ??= this.createSocket();
      this.send(this.makeMessage(record));
    } catch (e) {
      this.handleError(record, e);
    }
  }

  /** Resolves once every record sent so far was handed to the kernel (or counted as dropped). */
  drain(): Promise<void> {
    return this.#transport ? this.#transport.drain() : Promise.resolve();
  }

  /** Closes the socket once what is queued is written. */
  override close(): void {
    this.#closed = true;
    this.#transport?.close();
    super.close();
  }
}

function encodeFacility(facility: number | string): number {
  if (typeof facility === 'string') {
    const v = SysLogHandler.facility_names[facility];
    if (v === undefined) throw new LoggingKeyError(`'${facility}'`);
    return v;
  }
  if (!Number.isInteger(facility) || facility < 0 || facility > 23) {
    throw new LoggingValueError(
      `SysLogHandler: facility must be 0..23 or a facility name, not ${facility}`,
    );
  }
  return facility;
}

function encodeSeverity(priority: number | string): number {
  if (typeof priority === 'string') {
    const v = SysLogHandler.priority_names[priority];
    if (v === undefined) throw new LoggingKeyError(`'${priority}'`);
    return v;
  }
  return priority;
}

let noticed = new Set<string>();
function notice(line: string): void {
  if (noticed.has(line)) return;
  noticed.add(line);
  try {
    process.stderr.write(line);
  } catch {
    // stderr gone
  }
}
/** @internal For tests: lets each notice be written again. */
export function resetSysLogNotices(): void {
  noticed = new Set();
}
