import type { Handler } from './handler.js';

/**
 * @internal A process-wide (per-isolate) state object stored on `globalThis` under
 * `Symbol.for(key)`, so that duplicate copies of core share one logging system.
 */
export function sharedState<T extends object>(key: string, init: () => T): T {
  const sym = Symbol.for(key);
  const g = globalThis as unknown as Record<symbol, T | undefined>;
  let state = g[sym];
  if (state === undefined) {
    state = init();
    g[sym] = state;
  }
  return state;
}

/**
 * The module-level switches of CPython's `logging` (`logging.raiseExceptions`,
 * `logging.logThreads`, …). ESM bindings cannot be assigned from outside, so they live on
 * this one mutable object: `settings.raiseExceptions = false`.
 */
export interface LoggingSettings {
  /**
   * When true, `Handler.handleError()` prints the `--- Logging error ---` report to stderr
   * and `Logger.log()` throws on a non-integer level. Set it to false in production to make
   * logging errors silent, as in Python.
   * @default true
   */
  raiseExceptions: boolean;
  /**
   * When false, records carry `thread` and `threadName` = null.
   * @default true
   */
  logThreads: boolean;
  /**
   * When false, records carry `process` = null.
   * @default true
   */
  logProcesses: boolean;
  /**
   * When false, records carry `processName` = null.
   * @default true
   */
  logMultiprocessing: boolean;
  /**
   * When false, records carry `taskName` = null without asking the task-name provider.
   * @default true
   */
  logAsyncioTasks: boolean;
  /**
   * When true, loggers capture the caller fields (`pathname`, `filename`, `module`, `lineno`,
   * `funcName`) for every record. A `Formatter` whose format uses one of them turns it on
   * through `requestCallerInfo()`; otherwise records carry CPython's fallback values
   * (`'(unknown file)'`, 0, `'(unknown function)'`) and logging pays nothing for the stack.
   * @default false
   */
  captureCaller: boolean;
  /**
   * CPython's `logging.lastResort`: the handler used when a record finds no handler at all
   * on its way up the tree; null to fall back to the one-off
   * `No handlers could be found for logger "x"` message. Defaults to the `lastResort`
   * handler from `handlers/last-resort.ts`.
   */
  lastResort: Handler | null;
}

/** The shared settings object (see `LoggingSettings`). */
export const settings: LoggingSettings = sharedState<LoggingSettings>('logweave.settings', () => ({
  raiseExceptions: true,
  logThreads: true,
  logProcesses: true,
  logMultiprocessing: true,
  logAsyncioTasks: true,
  captureCaller: false,
  // Filled in by logger.ts with the default last-resort handler (see there).
  lastResort: undefined as unknown as Handler | null,
}));

/** @internal Restores every setting except `captureCaller` and `lastResort` to its default. */
export function resetSettings(): void {
  settings.raiseExceptions = true;
  settings.logThreads = true;
  settings.logProcesses = true;
  settings.logMultiprocessing = true;
  settings.logAsyncioTasks = true;
}
