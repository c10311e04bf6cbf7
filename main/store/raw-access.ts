import type Database from 'better-sqlite3';

/**
 * The connection behind a store, for tests alone: they inject real faults
 * (a page limit for a full disk, `query_only` for a read-only file) and read
 * rows directly. Nothing in main/ imports this file except the store, which
 * registers itself here; `test/main/store/raw-access.test.ts` checks that.
 */
const connections = new WeakMap<object, Database.Database>();

export function keepForTests(store: object, db: Database.Database): void {
  connections.set(store, db);
}

export function rawDatabase(store: object): Database.Database {
  const db = connections.get(store);
  if (!db) throw new Error('not a store');
  return db;
}
