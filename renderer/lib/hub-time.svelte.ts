import { untrack } from 'svelte';
import { TimeDriver } from './time-driver.ts';

export interface HubTimeOptions {
  /** Hub time minus this screen's clock, ms: a prop, read through this getter so it stays live. */
  offsetMs: () => number;
  /** The next instant, in hub time, at which the view changes by the clock alone. */
  nextAt: (at: number) => number;
  /** What `nextAt` depends on: when any of it changes, the next instant is looked for again. */
  restartOn: () => unknown;
}

/**
 * A view's own "now" on the hub's time (board, departures, door sign). It
 * moves only at the instants `nextAt` names, so what is built from it is not
 * rebuilt every second; a corrected offset moves it at once. Create it while
 * a component initialises: its driver runs in an effect of that component.
 */
export class HubTime {
  readonly #offsetMs: () => number;
  /** Hub time as of the view's last change by the clock. */
  now: number;

  constructor(options: HubTimeOptions) {
    this.#offsetMs = options.offsetMs;
    this.now = $derived(Date.now() + this.#offsetMs());
    const driver = new TimeDriver(options.nextAt, (at) => (this.now = at), { now: () => this.read() });
    $effect(() => {
      options.restartOn();
      this.#offsetMs();
      driver.start();
      return () => driver.stop();
    });
  }

  /** Hub time this instant (not reactive: for timers). */
  read(): number {
    return Date.now() + untrack(this.#offsetMs);
  }
}
