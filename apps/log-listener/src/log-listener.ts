import * as config from '@logweave/config';
import {
  getHandlerByName,
  getHandlerNames,
  type Handler,
  type LogRecord,
  shutdown,
} from '@logweave/core';
import * as net from '@logweave/handlers-net';
import { Dispatcher } from './dispatcher.js';
import { HealthServer } from './health-server.js';
import type { ListenerConfig } from './listener-config.js';
import { ListenerMetrics } from './listener-metrics.js';
import { NNGSource } from './sources/nng-source.js';
import type { ReportError, Source } from './sources/source.js';
import { TcpSource } from './sources/tcp-source.js';
import { UdpSource } from './sources/udp-source.js';
import { ZeroMQSource } from './sources/zeromq-source.js';

/** Options of {@link LogListener}. */
export interface LogListenerOptions {
  /** Where refused frames and transport errors go. @default a rate-limited line on stderr */
  onError?: ReportError;
}

/** What `start()` resolves with: each source's address and the metrics URL. */
export interface ListenerAddresses {
  sources: Record<string, string>;
  http?: string;
}

/**
 * The production socket listener (the cookbook's "socket listener in production"): applies
 * the `logging:` dictConfig, starts every configured source and the health/metrics endpoint,
 * and dispatches each received record to the logger it names.
 *
 * `stop()` is the graceful shutdown: the endpoint reports draining, every source stops
 * accepting and dispatches what has already arrived, then every handler is flushed and
 * closed (`logging.shutdown()`), so every record counted as received is written.
 */
export class LogListener {
  readonly sources: Source[] = [];
  readonly metrics: ListenerMetrics;
  readonly dispatcher: Dispatcher;
  #health: HealthServer | null = null;
  #stopping: Promise<void> | null = null;

  constructor(
    readonly config: ListenerConfig,
    options: LogListenerOptions = {},
  ) {
    const report: ReportError =
      options.onError ?? ((s, e, peer) => net.reportReceiverError(e, `${s} ${peer}`));
    this.dispatcher = new Dispatcher((e) => {
      this.metrics.handlerErrors++;
      report('dispatch', e, 'handler');
    });
    const dispatch = (r: LogRecord): void => this.dispatcher.dispatch(r);
    const s = config.sources;
    if (s.tcp) this.sources.push(new TcpSource(s.tcp, dispatch, report));
    if (s.udp) this.sources.push(new UdpSource(s.udp, dispatch, report));
    if (s.zeromq) this.sources.push(new ZeroMQSource(s.zeromq, dispatch, report));
    if (s.nng) this.sources.push(new NNGSource(s.nng, dispatch));
    this.metrics = new ListenerMetrics(this.sources);
  }

  /** The source named `name` (`tcp`, `udp`, `zeromq`, `nng`). */
  source<T extends Source = Source>(name: string): T | undefined {
    return this.sources.find((s) => s.name === name) as T | undefined;
  }

  /** Configures logging, then starts the sources and the endpoint. */
  async start(): Promise<ListenerAddresses> {
    await config.dictConfig(this.config.logging, { baseDir: this.config.baseDir });
    for (const name of getHandlerNames()) {
      const h = getHandlerByName(name);
      if (h) this.#countErrors(h);
    }
    const out: ListenerAddresses = { sources: {} };
    try {
      for (const s of this.sources) out.sources[s.name] = await s.start();
      if (this.config.http) {
        this.#health = new HealthServer(this.metrics);
        out.http = await this.#health.listen(
          this.config.http.port ?? 9464,
          this.config.http.host ?? '127.0.0.1',
        );
      }
    } catch (e) {
      await this.stop();
      throw e;
    }
    return out;
  }

  /**
   * Graceful shutdown (idempotent): stop accepting and drain every source, flush and close
   * the handlers (waiting up to `shutdownTimeout` for those that deliver asynchronously),
   * then close the endpoint.
   */
  stop(): Promise<void> {
    this.#stopping ??= this.#stop();
    return this.#stopping;
  }

  async #stop(): Promise<void> {
    this.metrics.draining = true;
    await Promise.allSettled(this.sources.map((s) => s.stop()));
    const handlers = getHandlerNames()
      .map((n) => getHandlerByName(n))
      .filter((h): h is Handler => h !== undefined);
    const deadline = this.config.shutdownTimeout;
    await withTimeout(Promise.allSettled(handlers.map((h) => asyncDrain(h, deadline))), deadline);
    // logging.shutdown() over the configured handlers only (not the host application's).
    shutdown(handlers);
    await this.#health?.close();
  }

  /** Counts the errors a handler reports through `handleError` (then reports them as usual). */
  #countErrors(h: Handler): void {
    const metrics = this.metrics;
    const original = h.handleError;
    h.handleError = function (this: Handler, record, error) {
      metrics.handlerErrors++;
      return original.call(this, record, error);
    };
  }
}

/** Waits for a handler that delivers asynchronously (`flushAsync()` or `drain()`), if it does. */
function asyncDrain(h: Handler, ms: number): Promise<unknown> | undefined {
  const a = h as { flushAsync?: (ms: number) => Promise<unknown>; drain?: () => Promise<unknown> };
  if (typeof a.flushAsync === 'function') return a.flushAsync(ms);
  if (typeof a.drain === 'function') return a.drain();
  return undefined;
}

function withTimeout(p: Promise<unknown>, ms: number): Promise<unknown> {
  let t: NodeJS.Timeout | undefined;
  const timer = new Promise((resolve) => {
    t = setTimeout(resolve, ms);
    t.unref();
  });
  return Promise.race([p, timer]).finally(() => clearTimeout(t));
}
