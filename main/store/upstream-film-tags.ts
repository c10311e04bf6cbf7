import type { Database, Statement } from 'better-sqlite3';
import type { Showtime } from '../domain/records.ts';
import { type ShowtimeRow, showtimeFromRow } from './rows.ts';

/**
 * Screening tags (IMAX, 3D …) an upstream put on a film. The film is stored
 * without them, since formats belong to screenings; they are kept here so each
 * upstream showtime of the film gets them as it arrives.
 */
export class UpstreamFilmTags {
  readonly #get: Statement<[string], { tags: string }>;
  readonly #put: Statement<[string, string]>;
  readonly #delete: Statement<[string]>;
  readonly #shows: Statement<[string], ShowtimeRow>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT tags FROM upstream_film_tags WHERE film_id = ?');
    this.#put = db.prepare('INSERT OR REPLACE INTO upstream_film_tags (film_id, tags) VALUES (?, ?)');
    this.#delete = db.prepare('DELETE FROM upstream_film_tags WHERE film_id = ?');
    this.#shows = db.prepare(
      `SELECT id, film_id, auditorium_id, starts_at, feature_starts_at, extra_minutes, tags, audio, subtitles,
              capacity, seats_available, status, external_id, source, version
       FROM showtimes WHERE film_id = ? AND source = 'upstream' ORDER BY starts_at, id`,
    );
  }

  get(filmId: string): string[] {
    const row = this.#get.get(filmId);
    return row ? (JSON.parse(row.tags) as string[]) : [];
  }

  set(filmId: string, tags: readonly string[]): void {
    if (tags.length === 0) this.#delete.run(filmId);
    else this.#put.run(filmId, JSON.stringify(tags));
  }

  /** The film's upstream showtimes, which take its screening tags. */
  showtimesOf(filmId: string): Showtime[] {
    return this.#shows.all(filmId).map(showtimeFromRow);
  }
}
