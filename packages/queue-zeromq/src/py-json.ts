/**
 * The bytes pyzmq's `send_json` puts in a frame: `json.dumps(obj)` with Python's defaults
 * (separators `', '` and `': '`, `ensure_ascii=True`, `allow_nan=True`), encoded as UTF-8
 * (which, with `ensure_ascii`, is plain ASCII), and the reverse for frames from Python peers.
 *
 * @module
 */
import { pyRepr, pyStr } from '@logweave/core';

/** The attributes of a LogRecord that are Python floats even when their value is whole. */
export const RECORD_FLOAT_KEYS: ReadonlySet<string> = new Set([
  'created',
  'msecs',
  'relativeCreated',
]);

/** Strings made only of characters `json.dumps` writes as they are. */
const PLAIN = /^[\x20\x21\x23-\x5b\x5d-\x7e]*$/;
const SHORT_ESCAPES: Readonly<Record<number, string>> = {
  34: '\\"', // "
  92: '\\\\', // backslash
  8: '\\b',
  12: '\\f',
  10: '\\n',
  13: '\\r',
  9: '\\t',
};
const HEX = '0123456789abcdef';

/** Python's `json.dumps(s)` (ensure_ascii): every UTF-16 unit outside ' '..'~' as `\uXXXX`. */
export function dumpsString(s: string): string {
  if (PLAIN.test(s)) return `"${s}"`;
  let out = '"';
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0x20 && c <= 0x7e && c !== 0x22 && c !== 0x5c) continue;
    if (i > start) out += s.slice(start, i);
    out +=
      SHORT_ESCAPES[c] ??
      `\\u${HEX[c >> 12]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
    start = i + 1;
  }
  return `${out}${s.slice(start)}"`;
}

/** Python's `float.__repr__` as `json.dumps` writes it (`NaN`, `Infinity`, `-Infinity`). */
export function dumpsFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (n === Number.POSITIVE_INFINITY) return 'Infinity';
  if (n === Number.NEGATIVE_INFINITY) return '-Infinity';
  const a = Math.abs(n);
  if (Number.isInteger(n)) {
    if (a < 1e16) return Object.is(n, -0) ? '-0.0' : `${n}.0`;
    return pyRepr(n);
  }
  // Python's repr and JavaScript's shortest round-trip digits agree in this range; outside
  // it, only the exponent notation differs (Python switches at 1e-4 and 1e16).
  if (a >= 1e-4 && a < 1e16) return String(n);
  return pyRepr(n);
}

/** A number as Python would have it: a safe integer is an `int`, anything else a `float`. */
function dumpsNumber(n: number): string {
  if (Number.isSafeInteger(n) && !Object.is(n, -0)) return String(n);
  return dumpsFloat(n);
}

/** How deep nested values are written before `"[Object]"` / `"[Array]"` stands in. */
const MAX_DEPTH = 10;

function dumpsValue(v: unknown, depth: number, seen: object[]): string | undefined {
  switch (typeof v) {
    case 'string':
      return dumpsString(v);
    case 'number':
      return dumpsNumber(v);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'bigint':
      return v.toString();
    case 'undefined':
      return undefined;
    case 'function':
    case 'symbol':
      return dumpsString(pyStr(v));
  }
  if (v === null) return 'null';
  const o = v as object;
  if (seen.includes(o)) return '"[Circular]"';
  if (o instanceof Error) return dumpsString(pyStr(o));
  const toJSON = (o as { toJSON?: unknown }).toJSON;
  if (typeof toJSON === 'function') {
    seen.push(o);
    const r = dumpsValue((toJSON as () => unknown).call(o), depth, seen);
    seen.pop();
    return r;
  }
  const isList = Array.isArray(o) || o instanceof Set;
  if (depth >= MAX_DEPTH) return isList ? '"[Array]"' : '"[Object]"';
  seen.push(o);
  let out: string;
  if (isList) {
    const parts: string[] = [];
    for (const item of o as Iterable<unknown>)
      parts.push(dumpsValue(item, depth + 1, seen) ?? 'null');
    out = `[${parts.join(', ')}]`;
  } else if (o instanceof Map) {
    const parts: string[] = [];
    for (const [k, item] of o) {
      const s = dumpsValue(item, depth + 1, seen);
      if (s !== undefined) parts.push(`${dumpsString(typeof k === 'string' ? k : pyStr(k))}: ${s}`);
    }
    out = `{${parts.join(', ')}}`;
  } else {
    out = dumpsObject(o as Record<string, unknown>, depth, seen, null);
  }
  seen.pop();
  return out;
}

function dumpsObject(
  o: Record<string, unknown>,
  depth: number,
  seen: object[],
  floatKeys: ReadonlySet<string> | null,
): string {
  let out = '{';
  let first = true;
  for (const k in o) {
    if (!Object.hasOwn(o, k)) continue;
    const item = o[k];
    const s =
      floatKeys !== null && typeof item === 'number' && floatKeys.has(k)
        ? dumpsFloat(item)
        : dumpsValue(item, depth + 1, seen);
    if (s === undefined) continue;
    out += first ? `${dumpsString(k)}: ${s}` : `, ${dumpsString(k)}: ${s}`;
    first = false;
  }
  return `${out}}`;
}

/**
 * `json.dumps(dict)` with Python's defaults, for a record dict (or any object): keys in
 * insertion order; safe integers as ints and other numbers as Python float reprs, except
 * that the keys in `floatKeys` (by default a LogRecord's `created`, `msecs` and
 * `relativeCreated`) are always floats (`122.0`); NaN and infinities as Python writes them.
 * Where Python's encoder would raise, the rule is what a Node user means: `undefined`
 * members are left out (as `JSON.stringify` does), `toJSON()` is used when present (Date),
 * bigints are ints, a Set is a list and a Map a dict, errors, functions and symbols are their
 * `str()`, and a circular reference or nesting deeper than 10 levels is written as a string.
 */
export function dumps(
  dict: Readonly<Record<string, unknown>>,
  floatKeys: ReadonlySet<string> = RECORD_FLOAT_KEYS,
): string {
  const seen: object[] = [dict];
  return dumpsObject(dict as Record<string, unknown>, 0, seen, floatKeys);
}

/** NaN, Infinity and -Infinity outside strings (which Python writes and JSON.parse rejects). */
const NON_FINITE = /"(?:[^"\\]|\\.)*"|(-?Infinity|NaN)/g;
const NON_FINITE_MARK = '\u0000logweave-non-finite:';

function reviveNonFinite(_key: string, value: unknown): unknown {
  if (typeof value === 'string' && value.startsWith(NON_FINITE_MARK)) {
    const t = value.slice(NON_FINITE_MARK.length);
    return t === 'NaN'
      ? Number.NaN
      : t === 'Infinity'
        ? Number.POSITIVE_INFINITY
        : Number.NEGATIVE_INFINITY;
  }
  return value;
}

/**
 * Python's `json.loads` for a frame: JSON, plus the `NaN`, `Infinity` and `-Infinity` that
 * Python's encoder writes for non-finite floats. Throws a `SyntaxError` for anything else.
 */
export function loads(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    if (!/NaN|Infinity/.test(text)) throw e;
  }
  const marked = text.replace(NON_FINITE, (m, bare: string | undefined) =>
    bare === undefined ? m : `"\\u0000logweave-non-finite:${bare}"`,
  );
  return JSON.parse(marked, reviveNonFinite);
}
