import type { Migration } from './migration.ts';

/** State tables, the append-only event log, key/value meta, admin sessions and API tokens. */
export const initial: Migration = {
  version: 1,
  name: 'initial',
  up: (db) => {
    db.exec(`
      CREATE TABLE venue (
        singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        timezone TEXT NOT NULL,
        locales TEXT NOT NULL,
        settings TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE TABLE auditoriums (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        capacity INTEGER NOT NULL,
        source TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE TABLE films (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        titles TEXT,
        rating TEXT,
        runtime_minutes INTEGER NOT NULL,
        poster_url TEXT,
        tags TEXT NOT NULL,
        source TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE TABLE showtimes (
        id TEXT PRIMARY KEY,
        film_id TEXT NOT NULL,
        auditorium_id TEXT NOT NULL,
        starts_at TEXT NOT NULL,
        tags TEXT NOT NULL,
        capacity INTEGER NOT NULL,
        seats_available INTEGER NOT NULL,
        status TEXT NOT NULL,
        source TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      CREATE INDEX showtimes_by_start ON showtimes (starts_at);
      CREATE INDEX showtimes_by_auditorium ON showtimes (auditorium_id, starts_at);
      CREATE INDEX showtimes_by_film ON showtimes (film_id);
      CREATE TABLE announcements (
        id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        texts TEXT,
        starts_at TEXT,
        ends_at TEXT,
        priority INTEGER NOT NULL,
        source TEXT NOT NULL,
        version INTEGER NOT NULL
      );
      -- AUTOINCREMENT: a sequence number is never reused, even after the log is pruned empty.
      CREATE TABLE events (
        seq INTEGER PRIMARY KEY AUTOINCREMENT,
        type TEXT NOT NULL,
        data TEXT NOT NULL,
        at INTEGER NOT NULL
      );
      CREATE TABLE meta (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        csrf_token TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE api_tokens (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_used_at INTEGER,
        revoked_at INTEGER
      );
    `);
  },
};
