import type { Database } from 'better-sqlite3';

/** One schema step. `up` runs inside a transaction together with the version bump. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly up: (db: Database) => void;
}
