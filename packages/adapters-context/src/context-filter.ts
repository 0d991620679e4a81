import type { FilterObject, LogRecord } from '@logweave/core';
import { type ContextVar, currentVars } from './context-var.js';
import { ContextConfigError } from './errors.js';
import { checkFieldName, fillField, LAYER_CONTEXT, LAYER_DEFAULTS } from './record-fields.js';

/** The context variables a {@link ContextFilter} copies: a list, or record field → variable. */
export type ContextFields =
  | readonly ContextVar<unknown>[]
  | Readonly<Record<string, ContextVar<unknown>>>;

/**
 * Copies chosen context variables onto every record it sees (the contextvars recipe's
 * filter): as a logger filter it runs once when the record is made, on the caller's async
 * chain; as a handler filter, for that handler only (still on the caller's chain, before a
 * queue or worker takes the record).
 *
 * A variable with no value and no default leaves the field unset (a format using it then
 * fails as Python's does; give the variable a default). A field already set by `extra` or an
 * adapter is kept (see the precedence rule in the README).
 *
 * ```ts
 * const ip = new ContextVar<string>('ip', { default: '-' });
 * logger.addFilter(new ContextFilter([ip]));           // record.ip
 * handler.addFilter(new ContextFilter({ clientIp: ip })); // record.clientIp
 * ```
 */
export class ContextFilter implements FilterObject {
  /** The record fields, in order. */
  readonly fields: readonly string[];
  /** The variables, parallel to `fields`. */
  readonly vars: readonly ContextVar<unknown>[];

  /** @param fields the variables (named by `var.name`), or record field → variable */
  constructor(fields: ContextFields) {
    const entries: [string, ContextVar<unknown>][] = Array.isArray(fields)
      ? (fields as readonly ContextVar<unknown>[]).map((v) => [v?.name, v])
      : Object.entries(fields as Record<string, ContextVar<unknown>>);
    if (entries.length === 0) throw new ContextConfigError('ContextFilter: no variables given');
    for (const [field, v] of entries) {
      checkFieldName(field, 'ContextFilter');
      if (v === null || typeof v !== 'object' || typeof v.peek !== 'function') {
        throw new ContextConfigError(`ContextFilter: '${field}' is not a ContextVar`);
      }
    }
    this.fields = entries.map((e) => e[0]);
    this.vars = entries.map((e) => e[1]);
  }

  /** Adds the fields to `record` (the override point); always keeps the record. */
  filter(record: LogRecord): boolean {
    const { fields, vars } = this;
    const current = currentVars();
    for (let i = 0; i < fields.length; i++) {
      const v = vars[i]!;
      let value: unknown;
      if (current.has(v)) value = current.get(v);
      else if (v._hasDefault) value = v._default;
      else continue;
      const field = fields[i]!;
      if (Object.hasOwn(record, field)) fillField(record, field, value, LAYER_CONTEXT);
      else record[field] = value;
    }
    return true;
  }
}

/**
 * The lowest layer of the precedence rule: fields every record gets unless `extra`, an
 * adapter or the async context set them (LogTape's and winston's "default meta"). Values that
 * are functions are called per record (a computed default).
 */
export class DefaultsFilter implements FilterObject {
  /** Field → value (or function giving the value). */
  readonly defaults: Readonly<Record<string, unknown>>;
  readonly #keys: readonly string[];

  /** @param defaults field → value, or field → function returning the value */
  constructor(defaults: Readonly<Record<string, unknown>>) {
    if (defaults === null || typeof defaults !== 'object') {
      throw new ContextConfigError('DefaultsFilter: defaults must be an object');
    }
    for (const k of Object.keys(defaults)) checkFieldName(k, 'DefaultsFilter');
    this.defaults = defaults;
    this.#keys = Object.keys(defaults);
  }

  /** Fills the missing fields; always keeps the record. */
  filter(record: LogRecord): boolean {
    const keys = this.#keys;
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      const v = this.defaults[k];
      fillField(record, k, typeof v === 'function' ? v() : v, LAYER_DEFAULTS);
    }
    return true;
  }
}
