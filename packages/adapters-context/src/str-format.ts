import {
  formatWithSpec,
  LoggingAttributeError,
  LoggingIndexError,
  LoggingKeyError,
  LoggingValueError,
  pyAscii,
  pyRepr,
  pyStr,
} from '@logweave/core';

/** Auto-numbering state of one `strFormat` call. */
interface Counter {
  next: number;
  mode: 'none' | 'auto' | 'manual';
}

/**
 * Python's `fmt.format(*args, **kwargs)`: `{}` / `{0}` / `{name}` fields with `.attr` and
 * `[key]` access, conversions `!r !s !a`, the format-spec mini-language (core's
 * `formatWithSpec`) and nested fields in the spec (`{:>{width}}`), with CPython's errors.
 */
export function strFormat(
  fmt: string,
  args: readonly unknown[] = [],
  kwargs: Readonly<Record<string, unknown>> = {},
): string {
  return formatInner(fmt, args, kwargs, { next: 0, mode: 'none' }, 2);
}

function formatInner(
  fmt: string,
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
  counter: Counter,
  depth: number,
): string {
  if (depth < 0) throw new LoggingValueError('Max string recursion exceeded');
  let out = '';
  let i = 0;
  const n = fmt.length;
  while (i < n) {
    const c = fmt[i]!;
    if (c === '}') {
      if (fmt[i + 1] === '}') {
        out += '}';
        i += 2;
        continue;
      }
      throw new LoggingValueError("Single '}' encountered in format string");
    }
    if (c !== '{') {
      const next = nextBrace(fmt, i);
      out += fmt.slice(i, next);
      i = next;
      continue;
    }
    if (fmt[i + 1] === '{') {
      out += '{';
      i += 2;
      continue;
    }
    if (i + 1 === n) throw new LoggingValueError("Single '{' encountered in format string");
    // A replacement field: find its end, counting nested braces.
    let j = i + 1;
    let level = 1;
    let bracket = false;
    while (j < n) {
      const d = fmt[j]!;
      if (bracket) {
        if (d === ']') bracket = false;
      } else if (d === '[') bracket = true;
      else if (d === '{') level++;
      else if (d === '}') {
        level--;
        if (level === 0) break;
      }
      j++;
    }
    if (level !== 0) throw new LoggingValueError("expected '}' before end of string");
    out += renderField(fmt.slice(i + 1, j), args, kwargs, counter, depth);
    i = j + 1;
  }
  return out;
}

function nextBrace(fmt: string, from: number): number {
  for (let k = from; k < fmt.length; k++) {
    const c = fmt.charCodeAt(k);
    if (c === 0x7b || c === 0x7d) return k;
  }
  return fmt.length;
}

function renderField(
  body: string,
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
  counter: Counter,
  depth: number,
): string {
  // Split name / conversion / spec; brackets in the name may hold ':' or '!'.
  let k = 0;
  let bracket = false;
  for (; k < body.length; k++) {
    const d = body[k]!;
    if (bracket) {
      if (d === ']') bracket = false;
    } else if (d === '[') bracket = true;
    else if (d === ':' || d === '!') break;
  }
  const name = body.slice(0, k);
  let conversion: string | null = null;
  let spec = '';
  if (body[k] === '!') {
    if (k + 1 >= body.length) {
      throw new LoggingValueError('end of string while looking for conversion specifier');
    }
    conversion = body[k + 1]!;
    k += 2;
    if (k < body.length && body[k] !== ':') {
      throw new LoggingValueError("expected ':' after conversion specifier");
    }
  }
  if (body[k] === ':') spec = body.slice(k + 1);

  let value = lookup(name, args, kwargs, counter);
  if (conversion !== null) {
    if (conversion === 'r') value = pyRepr(value);
    else if (conversion === 's') value = pyStr(value);
    else if (conversion === 'a') value = pyAscii(value);
    else {
      throw new LoggingValueError(`Unknown conversion specifier ${conversion}`);
    }
  }
  if (spec.includes('{')) spec = formatInner(spec, args, kwargs, counter, depth - 1);
  return formatWithSpec(value, spec);
}

const FIRST = /^[^.[]*/;

function lookup(
  name: string,
  args: readonly unknown[],
  kwargs: Readonly<Record<string, unknown>>,
  counter: Counter,
): unknown {
  const first = FIRST.exec(name)![0];
  let value: unknown;
  if (first === '' || /^\d+$/.test(first)) {
    let index: number;
    if (first === '') {
      if (counter.mode === 'manual') {
        throw new LoggingValueError(
          'cannot switch from manual field specification to automatic field numbering',
        );
      }
      counter.mode = 'auto';
      index = counter.next++;
    } else {
      if (counter.mode === 'auto') {
        throw new LoggingValueError(
          'cannot switch from automatic field numbering to manual field specification',
        );
      }
      counter.mode = 'manual';
      index = Number(first);
    }
    if (index >= args.length) {
      throw new LoggingIndexError(
        `Replacement index ${index} out of range for positional args tuple`,
      );
    }
    value = args[index];
  } else {
    if (!Object.hasOwn(kwargs, first)) throw new LoggingKeyError(pyRepr(first));
    value = kwargs[first];
  }
  let rest = name.slice(first.length);
  while (rest !== '') {
    if (rest[0] === '.') {
      const m = /^\.([^.[]*)/.exec(rest)!;
      const attr = m[1]!;
      if (attr === '') throw new LoggingValueError('Empty attribute in format string');
      if (value === null || value === undefined || !(attr in Object(value))) {
        throw new LoggingAttributeError(`object has no attribute ${pyRepr(attr)}`);
      }
      value = (value as Record<string, unknown>)[attr];
      rest = rest.slice(m[0].length);
    } else {
      const close = rest.indexOf(']');
      if (close < 0) throw new LoggingValueError("Missing ']' in format string");
      const key = rest.slice(1, close);
      if (key === '') throw new LoggingValueError('Empty attribute in format string');
      value = item(value, /^\d+$/.test(key) ? Number(key) : key);
      rest = rest.slice(close + 1);
      if (rest !== '' && rest[0] !== '.' && rest[0] !== '[') {
        throw new LoggingValueError("Only '.' or '[' may follow ']' in format field specifier");
      }
    }
  }
  return value;
}

function item(value: unknown, key: string | number): unknown {
  if (value instanceof Map) {
    if (!value.has(key)) throw new LoggingKeyError(pyRepr(key));
    return value.get(key);
  }
  if (Array.isArray(value) || typeof value === 'string') {
    if (typeof key !== 'number' || key >= value.length) {
      throw new LoggingIndexError(`${Array.isArray(value) ? 'list' : 'string'} index out of range`);
    }
    return value[key];
  }
  if (value !== null && typeof value === 'object' && Object.hasOwn(value, key)) {
    return (value as Record<string | number, unknown>)[key];
  }
  throw new LoggingKeyError(pyRepr(key));
}
