import { createRequire } from 'node:module';
import {
  callFactory,
  type FilterObject,
  getLogRecordFactory,
  type LogRecord,
  type LogRecordFactory,
  setLogRecordFactory,
} from '@logweave/core';
import { ContextConfigError } from './errors.js';

/** The part of `@opentelemetry/api` read here. */
export interface OtelApi {
  trace: {
    getActiveSpan(): { spanContext(): SpanContextLike } | undefined;
    isSpanContextValid?(ctx: SpanContextLike): boolean;
  };
}
interface SpanContextLike {
  traceId: string;
  spanId: string;
  traceFlags: number;
}

let api: OtelApi | null | undefined;

/**
 * `@opentelemetry/api`, loaded on first use with `require` (it is an optional peer). Its
 * state lives on a global symbol, so this sees the tracer provider and context manager an
 * application registered whether it did so before or after loading logweave, from ESM or CJS.
 */
function loadApi(): OtelApi | null {
  if (api === undefined) {
    try {
      api = createRequire(import.meta.url)('@opentelemetry/api') as OtelApi;
    } catch {
      api = null;
    }
  }
  return api;
}

/** Whether `@opentelemetry/api` can be loaded. */
export function hasOpenTelemetryApi(): boolean {
  return loadApi() !== null;
}

const INVALID_TRACE = '00000000000000000000000000000000';
const INVALID_SPAN = '0000000000000000';

/**
 * Sets `otelTraceID`, `otelSpanID` and `otelTraceSampled` on `record` from the innermost
 * active span, as Python's OpenTelemetry logging instrumentation does (`'0'`, `'0'`, false
 * when there is no valid span). @internal
 */
export function addTraceFields(record: LogRecord, otel: OtelApi): void {
  let traceId = '0';
  let spanId = '0';
  let sampled = false;
  const span = otel.trace.getActiveSpan();
  if (span !== undefined) {
    const ctx = span.spanContext();
    if (ctx.traceId !== INVALID_TRACE && ctx.spanId !== INVALID_SPAN) {
      traceId = ctx.traceId;
      spanId = ctx.spanId;
      sampled = (ctx.traceFlags & 1) === 1;
    }
  }
  record.otelTraceID = traceId;
  record.otelSpanID = spanId;
  record.otelTraceSampled = sampled;
}

/**
 * Adds the active span's ids to records, read on the caller's async chain while the record is
 * being handled (never in a worker or transport, where the span is gone): `otelTraceID` (32
 * hex digits), `otelSpanID` (16), `otelTraceSampled` — the names of Python's OpenTelemetry
 * logging instrumentation. No monkey-patching: it only asks `@opentelemetry/api` (an optional
 * peer) for the active span. Attach it to the handlers (or the logger) whose records need
 * the ids; {@link installTraceRecordFactory} covers every record instead.
 *
 * ```ts
 * handler.addFilter(new TraceContextFilter());
 * handler.setFormatter(new Formatter('%(message)s trace=%(otelTraceID)s span=%(otelSpanID)s'));
 * ```
 */
export class TraceContextFilter implements FilterObject {
  readonly #api: OtelApi;

  /**
   * Throws when `@opentelemetry/api` is not installed.
   * @param options `api`: the `@opentelemetry/api` module to ask (for bundlers that cannot
   *   resolve it at run time). @default loaded with `require` on first use
   */
  constructor(options: { api?: OtelApi } = {}) {
    const a = options.api ?? loadApi();
    if (a === null) {
      throw new ContextConfigError(
        'TraceContextFilter needs @opentelemetry/api (npm install @opentelemetry/api)',
      );
    }
    this.#api = a;
  }

  /** Adds the ids; always keeps the record. */
  filter(record: LogRecord): boolean {
    addTraceFields(record, this.#api);
    return true;
  }
}

/**
 * Chains a record factory that adds the trace fields to every record as it is made (what
 * Python's `LoggingInstrumentor` does). Returns a function that restores the previous
 * factory. Throws when `@opentelemetry/api` is not installed.
 */
export function installTraceRecordFactory(options: { api?: OtelApi } = {}): () => void {
  const a = options.api ?? loadApi();
  if (a === null) {
    throw new ContextConfigError(
      'installTraceRecordFactory needs @opentelemetry/api (npm install @opentelemetry/api)',
    );
  }
  const previous: LogRecordFactory = getLogRecordFactory();
  const factory = (...args: ConstructorParameters<typeof import('@logweave/core').LogRecord>) => {
    const record = callFactory(previous, ...args);
    addTraceFields(record, a);
    return record;
  };
  setLogRecordFactory(factory);
  return () => {
    if (getLogRecordFactory() === factory) setLogRecordFactory(previous);
  };
}
