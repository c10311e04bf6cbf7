import type { Database, Statement } from 'better-sqlite3';
import type { Showtime } from '../domain/records.ts';
import { MAX_PRE_SHOW_MINUTES } from '../domain/records.ts';
import { MAX_RUNTIME_MINUTES, venueDateTime, venueTime } from '../domain/schedule.ts';
import { occupancy, spansOverlap } from '../domain/show-times.ts';
import { InvalidChangeError } from './errors.ts';
import type { Tables } from './tables.ts';

interface Neighbour {
  id: string;
  starts_at: string;
  feature_starts_at: string | null;
  extra_minutes: number | null;
  runtime: number;
  title: string;
}

/** Checks a staff write to one showtime; throws a rule error naming the field at fault. */
export type ScheduleCheck = (next: Showtime, existing: Showtime | undefined) => void;

export interface ScheduleRuleOptions {
  /** Allow a start at or before now (`force: true` in the API). Default false. */
  allowPast?: boolean;
}

const MINUTE = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** The longest a show can hold its auditorium beyond its film's runtime and the cleaning gap. */
const MAX_EXTRA_MINUTES = MAX_PRE_SHOW_MINUTES + 600;

/**
 * The rules staff writes obey and upstream writes do not (the feed is the
 * authority for its own schedule): no two shows overlap in one auditorium,
 * from the doors to the feature's end (feature start + runtime + extra
 * minutes) plus the cleaning gap; a new or moved show starts in the future.
 * Shows already stored are not judged again: only the one written is.
 */
export class ScheduleRules {
  readonly #neighbours: Statement<[string, string, string, string], Neighbour>;

  constructor(
    db: Database,
    private readonly tables: Tables,
  ) {
    // Cancelled shows, and shows cancelled locally, free the auditorium; hidden ones still run.
    this.#neighbours = db.prepare(`
      SELECT s.id, s.starts_at, s.feature_starts_at, s.extra_minutes, f.runtime_minutes AS runtime, f.title
      FROM showtimes s
      JOIN films f ON f.id = s.film_id
      LEFT JOIN overrides o ON o.kind = 'showtime' AND o.id = s.id
      WHERE s.auditorium_id = ? AND s.id != ? AND s.starts_at > ? AND s.starts_at < ?
        AND s.status = 'scheduled' AND coalesce(o.cancelled, 0) = 0
      ORDER BY s.starts_at`);
  }

  check(options: ScheduleRuleOptions, now: number): ScheduleCheck {
    return (next, existing) => {
      const moved =
        !existing ||
        existing.startsAt !== next.startsAt ||
        existing.featureStartsAt !== next.featureStartsAt ||
        existing.extraMinutes !== next.extraMinutes ||
        existing.auditoriumId !== next.auditoriumId ||
        existing.filmId !== next.filmId ||
        existing.status !== next.status;
      if (!moved) return;
      const venue = this.tables.venue();
      const tz = venue?.timezone ?? 'UTC';
      const start = Date.parse(next.startsAt);
      if (!options.allowPast && (!existing || existing.startsAt !== next.startsAt) && start <= now) {
        throw new InvalidChangeError(
          `must be in the future (it is ${venueDateTime(start, tz)}, venue time); send force: true to enter a past show`,
          'startsAt',
          { code: 'in_past', params: { startsAt: next.startsAt } },
        );
      }
      if (next.status === 'cancelled' || !venue) return;
      const film = this.tables.films.get(next.filmId);
      if (!film) return; // the caller reports the unknown film
      const cleaning = venue.settings.cleaningMinutes;
      const mine = occupancy(next, film, venue);
      const from = iso(start - (MAX_RUNTIME_MINUTES + MAX_EXTRA_MINUTES + cleaning) * MINUTE);
      for (const n of this.#neighbours.all(next.auditoriumId, next.id, from, iso(mine.until))) {
        const other = occupancy(
          {
            startsAt: n.starts_at,
            featureStartsAt: n.feature_starts_at ?? undefined,
            extraMinutes: n.extra_minutes ?? undefined,
          },
          { runtimeMinutes: n.runtime },
          venue,
        );
        if (spansOverlap(mine, other)) {
          throw new InvalidChangeError(
            `overlaps "${n.title}" (${n.id}) at ${venueTime(other.from, tz)}–${venueTime(other.until, tz)} ` +
              `including ${cleaning} min cleaning; "${film.title}" holds the auditorium ` +
              `${venueTime(mine.from, tz)}–${venueTime(mine.until, tz)}`,
            'startsAt',
            {
              code: 'overlap',
              params: {
                showtimeId: n.id,
                title: n.title,
                startsAt: n.starts_at,
                endsAt: iso(other.until),
                cleaningMinutes: cleaning,
                neededMinutes: Math.round((mine.until - mine.from) / MINUTE),
              },
            },
          );
        }
      }
    };
  }
}
