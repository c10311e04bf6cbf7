import { DEMO_ANNOUNCEMENTS, DEMO_AUDITORIUMS, DEMO_FILMS, type DemoFilm } from '../demo/catalog.ts';
import { DEMO_VENUE, demoShowtimes } from '../demo/seed.ts';
import { filmsFor as demoFilmsFor } from '../demo/show-details.ts';
import type { Change } from '../domain/events.ts';
import { type Film, type Showtime, type Venue, VenueSettings } from '../domain/records.ts';
import { addLocalDays, localDateKey, toLocal } from '../domain/time.ts';

/**
 * The simulated multiplex: the demo catalog (12 screens, 20 films) under its
 * own venue id, selling through a ticketing system rather than seeded locally.
 */
export const SIM_VENUE: Venue = {
  id: 'marquee-central',
  name: 'Marquee Central',
  names: { 'zh-CN': 'Marquee 中央影城' },
  timezone: DEMO_VENUE.timezone,
  locales: [...DEMO_VENUE.locales],
  settings: VenueSettings.parse({}),
};

export const TZ = SIM_VENUE.timezone;
export const FILMS_BY_ID: ReadonlyMap<string, DemoFilm> = new Map(DEMO_FILMS.map((f) => [f.id, f]));
export const AUDITORIUMS_BY_ID = new Map(DEMO_AUDITORIUMS.map((a) => [a.id, a]));

/** Minutes between a feature's end and the next start: trailers are before the feature, cleaning after. */
export const TRAILERS_MIN = 20;

export function simFilm(film: DemoFilm, posterBase: string | undefined): Film {
  const { weight: _w, palette: _p, language: _l, showTags: _s, premium: _r, ...rest } = film;
  return {
    ...rest,
    titles: { ...rest.titles },
    tags: [...rest.tags],
    ...(posterBase && { posterUrl: `${posterBase}/posters/${film.id}.svg` }),
    source: 'local',
  };
}

/** Which films an auditorium shows: premium screens their premium films, the rest anything. */
export const filmsFor = (auditoriumId: string): readonly DemoFilm[] => demoFilmsFor(DEMO_FILMS, auditoriumId);

/**
 * One venue day of shows (`dayOffset` days after today), partly sold
 * already: less the further out the day, and even today's shows keep seats
 * for the walk-up rush of the last hour.
 */
export function dayOfShows(dayStart: number, dayOffset: number, seed: number): Showtime[] {
  const daySeed = (seed ^ Number(localDateKey(dayStart, TZ).replaceAll('-', ''))) >>> 0;
  const presold = dayOffset === 0 ? 0.6 : Math.max(0.1, 0.45 - 0.15 * (dayOffset - 1));
  return demoShowtimes(dayStart, 1, daySeed).map((s) => {
    const sold = Math.round((s.capacity - s.seatsAvailable) * presold);
    return { ...s, seatsAvailable: s.capacity - sold, source: 'local' };
  });
}

/** The opening state: venue, screens, films, `days` days of shows from now, and standing announcements. */
export function openingChanges(now: number, days: number, seed: number, posterBase?: string): Change[] {
  const changes: Change[] = [
    { type: 'venue', data: SIM_VENUE },
    ...DEMO_AUDITORIUMS.map((a): Change => ({ type: 'auditorium.upsert', data: { ...a, source: 'local' } })),
    ...DEMO_FILMS.map((f): Change => ({ type: 'film.upsert', data: simFilm(f, posterBase) })),
  ];
  for (let d = 0; d < days; d++) {
    for (const show of dayOfShows(addLocalDays(now, d, TZ), d, seed)) {
      if (Date.parse(show.startsAt) >= now - 30 * 60_000)
        changes.push({ type: 'showtime.upsert', data: show });
    }
  }
  for (const a of DEMO_ANNOUNCEMENTS) {
    changes.push({ type: 'announcement.upsert', data: { ...a, texts: { ...a.texts }, source: 'local' } });
  }
  return changes;
}

/** `19:30` in the venue's zone. */
export function clockTime(iso: string): string {
  const l = toLocal(Date.parse(iso), TZ);
  return `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
}
