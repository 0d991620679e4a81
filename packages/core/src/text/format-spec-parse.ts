/**
 * Parsing of Python format specs (`parse_internal_render_format_spec` in CPython 3.11's
 * `Python/formatter_unicode.c`) with CPython's parse-time error texts. Used by
 * `format-spec.ts`.
 *
 * @internal
 * @module
 */
import { LoggingValueError } from '../errors.js';
import { decimalValue } from './unicode.js';

/** A parsed spec (`InternalFormatSpec`), before the type's default alignment is applied. */
export interface ParsedSpec {
  readonly fill: string;
  /** `< > ^ =`, or '' when not given. */
  readonly align: string;
  /** The `0` before the width was given without an explicit fill. */
  readonly zeroPad: boolean;
  readonly sign: string;
  readonly noNeg0: boolean;
  readonly alt: boolean;
  readonly width: number;
  /** `','`, `'_'` or `''`. */
  readonly sep: string;
  /** Group size of the separator: 3, or 4 for `_` with `b o x X`. */
  readonly group: number;
  readonly precision: number;
  /** The presentation type, the kind's default when absent (`s`, `d`, or '' for float). */
  readonly type: string;
}

/** The Python type a spec is parsed for: it picks the default type and alignment. */
export type Kind = 'str' | 'int' | 'float';

const DEFAULT_TYPE: Record<Kind, string> = { str: 's', int: 'd', float: '' };
/** C's `PY_SSIZE_T_MAX`. @internal */
export const SSIZE_MAX = 9223372036854775807n;
const CACHE_LIMIT = 256;
const caches: Record<Kind, Map<string, ParsedSpec>> = {
  str: new Map(),
  int: new Map(),
  float: new Map(),
};

function typeChar(t: string): string {
  const cp = t.codePointAt(0) ?? 0;
  return cp > 32 && cp < 128 ? t : `\\x${cp.toString(16)}`;
}

function isAlign(c: string | undefined): boolean {
  return c === '<' || c === '>' || c === '=' || c === '^';
}

/**
 * `parse_internal_render_format_spec` for a value of `kind` (its default type and
 * alignment), cached per kind; `typeName` only appears in error texts.
 *
 * @internal
 */
export function parseSpec(spec: string, kind: Kind, typeName: string): ParsedSpec {
  const cache = caches[kind];
  const hit = cache.get(spec);
  if (hit !== undefined) return hit;
  const cps = Array.from(spec);
  const end = cps.length;
  let pos = 0;
  let fill = ' ';
  let align = '';
  let fillSpecified = false;
  let alignSpecified = false;
  if (end >= 2 && isAlign(cps[1])) {
    align = cps[1]!;
    fill = cps[0]!;
    fillSpecified = true;
    alignSpecified = true;
    pos = 2;
  } else if (end >= 1 && isAlign(cps[0])) {
    align = cps[0]!;
    alignSpecified = true;
    pos = 1;
  }
  let sign = '';
  if (pos < end && (cps[pos] === ' ' || cps[pos] === '+' || cps[pos] === '-')) sign = cps[pos++]!;
  let noNeg0 = false;
  if (pos < end && cps[pos] === 'z') {
    noNeg0 = true;
    pos++;
  }
  let alt = false;
  if (pos < end && cps[pos] === '#') {
    alt = true;
    pos++;
  }
  let zeroPad = false;
  if (!fillSpecified && pos < end && cps[pos] === '0') {
    fill = '0';
    zeroPad = !alignSpecified;
    pos++;
  }
  const readInt = (): number => {
    let acc = 0n;
    let count = 0;
    while (pos < end) {
      const d = decimalValue(cps[pos]!.codePointAt(0)!);
      if (d < 0) break;
      if (acc > (SSIZE_MAX - BigInt(d)) / 10n) {
        throw new LoggingValueError('Too many decimal digits in format string');
      }
      acc = acc * 10n + BigInt(d);
      pos++;
      count++;
    }
    return count === 0 ? -1 : Number(acc);
  };
  const width = readInt();
  let sep = '';
  if (pos < end && cps[pos] === ',') {
    sep = ',';
    pos++;
  }
  if (pos < end && cps[pos] === '_') {
    if (sep !== '') throw new LoggingValueError("Cannot specify both ',' and '_'.");
    sep = '_';
    pos++;
  }
  if (pos < end && cps[pos] === ',' && sep === '_') {
    throw new LoggingValueError("Cannot specify both ',' and '_'.");
  }
  let precision = -1;
  if (pos < end && cps[pos] === '.') {
    pos++;
    precision = readInt();
    if (precision < 0) throw new LoggingValueError('Format specifier missing precision');
  }
  if (end - pos > 1) {
    throw new LoggingValueError(
      `Invalid format specifier '${spec}' for object of type '${typeName}'`,
    );
  }
  const type = end - pos === 1 ? cps[pos]! : DEFAULT_TYPE[kind];
  let group = 3;
  if (sep !== '') {
    switch (type) {
      case 'd':
      case 'e':
      case 'f':
      case 'g':
      case 'E':
      case 'G':
      case '%':
      case 'F':
      case '':
        break;
      case 'b':
      case 'o':
      case 'x':
      case 'X':
        // Underscores group binary, octal and hex digits by four (PEP 515); commas never.
        if (sep !== '_') throw invalidSeparator(sep, type);
        group = 4;
        break;
      default:
        throw invalidSeparator(sep, type);
    }
  }
  const parsed: ParsedSpec = {
    fill,
    align,
    zeroPad,
    sign,
    noNeg0,
    alt,
    width,
    sep,
    group,
    precision,
    type,
  };
  if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value!);
  cache.set(spec, parsed);
  return parsed;
}

function invalidSeparator(sep: string, type: string): LoggingValueError {
  return new LoggingValueError(`Cannot specify '${sep}' with '${typeChar(type)}'.`);
}

export function unknownType(type: string, typeName: string): LoggingValueError {
  return new LoggingValueError(
    `Unknown format code '${typeChar(type)}' for object of type '${typeName}'`,
  );
}
