import type { Migration } from './migration.ts';

/** Local overrides of upstream records, the staff audit log, and the screens that check in. */
export const admin: Migration = {
  version: 2,
  name: 'admin',
  up: (db) => {
    db.exec(`
      CREATE TABLE overrides (
        kind TEXT NOT NULL,
        id TEXT NOT NULL,
        hidden INTEGER NOT NULL,
        cancelled INTEGER NOT NULL,
        note TEXT,
        version INTEGER NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (kind, id)
      );
      -- AUTOINCREMENT: ids of pruned entries are never reused, so paging by id stays stable.
      CREATE TABLE audit_log (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at INTEGER NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        summary TEXT NOT NULL,
        targets TEXT NOT NULL,
        target_count INTEGER NOT NULL,
        seq_from INTEGER,
        seq_to INTEGER
      );
      CREATE TABLE displays (
        display_id TEXT PRIMARY KEY,
        role TEXT NOT NULL,
        auditorium_id TEXT,
        last_event_id INTEGER,
        hub_seq INTEGER NOT NULL,
        last_frame_at TEXT NOT NULL,
        url TEXT NOT NULL,
        address TEXT NOT NULL,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL
      );
      CREATE INDEX displays_by_last_seen ON displays (last_seen);
    `);
  },
};
