import type { Database, Statement } from 'better-sqlite3';
import type { AuditInput } from '../domain/audit.ts';
import { ScreenAssignment } from '../domain/pairing.ts';
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

interface NameRow {
  display_id: string;
  name: string;
  role: string;
  auditorium_id: string | null;
  lang: string | null;
  version: number;
  named_at: number;
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
  readonly #names: Statement<[], NameRow>;
  readonly #putName: Statement<[NameRow]>;
  readonly #deleteName: Statement<[string]>;
  readonly #acks: Statement<[], { display_id: string; beat_at: number }>;
  readonly #putAck: Statement<[{ display_id: string; beat_at: number; acknowledged_at: number }]>;
  readonly #deleteAck: Statement<[string]>;

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
    this.#names = db.prepare(
      'SELECT display_id, name, role, auditorium_id, lang, version, named_at FROM screen_names',
    );
    this.#putName = db.prepare(
      `INSERT OR REPLACE INTO screen_names (display_id, name, role, auditorium_id, lang, version, named_at)
       VALUES (@display_id, @name, @role, @auditorium_id, @lang, @version, @named_at)`,
    );
    this.#deleteName = db.prepare('DELETE FROM screen_names WHERE display_id = ?');
    this.#acks = db.prepare('SELECT display_id, beat_at FROM screen_acks');
    this.#putAck = db.prepare(
      `INSERT OR REPLACE INTO screen_acks (display_id, beat_at, acknowledged_at)
       VALUES (@display_id, @beat_at, @acknowledged_at)`,
    );
    this.#deleteAck = db.prepare('DELETE FROM screen_acks WHERE display_id = ?');
  }

  /** Acknowledged stalls: screen → the beat it went quiet after. */
  acknowledgements(): Map<string, number> {
    const rows = this.path.read('reading the screens', () => this.#acks.all());
    return new Map(rows.map((r) => [r.display_id, r.beat_at]));
  }

  /**
   * Staff saw a screen's stall warning: audited, one transaction with the
   * screen's row as of that beat, so after a restart the remembered last beat
   * is the acknowledged one and the warning stays down.
   */
  acknowledge(screen: DisplayRow, at: number, audit: AuditInput): void {
    this.path.write(audit, (targets) => {
      this.#put.run(screen);
      this.#putAck.run({ display_id: screen.display_id, beat_at: screen.last_seen, acknowledged_at: at });
      targets.push({ type: 'display', id: screen.display_id, change: 'updated' });
    });
  }

  /** The screen recovered: a later stall warns again. Bookkeeping. */
  clearAcknowledgement(displayId: string): boolean {
    return this.path.bookkeep('clearing a stall acknowledgement', () => this.#deleteAck.run(displayId));
  }

  /** Every name staff gave a screen; one that no longer reads is left out (health says why reads fail). */
  names(): Map<string, ScreenAssignment> {
    const named = new Map<string, ScreenAssignment>();
    for (const r of this.path.read('reading the screens', () => this.#names.all())) {
      const a = ScreenAssignment.safeParse({
        name: r.name,
        role: r.role,
        ...(r.auditorium_id !== null && { auditoriumId: r.auditorium_id }),
        ...(r.lang !== null && { lang: r.lang }),
      });
      if (a.success) named.set(r.display_id, a.data);
    }
    return named;
  }

  /** Staff name a screen (pairing it, or renaming it): audited, one transaction. */
  name(displayId: string, a: ScreenAssignment, at: number, audit: AuditInput): void {
    this.path.write(audit, (targets) => {
      const before = this.#names.all().find((r) => r.display_id === displayId);
      this.#putName.run({
        display_id: displayId,
        name: a.name,
        role: a.role,
        auditorium_id: a.auditoriumId ?? null,
        lang: a.lang ?? null,
        version: (before?.version ?? 0) + 1,
        named_at: at,
      });
      targets.push({
        type: 'display',
        id: displayId,
        change: before ? 'updated' : 'created',
        fields: { name: [before?.name ?? null, a.name], role: [before?.role ?? null, a.role] },
      });
    });
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
      this.#deleteAck.run(displayId);
      const named = this.#deleteName.run(displayId).changes > 0;
      const gone = this.#delete.run(displayId).changes > 0 || named;
      if (gone) targets.push({ type: 'display', id: displayId, change: 'removed' });
      return gone;
    });
  }
}
