import type { Database, Statement } from 'better-sqlite3';
import { addFilmScreeningTags, splitFilmTags } from '../../domain/screening-tags.ts';
import type { Migration } from './migration.ts';

/**
 * The data a cinema needs (issue 13): auditorium labels, names and features;
 * show languages, feature start and extra minutes; urgent announcements;
 * external ids; local overlays on overrides; token permissions; the venue's
 * new settings. Existing rows are brought forward in the same transaction:
 *
 * - venue settings gain `fewSeats` (floor = the old `fewSeatsThreshold`,
 *   percent 0) and the other new settings at their defaults;
 * - format (and other screening) tags leave every film for its showtimes,
 *   where neither the show's tags carry a format already, so every film stays
 *   editable; an upstream film's moved tags are remembered for the shows the
 *   feed sends later.
 *
 * Every record it changes is logged as an event like any other change, so a
 * screen resuming with `Last-Event-ID` hears of it; local overrides are
 * respected (a hidden show stays unheard, a locally cancelled one stays
 * cancelled). It reads rows directly and builds the wire shapes here, so it
 * does not change when the store's row mapping does.
 */
export const cinemaData: Migration = {
  version: 4,
  name: 'cinema-data',
  up: (db) => {
    db.exec(`
      ALTER TABLE venue ADD COLUMN names TEXT;
      ALTER TABLE auditoriums ADD COLUMN label TEXT;
      ALTER TABLE auditoriums ADD COLUMN names TEXT;
      ALTER TABLE auditoriums ADD COLUMN features TEXT;
      ALTER TABLE auditoriums ADD COLUMN external_id TEXT;
      ALTER TABLE films ADD COLUMN external_id TEXT;
      ALTER TABLE showtimes ADD COLUMN feature_starts_at TEXT;
      ALTER TABLE showtimes ADD COLUMN extra_minutes INTEGER;
      ALTER TABLE showtimes ADD COLUMN audio TEXT;
      ALTER TABLE showtimes ADD COLUMN subtitles TEXT;
      ALTER TABLE showtimes ADD COLUMN external_id TEXT;
      ALTER TABLE announcements ADD COLUMN urgent INTEGER NOT NULL DEFAULT 0;
      ALTER TABLE overrides ADD COLUMN overlay TEXT;
      CREATE TABLE token_permissions (
        token_id TEXT NOT NULL,
        permission TEXT NOT NULL,
        PRIMARY KEY (token_id, permission)
      );
      -- Screening tags the upstream put on its films, moved to the film's upstream showtimes as they arrive.
      CREATE TABLE upstream_film_tags (
        film_id TEXT PRIMARY KEY,
        tags TEXT NOT NULL
      );
    `);
    const at = Date.now();
    const log: Log = db.prepare('INSERT INTO events (type, data, at) VALUES (?, ?, ?)');
    migrateVenue(db, at, log);
    const moved = moveFilmTags(db, at, log);
    if (moved.films > 0) {
      db.prepare(
        `INSERT INTO audit_log (at, actor, action, summary, targets, target_count, seq_from, seq_to)
         VALUES (?, ?, 'migration.film-formats', ?, '[]', 0, NULL, NULL)`,
      ).run(
        at,
        JSON.stringify({ kind: 'system', id: 'migration-3', name: 'upgrade' }),
        `Moved format tags from ${moved.films} film(s) to ${moved.showtimes} of their showtimes`,
      );
    }
  },
};

type Log = Statement<[string, string, number]>;

interface VenueRow {
  id: string;
  name: string;
  timezone: string;
  locales: string;
  settings: string;
  version: number;
}

function migrateVenue(db: Database, at: number, log: Log): void {
  const row = db.prepare('SELECT id, name, timezone, locales, settings, version FROM venue').get() as
    VenueRow | undefined;
  if (!row) return;
  const old = JSON.parse(row.settings) as Record<string, unknown>;
  const floor = typeof old['fewSeatsThreshold'] === 'number' ? old['fewSeatsThreshold'] : 20;
  const settings = {
    fewSeatsThreshold: floor,
    fewSeats: { percent: 0, floor },
    ...old,
    hourCycle: 'auto',
    businessDayStartsAt: '04:00',
    preShowMinutes: 15,
    tags: [],
  };
  const version = row.version + 1;
  db.prepare('UPDATE venue SET settings = ?, version = ?').run(JSON.stringify(settings), version);
  const venue = {
    id: row.id,
    name: row.name,
    timezone: row.timezone,
    locales: JSON.parse(row.locales) as unknown,
    settings,
    version,
  };
  log.run('venue', JSON.stringify(venue), at);
}

interface FilmRow {
  id: string;
  title: string;
  titles: string | null;
  rating: string | null;
  runtime_minutes: number;
  poster_url: string | null;
  tags: string;
  source: string;
  version: number;
}

interface ShowRow {
  id: string;
  film_id: string;
  auditorium_id: string;
  starts_at: string;
  tags: string;
  capacity: number;
  seats_available: number;
  status: string;
  source: string;
  version: number;
  hidden: number | null;
  cancelled: number | null;
}

function moveFilmTags(db: Database, at: number, log: Log): { films: number; showtimes: number } {
  const films = db
    .prepare(
      'SELECT id, title, titles, rating, runtime_minutes, poster_url, tags, source, version FROM films ORDER BY id',
    )
    .all() as FilmRow[];
  const showsOf = db.prepare(
    `SELECT s.id, s.film_id, s.auditorium_id, s.starts_at, s.tags, s.capacity, s.seats_available,
            s.status, s.source, s.version, o.hidden, o.cancelled
     FROM showtimes s LEFT JOIN overrides o ON o.kind = 'showtime' AND o.id = s.id
     WHERE s.film_id = ? ORDER BY s.starts_at, s.id`,
  );
  const putFilm = db.prepare('UPDATE films SET tags = ?, version = ? WHERE id = ?');
  const putShow = db.prepare('UPDATE showtimes SET tags = ?, version = ? WHERE id = ?');
  const remember = db.prepare('INSERT INTO upstream_film_tags (film_id, tags) VALUES (?, ?)');
  let movedFilms = 0;
  let movedShows = 0;
  for (const f of films) {
    const { film: kept, screening } = splitFilmTags(JSON.parse(f.tags) as string[]);
    if (screening.length === 0) continue;
    movedFilms++;
    putFilm.run(JSON.stringify(kept), f.version + 1, f.id);
    log.run('film.upsert', JSON.stringify(filmWire(f, kept)), at);
    if (f.source === 'upstream') remember.run(f.id, JSON.stringify(screening));
    for (const s of showsOf.all(f.id) as ShowRow[]) {
      const before = JSON.parse(s.tags) as string[];
      const tags = addFilmScreeningTags(before, [], screening);
      if (tags.length === before.length) continue;
      movedShows++;
      putShow.run(JSON.stringify(tags), s.version + 1, s.id);
      if (s.hidden === 1) continue;
      log.run('showtime.upsert', JSON.stringify(showWire(s, tags)), at);
    }
  }
  return { films: movedFilms, showtimes: movedShows };
}

function filmWire(f: FilmRow, tags: string[]) {
  return {
    id: f.id,
    title: f.title,
    ...(f.titles !== null && { titles: JSON.parse(f.titles) as unknown }),
    ...(f.rating !== null && { rating: f.rating }),
    runtimeMinutes: f.runtime_minutes,
    ...(f.poster_url !== null && { posterUrl: f.poster_url }),
    tags,
    source: f.source,
    version: f.version + 1,
  };
}

function showWire(s: ShowRow, tags: string[]) {
  return {
    id: s.id,
    filmId: s.film_id,
    auditoriumId: s.auditorium_id,
    startsAt: s.starts_at,
    tags,
    capacity: s.capacity,
    seatsAvailable: s.seats_available,
    status: s.cancelled === 1 ? 'cancelled' : s.status,
    source: s.source,
    version: s.version + 1,
  };
}
