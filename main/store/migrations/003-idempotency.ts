import type { Migration } from './migration.ts';

/**
 * What each `Idempotency-Key` came to, per credential, so a retried request
 * answers as the first one did. Written in the same transaction as the change.
 */
export const idempotency: Migration = {
  version: 3,
  name: 'idempotency',
  up: (db) => {
    db.exec(`
      CREATE TABLE idempotency_keys (
        scope TEXT NOT NULL,
        key TEXT NOT NULL,
        request TEXT NOT NULL,
        outcome TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (scope, key)
      );
      CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
    `);
  },
};
