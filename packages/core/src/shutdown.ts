import { addExitAction } from './destination/exit-hooks.js';
import type { Handler } from './handler.js';

// Handlers in creation order, as CPython's `_handlerList` (weak references).
const tracked: WeakRef<Handler>[] = [];
let pruneAt = 64;
let untrackedDepth = 0;

/**
 * @internal Called by `Handler`'s constructor: remembers the handler (creation order) for
 * `shutdown()` and, for the first handler, installs the exit hooks that run `shutdown()`
 * when the process ends (imports stay side-effect free).
 */
export function trackHandler(handler: Handler): void {
  if (untrackedDepth > 0) return;
  tracked.push(new WeakRef(handler));
  if (tracked.length >= pruneAt) prune();
  if (tracked.length === 1) addExitAction(shutdown);
}

/** @internal Runs `create` without tracking the handlers it constructs (for `lastResort`). */
export function untracked<T>(create: () => T): T {
  untrackedDepth++;
  try {
    return create();
  } finally {
    untrackedDepth--;
  }
}

function prune(): void {
  let j = 0;
  for (const ref of tracked) if (ref.deref() !== undefined) tracked[j++] = ref;
  tracked.length = j;
  pruneAt = Math.max(64, j * 2);
}

/**
 * Flushes and closes every handler still alive, newest first, as `logging.shutdown()`.
 * Runs automatically when the process exits (normal end, `process.exit()`, an uncaught
 * exception or unhandled rejection) and on SIGTERM/SIGINT/SIGHUP without a listener.
 * Errors from `flush()`/`close()` are ignored, as CPython ignores them at exit.
 * @param handlerList the handlers to shut down (CPython's parameter); every tracked
 *   handler by default.
 */
export function shutdown(handlerList: readonly (Handler | WeakRef<Handler>)[] = tracked): void {
  for (let i = handlerList.length - 1; i >= 0; i--) {
    const entry = handlerList[i];
    const h = entry instanceof WeakRef ? entry.deref() : entry;
    if (h === undefined) continue;
    try {
      h.flush();
      h.close();
    } catch {
      // Handlers may already be closed, or their files gone: ignore, as CPython does.
    }
  }
}
