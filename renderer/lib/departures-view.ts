import type { Film } from '../../main/domain/records.ts';
import { type ShowView, showView } from './board-view.ts';
import { showPhase } from './time-states.ts';
import type { VenueData } from './venue-data.ts';

const HOUR = 3_600_000;

/** One row of a departures board. */
export interface DepartureRow {
  show: ShowView;
  film: Film;
}

/**
 * The departures board at `now`: every show not yet gone from the board (see
 * `showPhase`) that starts within the next `hours`, cancelled ones included
 * (people need to know), in time order, ties by id so nothing jumps.
 */
export function buildDepartures(data: VenueData, now: number, hours: number): DepartureRow[] {
  const venue = data.venue;
  if (!venue) return [];
  const until = now + hours * HOUR;
  const rows: DepartureRow[] = [];
  for (const show of data.showtimes.values()) {
    const startsAt = Date.parse(show.startsAt);
    const film = data.films.get(show.filmId);
    if (!film || startsAt > until || showPhase(startsAt, now, venue.settings) === 'gone') continue;
    rows.push({ show: showView(show, now, venue.settings, data.auditoriums.get(show.auditoriumId)), film });
  }
  return rows.sort((a, b) => a.show.startsAt - b.show.startsAt || a.show.id.localeCompare(b.show.id));
}

/** Splits rows of the given heights into pages no taller than `height`; at least one page. */
export function pageRows(heights: readonly number[], height: number, gap: number): number[][] {
  const pages: number[][] = [[]];
  let used = 0;
  heights.forEach((h, i) => {
    const page = pages.at(-1)!;
    const need = page.length === 0 ? h : used + gap + h;
    if (page.length > 0 && need > height) {
      pages.push([i]);
      used = h;
    } else {
      page.push(i);
      used = need;
    }
  });
  return pages;
}
