/** @internal Whether the process is running its 'exit' listeners (the event loop will not run again). */
export const exitState = { exiting: false };

let installed = false;

/**
 * @internal Installs (once, lazily) an 'exit' listener ahead of core's shutdown hook, so
 * that `close()` called by `shutdown()` at exit knows the event loop is gone and writes
 * synchronously.
 */
export function onProcessExit(): void {
  if (installed) return;
  installed = true;
  process.prependListener('exit', () => {
    exitState.exiting = true;
  });
}
