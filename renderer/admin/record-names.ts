import type { Showtime } from '../../main/domain/records.ts';
import type { AdminData } from './admin-data.svelte.ts';
import { entryFormat } from './date-time-entry.ts';
import { shortDateTime } from './venue-time.ts';

/** A show as staff name it: "Orbit Nine, 3 Dec, 19:30, IMAX" (film, venue day and time in its order and clock, screen), never its id. */
export function showtimeName(
  data: AdminData,
  show: Pick<Showtime, 'filmId' | 'auditoriumId' | 'startsAt'>,
): string {
  const film = data.film(show.filmId)?.title ?? 'A film no longer listed';
  const screen = data.auditorium(show.auditoriumId)?.name ?? 'a screen no longer listed';
  const venue = data.state!.venue;
  return `${film}, ${shortDateTime(show.startsAt, venue.timezone, entryFormat(venue))}, ${screen}`;
}
