/**
 * Wall time as Svelte state, ticking on each second boundary so a clock on
 * screen turns over with the real minute, not up to a second late.
 */
export class Clock {
  now = $state(Date.now());
  #timer: ReturnType<typeof setTimeout> | undefined;

  start(): void {
    this.stop();
    const tick = () => {
      this.now = Date.now();
      this.#timer = setTimeout(tick, 1_000 - (this.now % 1_000) + 5);
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.#timer);
  }
}
