import { requestCallerInfo } from './caller.js';
import { Formatter } from './formatter.js';
import type { LogRecord } from './record.js';

const { types } = process.getBuiltinModule('node:util');

/** Options of {@link JSONFormatter}. */
export interface JSONFormatterOptions {
  /**
   * The record attributes to write, in order: names (`['created', 'levelname']`), or an
   * object mapping output keys to attribute names (`{ time: 'created', level: 'levelname' }`).
   * `message` is `record.getMessage()`; `asctime` is `formatTime(record, datefmt)`.
   * @default ['created', 'levelname', 'name', 'message']
   */
  fields?: readonly string[] | Readonly<Record<string, string>>;
  /**
   * Whether to add the record's extra attributes (those that are not standard LogRecord
   * attributes, e.g. from `extra`), after the fields, under their own names.
   * @default true
   */
  extras?: boolean;
  /**
   * How bigint values are written: `'string'` (`"12345678901234567890"`, exact for every
   * reader) or `'number'` (`12345678901234567890`, valid JSON that JavaScript readers round).
   * @default 'string'
   */
  bigint?: 'string' | 'number';
  /**
   * The `strftime` format for an `asctime` field; null selects the Formatter default.
   * @default null
   */
  datefmt?: string | null;
  /**
   * Objects nested deeper than this are written as `"[Object]"` / `"[Array]"`.
   * @default 10
   */
  maxDepth?: number;
}

/** The order in which the LogRecord constructor creates the standard attributes. */
const CONSTRUCTOR_ORDER: readonly string[] = [
  'name',
  'msg',
  'args',
  'levelname',
  'levelno',
  'pathname',
  'filename',
  'module',
  'exc_info',
  'exc_text',
  'stack_info',
  'lineno',
  'funcName',
  'created',
  'msecs',
  'relativeCreated',
  'thread',
  'threadName',
  'process',
  'processName',
  'taskName',
];

/**
 * The attributes every LogRecord has, plus `message` and `asctime` that formatting adds: what a
 * handler serialising a record's `extra` leaves out.
 */
export const STANDARD_ATTRIBUTES: ReadonlySet<string> = new Set([
  ...CONSTRUCTOR_ORDER,
  'message',
  'asctime',
]);
const N_CONSTRUCTOR = CONSTRUCTOR_ORDER.length;

const LINE_SEPARATORS = /[\u2028\u2029]/;
const LINE_SEPARATORS_G = /[\u2028\u2029]/g;
function escapeSeparator(c: string): string {
  return c === '\u2028' ? '\\u2028' : '\\u2029';
}

/** Strings up to this length are scanned in JavaScript; longer ones go to `JSON.stringify`. */
const SHORT_STRING = 64;

/**
 * `s` as a JSON string literal, with U+2028/U+2029 escaped too (JSON.stringify leaves them
 * raw). A short string with nothing to escape (no control character, `"`, `\\`, surrogate
 * or line separator) is just quoted, skipping `JSON.stringify`'s slower call.
 */
function quote(s: string): string {
  const n = s.length;
  if (n <= SHORT_STRING) {
    let i = 0;
    for (; i < n; i++) {
      const c = s.charCodeAt(i);
      if (
        c < 0x20 ||
        c === 0x22 ||
        c === 0x5c ||
        (c >= 0x2028 && (c <= 0x2029 || (c >= 0xd800 && c <= 0xdfff)))
      ) {
        break;
      }
    }
    if (i === n) return `"${s}"`;
  }
  const j = JSON.stringify(s);
  return LINE_SEPARATORS.test(j) ? j.replace(LINE_SEPARATORS_G, escapeSeparator) : j;
}

/**
 * `String(v)` for a finite number, fast for whole milliseconds in seconds (`created`):
 * when `v` is exactly the double nearest `ms / 1000`, its shortest round-trip text is the
 * decimal `ms / 1000` with trailing zeros dropped, which is built without the slow
 * float-to-shortest conversion. Below 4e12 (about 2^42) a double's spacing is under 0.001, so
 * no other decimal of three or fewer places rounds to the same double.
 */
function numberText(v: number): string {
  if (Number.isInteger(v) || !(v > 0 && v < 4e12)) return String(v);
  const ms = Math.round(v * 1000);
  if (ms / 1000 !== v) return String(v);
  const sec = Math.floor(ms / 1000);
  const frac = ms - sec * 1000;
  if (frac % 100 === 0) return `${sec}.${frac / 100}`;
  if (frac % 10 === 0) return `${sec}.${frac < 100 ? '0' : ''}${frac / 10}`;
  return `${sec}.${frac < 10 ? '00' : frac < 100 ? '0' : ''}${frac}`;
}

/** Entries kept in a formatter's key cache before it is cleared. */
const KEY_CACHE_SIZE = 1024;

const CALLER_FIELDS: ReadonlySet<string> = new Set([
  'pathname',
  'filename',
  'module',
  'lineno',
  'funcName',
]);

// Field kinds.
const F_ATTR = 0;
const F_MESSAGE = 1;
const F_ASCTIME = 2;

interface CompiledField {
  /** `"key":` (JSON-escaped), with a leading comma for all but the first field. */
  readonly prefix: string;
  readonly attr: string;
  readonly kind: number;
  /** The last number written for this field and its text (`created` repeats within a ms). */
  lastNumber: number;
  lastText: string;
}

/**
 * A formatter for structured logs: one JSON object per record, on one line (no raw newlines,
 * U+2028/U+2029 escaped too). Writes the chosen record fields, then `exc_text` and
 * `stack_info` when present, then the extra attributes. Safe for any value: cycles become
 * `"[Circular]"`, bigint a string (or number), Errors `{name, message, stack, ...}` with
 * their `cause`, Maps objects, Sets arrays, NaN/Infinity strings; `toJSON()` is honoured.
 *
 * ```ts
 * handler.setFormatter(new JSONFormatter({ fields: { time: 'created', level: 'levelname', msg: 'message' } }));
 * // {"time":1700000000.123,"level":"INFO","msg":"GET /index.html 200","user":"alice"}
 * ```
 */
export class JSONFormatter extends Formatter {
  /** Whether extra attributes are written. */
  readonly extras: boolean;
  /** How bigint values are written. */
  readonly bigint: 'string' | 'number';
  /** The nesting depth beyond which objects are elided. */
  readonly maxDepth: number;
  readonly #fields: readonly CompiledField[];
  readonly #listed: ReadonlySet<string>;
  /** The keys never written as extras: the standard attributes and the listed ones. */
  readonly #notExtra: ReadonlySet<string>;
  /** Record key -> its `"key":` prefix (JSON-escaped) when it is an extra, else null. */
  readonly #extraPrefixes = new Map<string, string | null>();

  /** @param options Which fields to write and how; see {@link JSONFormatterOptions}. */
  constructor(options: JSONFormatterOptions = {}) {
    super({ datefmt: options.datefmt ?? null });
    const spec = options.fields ?? ['created', 'levelname', 'name', 'message'];
    const pairs: [string, string][] = Array.isArray(spec)
      ? spec.map((a: string) => [a, a])
      : Object.entries(spec as Readonly<Record<string, string>>);
    this.#fields = pairs.map(([key, attr], i) => ({
      prefix: `${i === 0 ? '' : ','}${quote(key)}:`,
      attr,
      kind: attr === 'message' ? F_MESSAGE : attr === 'asctime' ? F_ASCTIME : F_ATTR,
      lastNumber: Number.NaN,
      lastText: '',
    }));
    this.#listed = new Set(pairs.flat());
    this.#notExtra = new Set([...STANDARD_ATTRIBUTES, ...this.#listed]);
    this.extras = options.extras ?? true;
    this.bigint = options.bigint ?? 'string';
    this.maxDepth = options.maxDepth ?? 10;
    if (pairs.some(([, attr]) => CALLER_FIELDS.has(attr))) {
      this._needsCaller = true;
      requestCallerInfo();
    }
  }

  /** Whether an `asctime` field is written. */
  override usesTime(): boolean {
    return this.#fields.some((f) => f.kind === F_ASCTIME);
  }

  /** The record as one line of JSON. */
  override format(record: LogRecord): string {
    const fields = this.#fields;
    let out = '{';
    for (let i = 0; i < fields.length; i++) {
      const f = fields[i]!;
      let v: unknown;
      if (f.kind === F_MESSAGE) v = record.message = record.getMessage();
      else if (f.kind === F_ASCTIME) v = record.asctime = this.formatTime(record, this.datefmt);
      else v = record[f.attr];
      out += f.prefix;
      if (typeof v === 'string') {
        out += quote(v);
      } else if (typeof v === 'number') {
        // NaN never matches, and -0 writes as 0 anyway.
        if (v !== f.lastNumber) {
          f.lastText = this.#value(v);
          f.lastNumber = v;
        }
        out += f.lastText;
      } else {
        out += this.#value(v);
      }
    }
    let sep = fields.length === 0 ? '' : ',';
    if (record.exc_info && !record.exc_text) {
      record.exc_text = this.formatException(record.exc_info);
    }
    if (record.exc_text && !this.#listed.has('exc_text')) {
      out += `${sep}"exc_text":${quote(String(record.exc_text))}`;
      sep = ',';
    }
    if (record.stack_info && !this.#listed.has('stack_info')) {
      out += `${sep}"stack_info":${quote(this.formatStack(String(record.stack_info)))}`;
      sep = ',';
    }
    if (this.extras) {
      const extraPrefixes = this.#extraPrefixes;
      const keys = Object.keys(record);
      const n = keys.length;
      // Records from the LogRecord constructor list the standard attributes first, in order.
      let i = 0;
      while (i < N_CONSTRUCTOR && i < n && keys[i] === CONSTRUCTOR_ORDER[i]) i++;
      for (; i < n; i++) {
        const key = keys[i]!;
        let prefix = extraPrefixes.get(key);
        if (prefix === undefined) prefix = this.#classify(key);
        if (prefix === null) continue;
        const v = record[key];
        if (v === undefined || typeof v === 'function' || typeof v === 'symbol') continue;
        out += sep + prefix;
        out += typeof v === 'string' ? quote(v) : this.#value(v);
        sep = ',';
      }
    }
    // Every string above went through quote(), so U+2028/U+2029 are already escaped.
    return `${out}}`;
  }

  /** Caches and returns `key`'s `"key":` prefix when it is an extra attribute, else null. */
  #classify(key: string): string | null {
    const prefix = this.#notExtra.has(key) ? null : `${quote(key)}:`;
    if (this.#extraPrefixes.size >= KEY_CACHE_SIZE) this.#extraPrefixes.clear();
    this.#extraPrefixes.set(key, prefix);
    return prefix;
  }

  #value(v: unknown): string {
    if (typeof v === 'number' && Number.isFinite(v)) return numberText(v);
    if (typeof v === 'boolean') return v ? 'true' : 'false';
    try {
      return this.#serialize(v, '', 0, []) ?? 'null';
    } catch {
      return '"[Unserializable]"';
    }
  }

  /** JSON text of `v`, or undefined where JSON omits the value (functions, symbols). */
  #serialize(v: unknown, key: string, depth: number, ancestors: object[]): string | undefined {
    switch (typeof v) {
      case 'string':
        return quote(v);
      case 'number':
        return Number.isFinite(v) ? numberText(v) : `"${v}"`;
      case 'bigint':
        return this.bigint === 'number' ? String(v) : `"${v}"`;
      case 'boolean':
        return v ? 'true' : 'false';
      case 'undefined':
      case 'function':
      case 'symbol':
        return undefined;
    }
    if (v === null) return 'null';
    const obj = v as object;
    if (ancestors.includes(obj)) return '"[Circular]"';
    const toJSON = (obj as { toJSON?: unknown }).toJSON;
    if (typeof toJSON === 'function') {
      ancestors.push(obj);
      const r = this.#serialize(toJSON.call(obj, key), key, depth, ancestors);
      ancestors.pop();
      return r;
    }
    if (depth >= this.maxDepth) return Array.isArray(obj) ? '"[Array]"' : '"[Object]"';
    ancestors.push(obj);
    let out: string;
    if (Array.isArray(obj) || obj instanceof Set) {
      out = '[';
      let i = 0;
      for (const item of obj) {
        if (i > 0) out += ',';
        out += this.#serialize(item, String(i), depth + 1, ancestors) ?? 'null';
        i++;
      }
      out += ']';
    } else {
      const entries: Iterable<[unknown, unknown]> =
        obj instanceof Map ? obj.entries() : (errorEntries(obj) ?? Object.entries(obj));
      out = '{';
      let first = true;
      for (const [k, item] of entries) {
        const ks = String(k);
        const s = this.#serialize(item, ks, depth + 1, ancestors);
        if (s === undefined) continue;
        out += `${first ? '' : ','}${quote(ks)}:${s}`;
        first = false;
      }
      out += '}';
    }
    ancestors.pop();
    return out;
  }
}

/** An Error's name, message, stack, own enumerable properties, cause and members, or null. */
function errorEntries(obj: object): [string, unknown][] | null {
  if (!(obj instanceof Error || types.isNativeError(obj))) return null;
  const e = obj as Error & { errors?: unknown };
  const entries: [string, unknown][] = [
    ['name', e.name],
    ['message', e.message],
    ['stack', e.stack],
  ];
  const keys = Object.keys(e);
  for (const k of keys) {
    if (k !== 'name' && k !== 'message' && k !== 'stack') entries.push([k, e[k as keyof Error]]);
  }
  if (e.cause !== undefined && !keys.includes('cause')) entries.push(['cause', e.cause]);
  if (Array.isArray(e.errors) && !keys.includes('errors')) entries.push(['errors', e.errors]);
  return entries;
}
