import type { Auditorium, Film, Showtime } from '../../main/domain/records.ts';
import { endsAbout, featureStart } from '../../main/domain/show-times.ts';
import { addLocalDays, startOfLocalDay } from '../../main/domain/time.ts';
import { type ShowView, showView } from './board-view.ts';
import { LOOKAHEAD_DAYS, nextChange } from './time-states.ts';
import type { VenueData } from './venue-data.ts';

const MINUTE = 60_000;

/** How many shows a door sign lists: the one inside or next, and two after it. */
export const DOOR_LINES = 3;

export interface DoorShow extends ShowView {
  film: Film;
  /** When the film itself starts (after the trailers). */
  featureStartsAt: number;
  /** About when the audience comes out: feature start + runtime + extra minutes. */
  endsAt: number;
  /** Venue days from today: 0 today, 1 tomorrow … */
  dayOffset: number;
}

/** A door sign: now, next and later, in time order, a cancelled show in its place. */
export interface DoorView {
  /** `undefined` for a sign pointed at an auditorium the venue does not have (or at none). */
  auditorium: Auditorium | undefined;
  /** At most `DOOR_LINES`, by start time; the first is the one inside when `currentState` is set. */
  lines: DoorShow[];
  /** `seating` until the start, then `running` until the film ends; unset when the room waits for its next show. */
  currentState: 'seating' | 'running' | undefined;
  /** When the sign next changes by the clock alone. */
  changesAt: number;
}

export function buildDoor(data: VenueData, auditoriumId: string, now: number): DoorView | undefined {
  const venue = data.venue;
  if (!venue) return undefined;
  const { settings, timezone } = venue;
  const today = startOfLocalDay(now, timezone);
  const horizon = addLocalDays(now, LOOKAHEAD_DAYS, timezone);
  const shows: DoorShow[] = [];
  const raw: Showtime[] = [];
  const auditorium = data.auditoriums.get(auditoriumId);
  for (const show of data.showtimes.values()) {
    const film = data.films.get(show.filmId);
    if (show.auditoriumId !== auditoriumId || !film) continue;
    const view = showView(show, now, settings, auditorium);
    const endsAt = endsAbout(show, film, venue);
    if (endsAt <= now || view.startsAt >= horizon) continue;
    // A cancelled show stays listed until its advertised start: people may come for it until then.
    if (view.cancelled && view.startsAt <= now) continue;
    raw.push(show);
    let dayOffset = 0;
    while (dayOffset < LOOKAHEAD_DAYS && view.startsAt >= addLocalDays(today, dayOffset + 1, timezone))
      dayOffset++;
    shows.push({ ...view, film, featureStartsAt: featureStart(show, venue), endsAt, dayOffset });
  }
  shows.sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));
  // Inside now: the latest scheduled show whose seating has begun (an earlier one that overruns gives way).
  const current = shows
    .filter((s) => !s.cancelled && s.startsAt - settings.seatingMinutes * MINUTE <= now)
    .at(-1);
  const upcoming = shows.filter((s) => s.startsAt > now && s !== current);
  const lines = [...(current ? [current] : []), ...upcoming].slice(0, DOOR_LINES);
  return {
    auditorium,
    lines,
    currentState: current ? (current.startsAt > now ? 'seating' : 'running') : undefined,
    changesAt: nextChange(raw, now, timezone, settings, [
      ...shows.map((s) => s.endsAt),
      ...shows.filter((s) => s.cancelled).map((s) => s.startsAt),
    ]),
  };
}

/** Minutes until `startsAt`, rounded up, while it is within the hour; else `undefined`. */
export function minutesToStart(startsAt: number, now: number): number | undefined {
  const left = startsAt - now;
  if (left <= 0 || left > 60 * MINUTE) return undefined;
  return Math.ceil(left / MINUTE);
}
