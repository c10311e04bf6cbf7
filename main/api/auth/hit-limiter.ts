/**
 * A token bucket per key (client address): `burst` requests at once, refilled
 * at `perMinute`. Memory is bounded: past `maxKeys` the least recently seen
 * key is forgotten.
 */
export class HitLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  /**
   * @param perMinute sustained rate. Default 60.
   * @param burst requests allowed at once. Default 20.
   * @param maxKeys keys remembered. Default 10,000.
   */
  constructor(
    private readonly perMinute = 60,
    private readonly burst = 20,
    private readonly maxKeys = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Takes one token; returns 0 if allowed, else milliseconds until one is free. */
  take(key: string): number {
    const now = this.now();
    const b = this.#buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) * this.perMinute) / 60_000);
    b.at = now;
    this.#buckets.delete(key);
    this.#buckets.set(key, b);
    if (this.#buckets.size > this.maxKeys) {
      const oldest = this.#buckets.keys().next().value;
      if (oldest !== undefined) this.#buckets.delete(oldest);
    }
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) * 60_000) / this.perMinute);
  }
}
