import { hostname as osHostname } from 'node:os';
import { Formatter, type LogRecord, LoggingValueError } from '@logweave/core';

/** Structured data: SD-IDs (`'origin'`, `'meta@32473'`) to their SD-PARAMs. */
export type StructuredData = Readonly<Record<string, Readonly<Record<string, unknown>>>>;

/** Options of {@link RFC5424Formatter}. */
export interface RFC5424FormatterOptions {
  /** The format of the MSG part (a `%`-style format by default). @default '%(message)s' */
  fmt?: string;
  /** The format style of `fmt`. @default '%' */
  style?: '%' | '{' | '$';
  /** APP-NAME (1–48 printable ASCII characters). @default '-' (NILVALUE) */
  appName?: string;
  /** HOSTNAME. @default os.hostname() */
  hostname?: string;
  /** PROCID; by default the record's `process`. */
  procid?: string | number;
  /** MSGID used when the record has no `msgid` attribute. @default '-' */
  msgid?: string;
  /** Structured data added to every record (the record's `structured_data` is merged in). */
  structuredData?: StructuredData;
  /** Timestamps in UTC (`Z`) instead of local time with its offset. @default false */
  utc?: boolean;
  /**
   * The byte order mark before MSG: `'auto'` only when the text is not pure ASCII (RFC 5424
   * §6.4: UTF-8 text starts with a BOM), `true` always, `false` never. @default 'auto'
   */
  bom?: 'auto' | boolean;
}

const NIL = '-';

/** Keeps the printable US-ASCII characters (33–126) of a header field, at most `max`; NILVALUE when empty. */
function headerField(v: unknown, max: number): string {
  if (v === null || v === undefined) return NIL;
  const s = String(v)
    .replace(/[^\x21-\x7e]/g, '_')
    .slice(0, max);
  return s === '' ? NIL : s;
}

/** An SD-NAME: printable US-ASCII except `=`, SP, `]`, `"`, 1–32 characters. */
const SD_NAME = /^[\x21-\x7e]{1,32}$/;
function sdName(v: string): string {
  const s = v.replace(/[^\x21-\x7e]|[=\]"]/g, '_').slice(0, 32);
  return s === '' ? '_' : s;
}

/** Escapes an SD-PARAM value: `"`, `\` and `]` get a backslash (RFC 5424 §6.3.3). */
export function escapeSDParamValue(value: string): string {
  return value.replace(/["\\\]]/g, '\\$&');
}

/** Renders structured data as `[id k="v"...]...`, or NILVALUE when there is none. */
export function formatStructuredData(sd: StructuredData | null | undefined): string {
  if (!sd) return NIL;
  let out = '';
  for (const id of Object.keys(sd)) {
    out += `[${sdName(id)}`;
    const params = sd[id] ?? {};
    for (const k of Object.keys(params)) {
      const v = params[k];
      const values = Array.isArray(v) ? v : [v];
      for (const one of values) {
        out += ` ${sdName(k)}="${escapeSDParamValue(one === null || one === undefined ? '' : String(one))}"`;
      }
    }
    out += ']';
  }
  return out === '' ? NIL : out;
}

function pad(n: number, w = 2): string {
  return String(n).padStart(w, '0');
}

/** RFC 5424 TIMESTAMP of `created` (seconds since the epoch), microseconds, with the zone. */
export function rfc5424Timestamp(created: number, utc = false): string {
  const ms = Math.floor(created * 1000);
  const micros = Math.floor(created * 1e6 + 0.5) % 1_000_000;
  const d = new Date(ms);
  const frac = `.${pad(micros, 6)}`;
  if (utc) {
    return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}${frac}Z`;
  }
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const a = Math.abs(off);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}${frac}${sign}${pad(Math.floor(a / 60))}:${pad(a % 60)}`;
}

/**
 * Formats a record as an RFC 5424 message after the PRI (which `SysLogHandler` adds):
 * `VERSION SP TIMESTAMP SP HOSTNAME SP APP-NAME SP PROCID SP MSGID SP STRUCTURED-DATA [SP MSG]`,
 * the Python cookbook's recipe with MSGID honoured (`extra: { msgid }`), structured data from
 * the record's `structured_data` attribute (`extra: { structured_data: { 'id@32473': { k: v } } }`)
 * with SD-PARAM escaping, NILVALUE for absent fields, and the BOM rule.
 *
 * ```ts
 * const f = new RFC5424Formatter({ appName: 'myapp', hostname: 'web1', utc: true });
 * ```
 *
 * Override points: `formatHeader(record)`, `formatStructuredData(record)`, `formatMessage`.
 */
export class RFC5424Formatter extends Formatter {
  readonly appName: string;
  readonly hostname: string;
  readonly procid: string | null;
  readonly msgid: string;
  readonly structuredData: StructuredData | null;
  readonly utc: boolean;
  readonly bom: 'auto' | boolean;

  /** @throws LoggingValueError for a header option that RFC 5424 does not allow. */
  constructor(options: RFC5424FormatterOptions = {}) {
    super(options.fmt ?? '%(message)s', null, options.style ?? '%');
    this.appName = checkHeader('appName', options.appName ?? NIL, 48);
    this.hostname = checkHeader('hostname', options.hostname ?? osHostname(), 255);
    this.procid =
      options.procid === undefined ? null : checkHeader('procid', String(options.procid), 128);
    this.msgid = checkHeader('msgid', options.msgid ?? NIL, 32);
    if (options.structuredData) {
      for (const id of Object.keys(options.structuredData)) {
        if (!SD_NAME.test(id) || /[=\]" ]/.test(id)) {
          throw new LoggingValueError(
            `RFC5424Formatter: ${JSON.stringify(id)} is not a valid SD-ID`,
          );
        }
      }
    }
    this.structuredData = options.structuredData ?? null;
    this.utc = options.utc ?? false;
    this.bom = options.bom ?? 'auto';
  }

  /** `1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID`. */
  formatHeader(record: LogRecord): string {
    const r = record as LogRecord & { msgid?: unknown };
    const procid = this.procid ?? headerField(record.process, 128);
    const msgid = r.msgid !== undefined && r.msgid !== null ? headerField(r.msgid, 32) : this.msgid;
    return `1 ${rfc5424Timestamp(record.created, this.utc)} ${this.hostname} ${this.appName} ${procid} ${msgid}`;
  }

  /** STRUCTURED-DATA: this formatter's, then the record's `structured_data`, or `-`. */
  formatStructuredData(record: LogRecord): string {
    const own = (record as LogRecord & { structured_data?: StructuredData }).structured_data;
    if (!own || typeof own !== 'object') return formatStructuredData(this.structuredData);
    return formatStructuredData(this.structuredData ? { ...this.structuredData, ...own } : own);
  }

  /** The whole message after the PRI. */
  override format(record: LogRecord): string {
    const msg = super.format(record);
    const head = `${this.formatHeader(record)} ${this.formatStructuredData(record)}`;
    if (msg === '') return head;
    const bom = this.bom === true || (this.bom === 'auto' && /[^\x00-\x7f]/.test(msg));
    return `${head} ${bom ? '\ufeff' : ''}${msg}`;
  }
}

function checkHeader(name: string, v: string, max: number): string {
  if (!/^[\x21-\x7e]+$/.test(v) || v.length > max) {
    throw new LoggingValueError(
      `RFC5424Formatter: ${name} must be 1 to ${max} printable ASCII characters without spaces, not ${JSON.stringify(v)}`,
    );
  }
  return v;
}
