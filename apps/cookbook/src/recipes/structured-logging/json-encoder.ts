import { pyStr } from '@logweave/core';

/**
 * A small twin of Python's `json.JSONEncoder` with its defaults (`ensure_ascii=True`,
 * separators `', '` and `': '`), so a structured message prints what Python's `json.dumps`
 * prints. Subclasses override `default(o)` for values JSON has no form for, as in Python.
 */
export class JSONEncoder {
  /** Returns a JSON-serialisable stand-in for `o`, or throws (Python's `TypeError`). */
  default(o: unknown): unknown {
    const type = o === null ? 'null' : typeof o === 'object' ? o.constructor.name : typeof o;
    throw new TypeError(`Object of type ${type} is not JSON serializable`);
  }

  /** The JSON text of `o`. */
  encode(o: unknown): string {
    return this.#encode(o, 0);
  }

  #encode(o: unknown, depth: number): string {
    if (depth > 100) throw new RangeError('Circular reference detected');
    if (o === null || o === undefined) return 'null';
    switch (typeof o) {
      case 'string':
        return quote(o);
      case 'boolean':
        return o ? 'true' : 'false';
      case 'number':
        if (Number.isNaN(o)) return 'NaN';
        if (!Number.isFinite(o)) return o > 0 ? 'Infinity' : '-Infinity';
        return pyStr(o); // Python's float repr: 1e-07, 1e+16
      case 'bigint':
        return o.toString();
      case 'object':
        if (Array.isArray(o)) return `[${o.map((v) => this.#encode(v, depth + 1)).join(', ')}]`;
        if (Object.getPrototypeOf(o) === Object.prototype || Object.getPrototypeOf(o) === null) {
          const items = Object.entries(o).map(
            ([k, v]) => `${quote(k)}: ${this.#encode(v, depth + 1)}`,
          );
          return `{${items.join(', ')}}`;
        }
        return this.#encode(this.default(o), depth + 1);
      default:
        return this.#encode(this.default(o), depth + 1);
    }
  }
}

const ESCAPES: Record<string, string> = {
  '"': '\\"',
  '\\': '\\\\',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\b': '\\b',
  '\f': '\\f',
};

/** Python's `json.encoder.py_encode_basestring_ascii`. */
function quote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    const code = s.charCodeAt(i);
    const esc = ESCAPES[ch];
    if (esc !== undefined) out += esc;
    else if (code < 0x20 || code > 0x7e) out += `\\u${code.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}
