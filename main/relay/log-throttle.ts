import type { Logger } from '../log.ts';

export interface LogThrottleOptions {
  /** Lines let through per window. Default 20. */
  max?: number;
  /** Window length. Default 60,000 ms. */
  windowMs?: number;
  /** Monotonic clock in ms. Default `performance.now`. */
  now?: () => number;
}

/**
 * Warnings about bad upstream data, at most `max` a window: a broken feed
 * sending hundreds of bad events a second must not bury the rest of the log.
 * The next line let through says how many were held back.
 */
export class LogThrottle {
  readonly #log: Logger;
  readonly #max: number;
  readonly #windowMs: number;
  readonly #now: () => number;
  #windowStart = -Infinity;
  #count = 0;
  #suppressed = 0;

  constructor(log: Logger, options: LogThrottleOptions = {}) {
    this.#log = log;
    this.#max = options.max ?? 20;
    this.#windowMs = options.windowMs ?? 60_000;
    this.#now = options.now ?? (() => performance.now());
  }

  warn(message: string, fields: Record<string, unknown> = {}): void {
    const now = this.#now();
    if (now - this.#windowStart >= this.#windowMs) {
      this.#windowStart = now;
      this.#count = 0;
    }
    if (this.#count >= this.#max) {
      this.#suppressed++;
      return;
    }
    this.#count++;
    const suppressed = this.#suppressed;
    this.#suppressed = 0;
    this.#log.warn(message, suppressed > 0 ? { ...fields, suppressedBefore: suppressed } : fields);
  }
}
