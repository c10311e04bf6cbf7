import type { Database, Statement } from 'better-sqlite3';
import type { Actor, AuditEntry, AuditTarget } from '../domain/audit.ts';
import { UndoStep, withinUndoWindow } from '../domain/undo.ts';

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
  undo: string | null;
  undone_at: number | null;
}

/** Targets kept per entry; a week's import touches hundreds, and the first ones tell the story. */
export const MAX_TARGETS = 50;
/** Entries kept; the oldest go first. Default 100,000 (months of a busy box office). */
export const DEFAULT_AUDIT_ROWS = 100_000;

/** An entry with what its undo needs (every record, not only the first 50). */
export interface StoredAuditEntry extends AuditEntry {
  readonly steps: UndoStep[] | undefined;
  readonly atMs: number;
}

const COLS = 'id, at, actor, action, summary, targets, target_count, seq_from, seq_to, undo, undone_at';

function fromRow(r: AuditRow, now: number): AuditEntry {
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
    undoable: r.undo !== null && r.undone_at === null && withinUndoWindow(r.at, now),
    undoneAt: r.undone_at === null ? null : new Date(r.undone_at).toISOString(),
  };
}

/** Who changed what and when. Written inside the transaction of the change it describes. */
export class AuditLog {
  readonly #insert: Statement<[Omit<AuditRow, 'id' | 'undone_at'>]>;
  readonly #page: Statement<[number, number], AuditRow>;
  readonly #get: Statement<[number], AuditRow>;
  readonly #undone: Statement<[number, number]>;
  readonly #trim: Statement<[number]>;

  constructor(
    db: Database,
    private readonly now: () => number = Date.now,
    private readonly maxRows = DEFAULT_AUDIT_ROWS,
  ) {
    this.#insert = db.prepare(
      `INSERT INTO audit_log (at, actor, action, summary, targets, target_count, seq_from, seq_to, undo)
       VALUES (@at, @actor, @action, @summary, @targets, @target_count, @seq_from, @seq_to, @undo)`,
    );
    this.#page = db.prepare(`SELECT ${COLS} FROM audit_log WHERE id < ? ORDER BY id DESC LIMIT ?`);
    this.#get = db.prepare(`SELECT ${COLS} FROM audit_log WHERE id = ?`);
    this.#undone = db.prepare('UPDATE audit_log SET undone_at = ? WHERE id = ?');
    this.#trim = db.prepare('DELETE FROM audit_log WHERE id <= ?');
  }

  /**
   * Appends within the caller's transaction and drops what is past the cap
   * (one indexed delete). `undo`: the records before and after, kept whole
   * so the entry can be undone; absent for what cannot be.
   */
  append(entry: {
    at: number;
    actor: Actor;
    action: string;
    summary: string;
    targets: readonly AuditTarget[];
    seqs: readonly number[];
    undo?: readonly UndoStep[] | undefined;
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
        undo: entry.undo && entry.undo.length > 0 ? JSON.stringify(entry.undo) : null,
      }).lastInsertRowid,
    );
    if (id > this.maxRows) this.#trim.run(id - this.maxRows);
    return id;
  }

  /** Newest first; `before` is the id of the last entry already shown. */
  page(limit: number, before = Number.MAX_SAFE_INTEGER): AuditEntry[] {
    const now = this.now();
    return this.#page.all(before, limit).map((r) => fromRow(r, now));
  }

  /** One entry with its undo steps, or `undefined`. */
  get(id: number): StoredAuditEntry | undefined {
    const r = this.#get.get(id);
    if (!r) return undefined;
    const steps = r.undo === null ? undefined : UndoStep.array().parse(JSON.parse(r.undo));
    return { ...fromRow(r, this.now()), steps, atMs: r.at };
  }

  /** Marks an entry undone, inside the undo's own transaction. */
  markUndone(id: number, at: number): void {
    this.#undone.run(at, id);
  }
}
