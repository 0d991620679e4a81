/**
 * Python's `str()`, `repr()` and `ascii()` of JavaScript values, and the Python type name
 * used in CPython's error texts. The rules for values Python has no twin for (null,
 * undefined, booleans, objects, ...) are documented in `docs/value-rendering.md`.
 *
 * @module
 */
import type { InspectOptions } from 'node:util';
import { floatRepr } from './py-float.js';
import { escapeCodePoint, isPrintable } from './unicode.js';

// Builtins through process.getBuiltinModule: an ESM `import … from 'node:…'` builds the
// module's facade, which loads every lazily-loaded part of it (streams, MIME, …) at import.
const { inspect } = process.getBuiltinModule('node:util');

/** One line, no colours: how objects without their own `toString` render. */
const INSPECT_OPTIONS: InspectOptions = {
  colors: false,
  compact: true,
  breakLength: Number.POSITIVE_INFINITY,
  depth: 2,
};

/**
 * True when `n` is a Python `int`: a safe integer other than `-0`. Other numbers
 * (fractions, `-0`, integral values beyond ±(2^53−1), NaN, ±Infinity) are Python floats.
 *
 * @internal
 */
export function isPyInt(n: number): boolean {
  return Number.isSafeInteger(n) && (n !== 0 || 1 / n > 0);
}

/** Prototypes whose `toString` is JavaScript's own, so `inspect` renders the object better. */
const BUILTIN_TO_STRING_OWNERS = new Set<unknown>([
  Object.prototype,
  Array.prototype,
  Object.getPrototypeOf(Uint8Array.prototype),
  Function.prototype,
  Date.prototype,
  RegExp.prototype,
  Number.prototype,
  String.prototype,
  Boolean.prototype,
  Symbol.prototype,
  BigInt.prototype,
]);

/** Does the object's class (or the object) define its own `toString`? */
function hasOwnToString(o: object): boolean {
  let p: object | null = o;
  while (p !== null) {
    if (Object.hasOwn(p, 'toString')) {
      return (
        typeof (p as { toString?: unknown }).toString === 'function' &&
        !BUILTIN_TO_STRING_OWNERS.has(p)
      );
    }
    p = Object.getPrototypeOf(p) as object | null;
  }
  return false;
}

/**
 * Python's `str(value)` with JavaScript spellings where Python has no twin: strings as is;
 * ints (safe integers) in decimal; other numbers as Python's float repr (`1e-05`, `1e+16`,
 * `inf`, `nan`, `-0.0`); bigint digits; `null`, `undefined`, `true`, `false`; symbols via
 * `toString()`; an `Error`, or an object whose class defines its own `toString` (message
 * objects such as `BraceMessage`), via `String(value)`; anything else (plain objects,
 * arrays, Map, Set, Date, functions) via `util.inspect` on one line.
 */
export function pyStr(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return value;
    case 'number':
      return isPyInt(value) ? String(value) : floatRepr(value);
    case 'bigint':
      return value.toString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'undefined':
      return 'undefined';
    case 'symbol':
      return value.toString();
    case 'function':
      return inspect(value, INSPECT_OPTIONS);
    default:
      if (value === null) return 'null';
      if (value instanceof Error || hasOwnToString(value as object)) return String(value);
      return inspect(value, INSPECT_OPTIONS);
  }
}

/**
 * Python's `repr(value)`: strings exactly as CPython 3.11 (quote choice, `\\t \\n \\r`,
 * `\\xhh`/`\\uhhhh`/`\\Uhhhhhhhh` escapes, `str.isprintable()` by Unicode category); numbers
 * and bigint as Python ints/floats; an `Error` as `Name('message')`; null, undefined,
 * booleans and symbols as in {@link pyStr}; anything else via `util.inspect` on one line.
 */
export function pyRepr(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return strRepr(value, false);
    case 'object':
      if (value === null) return 'null';
      if (value instanceof Error) {
        const message = value.message;
        return `${value.name}(${message === '' ? '' : strRepr(String(message), false)})`;
      }
      return inspect(value, INSPECT_OPTIONS);
    case 'function':
      return inspect(value, INSPECT_OPTIONS);
    default:
      return pyStr(value);
  }
}

/**
 * Python's `ascii(value)`: {@link pyRepr} with every non-ASCII code point escaped as
 * `\\xhh`, `\\uhhhh` or `\\Uhhhhhhhh`.
 */
export function pyAscii(value: unknown): string {
  if (typeof value === 'string') return strRepr(value, true);
  const r = pyRepr(value);
  let ascii = true;
  for (let i = 0; i < r.length; i++) {
    if (r.charCodeAt(i) > 0x7f) {
      ascii = false;
      break;
    }
  }
  if (ascii) return r;
  let out = '';
  for (const ch of r) {
    const cp = ch.codePointAt(0)!;
    out += cp > 0x7f ? escapeCodePoint(cp) : ch;
  }
  return out;
}

/**
 * The Python type name CPython puts in error texts (`not str`, `object of type 'float'`):
 * `str`, `int` (safe integers, bigint), `float` (other numbers), `bool`, `NoneType` (null
 * and undefined), `list` (arrays), `dict` (plain objects, Map), `set`, `function`,
 * `symbol`, else the constructor's name (or `object`).
 */
export function pyTypeName(value: unknown): string {
  switch (typeof value) {
    case 'string':
      return 'str';
    case 'number':
      return isPyInt(value) ? 'int' : 'float';
    case 'bigint':
      return 'int';
    case 'boolean':
      return 'bool';
    case 'undefined':
      return 'NoneType';
    case 'symbol':
      return 'symbol';
    case 'function':
      return 'function';
    default: {
      if (value === null) return 'NoneType';
      if (Array.isArray(value)) return 'list';
      if (value instanceof Map) return 'dict';
      if (value instanceof Set) return 'set';
      const proto = Object.getPrototypeOf(value) as { constructor?: { name?: unknown } } | null;
      if (proto === null || proto === Object.prototype) return 'dict';
      const name = proto.constructor?.name;
      return typeof name === 'string' && name !== '' ? name : 'object';
    }
  }
}

/** CPython's `unicode_repr`, optionally escaping all non-ASCII (`ascii()`). */
function strRepr(s: string, asciiOnly: boolean): string {
  const n = s.length;
  let hasSingle = false;
  let hasDouble = false;
  let plain = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 39) hasSingle = true;
    else if (c === 34) hasDouble = true;
    else if (c < 0x20 || c >= 0x7f || c === 92) plain = false;
  }
  const quote = hasSingle && !hasDouble ? '"' : "'";
  if (plain && !hasSingle) return `'${s}'`;
  let out = quote;
  let start = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let esc: string | null = null;
    let width = 1;
    if (c < 0x7f) {
      if (c === 92) esc = '\\\\';
      else if (c === 9) esc = '\\t';
      else if (c === 10) esc = '\\n';
      else if (c === 13) esc = '\\r';
      else if (c < 0x20) esc = escapeCodePoint(c);
      else if ((c === 39 && quote === "'") || (c === 34 && quote === '"')) esc = `\\${quote}`;
    } else {
      let cp = c;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          cp = (c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000;
          width = 2;
        }
      }
      if (asciiOnly || !isPrintable(cp)) esc = escapeCodePoint(cp);
    }
    if (esc !== null) {
      out += s.slice(start, i) + esc;
      start = i + width;
    }
    i += width - 1;
  }
  return `${out}${s.slice(start)}${quote}`;
}
