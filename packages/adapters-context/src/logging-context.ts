import type { Handler, Level, Logger } from '@logweave/core';
import { ContextConfigError } from './errors.js';

/** Options of a {@link LoggingContext}. */
export interface LoggingContextOptions {
  /** The level the logger has inside the scope. @default unchanged */
  level?: Level | null;
  /** A handler added to the logger inside the scope. @default none */
  handler?: Handler | null;
  /** Whether that handler is closed when the scope ends. @default true */
  close?: boolean;
}

/**
 * The cookbook's "context manager for selective logging": a level and/or handler applied to a
 * logger for the duration of a scope and undone afterwards — also when the scope throws.
 * Use `run(fn)` (sync or async `fn`), `using` / `await using`, or `enter()`/`exit()`.
 *
 * ```ts
 * new LoggingContext(logger, { level: DEBUG }).run(() => logger.debug('seen'));
 * {
 *   using _ = new LoggingContext(logger, { level: DEBUG, handler, close: true }).enter();
 *   logger.debug('seen too');
 * }
 * ```
 *
 * The change is to the logger itself, so other code running meanwhile (other async requests)
 * sees it too, as in Python.
 */
export class LoggingContext {
  /** The logger changed by the scope. */
  readonly logger: Logger;
  /** The level inside the scope, or null to keep the logger's. */
  readonly level: Level | null;
  /** The handler added inside the scope, or null. */
  readonly handler: Handler | null;
  /** Whether `handler` is closed on exit. */
  readonly close: boolean;
  #oldLevel: number | null = null;
  #entered = false;

  /** @param logger the logger to change; @param options see {@link LoggingContextOptions} */
  constructor(logger: Logger, options: LoggingContextOptions = {}) {
    if (logger === null || typeof logger !== 'object' || typeof logger.setLevel !== 'function') {
      throw new ContextConfigError('LoggingContext: logger must be a Logger');
    }
    this.logger = logger;
    this.level = options.level ?? null;
    this.handler = options.handler ?? null;
    this.close = options.close ?? true;
  }

  /** Applies the level and adds the handler (Python's `__enter__`); returns `this`. */
  enter(): this {
    if (this.#entered) throw new ContextConfigError('LoggingContext: already entered');
    this.#entered = true;
    if (this.level !== null) {
      this.#oldLevel = this.logger.level;
      this.logger.setLevel(this.level);
    }
    if (this.handler !== null) this.logger.addHandler(this.handler);
    return this;
  }

  /** Restores the level and removes (and closes) the handler (Python's `__exit__`). */
  exit(): void {
    if (!this.#entered) return;
    this.#entered = false;
    if (this.#oldLevel !== null) {
      this.logger.setLevel(this.#oldLevel);
      this.#oldLevel = null;
    }
    if (this.handler !== null) {
      this.logger.removeHandler(this.handler);
      if (this.close) {
        this.handler.flush();
        this.handler.close();
      }
    }
  }

  /**
   * Runs `fn` inside the scope and returns its result; when `fn` returns a promise the scope
   * ends when that promise settles.
   */
  run<R>(fn: () => R): R {
    this.enter();
    let result: R;
    try {
      result = fn();
    } catch (e) {
      this.exit();
      throw e;
    }
    if (result instanceof Promise) {
      return result.finally(() => this.exit()) as R;
    }
    this.exit();
    return result;
  }

  /** `using ctx = new LoggingContext(...).enter()` exits here. */
  [Symbol.dispose](): void {
    this.exit();
  }

  /** `await using` exits here. */
  async [Symbol.asyncDispose](): Promise<void> {
    this.exit();
  }
}
