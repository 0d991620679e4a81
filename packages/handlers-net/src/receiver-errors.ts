let lastAt = 0;
let suppressed = 0;

/**
 * The default error reporter of the receivers: one line on stderr, at most one a second
 * (the next line says how many were left out), so that a flood of bad frames cannot flood
 * the receiver's own output.
 */
export function reportReceiverError(error: unknown, peer: string): void {
  const now = Date.now();
  if (now - lastAt < 1000) {
    suppressed++;
    return;
  }
  lastAt = now;
  const more = suppressed > 0 ? ` (${suppressed} more error(s) not shown)` : '';
  suppressed = 0;
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  try {
    process.stderr.write(`logweave receiver: ${peer}: ${text}${more}\n`);
  } catch {
    // stderr is gone.
  }
}
