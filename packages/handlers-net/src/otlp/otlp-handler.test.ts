import { context, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { OTLPLogExporter } from '@opentelemetry/exporter-logs-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { LoggerProvider, SimpleLogRecordProcessor } from '@opentelemetry/sdk-logs';
import { getLogger, kw, type Logger } from '@logweave/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OTLPHandler } from './otlp-handler.js';
import { severityNumber } from './severity.js';
import {
  countRecords,
  logRecords,
  OTLPReceiver,
  partialSuccessProtobuf,
} from './test-support/otlp-receiver.js';

const TRACE_ID = '0af7651916cd43dd8448eb211c80319c';
const SPAN_ID = 'b7ad6b7169203331';
const spanCtx = trace.setSpanContext(ROOT_CONTEXT, {
  traceId: TRACE_ID,
  spanId: SPAN_ID,
  traceFlags: 1,
});

let rx: OTLPReceiver;
let url: string;
let logger: Logger;
beforeAll(async () => {
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  rx = new OTLPReceiver();
  url = await rx.start();
  logger = getLogger('app.otlp');
  logger.propagate = false;
  logger.setLevel(1);
});
afterAll(async () => {
  context.disable();
  await rx.stop();
});

/** Comparable form of a decoded LogRecord: attributes sorted, int64s as strings. */
function norm(lr: Record<string, unknown>): unknown {
  const fix = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(fix);
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) {
        if (x === undefined) continue;
        o[k] = k === 'intValue' || k.endsWith('UnixNano') ? String(x) : fix(x);
      }
      if (
        Array.isArray(o.values) &&
        o.values.every((e) => e && typeof e === 'object' && 'key' in (e as object))
      ) {
        o.values = [...(o.values as { key: string }[])].sort((a, b) => a.key.localeCompare(b.key));
      }
      return o;
    }
    return v;
  };
  const attributes = [...((lr.attributes as { key: string }[]) ?? [])].sort((a, b) =>
    a.key.localeCompare(b.key),
  );
  return fix({
    timeUnixNano: lr.timeUnixNano,
    severityNumber: lr.severityNumber,
    severityText: lr.severityText,
    body: lr.body,
    attributes,
    traceId: lr.traceId,
    spanId: lr.spanId,
    flags: lr.flags,
    scope: lr.scope,
  });
}

describe('severityNumber()', () => {
  it('maps the Python levels onto SeverityNumber bands, custom levels by range', () => {
    expect([10, 20, 30, 40, 50].map(severityNumber)).toEqual([5, 9, 13, 17, 21]);
    expect([0, 1, 5, 9, 15, 25, 35, 45, 55, 60, 99, 1000].map(severityNumber)).toEqual([
      1, 1, 3, 4, 7, 11, 15, 19, 23, 24, 24, 24,
    ]);
  });
});

describe('OTLPHandler against the official OpenTelemetry exporter', () => {
  it('each LogRecord, decoded with the official OTLP protobuf definitions, equals what exporter-logs-otlp-http + sdk-logs send for the same record', async () => {
    const extra = {
      user: { id: 42, roles: ['admin', 'dev'], active: true, score: 0.5 },
      order: 'A-1',
    };
    const err = new TypeError('bad input');
    const start = rx.requests.length;
    // Ours, in protobuf and in JSON, inside an active span.
    for (const protocol of ['http/protobuf', 'http/json'] as const) {
      const h = new OTLPHandler({ url, protocol, resource: { 'service.name': 'checkout' } });
      logger.handlers = [h];
      context.with(spanCtx, () => {
        logger.warning('paid %s', 'ann', kw({ extra }));
        logger.error('failed', kw({ exc_info: err }));
      });
      await h.drain();
      h.close();
    }
    logger.handlers = [];
    const [pb, js] = rx.requests.slice(start);
    const ours = logRecords(pb as never);
    expect(pb?.contentType).toBe('application/x-protobuf');
    expect(js?.contentType).toBe('application/json');
    expect(ours.length).toBe(2);
    // The two encodings carry the same records (logged a moment apart).
    const untimed = (r: Record<string, unknown>) => norm({ ...r, timeUnixNano: '0' });
    expect(logRecords(js as never).map(untimed)).toEqual(ours.map(untimed));
    expect(pb?.body.resourceLogs[0]?.resource?.attributes).toContainEqual({
      key: 'service.name',
      value: { stringValue: 'checkout' },
    });
    // The official SDK, given the same content.
    const exporter = new OTLPLogExporter({ url });
    const provider = new LoggerProvider({
      resource: resourceFromAttributes({ 'service.name': 'checkout' }),
      processors: [new SimpleLogRecordProcessor({ exporter })],
    });
    const official = provider.getLogger('app.otlp');
    const attrOf = (r: Record<string, unknown>) =>
      Object.fromEntries(
        ((r.attributes as { key: string; value: Record<string, unknown> }[]) ?? []).map((kv) => [
          kv.key,
          undefined,
        ]),
      );
    for (const r of ours) {
      const ms = Number(BigInt(r.timeUnixNano as string) / 1_000_000n);
      const attrs = attrOf(r);
      const attributes: Record<string, unknown> = {};
      for (const k of Object.keys(attrs)) {
        if (k === 'user') attributes.user = extra.user;
        else if (k === 'order') attributes.order = extra.order;
        else {
          const v = (r.attributes as { key: string; value: Record<string, unknown> }[]).find(
            (kv) => kv.key === k,
          )?.value;
          attributes[k] = v?.stringValue ?? Number(v?.intValue);
        }
      }
      official.emit({
        timestamp: ms,
        severityNumber: r.severityNumber as number,
        severityText: r.severityText as string,
        body: (r.body as { stringValue: string }).stringValue,
        attributes: attributes as never,
        context: spanCtx,
      });
    }
    await provider.forceFlush();
    await provider.shutdown();
    const theirs = rx.requests.slice(start + 2).flatMap((q) => logRecords(q as never));
    expect(theirs.length).toBe(2);
    expect(ours.map(norm)).toEqual(theirs.map(norm));
    // And the mapping itself.
    const [w, e] = ours as Record<string, unknown>[];
    expect([w?.severityNumber, w?.severityText, e?.severityNumber, e?.severityText]).toEqual([
      13,
      'WARNING',
      17,
      'ERROR',
    ]);
    expect(w?.body).toEqual({ stringValue: 'paid ann' });
    expect([w?.traceId, w?.spanId, w?.flags]).toEqual([TRACE_ID, SPAN_ID, 1]);
    const user = ((w?.attributes ?? []) as { key: string; value: unknown }[]).find(
      (a) => a.key === 'user',
    );
    expect(user?.value).toHaveProperty('kvlistValue');
    const eattrs = Object.fromEntries(
      ((e?.attributes ?? []) as { key: string; value: { stringValue?: string } }[]).map((a) => [
        a.key,
        a.value.stringValue,
      ]),
    );
    expect(eattrs['exception.type']).toBe('TypeError');
    expect(eattrs['exception.message']).toBe('bad input');
    expect(eattrs['exception.stacktrace']).toContain('TypeError: bad input');
    expect(eattrs['code.file.path']).toBeTypeOf('string');
  });

  it('gzip: the body is gzip-compressed with Content-Encoding: gzip', async () => {
    const start = rx.requests.length;
    const h = new OTLPHandler({ url, compression: 'gzip' });
    logger.handlers = [h];
    logger.info('zipped');
    await h.drain();
    h.close();
    logger.handlers = [];
    expect(rx.requests[start]?.encoding).toBe('gzip');
    expect(countRecords(rx.requests[start] as never)).toBe(1);
  });
});

describe('OTLPHandler delivery accounting', () => {
  it('a receiver injecting 429 + Retry-After, 503, 400, a partial success and a dropped connection: delivered + rejected + dropped = sent', async () => {
    const script: ({ status: number; retryAfter?: string; body?: Uint8Array } | { drop: true })[] =
      [
        { status: 429, retryAfter: '0' },
        { status: 200 },
        { status: 503 },
        { status: 200 },
        { status: 400 },
        { status: 200, body: partialSuccessProtobuf(3, 'three too old') },
        { drop: true },
        { status: 200 },
      ];
    const start = rx.requests.length;
    rx.answer = (n) => script[n - start - 1] ?? { status: 200 };
    const h = new OTLPHandler({
      url,
      maxBatchRecords: 10,
      retry: { retryStart: 0.01, jitter: 0 },
      onDrop: () => {},
    });
    logger.handlers = [h];
    // Five batches of 10: retried (429), retried (503), refused (400), partial, retried (drop).
    for (let i = 0; i < 50; i++) logger.info('record %d', i);
    await h.drain();
    h.close();
    logger.handlers = [];
    rx.answer = () => ({ status: 200 });
    expect(rx.requests.length - start).toBe(8);
    expect({
      sent: h.sent,
      delivered: h.delivered,
      rejected: h.rejected,
      dropped: h.dropped,
    }).toEqual({
      sent: 50,
      delivered: 37,
      rejected: 3,
      dropped: 10,
    });
    expect(h.delivered + h.rejected + h.dropped).toBe(h.sent);
  });

  it('retries stop after maxAttempts: the batch is counted as dropped', async () => {
    const start = rx.requests.length;
    rx.answer = () => ({ status: 503 });
    const h = new OTLPHandler({
      url,
      maxAttempts: 3,
      retry: { retryStart: 0.01, jitter: 0 },
      onDrop: () => {},
    });
    logger.handlers = [h];
    logger.info('never');
    await h.drain();
    h.close();
    logger.handlers = [];
    rx.answer = () => ({ status: 200 });
    expect(rx.requests.length - start).toBe(3);
    expect([h.delivered, h.dropped]).toEqual([0, 1]);
  });
});
