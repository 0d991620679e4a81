import { CRITICAL, DEBUG, ERROR, INFO, WARNING } from './levels.js';

/**
 * The disabled-call fast path of loggers. A logger caches `isEnabledFor` answers per level
 * (CPython's `Logger._cache`); while the cached answer for a standard level is false, or the
 * logger is disabled, that level's method on the instance is this module's no-op, so a call
 * below the level costs a property load and an empty call. The swap follows the cache
 * exactly, so CPython's semantics (stale answers after a direct `manager.disable` included)
 * are unchanged.
 */

/** What the fast path needs from a logger. @internal */
export interface FastPathOwner {
  /** Backing field of `Logger.disabled`. */
  _disabled: boolean;
  /** The `isEnabledFor` cache. */
  _cache: LevelCache;
  /** Re-syncs the level methods with the cache (see `syncLevelMethods`). */
  _syncFastMethods(): void;
}

/** The level methods that can be swapped, and their levels. */
export type LevelMethod = 'debug' | 'info' | 'warning' | 'error' | 'critical';
const LEVEL_METHODS: readonly LevelMethod[] = ['debug', 'info', 'warning', 'error', 'critical'];
const METHOD_LEVELS: readonly number[] = [DEBUG, INFO, WARNING, ERROR, CRITICAL];

/** Stands in for a level method while the logger is known to be disabled for that level. */
function noop(): void {}

/**
 * A logger's `isEnabledFor` cache: level → answer. Clearing it (as `Manager._clear_cache`
 * does) also puts back the level methods that had been swapped for the no-op.
 * @internal
 */
export class LevelCache extends Map<number, boolean> {
  readonly #owner: FastPathOwner;
  constructor(owner: FastPathOwner) {
    super();
    this.#owner = owner;
  }
  override clear(): void {
    super.clear();
    this.#owner._syncFastMethods();
  }
}

/**
 * @internal Gives a new logger its own (non-enumerable) level-method properties, so that
 * they can be swapped without touching the class.
 */
export function installLevelMethods(logger: object): void {
  const proto = Object.getPrototypeOf(logger) as Record<LevelMethod, unknown>;
  for (const m of LEVEL_METHODS) {
    Object.defineProperty(logger, m, {
      value: proto[m],
      writable: true,
      configurable: true,
      enumerable: false,
    });
  }
}

/**
 * @internal Puts the no-op in place of each level method whose answer is known to be false
 * (the logger is disabled, or its cache says so) and the class's method back otherwise.
 * Only the base class's own methods are swapped (`base` is `Logger.prototype`), and only
 * while the class keeps the base `isEnabledFor`: methods a subclass overrides, or that were
 * replaced on the instance (spies), are left alone.
 */
export function syncLevelMethods(logger: FastPathOwner, base: object): void {
  const proto = Object.getPrototypeOf(logger) as Record<string, unknown>;
  const baseMethods = base as Record<string, unknown>;
  const eligible = proto.isEnabledFor === baseMethods.isEnabledFor;
  const self = logger as unknown as Record<LevelMethod, unknown>;
  for (let i = 0; i < LEVEL_METHODS.length; i++) {
    const m = LEVEL_METHODS[i]!;
    const real = proto[m];
    const current = self[m];
    if (current !== real && current !== noop) continue;
    const off =
      eligible &&
      real === baseMethods[m] &&
      (logger._disabled || logger._cache.get(METHOD_LEVELS[i]!) === false);
    const want = off ? noop : real;
    if (current !== want) self[m] = want;
  }
}
