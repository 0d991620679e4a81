import { AsyncResource } from 'node:async_hooks';
import type { EventEmitter } from 'node:events';

/**
 * Binds `fn` to the current async context (every `AsyncLocalStorage`, OpenTelemetry's
 * included): wherever it is called later, it sees the values current now. For callbacks
 * handed to code that runs them from another chain (connection pools, custom schedulers).
 */
export function bindContext<F extends (...args: any[]) => unknown>(fn: F): F {
  return AsyncResource.bind(fn) as unknown as F;
}

const BOUND = Symbol.for('logweave.boundEmitter');
const ADDERS = ['on', 'addListener', 'once', 'prependListener', 'prependOnceListener'] as const;
const REMOVERS = ['off', 'removeListener'] as const;

type Listener = (...args: unknown[]) => void;

/**
 * Makes every listener added to `emitter` from now on run in the async context current when
 * it was added, instead of the context of whatever emits the event (the I/O that feeds a
 * request body, a shared socket): the fix for context lost at stream and emitter boundaries
 * (nodejs/node #33723, expressjs/body-parser #422). `off`/`removeListener` take the original
 * listener. Binding the same emitter twice is a no-op. Returns the emitter.
 *
 * ```ts
 * requestId.run(id, () => {
 *   bindEmitter(req);
 *   req.on('end', () => log.info('body read'));   // still sees requestId
 * });
 * ```
 */
export function bindEmitter<E extends EventEmitter>(emitter: E): E {
  const target = emitter as E & { [BOUND]?: WeakMap<Listener, Listener> };
  if (target[BOUND] !== undefined) return emitter;
  const wrapped = new WeakMap<Listener, Listener>();
  Object.defineProperty(target, BOUND, { value: wrapped, enumerable: false });
  // once() adds its wrapper through on(): that inner call must not bind again.
  let adding = false;
  for (const method of ADDERS) {
    const original = target[method] as (event: string | symbol, l: Listener) => E;
    Object.defineProperty(target, method, {
      configurable: true,
      writable: true,
      enumerable: false,
      value(this: E, event: string | symbol, listener: Listener): E {
        if (adding || typeof listener !== 'function') return original.call(this, event, listener);
        const bound = AsyncResource.bind(listener) as Listener;
        // EventEmitter.listeners() and removeListener() look at `.listener`.
        Object.defineProperty(bound, 'listener', { value: listener });
        wrapped.set(listener, bound);
        adding = true;
        try {
          return original.call(this, event, bound);
        } finally {
          adding = false;
        }
      },
    });
  }
  for (const method of REMOVERS) {
    const original = target[method] as (event: string | symbol, l: Listener) => E;
    Object.defineProperty(target, method, {
      configurable: true,
      writable: true,
      enumerable: false,
      value(this: E, event: string | symbol, listener: Listener): E {
        return original.call(this, event, wrapped.get(listener) ?? listener);
      },
    });
  }
  return emitter;
}
