import { pyRepr, pyStr } from '@logweave/core';

/** Python's `repr()` of plain data: None, True/False, numbers, str, lists, tuples, dicts. */
export function pyLiteralRepr(v: unknown, tuple = false): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint') return pyRepr(v);
  if (Array.isArray(v)) {
    const items = v.map((x) => pyLiteralRepr(x));
    if (tuple) return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
    return `[${items.join(', ')}]`;
  }
  if (v instanceof Error) return pyRepr(v);
  if (v instanceof Map) {
    return `{${[...v].map(([k, x]) => `${pyLiteralRepr(k)}: ${pyLiteralRepr(x)}`).join(', ')}}`;
  }
  if (typeof v === 'object') {
    return `{${Object.entries(v as object)
      .map(([k, x]) => `${pyRepr(k)}: ${pyLiteralRepr(x)}`)
      .join(', ')}}`;
  }
  return pyStr(v);
}

// Record attributes that are floats in CPython (`123.0`, not `123`).
const FLOAT_FIELDS: ReadonlySet<string> = new Set(['created', 'msecs', 'relativeCreated']);

/** Python's `str()` of a record attribute (`args` and `exc_info` are tuples in CPython). */
export function pyFieldStr(key: string, v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (typeof v === 'boolean') return v ? 'True' : 'False';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && FLOAT_FIELDS.has(key) && Number.isInteger(v)) return `${v}.0`;
  if (typeof v === 'number' || typeof v === 'bigint') return pyStr(v);
  if (Array.isArray(v)) return pyLiteralRepr(v, key === 'args' || key === 'exc_info');
  if (v instanceof Error) return pyRepr(v);
  return pyLiteralRepr(v);
}

// Python's quote_plus(safe=''): letters, digits and `_.-~` stay; space becomes `+`.
function quotePlus(s: string): string {
  return encodeURIComponent(s)
    .replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)
    .replace(/%20/g, '+');
}

/**
 * Python's `urllib.parse.urlencode(mapping)`: `key=value` pairs joined with `&`, each side
 * `quote_plus(str(x))` of its UTF-8 bytes, in the mapping's order.
 */
export function pyUrlencode(mapping: Readonly<Record<string, unknown>>): string {
  const parts: string[] = [];
  for (const k of Object.keys(mapping)) {
    parts.push(`${quotePlus(k)}=${quotePlus(pyFieldStr(k, mapping[k]))}`);
  }
  return parts.join('&');
}
