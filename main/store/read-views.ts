import type { Snapshot } from '../domain/events.ts';
import {
  type Override,
  effectiveAnnouncement,
  effectiveAuditorium,
  effectiveFilm,
  effectiveShowtime,
} from '../domain/overrides.ts';
import type { Media } from '../domain/media.ts';
import type { Playlist } from '../domain/playlists.ts';
import type { Announcement, Auditorium, Film, Showtime, Venue } from '../domain/records.ts';
import type { AuditLog } from './audit-log.ts';
import type { EventLog } from './event-log.ts';
import type { Overrides } from './overrides.ts';
import type { RecordReader } from './record-table.ts';
import type { RecordsView, Tables } from './tables.ts';
import type { WritePath } from './write-path.ts';

/** What callers may read of the event log. */
export type EventLogView = Pick<EventLog, 'seq' | 'oldestSeq' | 'count' | 'after'>;
/** What callers may read of the overrides; they are set with `Store.setOverride`. */
export type OverridesView = Pick<Overrides, 'get' | 'all' | 'byId'>;
/** What callers may read of the audit log; entries are written with the change they describe. */
export type AuditView = Pick<AuditLog, 'page' | 'get'>;

type Read = WritePath['read'];

/** The records, read-only, each read reported to storage health. */
export function recordsView(t: Tables, read: Read): RecordsView {
  const reader = <T>(what: string, table: RecordReader<T>): RecordReader<T> => ({
    get: (id) => read(what, () => table.get(id)),
    all: () => read(what, () => table.all()),
    count: () => read(what, () => table.count()),
  });
  return {
    auditoriums: reader('reading auditoriums', t.auditoriums),
    films: reader('reading films', t.films),
    showtimes: reader('reading showtimes', t.showtimes),
    announcements: reader('reading announcements', t.announcements),
    playlists: reader('reading playlists', t.playlists),
    media: reader('reading media', t.media),
    venue: () => read('reading the venue', () => t.venue()),
    showtimesOfFilm: (id) => read('reading showtimes', () => t.showtimesOfFilm(id)),
    showtimesInAuditorium: (id) => read('reading showtimes', () => t.showtimesInAuditorium(id)),
    screeningTagsOfUpstreamFilm: (id) => read('reading films', () => t.screeningTagsOfUpstreamFilm(id)),
  };
}

export function overridesView(overrides: Overrides, read: Read): OverridesView {
  return {
    get: (kind, id) => read('reading overrides', () => overrides.get(kind, id)),
    all: () => read('reading overrides', () => overrides.all()),
    byId: (kind) => read('reading overrides', () => overrides.byId(kind)),
  };
}

export function auditView(audit: AuditLog, read: Read): AuditView {
  return {
    page: (limit, before) => read('reading the audit log', () => audit.page(limit, before)),
    get: (id) => read('reading the audit log', () => audit.get(id)),
  };
}

/** The stored records (upstream ones as the feed sent them) with the local overrides beside them. */
export interface StoredState {
  seq: number;
  venue: Venue;
  auditoriums: Auditorium[];
  films: Film[];
  showtimes: Showtime[];
  announcements: Announcement[];
  playlists: Playlist[];
  media: Media[];
  overrides: Override[];
}

/** What a whole-state read needs; run it inside one read transaction so it agrees with `seq`. */
export interface StateParts {
  tables: Tables;
  overrides: Overrides;
  events: EventLog;
}

export function venueOf(tables: Tables): Venue {
  const venue = tables.venue();
  if (!venue) throw new Error('venue row missing');
  return venue;
}

/** The state as screens see it: local overrides applied, hidden records left out. */
export function snapshotOf({ tables, overrides, events }: StateParts): Snapshot {
  const rooms = overrides.byId('auditorium');
  const films = overrides.byId('film');
  const shows = overrides.byId('showtime');
  const notes = overrides.byId('announcement');
  return {
    seq: events.seq,
    venue: venueOf(tables),
    auditoriums: tables.auditoriums.all().map((a) => effectiveAuditorium(a, rooms.get(a.id))),
    films: tables.films.all().map((f) => effectiveFilm(f, films.get(f.id))),
    showtimes: tables.showtimes.all().flatMap((s) => effectiveShowtime(s, shows.get(s.id)) ?? []),
    announcements: tables.announcements.all().flatMap((a) => effectiveAnnouncement(a, notes.get(a.id)) ?? []),
    playlists: tables.playlists.all(),
    media: tables.media.all(),
  };
}

export function storedStateOf({ tables, overrides, events }: StateParts): StoredState {
  return {
    seq: events.seq,
    venue: venueOf(tables),
    auditoriums: tables.auditoriums.all(),
    films: tables.films.all(),
    showtimes: tables.showtimes.all(),
    announcements: tables.announcements.all(),
    playlists: tables.playlists.all(),
    media: tables.media.all(),
    overrides: overrides.all(),
  };
}
