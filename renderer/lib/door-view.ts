import type { Auditorium, Film, Showtime } from '../../main/domain/records.ts';
import { addLocalDays, startOfLocalDay } from '../../main/domain/time.ts';
import { type ShowView, showView } from './board-view.ts';
import { LOOKAHEAD_DAYS, nextChange } from './time-states.ts';
import type { VenueData } from './venue-data.ts';

const MINUTE = 60_000;

export interface DoorShow extends ShowView {
  film: Film;
  /** Start plus running time: when the auditorium empties, roughly. */
  endsAt: number;
  /** Venue days from today: 0 today, 1 tomorrow … */
  dayOffset: number;
}

/** A door sign: the show inside (seating or running) and the one after it. */
export interface DoorView {
  auditorium: Auditorium | undefined;
  /** Seating or running now. */
  current: DoorShow | undefined;
  /** `seating` until the start, then `running` until the end of the film. */
  currentState: 'seating' | 'running' | undefined;
  next: DoorShow | undefined;
  /** The show after `next`, for a sign whose auditorium is empty now. */
  after: DoorShow | undefined;
  /** A cancelled show due before `next` that people may be waiting for. */
  cancelled: DoorShow | undefined;
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
  for (const show of data.showtimes.values()) {
    const film = data.films.get(show.filmId);
    if (show.auditoriumId !== auditoriumId || !film) continue;
    const view = showView(show, now, settings);
    const endsAt = view.startsAt + film.runtimeMinutes * MINUTE;
    if (endsAt <= now || view.startsAt >= horizon) continue;
    raw.push(show);
    let dayOffset = 0;
    while (dayOffset < LOOKAHEAD_DAYS && view.startsAt >= addLocalDays(today, dayOffset + 1, timezone))
      dayOffset++;
    shows.push({ ...view, film, endsAt, dayOffset });
  }
  shows.sort((a, b) => a.startsAt - b.startsAt || a.id.localeCompare(b.id));

  const scheduled = shows.filter((s) => s.level !== 'cancelled');
  const current = scheduled.filter((s) => s.startsAt - settings.seatingMinutes * MINUTE <= now).at(-1);
  const upcoming = scheduled.filter((s) => s.startsAt > now && s !== current);
  const [next, after] = upcoming;
  const cancelled = shows.find(
    (s) => s.level === 'cancelled' && s.startsAt > now && (!next || s.startsAt < next.startsAt),
  );
  return {
    auditorium: data.auditoriums.get(auditoriumId),
    current,
    currentState: current ? (current.startsAt > now ? 'seating' : 'running') : undefined,
    next,
    after,
    cancelled,
    changesAt: nextChange(
      raw,
      now,
      timezone,
      settings,
      shows.map((s) => s.endsAt),
    ),
  };
}
