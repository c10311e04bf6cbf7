import type { Migration } from './migration.ts';

/** Id of the manager account the one shared password becomes. */
export const FIRST_MANAGER_ID = 'staff-admin';

/**
 * Named staff accounts (issue 15). The one shared admin password becomes the
 * manager account `admin` with the same hash, so the password that worked
 * still does, and the sessions it opened stay signed in, now as that person.
 * A hub with no password yet gets no account: first-run set-up makes one.
 */
export const staffAccounts: Migration = {
  version: 5,
  name: 'staff-accounts',
  up: (db) => {
    db.exec(`
      CREATE TABLE staff (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE COLLATE NOCASE,
        role TEXT NOT NULL CHECK (role IN ('manager', 'box_office')),
        password_hash TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        version INTEGER NOT NULL
      );
      ALTER TABLE sessions ADD COLUMN staff_id TEXT;
    `);
    const old = db
      .prepare<[], { value: string }>("SELECT value FROM meta WHERE key = 'admin.passwordHash'")
      .get();
    if (old) {
      db.prepare(
        "INSERT INTO staff (id, name, role, password_hash, created_at, version) VALUES (?, 'admin', 'manager', ?, ?, 1)",
      ).run(FIRST_MANAGER_ID, old.value, Date.now());
      db.prepare('UPDATE sessions SET staff_id = ?').run(FIRST_MANAGER_ID);
    } else {
      db.exec('DELETE FROM sessions');
    }
    db.exec("DELETE FROM meta WHERE key = 'admin.passwordHash'");
  },
};
