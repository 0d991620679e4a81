import { type FilterObject, formatExceptionText, type LogRecord } from '@logweave/core';
import { ContextConfigError } from '../errors.js';
import { reservedRecordKeys } from '../record-fields.js';
import { type MatchState, PathMatcher } from './redact-path.js';

/** What replaces a redacted value: a fixed value, or a function of the value and its path. */
export type Censor =
  | string
  | number
  | boolean
  | null
  | undefined
  | ((value: unknown, path: readonly string[]) => unknown);

/** Options of a {@link RedactingFilter}. */
export interface RedactingFilterOptions {
  /**
   * Paths whose values are censored (see `parseRedactPath`): `password`, `user.password`,
   * `*.token`, `**.password` (at any depth), `items[0].secret`, `items[*].secret`.
   * @default []
   */
  paths?: readonly string[];
  /** Key names censored at any depth: `/pass(word|phrase)/i`, `/token/i`. @default [] */
  patterns?: readonly RegExp[];
  /**
   * Patterns censored in free text — the message (formatted once, eagerly) and the exception
   * and stack text (e-mail addresses, card numbers, bearer tokens). @default []
   */
  textPatterns?: readonly RegExp[];
  /** The replacement. @default '[REDACTED]' */
  censor?: Censor;
  /**
   * Objects nested deeper than this are replaced by `'[Too deep]'` (so nothing below goes
   * out unchecked). @default 64
   */
  maxDepth?: number;
}

/** Per-record work state: censored strings to also hide in exception text. */
interface Walk {
  secrets: Set<string> | null;
  seen: object[];
  path: string[];
}

const SKIP = new Set(['exc_info', 'exc_text', 'stack_info', 'args', 'msg']);

/**
 * Censors secrets in a record before any handler sees it: in `args` (positional arguments
 * and the single mapping), in `extra` fields, in a message object, and in the error text —
 * the error's own properties are redacted like `extra`, and every string censored anywhere in
 * the record is also replaced in the exception and stack text. The caller's objects are never
 * modified: changed parts are copied (same prototype), unchanged parts shared, and the filter
 * returns a new record (Python 3.12 filter semantics), so as a handler filter it affects only
 * that handler. Attach it to a logger to redact once for every handler (logger filters apply
 * to records logged on that logger; use the root logger's handlers, or each logger, for a
 * whole tree), or to a handler.
 *
 * Paths are matched from each root: the record's extra fields (so `user.password` is
 * `kw({ extra: { user: { password } } })`), the mapping argument, each positional argument
 * and a message object. Cycles become `'[Circular]'`.
 *
 * ```ts
 * logger.addFilter(new RedactingFilter({ paths: ['**.password', 'card.number'], patterns: [/token/i] }));
 * ```
 */
export class RedactingFilter implements FilterObject {
  /** The replacement. */
  readonly censor: Censor;
  /** See {@link RedactingFilterOptions.maxDepth}. */
  readonly maxDepth: number;
  readonly #matcher: PathMatcher;
  readonly #patterns: readonly RegExp[];
  readonly #text: readonly RegExp[];
  readonly #censorFn: ((value: unknown, path: readonly string[]) => unknown) | null;

  /** @param options see {@link RedactingFilterOptions} */
  constructor(options: RedactingFilterOptions) {
    const paths = options.paths ?? [];
    const patterns = options.patterns ?? [];
    const text = options.textPatterns ?? [];
    if (!Array.isArray(paths))
      throw new ContextConfigError('RedactingFilter: paths must be an array');
    for (const p of [...patterns, ...text]) {
      if (!(p instanceof RegExp)) {
        throw new ContextConfigError(`RedactingFilter: ${String(p)} is not a RegExp`);
      }
    }
    if (paths.length + patterns.length + text.length === 0) {
      throw new ContextConfigError('RedactingFilter: give paths, patterns or textPatterns');
    }
    this.#matcher = new PathMatcher(paths);
    // Key tests must not depend on lastIndex: drop the g and y flags.
    this.#patterns = patterns.map((p) => new RegExp(p.source, p.flags.replace(/[gy]/g, '')));
    this.#text = text.map(
      (p) => new RegExp(p.source, p.flags.includes('g') ? p.flags : `${p.flags}g`),
    );
    this.censor = 'censor' in options ? options.censor : '[REDACTED]';
    this.#censorFn = typeof this.censor === 'function' ? (this.censor as never) : null;
    this.maxDepth = options.maxDepth ?? 64;
  }

  /**
   * Returns a redacted copy of `record`, or `record` itself when nothing needed redacting.
   * Never drops a record.
   */
  filter(record: LogRecord): LogRecord {
    const w: Walk = { secrets: null, seen: [], path: [] };
    const root = this.#matcher.root;
    let out: LogRecord | null = null;
    const copy = (): LogRecord => {
      out ??= Object.assign(Object.create(Object.getPrototypeOf(record)), record) as LogRecord;
      return out;
    };
    // Extra fields: the record's attributes that a plain record does not have.
    const reserved = reservedRecordKeys();
    for (const key of Object.keys(record)) {
      if (reserved.has(key) || SKIP.has(key)) continue;
      const v = record[key];
      const r = this.#child(v, key, root, 0, w);
      if (r !== v) copy()[key] = r;
    }
    const args = record.args;
    if (args !== null && typeof args === 'object') {
      const r = Array.isArray(args)
        ? this.#array(args, root, 0, w, true)
        : this.#value(args, root, 0, w);
      if (r !== args) copy().args = r as LogRecord['args'];
    }
    const msg = record.msg;
    if (msg !== null && typeof msg === 'object') {
      const r = this.#value(msg, root, 0, w);
      if (r !== msg) copy().msg = r;
    }
    const exc = record.exc_info;
    if (exc !== null && exc !== undefined && exc !== false) {
      this.#exception(record, exc, copy, w);
    } else if (record.exc_text) {
      const t = this.#redactText(String(record.exc_text), w);
      if (t !== record.exc_text) copy().exc_text = t;
    }
    if (record.stack_info) {
      const t = this.#redactText(record.stack_info, w);
      if (t !== record.stack_info) copy().stack_info = t;
    }
    if (this.#text.length !== 0 && typeof msg === 'string') {
      const rec = out ?? record;
      const text = rec.getMessage();
      const t = this.#redactText(text, w);
      if (t !== text || rec.args !== null) {
        const c = copy();
        c.msg = t;
        c.args = null;
      }
    }
    return out ?? record;
  }

  #exception(record: LogRecord, exc: unknown, copy: () => LogRecord, w: Walk): void {
    let props: unknown = exc;
    if (exc instanceof Error) props = this.#value(exc, this.#matcher.root, 0, w);
    const original = record.exc_text ? String(record.exc_text) : formatExceptionText(exc);
    const text = this.#redactText(original, w);
    if (text === original && props === exc) return;
    const c = copy();
    c.exc_text = text;
    if (exc instanceof Error) {
      const clone = props === exc ? cloneObject(exc) : (props as Error);
      Object.defineProperty(clone, 'message', {
        value: this.#redactText(exc.message, w),
        writable: true,
        configurable: true,
      });
      Object.defineProperty(clone, 'stack', { value: text, writable: true, configurable: true });
      if ('cause' in exc) {
        Object.defineProperty(clone, 'cause', {
          value: undefined,
          configurable: true,
          writable: true,
        });
      }
      c.exc_info = clone;
    } else {
      c.exc_info = text;
    }
  }

  /** Censors the strings found at redacted keys, and the text patterns, in `text`. */
  #redactText(text: string, w: Walk): string {
    let t = text;
    if (w.secrets !== null) {
      for (const s of w.secrets) if (t.includes(s)) t = t.split(s).join(this.#censorText(s));
    }
    for (const re of this.#text) {
      re.lastIndex = 0;
      t = t.replace(re, (m) => this.#censorText(m));
    }
    return t;
  }

  #censorText(value: string): string {
    const c = this.#censorFn !== null ? this.#censorFn(value, []) : this.censor;
    return typeof c === 'string' ? c : String(c);
  }

  #censorValue(value: unknown, w: Walk): unknown {
    if (typeof value === 'string' && value.length >= 4) (w.secrets ??= new Set()).add(value);
    else if (typeof value === 'number' && String(value).length >= 4) {
      (w.secrets ??= new Set()).add(String(value));
    }
    return this.#censorFn !== null ? this.#censorFn(value, [...w.path]) : this.censor;
  }

  /** The value at `key` below a node in `state`. */
  #child(v: unknown, key: string, state: MatchState, depth: number, w: Walk): unknown {
    const next = state.next(key);
    const patterns = this.#patterns;
    if (next.accept || (patterns.length !== 0 && matchesAny(patterns, key))) {
      w.path.push(key);
      const r = this.#censorValue(v, w);
      w.path.pop();
      return r;
    }
    if (v === null || typeof v !== 'object') return v;
    if (next.dead && patterns.length === 0) return v;
    w.path.push(key);
    const r = this.#value(v, next, depth + 1, w);
    w.path.pop();
    return r;
  }

  #value(v: unknown, state: MatchState, depth: number, w: Walk): unknown {
    if (v === null || typeof v !== 'object') return v;
    if (state.dead && this.#patterns.length === 0) return v;
    if (depth >= this.maxDepth) return '[Too deep]';
    if (w.seen.includes(v)) return '[Circular]';
    if (ArrayBuffer.isView(v) || v instanceof Date || v instanceof RegExp) return v;
    w.seen.push(v);
    try {
      if (Array.isArray(v)) return this.#array(v, state, depth, w, false);
      if (v instanceof Map) return this.#map(v, state, depth, w);
      if (v instanceof Set) return v;
      return this.#object(v as Record<string, unknown>, state, depth, w);
    } finally {
      w.seen.pop();
    }
  }

  /** An array; `asRoots` treats each element as a root (the positional arguments). */
  #array(
    a: readonly unknown[],
    state: MatchState,
    depth: number,
    w: Walk,
    asRoots: boolean,
  ): readonly unknown[] {
    let out: unknown[] | null = null;
    for (let i = 0; i < a.length; i++) {
      const v = a[i];
      const r = asRoots
        ? this.#value(v, state, depth, w)
        : this.#child(v, String(i), state, depth, w);
      if (r !== v) {
        out ??= a.slice();
        out[i] = r;
      }
    }
    return out ?? a;
  }

  #map(m: Map<unknown, unknown>, state: MatchState, depth: number, w: Walk): unknown {
    let out: Map<unknown, unknown> | null = null;
    for (const [k, v] of m) {
      const r = this.#child(v, String(k), state, depth, w);
      if (r !== v) {
        out ??= new Map(m);
        out.set(k, r);
      }
    }
    return out ?? m;
  }

  #object(o: Record<string, unknown>, state: MatchState, depth: number, w: Walk): unknown {
    let out: Record<string, unknown> | null = null;
    if (!state.scanAll && this.#patterns.length === 0) {
      // Only the keys some path names can lead anywhere.
      for (const key of state.keys) {
        if (!Object.hasOwn(o, key)) continue;
        const v = o[key];
        const r = this.#child(v, key, state, depth, w);
        if (r !== v) {
          out ??= cloneObject(o);
          out[key] = r;
        }
      }
      return out ?? o;
    }
    for (const key of Object.keys(o)) {
      const v = o[key];
      const r = this.#child(v, key, state, depth, w);
      if (r !== v) {
        out ??= cloneObject(o);
        out[key] = r;
      }
    }
    return out ?? o;
  }
}

function matchesAny(patterns: readonly RegExp[], key: string): boolean {
  for (let i = 0; i < patterns.length; i++) if (patterns[i]!.test(key)) return true;
  return false;
}

/** A shallow copy with the same prototype and own enumerable properties. */
function cloneObject<T extends object>(o: T): T {
  const proto = Object.getPrototypeOf(o);
  if (proto === Object.prototype) return { ...o };
  const c = Object.create(proto) as T;
  for (const k of Object.keys(o))
    (c as Record<string, unknown>)[k] = (o as Record<string, unknown>)[k];
  if (o instanceof Error) {
    for (const k of ['name', 'message', 'stack'] as const) {
      if (Object.hasOwn(o, k)) {
        Object.defineProperty(c, k, {
          value: (o as unknown as Record<string, unknown>)[k],
          writable: true,
          configurable: true,
        });
      }
    }
  }
  return c;
}
