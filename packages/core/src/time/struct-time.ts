/**
 * Python's `time.struct_time` as a plain object: the broken-down time that `localtime()` and
 * `gmtime()` return and `strftime()` formats. Field names and ranges are Python's (not C's):
 * months count from 1, weekdays from Monday = 0, year days from 1.
 *
 * Objects returned by `localtime`/`gmtime` are frozen (Python's `struct_time` is immutable),
 * which also lets them be cached and shared.
 */
export interface StructTime {
  /** The full year, e.g. 2024 (may be negative or beyond 9999). */
  readonly tm_year: number;
  /** Month, 1–12. */
  readonly tm_mon: number;
  /** Day of the month, 1–31. */
  readonly tm_mday: number;
  /** Hour, 0–23. */
  readonly tm_hour: number;
  /** Minute, 0–59. */
  readonly tm_min: number;
  /** Second, 0–61 (60 and 61 only for leap seconds, e.g. under `TZ=right/UTC`). */
  readonly tm_sec: number;
  /** Day of the week, Python's numbering: 0 = Monday … 6 = Sunday. */
  readonly tm_wday: number;
  /** Day of the year, 1–366. */
  readonly tm_yday: number;
  /** 1 when daylight saving time is in effect, 0 when not, -1 when unknown. */
  readonly tm_isdst: number;
  /**
   * Time zone abbreviation (`EST`, `EDT`, `IST`, `BST`, `UTC`; `GMT` for `gmtime`). An empty
   * string stands for Python's `None`: `%Z` then falls back to the local zone's name.
   */
  readonly tm_zone: string;
  /** Offset from UTC in seconds, east positive (`-18000` for EST). */
  readonly tm_gmtoff: number;
}
