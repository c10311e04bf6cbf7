import type { Media } from '../../main/domain/media.ts';
import type { Playlist } from '../../main/domain/playlists.ts';
import { SvelteMap } from 'svelte/reactivity';
import type { Change, Snapshot } from '../../main/domain/events.ts';
import type { Announcement, Auditorium, Film, Venue } from '../../main/domain/records.ts';
import type { Status } from '../../main/domain/status.ts';
import type { FeedSink } from './feed-client.ts';
import { Flashes } from './flashes.svelte.ts';
import type { Connection } from './freshness.ts';
import { ShowtimeMap } from './showtime-map.svelte.ts';
import { NO_UPSTREAM, type Touched, type VenueData, applyChange, applySnapshot } from './venue-data.ts';

/** How long a changed showtime stays highlighted. */
export const FLASH_MS = 2_400;

/**
 * The screen's live copy of the venue as Svelte state. Records sit in
 * reactive maps and are replaced, never mutated, except a showtime's seat
 * count: that is a signal of its own (`ShowtimeMap`), so a seat sale
 * re-renders exactly the chip that shows it, and nothing that lists or
 * groups showtimes runs again.
 */
export class FeedStore implements VenueData, FeedSink {
  venue = $state.raw<Venue | undefined>(undefined);
  status = $state.raw<Status>(NO_UPSTREAM);
  readonly auditoriums = new SvelteMap<string, Auditorium>();
  readonly films = new SvelteMap<string, Film>();
  readonly showtimes = new ShowtimeMap();
  readonly announcements = new SvelteMap<string, Announcement>();
  readonly playlists = new SvelteMap<string, Playlist>();
  readonly media = new SvelteMap<string, Media>();
  /** The screen's own link to the hub. */
  connection = $state<Connection>('connecting');
  /** When that link was last lost; `null` while it has held since the first snapshot. */
  lostAt = $state<number | null>(null);
  /** A snapshot has arrived: there is something to show. */
  loaded = $state(false);
  /** Showtime id → when it changed, while its highlight lasts. */
  readonly flashes = new Flashes();

  readonly #now: () => number;
  // Timer handles are bookkeeping, not something any view reads.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly #flashTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  snapshot(snapshot: Snapshot): void {
    const touched = applySnapshot(this, snapshot);
    this.flashes.keep(this.showtimes.keys());
    // A first snapshot is not news; one after a reconnect shows what changed meanwhile.
    if (this.loaded) this.#flash(touched);
    this.loaded = true;
  }

  change(change: Change): void {
    const touched = applyChange(this, change);
    if (change.type === 'showtime.upsert' || change.type === 'showtime.remove')
      this.flashes.keep(this.showtimes.keys());
    this.#flash(touched);
  }

  setSeats(showtimeId: string, seats: number): boolean {
    return this.showtimes.setSeats(showtimeId, seats);
  }

  link(state: Connection, at: number): void {
    if (state === 'offline' && this.connection === 'live') this.lostAt = at;
    if (state === 'live') this.lostAt = null;
    this.connection = state;
  }

  #flash(ids: Touched): void {
    const at = this.#now();
    for (const id of ids) {
      this.flashes.set(id, at);
      clearTimeout(this.#flashTimers.get(id));
      this.#flashTimers.set(
        id,
        setTimeout(() => {
          this.flashes.set(id, undefined);
          this.#flashTimers.delete(id);
        }, FLASH_MS),
      );
    }
  }
}
