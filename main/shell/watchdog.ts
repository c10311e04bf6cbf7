/**
 * Sliding-window budget: may one more event happen at `now` when at most
 * `max` are allowed per `windowMs`? Returns the history to keep (pruned, plus
 * `now` when allowed). Times after `now` are dropped: after the clock is set
 * back they would otherwise block recovery for as long as it jumped.
 */
export function spendBudget(
  history: readonly number[],
  now: number,
  max: number,
  windowMs: number,
): { allowed: boolean; history: number[] } {
  const recent = history.filter((t) => t <= now && now - t < windowMs);
  if (recent.length >= max) return { allowed: false, history: recent };
  return { allowed: true, history: [...recent, now] };
}

/** What the watchdog does to one window; the Electron side implements it. */
export interface WatchedRenderer {
  /** Loads the window's page again. */
  reload(): void;
  /** Kills a hung renderer; Electron then reports it gone, which reloads it. */
  crash(): void;
  /** Shows that this display gave up, for staff to see. */
  showFailure(message: string): void;
}

export interface RendererWatchdogOptions {
  /** How long a renderer may hang before it is killed. */
  unresponsiveMs: number;
  /** Reloads allowed per `reloadWindowMs`; past that the app is relaunched. */
  maxReloads: number;
  reloadWindowMs: number;
  /** Pause before reloading a crashed page, so a crash loop cannot spin the CPU. Default 1 s. */
  reloadDelayMs?: number;
  /** Pause before retrying a page that failed to load. Default 5 s. */
  retryLoadMs?: number;
  /** Clock. Default `Date.now`. */
  now?: () => number;
}

/**
 * Asks the app to relaunch because a window keeps failing. Returns false when
 * the app's own relaunch budget is spent; the window then shows the failure.
 */
export type Escalate = (reason: string) => boolean;

/** Chromium's net::ERR_ABORTED: a load replaced by another, not a failure. */
const ERR_ABORTED = -3;

/**
 * Keeps one lobby window alive: reloads it after a renderer crash, kills and
 * reloads it when it hangs, retries a page that failed to load, and escalates
 * to an app relaunch when reloads do not help.
 */
export class RendererWatchdog {
  readonly #renderer: WatchedRenderer;
  readonly #escalate: Escalate;
  readonly #options: Required<RendererWatchdogOptions>;
  #reloads: number[] = [];
  #hang: ReturnType<typeof setTimeout> | undefined;
  #pending: ReturnType<typeof setTimeout> | undefined;
  #failed = false;

  constructor(renderer: WatchedRenderer, options: RendererWatchdogOptions, escalate: Escalate) {
    this.#renderer = renderer;
    this.#escalate = escalate;
    this.#options = { reloadDelayMs: 1_000, retryLoadMs: 5_000, now: Date.now, ...options };
  }

  /** `render-process-gone`. A clean exit is the window closing, not a failure. */
  gone(reason: string): void {
    this.#clearHang();
    if (reason === 'clean-exit' || this.#failed) return;
    const { maxReloads, reloadWindowMs, reloadDelayMs, now } = this.#options;
    const budget = spendBudget(this.#reloads, now(), maxReloads, reloadWindowMs);
    this.#reloads = budget.history;
    if (budget.allowed) {
      this.#schedule(reloadDelayMs);
      return;
    }
    const why = `renderer gone (${reason}) ${maxReloads + 1} times in ${Math.round(reloadWindowMs / 60_000)} min`;
    if (!this.#escalate(why)) {
      this.#failed = true;
      this.#cancelPending();
      this.#renderer.showFailure(`This display stopped: ${why}, and relaunching did not help.`);
    }
  }

  /** `unresponsive`: give it `unresponsiveMs` to recover, then kill it. */
  unresponsive(): void {
    if (this.#hang || this.#failed) return;
    this.#hang = setTimeout(() => {
      this.#hang = undefined;
      this.#renderer.crash();
    }, this.#options.unresponsiveMs);
  }

  /** `responsive`: it recovered on its own. */
  responsive(): void {
    this.#clearHang();
  }

  /** `did-fail-load` of the main frame: retry later (the hub may be restarting); not a crash. */
  loadFailed(errorCode: number): void {
    if (errorCode === ERR_ABORTED || this.#failed || this.#pending) return;
    this.#schedule(this.#options.retryLoadMs);
  }

  dispose(): void {
    this.#clearHang();
    this.#cancelPending();
  }

  #schedule(delayMs: number): void {
    this.#cancelPending();
    this.#pending = setTimeout(() => {
      this.#pending = undefined;
      this.#renderer.reload();
    }, delayMs);
  }

  #cancelPending(): void {
    if (this.#pending) clearTimeout(this.#pending);
    this.#pending = undefined;
  }

  #clearHang(): void {
    if (this.#hang) clearTimeout(this.#hang);
    this.#hang = undefined;
  }
}
