import { SvelteMap } from 'svelte/reactivity';
import type { Showtime } from '../../main/domain/records.ts';

/** One showtime's seat count as its own signal. */
class SeatCell {
  value = $state(0);

  constructor(value: number) {
    this.value = value;
  }
}

/** Equal in everything but the seat count: the only field a seat sale changes. */
function sameButSeats(a: Showtime, b: Showtime): boolean {
  const keys = Object.keys(b) as (keyof Showtime)[];
  if (Object.keys(a).length !== keys.length) return false;
  return keys.every((k) => {
    if (k === 'seatsAvailable') return true;
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
    return x === y;
  });
}

/**
 * The live store's showtimes, a reactive map whose records carry their seat
 * count as a signal of their own. A record that differs from the one held
 * only in `seatsAvailable` (every seat sale, and most records of a snapshot
 * after a reconnect) is not replaced: the held record's seat count changes in
 * place. So a sale re-runs only what read that show's seats (its chip, a door
 * sign listing it), never what iterates or looks up showtimes (the board's
 * grouping, sorting, measuring and paging, the time driver). Any other
 * change replaces the record as a plain `SvelteMap` would.
 *
 * Records read from here look like plain `Showtime` objects: `seatsAvailable`
 * is an own, enumerable getter, so spreading or serializing one copies the
 * current count.
 */
export class ShowtimeMap extends SvelteMap<string, Showtime> {
  // Which cell backs each held record: bookkeeping beside the reactive entries, read by no view.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #held = new Map<string, { record: Showtime; seats: SeatCell }>();

  override set(id: string, record: Showtime): this {
    const held = this.#held.get(id);
    if (held && sameButSeats(held.record, record)) {
      held.seats.value = record.seatsAvailable;
      return this;
    }
    const seats = new SeatCell(record.seatsAvailable);
    const live = Object.defineProperty({ ...record }, 'seatsAvailable', {
      get: () => seats.value,
      enumerable: true,
    });
    this.#held.set(id, { record: live, seats });
    return super.set(id, live);
  }

  /**
   * A seat sale: the held record's count changes in place, with no copy of
   * the record and nothing compared. False when no record `id` is held.
   */
  setSeats(id: string, seats: number): boolean {
    const held = this.#held.get(id);
    if (!held) return false;
    held.seats.value = seats;
    return true;
  }

  override delete(id: string): boolean {
    this.#held.delete(id);
    return super.delete(id);
  }

  override clear(): void {
    this.#held.clear();
    super.clear();
  }
}
