/** What {@link DropAccounting} reports when records start (or stop) being lost. */
export interface NetDropReport {
  /** The handler or transport, for the message (for example `SocketHandler(127.0.0.1:9020)`). */
  target: string;
  /** `'dropping'` when loss starts or its reason changes, `'recovered'` when delivery resumes. */
  state: 'dropping' | 'recovered';
  /** Why records are lost (`'peer unreachable'`, `'buffer full'`, `'write timeout'`…). */
  reason: string;
  /** The error behind it, if any. */
  error?: unknown;
  /** Records dropped so far by this handler, in total. */
  dropped: number;
  /** Records dropped during the outage that just ended (with `'recovered'`). */
  droppedInOutage: number;
}

/** Writes a one-line report of a {@link NetDropReport} to stderr (the default reporter). */
export function reportNetDropToStderr(r: NetDropReport): void {
  let line: string;
  if (r.state === 'dropping') {
    const cause = r.error instanceof Error ? `: ${r.error.message}` : '';
    line = `logweave: ${r.target} is losing records (${r.reason}${cause}); ${r.dropped} dropped so far\n`;
  } else {
    line = `logweave: ${r.target} delivers again; ${r.droppedInOutage} record(s) were dropped during the outage, ${r.dropped} in total\n`;
  }
  try {
    process.stderr.write(line);
  } catch {
    // stderr itself is gone: nothing left to tell.
  }
}

/**
 * Counts records a network handler could not deliver and reports the loss once per state
 * change (loss starts, its reason changes, delivery resumes), never once per record. Every
 * network handler of this package keeps one as `handler.dropped`'s source.
 */
export class DropAccounting {
  /** Records dropped so far. */
  dropped = 0;
  #reason: string | null = null;
  #outage = 0;
  readonly #target: string;
  readonly #report: (r: NetDropReport) => void;

  constructor(target: string, report: (r: NetDropReport) => void = reportNetDropToStderr) {
    this.#target = target;
    this.#report = report;
  }

  /** True while records are being lost (between a drop and the next successful delivery). */
  get dropping(): boolean {
    return this.#reason !== null;
  }

  /** Counts `count` lost records; reports when loss starts or its reason changes. */
  drop(reason: string, count = 1, error?: unknown): void {
    if (count <= 0) return;
    this.dropped += count;
    this.#outage += count;
    if (this.#reason !== reason) {
      this.#reason = reason;
      this.#report({
        target: this.#target,
        state: 'dropping',
        reason,
        error,
        dropped: this.dropped,
        droppedInOutage: this.#outage,
      });
    }
  }

  /** Marks a successful delivery; reports the end of an outage once. */
  delivered(): void {
    if (this.#reason === null) return;
    const reason = this.#reason;
    this.#reason = null;
    const outage = this.#outage;
    this.#outage = 0;
    this.#report({
      target: this.#target,
      state: 'recovered',
      reason,
      dropped: this.dropped,
      droppedInOutage: outage,
    });
  }
}
