import type { FilterLike, Handler, QueueListener } from '@logweave/core';

/** What the last applied configuration created, to carry unchanged handlers over. */
export interface AppliedHandler {
  readonly fingerprint: string;
  readonly handler: Handler;
}

/** @internal Process-wide state of `@logweave/config` (shared by duplicate copies). */
export interface ConfigState {
  /** Handlers built by the last non-incremental apply, by name. */
  handlers: Map<string, AppliedHandler>;
  /** Filters the last apply added to each logger (removed by the next apply). */
  loggerFilters: WeakMap<object, FilterLike[]>;
  /** Listeners started by configuration. */
  listeners: Set<QueueListener<unknown>>;
}

const key = Symbol.for('logweave.config.state');

/** @internal The shared state. */
export function configState(): ConfigState {
  const g = globalThis as unknown as Record<symbol, ConfigState | undefined>;
  let s = g[key];
  if (s === undefined) {
    s = { handlers: new Map(), loggerFilters: new WeakMap(), listeners: new Set() };
    g[key] = s;
  }
  return s;
}

const ids = new WeakMap<object, number>();
let nextId = 1;

/** A stable text of a configuration value (functions and objects by identity). */
export function fingerprintOf(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) => {
    if (
      typeof v === 'function' ||
      (v !== null &&
        typeof v === 'object' &&
        !Array.isArray(v) &&
        Object.getPrototypeOf(v) !== Object.prototype &&
        Object.getPrototypeOf(v) !== null)
    ) {
      let id = ids.get(v as object);
      if (id === undefined) {
        id = nextId++;
        ids.set(v as object, id);
      }
      return `#obj${id}`;
    }
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const sorted: Record<string, unknown> = {};
      for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
      return sorted;
    }
    if (v === undefined) return '#undefined';
    return v;
  });
}
