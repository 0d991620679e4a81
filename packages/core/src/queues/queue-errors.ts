/**
 * Python's `queue.Empty`: `get_nowait()` (or `get()` with a timeout) found nothing. A
 * {@link QueueListener} whose `dequeue()` throws it stops, as CPython's `_monitor` does.
 */
export class QueueEmpty extends Error {
  /** The Python exception this corresponds to. */
  readonly pythonType = 'queue.Empty';
  constructor(message = '') {
    super(message);
    this.name = 'QueueEmpty';
  }
}

/** Python's `queue.Full`: `put_nowait()` on a bounded queue that holds `maxsize` items. */
export class QueueFull extends Error {
  /** The Python exception this corresponds to. */
  readonly pythonType = 'queue.Full';
  constructor(message = '') {
    super(message);
    this.name = 'QueueFull';
  }
}

/** Whether `e` is a {@link QueueEmpty} (from any copy of logweave). */
export function isQueueEmpty(e: unknown): boolean {
  return (
    e instanceof QueueEmpty || (e as { pythonType?: unknown } | null)?.pythonType === 'queue.Empty'
  );
}

/** Whether `e` is a {@link QueueFull} (from any copy of logweave). */
export function isQueueFull(e: unknown): boolean {
  return (
    e instanceof QueueFull || (e as { pythonType?: unknown } | null)?.pythonType === 'queue.Full'
  );
}
