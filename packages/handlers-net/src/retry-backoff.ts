/**
 * Options of {@link RetryBackoff}: CPython's `SocketHandler` retry attributes (seconds), plus
 * jitter so that many clients of one restarted peer do not reconnect in lockstep.
 */
export interface RetryBackoffOptions {
  /** First delay after a failed connect, in seconds (`retryStart`). @default 1.0 */
  retryStart?: number;
  /** Multiplier applied to the delay after each further failure (`retryFactor`). @default 2.0 */
  retryFactor?: number;
  /** Ceiling of the delay, in seconds (`retryMax`). @default 30.0 */
  retryMax?: number;
  /** Fraction of the delay added at random, 0 for CPython's exact schedule. @default 0.1 */
  jitter?: number;
  /** Source of randomness for the jitter, in [0, 1). @default Math.random */
  random?: () => number;
}

/**
 * CPython's connect-retry schedule (`SocketHandler.createSocket`): after the first failure wait
 * `retryStart` seconds, then multiply by `retryFactor` up to `retryMax`; a success resets it.
 * Times are in seconds, as `time.time()`. Shared by every connecting handler of this package.
 */
export class RetryBackoff {
  retryStart: number;
  retryFactor: number;
  retryMax: number;
  jitter: number;
  /** When the next attempt is allowed (seconds since the epoch), or null: attempt now. */
  retryTime: number | null = null;
  /** The delay last applied, in seconds (CPython's `retryPeriod`). */
  retryPeriod = 0;
  readonly #random: () => number;

  constructor(options: RetryBackoffOptions = {}) {
    this.retryStart = options.retryStart ?? 1.0;
    this.retryFactor = options.retryFactor ?? 2.0;
    this.retryMax = options.retryMax ?? 30.0;
    this.jitter = options.jitter ?? 0.1;
    this.#random = options.random ?? Math.random;
  }

  /** Whether a connect may be attempted at `now` (seconds). */
  shouldAttempt(now: number = Date.now() / 1000): boolean {
    return this.retryTime === null || now >= this.retryTime;
  }

  /** Records a failed attempt at `now` and schedules the next one; returns the delay (s). */
  failed(now: number = Date.now() / 1000): number {
    if (this.retryTime === null) {
      this.retryPeriod = this.retryStart;
    } else {
      this.retryPeriod = Math.min(this.retryPeriod * this.retryFactor, this.retryMax);
    }
    const delay = this.retryPeriod * (1 + this.jitter * this.#random());
    this.retryTime = now + delay;
    return delay;
  }

  /** Records a successful connect: the next failure starts again from `retryStart`. */
  succeeded(): void {
    this.retryTime = null;
  }
}
