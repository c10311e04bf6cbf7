import type { Film, Showtime, VenueSettings } from '../../main/domain/records.ts';
import { type SeatLevel, seatLevel } from './availability.ts';
import { type BoardDay, type ShowPhase, boardDay, showPhase } from './time-states.ts';
import type { VenueData } from './venue-data.ts';

/** One showtime as a screen draws it at one instant. */
export interface ShowView {
  id: string;
  startsAt: number;
  phase: ShowPhase;
  level: SeatLevel;
  seatsAvailable: number;
  /** Tags that set this show apart from the film's other shows today (IMAX, 3D …). */
  tags: string[];
  auditoriumId: string;
}

export interface FilmView {
  film: Film;
  shows: ShowView[];
}

export interface BoardView {
  day: BoardDay;
  films: FilmView[];
}

export function showView(show: Showtime, now: number, settings: VenueSettings): ShowView {
  return {
    id: show.id,
    startsAt: Date.parse(show.startsAt),
    phase: showPhase(Date.parse(show.startsAt), now, settings),
    level: seatLevel(show, settings.fewSeatsThreshold),
    seatsAvailable: show.seatsAvailable,
    tags: show.tags,
    auditoriumId: show.auditoriumId,
  };
}

/** Tags some but not all of a film's listed shows carry: the ones worth showing per showtime. */
function distinguishingTags(shows: ShowView[]): void {
  if (shows.length < 2) {
    for (const s of shows) s.tags = [];
    return;
  }
  const everywhere = shows[0]!.tags.filter((t) => shows.every((s) => s.tags.includes(t)));
  for (const s of shows) s.tags = s.tags.filter((t) => !everywhere.includes(t));
}

/**
 * The lobby board at `now`: the day's remaining shows (see `boardDay`),
 * grouped by film, films in title order of the venue's primary language so
 * nothing jumps around as the day goes on, shows in time order.
 */
export function buildBoard(data: VenueData, now: number): BoardView | undefined {
  const venue = data.venue;
  if (!venue) return undefined;
  const { settings, timezone } = venue;
  const { day, shows } = boardDay(data.showtimes.values(), now, timezone, settings);
  const byFilm = new Map<string, ShowView[]>();
  for (const show of shows) {
    if (!data.films.has(show.filmId)) continue;
    let list = byFilm.get(show.filmId);
    if (!list) byFilm.set(show.filmId, (list = []));
    list.push(showView(show, now, settings));
  }
  const collator = new Intl.Collator(venue.locales[0], { sensitivity: 'base', numeric: true });
  const films = [...byFilm]
    .map(([id, list]) => {
      distinguishingTags(list);
      return { film: data.films.get(id)!, shows: list };
    })
    .sort(
      (a, b) => collator.compare(sortTitle(a.film), sortTitle(b.film)) || a.film.id.localeCompare(b.film.id),
    );
  return { day, films };
}

/** "The Last Lantern" files under L, as lobby lists do. */
function sortTitle(film: Film): string {
  return film.title.replace(/^(?:(?:the|a|an|le|la|les)\s+|l['’])/i, '');
}
