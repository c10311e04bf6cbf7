import type { Database, Statement } from 'better-sqlite3';
import type { Showtime } from '../domain/records.ts';
import { MAX_RUNTIME_MINUTES, showsOverlap, venueDateTime, venueTime } from '../domain/schedule.ts';
import { InvalidChangeError } from './errors.ts';
import type { Tables } from './tables.ts';

interface Neighbour {
  id: string;
  starts_at: string;
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

/**
 * The rules staff writes obey and upstream writes do not (the feed is the
 * authority for its own schedule): no two shows overlap in one auditorium,
 * runtime plus cleaning gap; a new or moved show starts in the future.
 */
export class ScheduleRules {
  readonly #neighbours: Statement<[string, string, string, string], Neighbour>;

  constructor(
    db: Database,
    private readonly tables: Tables,
  ) {
    // Cancelled shows, and shows cancelled locally, free the auditorium; hidden ones still run.
    this.#neighbours = db.prepare(`
      SELECT s.id, s.starts_at, f.runtime_minutes AS runtime, f.title
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
      if (next.status === 'cancelled') return;
      const film = this.tables.films.get(next.filmId);
      if (!film) return; // the caller reports the unknown film
      const cleaning = venue?.settings.cleaningMinutes ?? 0;
      const from = iso(start - (MAX_RUNTIME_MINUTES + cleaning) * MINUTE);
      const to = iso(start + (film.runtimeMinutes + cleaning) * MINUTE);
      for (const n of this.#neighbours.all(next.auditoriumId, next.id, from, to)) {
        const other = { startMs: Date.parse(n.starts_at), runtimeMinutes: n.runtime };
        if (showsOverlap({ startMs: start, runtimeMinutes: film.runtimeMinutes }, other, cleaning)) {
          const until = other.startMs + (n.runtime + cleaning) * MINUTE;
          throw new InvalidChangeError(
            `overlaps "${n.title}" (${n.id}) at ${venueTime(other.startMs, tz)}–${venueTime(until, tz)} ` +
              `including ${cleaning} min cleaning; "${film.title}" needs ${film.runtimeMinutes + cleaning} min`,
            'startsAt',
            {
              code: 'overlap',
              params: {
                showtimeId: n.id,
                title: n.title,
                startsAt: n.starts_at,
                endsAt: iso(until),
                cleaningMinutes: cleaning,
                neededMinutes: film.runtimeMinutes + cleaning,
              },
            },
          );
        }
      }
    };
  }
}
