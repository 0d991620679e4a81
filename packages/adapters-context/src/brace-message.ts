import { Template } from '@logweave/core';
import { strFormat } from './str-format.js';

/**
 * The cookbook's `BraceMessage` (`__` in its examples): a message object formatted with
 * `str.format` only when a handler needs the text (`String(msg)` / core's `pyStr`).
 *
 * ```ts
 * log.info(new BraceMessage('Message with {0} {name}', [2], { name: 'placeholders' }));
 * ```
 */
export class BraceMessage {
  /** The `{}` format. */
  readonly fmt: string;
  /** Positional arguments. */
  readonly args: readonly unknown[];
  /** Keyword arguments. */
  readonly kwargs: Readonly<Record<string, unknown>>;

  /**
   * @param fmt the `{}` format
   * @param args positional arguments. @default []
   * @param kwargs keyword arguments. @default {}
   */
  constructor(
    fmt: string,
    args: readonly unknown[] = [],
    kwargs: Readonly<Record<string, unknown>> = {},
  ) {
    this.fmt = fmt;
    this.args = args;
    this.kwargs = kwargs;
  }

  /** `fmt.format(*args, **kwargs)`. */
  toString(): string {
    return strFormat(this.fmt, this.args, this.kwargs);
  }
}

/**
 * The cookbook's `DollarMessage`: a `string.Template` message (`$name` / `${name}`),
 * substituted only when a handler needs the text.
 *
 * ```ts
 * log.info(new DollarMessage('Message with $num $what', { num: 2, what: 'placeholders' }));
 * ```
 */
export class DollarMessage {
  /** The template. */
  readonly fmt: string;
  /** The names substituted. */
  readonly kwargs: Readonly<Record<string, unknown>>;

  /** @param fmt the template; @param kwargs the names substituted. @default {} */
  constructor(fmt: string, kwargs: Readonly<Record<string, unknown>> = {}) {
    this.fmt = fmt;
    this.kwargs = kwargs;
  }

  /** `Template(fmt).substitute(**kwargs)`. */
  toString(): string {
    return new Template(this.fmt).substitute(this.kwargs as Record<string, unknown>);
  }
}
