import type { Database, Statement } from 'better-sqlite3';
import type { History } from '../domain/event-id.ts';

/** Meta key of the database's history epoch (see `HistoryEpoch`). */
export const EPOCH_KEY = 'history.epoch';
/** Meta key set (`1`) while the epoch continues the bare ids of a hub from before epochs. */
export const BARE_IDS_KEY = 'history.bareIds';

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

  /** The history the database says it holds; `undefined` for a database from before epochs. */
  history(): History | undefined {
    const epoch = this.get(EPOCH_KEY);
    return epoch === undefined ? undefined : { epoch, acceptsBareIds: this.get(BARE_IDS_KEY) === '1' };
  }

  /** Records the history; the caller wraps it in a transaction. */
  setHistory(history: History): void {
    this.set(EPOCH_KEY, history.epoch);
    if (history.acceptsBareIds) this.set(BARE_IDS_KEY, '1');
    else this.delete(BARE_IDS_KEY);
  }
}
