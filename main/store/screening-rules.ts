import type { Film, Showtime } from '../domain/records.ts';
import { addFilmScreeningTags, filmTagProblem, splitFilmTags } from '../domain/screening-tags.ts';
import type { VenueTag } from '../domain/tags.ts';
import type { Effect } from './apply-change.ts';
import { InvalidChangeError } from './errors.ts';
import type { Tables } from './tables.ts';

type Done = NonNullable<Effect>;

const venueTags = (t: Tables): readonly VenueTag[] => t.venue()?.settings.tags ?? [];

/** Staff may not put a format (or another screening tag) on a film: the admin API's 400 on `tags`. */
export function checkLocalFilmTags(t: Tables, film: Film): void {
  const problem = filmTagProblem(film.tags, venueTags(t));
  if (problem) throw new InvalidChangeError(problem, 'tags');
}

/** An upstream film as stored (descriptors only), and the screening tags taken off it. */
export function splitUpstreamFilm(t: Tables, film: Film): { film: Film; screening: string[] } {
  const { film: kept, screening } = splitFilmTags(film.tags, venueTags(t));
  return { film: screening.length > 0 ? { ...film, tags: kept } : film, screening };
}

/** An upstream showtime with its film's screening tags, where its own tags and its room carry none. */
export function withFilmTags(t: Tables, show: Showtime): Showtime {
  const screening = t.upstreamFilmTags.get(show.filmId);
  if (screening.length === 0) return show;
  const features = t.auditoriums.get(show.auditoriumId)?.features ?? [];
  const tags = addFilmScreeningTags(show.tags, features, screening, venueTags(t));
  return tags.length === show.tags.length ? show : { ...show, tags };
}

/**
 * Remembers the screening tags an upstream film carries and, when they
 * changed, gives them to the film's upstream showtimes. Returns the showtime
 * changes and a line for the log.
 */
export function moveFilmTags(
  t: Tables,
  filmId: string,
  screening: readonly string[],
): { effects: Done[]; notice?: string } {
  const before = t.upstreamFilmTags.get(filmId);
  if (JSON.stringify(before) === JSON.stringify(screening)) return { effects: [] };
  t.upstreamFilmTags.set(filmId, screening);
  if (screening.length === 0) return { effects: [] };
  const effects: Done[] = [];
  for (const show of t.upstreamFilmTags.showtimesOf(filmId)) {
    const next = withFilmTags(t, show);
    if (next === show) continue;
    effects.push({
      type: 'showtime.upsert',
      data: t.showtimes.put(next, (show.version ?? 0) + 1),
      before: show,
    });
  }
  return {
    effects,
    notice:
      `film ${filmId}: ${screening.join(', ')} moved from the film to its showtimes ` +
      `(${effects.length} changed now); formats belong to screenings`,
  };
}
