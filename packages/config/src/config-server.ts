import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { type DictConfigOptions, dictConfig } from './dict-config.js';
import { ConfigError, messageOf } from './errors.js';
import { fileConfig } from './file-config.js';

/** Python's `logging.config.DEFAULT_LOGGING_CONFIG_PORT`. */
export const DEFAULT_LOGGING_CONFIG_PORT = 9030;

/**
 * Checks (and may transform) the bytes of a received configuration before it is applied:
 * return the bytes to apply, or null to reject them (Python's `verify`).
 */
export type VerifyFunction = (
  data: Buffer,
) => Buffer | string | null | undefined | Promise<Buffer | string | null | undefined>;

/** Options of {@link listen}. */
export interface ListenOptions extends DictConfigOptions {
  /** Python's `verify`: checks/decrypts the received bytes; null rejects them. */
  verify?: VerifyFunction | null;
  /** The interface to bind (loopback unless you mean otherwise). @default '127.0.0.1' */
  host?: string;
  /** The largest configuration accepted; a bigger length header closes the connection unread. @default 1048576 */
  maxBytes?: number;
  /** Called after each configuration is applied. */
  onApplied?: (kind: 'json' | 'ini') => void;
  /** Called with every rejected or failed configuration (default: one line on stderr). */
  onError?: (error: Error) => void;
}

/** A running configuration server, as the thread `listen()` returns in Python. */
export interface ConfigListener {
  /** The bound port (the real one when 0 was asked). */
  readonly port: number;
  /** Settles once the server listens. */
  readonly ready: Promise<void>;
  /** For Python parity (`t.start()`): the server already started; returns `ready`. */
  start(): Promise<void>;
  /** Stops accepting, and settles after configurations being applied are done. */
  close(): Promise<void>;
}

const listeners = new Set<ConfigListener>();

function report(error: Error): void {
  try {
    process.stderr.write(`logweave config server: ${error.message}\n`);
  } catch {
    // nothing left to report to
  }
}

/**
 * Python's `logging.config.listen(port)`: a TCP server that applies configurations sent to
 * it, framed as Python frames them — a 4-byte big-endian length, then that many bytes of
 * JSON (applied with {@link dictConfig}) or INI text (with `fileConfig`). Unlike CPython, a
 * header split across packets is read whole, the length is bounded by `maxBytes`, and
 * applying is all or nothing (a bad configuration changes nothing and is reported to
 * `onError`). Several frames may follow each other on one connection; they are applied in
 * order.
 */
export function listen(
  port: number = DEFAULT_LOGGING_CONFIG_PORT,
  options: ListenOptions = {},
): ConfigListener {
  const {
    verify = null,
    host = '127.0.0.1',
    maxBytes = 1024 * 1024,
    onApplied,
    onError = report,
    ...configOptions
  } = options;
  const sockets = new Set<Socket>();
  let chain: Promise<void> = Promise.resolve();
  const apply = (body: Buffer): Promise<void> =>
    (chain = chain.then(async () => {
      try {
        let data: Buffer | string | null | undefined = body;
        if (verify) data = await verify(body);
        if (data === null || data === undefined)
          throw new ConfigError('', 'the configuration was rejected by verify');
        const text = typeof data === 'string' ? data : data.toString('utf8');
        let parsed: unknown;
        try {
          parsed = JSON.parse(text);
        } catch {
          parsed = undefined;
        }
        if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
          await dictConfig(parsed, configOptions);
          onApplied?.('json');
        } else {
          await fileConfig({ text }, configOptions);
          onApplied?.('ini');
        }
      } catch (e) {
        onError(e instanceof Error ? e : new Error(messageOf(e)));
      }
    }));
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    let buf: Buffer = Buffer.alloc(0);
    let need = -1;
    socket.on('data', (chunk: Buffer) => {
      buf = buf.length === 0 ? chunk : Buffer.concat([buf, chunk]);
      for (;;) {
        if (need < 0) {
          if (buf.length < 4) return;
          need = buf.readUInt32BE(0);
          buf = buf.subarray(4);
          if (need > maxBytes) {
            onError(
              new ConfigError(
                '',
                `a configuration of ${need} bytes exceeds maxBytes (${maxBytes}); connection closed`,
              ),
            );
            socket.destroy();
            return;
          }
        }
        if (buf.length < need) return;
        const body = Buffer.from(buf.subarray(0, need));
        buf = buf.subarray(need);
        need = -1;
        void apply(body);
      }
    });
    socket.on('error', () => socket.destroy());
    socket.on('close', () => {
      sockets.delete(socket);
      if (need >= 0 && buf.length < need)
        onError(
          new ConfigError(
            '',
            `connection closed after ${buf.length} of ${need} bytes; nothing applied`,
          ),
        );
    });
  });
  let bound = port;
  const ready = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const a = server.address();
      if (a && typeof a === 'object') bound = a.port;
      server.off('error', reject);
      resolve();
    });
  });
  ready.catch(() => {});
  const l: ConfigListener = {
    get port() {
      return bound;
    },
    ready,
    start: () => ready,
    close: async () => {
      listeners.delete(l);
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        for (const s of sockets) s.end();
      });
      await chain;
    },
  };
  listeners.add(l);
  return l;
}

/** Python's `stopListening()`: stops every server `listen()` started. */
export async function stopListening(): Promise<void> {
  await Promise.all([...listeners].map((l) => l.close()));
}

/** Options of {@link sendConfig}. */
export interface SendConfigOptions {
  /** @default 9030 */
  port?: number;
  /** @default '127.0.0.1' */
  host?: string;
  /** Transforms the bytes before framing (e.g. prepends an HMAC the server's `verify` checks). */
  sign?: (data: Buffer) => Buffer;
  /** Gives up after this many milliseconds. @default 10000 */
  timeout?: number;
}

/**
 * The client side: sends a configuration (an object, sent as JSON; or JSON/INI text) to a
 * configuration server — ours or CPython's `logging.config.listen()` — framed with the
 * 4-byte big-endian length. Settles once the bytes are written and the connection closed.
 */
export function sendConfig(config: unknown, options: SendConfigOptions = {}): Promise<void> {
  const {
    port = DEFAULT_LOGGING_CONFIG_PORT,
    host = '127.0.0.1',
    sign,
    timeout = 10_000,
  } = options;
  let data = Buffer.isBuffer(config)
    ? config
    : Buffer.from(typeof config === 'string' ? config : JSON.stringify(config), 'utf8');
  if (sign) data = sign(data);
  const header = Buffer.alloc(4);
  header.writeUInt32BE(data.length, 0);
  return new Promise<void>((resolve, reject) => {
    const socket = createConnection({ port, host }, () => {
      socket.end(Buffer.concat([header, data]));
    });
    socket.setTimeout(timeout, () =>
      socket.destroy(new Error(`sendConfig: no answer from ${host}:${port} within ${timeout} ms`)),
    );
    socket.on('error', reject);
    socket.on('close', (hadError) => {
      if (!hadError) resolve();
    });
  });
}
