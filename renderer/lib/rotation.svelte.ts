/**
 * A step counter that advances on a timer: a bilingual screen derives its
 * language from it, the board its page as well, so each page is seen in
 * every language before the next one comes up.
 */
export class Rotation {
  step = $state(0);
  #timer: ReturnType<typeof setInterval> | undefined;
  #intervalMs = 10_000;

  /** (Re)starts the timer; the next step comes a full interval from now. */
  start(intervalMs: number): void {
    this.#intervalMs = intervalMs;
    clearInterval(this.#timer);
    this.#timer = setInterval(() => this.step++, intervalMs);
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
  }

  /** Moves by hand (staff checking a screen with a keyboard) and restarts the interval. */
  jump(to: number): void {
    this.step = Math.max(0, to);
    if (this.#timer !== undefined) this.start(this.#intervalMs);
  }
}
