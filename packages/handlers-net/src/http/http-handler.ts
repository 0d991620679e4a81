import * as http from 'node:http';
import * as https from 'node:https';
import { Handler, type LogRecord, LoggingValueError } from '@logweave/core';
import { DropAccounting, type NetDropReport } from '../drop-accounting.js';
import { pyUrlencode } from './py-form-encode.js';

/** Options of {@link HTTPHandler} beyond CPython's positional parameters. */
export interface HTTPHandlerOptions {
  /** Send `mapLogRecord(record)` as a JSON body (POST only) instead of url-encoded. @default false */
  json?: boolean;
  /** Request timeout (connect to response), in seconds. @default 10 */
  timeout?: number;
  /** Requests in flight beyond which new records are dropped (counted). @default 256 */
  maxPending?: number;
  /** Receives loss reports (once per state change). @default a line on stderr */
  onDrop?: (report: NetDropReport) => void;
}

/** TLS options for `secure` (CPython's `ssl.SSLContext` parameter). */
export type HTTPSContext = https.AgentOptions;

/**
 * CPython's `logging.handlers.HTTPHandler`: sends each record to a web server as
 * `urllib.parse.urlencode(mapLogRecord(record))`, in the query string (GET) or as an
 * `application/x-www-form-urlencoded` body (POST), with HTTP Basic `credentials`. The
 * request runs in the background: the logging call never waits for the network.
 *
 * ```ts check
 * const h = new HTTPHandler('localhost:8080', '/log', 'POST');
 * getLogger('app').addHandler(h);
 * ```
 *
 * Override points: `mapLogRecord(record)` (the fields sent), `getConnection(host, secure)`
 * (the `http`/`https` request options), `encode(record)` (the body or query).
 */
export class HTTPHandler extends Handler {
  /** `host` or `host:port`. */
  readonly host: string;
  /** The path (may carry a query string). */
  readonly url: string;
  /** `'GET'` or `'POST'`. */
  readonly method: 'GET' | 'POST';
  /** Whether to use HTTPS. */
  readonly secure: boolean;
  /** `[username, password]` for HTTP Basic authentication. */
  readonly credentials: readonly [string, string] | null;
  /** TLS options for HTTPS. */
  readonly context: HTTPSContext | null;
  /** Send JSON instead of a form (POST only). */
  readonly json: boolean;
  readonly #timeoutMs: number;
  readonly #maxPending: number;
  readonly #drops: DropAccounting;
  #agent: http.Agent | null = null;
  #pending = 0;
  #waiters: (() => void)[] = [];

  /**
   * CPython's signature `HTTPHandler(host, url, method='GET', secure=False, credentials=None,
   * context=None)`, plus {@link HTTPHandlerOptions}.
   * @throws LoggingValueError for a method other than GET/POST, a context without `secure`,
   *   or `json` with GET.
   */
  constructor(
    host: string,
    url: string,
    method = 'GET',
    secure = false,
    credentials: readonly [string, string] | null = null,
    context: HTTPSContext | null = null,
    options: HTTPHandlerOptions = {},
  ) {
    super();
    const m = method.toUpperCase();
    if (m !== 'GET' && m !== 'POST') throw new LoggingValueError('method must be GET or POST');
    if (!secure && context !== null) {
      throw new LoggingValueError('context parameter only makes sense with secure=True');
    }
    if (options.json && m !== 'POST') throw new LoggingValueError('json needs method POST');
    this.host = host;
    this.url = url;
    this.method = m;
    this.secure = secure;
    this.credentials = credentials;
    this.context = context;
    this.json = options.json ?? false;
    this.#timeoutMs = (options.timeout ?? 10) * 1000;
    this.#maxPending = options.maxPending ?? 256;
    this.#drops = new DropAccounting(
      `HTTPHandler(${secure ? 'https' : 'http'}://${host}${url})`,
      options.onDrop,
    );
  }

  /** Records not delivered so far (timeouts, errors, non-2xx answers, too many in flight). */
  get dropped(): number {
    return this.#drops.dropped;
  }

  /** The fields sent: the record's attributes, as CPython's `record.__dict__`. */
  mapLogRecord(record: LogRecord): Record<string, unknown> {
    return { ...record } as Record<string, unknown>;
  }

  /** Request options for `host` (`host:port`): a keep-alive agent, TLS `context` when secure. */
  getConnection(host: string, secure: boolean): http.RequestOptions {
    const i = host.lastIndexOf(':');
    const bracket = host.startsWith('[');
    const hasPort = i > 0 && (!bracket || host.lastIndexOf(']') < i);
    const hostname = (hasPort ? host.slice(0, i) : host).replace(/^\[|\]$/g, '');
    const port = hasPort ? Number(host.slice(i + 1)) : secure ? 443 : 80;
    this.#agent ??= secure
      ? new https.Agent({ keepAlive: true, ...(this.context ?? {}) })
      : new http.Agent({ keepAlive: true });
    return { hostname, port, agent: this.#agent };
  }

  /** The encoded fields: url-encoded as Python, or JSON when `json` is set. */
  encode(record: LogRecord): string {
    const fields = this.mapLogRecord(record);
    return this.json ? JSON.stringify(fields, jsonSafe) : pyUrlencode(fields);
  }

  /** Sends the record in the background; errors and refusals are counted, never thrown. */
  override emit(record: LogRecord): void {
    try {
      if (this.#pending >= this.#maxPending) {
        this.#drops.drop('too many requests in flight');
        return;
      }
      const data = this.encode(record);
      const opts = this.getConnection(this.host, this.secure);
      let path = this.url;
      const headers: Record<string, string> = { Host: this.host };
      if (this.method === 'GET') {
        path += `${path.includes('?') ? '&' : '?'}${data}`;
      } else {
        headers['Content-type'] = this.json
          ? 'application/json'
          : 'application/x-www-form-urlencoded';
        headers['Content-length'] = String(Buffer.byteLength(data));
      }
      if (this.credentials) {
        const s = Buffer.from(`${this.credentials[0]}:${this.credentials[1]}`, 'utf8').toString(
          'base64',
        );
        headers.Authorization = `Basic ${s}`;
      }
      const req = (this.secure ? https : http).request({
        ...opts,
        method: this.method,
        path,
        headers,
      });
      this.#pending++;
      let settled = false;
      const done = (error: unknown, reason: string | null) => {
        if (settled) return;
        settled = true;
        this.#pending--;
        if (reason === null) this.#drops.delivered();
        else this.#drops.drop(reason, 1, error);
        if (this.#pending === 0) for (const w of this.#waiters.splice(0)) w();
      };
      req.setTimeout(this.#timeoutMs, () =>
        req.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)),
      );
      req.on('error', (e) => done(e, 'request failed'));
      req.on('response', (res) => {
        res.resume();
        res.on('end', () =>
          done(null, res.statusCode && res.statusCode < 300 ? null : `HTTP ${res.statusCode}`),
        );
        res.on('error', (e) => done(e, 'response failed'));
      });
      req.end(this.method === 'POST' ? data : undefined);
    } catch (e) {
      this.handleError(record, e);
    }
  }

  /** Resolves when no request is in flight. */
  drain(): Promise<void> {
    if (this.#pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Lets in-flight requests finish, then frees the connections. */
  override close(): void {
    const agent = this.#agent;
    if (agent) void this.drain().then(() => agent.destroy());
    super.close();
  }
}

function jsonSafe(_k: string, v: unknown): unknown {
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  if (typeof v === 'bigint') return v.toString();
  return v;
}
