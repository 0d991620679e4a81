import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';

/** `sources.tcp`: our JSON frames and CPython's pickles over TCP (or a unix socket). */
export interface TcpSourceConfig {
  host?: string;
  port?: number;
  /** A unix socket path instead of host/port. */
  path?: string;
  maxFrameSize?: number;
  maxConnections?: number;
  frameTimeout?: number;
}

/** `sources.udp`: one frame per datagram (CPython's `DatagramHandler`, ours). */
export interface UdpSourceConfig {
  host?: string;
  port?: number;
}

/** `sources.zeromq`: JSON records on a PULL (or SUB) socket. */
export interface ZeroMQSourceConfig {
  uri: string;
  socketType?: 'pull' | 'sub';
  bind?: boolean;
  hwm?: number;
}

/** `sources.nng`: JSON records on an NNG SUB socket. */
export interface NNGSourceConfig {
  url: string;
  dial?: boolean;
}

/** The listener's YAML (or JSON) file. */
export interface ListenerConfig {
  sources: {
    tcp?: TcpSourceConfig;
    udp?: UdpSourceConfig;
    zeromq?: ZeroMQSourceConfig;
    nng?: NNGSourceConfig;
  };
  /** The health and metrics endpoint; absent: none. */
  http?: { host?: string; port?: number };
  /** Milliseconds the drain (sources, then handlers) may take on shutdown. @default 10000 */
  shutdownTimeout: number;
  /** A dictConfig dictionary for the received records. */
  logging: Record<string, unknown>;
  /** The directory of the file (relative module references in `logging:` resolve there). */
  baseDir: string;
}

/** A listener configuration that cannot be used, naming the item. */
export class ListenerConfigError extends Error {
  override name = 'ListenerConfigError';
}

const TOP = new Set(['sources', 'http', 'shutdownTimeout', 'logging']);
const KEYS: Record<string, Set<string>> = {
  tcp: new Set(['host', 'port', 'path', 'maxFrameSize', 'maxConnections', 'frameTimeout']),
  udp: new Set(['host', 'port']),
  zeromq: new Set(['uri', 'socketType', 'bind', 'hwm']),
  nng: new Set(['url', 'dial']),
  http: new Set(['host', 'port']),
};

function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function checkKeys(where: string, v: unknown, allowed: Set<string>): Record<string, unknown> {
  if (v === null || v === undefined) return {};
  if (!isMap(v)) throw new ListenerConfigError(`${where} must be a mapping`);
  for (const k of Object.keys(v)) {
    if (!allowed.has(k)) {
      throw new ListenerConfigError(
        `${where}.${k} is not a known option (known: ${[...allowed].join(', ')})`,
      );
    }
  }
  return v;
}

function port(where: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 65535)
    throw new ListenerConfigError(`${where} must be a port number (0..65535), not ${String(v)}`);
  return v;
}

function str(where: string, v: unknown, required = false): string | undefined {
  if (v === undefined && !required) return undefined;
  if (typeof v !== 'string' || v === '')
    throw new ListenerConfigError(`${where} must be a non-empty string`);
  return v;
}

function positive(where: string, v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
    throw new ListenerConfigError(`${where} must be a positive number, not ${String(v)}`);
  return v;
}

/**
 * Validates a parsed listener configuration: unknown keys, bad ports and missing
 * addresses are errors naming the item (`sources.tcp.port`), before anything starts.
 */
export function parseListenerConfig(raw: unknown, baseDir = process.cwd()): ListenerConfig {
  if (!isMap(raw)) throw new ListenerConfigError('the listener configuration must be a mapping');
  for (const k of Object.keys(raw)) {
    if (!TOP.has(k))
      throw new ListenerConfigError(`${k} is not a known section (known: ${[...TOP].join(', ')})`);
  }
  const src = checkKeys('sources', raw.sources, new Set(['tcp', 'udp', 'zeromq', 'nng']));
  const sources: ListenerConfig['sources'] = {};
  if (src.tcp !== undefined) {
    const t = checkKeys('sources.tcp', src.tcp, KEYS.tcp as Set<string>);
    sources.tcp = {
      host: str('sources.tcp.host', t.host),
      port: port('sources.tcp.port', t.port),
      path: str('sources.tcp.path', t.path),
      maxFrameSize: positive('sources.tcp.maxFrameSize', t.maxFrameSize),
      maxConnections: positive('sources.tcp.maxConnections', t.maxConnections),
      frameTimeout: positive('sources.tcp.frameTimeout', t.frameTimeout),
    };
  }
  if (src.udp !== undefined) {
    const u = checkKeys('sources.udp', src.udp, KEYS.udp as Set<string>);
    sources.udp = { host: str('sources.udp.host', u.host), port: port('sources.udp.port', u.port) };
  }
  if (src.zeromq !== undefined) {
    const z = checkKeys('sources.zeromq', src.zeromq, KEYS.zeromq as Set<string>);
    const socketType = z.socketType ?? 'pull';
    if (socketType !== 'pull' && socketType !== 'sub')
      throw new ListenerConfigError(`sources.zeromq.socketType must be pull or sub`);
    sources.zeromq = {
      uri: str('sources.zeromq.uri', z.uri, true) as string,
      socketType,
      bind: z.bind === undefined ? true : Boolean(z.bind),
      hwm: positive('sources.zeromq.hwm', z.hwm),
    };
  }
  if (src.nng !== undefined) {
    const n = checkKeys('sources.nng', src.nng, KEYS.nng as Set<string>);
    sources.nng = { url: str('sources.nng.url', n.url, true) as string, dial: Boolean(n.dial) };
  }
  if (Object.keys(sources).length === 0)
    throw new ListenerConfigError('sources must name at least one of tcp, udp, zeromq, nng');
  let http: ListenerConfig['http'];
  if (raw.http !== undefined && raw.http !== null) {
    const h = checkKeys('http', raw.http, KEYS.http as Set<string>);
    http = {
      host: str('http.host', h.host) ?? '127.0.0.1',
      port: port('http.port', h.port) ?? 9464,
    };
  }
  const logging = raw.logging;
  if (!isMap(logging)) throw new ListenerConfigError('logging must be a dictConfig mapping');
  return {
    sources,
    http,
    shutdownTimeout: positive('shutdownTimeout', raw.shutdownTimeout) ?? 10_000,
    logging,
    baseDir,
  };
}

/** Reads and validates a listener configuration file (`.yaml`/`.yml`, or JSON). */
export function loadListenerConfig(file: string): ListenerConfig {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new ListenerConfigError(`cannot read ${file}: ${(e as Error).message}`, { cause: e });
  }
  let raw: unknown;
  try {
    const ext = extname(file).toLowerCase();
    raw = ext === '.json' ? JSON.parse(text) : parseYaml(text);
  } catch (e) {
    throw new ListenerConfigError(`${file} cannot be parsed: ${(e as Error).message}`, {
      cause: e,
    });
  }
  return parseListenerConfig(raw, dirname(resolve(file)));
}
