import type { Database } from 'better-sqlite3';
import { randomBytes } from 'node:crypto';
import type { History } from '../domain/event-id.ts';
import { type HighWaterMark, readMark, writeMark } from './history-mark.ts';
import type { Meta } from './meta.ts';

/** Sequence numbers reserved in the mark at a time. Default 10,000. */
export const DEFAULT_HISTORY_RESERVE = 10_000;

/**
 * Which history the database holds: the epoch in every event id
 * (`<epoch>-<seq>`), decided at open and kept in the database's meta table.
 *
 * The rule. An epoch kept only in the database goes back in time with it: a
 * lost WAL or a restored copy brings back an older database with the same
 * epoch, its seq below what screens have already seen, and the ids it hands
 * out next would name events those screens never got. So the high-water mark
 * file beside the database (`history-mark.ts`) must never say less than what
 * any screen may have seen:
 *
 * - while the hub runs, the mark is a reservation: "this history may have
 *   handed out seqs up to H". A commit that would go past H first writes a new
 *   mark (seq + reserve) inside its own transaction, so before any screen can
 *   hear of it. One small fsynced write per `reserve` events, never one per
 *   commit;
 * - a clean close writes the exact last seq.
 *
 * At open the database continues its history only if it names the mark's
 * epoch and holds exactly the mark's seq. After a clean close that proves
 * nothing was lost. Below the mark, it may have lost events screens saw: a
 * crash that lost nothing and a lost WAL look the same from here, so both
 * start a new epoch, and screens pay one snapshot after an unclean stop
 * rather than ever keeping stale seats. Above the mark (a mark older than the
 * database) and with no readable mark, nothing can be vouched for either.
 *
 * Why not record the last committed seq every few seconds instead: that is a
 * lower bound. A WAL lost after it was written, holding later commits, leaves
 * the database at or above it, unnoticed, which is the very case to catch.
 */
export class HistoryEpoch implements History {
  /** Why the open started a new history (for the log); `undefined` when it continued the old one. */
  readonly started: string | undefined;
  #history: History;
  /** The mark on disk: seqs up to here may be handed out without writing it again. */
  #reserved: number;

  private constructor(
    private readonly file: string,
    private readonly reserve: number,
    history: History,
    reserved: number,
    started: string | undefined,
  ) {
    this.#history = history;
    this.#reserved = reserved;
    this.started = started;
  }

  /**
   * Decides the history of the database at `seq` (see the rule above) and
   * reserves ahead. Never fails the open: on a database or folder that takes
   * no writes the decision stays in memory, where it is still right, and the
   * first commit needing a reservation fails as a storage error.
   */
  static open(db: Database, meta: Meta, seq: number, file: string, reserve: number): HistoryEpoch {
    const stored = meta.history();
    const mark = readMark(file);
    const continues = stored !== undefined && mark?.epoch === stored.epoch && mark.seq === seq;
    let history = continues ? stored : undefined;
    const started = continues ? undefined : whyNew(stored, mark, seq);
    if (!history) {
      history = {
        epoch: newEpoch([stored?.epoch, mark?.epoch]),
        // A database from before epochs, upgraded in place with no mark anywhere: the bare ids
        // it handed out belong to this history as much as they ever did, so they keep working.
        acceptsBareIds: stored === undefined && mark === undefined && seq > 0,
      };
      const chosen = history;
      try {
        db.transaction(() => meta.setHistory(chosen)).immediate();
      } catch {
        // Read-only or full: the next open finds no matching mark and starts yet another epoch.
      }
    }
    const epoch = new HistoryEpoch(file, reserve, history, seq, started);
    try {
      epoch.#write({ epoch: history.epoch, seq: seq + reserve });
    } catch {
      // `#reserved` stays at `seq`: nothing new may be handed out until a mark is written.
    }
    return epoch;
  }

  get epoch(): string {
    return this.#history.epoch;
  }

  get acceptsBareIds(): boolean {
    return this.#history.acceptsBareIds;
  }

  /**
   * Called inside the write transaction once its events are appended, before
   * commit: makes sure the mark covers `seq`. Throws a storage error when the
   * mark cannot be written, which rolls the commit back.
   */
  cover(seq: number): void {
    if (seq <= this.#reserved) return;
    this.#write({ epoch: this.epoch, seq: seq + this.reserve });
  }

  /**
   * Starts a new history at `seq`, e.g. after a backup was restored: every
   * id handed out so far becomes unknown, so screens resuming with one get a
   * snapshot. The caller wraps this in its write path; returns the new epoch.
   */
  restart(meta: Meta, seq: number): string {
    const history = { epoch: newEpoch([this.epoch]), acceptsBareIds: false };
    this.#write({ epoch: history.epoch, seq: seq + this.reserve });
    meta.setHistory(history);
    this.#history = history;
    return history.epoch;
  }

  /** A clean close: the database holds exactly `seq`, and the next open may continue from it. */
  close(seq: number): void {
    try {
      this.#write({ epoch: this.epoch, seq });
    } catch {
      // The reservation stays; the next open starts a new epoch, which is safe.
    }
  }

  #write(mark: HighWaterMark): void {
    writeMark(this.file, mark);
    this.#reserved = mark.seq;
  }
}

function whyNew(stored: History | undefined, mark: HighWaterMark | undefined, seq: number): string {
  if (stored === undefined)
    return mark ? 'the database has no epoch' : 'a new database, or one from before epochs';
  if (mark === undefined) return 'the history file is missing or unreadable';
  if (mark.epoch !== stored.epoch) return 'the history file belongs to another history';
  return mark.seq > seq
    ? `the database (seq ${seq}) is behind the history file (seq ${mark.seq}): an unclean stop or a lost WAL`
    : `the database (seq ${seq}) is ahead of the history file (seq ${mark.seq})`;
}

function newEpoch(avoid: readonly (string | undefined)[]): string {
  for (;;) {
    const epoch = randomBytes(4).toString('hex');
    if (!avoid.includes(epoch)) return epoch;
  }
}
