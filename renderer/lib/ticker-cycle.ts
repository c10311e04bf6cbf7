/** One line the ticker can show: its id, and a key that changes whenever its content does. */
export interface TickerItem {
  readonly id: string;
  readonly key: string;
}

/** What the ticker shows now; `slot` counts up on every change, so a view knows when to start over. */
export interface TickerSlot {
  readonly id: string;
  readonly slot: number;
}

export interface TickerCycleOptions {
  /** Hears every new slot (`undefined` when nothing is left to show). */
  onShow: (shown: TickerSlot | undefined) => void;
  /** How long a line that fits stays up. Default 9 s. */
  holdMs?: number;
  /** No line is shown for less than this, however short its scroll. Default 6 s. */
  minMs?: number;
}

export const DEFAULT_TICKER_OPTIONS = Object.freeze({ holdMs: 9_000, minMs: 6_000 });

/**
 * The ticker's rotation, driven by its own timer alone. What the line does on
 * screen (a scroll that is cancelled, a `finished` that rejects, a layout that
 * is not ready) can lengthen a slot through `hold()` but never stop the cycle:
 * every slot ends when its timer fires. A new or changed announcement comes up
 * at once (news first), a removed one gives way at once, and the rest keep
 * their turn.
 */
export class TickerCycle {
  readonly #onShow: (shown: TickerSlot | undefined) => void;
  readonly #holdMs: number;
  readonly #minMs: number;
  #items: TickerItem[] = [];
  #current: TickerSlot | undefined;
  #slot = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopped = false;

  constructor(options: TickerCycleOptions) {
    this.#onShow = options.onShow;
    this.#holdMs = options.holdMs ?? DEFAULT_TICKER_OPTIONS.holdMs;
    this.#minMs = options.minMs ?? DEFAULT_TICKER_OPTIONS.minMs;
  }

  get current(): TickerSlot | undefined {
    return this.#current;
  }

  /** Takes the current list (in showing order). */
  update(items: readonly TickerItem[]): void {
    if (this.#stopped) return;
    const before = new Map(this.#items.map((i) => [i.id, i.key]));
    const fresh = items.find((i) => before.get(i.id) !== i.key);
    const at = this.#current ? this.#items.findIndex((i) => i.id === this.#current!.id) : -1;
    this.#items = [...items];
    if (this.#items.length === 0) return this.#show(undefined);
    // The first update is the list at start-up, not news.
    if (fresh && before.size > 0) return this.#show(fresh.id);
    if (this.#current && this.#items.some((i) => i.id === this.#current!.id)) return;
    // The one shown is gone: the one that followed it, else the first.
    const following =
      before.size > 0 ? [...before.keys()].slice(at + 1).find((id) => this.#has(id)) : undefined;
    this.#show(following ?? this.#items[0]!.id);
  }

  /**
   * Keeps slot `slot` up for `ms` from now (at least the minimum): a line that
   * scrolls asks for its rest, travel and rest. A stale slot number is ignored.
   */
  hold(slot: number, ms: number): void {
    if (this.#stopped || this.#current?.slot !== slot) return;
    this.#arm(Math.max(this.#minMs, ms));
  }

  stop(): void {
    this.#stopped = true;
    clearTimeout(this.#timer);
  }

  #has(id: string): boolean {
    return this.#items.some((i) => i.id === id);
  }

  #advance(): void {
    const at = this.#items.findIndex((i) => i.id === this.#current?.id);
    const next = this.#items[(at + 1) % this.#items.length];
    this.#show(next?.id);
  }

  #show(id: string | undefined): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    this.#current = id === undefined ? undefined : { id, slot: ++this.#slot };
    if (id !== undefined) this.#arm(this.#holdMs);
    this.#onShow(this.#current);
  }

  #arm(ms: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => this.#advance(), ms);
  }
}
