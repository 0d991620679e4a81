import { requestCallerInfo } from './caller.js';
import { LoggingValueError } from './errors.js';
import { formatExceptionText } from './exception-format.js';
import type { LogRecord } from './record.js';
import { PercentStyle, type StyleDefaults } from './styles/percent-style.js';
import { StrFormatStyle } from './styles/str-format-style.js';
import { StringTemplateStyle } from './styles/string-template-style.js';
import { percentFormat } from './text/percent-format.js';
import { type Converter, gmtime, localtime } from './time/converters.js';
import { strftime } from './time/strftime.js';

/** The three format styles: `%(name)s`, `{name}` and `$name`. */
export type FormatStyle = '%' | '{' | '$';

/** CPython's `logging.BASIC_FORMAT`, the `%`-style format `basicConfig` uses. */
export const BASIC_FORMAT = '%(levelname)s:%(name)s:%(message)s';

/** CPython's `logging._STYLES`: each style's class and its `basicConfig` default format. */
export const _STYLES: Readonly<Record<FormatStyle, readonly [typeof PercentStyle, string]>> = {
  '%': [PercentStyle, BASIC_FORMAT],
  '{': [StrFormatStyle, '{levelname}:{name}:{message}'],
  // biome-ignore lint/suspicious/noTemplateCurlyInString: string.Template syntax.
  $: [StringTemplateStyle, '${levelname}:${name}:${message}'],
};

/** Options of {@link Formatter} (the options-object form of its positional parameters). */
export interface FormatterOptions {
  /**
   * The format; null or `''` selects the style's default (`%(message)s`, `{message}`,
   * `${message}`).
   * @default null
   */
  fmt?: string | null;
  /**
   * The `strftime` format for `asctime`; null selects `default_time_format` plus
   * `default_msec_format`.
   * @default null
   */
  datefmt?: string | null;
  /**
   * The format style.
   * @default '%'
   */
  style?: FormatStyle;
  /**
   * Whether to reject, at construction, a format with no field of its style.
   * @default true
   */
  validate?: boolean;
  /**
   * Values for fields a record lacks; record attributes always win.
   * @default null
   */
  defaults?: StyleDefaults | null;
}

/** The keyword-only options of the positional {@link Formatter} constructor. */
export interface FormatterKeywordOptions {
  /**
   * Values for fields a record lacks; record attributes always win.
   * @default null
   */
  defaults?: StyleDefaults | null;
}

/** Record attributes that only exist when the logger captures its caller. */
const CALLER_FIELDS: ReadonlySet<string> = new Set([
  'pathname',
  'filename',
  'module',
  'lineno',
  'funcName',
]);

/**
 * CPython's `logging.Formatter`: turns a record into text with a `%`, `{` or `$` format,
 * compiled once at construction. `format()` sets `record.message` (and `record.asctime` when
 * the format uses it), formats the message, then appends the exception text (cached in
 * `record.exc_text`) and the stack info, each on a new line.
 *
 * ```ts
 * const f = new Formatter('%(asctime)s %(levelname)-8s %(name)s %(message)s');
 * const g = new Formatter({ fmt: '{levelname}:{message}', style: '{' });
 * f.converter = gmtime; // UTC timestamps for this formatter; Formatter.converter for all
 * ```
 */
export class Formatter {
  /**
   * Turns `record.created` into a struct_time for `formatTime`: `localtime` (honours `TZ`) by
   * default. Set it on an instance, or on the class (`Formatter.converter = gmtime`) for all.
   */
  declare converter: Converter;
  /** The `strftime` format used when there is no `datefmt`. */
  declare default_time_format: string;
  /**
   * The `%` format that appends milliseconds to the default time, applied to
   * `(time text, record.msecs)`; null appends nothing.
   */
  declare default_msec_format: string | null;

  /** The style object that formats messages (`PercentStyle`, `StrFormatStyle`, ...). */
  _style: PercentStyle;
  /** The format string in use (the style's default when none was given). */
  _fmt: string;
  /** The `strftime` format for `asctime`, or null for the default. */
  datefmt: string | null;
  /** @internal Whether the format references caller fields. */
  protected _needsCaller: boolean;

  // One second of formatted time text, so records within the same second skip strftime.
  #timeSec = Number.NaN;
  #timeConverter: Converter | null = null;
  #timeFormat = '';
  #timeText = '';

  /**
   * CPython's signature `Formatter(fmt=None, datefmt=None, style='%', validate=True, *,
   * defaults=None)`, or a single {@link FormatterOptions} object.
   * @throws LoggingValueError for an unknown style (`Style must be one of: %,{,$`) or, when
   *   `validate` is true, a format without fields of its style.
   */
  constructor(options: FormatterOptions);
  constructor(
    fmt?: string | null,
    datefmt?: string | null,
    style?: FormatStyle,
    validate?: boolean,
    options?: FormatterKeywordOptions,
  );
  constructor(
    fmt?: string | null | FormatterOptions,
    datefmt?: string | null,
    style: FormatStyle = '%',
    validate = true,
    options: FormatterKeywordOptions = {},
  ) {
    let o: FormatterOptions;
    if (fmt !== null && typeof fmt === 'object') o = fmt;
    else o = { fmt, datefmt, style, validate, defaults: options?.defaults ?? null };
    const st = o.style ?? '%';
    const entry = Object.hasOwn(_STYLES, st) ? _STYLES[st] : undefined;
    if (entry === undefined) {
      throw new LoggingValueError(`Style must be one of: ${Object.keys(_STYLES).join(',')}`);
    }
    this._style = new entry[0](o.fmt, { defaults: o.defaults ?? null });
    if (o.validate ?? true) this._style.validate();
    this._fmt = this._style._fmt;
    this.datefmt = o.datefmt ?? null;
    this._needsCaller = this._style.fields().some((f) => CALLER_FIELDS.has(f));
    if (this._needsCaller) requestCallerInfo();
  }

  /** Sets the converter used by every formatter that has not set its own. */
  static set converter(converter: Converter) {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class assigned to (or a subclass).
    this.prototype.converter = converter;
  }
  static get converter(): Converter {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class read (or a subclass).
    return this.prototype.converter;
  }
  /** Sets the default time format of every formatter that has not set its own. */
  static set default_time_format(fmt: string) {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class assigned to (or a subclass).
    this.prototype.default_time_format = fmt;
  }
  static get default_time_format(): string {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class read (or a subclass).
    return this.prototype.default_time_format;
  }
  /** Sets the default milliseconds format of every formatter that has not set its own. */
  static set default_msec_format(fmt: string | null) {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class assigned to (or a subclass).
    this.prototype.default_msec_format = fmt;
  }
  static get default_msec_format(): string | null {
    // biome-ignore lint/complexity/noThisInStatic: `this` is the class read (or a subclass).
    return this.prototype.default_msec_format;
  }

  /**
   * True when the format references `pathname`, `filename`, `module`, `lineno` or `funcName`;
   * the constructor then asks loggers to capture caller information.
   */
  get needsCaller(): boolean {
    return this._needsCaller;
  }

  /**
   * The record's creation time as text: `strftime(datefmt, converter(created))`, or without a
   * `datefmt`, `default_time_format` then `default_msec_format % (text, msecs)`.
   */
  formatTime(record: LogRecord, datefmt?: string | null): string {
    const converter = this.converter;
    const created = record.created;
    const fmt = datefmt || this.default_time_format;
    const sec = Math.floor(created);
    let s: string;
    // One second of text per formatter: records within the same second skip the converter and
    // strftime (for the built-in converters, whose result depends only on the second and TZ).
    if (sec === this.#timeSec && fmt === this.#timeFormat && converter === this.#timeConverter) {
      s = this.#timeText;
    } else {
      s = strftime(fmt, converter.call(this, created));
      const cacheable = (converter === localtime || converter === gmtime) && Number.isFinite(sec);
      this.#timeSec = cacheable ? sec : Number.NaN;
      this.#timeConverter = converter;
      this.#timeFormat = fmt;
      this.#timeText = s;
    }
    if (datefmt) return s;
    const msecFormat = this.default_msec_format;
    if (!msecFormat) return s;
    const msecs = record.msecs;
    if (msecFormat === '%s,%03d' && Number.isInteger(msecs) && msecs >= 0 && msecs < 1000) {
      return `${s},${msecs < 10 ? '00' : msecs < 100 ? '0' : ''}${msecs}`;
    }
    return percentFormat(msecFormat, [s, msecs]);
  }

  /**
   * The text of an error for the log (cached by `format()` in `record.exc_text`): its stack,
   * its `cause` chain cause-first with CPython's separator, `AggregateError` members nested;
   * see `formatExceptionText`. No trailing newline.
   */
  formatException(ei: unknown): string {
    return formatExceptionText(ei);
  }

  /** Whether the format uses `asctime` (so `format()` computes it). */
  usesTime(): boolean {
    return this._style.usesTime();
  }

  /** Formats the record's attributes with the style (no exception or stack text). */
  formatMessage(record: LogRecord): string {
    return this._style.format(record);
  }

  /** Formats `record.stack_info`; the base implementation returns it unchanged. */
  formatStack(stack_info: string): string {
    return stack_info;
  }

  /**
   * Formats a record as CPython does: sets `record.message` (and `record.asctime` when the
   * format uses it), formats the message, then appends `exc_text` (computed from `exc_info`
   * once) and `stack_info`, each after a newline unless the text already ends with one.
   */
  format(record: LogRecord): string {
    record.message = record.getMessage();
    if (this.usesTime()) record.asctime = this.formatTime(record, this.datefmt);
    let s = this.formatMessage(record);
    if (record.exc_info) {
      // Cache the traceback text (it is constant).
      if (!record.exc_text) record.exc_text = this.formatException(record.exc_info);
    }
    const excText = record.exc_text;
    if (excText) {
      if (s.charCodeAt(s.length - 1) !== 10) s += '\n';
      s += excText;
    }
    const stackInfo = record.stack_info;
    if (stackInfo) {
      if (s.charCodeAt(s.length - 1) !== 10) s += '\n';
      s += this.formatStack(stackInfo);
    }
    return s;
  }
}

Formatter.prototype.converter = localtime;
Formatter.prototype.default_time_format = '%Y-%m-%d %H:%M:%S';
Formatter.prototype.default_msec_format = '%s,%03d';
