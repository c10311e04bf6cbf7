import type { Change, Snapshot } from '../../main/domain/events.ts';
import type { Announcement, Auditorium, Film, Showtime, Venue } from '../../main/domain/records.ts';
import type { Media } from '../../main/domain/media.ts';
import type { Playlist } from '../../main/domain/playlists.ts';
import type { Status } from '../../main/domain/status.ts';

/**
 * Everything a screen knows about the venue, as plain maps. The Svelte store
 * passes reactive maps (`SvelteMap` extends `Map`); tests pass plain ones.
 */
export interface VenueData {
  venue: Venue | undefined;
  status: Status;
  readonly auditoriums: Map<string, Auditorium>;
  readonly films: Map<string, Film>;
  readonly showtimes: Map<string, Showtime>;
  readonly announcements: Map<string, Announcement>;
  readonly playlists: Map<string, Playlist>;
  readonly media: Map<string, Media>;
  /**
   * Sets a held showtime's seat count in place (the live store's seat
   * signal); false when it cannot. Default: none, and a seat sale replaces
   * the record.
   */
  setSeats?(showtimeId: string, seats: number): boolean;
}

export const NO_UPSTREAM: Status = Object.freeze({ upstream: 'none', lastUpstreamEventAt: null });

export function emptyVenueData(): VenueData {
  return {
    venue: undefined,
    status: NO_UPSTREAM,
    auditoriums: new Map(),
    films: new Map(),
    showtimes: new Map(),
    announcements: new Map(),
    playlists: new Map(),
    media: new Map(),
  };
}

/** What a screen should draw attention to after a change: showtimes whose seats or status moved. */
export type Touched = string[];

function replaceAll<T extends { id: string }>(map: Map<string, T>, records: readonly T[]): void {
  const keep = new Set(records.map((r) => r.id));
  for (const id of [...map.keys()]) if (!keep.has(id)) map.delete(id);
  for (const r of records) map.set(r.id, r);
}

const showChanged = (a: Showtime | undefined, b: Showtime) =>
  a !== undefined && (a.seatsAvailable !== b.seatsAvailable || a.status !== b.status);

/**
 * Replaces the whole state with a snapshot. Returns the showtimes whose seats
 * or status differ from what was on screen (a reconnect after an outage).
 */
export function applySnapshot(data: VenueData, snapshot: Snapshot): Touched {
  const touched = snapshot.showtimes.filter((s) => showChanged(data.showtimes.get(s.id), s)).map((s) => s.id);
  data.venue = snapshot.venue;
  data.status = snapshot.status ?? NO_UPSTREAM;
  replaceAll(data.auditoriums, snapshot.auditoriums);
  replaceAll(data.films, snapshot.films);
  replaceAll(data.showtimes, snapshot.showtimes);
  replaceAll(data.announcements, snapshot.announcements);
  replaceAll(data.playlists, snapshot.playlists ?? []);
  replaceAll(data.media, snapshot.media ?? []);
  return touched;
}

/** Applies one delta. Returns the showtimes it visibly changed. */
export function applyChange(data: VenueData, change: Change): Touched {
  switch (change.type) {
    case 'venue':
      data.venue = change.data;
      return [];
    case 'status':
      data.status = change.data;
      return [];
    case 'auditorium.upsert':
      data.auditoriums.set(change.data.id, change.data);
      return [];
    case 'auditorium.remove':
      data.auditoriums.delete(change.data.id);
      return [];
    case 'film.upsert':
      data.films.set(change.data.id, change.data);
      return [];
    case 'film.remove':
      data.films.delete(change.data.id);
      return [];
    case 'showtime.upsert': {
      const before = data.showtimes.get(change.data.id);
      data.showtimes.set(change.data.id, change.data);
      return before === undefined || showChanged(before, change.data) ? [change.data.id] : [];
    }
    case 'showtime.remove':
      data.showtimes.delete(change.data.id);
      return [];
    case 'availability': {
      const { showtimeId, seatsAvailable } = change.data;
      const show = data.showtimes.get(showtimeId);
      // An availability for a show this screen never heard of means it missed something.
      if (!show) throw new MissingRecordError(`showtime ${showtimeId}`);
      if (show.seatsAvailable === seatsAvailable) return [];
      if (!data.setSeats?.(showtimeId, seatsAvailable))
        data.showtimes.set(showtimeId, { ...show, seatsAvailable });
      return [showtimeId];
    }
    case 'announcement.upsert':
      data.announcements.set(change.data.id, change.data);
      return [];
    case 'announcement.remove':
      data.announcements.delete(change.data.id);
      return [];
    case 'playlist.upsert':
      data.playlists.set(change.data.id, change.data);
      return [];
    case 'playlist.remove':
      data.playlists.delete(change.data.id);
      return [];
    case 'media.upsert':
      data.media.set(change.data.id, change.data);
      return [];
    case 'media.remove':
      data.media.delete(change.data.id);
      return [];
  }
}

/** A delta refers to a record the screen does not hold: its state has drifted and needs a snapshot. */
export class MissingRecordError extends Error {
  override readonly name = 'MissingRecordError';
}
