import type { Database, Statement } from 'better-sqlite3';
import type { Actor, AuditEntry, AuditTarget } from '../domain/audit.ts';

interface AuditRow {
  id: number;
  at: number;
  actor: string;
  action: string;
  summary: string;
  targets: string;
  target_count: number;
  seq_from: number | null;
  seq_to: number | null;
}

/** Targets kept per entry; a week's import touches hundreds, and the first ones tell the story. */
export const MAX_TARGETS = 50;
/** Entries kept; the oldest go first. Default 100,000 (months of a busy box office). */
export const DEFAULT_AUDIT_ROWS = 100_000;

function fromRow(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: new Date(r.at).toISOString(),
    actor: JSON.parse(r.actor) as Actor,
    action: r.action,
    summary: r.summary,
    targets: JSON.parse(r.targets) as AuditTarget[],
    targetCount: r.target_count,
    seqFrom: r.seq_from,
    seqTo: r.seq_to,
  };
}

/** Who changed what and when. Written inside the transaction of the change it describes. */
export class AuditLog {
  readonly #insert: Statement<[Omit<AuditRow, 'id'>]>;
  readonly #page: Statement<[number, number], AuditRow>;
  readonly #trim: Statement<[number]>;

  constructor(
    db: Database,
    private readonly maxRows = DEFAULT_AUDIT_ROWS,
  ) {
    this.#insert = db.prepare(
      `INSERT INTO audit_log (at, actor, action, summary, targets, target_count, seq_from, seq_to)
       VALUES (@at, @actor, @action, @summary, @targets, @target_count, @seq_from, @seq_to)`,
    );
    this.#page = db.prepare(
      `SELECT id, at, actor, action, summary, targets, target_count, seq_from, seq_to
       FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`,
    );
    this.#trim = db.prepare('DELETE FROM audit_log WHERE id <= ?');
  }

  /** Appends within the caller's transaction and drops what is past the cap (one indexed delete). */
  append(entry: {
    at: number;
    actor: Actor;
    action: string;
    summary: string;
    targets: readonly AuditTarget[];
    seqs: readonly number[];
  }): number {
    const id = Number(
      this.#insert.run({
        at: entry.at,
        actor: JSON.stringify(entry.actor),
        action: entry.action,
        summary: entry.summary,
        targets: JSON.stringify(entry.targets.slice(0, MAX_TARGETS)),
        target_count: entry.targets.length,
        seq_from: entry.seqs[0] ?? null,
        seq_to: entry.seqs.at(-1) ?? null,
      }).lastInsertRowid,
    );
    if (id > this.maxRows) this.#trim.run(id - this.maxRows);
    return id;
  }

  /** Newest first; `before` is the id of the last entry already shown. */
  page(limit: number, before = Number.MAX_SAFE_INTEGER): AuditEntry[] {
    return this.#page.all(before, limit).map(fromRow);
  }
}
