import Database from 'better-sqlite3';
import type { AuditInput, AuditTarget } from '../domain/audit.ts';
import type { History } from '../domain/event-id.ts';
import type { Change, Snapshot } from '../domain/events.ts';
import {
  type Override,
  type OverrideInput,
  type OverrideKind,
  effectiveAnnouncement,
  effectiveShowtime,
} from '../domain/overrides.ts';
import type { Venue } from '../domain/records.ts';
import { VenueSettings } from '../domain/records.ts';
import { ApiTokens } from './api-tokens.ts';
import { type ApplyContext, applyChange, type Effect } from './apply-change.ts';
import { type ApplyOptions, type CommitOptions, DryRun, type Work } from './apply-options.ts';
import { AuditLog } from './audit-log.ts';
import { DisplayRows } from './displays.ts';
import { BatchRejectedError, StoreError } from './errors.ts';
import { DEFAULT_RETENTION, EventLog, type LoggedEvent, type RetentionOptions } from './event-log.ts';
import { DEFAULT_HISTORY_RESERVE, HistoryEpoch } from './history-epoch.ts';
import { historyFileOf } from './history-mark.ts';
import { Meta } from './meta.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { auditTargetOf, overlay } from './overlay.ts';
import { Overrides } from './overrides.ts';
import { ScheduleRules } from './schedule-rules.ts';
import { Sessions } from './sessions.ts';
import { StorageHealth } from './storage-errors.ts';
import { setOverride } from './set-override.ts';
import { Tables } from './tables.ts';

export type { LoggedEvent } from './event-log.ts';
export type { ApplyOptions } from './apply-options.ts';

export interface StoreOptions {
  /** Path of the SQLite file; created with its folder's permissions if missing. */
  file: string;
  /** Event-log retention. Defaults: 7 days, at least 100,000 events, at most 1,000,000. */
  retention?: RetentionOptions;
  /** Venue written on first open. Default: "My Venue" in the machine's time zone, English. */
  initialVenue?: Venue;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  /**
   * Sequence numbers reserved at a time in the high-water file beside the
   * database (`<file>.history`, see `HistoryEpoch`): one fsynced write per
   * this many events. Default 10,000.
   */
  historyReserve?: number;
}

/** Meta key of the last applied upstream event id. */
export const UPSTREAM_ID_KEY = 'upstream.lastEventId';

export type CommitListener = (events: readonly LoggedEvent[]) => void;

/**
 * The single owner of the database. Every change goes through `apply`, which
 * updates state and appends to the event log in one transaction; listeners
 * hear about it only after commit, so nothing reaches a screen that is not on disk.
 */
export class Store {
  readonly db: Database.Database;
  readonly log: EventLog;
  readonly meta: Meta;
  readonly sessions: Sessions;
  readonly apiTokens: ApiTokens;
  readonly overrides: Overrides;
  readonly audit: AuditLog;
  readonly displays: DisplayRows;
  /** Whether writes reach the disk; read by `/api/health`. */
  readonly storage = new StorageHealth();
  readonly #tables: Tables;
  readonly #rules: ScheduleRules;
  readonly #listeners = new Set<CommitListener>();
  readonly #now: () => number;
  readonly #commitTx: Database.Transaction<
    (work: (at: number) => Work, opts: CommitOptions) => LoggedEvent[]
  >;
  readonly #savepoint: Database.Transaction<(fn: () => Effect) => Effect>;
  readonly #history: HistoryEpoch;

  private constructor(db: Database.Database, options: StoreOptions) {
    this.db = db;
    this.#now = options.now ?? Date.now;
    this.#tables = new Tables(db);
    this.log = new EventLog(db, { ...DEFAULT_RETENTION, ...options.retention });
    this.meta = new Meta(db);
    this.sessions = new Sessions(db);
    this.apiTokens = new ApiTokens(db);
    this.overrides = new Overrides(db);
    this.audit = new AuditLog(db);
    this.displays = new DisplayRows(db);
    this.#rules = new ScheduleRules(db, this.#tables);
    this.#history = HistoryEpoch.open(
      db,
      this.meta,
      this.log.seq,
      historyFileOf(options.file),
      options.historyReserve ?? DEFAULT_HISTORY_RESERVE,
    );
    // The one write path: state, event log, meta and audit entry commit together or not at all.
    this.#commitTx = db.transaction((work: (at: number) => Work, opts: CommitOptions) => {
      const at = this.#now();
      const { effects, targets } = work(at);
      const logged = effects.map((e) => this.log.append(e.type, JSON.stringify(e.data), at));
      if (opts.upstreamId !== undefined) this.meta.set(UPSTREAM_ID_KEY, opts.upstreamId);
      for (const [key, value] of Object.entries(opts.meta ?? {})) this.meta.set(key, value);
      if (opts.audit && targets.length > 0) {
        this.audit.append({ at, ...opts.audit, targets, seqs: logged.map((e) => e.seq) });
      }
      if (opts.dryRun) throw new DryRun(logged);
      // Before commit, so no screen can hear of a seq the high-water mark does not cover.
      if (logged.length > 0) this.#history.cover(this.log.seq);
      return logged;
    });
    // Nested inside the write transaction this is a SAVEPOINT: one failed change leaves no trace.
    this.#savepoint = db.transaction((fn: () => Effect) => fn());
    if (!this.#tables.venue()) {
      this.#tables.putVenue(options.initialVenue ?? defaultVenue(), 1);
    }
  }

  /** Opens (creating and migrating as needed) the database at `options.file`. */
  static open(options: StoreOptions): Store {
    const db = new Database(options.file);
    try {
      // WAL: readers never block the writer. synchronous=FULL: a write the
      // API acknowledged survives a power cut, not only a crash (see README).
      db.pragma('journal_mode = WAL');
      db.pragma('synchronous = FULL');
      db.pragma('busy_timeout = 5000');
      db.pragma('foreign_keys = ON');
      migrate(db, migrations);
      return new Store(db, options);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** The newest sequence number. */
  get seq(): number {
    return this.log.seq;
  }

  /** The history event ids belong to: `<epoch>-<seq>` (see `HistoryEpoch` for when a new one starts). */
  get history(): History {
    return this.#history;
  }

  /** Why opening started a new history, for the log; `undefined` when it continued the old one. */
  get historyStarted(): string | undefined {
    return this.#history.started;
  }

  /**
   * Starts a new history now (after a backup was restored into this
   * database, say): every event id handed out before becomes unknown, so a
   * screen resuming with one gets a snapshot. Returns the new epoch.
   */
  startNewHistory(): string {
    if (this.db.inTransaction) throw new Error('Store writes must not run inside another transaction');
    return this.db.transaction(() => this.#history.restart(this.meta, this.log.seq)).immediate();
  }

  /**
   * Applies `changes` atomically: all of them, or (on any error) none. Changes
   * that alter nothing log nothing. Returns the events appended, in order.
   */
  apply(changes: readonly Change[], options: ApplyOptions = {}): LoggedEvent[] {
    return this.#commit((at) => {
      const ctx: ApplyContext = {
        origin: options.origin ?? 'local',
        checkVersions: options.checkVersions ?? false,
        schedule: options.schedule && this.#rules.check(options.schedule, at),
      };
      const work: Work = { effects: [], targets: [] };
      const failures: { index: number; error: StoreError }[] = [];
      changes.forEach((change, index) => {
        let effect: Effect;
        try {
          effect = options.reportAll
            ? this.#savepoint(() => applyChange(this.#tables, change, ctx))
            : applyChange(this.#tables, change, ctx);
        } catch (err) {
          if (!options.reportAll || !(err instanceof StoreError)) throw err;
          failures.push({ index, error: err });
          return;
        }
        if (!effect) return;
        work.targets.push(auditTargetOf(effect));
        const shown = overlay(effect, this.overrides);
        if (shown) work.effects.push(shown);
      });
      if (failures.length > 0) throw new BatchRejectedError(failures);
      return work;
    }, options);
  }

  /**
   * Sets or clears the local override of an upstream showtime or announcement,
   * telling screens about the effective record in the same commit.
   */
  setOverride(
    kind: OverrideKind,
    id: string,
    input: OverrideInput,
    options: Pick<ApplyOptions, 'audit' | 'dryRun'> = {},
  ): { override: Override | null; events: LoggedEvent[] } {
    let override: Override | null = null;
    const events = this.#commit((at) => {
      const result = setOverride(this.#tables, this.overrides, kind, id, input, at);
      override = result.override;
      return { effects: result.effects, targets: result.target ? [result.target] : [] };
    }, options);
    return { override, events };
  }

  /** Runs a write that is not a record change (an API token, the password) with its audit entry, atomically. */
  audited<T>(audit: AuditInput, target: AuditTarget, write: () => T): T {
    let result: T | undefined;
    this.#commit(
      () => {
        result = write();
        return { effects: [], targets: [target] };
      },
      { audit },
    );
    return result as T;
  }

  #commit(work: (at: number) => Work, options: CommitOptions): LoggedEvent[] {
    // Listeners must hear only of committed changes, so a write never runs inside another transaction.
    if (this.db.inTransaction) throw new Error('Store writes must not run inside another transaction');
    let events: LoggedEvent[];
    try {
      events = this.#commitTx.immediate(work, options);
    } catch (err) {
      this.log.resync();
      if (err instanceof DryRun) return err.events;
      this.storage.failed(err);
      throw err;
    }
    this.storage.succeeded();
    if (events.length > 0) for (const listener of this.#listeners) listener(events);
    return events;
  }

  /** Calls `listener` after every commit that logged events. Returns an unsubscribe function. */
  onCommit(listener: CommitListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The whole current state as screens see it (local overrides applied), consistent with `seq`. */
  snapshot(): Snapshot {
    return this.db.transaction(() => {
      const shows = this.overrides.byId('showtime');
      const notes = this.overrides.byId('announcement');
      return {
        seq: this.log.seq,
        epoch: this.#history.epoch,
        venue: this.venue(),
        auditoriums: this.#tables.auditoriums.all(),
        films: this.#tables.films.all(),
        showtimes: this.#tables.showtimes.all().flatMap((s) => effectiveShowtime(s, shows.get(s.id)) ?? []),
        announcements: this.#tables.announcements
          .all()
          .flatMap((a) => effectiveAnnouncement(a, notes.get(a.id)) ?? []),
      };
    })();
  }

  venue(): Venue {
    const venue = this.#tables.venue();
    if (!venue) throw new Error('venue row missing');
    return venue;
  }

  get records() {
    return this.#tables;
  }

  /** Events after `seq`, or `undefined` when the client needs a snapshot instead. */
  eventsAfter(seq: number): LoggedEvent[] | undefined {
    return this.log.after(seq);
  }

  /** Events after `seq` up to `until`, for a replay in pages; `undefined` when the log does not hold them all. */
  eventsBetween(seq: number, until: number): LoggedEvent[] | undefined {
    return this.log.between(seq, until);
  }

  /** Bytes of `data` of the events after `seq` (to size a replay before building it). */
  eventBytesAfter(seq: number): number {
    return this.log.bytesAfter(seq);
  }

  /** Deletes at most `batch` events that retention no longer keeps. Returns how many. */
  prune(batch = 10_000): number {
    return this.db.transaction(() => this.log.prune(this.#now(), batch)).immediate();
  }

  /** Cheap liveness probe for `/api/health`. */
  /**
   * The storage problem that stopped the last write, after one small probe
   * write to see whether it has cleared (space freed, file writable again).
   */
  writeProblem(): string | undefined {
    return this.storage.probe(this.meta, this.#now());
  }

  isHealthy(): boolean {
    try {
      // Any read through a statement prepared at open proves the file still answers.
      this.meta.get(UPSTREAM_ID_KEY);
      return true;
    } catch {
      return false;
    }
  }

  close(): void {
    if (!this.db.open) return;
    this.#listeners.clear();
    // Folds the WAL back so a copied data folder is a single consistent file.
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      this.db.close();
      // Last: the exact seq tells the next open that this history lost nothing.
      this.#history.close(this.log.seq);
    }
  }
}

function defaultVenue(): Venue {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return { id: 'venue', name: 'My Venue', timezone, locales: ['en'], settings: VenueSettings.parse({}) };
}
