import type { Database, Statement } from 'better-sqlite3';

/** A screen as last persisted: enough to list it after a hub restart. */
export interface DisplayRow {
  display_id: string;
  role: string;
  auditorium_id: string | null;
  last_event_id: number | null;
  hub_seq: number;
  last_frame_at: string;
  url: string;
  address: string;
  first_seen: number;
  last_seen: number;
}

/** Screens that checked in, kept so a screen that died before a restart still shows as silent. */
export class DisplayRows {
  readonly #all: Statement<[], DisplayRow>;
  readonly #put: Statement<[DisplayRow]>;
  readonly #delete: Statement<[string]>;
  readonly #keepNewest: Statement<[number]>;

  constructor(db: Database) {
    const cols =
      'display_id, role, auditorium_id, last_event_id, hub_seq, last_frame_at, url, address, first_seen, last_seen';
    this.#all = db.prepare(`SELECT ${cols} FROM displays ORDER BY last_seen DESC`);
    this.#put = db.prepare(
      `INSERT OR REPLACE INTO displays (${cols}) VALUES (@display_id, @role, @auditorium_id, @last_event_id,
       @hub_seq, @last_frame_at, @url, @address, @first_seen, @last_seen)`,
    );
    this.#delete = db.prepare('DELETE FROM displays WHERE display_id = ?');
    this.#keepNewest = db.prepare(
      'DELETE FROM displays WHERE display_id NOT IN (SELECT display_id FROM displays ORDER BY last_seen DESC LIMIT ?)',
    );
  }

  all(): DisplayRow[] {
    return this.#all.all();
  }

  /** One statement, so its own transaction; not event-logged (screens are not venue state). */
  put(row: DisplayRow): void {
    this.#put.run(row);
  }

  delete(displayId: string): boolean {
    return this.#delete.run(displayId).changes > 0;
  }

  keepNewest(limit: number): number {
    return this.#keepNewest.run(limit).changes;
  }
}
