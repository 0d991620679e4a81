/**
 * The tiny driver interface under every stream-writing handler: handlers hand it finished
 * text, and it decides how and when the bytes reach the operating system. Swapping the
 * driver (a memory destination in tests, a buffered fd writer in production) leaves the
 * handler logic unchanged.
 */
export interface Destination {
  /** Accepts one chunk of text (a formatted record plus its terminator). */
  write(text: string): void;
  /** Writes everything accepted so far before returning. */
  flushSync(): void;
  /** Flushes, then releases what the destination owns (a destination never closes fds it does not own). */
  closeSync(): void;
}

/** Whether `value` implements {@link Destination} (has `write`, `flushSync` and `closeSync`). */
export function isDestination(value: unknown): value is Destination {
  if (value === null || typeof value !== 'object') return false;
  const v = value as Partial<Record<keyof Destination, unknown>>;
  return (
    typeof v.write === 'function' &&
    typeof v.flushSync === 'function' &&
    typeof v.closeSync === 'function'
  );
}
