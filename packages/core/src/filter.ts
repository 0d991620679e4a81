import { LogRecord } from './record.js';

/**
 * What a filter returns: falsy drops the record; truthy keeps it, and a `LogRecord` replaces
 * it for the later filters and the handlers (Python 3.12 semantics).
 */
export type FilterResult = boolean | LogRecord | null | undefined;

/** An object with a `filter(record)` method (a `Filter` or any duck-typed filter). */
export interface FilterObject {
  /** Decides whether `record` passes (or returns a replacement record). */
  filter(record: LogRecord): FilterResult;
}

/** A plain function used as a filter. */
export type FilterFunction = (record: LogRecord) => FilterResult;

/** Anything usable as a filter: an object with `filter(record)`, or a plain function. */
export type FilterLike = FilterObject | FilterFunction;

/**
 * CPython's `logging.Filter`: passes records from the logger named `name` and its
 * descendants (`'A.B'` passes `'A.B'` and `'A.B.C'`, not `'A.BB'`); an empty name passes all.
 */
export class Filter implements FilterObject {
  /** The logger name whose records (and descendants' records) pass. */
  name: string;
  /** `name.length`. */
  nlen: number;

  /** @param name the logger name to pass; `''` (the default) passes everything. */
  constructor(name = '') {
    this.name = name;
    this.nlen = name.length;
  }

  /**
   * Whether the record passes: an empty filter name passes all; an equal name passes;
   * otherwise the record's name must start with the filter's name followed by a `.`.
   * Subclasses may modify the record or return a replacement.
   */
  filter(record: LogRecord): FilterResult {
    const nlen = this.nlen;
    if (nlen === 0) return true;
    const rn = record.name;
    if (this.name === rn) return true;
    if (!rn.startsWith(this.name)) return false;
    return rn.charCodeAt(nlen) === 46; // '.'
  }
}

/** CPython's `Filterer`: the filter list shared by loggers and handlers. */
export class Filterer {
  /** The filters, applied in order. */
  filters: FilterLike[] = [];

  /** Adds `filter` unless it is already present. */
  addFilter(filter: FilterLike): void {
    if (!this.filters.includes(filter)) this.filters.push(filter);
  }

  /** Removes `filter` if present. */
  removeFilter(filter: FilterLike): void {
    const i = this.filters.indexOf(filter);
    if (i >= 0) this.filters.splice(i, 1);
  }

  /**
   * Applies every filter in order (Python 3.12 semantics): `false` as soon as one returns a
   * falsy value, otherwise the record — replaced by any `LogRecord` a filter returned, which
   * the later filters then see. An object with a `filter` method is called through it, any
   * other value is called as a function.
   */
  filter(record: LogRecord): LogRecord | false {
    const filters = this.filters;
    for (let i = 0; i < filters.length; i++) {
      const f = filters[i] as FilterObject & FilterFunction;
      const result = typeof f.filter === 'function' ? f.filter(record) : f(record);
      if (!result) return false;
      if (result instanceof LogRecord) record = result;
    }
    return record;
  }
}
