/**
 * A one-way reading (the snapshot's `now`) is taken as exact but for the
 * transfer time; once a round trip has set the offset, one that differs by
 * less than this is that transfer time, not a clock that moved.
 */
const ONE_WAY_SLACK_MS = 1_000;

/**
 * A new measurement closer than this to the offset held is round-trip noise,
 * not news. Taken, it would move every view that runs on hub time (the
 * board rebuilds and re-pages itself, door signs and departures recompute) on
 * every heartbeat, for a few milliseconds that no screen can show.
 */
export const OFFSET_NOISE_MS = 250;

/**
 * The hub's wall time as Svelte state, ticking on each second boundary so a
 * clock on screen turns over with the real minute, not up to a second late.
 * A LAN TV's own clock may be minutes off; the hub's answers (`now` in the
 * snapshot and in each heartbeat answer) set `offsetMs`, and every reading is
 * this screen's clock plus that offset.
 */
export class Clock {
  /** Hub time minus this screen's clock, in ms. Default 0 until the hub has told. */
  offsetMs = $state(0);
  /** The hub has told its time at least once. */
  synced = $state(false);
  now = $state(Date.now());
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** `offsetMs` is from a round trip (a heartbeat), not from a one-way reading. */
  #roundTrip = false;

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
    const noise = this.#roundTrip && Math.abs(offset - this.offsetMs) < OFFSET_NOISE_MS;
    this.#roundTrip = true;
    if (!noise) this.#set(offset);
  }

  /**
   * Takes the hub's `now` from a message it sent unasked (the snapshot),
   * received at `receivedAt` (this screen's clock; default now). It sets the
   * clock before any heartbeat has answered, so a screen whose clock is off
   * is right from its first frame. A heartbeat's round trip is more exact, so
   * after one this moves the clock only if it is more than a second off.
   */
  hear(hubNow: number, receivedAt = Date.now()): void {
    if (!Number.isFinite(hubNow)) return;
    const offset = Math.round(hubNow - receivedAt);
    if (this.#roundTrip && Math.abs(offset - this.offsetMs) < ONE_WAY_SLACK_MS) return;
    this.#roundTrip = false;
    this.#set(offset);
  }

  #set(offset: number): void {
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
