/**
 * Parsing of `str.format` strings, ported from CPython's `Objects/stringlib/unicode_format.h`
 * (`MarkupIterator`, `parse_field`, `field_name_split`, `FieldNameIterator`). Parsing is
 * done once per format string; errors are recorded where CPython would raise them, so that a
 * compiled format can raise them lazily, in CPython's order.
 */

/** One replacement field `{name!conversion:spec}` as written in a format string. */
export interface BraceField {
  /** The field name as written: `name`, `args[0]`, `user.id`, or `''` (automatic numbering). */
  readonly name: string;
  /** The conversion character after `!` (`r`, `s`, `a`, or an invalid one), or null. */
  readonly conversion: string | null;
  /** The format spec after `:`; `''` when absent. */
  readonly spec: string;
  /** True when the spec contains `{`, i.e. nested replacement fields (`{x:{width}}`). */
  readonly specNeedsExpanding: boolean;
}

/**
 * One step of CPython's `MarkupIterator`: literal text, optionally followed by a replacement
 * field. An escaped brace (`{{`, `}}`) ends a chunk whose literal includes one brace.
 */
export interface BraceChunk {
  /** Literal text (escaped braces already reduced to one). */
  readonly literal: string;
  /** The replacement field after the literal, or null. */
  readonly field: BraceField | null;
}

/** The result of {@link parseBraceFormat}. */
export interface ParsedBraceFormat {
  /** The chunks CPython's iterator yields before stopping. */
  readonly chunks: readonly BraceChunk[];
  /** CPython's `ValueError` text if the iterator fails after `chunks`, else null. */
  readonly error: string | null;
}

/** One `.attr` or `[key]` step of a field name. */
export type FieldAccessor =
  | { readonly kind: 'attr'; readonly name: string }
  | { readonly kind: 'item'; readonly key: string | number };

/** The result of {@link parseFieldName}. */
export interface ParsedFieldName {
  /** The part before the first `.` or `[`: a keyword name, or an integer for a positional field. */
  readonly first: string | number;
  /** True when `first` was empty (automatic field numbering, `{}` / `{:>5}`). */
  readonly auto: boolean;
  /** The `.attr` / `[key]` steps that parse before any error. */
  readonly accessors: readonly FieldAccessor[];
  /**
   * CPython's `ValueError` text raised after applying `accessors` (e.g. `Empty attribute in
   * format string`), or null. `firstError` is raised before even looking `first` up.
   */
  readonly error: string | null;
  /** `Too many decimal digits in format string` for an oversized positional index, or null. */
  readonly firstError: string | null;
}

const OPEN = 0x7b; // {
const CLOSE = 0x7d; // }
const LBRACKET = 0x5b; // [
const RBRACKET = 0x5d; // ]
const COLON = 0x3a; // :
const BANG = 0x21; // !
const DOT = 0x2e; // .

/** Parses a `str.format` string the way CPython's `_string.formatter_parser` iterates it. */
export function parseBraceFormat(fmt: string): ParsedBraceFormat {
  const chunks: BraceChunk[] = [];
  const end = fmt.length;
  let pos = 0;
  while (pos < end) {
    const start = pos;
    let c = 0;
    let markupFollows = false;
    while (pos < end) {
      c = fmt.charCodeAt(pos++);
      if (c === OPEN || c === CLOSE) {
        markupFollows = true;
        break;
      }
    }
    const atEnd = pos >= end;
    let len = pos - start;
    if (c === CLOSE && (atEnd || fmt.charCodeAt(pos) !== CLOSE)) {
      return { chunks, error: "Single '}' encountered in format string" };
    }
    if (atEnd && c === OPEN) {
      return { chunks, error: "Single '{' encountered in format string" };
    }
    if (!atEnd) {
      if (fmt.charCodeAt(pos) === c) {
        pos++;
        markupFollows = false;
      } else {
        len--;
      }
    }
    const literal = fmt.slice(start, start + len);
    if (!markupFollows) {
      chunks.push({ literal, field: null });
      continue;
    }
    // parse_field
    const nameStart = pos;
    c = 0;
    while (pos < end) {
      c = fmt.charCodeAt(pos++);
      if (c === OPEN) return { chunks, error: "unexpected '{' in field name" };
      if (c === LBRACKET) {
        while (pos < end && fmt.charCodeAt(pos) !== RBRACKET) pos++;
        continue;
      }
      if (c === CLOSE || c === COLON || c === BANG) break;
    }
    const name = fmt.slice(nameStart, pos - 1);
    if (c === BANG || c === COLON) {
      let conversion: string | null = null;
      if (c === BANG) {
        if (pos >= end) {
          return { chunks, error: 'end of string while looking for conversion specifier' };
        }
        const cp = fmt.codePointAt(pos)!;
        conversion = String.fromCodePoint(cp);
        pos += conversion.length;
        if (pos < end) {
          const c2 = fmt.charCodeAt(pos++);
          if (c2 === CLOSE) {
            chunks.push({
              literal,
              field: { name, conversion, spec: '', specNeedsExpanding: false },
            });
            continue;
          }
          if (c2 !== COLON) return { chunks, error: "expected ':' after conversion specifier" };
        }
      }
      const specStart = pos;
      let count = 1;
      let needsExpanding = false;
      let closed = false;
      while (pos < end) {
        const s = fmt.charCodeAt(pos++);
        if (s === OPEN) {
          needsExpanding = true;
          count++;
        } else if (s === CLOSE) {
          if (--count === 0) {
            closed = true;
            break;
          }
        }
      }
      if (!closed) return { chunks, error: "unmatched '{' in format spec" };
      const spec = fmt.slice(specStart, pos - 1);
      chunks.push({
        literal,
        field: { name, conversion, spec, specNeedsExpanding: needsExpanding },
      });
    } else if (c !== CLOSE) {
      return { chunks, error: "expected '}' before end of string" };
    } else {
      chunks.push({
        literal,
        field: { name, conversion: null, spec: '', specNeedsExpanding: false },
      });
    }
  }
  return { chunks, error: null };
}

const TOO_MANY_DIGITS = 'Too many decimal digits in format string';
const SSIZE_MAX = 2n ** 63n - 1n;
const ND = /^\p{Nd}$/u;

/** The value 0-9 of a Unicode decimal digit (`Py_UNICODE_TODECIMAL`), or -1. */
function decimalValue(cp: number): number {
  if (cp >= 0x30 && cp <= 0x39) return cp - 0x30;
  if (cp < 0x80 || !ND.test(String.fromCodePoint(cp))) return -1;
  // Unicode assigns decimal digits in contiguous runs of ten, zero first.
  let k = 0;
  while (ND.test(String.fromCodePoint(cp - k - 1))) k++;
  return k % 10;
}

/**
 * CPython's `get_integer`: the value of a string made only of decimal digits, -1 when it is
 * not one (or empty), or null when it overflows `Py_ssize_t` ("Too many decimal digits").
 */
export function parseFieldInteger(s: string): number | null {
  if (s.length === 0) return -1;
  let acc = 0n;
  for (const ch of s) {
    const d = decimalValue(ch.codePointAt(0)!);
    if (d < 0) return -1;
    acc = acc * 10n + BigInt(d);
    if (acc > SSIZE_MAX) return null;
  }
  return Number(acc);
}

/** Splits a field name into its first part and `.attr`/`[key]` accessors (`field_name_split`). */
export function parseFieldName(name: string): ParsedFieldName {
  const end = name.length;
  let i = 0;
  while (i < end) {
    const c = name.charCodeAt(i);
    if (c === LBRACKET || c === DOT) break;
    i++;
  }
  const firstText = name.slice(0, i);
  const firstIdx = parseFieldInteger(firstText);
  const auto = firstText.length === 0;
  const first: string | number = auto
    ? 0
    : firstIdx === null
      ? firstText
      : firstIdx >= 0
        ? firstIdx
        : firstText;
  const firstError = firstIdx === null ? TOO_MANY_DIGITS : null;
  const accessors: FieldAccessor[] = [];
  let error: string | null = null;
  while (i < end) {
    const c = name.charCodeAt(i++);
    let part: string;
    if (c === DOT) {
      const start = i;
      while (i < end) {
        const d = name.charCodeAt(i);
        if (d === LBRACKET || d === DOT) break;
        i++;
      }
      part = name.slice(start, i);
      if (part.length === 0) {
        error = 'Empty attribute in format string';
        break;
      }
      accessors.push({ kind: 'attr', name: part });
    } else if (c === LBRACKET) {
      const start = i;
      while (i < end && name.charCodeAt(i) !== RBRACKET) i++;
      if (i >= end) {
        error = "Missing ']' in format string";
        break;
      }
      part = name.slice(start, i);
      i++;
      const idx = parseFieldInteger(part);
      if (idx === null) {
        error = TOO_MANY_DIGITS;
        break;
      }
      if (part.length === 0) {
        error = 'Empty attribute in format string';
        break;
      }
      accessors.push({ kind: 'item', key: idx >= 0 ? idx : part });
    } else {
      error = "Only '.' or '[' may follow ']' in format field specifier";
      break;
    }
  }
  return { first, auto, accessors, error, firstError };
}
