import { levelNameOf } from './levels.js';
import { runtimeIdentity } from './runtime-identity.js';
import { settings, sharedState } from './settings.js';
import { percentFormat } from './text/percent-format.js';
import { pyStr } from './text/py-repr.js';

/**
 * What `exc_info` holds on a record: the thrown value (usually an `Error`), or null.
 * (Python stores a `(type, value, traceback)` tuple; a JavaScript error carries its own stack.)
 */
export type ExcInfo = unknown;

/** Positional/mapping arguments of a record: Python's args tuple, or the single mapping. */
export type LogArgs = readonly unknown[] | Record<string, unknown>;

/** Time the logging module was loaded, in ms since the epoch (Python's `_startTime`). */
export const startTime: number = Date.now();

const UNKNOWN_FILE = '(unknown file)';

// One-entry cache of pathname -> (filename, module): records from one call site repeat it.
let lastPathname = UNKNOWN_FILE;
let lastFilename = UNKNOWN_FILE;
let lastModule = UNKNOWN_FILE;

/** `os.path.splitext(name)[0]`: strips the last extension, ignoring leading dots. */
function stripExtension(filename: string): string {
  const dot = filename.lastIndexOf('.');
  if (dot <= 0) return filename;
  for (let i = 0; i < dot; i++) {
    if (filename.charCodeAt(i) !== 46) return filename.slice(0, dot);
  }
  return filename;
}

/**
 * One logging event, with every attribute of CPython's `LogRecord` (names unchanged: they
 * appear in format strings, configs and on the wire). Extra attributes (`extra`, filters,
 * `makeLogRecord`) are set as own properties.
 */
export class LogRecord {
  [key: string]: unknown;
  /** The logger's name. */
  name: string;
  /** The message format (usually a string; `str(msg)` is used). */
  msg: unknown;
  /** The `%` arguments: the args tuple, or the single mapping (see the constructor). */
  args: LogArgs | null;
  /** The level's name (`'INFO'`, `'Level 25'`). */
  levelname: string;
  /** The numeric level. */
  levelno: number;
  /** Full path of the source file of the logging call, or `'(unknown file)'`. */
  pathname: string;
  /** The last component of `pathname`. */
  filename: string;
  /** `filename` without its extension. */
  module: string;
  /** The thrown value to report with the record, or null. */
  exc_info: ExcInfo;
  /** Cached traceback text (set by `Formatter.format`). */
  exc_text: string | null;
  /** Stack text when the call asked for `stack_info`. */
  stack_info: string | null;
  /** Line number of the logging call, or 0. */
  lineno: number;
  /** Function of the logging call, `'<module>'` at top level, or `'(unknown function)'`. */
  funcName: string | null;
  /** Creation time in seconds since the epoch (a float, like `time.time()`). */
  created: number;
  /** Milliseconds part of `created`, computed as CPython 3.11 does. */
  msecs: number;
  /** Milliseconds since the logging module was loaded. */
  relativeCreated: number;
  /** The worker `threadId` (0 on the main thread), or null when `logThreads` is off. */
  thread: number | null;
  /** `'MainThread'` or the worker's name, or null when `logThreads` is off. */
  threadName: string | null;
  /** `'MainProcess'` or this process's name, or null when `logMultiprocessing` is off. */
  processName: string | null;
  /** The pid, or null when `logProcesses` is off. */
  process: number | null;
  /** The current task name from the task-name provider, or null. */
  taskName: string | null;
  /** Set by `Formatter.format`. */
  declare message?: string;
  /** Set by `Formatter.format` when the format uses it. */
  declare asctime?: string;

  /**
   * CPython's positional constructor. A single non-empty plain-object argument becomes the
   * mapping for `%(key)s` formats (the single-mapping rule): `args` = that object.
   */
  constructor(
    name: string,
    level: number,
    pathname: string,
    lineno: number,
    msg: unknown,
    args: LogArgs | null | undefined,
    exc_info: ExcInfo,
    func: string | null = null,
    sinfo: string | null = null,
  ) {
    const now = Date.now();
    this.name = name;
    this.msg = msg;
    if (Array.isArray(args) && args.length === 1 && isNonEmptyMapping(args[0])) {
      args = args[0] as Record<string, unknown>;
    }
    this.args = args ?? null;
    this.levelname = levelNameOf(level);
    this.levelno = level;
    this.pathname = pathname;
    if (pathname !== lastPathname) {
      const slash = pathname.lastIndexOf('/');
      lastFilename = slash < 0 ? pathname : pathname.slice(slash + 1);
      lastModule = stripExtension(lastFilename);
      lastPathname = pathname;
    }
    this.filename = lastFilename;
    this.module = lastModule;
    this.exc_info = exc_info === undefined ? null : exc_info;
    this.exc_text = null;
    this.stack_info = sinfo;
    this.lineno = lineno;
    this.funcName = func;
    const created = now / 1000;
    this.created = created;
    // CPython 3.11's arithmetic, float quirks included (1700000000.123 gives 122).
    this.msecs = Math.trunc((created - Math.trunc(created)) * 1000);
    this.relativeCreated = now - startTime;
    const id = runtimeIdentity();
    const s = settings;
    if (s.logThreads) {
      this.thread = id.thread;
      this.threadName = id.threadName;
    } else {
      this.thread = null;
      this.threadName = null;
    }
    this.processName = s.logMultiprocessing ? id.processName : null;
    this.process = s.logProcesses ? id.process : null;
    this.taskName = id.taskNameProvider === null || !s.logAsyncioTasks ? null : taskName();
  }

  /** The message with its arguments merged: `str(msg) % args`, as `LogRecord.getMessage()`. */
  getMessage(): string {
    const msg = typeof this.msg === 'string' ? this.msg : pyStr(this.msg);
    const args = this.args;
    // Python's `if self.args:`; a Map (the unwrapped single mapping) is truthy when non-empty.
    if (args === null || (args instanceof Map ? args.size === 0 : !hasItems(args))) return msg;
    return percentFormat(msg, args);
  }

  /** Python's `repr(record)`: `<LogRecord: name, levelno, pathname, lineno, "msg">`. */
  toString(): string {
    return `<LogRecord: ${this.name}, ${this.levelno}, ${this.pathname}, ${this.lineno}, "${pyStr(this.msg)}">`;
  }
}

function taskName(): string | null {
  try {
    return runtimeIdentity().taskNameProvider?.() ?? null;
  } catch {
    return null;
  }
}

function isNonEmptyMapping(v: unknown): boolean {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  if (proto !== Object.prototype && proto !== null) return false;
  for (const _ in v) return true;
  return false;
}

function hasItems(args: LogArgs): boolean {
  if (Array.isArray(args)) return args.length > 0;
  for (const _ in args) return true;
  return false;
}

/**
 * A callable that builds records, with `LogRecord`'s positional signature: a function, or a
 * `LogRecord` subclass (called with `new`).
 */
export type LogRecordFactory =
  | ((...args: LogRecordFactoryArgs) => LogRecord)
  | (new (
      ...args: LogRecordFactoryArgs
    ) => LogRecord);

/** `LogRecord`'s positional constructor parameters, which every record factory accepts. */
export type LogRecordFactoryArgs = [
  name: string,
  level: number,
  pathname: string,
  lineno: number,
  msg: unknown,
  args: LogArgs | null,
  exc_info: ExcInfo,
  func?: string | null,
  sinfo?: string | null,
];

/** @internal The current record factory (shared by all copies of core). */
export interface RecordFactoryState {
  /** What `getLogRecordFactory()` returns. */
  factory: LogRecordFactory;
  /** True when `factory` must be called with `new`. */
  construct: boolean;
}

/** @internal */
export const recordFactoryState: RecordFactoryState = sharedState<RecordFactoryState>(
  'logweave.recordFactory',
  () => ({ factory: LogRecord, construct: true }),
);

/** @internal Builds a record with the current factory. */
export function createRecord(
  name: string,
  level: number,
  pathname: string,
  lineno: number,
  msg: unknown,
  args: LogArgs | null,
  exc_info: ExcInfo,
  func: string | null,
  sinfo: string | null,
): LogRecord {
  const st = recordFactoryState;
  const f = st.factory;
  if (f === LogRecord) {
    return new LogRecord(name, level, pathname, lineno, msg, args, exc_info, func, sinfo);
  }
  if (st.construct) {
    const C = f as new (...a: unknown[]) => LogRecord;
    return new C(name, level, pathname, lineno, msg, args, exc_info, func, sinfo);
  }
  const fn = f as (...a: unknown[]) => LogRecord;
  return fn(name, level, pathname, lineno, msg, args, exc_info, func, sinfo);
}

/**
 * Builds a record from a plain object of attributes (as received over a queue or socket),
 * as `logging.makeLogRecord`: a blank record from the current factory whose attributes are
 * then overwritten. (CPython's blank record has name/level None; here `''` and NOTSET.)
 */
export function makeLogRecord(dict: Record<string, unknown>): LogRecord {
  const rv = createRecord('', 0, '', 0, '', [], null, null, null);
  Object.assign(rv, dict);
  return rv;
}
