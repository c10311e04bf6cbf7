export interface TimeDriverOptions {
  /** Clock. Default `Date.now`. */
  now?: () => number;
  /**
   * Longest single wait. A machine that slept or had its clock set jumps past
   * any timer; waking at least this often catches up. Default 60 s.
   */
  maxWaitMs?: number;
}

/**
 * Calls `onTime(now)` at each instant `nextAt(now)` names (a show entering
 * seating, a grace period ending, the venue's midnight), so the screen
 * changes with the clock and no event from the hub is needed.
 */
export class TimeDriver {
  readonly #nextAt: (now: number) => number;
  readonly #onTime: (now: number) => void;
  readonly #now: () => number;
  readonly #maxWaitMs: number;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    nextAt: (now: number) => number,
    onTime: (now: number) => void,
    options: TimeDriverOptions = {},
  ) {
    this.#nextAt = nextAt;
    this.#onTime = onTime;
    this.#now = options.now ?? Date.now;
    this.#maxWaitMs = options.maxWaitMs ?? 60_000;
  }

  /** (Re)computes the next instant; call after the data it depends on changed. */
  start(): void {
    clearTimeout(this.#timer);
    const now = this.#now();
    const wait = Math.min(this.#maxWaitMs, Math.max(0, this.#nextAt(now) - now));
    this.#timer = setTimeout(() => {
      this.#onTime(this.#now());
      this.start();
    }, wait);
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
