import type { Snapshot } from '../../../main/domain/events.ts';
import type { Store } from '../../../main/store/store.ts';

/** Record fields as the feed defines them: versions and ownership are each side's own business. */
function plain<T extends { id: string }>(records: readonly T[]): Record<string, unknown>[] {
  return records
    .map((r) => {
      const { version: _v, source: _s, ...rest } = r as T & { version?: unknown; source?: unknown };
      return rest;
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

export interface FeedShape {
  venue: { name: string; timezone: string; locales: readonly string[] };
  auditoriums: Record<string, unknown>[];
  films: Record<string, unknown>[];
  showtimes: Record<string, unknown>[];
  announcements: Record<string, unknown>[];
}

/** The upstream-owned records a hub holds, as stored (no local overrides applied). */
export function upstreamRecords(store: Store): FeedShape {
  const r = store.records;
  const up = <T extends { source?: string }>(list: T[]) => list.filter((x) => x.source === 'upstream');
  const venue = store.venue();
  return {
    venue: { name: venue.name, timezone: venue.timezone, locales: venue.locales },
    auditoriums: plain(up(r.auditoriums.all())),
    films: plain(up(r.films.all())),
    showtimes: plain(up(r.showtimes.all())),
    announcements: plain(up(r.announcements.all())),
  };
}

/** The same view of a feed's snapshot. */
export function feedRecords(snapshot: Snapshot): FeedShape {
  const { venue } = snapshot;
  return {
    venue: { name: venue.name, timezone: venue.timezone, locales: venue.locales },
    auditoriums: plain(snapshot.auditoriums),
    films: plain(snapshot.films),
    showtimes: plain(snapshot.showtimes),
    announcements: plain(snapshot.announcements),
  };
}
