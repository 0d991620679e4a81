import { createRequire } from 'node:module';
import { formatExceptionText, type LogRecord, STANDARD_ATTRIBUTES } from '@logweave/core';
import { type AnyValue, type KeyValue, toAnyValue } from './any-value.js';
import { severityNumber } from './severity.js';

/** One OpenTelemetry LogRecord, as logweave builds it from a Python-style record. */
export interface OTLPLogRecord {
  /** The instrumentation scope: the logger's name. */
  scope: string;
  timeUnixNano: bigint;
  observedTimeUnixNano: bigint;
  severityNumber: number;
  severityText: string;
  body: AnyValue;
  attributes: KeyValue[];
  traceId: Uint8Array | null;
  spanId: Uint8Array | null;
  flags: number;
}

interface OtelApi {
  trace: {
    getSpan(
      ctx: unknown,
    ): { spanContext(): { traceId: string; spanId: string; traceFlags: number } } | undefined;
  };
  context: { active(): unknown };
  isSpanContextValid(sc: unknown): boolean;
}
let otelApi: OtelApi | null | undefined;

/** `@opentelemetry/api` when the application has it (an optional peer), else null. */
export function loadOtelApi(): OtelApi | null {
  if (otelApi !== undefined) return otelApi;
  try {
    otelApi = createRequire(import.meta.url)('@opentelemetry/api') as OtelApi;
  } catch {
    otelApi = null;
  }
  return otelApi;
}

/** The active span's trace id, span id and flags, or null (no API, no valid span). */
export function activeSpanContext(): {
  traceId: string;
  spanId: string;
  traceFlags: number;
} | null {
  const api = loadOtelApi();
  if (!api) return null;
  const span = api.trace.getSpan(api.context.active());
  if (!span) return null;
  const sc = span.spanContext();
  return api.isSpanContextValid(sc) ? sc : null;
}

function nanos(seconds: number): bigint {
  return BigInt(Math.round(seconds * 1e6)) * 1000n;
}

function exceptionParts(exc: unknown): { type: string; message: string; error: unknown } | null {
  let e = exc;
  if (Array.isArray(e)) e = e[1];
  if (e === true) return null;
  if (e instanceof Error)
    return { type: e.name || e.constructor.name, message: e.message, error: e };
  if (e === null || e === undefined || e === false) return null;
  return { type: 'Error', message: String(e), error: e };
}

/**
 * Builds the OTLP LogRecord of `record`: time from `created`, SeverityNumber by level range,
 * SeverityText = the level name, body = `message` (the formatted text when the handler has a
 * formatter), `extra` attributes as AnyValues (nested maps stay maps), `code.*` from the
 * caller fields, `exception.*` from `exc_info`, and the trace context `span` (read when the
 * record was logged).
 */
export function toOTLPLogRecord(
  record: LogRecord,
  message: string,
  span: { traceId: string; spanId: string; traceFlags: number } | null,
): OTLPLogRecord {
  const attributes: KeyValue[] = [];
  for (const key of Object.keys(record)) {
    if (STANDARD_ATTRIBUTES.has(key)) continue;
    const value = toAnyValue((record as unknown as Record<string, unknown>)[key]);
    if (value !== null) attributes.push({ key, value });
  }
  if (record.pathname) attributes.push({ key: 'code.file.path', value: { s: record.pathname } });
  if (record.funcName)
    attributes.push({ key: 'code.function.name', value: { s: record.funcName } });
  if (record.lineno)
    attributes.push({ key: 'code.line.number', value: { i: BigInt(record.lineno) } });
  const exc = exceptionParts(record.exc_info);
  if (exc) {
    attributes.push({ key: 'exception.type', value: { s: exc.type } });
    attributes.push({ key: 'exception.message', value: { s: exc.message } });
    let stack = record.exc_text;
    if (!stack) {
      try {
        stack = formatExceptionText(exc.error);
      } catch {
        stack = exc.error instanceof Error ? (exc.error.stack ?? '') : '';
      }
    }
    if (stack) attributes.push({ key: 'exception.stacktrace', value: { s: stack } });
  }
  const t = nanos(record.created);
  return {
    scope: record.name,
    timeUnixNano: t,
    observedTimeUnixNano: t,
    severityNumber: severityNumber(record.levelno),
    severityText: record.levelname,
    body: { s: message },
    attributes,
    traceId: span ? Buffer.from(span.traceId, 'hex') : null,
    spanId: span ? Buffer.from(span.spanId, 'hex') : null,
    flags: span ? span.traceFlags & 0xff : 0,
  };
}
