import type { Database, Statement } from 'better-sqlite3';

/** Meta key of the last applied upstream event id. */
export const UPSTREAM_ID_KEY = 'upstream.lastEventId';

/** What callers may do with meta: read it. Writes go with the change they belong to (`ApplyOptions.meta`). */
export interface MetaView {
  get(key: string): string | undefined;
}

/** Small key/value settings kept with the data (upstream resume id, password hash, …). */
export class Meta implements MetaView {
  readonly #get: Statement<[string], { value: string }>;
  readonly #set: Statement<[string, string]>;
  readonly #delete: Statement<[string]>;

  constructor(db: Database) {
    this.#get = db.prepare('SELECT value FROM meta WHERE key = ?');
    this.#set = db.prepare(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
    );
    this.#delete = db.prepare('DELETE FROM meta WHERE key = ?');
  }

  get(key: string): string | undefined {
    return this.#get.get(key)?.value;
  }

  /** A single statement is its own transaction; inside `Store.apply` it joins that one. */
  set(key: string, value: string): void {
    this.#set.run(key, value);
  }

  delete(key: string): void {
    this.#delete.run(key);
  }
}
