// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${name}` is string.Template syntax here.
import { LoggingValueError } from '../errors.js';
import { parseTemplate } from '../text/template.js';
import { pyStr } from '../text/py-repr.js';
import { compileFields, type FieldPlan, type SlowField, STR_RAW } from './compiled-format.js';
import {
  type CompiledFormat,
  type CompiledStyle,
  PercentStyle,
  resolveField,
  unique,
} from './percent-style.js';

/**
 * CPython's `logging.StringTemplateStyle`: `$name` / `${name}` formats rendered like
 * `string.Template(fmt).substitute(**record.__dict__)`, with `$$` for a literal `$`.
 * Compiled once into literals and fields.
 */
export class StringTemplateStyle extends PercentStyle {
  /** The format used when none is given. */
  static override readonly default_format: string = '${message}';
  /** The field that inserts the formatted time. */
  static override readonly asctime_format: string = '${asctime}';
  /** The text whose presence means the format uses the time (`$asctime` also counts). */
  static override readonly asctime_search: string = '${asctime}';

  /** Throws CPython's `ValueError` for a bare `$` or a format without fields. */
  override validate(): void {
    const p = parseTemplate(this._fmt);
    if (p.error !== null) throw new LoggingValueError("invalid format: bare '$' not allowed");
    if (p.fields.length === 0) throw new LoggingValueError('invalid format: no fields');
  }

  protected override _compile(fmt: string): CompiledStyle {
    const p = parseTemplate(fmt);
    const lits = p.lits;
    const keys = p.fields.map((f) => f.name);
    const error = p.error;
    const defaults = this._defaults;
    const plans: FieldPlan[] = keys.map((key) => ({ key, mode: STR_RAW }));
    const slow: SlowField = (record, i, value) => {
      const v = resolveField(record, keys[i]!, value, defaults);
      return typeof v === 'string' ? v : pyStr(v);
    };
    const fail =
      error === null
        ? null
        : (): never => {
            throw new LoggingValueError(error);
          };
    const render: CompiledFormat = compileFields(lits, plans, slow, fail);
    const usesTime = fmt.includes('$asctime') || fmt.includes(StringTemplateStyle.asctime_search);
    return { render, fields: unique(keys), usesTime };
  }
}
