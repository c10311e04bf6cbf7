/**
 * Counts failures per key (client address) in a sliding window. Memory is
 * bounded: the oldest keys are forgotten past `maxKeys`.
 */
export class RateLimiter {
  readonly #failures = new Map<string, number[]>();

  /**
   * @param limit failures allowed per window. Default 5.
   * @param windowMs window length. Default 15 minutes.
   * @param maxKeys addresses remembered at once. Default 10,000.
   */
  constructor(
    private readonly limit = 5,
    private readonly windowMs = 15 * 60_000,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds until `key` may try again, or 0 if it may now. */
  retryAfter(key: string): number {
    const times = this.#recent(key);
    if (times.length < this.limit) return 0;
    return Math.max(1, times[0]! + this.windowMs - this.now());
  }

  fail(key: string): void {
    const times = this.#recent(key);
    times.push(this.now());
    this.#failures.delete(key);
    this.#failures.set(key, times);
    if (this.#failures.size > this.maxKeys) {
      const oldest = this.#failures.keys().next().value;
      if (oldest !== undefined) this.#failures.delete(oldest);
    }
  }

  reset(key: string): void {
    this.#failures.delete(key);
  }

  #recent(key: string): number[] {
    const cutoff = this.now() - this.windowMs;
    const times = (this.#failures.get(key) ?? []).filter((t) => t > cutoff);
    return times;
  }
}
