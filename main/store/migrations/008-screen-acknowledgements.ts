import type { Migration } from './migration.ts';

/**
 * Stall warnings staff acknowledged (issue 15 item 5), kept across a
 * restart: per screen, the heartbeat it went quiet after (a later stall is a
 * new warning) and when staff saw it.
 */
export const screenAcknowledgements: Migration = {
  version: 8,
  name: 'screen-acknowledgements',
  up: (db) => {
    db.exec(`
      CREATE TABLE screen_acks (
        display_id TEXT PRIMARY KEY,
        beat_at INTEGER NOT NULL,
        acknowledged_at INTEGER NOT NULL
      );
    `);
  },
};
