import type { Database, Statement } from 'better-sqlite3';
import type { AuditInput } from '../domain/audit.ts';
import type { WritePath } from './write-path.ts';

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

/**
 * Screens that checked in, kept so a screen that died before a restart still
 * shows as silent. Remembering a screen is bookkeeping: a disk that refuses
 * it never fails a heartbeat. Forgetting one is a staff action, audited.
 */
export class DisplayRows {
  readonly #all: Statement<[], DisplayRow>;
  readonly #put: Statement<[DisplayRow]>;
  readonly #delete: Statement<[string]>;

  constructor(
    db: Database,
    private readonly path: WritePath,
  ) {
    const cols =
      'display_id, role, auditorium_id, last_event_id, hub_seq, last_frame_at, url, address, first_seen, last_seen';
    this.#all = db.prepare(`SELECT ${cols} FROM displays ORDER BY last_seen DESC`);
    this.#put = db.prepare(
      `INSERT OR REPLACE INTO displays (${cols}) VALUES (@display_id, @role, @auditorium_id, @last_event_id,
       @hub_seq, @last_frame_at, @url, @address, @first_seen, @last_seen)`,
    );
    this.#delete = db.prepare('DELETE FROM displays WHERE display_id = ?');
  }

  all(): DisplayRow[] {
    return this.path.read('reading the screens', () => this.#all.all());
  }

  /** Not event-logged (screens are not venue state). False if the disk did not take it. */
  put(row: DisplayRow): boolean {
    return this.path.bookkeep('remembering a screen', () => this.#put.run(row));
  }

  /** Drops a screen the registry no longer has room for. */
  evict(displayId: string): boolean {
    return this.path.bookkeep('forgetting a long-silent screen', () => this.#delete.run(displayId));
  }

  /** Staff forget a screen. Returns whether it was stored. */
  forget(displayId: string, audit: AuditInput): boolean {
    return this.path.write(audit, (targets) => {
      const gone = this.#delete.run(displayId).changes > 0;
      if (gone) targets.push({ type: 'display', id: displayId, change: 'removed' });
      return gone;
    });
  }
}
