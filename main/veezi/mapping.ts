import { languageCodeOf } from '../domain/languages.ts';
import { posterUrlProblem } from '../domain/poster-url.ts';
import type { Auditorium, Film, Showtime, Venue } from '../domain/records.ts';
import { MAX_PRE_SHOW_MINUTES } from '../domain/records.ts';
import { canonicalTag, tagKey } from '../domain/tags.ts';
import type { VeeziAttribute, VeeziFilm, VeeziScreen, VeeziSession, VeeziSite } from './api-schemas.ts';
import { veeziTimeToUtc } from './local-time.ts';
import { resolveTimeZone } from './windows-zones.ts';

/*
 * One complete Veezi poll turned into Marquee's upstream-owned records. Pure:
 * the same answers and the same zone give the same records, so a poll that
 * changed nothing maps to records equal to the stored ones and the diff finds
 * nothing to send. Ids are prefixed (`veezi-screen-1`) so they meet Marquee's
 * id alphabet and never meet a local record's.
 */

/** Veezi's catalogue: what sessions refer to, fetched every 10 minutes. */
export interface VeeziCatalog {
  site: VeeziSite;
  screens: readonly VeeziScreen[];
  films: readonly VeeziFilm[];
  attributes: readonly VeeziAttribute[];
}

export interface MappedPoll {
  /** The stored venue with Veezi's name and, when it resolves, its zone. */
  venue: Venue;
  /** Why the site's zone was not used (the configured zone is kept), for health. */
  zoneProblem: string | undefined;
  auditoriums: Auditorium[];
  films: Film[];
  showtimes: Showtime[];
  /** Ids (Marquee's) of mapped showtimes that have sold seats: they are cancelled, not removed, if they vanish. */
  sold: string[];
  /** One line per session left out, for the log. */
  problems: string[];
}

export const screenId = (id: number) => `veezi-screen-${id}`;
export const filmId = (id: string) => `veezi-film-${id.replace(/[^A-Za-z0-9._:-]/g, '_')}`.slice(0, 128);
export const sessionId = (id: number) => `veezi-session-${id}`;

const cut = (s: string, max: number) => (s.length > max ? s.slice(0, max).trimEnd() : s);

/** The auditorium of a screen: its door label from `ScreenNumber`, capacity `TotalSeats`. */
export function mapScreen(screen: VeeziScreen): Auditorium {
  const label = screen.ScreenNumber?.trim();
  const name = screen.Name.trim() || `Screen ${label ?? screen.Id}`;
  return {
    id: screenId(screen.Id),
    name: cut(name, 80),
    ...(label && { label: cut(label, 12) }),
    capacity: Math.min(Math.max(1, screen.TotalSeats), 100_000),
    externalId: String(screen.Id),
    source: 'upstream',
  };
}

/** Comma-separated genres as descriptor tags, trimmed and without repeats. */
export function genreTags(genre: string | null | undefined): string[] {
  const out: string[] = [];
  for (const part of (genre ?? '').split(',')) {
    const tag = cut(part.trim(), 32);
    if (tag && !out.some((t) => tagKey(t) === tagKey(tag))) out.push(tag);
  }
  return out.slice(0, 16);
}

/** The film: title, rating (absent when not rated), runtime, genres, poster (fetched by the poster cache). */
export function mapFilm(film: VeeziFilm, fallbackRuntime?: number): Film {
  const poster = [film.FilmPosterUrl, film.FilmPosterThumbnailUrl]
    .map((u) => u?.trim())
    .find((u): u is string => !!u && posterUrlProblem(u) === undefined);
  const rating = film.Rating?.trim();
  const runtime = Math.round(film.Duration) || fallbackRuntime || 1;
  return {
    id: filmId(film.Id),
    title: cut(film.Title, 200),
    ...(rating && { rating: cut(rating, 16) }),
    runtimeMinutes: Math.min(Math.max(1, runtime), 1_000),
    ...(poster && { posterUrl: poster }),
    tags: genreTags(film.Genre),
    externalId: cut(film.Id, 128),
    source: 'upstream',
  };
}

/**
 * Tags for a session's `FilmFormat`: 3D formats give `3D` (and `HFR`), a 35 mm
 * print `35mm`; plain digital 2D, "Not a Film" and projection standards
 * (D-Cinema) say nothing a lobby needs. Any other format is kept by name.
 */
export function formatTags(format: string | null | undefined): string[] {
  const key = tagKey(format ?? '');
  if (key === '') return [];
  if (key === '3d digital' || key === '3d') return ['3D'];
  if (key === '3d hfr') return ['3D', 'HFR'];
  if (key === '2d film') return ['35mm'];
  if (['2d digital', '2d', 'not a film', 'd-cinema', 'd cinema'].includes(key)) return [];
  return [canonicalTag(cut(format!.trim(), 32))];
}

/** A session attribute as a tag: the vocabulary's name when it knows the description, else the description. */
export function attributeTag(attribute: VeeziAttribute): string {
  return canonicalTag(cut(attribute.Description, 32));
}

const minutesBetween = (a: number, b: number) => Math.round((b - a) / 60_000);

/**
 * The showtime of a public session, or a reason it is left out. Times are
 * venue wall clock read in `timeZone`; `TicketsSoldOut` wins over a stale count.
 */
export function mapSession(
  session: VeeziSession,
  ctx: {
    timeZone: string;
    screens: ReadonlyMap<number, Auditorium>;
    films: ReadonlyMap<string, VeeziFilm>;
    attributes: ReadonlyMap<string, VeeziAttribute>;
  },
): Showtime | string {
  const screen = ctx.screens.get(session.ScreenId);
  if (!screen) return `screen ${session.ScreenId} is not in /v1/screen`;
  const film = ctx.films.get(session.FilmId);
  if (!film) return `film ${session.FilmId} is not in /v4/film`;
  const startsAt = veeziTimeToUtc(session.PreShowStartTime, ctx.timeZone);
  const featureAt = veeziTimeToUtc(session.FeatureStartTime, ctx.timeZone);
  if (startsAt === undefined) return 'PreShowStartTime is not a time';
  const preShow = featureAt === undefined ? -1 : minutesBetween(startsAt, featureAt);
  const tags: string[] = [];
  const add = (tag: string) => {
    if (tag && !tags.some((t) => tagKey(t) === tagKey(tag))) tags.push(tag);
  };
  formatTags(session.FilmFormat).forEach(add);
  for (const id of session.Attributes) {
    const attribute = ctx.attributes.get(id);
    if (attribute) add(attributeTag(attribute));
  }
  const audio = languageCodeOf(session.AudioLanguage ?? film.AudioLanguage ?? '');
  const seats = session.TicketsSoldOut ? 0 : Math.min(Math.max(0, session.SeatsAvailable), screen.capacity);
  return {
    id: sessionId(session.Id),
    filmId: filmId(session.FilmId),
    auditoriumId: screen.id,
    startsAt: new Date(startsAt).toISOString(),
    // A feature before the advertised time or hours after it is a typo at the box office: left to the default.
    ...(featureAt !== undefined &&
      preShow >= 0 &&
      preShow <= MAX_PRE_SHOW_MINUTES && { featureStartsAt: new Date(featureAt).toISOString() }),
    tags: tags.slice(0, 16),
    ...(audio && { audio }),
    capacity: screen.capacity,
    seatsAvailable: seats,
    status: 'scheduled',
    externalId: String(session.Id),
    source: 'upstream',
  };
}

/** Whether a session has sold tickets: `SeatsSold`, or for answers without it, seats gone that no hold explains. */
export function hasSales(session: VeeziSession, capacity: number): boolean {
  if (session.SeatsSold !== null && session.SeatsSold !== undefined) return session.SeatsSold > 0;
  const held = (session.SeatsHouse ?? 0) + (session.SeatsHeld ?? 0);
  return capacity - session.SeatsAvailable - held > 0;
}

/** Ids (Veezi's) a session names that the catalogue does not hold: a reason to fetch it again. */
export function unknownReferences(catalog: VeeziCatalog, sessions: readonly VeeziSession[]): string[] {
  const screens = new Set(catalog.screens.map((s) => s.Id));
  const films = new Set(catalog.films.map((f) => f.Id));
  const attributes = new Set(catalog.attributes.map((a) => a.Id));
  const out = new Set<string>();
  for (const s of sessions) {
    if (s.ShowType === 'Private') continue;
    if (!screens.has(s.ScreenId)) out.add(`screen ${s.ScreenId}`);
    if (!films.has(s.FilmId)) out.add(`film ${s.FilmId}`);
    for (const a of s.Attributes) if (!attributes.has(a)) out.add(`attribute ${a}`);
  }
  return [...out];
}

/**
 * Maps one complete poll. `current` is the stored venue: its id, locales and
 * settings stay; a zone Veezi names that does not resolve leaves its zone too.
 */
export function mapPoll(
  catalog: VeeziCatalog,
  sessions: readonly VeeziSession[],
  current: Venue,
): MappedPoll {
  const zone = resolveTimeZone(catalog.site.TimeZoneIdentifier, catalog.site.Country);
  const timeZone = zone.ok ? zone.timeZone : current.timezone;
  const venue: Venue = { ...current, name: cut(catalog.site.Name, 120), timezone: timeZone };
  const auditoriums = catalog.screens.map(mapScreen);
  const screens = new Map(catalog.screens.map((s, i) => [s.Id, auditoriums[i]!]));
  const veeziFilms = new Map(catalog.films.map((f) => [f.Id, f]));
  const attributes = new Map(catalog.attributes.map((a) => [a.Id, a]));
  const problems: string[] = [];
  const showtimes: Showtime[] = [];
  const sold: string[] = [];
  /** A film listed as 0 minutes (events) runs as long as its first session's feature. */
  const runtimes = new Map<string, number>();
  for (const session of sessions) {
    if (session.ShowType === 'Private') continue;
    const mapped = mapSession(session, { timeZone, screens, films: veeziFilms, attributes });
    if (typeof mapped === 'string') {
      problems.push(`session ${session.Id}: ${mapped}; left out`);
      continue;
    }
    showtimes.push(mapped);
    if (hasSales(session, mapped.capacity)) sold.push(mapped.id);
    const start = veeziTimeToUtc(session.FeatureStartTime, timeZone);
    const end = veeziTimeToUtc(session.FeatureEndTime, timeZone);
    if (start !== undefined && end !== undefined && end > start && !runtimes.has(session.FilmId))
      runtimes.set(session.FilmId, minutesBetween(start, end));
  }
  return {
    venue,
    zoneProblem: zone.ok ? undefined : zone.problem,
    auditoriums,
    films: catalog.films.map((f) => mapFilm(f, runtimes.get(f.Id))),
    showtimes,
    sold,
    problems,
  };
}
