import { LoggingTypeError, LoggingValueError } from '../errors.js';

/** The Python error handlers a {@link TextCodec} implements. */
export type EncodingErrors =
  | 'strict'
  | 'ignore'
  | 'replace'
  | 'backslashreplace'
  | 'xmlcharrefreplace';

enum Kind {
  Utf8 = 0,
  Latin1 = 1,
  Ascii = 2,
}

// Python's codec aliases (after `encodings.normalize_encoding` and lower-casing) for the
// codecs logweave implements. 'locale' is what `io.text_encoding(None)` gives in 3.11;
// logweave's locale encoding is always UTF-8.
const CODECS = new Map<string, Kind>([
  ['utf_8', Kind.Utf8],
  ['utf8', Kind.Utf8],
  ['u8', Kind.Utf8],
  ['utf', Kind.Utf8],
  ['cp65001', Kind.Utf8],
  ['locale', Kind.Utf8],
  ['latin_1', Kind.Latin1],
  ['latin1', Kind.Latin1],
  ['latin', Kind.Latin1],
  ['l1', Kind.Latin1],
  ['iso8859_1', Kind.Latin1],
  ['iso_8859_1', Kind.Latin1],
  ['8859', Kind.Latin1],
  ['cp819', Kind.Latin1],
  ['ascii', Kind.Ascii],
  ['us_ascii', Kind.Ascii],
  ['us', Kind.Ascii],
  ['646', Kind.Ascii],
]);
const NAMES = ['utf-8', 'latin-1', 'ascii'] as const;
const LIMITS = [0x10ffff, 0xff, 0x7f] as const;
const REASONS = [
  'surrogates not allowed',
  'ordinal not in range(256)',
  'ordinal not in range(128)',
];
const ERRORS = new Set<string>([
  'strict',
  'ignore',
  'replace',
  'backslashreplace',
  'xmlcharrefreplace',
]);
const UNSUPPORTED_ERRORS = new Set<string>(['namereplace', 'surrogateescape', 'surrogatepass']);
const NOT_LATIN1 = /[^\x00-\xff]/;
const NOT_ASCII = /[^\x00-\x7f]/;

type WellFormed = { isWellFormed(): boolean };

/** What a destination needs from a codec: the text check and the Node encoding to write with. */
export interface TextChecker {
  /** The Node encoding that writes checked text byte-exactly. */
  readonly bufferEncoding: 'utf8' | 'latin1';
  /** Returns `text` ready for `bufferEncoding`, or throws CPython's encoding error. */
  check(text: string): string;
}

/**
 * The text-to-bytes step of a Python text file (`TextIOWrapper`): a codec (`utf-8`,
 * `latin-1` or `ascii`, under any of Python's aliases) and an error handler (`strict`,
 * `ignore`, `replace`, `backslashreplace`, `xmlcharrefreplace`). `check()` applies the
 * error handler, so the result can be written with {@link TextCodec.bufferEncoding}
 * losslessly; with `strict` it throws CPython's `UnicodeEncodeError` text.
 */
export class TextCodec implements TextChecker {
  /** Python's name for the codec, as in its error messages: `utf-8`, `latin-1` or `ascii`. */
  readonly name: string;
  /** The error handler. */
  readonly errors: EncodingErrors;
  /** The Node encoding that writes checked text byte-exactly. */
  readonly bufferEncoding: 'utf8' | 'latin1';
  readonly #kind: Kind;

  /**
   * @param encoding a Python codec name or alias (`'utf-8'`, `'UTF8'`, `'latin-1'`, `'ascii'`...).
   * @param errors a Python error handler name; null means `'strict'`.
   * @throws LoggingValueError `unknown encoding: x` (Python raises LookupError) or an
   *   unknown or unsupported error handler.
   */
  constructor(encoding = 'utf-8', errors: string | null = 'strict') {
    const kind = CODECS.get(encoding.toLowerCase().replace(/[^a-z0-9.]+/g, '_'));
    if (kind === undefined) {
      throw new LoggingValueError(
        `unknown encoding: ${encoding} (logweave supports utf-8, latin-1 and ascii)`,
      );
    }
    const handler = errors ?? 'strict';
    if (!ERRORS.has(handler)) {
      throw new LoggingValueError(
        UNSUPPORTED_ERRORS.has(handler)
          ? `error handler '${handler}' is not supported by logweave`
          : `unknown error handler name '${handler}'`,
      );
    }
    this.#kind = kind;
    this.name = NAMES[kind];
    this.errors = handler as EncodingErrors;
    this.bufferEncoding = kind === Kind.Utf8 ? 'utf8' : 'latin1';
  }

  /** Returns `text` ready for `bufferEncoding`: unchanged when every character encodes. */
  check(text: string): string {
    const kind = this.#kind;
    if (kind === Kind.Utf8) {
      if ((text as unknown as WellFormed).isWellFormed()) return text;
    } else if (!(kind === Kind.Latin1 ? NOT_LATIN1 : NOT_ASCII).test(text)) {
      return text;
    }
    return this.#handle(text);
  }

  #isBad(cp: number): boolean {
    return this.#kind === Kind.Utf8 ? cp >= 0xd800 && cp <= 0xdfff : cp > LIMITS[this.#kind];
  }

  #handle(text: string): string {
    let out = '';
    let pos = 0; // code-point index, as Python reports positions
    for (let i = 0; i < text.length; pos++) {
      const cp = text.codePointAt(i)!;
      const units = cp > 0xffff ? 2 : 1;
      if (!this.#isBad(cp)) {
        out += text.slice(i, i + units);
      } else if (this.errors === 'strict') {
        throw this.#encodeError(text, i, pos);
      } else {
        out += replacement(this.errors, cp);
      }
      i += units;
    }
    return out;
  }

  #encodeError(text: string, i: number, pos: number): LoggingValueError {
    const first = text.codePointAt(i)!;
    let end = pos + 1;
    for (let j = i + (first > 0xffff ? 2 : 1); j < text.length; end++) {
      const cp = text.codePointAt(j)!;
      if (!this.#isBad(cp)) break;
      j += cp > 0xffff ? 2 : 1;
    }
    const what =
      end - pos === 1
        ? `character '${escapeCodePoint(first)}' in position ${pos}`
        : `characters in position ${pos}-${end - 1}`;
    const err = new LoggingValueError(
      `'${this.name}' codec can't encode ${what}: ${REASONS[this.#kind]}`,
    );
    // UnicodeEncodeError is a ValueError subclass; keep its name for reports.
    err.name = 'UnicodeEncodeError';
    return err;
  }
}

function escapeCodePoint(cp: number): string {
  if (cp <= 0xff) return `\\x${cp.toString(16).padStart(2, '0')}`;
  if (cp <= 0xffff) return `\\u${cp.toString(16).padStart(4, '0')}`;
  return `\\U${cp.toString(16).padStart(8, '0')}`;
}

function replacement(errors: EncodingErrors, cp: number): string {
  switch (errors) {
    case 'ignore':
      return '';
    case 'replace':
      return '?';
    case 'backslashreplace':
      return escapeCodePoint(cp);
    default:
      return `&#${cp};`;
  }
}

/**
 * A codec for a file that cannot take text: every `check()` throws the error CPython raises
 * when text is written to it (a binary-mode file: `TypeError: a bytes-like object is
 * required, not 'str'`; a read-only file: `io.UnsupportedOperation: not writable`).
 */
export class RejectingCodec implements TextChecker {
  readonly bufferEncoding = 'utf8';
  readonly #reason: 'binary' | 'read-only';

  /** @param reason why text cannot be written. */
  constructor(reason: 'binary' | 'read-only') {
    this.#reason = reason;
  }

  /** Always throws. */
  check(_text: string): string {
    if (this.#reason === 'binary') {
      throw new LoggingTypeError("a bytes-like object is required, not 'str'");
    }
    const err = new LoggingValueError('not writable');
    err.name = 'UnsupportedOperation';
    throw err;
  }
}
