import * as http from 'node:http';
import * as https from 'node:https';
import { gzipSync } from 'node:zlib';
import { Handler, type LogRecord, LoggingValueError } from '@logweave/core';
import { DropAccounting, type NetDropReport } from '../drop-accounting.js';
import { RetryBackoff, type RetryBackoffOptions } from '../retry-backoff.js';
import { type KeyValue, toAnyValue } from './any-value.js';
import {
  decodePartialSuccess,
  encodeJSON,
  encodeProtobuf,
  type OTLPResourceInfo,
} from './otlp-encoding.js';
import { activeSpanContext, type OTLPLogRecord, toOTLPLogRecord } from './otlp-log-record.js';
import { type OTLPBatch, OTLPSpool } from './otlp-spool.js';
import { postSync } from './otlp-sync-post.js';

/** Options of {@link OTLPHandler}. */
export interface OTLPHandlerOptions {
  /**
   * The OTLP/HTTP logs endpoint. @default `OTEL_EXPORTER_OTLP_LOGS_ENDPOINT`, else
   * `OTEL_EXPORTER_OTLP_ENDPOINT` + `/v1/logs`, else `http://localhost:4318/v1/logs`
   */
  url?: string;
  /** `'http/protobuf'` or `'http/json'`. @default 'http/protobuf' */
  protocol?: 'http/protobuf' | 'http/json';
  /** Extra request headers (authentication...). */
  headers?: Readonly<Record<string, string>>;
  /** Resource attributes; `service.name` defaults to `OTEL_SERVICE_NAME` or `unknown_service:node`. */
  resource?: Readonly<Record<string, unknown>>;
  /** `'gzip'` compresses request bodies. @default 'none' */
  compression?: 'gzip' | 'none';
  /** Records per request at most. @default 512 */
  maxBatchRecords?: number;
  /** Approximate bytes per request at most. @default 1048576 */
  maxBatchBytes?: number;
  /** Seconds a record may wait for its batch to fill. @default 1 */
  scheduledDelay?: number;
  /** Records waiting to be sent at most; beyond, new records are dropped (counted). @default 20000 */
  maxQueueRecords?: number;
  /** Seconds per request. @default 10 */
  timeout?: number;
  /** Attempts per batch for retryable failures (429/502/503/504, network errors). @default 6 */
  maxAttempts?: number;
  /** Delays between attempts (`Retry-After` wins when the server sends it). @default retryStart 1, retryFactor 2, retryMax 30 */
  retry?: RetryBackoffOptions;
  /** Seconds the exit path may spend sending what is pending. @default 5 */
  exitTimeout?: number;
  /** A file for what the exit path could not send (sent by the next handler with this path). @default null */
  spool?: string | null;
  /** Receives loss reports (once per state change). @default a line on stderr */
  onDrop?: (report: NetDropReport) => void;
}

const RETRYABLE = new Set([429, 502, 503, 504]);

function defaultUrl(): string {
  const env = process.env;
  if (env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT) return env.OTEL_EXPORTER_OTLP_LOGS_ENDPOINT;
  if (env.OTEL_EXPORTER_OTLP_ENDPOINT)
    return `${env.OTEL_EXPORTER_OTLP_ENDPOINT.replace(/\/$/, '')}/v1/logs`;
  return 'http://localhost:4318/v1/logs';
}

function retryAfterMs(h: string | undefined): number | null {
  if (!h) return null;
  const s = Number(h);
  if (Number.isFinite(s) && s >= 0) return s * 1000;
  const t = Date.parse(h);
  return Number.isNaN(t) ? null : Math.max(0, t - Date.now());
}

/**
 * Exports records as OpenTelemetry logs over OTLP/HTTP (protobuf or JSON) without the OTel
 * SDK: Python levels become SeverityNumbers, `extra` becomes nested AnyValue attributes,
 * `code.*` and `exception.*` come from the record, and the active span (from
 * `@opentelemetry/api`, when installed) is read when the record is logged. Records are
 * batched by count, bytes and time and sent in the background with retries; on exit
 * (`process.exit()`, SIGTERM, an uncaught throw) what is pending is sent synchronously
 * within `exitTimeout`, and what cannot be sent goes to the opt-in `spool` file.
 *
 * ```ts check
 * const h = new OTLPHandler({ url: 'http://localhost:4318/v1/logs', resource: { 'service.name': 'checkout' } });
 * getLogger().addHandler(h);
 * ```
 *
 * Counters: `sent` (records accepted), `delivered`, `rejected` (the collector's partial
 * success), `dropped`; once idle, delivered + rejected + dropped (+ spooled) = sent.
 * Override points: `toLogRecord(record)`, `encode(records)`.
 */
export class OTLPHandler extends Handler {
  readonly url: string;
  readonly protocol: 'http/protobuf' | 'http/json';
  /** Records accepted by `emit()`. */
  sent = 0;
  /** Records the collector accepted. */
  delivered = 0;
  /** Records the collector refused in a partial success (`rejected_log_records`). */
  rejected = 0;
  /** Records written to the spool file at exit. */
  spooled = 0;
  /** Records taken from the spool of an earlier run (sent before new ones). */
  readonly fromSpool: number;
  readonly #info: OTLPResourceInfo;
  readonly #headers: Record<string, string>;
  readonly #gzip: boolean;
  readonly #maxBatch: number;
  readonly #maxBytes: number;
  readonly #delayMs: number;
  readonly #maxQueue: number;
  readonly #timeoutMs: number;
  readonly #maxAttempts: number;
  readonly #backoff: RetryBackoff;
  readonly #exitMs: number;
  readonly #spool: OTLPSpool | null;
  readonly #drops: DropAccounting;
  #queue: OTLPLogRecord[] = [];
  #queueBytes = 0;
  #ready: OTLPBatch[] = [];
  #inflight: OTLPBatch | null = null;
  #timer: NodeJS.Timeout | null = null;
  #timerNow = false;
  #closed = false;
  #waiters: (() => void)[] = [];
  readonly #agent: http.Agent;

  /** @throws LoggingValueError for a bad url, protocol or compression. */
  constructor(options: OTLPHandlerOptions = {}) {
    super();
    this.url = options.url ?? defaultUrl();
    let u: URL;
    try {
      u = new URL(this.url);
    } catch (e) {
      throw new LoggingValueError(`OTLPHandler: url ${JSON.stringify(this.url)} is not a URL`, {
        cause: e,
      });
    }
    if (u.protocol !== 'http:' && u.protocol !== 'https:') {
      throw new LoggingValueError(`OTLPHandler: url must be http: or https:, not ${u.protocol}`);
    }
    this.protocol = options.protocol ?? 'http/protobuf';
    if (this.protocol !== 'http/protobuf' && this.protocol !== 'http/json') {
      throw new LoggingValueError(`OTLPHandler: protocol must be 'http/protobuf' or 'http/json'`);
    }
    const compression = options.compression ?? 'none';
    if (compression !== 'gzip' && compression !== 'none') {
      throw new LoggingValueError(`OTLPHandler: compression must be 'gzip' or 'none'`);
    }
    this.#gzip = compression === 'gzip';
    this.#headers = {
      ...(options.headers ?? {}),
      'Content-Type': this.protocol === 'http/json' ? 'application/json' : 'application/x-protobuf',
      ...(this.#gzip ? { 'Content-Encoding': 'gzip' } : {}),
    };
    const resource: KeyValue[] = [];
    const attrs = {
      'service.name': process.env.OTEL_SERVICE_NAME || 'unknown_service:node',
      'telemetry.sdk.name': 'logweave',
      'telemetry.sdk.language': 'nodejs',
      ...(options.resource ?? {}),
    };
    for (const [key, v] of Object.entries(attrs)) {
      const value = toAnyValue(v);
      if (value) resource.push({ key, value });
    }
    this.#info = { resource, scopeVersion: '' };
    this.#maxBatch = options.maxBatchRecords ?? 512;
    this.#maxBytes = options.maxBatchBytes ?? 1024 * 1024;
    this.#delayMs = (options.scheduledDelay ?? 1) * 1000;
    this.#maxQueue = options.maxQueueRecords ?? 20_000;
    this.#timeoutMs = (options.timeout ?? 10) * 1000;
    this.#maxAttempts = options.maxAttempts ?? 6;
    this.#backoff = new RetryBackoff(options.retry);
    this.#exitMs = (options.exitTimeout ?? 5) * 1000;
    this.#drops = new DropAccounting(`OTLPHandler(${this.url})`, options.onDrop);
    this.#agent =
      u.protocol === 'https:'
        ? new https.Agent({ keepAlive: true })
        : new http.Agent({ keepAlive: true });
    this.#spool = options.spool ? new OTLPSpool(options.spool) : null;
    this.#ready = this.#spool ? this.#spool.take() : [];
    this.fromSpool = this.#ready.reduce((n, b) => n + b.records, 0);
    if (this.#ready.length > 0) this.#kick(0);
  }

  /** Records lost (queue full, refused with a non-retryable status, retries exhausted). */
  get dropped(): number {
    return this.#drops.dropped;
  }

  /** The OTLP LogRecord of `record` (override to add or rename attributes). */
  toLogRecord(record: LogRecord): OTLPLogRecord {
    const message = this.formatter ? this.format(record) : record.getMessage();
    return toOTLPLogRecord(record, message, activeSpanContext());
  }

  /** Encodes a batch as one request body (protobuf or JSON, gzipped when asked). */
  encode(records: readonly OTLPLogRecord[]): Uint8Array {
    const raw =
      this.protocol === 'http/json'
        ? encodeJSON(records, this.#info)
        : encodeProtobuf(records, this.#info);
    return this.#gzip ? gzipSync(raw) : raw;
  }

  /** Queues the record for the next batch; never waits for the network. */
  override emit(record: LogRecord): void {
    try {
      if (this.#closed) return;
      if (this.#queue.length >= this.#maxQueue) {
        this.sent++;
        this.#drops.drop('queue full');
        return;
      }
      const r = this.toLogRecord(record);
      this.sent++;
      this.#queue.push(r);
      const body = r.body as { s?: string };
      this.#queueBytes += 64 + (body.s?.length ?? 0) + r.attributes.length * 48;
      if (this.#queue.length >= this.#maxBatch || this.#queueBytes >= this.#maxBytes) this.#kick(0);
      else this.#kick(this.#delayMs);
    } catch (e) {
      this.handleError(record, e);
    }
  }

  #kick(ms: number): void {
    if (this.#closed || this.#inflight) return;
    if (this.#timer) {
      if (ms > 0 || this.#timerNow) return;
      clearTimeout(this.#timer);
    }
    this.#timerNow = ms === 0;
    this.#timer = setTimeout(() => {
      this.#timer = null;
      this.#next();
    }, ms);
    this.#timer.unref();
  }

  /** Cuts the queue into batches (up to maxBatchRecords each). */
  #cut(all: boolean): void {
    while (this.#queue.length > 0) {
      const n = Math.min(this.#queue.length, this.#maxBatch);
      if (!all && this.#ready.length > 0) return;
      const records = this.#queue.splice(0, n);
      this.#queueBytes = this.#queue.length === 0 ? 0 : Math.max(0, this.#queueBytes - n * 64);
      try {
        this.#ready.push({ records: records.length, body: this.encode(records) });
      } catch (e) {
        this.#drops.drop('encoding failed', records.length, e);
      }
      if (!all) return;
    }
  }

  #next(): void {
    if (this.#inflight || this.#closed) return;
    if (this.#ready.length === 0) this.#cut(false);
    const batch = this.#ready.shift();
    if (!batch) {
      this.#notify();
      return;
    }
    this.#inflight = batch;
    this.#attempt(batch, 1);
  }

  #attempt(batch: OTLPBatch, attempt: number): void {
    const req = (this.url.startsWith('https:') ? https : http).request(this.url, {
      method: 'POST',
      headers: { ...this.#headers, 'Content-Length': String(batch.body.length) },
      agent: this.#agent,
    });
    let done = false;
    const finish = (
      status: number,
      body: Uint8Array,
      retryAfter: string | undefined,
      error: unknown,
    ) => {
      if (done) return;
      done = true;
      if (this.#inflight !== batch) return; // settled by the exit path
      if (status >= 200 && status < 300) {
        this.#settle(batch, body);
        return;
      }
      const retryable = status === 0 || RETRYABLE.has(status);
      if (retryable && attempt < this.#maxAttempts && !this.#closed) {
        const delay = this.#backoff.failed();
        const wait = retryAfterMs(retryAfter) ?? delay * 1000;
        const t = setTimeout(() => {
          if (this.#inflight === batch && !this.#closed) this.#attempt(batch, attempt + 1);
        }, wait);
        t.unref();
        return;
      }
      this.#inflight = null;
      const reason = retryable ? 'retries exhausted' : `refused by the collector (HTTP ${status})`;
      this.#drops.drop(reason, batch.records, error);
      this.#backoff.succeeded();
      this.#after();
    };
    req.setTimeout(this.#timeoutMs, () =>
      req.destroy(new Error(`no answer within ${this.#timeoutMs} ms`)),
    );
    req.on('error', (e) => finish(0, new Uint8Array(), undefined, e));
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        finish(
          res.statusCode ?? 0,
          Buffer.concat(chunks),
          res.headers['retry-after'] as string | undefined,
          null,
        ),
      );
      res.on('error', (e) => finish(0, new Uint8Array(), undefined, e));
    });
    req.end(batch.body);
  }

  #settle(batch: OTLPBatch, responseBody: Uint8Array): void {
    this.#inflight = null;
    this.#backoff.succeeded();
    let rejected = 0;
    try {
      rejected = Math.min(
        batch.records,
        decodePartialSuccess(responseBody, this.protocol === 'http/json').rejected,
      );
    } catch {
      rejected = 0;
    }
    this.rejected += rejected;
    this.delivered += batch.records - rejected;
    this.#drops.delivered();
    this.#after();
  }

  #after(): void {
    // While someone waits in drain(), partial batches go at once too.
    const now = this.#waiters.length > 0;
    if (
      this.#ready.length > 0 ||
      this.#queue.length >= this.#maxBatch ||
      (now && this.#queue.length > 0)
    )
      this.#kick(0);
    else if (this.#queue.length > 0) this.#kick(this.#delayMs);
    this.#notify();
  }

  #idle(): boolean {
    return this.#inflight === null && this.#ready.length === 0 && this.#queue.length === 0;
  }

  #notify(): void {
    if (this.#idle()) for (const w of this.#waiters.splice(0)) w();
  }

  /** Sends what is queued now (without waiting for the batch to fill). */
  override flush(): void {
    if (this.#queue.length > 0 || this.#ready.length > 0) this.#kick(0);
  }

  /** Sends what is queued and resolves once everything was delivered, rejected or dropped. */
  drain(): Promise<void> {
    this.flush();
    if (this.#idle()) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /**
   * Sends everything pending synchronously within `exitTimeout` (this is what runs at exit),
   * spools what could not be sent (or counts it as dropped without a spool), and closes.
   * Call `await drain()` first to avoid blocking when the process is not exiting.
   */
  override close(): void {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    const pending: OTLPBatch[] = [];
    if (this.#inflight) pending.push(this.#inflight);
    this.#inflight = null;
    pending.push(...this.#ready);
    this.#ready = [];
    this.#cut(true);
    pending.push(...this.#ready);
    this.#ready = [];
    const answers = postSync(
      this.url,
      this.#headers,
      pending.map((b) => b.body),
      this.#exitMs,
    );
    const unsent: OTLPBatch[] = [];
    pending.forEach((b, i) => {
      const a = answers[i];
      if (a && a.status >= 200 && a.status < 300) {
        const rejected = Math.min(
          b.records,
          decodePartialSuccess(a.body, this.protocol === 'http/json').rejected,
        );
        this.rejected += rejected;
        this.delivered += b.records - rejected;
      } else if (a && a.status >= 400 && !RETRYABLE.has(a.status)) {
        this.#drops.drop(`refused by the collector (HTTP ${a.status})`, b.records);
      } else {
        unsent.push(b);
      }
    });
    if (unsent.length > 0) {
      const n = unsent.reduce((s, b) => s + b.records, 0);
      if (this.#spool) {
        try {
          this.#spool.write(unsent);
          this.spooled += n;
        } catch (e) {
          this.#drops.drop('spool write failed', n, e);
        }
      } else {
        this.#drops.drop('not sent before exit', n);
      }
    }
    this.#agent.destroy();
    this.#notify();
    for (const w of this.#waiters.splice(0)) w();
    super.close();
  }
}
