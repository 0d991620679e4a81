/** OTLP's AnyValue, as logweave builds it before encoding (protobuf or JSON). */
export type AnyValue =
  | { readonly s: string }
  | { readonly b: boolean }
  | { readonly i: bigint }
  | { readonly d: number }
  | { readonly a: readonly AnyValue[] }
  | { readonly kv: readonly KeyValue[] }
  | { readonly bytes: Uint8Array };

/** OTLP's KeyValue. */
export interface KeyValue {
  readonly key: string;
  readonly value: AnyValue;
}

const MAX_DEPTH = 8;

/**
 * A JavaScript value as an AnyValue: strings, booleans, integers (int), other numbers
 * (double), bigint (int), arrays (array), plain objects and Maps (nested kvlist, not strings),
 * byte arrays (bytes), Dates (ISO text); null and undefined give null (left out). Cycles and
 * nesting beyond 8 levels become the text `[...]`.
 */
export function toAnyValue(v: unknown, depth = 0, seen: Set<object> = new Set()): AnyValue | null {
  switch (typeof v) {
    case 'string':
      return { s: v };
    case 'boolean':
      return { b: v };
    case 'number':
      return Number.isSafeInteger(v) ? { i: BigInt(v) } : { d: v };
    case 'bigint':
      return { i: BigInt.asIntN(64, v) };
    case 'undefined':
      return null;
    case 'symbol':
    case 'function':
      return { s: String(v) };
  }
  if (v === null) return null;
  if (v instanceof Uint8Array) return { bytes: v };
  if (v instanceof Date) return { s: Number.isNaN(v.getTime()) ? 'Invalid Date' : v.toISOString() };
  if (v instanceof Error) return { s: `${v.name}: ${v.message}` };
  const o = v as object;
  if (depth >= MAX_DEPTH || seen.has(o)) return { s: '[...]' };
  seen.add(o);
  try {
    if (Array.isArray(o)) {
      const a: AnyValue[] = [];
      for (const x of o) a.push(toAnyValue(x, depth + 1, seen) ?? { s: '' });
      return { a };
    }
    const kv: KeyValue[] = [];
    const entries =
      o instanceof Map ? [...o].map(([k, x]) => [String(k), x] as const) : Object.entries(o);
    for (const [key, x] of entries) {
      const value = toAnyValue(x, depth + 1, seen);
      if (value !== null) kv.push({ key, value });
    }
    return { kv };
  } finally {
    seen.delete(o);
  }
}
