import type { Change, Snapshot } from '../domain/events.ts';
import type { Announcement, Auditorium, Film, Showtime, Venue } from '../domain/records.ts';

/**
 * The simulated ticketing system's own records. Like a hub, it numbers each
 * record's versions itself; they travel on the feed (a relay must ignore them).
 */
export class SimState {
  venue: Venue | undefined;
  readonly auditoriums = new Map<string, Auditorium>();
  readonly films = new Map<string, Film>();
  readonly showtimes = new Map<string, Showtime>();
  readonly announcements = new Map<string, Announcement>();

  /** Applies one change and returns the data the feed sends for it. */
  apply(change: Change): unknown {
    switch (change.type) {
      case 'venue':
        return (this.venue = { ...change.data, version: (this.venue?.version ?? 0) + 1 });
      case 'auditorium.upsert':
        return put(this.auditoriums, change.data);
      case 'film.upsert':
        return put(this.films, change.data);
      case 'showtime.upsert':
        return put(this.showtimes, change.data);
      case 'announcement.upsert':
        return put(this.announcements, change.data);
      case 'auditorium.remove':
        this.auditoriums.delete(change.data.id);
        return change.data;
      case 'film.remove':
        this.films.delete(change.data.id);
        return change.data;
      case 'showtime.remove':
        this.showtimes.delete(change.data.id);
        return change.data;
      case 'announcement.remove':
        this.announcements.delete(change.data.id);
        return change.data;
      case 'availability': {
        const show = this.showtimes.get(change.data.showtimeId);
        if (show) {
          this.showtimes.set(show.id, {
            ...show,
            seatsAvailable: change.data.seatsAvailable,
            version: (show.version ?? 0) + 1,
          });
        }
        return change.data;
      }
      case 'status':
        return change.data;
    }
  }

  /** Replaces everything with a snapshot (loading a compacted log). */
  load(snapshot: Snapshot): void {
    this.venue = snapshot.venue;
    for (const [map, list] of [
      [this.auditoriums, snapshot.auditoriums],
      [this.films, snapshot.films],
      [this.showtimes, snapshot.showtimes],
      [this.announcements, snapshot.announcements],
    ] as const) {
      map.clear();
      for (const r of list) (map as Map<string, { id: string }>).set(r.id, r);
    }
  }

  snapshot(seq: number): Snapshot {
    if (!this.venue) throw new Error('the simulated venue is not set up yet');
    return {
      seq,
      venue: this.venue,
      auditoriums: [...this.auditoriums.values()],
      films: [...this.films.values()],
      showtimes: [...this.showtimes.values()].sort(
        (a, b) => a.startsAt.localeCompare(b.startsAt) || a.id.localeCompare(b.id),
      ),
      announcements: [...this.announcements.values()],
    };
  }
}

function put<T extends { id: string; version?: number }>(map: Map<string, T>, record: T): T {
  const stored = { ...record, version: (map.get(record.id)?.version ?? 0) + 1 };
  map.set(record.id, stored);
  return stored;
}
