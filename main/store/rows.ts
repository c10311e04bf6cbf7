import type { Announcement, Auditorium, Film, Showtime, Venue } from '../domain/records.ts';

/** Column shapes as SQLite returns them. Rows are written only by this store, so they are trusted. */
export interface VenueRow {
  id: string;
  name: string;
  names: string | null;
  timezone: string;
  locales: string;
  settings: string;
  version: number;
}
export interface AuditoriumRow {
  id: string;
  name: string;
  label: string | null;
  names: string | null;
  capacity: number;
  features: string | null;
  external_id: string | null;
  source: string;
  version: number;
}
export interface FilmRow {
  id: string;
  title: string;
  titles: string | null;
  rating: string | null;
  runtime_minutes: number;
  poster_url: string | null;
  tags: string;
  external_id: string | null;
  source: string;
  version: number;
}
export interface ShowtimeRow {
  id: string;
  film_id: string;
  auditorium_id: string;
  starts_at: string;
  feature_starts_at: string | null;
  extra_minutes: number | null;
  tags: string;
  audio: string | null;
  subtitles: string | null;
  capacity: number;
  seats_available: number;
  status: string;
  external_id: string | null;
  source: string;
  version: number;
}
export interface AnnouncementRow {
  id: string;
  text: string;
  texts: string | null;
  starts_at: string | null;
  ends_at: string | null;
  priority: number;
  urgent: number;
  source: string;
  version: number;
}

const json = (v: unknown) => (v === undefined ? null : JSON.stringify(v));
const list = (v: readonly string[] | undefined) => (v && v.length > 0 ? JSON.stringify(v) : null);

export function venueFromRow(r: VenueRow): Venue {
  const v: Venue = {
    id: r.id,
    name: r.name,
    timezone: r.timezone,
    locales: JSON.parse(r.locales) as Venue['locales'],
    settings: JSON.parse(r.settings) as Venue['settings'],
    version: r.version,
  };
  if (r.names !== null) v.names = JSON.parse(r.names) as Record<string, string>;
  return v;
}
export const venueToRow = (v: Venue, version: number): VenueRow => ({
  id: v.id,
  name: v.name,
  names: json(v.names),
  timezone: v.timezone,
  locales: JSON.stringify(v.locales),
  settings: JSON.stringify(v.settings),
  version,
});

export const auditoriumFromRow = (r: AuditoriumRow): Auditorium => ({
  id: r.id,
  name: r.name,
  ...(r.label !== null && { label: r.label }),
  ...(r.names !== null && { names: JSON.parse(r.names) as Record<string, string> }),
  capacity: r.capacity,
  ...(r.features !== null && { features: JSON.parse(r.features) as string[] }),
  ...(r.external_id !== null && { externalId: r.external_id }),
  source: r.source as Auditorium['source'],
  version: r.version,
});
export const auditoriumToRow = (a: Auditorium, version: number): AuditoriumRow => ({
  id: a.id,
  name: a.name,
  label: a.label ?? null,
  names: json(a.names),
  capacity: a.capacity,
  features: list(a.features),
  external_id: a.externalId ?? null,
  source: a.source,
  version,
});

export function filmFromRow(r: FilmRow): Film {
  const f: Film = {
    id: r.id,
    title: r.title,
    runtimeMinutes: r.runtime_minutes,
    tags: JSON.parse(r.tags) as string[],
    source: r.source as Film['source'],
    version: r.version,
  };
  if (r.titles !== null) f.titles = JSON.parse(r.titles) as Record<string, string>;
  if (r.rating !== null) f.rating = r.rating;
  if (r.poster_url !== null) f.posterUrl = r.poster_url;
  if (r.external_id !== null) f.externalId = r.external_id;
  return f;
}
export const filmToRow = (f: Film, version: number): FilmRow => ({
  id: f.id,
  title: f.title,
  titles: json(f.titles),
  rating: f.rating ?? null,
  runtime_minutes: f.runtimeMinutes,
  poster_url: f.posterUrl ?? null,
  tags: JSON.stringify(f.tags),
  external_id: f.externalId ?? null,
  source: f.source,
  version,
});

export function showtimeFromRow(r: ShowtimeRow): Showtime {
  const s: Showtime = {
    id: r.id,
    filmId: r.film_id,
    auditoriumId: r.auditorium_id,
    startsAt: r.starts_at,
    tags: JSON.parse(r.tags) as string[],
    capacity: r.capacity,
    seatsAvailable: r.seats_available,
    status: r.status as Showtime['status'],
    source: r.source as Showtime['source'],
    version: r.version,
  };
  if (r.feature_starts_at !== null) s.featureStartsAt = r.feature_starts_at;
  if (r.extra_minutes !== null) s.extraMinutes = r.extra_minutes;
  if (r.audio !== null) s.audio = r.audio;
  if (r.subtitles !== null) s.subtitles = JSON.parse(r.subtitles) as string[];
  if (r.external_id !== null) s.externalId = r.external_id;
  return s;
}
export const showtimeToRow = (s: Showtime, version: number): ShowtimeRow => ({
  id: s.id,
  film_id: s.filmId,
  auditorium_id: s.auditoriumId,
  starts_at: s.startsAt,
  feature_starts_at: s.featureStartsAt ?? null,
  extra_minutes: s.extraMinutes ?? null,
  tags: JSON.stringify(s.tags),
  audio: s.audio ?? null,
  subtitles: list(s.subtitles),
  capacity: s.capacity,
  seats_available: s.seatsAvailable,
  status: s.status,
  external_id: s.externalId ?? null,
  source: s.source,
  version,
});

export function announcementFromRow(r: AnnouncementRow): Announcement {
  const a: Announcement = {
    id: r.id,
    text: r.text,
    priority: r.priority,
    source: r.source as Announcement['source'],
    version: r.version,
  };
  if (r.texts !== null) a.texts = JSON.parse(r.texts) as Record<string, string>;
  if (r.starts_at !== null) a.startsAt = r.starts_at;
  if (r.ends_at !== null) a.endsAt = r.ends_at;
  if (r.urgent === 1) a.urgent = true;
  return a;
}
export const announcementToRow = (a: Announcement, version: number): AnnouncementRow => ({
  id: a.id,
  text: a.text,
  texts: json(a.texts),
  starts_at: a.startsAt ?? null,
  ends_at: a.endsAt ?? null,
  priority: a.priority,
  urgent: a.urgent ? 1 : 0,
  source: a.source,
  version,
});
