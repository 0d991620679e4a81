import type { AnyValue, KeyValue } from './any-value.js';
import type { OTLPLogRecord } from './otlp-log-record.js';
import { ProtobufWriter } from './protobuf-writer.js';

/** What the request says about its source. */
export interface OTLPResourceInfo {
  /** Resource attributes (`service.name`...). */
  resource: KeyValue[];
  /** The scope version (logweave's). */
  scopeVersion: string;
}

function groupByScope(records: readonly OTLPLogRecord[]): Map<string, OTLPLogRecord[]> {
  const m = new Map<string, OTLPLogRecord[]>();
  for (const r of records) {
    let g = m.get(r.scope);
    if (!g) m.set(r.scope, (g = []));
    g.push(r);
  }
  return m;
}

function writeAnyValue(w: ProtobufWriter, field: number, v: AnyValue): void {
  w.begin(field);
  if ('s' in v) w.string(1, v.s);
  else if ('b' in v) w.bool(2, v.b);
  else if ('i' in v) w.int64(3, v.i);
  else if ('d' in v) w.double(4, v.d);
  else if ('a' in v) {
    w.begin(5);
    for (const x of v.a) writeAnyValue(w, 1, x);
    w.end();
  } else if ('kv' in v) {
    w.begin(6);
    for (const kv of v.kv) writeKeyValue(w, 1, kv);
    w.end();
  } else w.bytes(7, v.bytes);
  w.end();
}

function writeKeyValue(w: ProtobufWriter, field: number, kv: KeyValue): void {
  w.begin(field).string(1, kv.key);
  writeAnyValue(w, 2, kv.value);
  w.end();
}

/** An `ExportLogsServiceRequest` in protobuf (`application/x-protobuf`). */
export function encodeProtobuf(
  records: readonly OTLPLogRecord[],
  info: OTLPResourceInfo,
): Uint8Array {
  const w = new ProtobufWriter();
  w.begin(1); // ResourceLogs
  w.begin(1); // Resource
  for (const kv of info.resource) writeKeyValue(w, 1, kv);
  w.end();
  for (const [scope, group] of groupByScope(records)) {
    w.begin(2); // ScopeLogs
    w.begin(1).string(1, scope).string(2, info.scopeVersion).end();
    for (const r of group) {
      w.begin(2); // LogRecord
      w.fixed64(1, r.timeUnixNano);
      w.uint32(2, r.severityNumber);
      w.string(3, r.severityText);
      writeAnyValue(w, 5, r.body);
      for (const kv of r.attributes) writeKeyValue(w, 6, kv);
      if (r.flags) w.fixed32(8, r.flags);
      if (r.traceId) w.bytes(9, r.traceId);
      if (r.spanId) w.bytes(10, r.spanId);
      w.fixed64(11, r.observedTimeUnixNano);
      w.end();
    }
    w.end();
  }
  w.end();
  return w.finish();
}

function jsonAnyValue(v: AnyValue): unknown {
  if ('s' in v) return { stringValue: v.s };
  if ('b' in v) return { boolValue: v.b };
  if ('i' in v) return { intValue: v.i.toString() };
  if ('d' in v) {
    const d = v.d;
    return {
      doubleValue: Number.isFinite(d)
        ? d
        : Number.isNaN(d)
          ? 'NaN'
          : d > 0
            ? 'Infinity'
            : '-Infinity',
    };
  }
  if ('a' in v) return { arrayValue: { values: v.a.map(jsonAnyValue) } };
  if ('kv' in v) return { kvlistValue: { values: v.kv.map(jsonKeyValue) } };
  return { bytesValue: Buffer.from(v.bytes).toString('base64') };
}

function jsonKeyValue(kv: KeyValue): unknown {
  return { key: kv.key, value: jsonAnyValue(kv.value) };
}

/** An `ExportLogsServiceRequest` in OTLP/JSON (`application/json`: hex ids, int64 as strings). */
export function encodeJSON(records: readonly OTLPLogRecord[], info: OTLPResourceInfo): Uint8Array {
  const scopeLogs = [...groupByScope(records)].map(([scope, group]) => ({
    scope: { name: scope, version: info.scopeVersion },
    logRecords: group.map((r) => {
      const o: Record<string, unknown> = {
        timeUnixNano: r.timeUnixNano.toString(),
        observedTimeUnixNano: r.observedTimeUnixNano.toString(),
        severityNumber: r.severityNumber,
        severityText: r.severityText,
        body: jsonAnyValue(r.body),
        attributes: r.attributes.map(jsonKeyValue),
      };
      if (r.flags) o.flags = r.flags;
      if (r.traceId) o.traceId = Buffer.from(r.traceId).toString('hex');
      if (r.spanId) o.spanId = Buffer.from(r.spanId).toString('hex');
      return o;
    }),
  }));
  const body = {
    resourceLogs: [{ resource: { attributes: info.resource.map(jsonKeyValue) }, scopeLogs }],
  };
  return Buffer.from(JSON.stringify(body), 'utf8');
}

/** Reads `rejected_log_records` and `error_message` from an `ExportLogsServiceResponse`. */
export function decodePartialSuccess(
  body: Uint8Array,
  json: boolean,
): { rejected: number; message: string } {
  if (body.length === 0) return { rejected: 0, message: '' };
  if (json) {
    try {
      const o = JSON.parse(Buffer.from(body).toString('utf8')) as {
        partialSuccess?: { rejectedLogRecords?: string | number; errorMessage?: string };
      };
      return {
        rejected: Number(o.partialSuccess?.rejectedLogRecords ?? 0) || 0,
        message: o.partialSuccess?.errorMessage ?? '',
      };
    } catch {
      return { rejected: 0, message: '' };
    }
  }
  const r = new Reader(body);
  let rejected = 0;
  let message = '';
  while (!r.done()) {
    const tag = r.varint();
    if (tag >>> 3 === 1 && (tag & 7) === 2) {
      const sub = new Reader(r.bytes());
      while (!sub.done()) {
        const t = sub.varint();
        if (t >>> 3 === 1 && (t & 7) === 0) rejected = sub.varint();
        else if (t >>> 3 === 2 && (t & 7) === 2)
          message = Buffer.from(sub.bytes()).toString('utf8');
        else sub.skip(t & 7);
      }
    } else r.skip(tag & 7);
  }
  return { rejected, message };
}

class Reader {
  #pos = 0;
  constructor(private readonly buf: Uint8Array) {}
  done(): boolean {
    return this.#pos >= this.buf.length;
  }
  varint(): number {
    let v = 0;
    let mul = 1;
    for (let i = 0; i < 10; i++) {
      if (this.#pos >= this.buf.length) throw new Error('truncated protobuf');
      const b = this.buf[this.#pos++] as number;
      v += (b & 0x7f) * mul;
      if (b < 0x80) return v;
      mul *= 128;
    }
    throw new Error('bad varint');
  }
  bytes(): Uint8Array {
    const n = this.varint();
    if (this.#pos + n > this.buf.length) throw new Error('truncated protobuf');
    const out = this.buf.subarray(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.#pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.#pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}
