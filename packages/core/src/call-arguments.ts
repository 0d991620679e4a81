import { brandKw, isKw, type Kw, kw } from './kwargs.js';
import { type ExcInfo, LogRecord } from './record.js';
import { percentArgCount } from './text/percent-format.js';

const { types } = process.getBuiltinModule('node:util');

/**
 * The Node habits a logging call accepts beyond CPython's signature (the "Coming from pino /
 * winston / console" rules of core's README). CPython answers each of them with a
 * `--- Logging error ---` block or silently drops a value; here they do what the caller meant:
 *
 * 1. An `Error` left over after the message's `%` placeholders becomes the record's
 *    `exc_info` (unless the call's `kw()` gave one): `log.error('upload failed', err)`,
 *    `log.warning('retry %s', url, err)`.
 * 2. An `Error` as the message becomes `exc_info` too (`log.error(err)`).
 * 3. A single plain object after a message with no placeholder at all
 *    (`log.info('user logged in', { user, id })`) keeps its fields: each becomes an
 *    attribute of the record, as `extra` would make it — except the keyword names
 *    `exc_info`, `extra`, `stack_info` and `stacklevel`, which mean what they mean in `kw()`
 *    (so `log.error('x', { exc_info: err })` works as `kw()` would). A field named like a
 *    record attribute (`name`, `msg`, `levelname`, `message`, …) is stored with a trailing
 *    underscore (`name_`) instead of overwriting it.
 *
 * @module
 */

/** The keyword names of a logging call. */
const KEYWORDS: ReadonlySet<string> = new Set(['exc_info', 'extra', 'stack_info', 'stacklevel']);

let recordKeys: ReadonlySet<string> | undefined;

/** The attributes of a plain `LogRecord`, plus `message` and `asctime` (set by formatters). */
export function recordAttributeNames(): ReadonlySet<string> {
  recordKeys ??= new Set([
    ...Object.keys(new LogRecord('', 0, '', 0, '', null, null)),
    'message',
    'asctime',
  ]);
  return recordKeys;
}

/** Whether `v` is an `Error` (from this realm or another). */
export function isError(v: unknown): v is Error {
  return v instanceof Error || types.isNativeError(v);
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** The keywords of a call after the Node habits were applied, with its remaining arguments. */
export interface ResolvedCall {
  args: unknown[];
  exc_info: ExcInfo;
  extra: Readonly<Record<string, unknown>> | null;
  stack_info: boolean;
  stacklevel: number;
}

/**
 * @internal Whether `_log` must run `resolveCall`: the last argument is an object, or the
 * message is an `Error` and no `exc_info` was given. One or two type checks on the hot path.
 */
export function needsResolve(msg: unknown, args: unknown, exc_info: ExcInfo): boolean {
  if (Array.isArray(args)) {
    const n = args.length;
    if (n !== 0) {
      const last = args[n - 1];
      if (typeof last === 'object' && last !== null) return true;
    }
  }
  return (
    typeof msg === 'object' &&
    msg !== null &&
    (exc_info === null || exc_info === undefined) &&
    isError(msg)
  );
}

/**
 * @internal Applies the Node habits (see the module comment) to a call's arguments and
 * keywords. `exc_info` null/undefined means "not given"; `true` means "the error among the
 * arguments". The arguments are copied, never modified.
 */
export function resolveCall(
  msg: unknown,
  argsIn: readonly unknown[],
  exc_info: ExcInfo,
  extra: Readonly<Record<string, unknown>> | null,
  stack_info: boolean,
  stacklevel: number,
): ResolvedCall {
  let args = argsIn as unknown[];
  const open = exc_info === null || exc_info === undefined || exc_info === true;
  const n = args.length;
  const needed = typeof msg === 'string' ? percentArgCount(msg) : 0;
  const last = n === 0 ? undefined : args[n - 1];
  // 1. An Error after the placeholders' arguments (a `%(key)` format takes one mapping).
  if (open && n > (needed < 0 ? 1 : needed) && isError(last)) {
    args = args.slice(0, n - 1);
    exc_info = last;
  } else if (
    // 3. A single plain object after a message without placeholders: its fields are kept.
    n === 1 &&
    needed === 0 &&
    typeof msg === 'string' &&
    isPlainObject(last)
  ) {
    const reserved = recordAttributeNames();
    let fields: Record<string, unknown> | null = null;
    for (const key of Object.keys(last)) {
      const value = last[key];
      if (KEYWORDS.has(key)) {
        if (key === 'exc_info') {
          if (open && value !== undefined) exc_info = value;
        } else if (key === 'extra') {
          if (isPlainObject(value)) fields = Object.assign(fields ?? {}, value);
        } else if (key === 'stack_info') {
          stack_info = stack_info || Boolean(value);
        } else if (typeof value === 'number') {
          stacklevel = value;
        }
        continue;
      }
      fields ??= {};
      fields[reserved.has(key) ? `${key}_` : key] = value;
    }
    if (fields !== null)
      extra = extra === null || extra === undefined ? fields : { ...fields, ...extra };
  }
  // 2. An Error as the message.
  if ((exc_info === null || exc_info === undefined) && isError(msg)) exc_info = msg;
  return { args, exc_info, extra, stack_info, stacklevel };
}

const EXC_INFO_TRUE: Kw = kw({ exc_info: true });
const EXC_INFO_NONE: Kw = kw({ exc_info: null });

/**
 * @internal Adds `exception()`'s default `exc_info` to a call's arguments (in place):
 * `true` (the error among the arguments) — except for a call with nothing after the message
 * and no `Error` in it, where JavaScript has no current exception to report: a thrown
 * non-Error value (`log.exception({ code: 42 })`) is itself the `exc_info`, rendered as
 * `Thrown value: …`, and a string message (`log.exception('oops')`, CPython's
 * `NoneType: None`) gets none.
 */
export function addExceptionInfo(msg: unknown, args: unknown[]): void {
  const n = args.length;
  const last = n === 0 ? undefined : args[n - 1];
  if (isKw(last)) {
    if (last.exc_info === undefined) {
      args[n - 1] = brandKw({ ...last, exc_info: defaultExcInfo(msg, n - 1) });
    }
  } else if (n !== 0 || isError(msg)) {
    args.push(EXC_INFO_TRUE);
  } else {
    args.push(typeof msg === 'string' ? EXC_INFO_NONE : brandKw({ exc_info: msg }));
  }
}

function defaultExcInfo(msg: unknown, nargs: number): unknown {
  if (nargs !== 0 || isError(msg)) return true;
  return typeof msg === 'string' ? null : msg;
}
