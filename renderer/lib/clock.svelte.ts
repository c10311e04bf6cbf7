/**
 * The hub's wall time as Svelte state, ticking on each second boundary so a
 * clock on screen turns over with the real minute, not up to a second late.
 * A LAN TV's own clock may be minutes off; the hub's answers (`now` in the
 * snapshot and in each heartbeat answer) set `offsetMs`, and every reading is
 * this screen's clock plus that offset.
 */
/**
 * A new measurement closer than this to the offset held is round-trip noise,
 * not news. Taken, it would move every view that runs on hub time (the
 * board rebuilds and re-pages itself, door signs and departures recompute) on
 * every heartbeat, for a few milliseconds that no screen can show.
 */
export const OFFSET_NOISE_MS = 250;

export class Clock {
  /** Hub time minus this screen's clock, in ms. Default 0 until the hub has told. */
  offsetMs = $state(0);
  /** The hub has told its time at least once. */
  synced = $state(false);
  now = $state(Date.now());
  #timer: ReturnType<typeof setTimeout> | undefined;

  /** Hub time now (not reactive: for timers and drivers). */
  read(): number {
    return Date.now() + this.offsetMs;
  }

  /**
   * Takes the hub's `now` from an answer asked for at `sentAt` and received at
   * `receivedAt` (both this screen's clock): the hub read its clock about
   * half-way. Default for both: the hub's time is taken as of this moment.
   */
  correct(hubNow: number, sentAt = Date.now(), receivedAt = sentAt): void {
    if (!Number.isFinite(hubNow) || receivedAt < sentAt) return;
    const offset = Math.round(hubNow - (sentAt + receivedAt) / 2);
    if (this.synced && Math.abs(offset - this.offsetMs) < OFFSET_NOISE_MS) return;
    this.synced = true;
    if (offset === this.offsetMs) return;
    this.offsetMs = offset;
    if (this.#timer !== undefined) this.start();
  }

  start(): void {
    this.stop();
    const tick = () => {
      this.now = this.read();
      this.#timer = setTimeout(tick, 1_000 - (this.now % 1_000) + 5);
    };
    tick();
  }

  stop(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }
}
