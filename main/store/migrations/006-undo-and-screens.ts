import type { Migration } from './migration.ts';

/**
 * What undoing an audited change needs (the records as they were before it,
 * kept in its entry, and when it was undone), and what staff give a screen
 * when they pair it: a name and a role that outrank its URL and kiosk
 * settings.
 */
export const undoAndScreens: Migration = {
  version: 6,
  name: 'undo-and-screens',
  up: (db) => {
    db.exec(`
      ALTER TABLE audit_log ADD COLUMN undo TEXT;
      ALTER TABLE audit_log ADD COLUMN undone_at INTEGER;
      CREATE TABLE screen_names (
        display_id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        role TEXT NOT NULL,
        auditorium_id TEXT,
        lang TEXT,
        version INTEGER NOT NULL,
        named_at INTEGER NOT NULL
      );
    `);
  },
};
