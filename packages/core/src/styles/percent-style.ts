import { LoggingKeyError, LoggingValueError } from '../errors.js';
import type { LogRecord } from '../record.js';
import {
  formatPercentSpec,
  type PercentSegment,
  type PercentSpec,
  parsePercentFormat,
  percentFormat,
} from '../text/percent-format.js';
import { pyRepr } from '../text/py-repr.js';
import {
  compileFields,
  type FieldPlan,
  INT_FAST,
  SLOW,
  type SlowField,
  STR_FN,
  STR_RAW,
} from './compiled-format.js';

/** Values for fields a record lacks (`Formatter(..., defaults=...)`). */
export type StyleDefaults = Readonly<Record<string, unknown>>;

/** Options shared by the three styles. */
export interface StyleOptions {
  /**
   * Values for fields the record lacks; record attributes always win.
   * @default null
   */
  defaults?: StyleDefaults | null;
}

/** A compiled format: the record in, the formatted text out. */
export type CompiledFormat = (record: LogRecord) => string;

/** What a style compiles its format into, once. */
export interface CompiledStyle {
  /** Renders a record; throws `LoggingKeyError` for a missing field. */
  readonly render: CompiledFormat;
  /** The record attributes the format references (top-level names). */
  readonly fields: readonly string[];
  /** Whether the format uses `asctime` (the style's `usesTime()` rule). */
  readonly usesTime: boolean;
}

/**
 * @internal Looks a field up as CPython's `defaults | record.__dict__` does: the record's own
 * attribute, else `defaults`, else `LoggingKeyError` with the key's repr.
 */
export function lookupField(
  record: LogRecord,
  key: string,
  defaults: StyleDefaults | null,
): unknown {
  const v = record[key];
  if (v !== undefined && typeof v !== 'function' && key !== '__proto__') return v;
  if (Object.hasOwn(record, key)) return v;
  if (defaults !== null && Object.hasOwn(defaults, key)) return defaults[key];
  throw new LoggingKeyError(pyRepr(key));
}

/** Python's `\w` (Unicode word characters) and `\d` (Unicode decimal digits), as JS classes. */
export const PY_WORD = '[\\p{L}\\p{N}_]';
const PY_DIGIT = '\\p{Nd}';

/**
 * CPython's `logging.PercentStyle`: `%(name)s` formats, rendered like `fmt % record.__dict__`.
 * The format is compiled once into a function of the record; fields with a plain `%(x)s` and
 * a string value take a fast path with no spec work.
 */
export class PercentStyle {
  /** The format used when none is given. */
  static readonly default_format: string = '%(message)s';
  /** The field that inserts the formatted time. */
  static readonly asctime_format: string = '%(asctime)s';
  /** The text whose presence means the format uses the time. */
  static readonly asctime_search: string = '%(asctime)';
  /** CPython's `validation_pattern`: a format must contain at least one such field. */
  static readonly validation_pattern: RegExp = new RegExp(
    `%\\(${PY_WORD}+\\)[#0+ -]*(\\*|${PY_DIGIT}+)?(\\.(\\*|${PY_DIGIT}+))?[diouxefgcrsa%]`,
    'iu',
  );

  /** Values for fields the record lacks, or null. */
  _defaults: StyleDefaults | null;
  #fmt: string;
  #compiled: CompiledStyle | null = null;

  /**
   * @param fmt The format; null, undefined or `''` selects the style's `default_format`.
   * @param options `defaults` for fields the record lacks.
   */
  constructor(fmt?: string | null, options: StyleOptions = {}) {
    this.#fmt = fmt || (new.target as typeof PercentStyle).default_format;
    const d = options.defaults;
    this._defaults = d && hasKeys(d) ? d : null;
  }

  /** The format string; assigning it recompiles. */
  get _fmt(): string {
    return this.#fmt;
  }
  set _fmt(fmt: string) {
    this.#fmt = fmt;
    this.#compiled = null;
  }

  /** The compiled form of `_fmt` (built on first use). */
  get compiled(): CompiledStyle {
    return (this.#compiled ??= this._compile(this.#fmt));
  }

  /** Whether the format uses the record's `asctime`. */
  usesTime(): boolean {
    return this.compiled.usesTime;
  }

  /** The top-level record attributes the format references. */
  fields(): readonly string[] {
    return this.compiled.fields;
  }

  /** Throws CPython's `ValueError` when the format has no field of this style. */
  validate(): void {
    if (!PercentStyle.validation_pattern.test(this.#fmt)) {
      throw new LoggingValueError(`Invalid format '${this.#fmt}' for '%' style`);
    }
  }

  /**
   * Formats the record; a missing field raises `ValueError: Formatting field not found in
   * record: 'x'` as in CPython.
   */
  format(record: LogRecord): string {
    const render = (this.#compiled ??= this._compile(this.#fmt)).render;
    try {
      return render(record);
    } catch (e) {
      if (e instanceof LoggingKeyError) {
        // CPython raises it inside `except KeyError`: the KeyError is the implicit context.
        throw new LoggingValueError(`Formatting field not found in record: ${e.message}`, {
          context: e,
        });
      }
      throw e;
    }
  }

  /** Formats the record without translating a missing field's `KeyError`. */
  _format(record: LogRecord): string {
    return this.compiled.render(record);
  }

  /** Compiles `fmt` into a function of the record. Subclasses override this. */
  protected _compile(fmt: string): CompiledStyle {
    return compilePercent(fmt, this._defaults);
  }
}

function hasKeys(o: object): boolean {
  for (const _ in o) return true;
  return Object.getOwnPropertyNames(o).length > 0;
}

/**
 * @internal A field's value as CPython's `values[key]` sees it: `value` (just read off the
 * record) unless it is missing or inherited, else the defaults, else `LoggingKeyError`.
 */
export function resolveField(
  record: LogRecord,
  key: string,
  value: unknown,
  defaults: StyleDefaults | null,
): unknown {
  if (value === undefined || typeof value === 'function' || key === '__proto__') {
    return lookupField(record, key, defaults);
  }
  return value;
}

function compilePercent(fmt: string, defaults: StyleDefaults | null): CompiledStyle {
  const usesTime = fmt.includes(PercentStyle.asctime_search);
  const segments = parsePercentFormat(fmt);
  const lits: string[] = [''];
  const specs: PercentSpec[] = [];
  const plans: FieldPlan[] = [];
  for (const seg of segments) {
    if (typeof seg === 'string') {
      lits[lits.length - 1] += seg;
      continue;
    }
    // Positional specs consume the mapping itself, and `*` arguments and parse errors follow
    // CPython's argument-consumption order: the full `%` operator handles those.
    if (seg.key === null || seg.width === '*' || seg.precision === '*' || seg.error !== null) {
      return slowPercent(fmt, defaults, usesTime, specKeys(segments));
    }
    const key = seg.key;
    let plan: FieldPlan = { key, mode: SLOW };
    const simpleFlags = seg.flags === '' || seg.flags === '-';
    if (seg.conversion === 's' && seg.precision === null && simpleFlags) {
      const w = seg.width ?? 0;
      if (w === 0) plan = { key, mode: STR_RAW };
      else {
        const width = seg.flags === '-' ? -w : w;
        plan = { key, mode: STR_FN, str: (v) => padString(v, width) };
      }
    } else if (
      (seg.conversion === 'd' || seg.conversion === 'i' || seg.conversion === 'u') &&
      seg.flags === '' &&
      seg.width === null &&
      seg.precision === null
    ) {
      plan = { key, mode: INT_FAST };
    }
    specs.push(seg);
    plans.push(plan);
    lits.push('');
  }
  const slow: SlowField = (record, i, value) => {
    const spec = specs[i]!;
    const v = resolveField(record, spec.key!, value, defaults);
    const plan = plans[i]!;
    if (typeof v === 'string') {
      if (plan.mode === STR_RAW) return v;
      if (plan.mode === STR_FN) return plan.str!(v);
    }
    return formatPercentSpec(spec, v);
  };
  return {
    render: compileFields(lits, plans, slow),
    fields: unique(plans.map((p) => p.key)),
    usesTime,
  };
}

/** Formats through the full `%` operator (CPython's `fmt % values`), for unusual formats. */
function slowPercent(
  fmt: string,
  defaults: StyleDefaults | null,
  usesTime: boolean,
  fields: readonly string[],
): CompiledStyle {
  const render: CompiledFormat = (record) => {
    const values: Record<string, unknown> = Object.create(null);
    if (defaults !== null) Object.assign(values, defaults);
    Object.assign(values, record);
    return percentFormat(fmt, values);
  };
  return { render, fields, usesTime };
}

/** The `%(key)` names of parsed segments, each once. */
function specKeys(segments: readonly PercentSegment[]): string[] {
  const keys: string[] = [];
  for (const seg of segments) if (typeof seg !== 'string' && seg.key !== null) keys.push(seg.key);
  return unique(keys);
}

/** @internal De-duplicates names, keeping their first-seen order. */
export function unique(names: readonly string[]): string[] {
  return [...new Set(names)];
}

/**
 * @internal Pads `s` to `width` code points: right-aligned for a positive width, left-aligned
 * for a negative one (the `-` flag).
 */
export function padString(s: string, width: number): string {
  const left = width < 0;
  const w = left ? -width : width;
  let cp = s.length;
  if (cp >= 2 * w) return s;
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) === 0xd800) cp--;
  if (cp >= w) return s;
  const fill = ' '.repeat(w - cp);
  return left ? s + fill : fill + s;
}
