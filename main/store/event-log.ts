import type { Database, Statement } from 'better-sqlite3';

/** One committed change as the log holds it; `json` is the exact `data:` payload. */
export interface LoggedEvent {
  readonly seq: number;
  readonly type: string;
  readonly json: string;
  readonly at: number;
}

/** Retention of the event log. Events go only when every rule allows it. */
export interface RetentionOptions {
  /** Keep every event younger than this. Default 7 days. */
  maxAgeMs?: number;
  /** Keep at least this many newest events, however old. Default 100,000. */
  minEvents?: number;
  /** Never keep more than this many events, whatever their age. Default 1,000,000. */
  maxEvents?: number;
}

export const DEFAULT_RETENTION: Required<RetentionOptions> = Object.freeze({
  maxAgeMs: 7 * 24 * 60 * 60 * 1000,
  minEvents: 100_000,
  maxEvents: 1_000_000,
});

/** The append-only log of committed changes, with a strictly increasing `seq`. */
export class EventLog {
  readonly #append: Statement<[string, string, number]>;
  readonly #after: Statement<[number], LoggedEvent>;
  readonly #oldest: Statement<[], { seq: number }>;
  readonly #lastSeq: Statement<[], { seq: number }>;
  readonly #firstYoungerThan: Statement<[number], { seq: number }>;
  readonly #deleteUpTo: Statement<[number]>;
  readonly #count: Statement<[], { n: number }>;
  readonly #between: Statement<[number, number], LoggedEvent>;
  readonly #bytesAfter: Statement<[number], { n: number }>;
  #seq: number;

  constructor(
    db: Database,
    private readonly retention: Required<RetentionOptions>,
  ) {
    this.#append = db.prepare('INSERT INTO events (type, data, at) VALUES (?, ?, ?)');
    this.#after = db.prepare('SELECT seq, type, data AS json, at FROM events WHERE seq > ? ORDER BY seq');
    this.#oldest = db.prepare('SELECT seq FROM events ORDER BY seq LIMIT 1');
    // sqlite_sequence survives pruning, so the sequence never goes back.
    this.#lastSeq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'events'");
    // Events are appended in time order, so this scan stops within the prunable prefix.
    this.#firstYoungerThan = db.prepare('SELECT seq FROM events WHERE at >= ? ORDER BY seq LIMIT 1');
    this.#deleteUpTo = db.prepare('DELETE FROM events WHERE seq <= ?');
    this.#count = db.prepare('SELECT count(*) AS n FROM events');
    this.#between = db.prepare(
      'SELECT seq, type, data AS json, at FROM events WHERE seq > ? AND seq <= ? ORDER BY seq',
    );
    // octet_length reads the stored size, not the text: cheap enough to size a replay first.
    this.#bytesAfter = db.prepare('SELECT total(octet_length(data)) AS n FROM events WHERE seq > ?');
    this.#seq = this.#lastSeq.get()?.seq ?? 0;
  }

  /** The newest sequence number ever assigned (0 for a new database). */
  get seq(): number {
    return this.#seq;
  }

  /** The oldest sequence number still held, or `undefined` if the log is empty. */
  oldestSeq(): number | undefined {
    return this.#oldest.get()?.seq;
  }

  count(): number {
    return this.#count.get()?.n ?? 0;
  }

  /** Appends within the caller's transaction. */
  append(type: string, json: string, at: number): LoggedEvent {
    const seq = Number(this.#append.run(type, json, at).lastInsertRowid);
    this.#seq = seq;
    return { seq, type, json, at };
  }

  /** Rolls the cached sequence back after a failed transaction. */
  resync(): void {
    this.#seq = this.#lastSeq.get()?.seq ?? 0;
  }

  /**
   * Events after `seq`, oldest first, or `undefined` when the log cannot
   * prove it holds all of them (id from the future, or older than the log).
   */
  after(seq: number): LoggedEvent[] | undefined {
    if (!this.#holdsAfter(seq)) return undefined;
    return seq === this.#seq ? [] : this.#after.all(seq);
  }

  /** Whether every event after `seq` is still held (an id from the future or older than the log: no). */
  #holdsAfter(seq: number): boolean {
    if (!Number.isSafeInteger(seq) || seq < 0 || seq > this.#seq) return false;
    if (seq === this.#seq) return true;
    const oldest = this.oldestSeq();
    return oldest !== undefined && seq >= oldest - 1;
  }

  /** Events after `seq` up to `until` (a replay page), or `undefined` as for `after`. */
  between(seq: number, until: number): LoggedEvent[] | undefined {
    if (!this.#holdsAfter(seq)) return undefined;
    return this.#between.all(seq, Math.min(until, this.#seq));
  }

  /** Bytes of `data` of the events after `seq`. */
  bytesAfter(seq: number): number {
    return this.#bytesAfter.get(seq)?.n ?? 0;
  }

  /** Sequence number up to which retention allows deletion (0: nothing). */
  prunableUpTo(now: number): number {
    const { maxAgeMs, minEvents, maxEvents } = this.retention;
    const keepForCount = this.#seq - minEvents;
    const firstYoung = this.#firstYoungerThan.get(now - maxAgeMs)?.seq ?? this.#seq + 1;
    const byAgeAndCount = Math.min(firstYoung - 1, keepForCount);
    const byCap = this.#seq - maxEvents;
    return Math.max(0, byAgeAndCount, byCap);
  }

  /** Deletes up to `batch` of the prunable events; returns how many went. Caller wraps in a transaction. */
  prune(now: number, batch: number): number {
    const upTo = this.prunableUpTo(now);
    const oldest = this.oldestSeq();
    if (oldest === undefined || upTo < oldest) return 0;
    return this.#deleteUpTo.run(Math.min(upTo, oldest + batch - 1)).changes;
  }
}
