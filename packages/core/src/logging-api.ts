import { basicConfig } from './basic-config.js';
import { addExceptionInfo } from './call-arguments.js';
import { registerLoggingSourceFile } from './caller.js';
import { CRITICAL, type Level } from './levels.js';
import type { Logger } from './logger.js';
import { getManager } from './manager.js';
import type { RootLogger } from './root-logger.js';

registerLoggingSourceFile(import.meta.url);

/** The root logger of the process-wide tree (CPython's `logging.root`). */
export const root: RootLogger = getManager().root as RootLogger;

/**
 * The logger named `name`, created if needed, as `logging.getLogger`: no name, `''` or
 * `'root'` give the root logger; dotted names (`'app.db'`) place it in the tree.
 */
export function getLogger(name?: string | null): Logger {
  if (!name || name === root.name) return root;
  return getManager().getLogger(name);
}

/** CPython's module-level functions configure the root logger first when it has no handler. */
function ensureConfigured(): void {
  if (root.handlers.length === 0) basicConfig();
}

/** Logs at CRITICAL on the root logger (running `basicConfig()` first if it has no handler). */
export function critical(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.critical(msg, ...args);
}

/** Python's alias of `critical`. */
export function fatal(msg: unknown, ...args: unknown[]): void {
  critical(msg, ...args);
}

/** Logs at ERROR on the root logger (running `basicConfig()` first if it has no handler). */
export function error(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.error(msg, ...args);
}

/**
 * Logs at ERROR with `exc_info` defaulting to true on the root logger (see
 * `Logger.exception`): `exception(err)`.
 */
export function exception(msg: unknown, ...args: unknown[]): void {
  addExceptionInfo(msg, args);
  error(msg, ...args);
}

/** Logs at WARNING on the root logger (running `basicConfig()` first if it has no handler). */
export function warning(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.warning(msg, ...args);
}

/** @deprecated Python's deprecated alias of `warning`. */
export function warn(msg: unknown, ...args: unknown[]): void {
  warning(msg, ...args);
}

/** Logs at INFO on the root logger (running `basicConfig()` first if it has no handler). */
export function info(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.info(msg, ...args);
}

/** Logs at DEBUG on the root logger (running `basicConfig()` first if it has no handler). */
export function debug(msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.debug(msg, ...args);
}

/** Logs at `level` on the root logger (running `basicConfig()` first if it has no handler). */
export function log(level: number, msg: unknown, ...args: unknown[]): void {
  ensureConfigured();
  root.log(level, msg, ...args);
}

/**
 * Drops every record at or below `level` on every logger, as `logging.disable`
 * (`disable(NOTSET)` undoes it). Clears the loggers' level caches.
 */
export function disable(level: Level = CRITICAL): void {
  const manager = root.manager;
  manager.disable = level;
  manager._clear_cache();
}
