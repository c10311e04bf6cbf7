import { Film, Showtime, Venue, VenueSettings } from '../../../main/domain/records.ts';
import { fromLocal } from '../../../main/domain/time.ts';
import { type VenueData, emptyVenueData } from '../../../renderer/lib/venue-data.ts';

export const settings = (overrides: Partial<VenueSettings> = {}): VenueSettings =>
  VenueSettings.parse(overrides);

export function venue(timezone: string, locales = ['en'], overrides: Partial<VenueSettings> = {}): Venue {
  return Venue.parse({ id: 'v', name: 'Test Venue', timezone, locales, settings: overrides });
}

export function film(id: string, extra: Partial<Film> = {}): Film {
  return Film.parse({ id, title: id, runtimeMinutes: 100, ...extra });
}

/** `local` is "YYYY-MM-DD HH:MM" on the wall clock of `timeZone`. */
export function at(local: string, timeZone: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2})$/.exec(local);
  if (!m) throw new Error(`bad local time ${local}`);
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  return fromLocal({ year: y, month: mo, day: d, hour: h, minute: mi }, timeZone);
}

export function show(id: string, filmId: string, startsAt: number, extra: Partial<Showtime> = {}): Showtime {
  return Showtime.parse({
    id,
    filmId,
    auditoriumId: 'a1',
    startsAt: new Date(startsAt).toISOString(),
    capacity: 100,
    seatsAvailable: 80,
    ...extra,
  });
}

/** A venue with one auditorium, the given films (default one, `f1`) and shows. */
export function venueData(v: Venue, shows: Showtime[], films: Film[] = [film('f1')]): VenueData {
  const data = emptyVenueData();
  data.venue = v;
  data.auditoriums.set('a1', { id: 'a1', name: 'Screen 1', capacity: 100, source: 'local' });
  for (const f of films) data.films.set(f.id, f);
  for (const s of shows) data.showtimes.set(s.id, s);
  return data;
}
