import type { Migration } from './migration.ts';

/**
 * Lobby content (issue 17): playlists and media records. Pages are stored as
 * the JSON of their wire shape, since a screen always reads a playlist whole.
 * On this branch it is the fifth migration; the lead renumbers it after 005
 * and 006 when they are merged.
 */
export const lobbyContent: Migration = {
  version: 7,
  name: 'lobby-content',
  up: (db) => {
    db.exec(`
      CREATE TABLE playlists (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT,
        displays TEXT,
        pages TEXT NOT NULL,
        source TEXT NOT NULL DEFAULT 'local',
        version INTEGER NOT NULL
      );
      CREATE TABLE media (
        id TEXT PRIMARY KEY,
        type TEXT NOT NULL,
        name TEXT,
        bytes INTEGER,
        hash TEXT,
        source_url TEXT,
        source TEXT NOT NULL DEFAULT 'local',
        version INTEGER NOT NULL
      );
    `);
  },
};
