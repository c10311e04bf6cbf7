import type { Database, Statement } from 'better-sqlite3';
import type { Announcement, Auditorium, Film, Showtime, Venue } from '../domain/records.ts';
import type { Media } from '../domain/media.ts';
import type { Playlist } from '../domain/playlists.ts';
import * as lobby from './lobby-rows.ts';
import { type RecordReader, RecordTable } from './record-table.ts';
import * as rows from './rows.ts';
import { UpstreamFilmTags } from './upstream-film-tags.ts';

/** The records as callers read them; every change goes through `Store.apply`. */
export interface RecordsView {
  readonly auditoriums: RecordReader<Auditorium>;
  readonly films: RecordReader<Film>;
  readonly showtimes: RecordReader<Showtime>;
  readonly announcements: RecordReader<Announcement>;
  readonly playlists: RecordReader<Playlist>;
  readonly media: RecordReader<Media>;
  venue(): Venue | undefined;
  showtimesOfFilm(filmId: string): number;
  showtimesInAuditorium(auditoriumId: string): number;
  /** Formats an upstream film carried that its shows were given instead (see screening-rules.ts). */
  screeningTagsOfUpstreamFilm(filmId: string): readonly string[];
}

/** All record tables of one connection, statements prepared once. */
export class Tables implements RecordsView {
  readonly auditoriums: RecordTable<Auditorium, rows.AuditoriumRow>;
  readonly films: RecordTable<Film, rows.FilmRow>;
  readonly showtimes: RecordTable<Showtime, rows.ShowtimeRow>;
  readonly announcements: RecordTable<Announcement, rows.AnnouncementRow>;
  readonly playlists: RecordTable<Playlist, lobby.PlaylistRow>;
  readonly media: RecordTable<Media, lobby.MediaRow>;
  readonly upstreamFilmTags: UpstreamFilmTags;
  readonly #venue: Statement<[], rows.VenueRow>;
  readonly #putVenue: Statement<[rows.VenueRow]>;
  readonly #showtimesOfFilm: Statement<[string], { n: number }>;
  readonly #showtimesInAuditorium: Statement<[string], { n: number }>;
  readonly #setSeats: Statement<[number, string]>;

  constructor(db: Database) {
    this.auditoriums = new RecordTable(
      db,
      'auditoriums',
      ['id', 'name', 'label', 'names', 'capacity', 'features', 'external_id', 'source', 'version'],
      rows.auditoriumFromRow,
      rows.auditoriumToRow,
      'rowid',
    );
    this.films = new RecordTable(
      db,
      'films',
      [
        'id',
        'title',
        'titles',
        'rating',
        'runtime_minutes',
        'poster_url',
        'tags',
        'external_id',
        'source',
        'version',
      ],
      rows.filmFromRow,
      rows.filmToRow,
      'title COLLATE NOCASE, id',
    );
    this.showtimes = new RecordTable(
      db,
      'showtimes',
      [
        'id',
        'film_id',
        'auditorium_id',
        'starts_at',
        'feature_starts_at',
        'extra_minutes',
        'tags',
        'audio',
        'subtitles',
        'capacity',
        'seats_available',
        'status',
        'external_id',
        'source',
        'version',
      ],
      rows.showtimeFromRow,
      rows.showtimeToRow,
      'starts_at, id',
    );
    this.announcements = new RecordTable(
      db,
      'announcements',
      ['id', 'text', 'texts', 'starts_at', 'ends_at', 'priority', 'urgent', 'source', 'version'],
      rows.announcementFromRow,
      rows.announcementToRow,
      'priority DESC, id',
    );
    this.playlists = new RecordTable(
      db,
      'playlists',
      lobby.PLAYLIST_COLUMNS,
      lobby.playlistFromRow,
      lobby.playlistToRow,
      'name COLLATE NOCASE, id',
    );
    this.media = new RecordTable(
      db,
      'media',
      lobby.MEDIA_COLUMNS,
      lobby.mediaFromRow,
      lobby.mediaToRow,
      'id',
    );
    this.upstreamFilmTags = new UpstreamFilmTags(db);
    this.#venue = db.prepare('SELECT id, name, names, timezone, locales, settings, version FROM venue');
    this.#putVenue = db.prepare(
      `INSERT OR REPLACE INTO venue (singleton, id, name, names, timezone, locales, settings, version)
       VALUES (1, @id, @name, @names, @timezone, @locales, @settings, @version)`,
    );
    this.#showtimesOfFilm = db.prepare('SELECT count(*) AS n FROM showtimes WHERE film_id = ?');
    this.#showtimesInAuditorium = db.prepare('SELECT count(*) AS n FROM showtimes WHERE auditorium_id = ?');
    this.#setSeats = db.prepare(
      'UPDATE showtimes SET seats_available = ?, version = version + 1 WHERE id = ?',
    );
  }

  venue(): Venue | undefined {
    const row = this.#venue.get();
    return row && rows.venueFromRow(row);
  }

  putVenue(venue: Venue, version: number): Venue {
    const row = rows.venueToRow(venue, version);
    this.#putVenue.run(row);
    return rows.venueFromRow(row);
  }

  showtimesOfFilm(filmId: string): number {
    return this.#showtimesOfFilm.get(filmId)?.n ?? 0;
  }

  showtimesInAuditorium(auditoriumId: string): number {
    return this.#showtimesInAuditorium.get(auditoriumId)?.n ?? 0;
  }

  screeningTagsOfUpstreamFilm(filmId: string): readonly string[] {
    return this.upstreamFilmTags.get(filmId);
  }

  /** The hot path of seat sales: one indexed UPDATE, no row rewrite. */
  setSeats(showtimeId: string, seatsAvailable: number): void {
    this.#setSeats.run(seatsAvailable, showtimeId);
  }
}
