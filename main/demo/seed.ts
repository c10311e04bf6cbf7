import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Change } from '../domain/events.ts';
import { VenueSettings, type Showtime, type Venue } from '../domain/records.ts';
import { addLocalDays, fromLocal, toLocal } from '../domain/time.ts';
import type { Logger } from '../log.ts';
import type { Store } from '../store/store.ts';
import { DEMO_ANNOUNCEMENTS, DEMO_AUDITORIUMS, DEMO_FILMS, type DemoFilm } from './catalog.ts';
import { posterSvg } from './posters.ts';
import { demoShowDetails, filmsFor } from './show-details.ts';
import { seededRandom } from './random.ts';

export const DEMO_VENUE: Venue = {
  id: 'harbourfront',
  name: 'Marquee Harbourfront',
  names: { 'zh-CN': 'Marquee 海港影城' },
  timezone: 'Asia/Singapore',
  locales: ['en', 'zh-CN'],
  // Trailers run 20 minutes here; "few left" from 10 % of the room, at least 20 seats.
  settings: VenueSettings.parse({ preShowMinutes: 20, fewSeats: { percent: 10, floor: 20 } }),
};

const SEEDED_KEY = 'demo.seededAt';
const FIRST_SHOW = { hour: 10, minute: 0 };
const LAST_START_MIN = 23 * 60 + 30;

function weightedPick(random: () => number, films: readonly DemoFilm[], bias: number): DemoFilm {
  // Big screens favour popular films: the weight is raised to a power that grows with the screen.
  const weights = films.map((f) => f.weight ** bias);
  let r = random() * weights.reduce((a, b) => a + b, 0);
  for (let i = 0; i < films.length; i++) {
    r -= weights[i]!;
    if (r <= 0) return films[i]!;
  }
  return films.at(-1)!;
}

/** How full a show is, from popularity, hour, weekday and how near it is. */
function soldFraction(
  random: () => number,
  film: DemoFilm,
  startMinute: number,
  weekday: number,
  dayIndex: number,
) {
  const evening = startMinute >= 18 * 60 ? 0.35 : startMinute >= 14 * 60 ? 0.15 : 0;
  const weekend = weekday === 0 || weekday === 5 || weekday === 6 ? 0.2 : 0;
  const nearness = Math.max(0, 0.3 - dayIndex * 0.06);
  const base = film.weight / 14 + evening + weekend + nearness - 0.25;
  return Math.min(1, Math.max(0, base + (random() - 0.5) * 0.35));
}

/** A week of realistic showtimes for every auditorium, starting with the venue's today. */
export function demoShowtimes(now: number, days: number, seed = 42): Showtime[] {
  const random = seededRandom(seed);
  const tz = DEMO_VENUE.timezone;
  const shows: Showtime[] = [];
  for (let day = 0; day < days; day++) {
    const dayStart = addLocalDays(now, day, tz);
    const date = toLocal(dayStart, tz);
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    const key = `${date.year}${String(date.month).padStart(2, '0')}${String(date.day).padStart(2, '0')}`;
    DEMO_AUDITORIUMS.forEach((aud, a) => {
      let minute = FIRST_SHOW.hour * 60 + FIRST_SHOW.minute + a * 10;
      const bias = 1 + aud.capacity / 200;
      for (let n = 0; minute <= LAST_START_MIN; n++) {
        const film = weightedPick(random, filmsFor(DEMO_FILMS, aud.id), bias);
        const startsAt = fromLocal({ ...date, hour: Math.floor(minute / 60), minute: minute % 60 }, tz);
        const sold = Math.round(soldFraction(random, film, minute, weekday, day) * aud.capacity);
        shows.push({
          id: `st-${key}-${aud.id}-${n + 1}`,
          filmId: film.id,
          auditoriumId: aud.id,
          startsAt: new Date(startsAt).toISOString(),
          ...demoShowDetails(film, aud, n),
          capacity: aud.capacity,
          seatsAvailable: aud.capacity - sold,
          status: random() < 0.012 ? 'cancelled' : 'scheduled',
          source: 'local',
        });
        const { preShowMinutes, cleaningMinutes } = DEMO_VENUE.settings;
        const next = minute + preShowMinutes + film.runtimeMinutes + cleaningMinutes;
        minute = Math.ceil(next / 5) * 5;
      }
    });
  }
  return shows;
}

/**
 * Seeds the demo multiplex into a database that has never held one: venue,
 * 12 auditoriums, 20 films with posters drawn locally, 7 days of showtimes
 * and a few announcements, in one transaction. Returns false when skipped.
 */
export function seedDemoVenue(
  store: Store,
  postersDir: string,
  opts: { now: number; log?: Logger; days?: number },
) {
  if (store.meta.get(SEEDED_KEY) !== undefined || store.records.films.count() > 0) return false;
  for (const film of DEMO_FILMS) writeFileSync(join(postersDir, `${film.id}.svg`), posterSvg(film));
  const changes: Change[] = [
    { type: 'venue', data: DEMO_VENUE },
    ...DEMO_AUDITORIUMS.map((a): Change => ({ type: 'auditorium.upsert', data: { ...a, source: 'local' } })),
    ...DEMO_FILMS.map(
      ({ weight: _w, palette: _p, language: _l, showTags: _s, premium: _r, ...f }): Change => ({
        type: 'film.upsert',
        data: { ...f, posterUrl: `/posters/${f.id}.svg`, source: 'local' },
      }),
    ),
    ...demoShowtimes(opts.now, opts.days ?? 7).map((s): Change => ({ type: 'showtime.upsert', data: s })),
    ...DEMO_ANNOUNCEMENTS.map((a): Change => ({
      type: 'announcement.upsert',
      data: { ...a, texts: { ...a.texts }, source: 'local' },
    })),
  ];
  store.apply(changes, { meta: { [SEEDED_KEY]: new Date(opts.now).toISOString() } });
  opts.log?.info('demo venue seeded', {
    showtimes: changes.filter((c) => c.type === 'showtime.upsert').length,
  });
  return true;
}
