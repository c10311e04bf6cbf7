/** When one show last changed, while its highlight lasts. */
class FlashCell {
  at = $state<number | undefined>(undefined);
}

/** What a chip asks: when its show last changed, while the highlight lasts. */
export interface FlashLookup {
  get(showtimeId: string): number | undefined;
}

/**
 * Showtime id → when it last changed, while its highlight lasts, with one
 * signal per show: a highlight starting or ending re-runs only the chip of
 * that show. (A `SvelteMap` re-runs every reader of a missing key whenever a
 * key comes or goes: every chip on the board, twice per seat sale.)
 *
 * The store makes the cells with `keep` from its event handlers, never while
 * a chip reads: Svelte does not track state made during the reaction that
 * reads it.
 */
export class Flashes implements FlashLookup {
  // Which cell is whose: bookkeeping, read by no view (the cells are the state).
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #cells = new Map<string, FlashCell>();

  get(showtimeId: string): number | undefined {
    return this.#cells.get(showtimeId)?.at;
  }

  /** Starts (`at`) or ends (`undefined`) the highlight of a show `keep` holds; others are ignored. */
  set(showtimeId: string, at: number | undefined): void {
    const cell = this.#cells.get(showtimeId);
    if (cell) cell.at = at;
  }

  /** Holds a cell for each of `showtimeIds` and for nothing else. */
  keep(showtimeIds: Iterable<string>): void {
    // A lookup for this call, not state.
    // eslint-disable-next-line svelte/prefer-svelte-reactivity
    const wanted = new Set(showtimeIds);
    for (const id of this.#cells.keys()) if (!wanted.has(id)) this.#cells.delete(id);
    for (const id of wanted) if (!this.#cells.has(id)) this.#cells.set(id, new FlashCell());
  }
}
