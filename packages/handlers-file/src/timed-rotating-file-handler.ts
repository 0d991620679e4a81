import { fstatSync, readdirSync, statSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import {
  gmtime,
  type LogRecord,
  LoggingTypeError,
  LoggingValueError,
  localtime,
  type StructTime,
  strftime,
} from '@logweave/core';
import { BaseRotatingHandler, type BaseRotatingOptions } from './base-rotating-handler.js';

const MIDNIGHT = 24 * 60 * 60;

/** Python's `datetime.time` as far as `atTime` uses it; a string is `'HH:MM'` or `'HH:MM:SS'`. */
export type AtTime = { hour?: number; minute?: number; second?: number } | string;

/** Options of {@link TimedRotatingFileHandler} (the same as its positional parameters). */
export interface TimedRotatingFileHandlerOptions extends Omit<BaseRotatingOptions, 'mode'> {
  /** `S`, `M`, `H`, `D`, `midnight` or `W0`–`W6` (Monday is 0), in any case. @default 'h' */
  when?: string;
  /** How many `when` units per period. @default 1 */
  interval?: number;
  /** How many backups to keep (0: all). @default 0 */
  backupCount?: number;
  /** Periods and backup names in UTC instead of local time. @default false */
  utc?: boolean;
  /** For `midnight` and `W0`–`W6`: the time of day of the rollover instead of midnight. @default null */
  atTime?: AtTime | null;
  /**
   * The clock, in seconds since the epoch (Python's `time.time()`); tests pass a fake one.
   * @default () => Date.now() / 1000
   */
  clock?: () => number;
  /**
   * Also roll over on time when nothing is written (a timer, unref'd so it never keeps the
   * process alive). A period in which nothing was written leaves no backup.
   * @default false
   */
  rolloverTimer?: boolean;
}

interface Unit {
  seconds: number;
  suffix: string;
  ext: string;
}

const UNITS: Record<string, Unit> = {
  S: { seconds: 1, suffix: '%Y-%m-%d_%H-%M-%S', ext: '\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}-\\d{2}' },
  M: { seconds: 60, suffix: '%Y-%m-%d_%H-%M', ext: '\\d{4}-\\d{2}-\\d{2}_\\d{2}-\\d{2}' },
  H: { seconds: 3600, suffix: '%Y-%m-%d_%H', ext: '\\d{4}-\\d{2}-\\d{2}_\\d{2}' },
  D: { seconds: MIDNIGHT, suffix: '%Y-%m-%d', ext: '\\d{4}-\\d{2}-\\d{2}' },
  MIDNIGHT: { seconds: MIDNIGHT, suffix: '%Y-%m-%d', ext: '\\d{4}-\\d{2}-\\d{2}' },
  W: { seconds: 7 * MIDNIGHT, suffix: '%Y-%m-%d', ext: '\\d{4}-\\d{2}-\\d{2}' },
};

function parseAtTime(at: AtTime | null): { hour: number; minute: number; second: number } | null {
  if (at === null || at === undefined) return null;
  let parts: [number, number, number];
  if (typeof at === 'string') {
    const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(at);
    if (m === null)
      throw new LoggingValueError(`atTime must be 'HH:MM' or 'HH:MM:SS', not '${at}'`);
    parts = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  } else if (typeof at === 'object') {
    parts = [at.hour ?? 0, at.minute ?? 0, at.second ?? 0];
  } else {
    throw new LoggingTypeError(`atTime must be a time of day, not ${String(at)}`);
  }
  const [hour, minute, second] = parts;
  const ok = (v: number, max: number): boolean => Number.isInteger(v) && v >= 0 && v <= max;
  if (!ok(hour, 23) || !ok(minute, 59) || !ok(second, 59)) {
    throw new LoggingValueError(`atTime out of range: ${JSON.stringify(at)}`);
  }
  return { hour, minute, second };
}

/**
 * CPython's `logging.handlers.TimedRotatingFileHandler`, with the rollover times of CPython
 * 3.13 (including the 2024 fixes gh-88352 and gh-90535): at each period's end the file is
 * renamed to `filename.<period start>` (`%Y-%m-%d_%H-%M-%S` … `%Y-%m-%d`, through the
 * `namer`), and with `backupCount` N only the N newest of this handler's own backups are
 * kept, found by scanning the directory (so backups from earlier runs count). The first
 * rollover is computed from the existing file's modification time, so a process restarted
 * every day still rolls the previous day's file over on its first record.
 *
 * Deliberate differences: when the backup name for the period already exists (another
 * process rolled the shared file over, or the clock went back), CPython 3.13 leaves the
 * handler writing to the renamed file and retries on every record; here the handler
 * reopens the file when someone else rotated it, otherwise keeps writing to the current
 * file, and in both cases moves on to the next period. `rolloverTimer` adds an opt-in timer.
 */
export class TimedRotatingFileHandler extends BaseRotatingHandler {
  /** The unit, upper-cased: `S`, `M`, `H`, `D`, `MIDNIGHT` or `W0`–`W6`. */
  when: string;
  /** The period in seconds. */
  interval: number;
  /** The number of backups kept (0: all). */
  backupCount: number;
  /** Whether times are UTC. */
  utc: boolean;
  /** The time of day of `MIDNIGHT`/`Wx` rollovers, or null for midnight. */
  atTime: { hour: number; minute: number; second: number } | null;
  /** The day of week for `Wx` (0 is Monday). */
  dayOfWeek = 0;
  /** The `strftime` format of backup suffixes. */
  suffix: string;
  /** CPython 3.13's `extMatch`: finds a suffix inside a file name (no digits around it). */
  extMatch: RegExp;
  /** The next rollover time, in whole seconds since the epoch. */
  rolloverAt: number;
  readonly #clock: () => number;
  readonly #fullMatch: RegExp;
  #timer: NodeJS.Timeout | null = null;
  #timerStopped = false;

  /**
   * @param filename the file to write.
   * @param when the unit (see {@link TimedRotatingFileHandlerOptions.when}), or the options.
   * @throws LoggingValueError for an unknown `when`, a bad `interval` or `atTime`.
   */
  constructor(
    filename: string | URL,
    when: string | TimedRotatingFileHandlerOptions = 'h',
    interval = 1,
    backupCount = 0,
    encoding: string | null = null,
    delay = false,
    utc = false,
    atTime: AtTime | null = null,
    errors: string | null = null,
  ) {
    let clock: () => number = () => Date.now() / 1000;
    let timer = false;
    let retry: number | undefined;
    if (typeof when === 'object') {
      const o = when;
      ({ interval = 1, backupCount = 0, encoding = null, delay = false } = o);
      ({ utc = false, atTime = null, errors = null } = o);
      clock = o.clock ?? clock;
      timer = o.rolloverTimer ?? false;
      retry = o.rolloverRetryDelay;
      when = o.when ?? 'h';
    }
    if (typeof when !== 'string') throw new LoggingTypeError(`when must be a string, not ${when}`);
    const upper = when.toUpperCase();
    let unit: Unit | undefined;
    let dayOfWeek = 0;
    if (upper.startsWith('W')) {
      if (upper.length !== 2) {
        throw new LoggingValueError(
          `You must specify a day for weekly rollover from 0 to 6 (0 is Monday): ${upper}`,
        );
      }
      const d = upper[1]!;
      if (d < '0' || d > '6') {
        throw new LoggingValueError(`Invalid day specified for weekly rollover: ${upper}`);
      }
      dayOfWeek = Number(d);
      unit = UNITS.W;
    } else {
      unit = Object.hasOwn(UNITS, upper) ? UNITS[upper] : undefined;
    }
    if (unit === undefined) {
      throw new LoggingValueError(`Invalid rollover interval specified: ${upper}`);
    }
    if (!Number.isInteger(interval) || interval < 1) {
      throw new LoggingValueError(`interval must be a positive integer, not ${String(interval)}`);
    }
    const at = parseAtTime(atTime);
    super(filename, {
      mode: 'a',
      encoding,
      delay,
      errors,
      ...(retry === undefined ? {} : { rolloverRetryDelay: retry }),
    });
    this.#clock = clock;
    this.when = upper;
    this.backupCount = backupCount;
    this.utc = utc;
    this.atTime = at;
    this.dayOfWeek = dayOfWeek;
    this.suffix = unit.suffix;
    this.extMatch = new RegExp(`(?<!\\d)${unit.ext}(?!\\d)`, 'g');
    this.#fullMatch = new RegExp(`^${unit.ext}$`);
    this.interval = unit.seconds * interval;
    const st = statSync(this.baseFilename, { throwIfNoEntry: false });
    const t = st !== undefined ? Math.floor(st.mtimeMs / 1000) : Math.floor(this.now());
    this.rolloverAt = this.computeRollover(t);
    if (timer) this.#schedule();
  }

  /** The current time in seconds since the epoch (the `clock` option). */
  protected now(): number {
    return this.#clock();
  }

  /** CPython 3.13's `computeRollover(currentTime)`: the next rollover after `currentTime`. */
  computeRollover(currentTime: number): number {
    let result = currentTime + this.interval;
    if (this.when === 'MIDNIGHT' || this.when.startsWith('W')) {
      const t: StructTime = this.utc ? gmtime(currentTime) : localtime(currentTime);
      let currentDay = t.tm_wday;
      const rotateTs =
        this.atTime === null
          ? MIDNIGHT
          : (this.atTime.hour * 60 + this.atTime.minute) * 60 + this.atTime.second;
      let r = rotateTs - ((t.tm_hour * 60 + t.tm_min) * 60 + t.tm_sec);
      if (r <= 0) {
        // The rotation time is not after now: it is tomorrow.
        r += MIDNIGHT;
        currentDay = (currentDay + 1) % 7;
      }
      result = currentTime + r;
      if (this.when.startsWith('W')) {
        const day = currentDay;
        if (day !== this.dayOfWeek) {
          const daysToWait =
            day < this.dayOfWeek ? this.dayOfWeek - day : 6 - day + this.dayOfWeek + 1;
          result += daysToWait * MIDNIGHT;
        }
        result += this.interval - MIDNIGHT * 7;
      } else {
        result += this.interval - MIDNIGHT;
      }
      if (!this.utc) {
        const dstNow = t.tm_isdst;
        const dstAtRollover = localtime(result).tm_isdst;
        if (dstNow !== dstAtRollover) {
          let addend: number;
          if (!dstNow) {
            // DST kicks in before the next rollover: deduct an hour.
            addend = -3600;
            if (!localtime(result - 3600).tm_isdst) addend = 0;
          } else {
            // DST bows out before the next rollover: add an hour.
            addend = 3600;
          }
          result += addend;
        }
      }
    }
    return result;
  }

  /**
   * True once the clock reaches `rolloverAt`, unless the file is not a regular file (then
   * the next rollover time is computed and false returned), as CPython.
   */
  override shouldRollover(_record: LogRecord | null): boolean {
    const t = Math.floor(this.now());
    if (t >= this.rolloverAt) {
      if (!this.isRegularFile()) {
        this.rolloverAt = this.computeRollover(t);
        return false;
      }
      return true;
    }
    return false;
  }

  /**
   * CPython 3.13's `getFilesToDelete()`: this handler's own backups beyond the newest
   * `backupCount`, oldest first. Without a namer a backup is `<base>.<suffix>` exactly;
   * with one, a file is a backup when some date-time in its name, given to the namer,
   * yields that very name — so handlers with different namers never take each other's files.
   */
  getFilesToDelete(): string[] {
    const dirName = dirname(this.baseFilename);
    const baseName = basename(this.baseFilename);
    let result: string[] = [];
    const names = new Set(readdirSync(dirName));
    // Backups still being produced (compressed) count as present.
    for (const p of this.backupTracker?.pendingNames() ?? []) {
      if (dirname(p) === dirName) names.add(basename(p));
    }
    const namer = this.namer;
    if (namer === null) {
      const prefix = `${baseName}.`;
      for (const fileName of names) {
        if (fileName.startsWith(prefix) && this.#fullMatch.test(fileName.slice(prefix.length))) {
          result.push(join(dirName, fileName));
        }
      }
    } else {
      const re = this.extMatch;
      for (const fileName of names) {
        re.lastIndex = 0;
        let m = re.exec(fileName);
        while (m !== null) {
          const dfn = namer(`${this.baseFilename}.${m[0]}`);
          if (basename(dfn) === fileName) {
            result.push(join(dirName, fileName));
            break;
          }
          re.lastIndex = m.index + 1;
          m = re.exec(fileName);
        }
      }
    }
    if (result.length < this.backupCount) return [];
    result.sort();
    result = result.slice(0, result.length - this.backupCount);
    return result;
  }

  /**
   * The name `doRollover()` gives the file when rolling over at `currentTime`: the start of
   * the period that ends at `rolloverAt` (shifted by an hour when DST changed between then
   * and now, as CPython), formatted with `suffix`, through `rotation_filename()`.
   */
  rolloverFilename(currentTime: number): string {
    const t = this.rolloverAt - this.interval;
    let timeTuple: StructTime;
    if (this.utc) {
      timeTuple = gmtime(t);
    } else {
      timeTuple = localtime(t);
      const dstNow = localtime(currentTime).tm_isdst;
      if (dstNow !== timeTuple.tm_isdst) timeTuple = localtime(t + (dstNow ? 3600 : -3600));
    }
    return this.rotation_filename(`${this.baseFilename}.${strftime(this.suffix, timeTuple)}`);
  }

  /**
   * CPython 3.13's `doRollover()`: renames the file for the period that ends (its start,
   * corrected across a DST change), deletes backups beyond `backupCount`, opens a new file
   * unless `delay`, and computes the next rollover from now. Never overwrites an existing
   * backup (see the class notes).
   */
  override doRollover(): void {
    const currentTime = Math.floor(this.now());
    const dfn = this.rolloverFilename(currentTime);
    if (this.backupExists(dfn)) {
      // Already rolled over: never overwrite. Follow the file if someone else rotated it.
      if (this.stream !== null && !this.#streamIsBaseFile()) this.#reopen();
      this.rolloverAt = this.computeRollover(currentTime);
      return;
    }
    const stream = this.stream;
    if (stream !== null) {
      this.stream = null;
      stream.closeSync();
    }
    this.rotate(this.baseFilename, dfn);
    if (this.backupCount > 0) {
      for (const s of this.getFilesToDelete()) this.removeBackup(s);
    }
    if (!this.delay) this.stream = this._open();
    this.rolloverAt = this.computeRollover(currentTime);
  }

  /** Stops the rollover timer, then closes as `FileHandler.close()`. */
  override close(): void {
    this.#timerStopped = true;
    if (this.#timer !== null) {
      clearTimeout(this.#timer);
      this.#timer = null;
    }
    super.close();
  }

  #streamIsBaseFile(): boolean {
    const st = statSync(this.baseFilename, { throwIfNoEntry: false });
    if (st === undefined || this.stream === null) return false;
    const own = fstatSync(this.stream.fd);
    return own.ino === st.ino && own.dev === st.dev;
  }

  #reopen(): void {
    const stream = this.stream;
    this.stream = null;
    stream?.closeSync();
    this.stream = this._open();
  }

  #schedule(): void {
    if (this.#timerStopped) return;
    const ms = Math.min(Math.max(0, (this.rolloverAt - this.now()) * 1000), 2 ** 31 - 1);
    this.#timer = setTimeout(() => this.#onTimer(), ms);
    this.#timer.unref();
  }

  #onTimer(): void {
    this.#timer = null;
    if (this.#timerStopped) return;
    if (this.shouldRollover(null)) {
      if (this.streamPosition() > 0 || fileSize(this.baseFilename) > 0) this.tryRollover(null);
      else this.rolloverAt = this.computeRollover(Math.floor(this.now()));
    }
    this.#schedule();
  }
}

function fileSize(path: string): number {
  return statSync(path, { throwIfNoEntry: false })?.size ?? 0;
}
