/** Something holding buffered output that must be written before the process ends. */
export interface PendingFlush {
  /** Writes the buffered output synchronously. */
  flushSync(): void;
}

// Signals whose default action ends the process without running 'exit' listeners.
const SIGNALS = ['SIGTERM', 'SIGINT', 'SIGHUP'] as const;

// Marks logweave's signal listeners, so that those of other copies of logweave do not count
// as the application's own.
const HOOK = Symbol.for('logweave.signalHook');

const pending = new Set<PendingFlush>();
const actions: (() => void)[] = [];
let installed = false;
let exiting = false;

/**
 * Installs the process hooks once (lazily: nothing happens at import time):
 * - `'exit'` (normal end, `process.exit()`, and uncaught exceptions/unhandled rejections,
 *   for which Node emits `'exit'` just before printing its report): switches destinations
 *   to write-through (records logged by later `'exit'` listeners are written at once),
 *   runs the exit actions (`shutdown()`), then flushes every destination still holding
 *   output.
 * - SIGTERM/SIGINT/SIGHUP (main thread, not Windows): flushes; when no other listener
 *   handles the signal, removes itself and re-raises it so the default action (and exit
 *   status) is unchanged. When the application has its own listener, that listener decides.
 * @internal
 */
export function installExitHooks(): void {
  if (installed) return;
  installed = true;
  process.on('exit', onExit);
  if (
    process.platform !== 'win32' &&
    process.getBuiltinModule('node:worker_threads').isMainThread
  ) {
    (onSignal as unknown as Record<symbol, boolean>)[HOOK] = true;
    for (const sig of SIGNALS) process.prependListener(sig, onSignal);
  }
}

/** @internal Adds an action run first at exit (e.g. `shutdown()`); installs the hooks. */
export function addExitAction(action: () => void): void {
  if (!actions.includes(action)) actions.push(action);
  installExitHooks();
}

/** @internal Notes that `d` has buffered output to write at exit. */
export function addPending(d: PendingFlush): void {
  pending.add(d);
}

/** @internal Notes that `d` has nothing left to write. */
export function deletePending(d: PendingFlush): void {
  pending.delete(d);
}

/**
 * @internal True once the process is exiting (after the exit flush): destinations then
 * write every chunk immediately, since no later flush will run.
 */
export function isExiting(): boolean {
  return exiting;
}

/** @internal Synchronously flushes every destination with pending output. */
export function flushPending(): void {
  for (const d of [...pending]) {
    try {
      d.flushSync();
    } catch {
      // Nothing can be reported usefully while exiting.
    }
  }
}

function runExitActions(): void {
  for (const action of actions) {
    try {
      action();
    } catch {
      // Ignore, as CPython's shutdown() does at exit.
    }
  }
  flushPending();
}

function onExit(): void {
  exiting = true;
  runExitActions();
}

function onSignal(signal: NodeJS.Signals): void {
  if (process.listeners(signal).some((l) => !(HOOK in l))) {
    // The application handles the signal (and usually calls process.exit(), which runs
    // the exit hook); make sure nothing buffered is lost if it does not.
    flushPending();
    return;
  }
  exiting = true;
  runExitActions();
  for (const sig of SIGNALS) process.removeListener(sig, onSignal);
  process.kill(process.pid, signal);
}
