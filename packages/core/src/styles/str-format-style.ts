import {
  LoggingAttributeError,
  LoggingIndexError,
  LoggingKeyError,
  LoggingTypeError,
  LoggingValueError,
} from '../errors.js';
import type { LogRecord } from '../record.js';
import {
  type BraceField,
  type FieldAccessor,
  parseBraceFormat,
  parseFieldName,
} from '../text/brace-field.js';
import { formatWithSpec } from '../text/format-spec.js';
import { pyAscii, pyRepr, pyStr, pyTypeName } from '../text/py-repr.js';
import {
  compileFields,
  type FieldPlan,
  SLOW,
  type SlowField,
  STR_FN,
  STR_RAW,
} from './compiled-format.js';
import {
  type CompiledFormat,
  type CompiledStyle,
  lookupField,
  PercentStyle,
  PY_WORD,
  resolveField,
  type StyleDefaults,
  unique,
} from './percent-style.js';

const PY_DIGITS = '\\p{Nd}+';
// Python's `$` also matches before a final newline; `.` matches anything but `\n`.
const FMT_SPEC = new RegExp(
  `^([^\\n]?[<>=^])?[+ -]?#?0?(${PY_DIGITS}|\\{${PY_WORD}+\\})?[,_]?(\\.(${PY_DIGITS}|\\{${PY_WORD}+\\}))?[bcdefgnosx%]?\\n?$`,
  'iu',
);
const FIELD_SPEC = new RegExp(
  `^(${PY_DIGITS}|${PY_WORD}+)(\\.${PY_WORD}+|\\[[^\\]]+\\])*\\n?$`,
  'u',
);

/**
 * CPython's `logging.StrFormatStyle`: `{name}` formats rendered like
 * `fmt.format(**record.__dict__)`: the format-spec mini-language, conversions `!r !s !a`,
 * indexing (`{args[0]}`), attribute access (`{user.id}`, JavaScript property reads) and nested
 * fields (`{msg:>{width}}`). Compiled once; errors surface lazily in CPython's order.
 */
export class StrFormatStyle extends PercentStyle {
  /** The format used when none is given. */
  static override readonly default_format: string = '{message}';
  /** The field that inserts the formatted time. */
  static override readonly asctime_format: string = '{asctime}';
  /** The text whose presence means the format uses the time. */
  static override readonly asctime_search: string = '{asctime';
  /** CPython's `fmt_spec` validation pattern for format specs. */
  static readonly fmt_spec: RegExp = FMT_SPEC;
  /** CPython's `field_spec` validation pattern for field names. */
  static readonly field_spec: RegExp = FIELD_SPEC;

  /** Throws CPython's `ValueError` for a malformed format or one without fields. */
  override validate(): void {
    const parsed = parseBraceFormat(this._fmt);
    let fields = 0;
    const fail = (msg: string): never => {
      throw new LoggingValueError(`invalid format: ${msg}`);
    };
    for (const { field } of parsed.chunks) {
      if (field === null) continue;
      if (field.name) {
        if (!FIELD_SPEC.test(field.name)) {
          fail(`invalid field name/expression: ${pyRepr(field.name)}`);
        }
        fields++;
      }
      if (field.conversion !== null && !'rsa'.includes(field.conversion)) {
        fail(`invalid conversion: ${pyRepr(field.conversion)}`);
      }
      if (field.spec && !FMT_SPEC.test(field.spec)) fail(`bad specifier: ${pyRepr(field.spec)}`);
    }
    if (parsed.error !== null) fail(parsed.error);
    if (fields === 0) fail('no fields');
  }

  protected override _compile(fmt: string): CompiledStyle {
    const fields: string[] = [];
    const steps = compileSteps(fmt, 2, fields);
    return {
      render: renderer(steps, this._defaults),
      fields: unique(fields),
      usesTime: fmt.includes(StrFormatStyle.asctime_search),
    };
  }
}

/** A compiled replacement field. */
interface FieldStep {
  /** The keyword name looked up on the record. */
  readonly key: string;
  /** A positional index (always out of range: logging passes no positional args), or -1. */
  readonly positional: number;
  readonly firstError: string | null;
  readonly accessors: readonly FieldAccessor[];
  readonly accessorError: string | null;
  /** Whether `key` is `args`, CPython's args tuple (for index error texts). */
  readonly isArgs: boolean;
  readonly conversion: string | null;
  readonly spec: string;
  /** The compiled nested spec, or null; `TOO_DEEP` when CPython's recursion limit is hit. */
  readonly nested: Steps | null | typeof TOO_DEEP;
  /**
   * True for `{name}` or `{name:<spec>}` with no accessors, conversion or nested fields: the
   * fast path (a string value with a `pad`-able or empty spec skips the spec machinery).
   */
  readonly simple: boolean;
  /** The spec as fill/align/width when it is only that (`<8`, `*^20`, `10`), else null. */
  readonly pad: StrPad | null;
}

/** A string-only spec: `[[fill]align][width][s]`. */
interface StrPad {
  readonly fill: string;
  readonly align: string;
  readonly width: number;
}

const STR_PAD_SPEC = /^(?:(.)?([<>^]))?([1-9][0-9]*)?s?$/su;

function parseStrPad(spec: string): StrPad | null {
  const m = STR_PAD_SPEC.exec(spec);
  if (m === null) return null;
  return { fill: m[1] ?? ' ', align: m[2] ?? '<', width: m[3] === undefined ? 0 : Number(m[3]) };
}

/** Python's string padding for `format(s, '[[fill]align]width')`, counting code points. */
function padStr(s: string, pad: StrPad): string {
  const w = pad.width;
  let n = s.length;
  if (n >= 2 * w) return s;
  for (let i = 0; i < s.length; i++) if ((s.charCodeAt(i) & 0xfc00) === 0xd800) n--;
  if (n >= w) return s;
  const total = w - n;
  if (pad.align === '<') return s + pad.fill.repeat(total);
  if (pad.align === '>') return pad.fill.repeat(total) + s;
  const left = total >> 1;
  return pad.fill.repeat(left) + s + pad.fill.repeat(total - left);
}

/** Literal texts around fields; `error` is raised after the last field, if set. */
interface Steps {
  readonly lits: readonly string[];
  readonly fields: readonly FieldStep[];
  readonly error: string | null;
}

const TOO_DEEP = Symbol('too deep');

function compileSteps(fmt: string, depth: number, names: string[]): Steps {
  const parsed = parseBraceFormat(fmt);
  const lits: string[] = [''];
  const fields: FieldStep[] = [];
  for (const chunk of parsed.chunks) {
    lits[lits.length - 1] += chunk.literal;
    if (chunk.field !== null) {
      fields.push(compileField(chunk.field, depth, names));
      lits.push('');
    }
  }
  return { lits, fields, error: parsed.error };
}

function compileField(field: BraceField, depth: number, names: string[]): FieldStep {
  const fn = parseFieldName(field.name);
  const positional = fn.auto ? 0 : typeof fn.first === 'number' ? fn.first : -1;
  const key = typeof fn.first === 'string' ? fn.first : '';
  if (positional < 0) names.push(key);
  let nested: Steps | null | typeof TOO_DEEP = null;
  if (field.specNeedsExpanding) {
    nested = depth - 1 <= 0 ? TOO_DEEP : compileSteps(field.spec, depth - 1, names);
  }
  const simple =
    positional < 0 &&
    key !== '__proto__' &&
    fn.firstError === null &&
    fn.accessors.length === 0 &&
    fn.error === null &&
    field.conversion === null &&
    !field.specNeedsExpanding;
  return {
    key,
    positional,
    firstError: fn.firstError,
    accessors: fn.accessors,
    accessorError: fn.error,
    isArgs: key === 'args',
    conversion: field.conversion,
    spec: field.spec,
    nested,
    simple,
    pad: field.spec === '' || field.specNeedsExpanding ? null : parseStrPad(field.spec),
  };
}

function renderer(steps: Steps, defaults: StyleDefaults | null): CompiledFormat {
  const { lits, fields, error } = steps;
  if (error !== null || !fields.every((f) => f.simple)) {
    return (record) => buildString(steps, record, defaults);
  }
  const plans: FieldPlan[] = fields.map((f) => {
    if (f.spec === '') return { key: f.key, mode: STR_RAW };
    const pad = f.pad;
    if (pad !== null) return { key: f.key, mode: STR_FN, str: (v: string) => padStr(v, pad) };
    return { key: f.key, mode: SLOW };
  });
  const slow: SlowField = (record, i, value) => {
    const f = fields[i]!;
    const v = resolveField(record, f.key, value, defaults);
    if (typeof v === 'string') {
      if (f.spec === '') return v;
      if (f.pad !== null) return padStr(v, f.pad);
    }
    return formatWithSpec(v, f.spec);
  };
  return compileFields(lits, plans, slow);
}

function buildString(steps: Steps, record: LogRecord, defaults: StyleDefaults | null): string {
  const { lits, fields } = steps;
  let s = lits[0]!;
  for (let i = 0; i < fields.length; i++) {
    s += renderField(fields[i]!, record, defaults);
    s += lits[i + 1]!;
  }
  if (steps.error !== null) throw new LoggingValueError(steps.error);
  return s;
}

function renderField(f: FieldStep, record: LogRecord, defaults: StyleDefaults | null): string {
  if (f.firstError !== null) throw new LoggingValueError(f.firstError);
  if (f.positional >= 0) {
    throw new LoggingIndexError(
      `Replacement index ${f.positional} out of range for positional args tuple`,
    );
  }
  let v = lookupField(record, f.key, defaults);
  const acc = f.accessors;
  for (let i = 0; i < acc.length; i++) v = access(v, acc[i]!, f.isArgs && i === 0);
  if (f.accessorError !== null) throw new LoggingValueError(f.accessorError);
  if (f.conversion !== null) v = convert(v, f.conversion);
  let spec = f.spec;
  if (f.nested !== null) {
    if (f.nested === TOO_DEEP) throw new LoggingValueError('Max string recursion exceeded');
    spec = buildString(f.nested, record, defaults);
  }
  if (spec === '' && typeof v === 'string') return v;
  return formatWithSpec(v, spec);
}

function convert(v: unknown, conversion: string): string {
  switch (conversion) {
    case 'r':
      return pyRepr(v);
    case 's':
      return pyStr(v);
    case 'a':
      return pyAscii(v);
    default: {
      const cp = conversion.codePointAt(0)!;
      const shown = cp > 32 && cp < 127 ? conversion : `\\x${cp.toString(16)}`;
      throw new LoggingValueError(`Unknown conversion specifier ${shown}`);
    }
  }
}

/** Python's type name of a value for error texts; arrays are `tuple` when they are `args`. */
function typeName(v: unknown, isArgs = false): string {
  return isArgs && Array.isArray(v) ? 'tuple' : pyTypeName(v);
}

/** One `.attr` or `[key]` step (CPython's getattr / getitem on the field object). */
function access(v: unknown, a: FieldAccessor, isArgs: boolean): unknown {
  if (a.kind === 'attr') {
    if (v !== null && v !== undefined && a.name in Object(v)) {
      return (v as Record<string, unknown>)[a.name];
    }
    throw new LoggingAttributeError(`'${typeName(v, isArgs)}' object has no attribute '${a.name}'`);
  }
  const key = a.key;
  if (typeof v === 'string') {
    if (typeof key !== 'number') {
      throw new LoggingTypeError("string indices must be integers, not 'str'");
    }
    const ch = codePointAt(v, key);
    if (ch === undefined) throw new LoggingIndexError('string index out of range');
    return ch;
  }
  if (Array.isArray(v)) {
    const kind = isArgs ? 'tuple' : 'list';
    if (typeof key !== 'number') {
      throw new LoggingTypeError(`${kind} indices must be integers or slices, not str`);
    }
    if (key >= v.length) throw new LoggingIndexError(`${kind} index out of range`);
    return v[key];
  }
  if (v instanceof Map) {
    if (v.has(key)) return v.get(key);
    if (typeof key === 'number' && v.has(String(key))) return v.get(String(key));
    throw new LoggingKeyError(typeof key === 'number' ? String(key) : pyRepr(key));
  }
  if (v !== null && (typeof v === 'object' || typeof v === 'function')) {
    const k = String(key);
    if (Object.hasOwn(v, k)) return (v as Record<string, unknown>)[k];
    throw new LoggingKeyError(typeof key === 'number' ? k : pyRepr(key));
  }
  throw new LoggingTypeError(`'${pyTypeName(v)}' object is not subscriptable`);
}

/** The code point at code-point index `i` of `s`, or undefined when out of range. */
function codePointAt(s: string, i: number): string | undefined {
  let unit = 0;
  for (let n = 0; unit < s.length; n++) {
    const cp = s.codePointAt(unit)!;
    const len = cp > 0xffff ? 2 : 1;
    if (n === i) return s.slice(unit, unit + len);
    unit += len;
  }
  return undefined;
}
