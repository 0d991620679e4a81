import { LoggingValueError } from './errors.js';
import { _STYLES, type FormatStyle, Formatter } from './formatter.js';
import type { Handler } from './handler.js';
import { FileHandler } from './handlers/file-handler.js';
import { StreamHandler } from './handlers/stream-handler.js';
import type { WritableLike } from './destination/node-stream-destination.js';
import type { Level } from './levels.js';
import type { Logger } from './logger.js';
import { getManager } from './manager.js';

/**
 * Options of {@link basicConfig}: CPython's keyword arguments. An option whose value is
 * `undefined` counts as not given; `null` is Python's `None` (given, but empty).
 */
export interface BasicConfigOptions {
  /** Log to this file through a {@link FileHandler} instead of a {@link StreamHandler}. */
  filename?: string | URL | null;
  /** The file's open mode. @default 'a' */
  filemode?: string;
  /** The format string. @default the style's basic format, `'%(levelname)s:%(name)s:%(message)s'` */
  format?: string;
  /** The `strftime` format for `asctime`. @default null (ISO-like, with milliseconds) */
  datefmt?: string | null;
  /** The format style. @default '%' */
  style?: FormatStyle;
  /** Sets the root logger's level. @default null (unchanged) */
  level?: Level | null;
  /** The StreamHandler's stream (not with `filename`). @default process.stderr */
  stream?: WritableLike | null;
  /** Handlers to add to the root logger; those without a formatter get the new one. */
  handlers?: Iterable<Handler> | null;
  /** Remove and close the root logger's handlers first. @default false */
  force?: boolean;
  /** The file's encoding (with `filename`). @default 'utf-8' */
  encoding?: string | null;
  /** The file's error handler (with `filename`, text mode). @default 'backslashreplace' */
  errors?: string | null;
}

/**
 * Does basic configuration for the logging system, as CPython 3.11's
 * `logging.basicConfig(**kwargs)`: when the root logger has no handlers (or `force`
 * removed and closed them), creates a {@link StreamHandler} on stderr (or `stream`), or a
 * {@link FileHandler} for `filename`, or takes `handlers`; gives every handler without a
 * formatter a `Formatter(format, datefmt, style)`; adds them to the root logger and sets
 * its `level`. Does nothing when the root logger already has handlers.
 *
 * Throws CPython's `ValueError`s: `'stream' and 'filename' should not be specified
 * together`, `'stream' or 'filename' should not be specified together with 'handlers'`,
 * `Style must be one of: %,{,$`, and, after configuring (as CPython),
 * `Unrecognised argument(s): a, b`.
 */
export function basicConfig(options: BasicConfigOptions = {}): void {
  const kwargs = new Map<string, unknown>();
  for (const key of Object.keys(options)) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) kwargs.set(key, value);
  }
  const pop = <T>(key: string, fallback: T): T => {
    if (!kwargs.has(key)) return fallback;
    const value = kwargs.get(key) as T;
    kwargs.delete(key);
    return value;
  };
  const root = getManager().root as Logger;
  const force = pop<unknown>('force', false);
  let encoding = pop<string | null>('encoding', null);
  let errors = pop<string | null>('errors', 'backslashreplace');
  if (force) {
    for (const h of [...root.handlers]) {
      root.removeHandler(h);
      h.close();
    }
  }
  if (root.handlers.length !== 0) return;
  let handlers = pop<Iterable<Handler> | null>('handlers', null);
  if (handlers === null) {
    if (kwargs.has('stream') && kwargs.has('filename')) {
      throw new LoggingValueError("'stream' and 'filename' should not be specified together");
    }
  } else if (kwargs.has('stream') || kwargs.has('filename')) {
    throw new LoggingValueError(
      "'stream' or 'filename' should not be specified together with 'handlers'",
    );
  }
  if (handlers === null) {
    const filename = pop<string | URL | null>('filename', null);
    const mode = pop('filemode', 'a');
    let h: Handler;
    if (filename) {
      if (mode.includes('b')) errors = null;
      else encoding ??= 'utf-8';
      h = new FileHandler(filename, mode, encoding, false, errors);
    } else {
      h = new StreamHandler(pop<WritableLike | null>('stream', null));
    }
    handlers = [h];
  }
  const dfs = pop<string | null>('datefmt', null);
  const style = pop<unknown>('style', '%');
  if (typeof style !== 'string' || !Object.hasOwn(_STYLES, style)) {
    throw new LoggingValueError(`Style must be one of: ${Object.keys(_STYLES).join(',')}`);
  }
  const fs = pop('format', _STYLES[style as FormatStyle][1]);
  const fmt = new Formatter(fs, dfs, style as FormatStyle);
  for (const h of handlers) {
    if (h.formatter === null) h.setFormatter(fmt);
    root.addHandler(h);
  }
  const level = pop<Level | null>('level', null);
  if (level !== null) root.setLevel(level);
  if (kwargs.size !== 0) {
    throw new LoggingValueError(`Unrecognised argument(s): ${[...kwargs.keys()].join(', ')}`);
  }
}
