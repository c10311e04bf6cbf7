import type Database from 'better-sqlite3';
import type { AuditInput, AuditTarget } from '../domain/audit.ts';
import type { History } from '../domain/event-id.ts';
import type { Change, Snapshot } from '../domain/events.ts';
import type { Override, OverrideInput, OverrideKind } from '../domain/overrides.ts';
import type { Venue } from '../domain/records.ts';
import { DEFAULT_VENUE_NAME } from '../domain/venue-setup.ts';
import { IDEMPOTENCY_TTL_MS, type SeatRequest } from '../domain/seat-change.ts';
import { VenueSettings } from '../domain/records.ts';
import { withinUndoWindow } from '../domain/undo.ts';
import { createLogger } from '../log.ts';
import { type ApiTokenBook, ApiTokens, REVOKED_TOKEN_KEPT_MS } from './api-tokens.ts';
import { type ApplyContext, applyChange, type Effect } from './apply-change.ts';
import type { ApplyOptions, Work } from './apply-options.ts';
import { AuditLog } from './audit-log.ts';
import { DisplayRows } from './displays.ts';
import { BatchRejectedError, NotFoundError, StoreError } from './errors.ts';
import { DEFAULT_RETENTION, EventLog, type LoggedEvent } from './event-log.ts';
import { type IdempotencyClaim, IdempotencyKeys } from './idempotency-keys.ts';
import { Meta, type MetaView, UPSTREAM_ID_KEY } from './meta.ts';
import { integrityProblem, openDatabase } from './open-database.ts';
import { DEFAULT_HISTORY_RESERVE, HistoryEpoch } from './history-epoch.ts';
import { historyFileOf } from './history-mark.ts';
import { auditTargetOf, overlay } from './overlay.ts';
import { Overrides } from './overrides.ts';
import { keepForTests } from './raw-access.ts';
import {
  type AuditView,
  type EventLogView,
  type OverridesView,
  type StateParts,
  type StoredState,
  auditView,
  overridesView,
  recordsView,
  snapshotOf,
  storedStateOf,
  venueOf,
} from './read-views.ts';
import { ScheduleRules } from './schedule-rules.ts';
import { type SeatResult, commitSeatChange } from './seat-changes.ts';
import { type SessionBook, Sessions } from './sessions.ts';
import { type StaffBook, StaffAccounts } from './staff-accounts.ts';
import { StorageHealth } from './storage-errors.ts';
import { setOverride } from './set-override.ts';
import { type CommitListener, StorePath } from './store-path.ts';
import { type RecordsView, Tables } from './tables.ts';
import { type TokenPermissionsView, TokenPermissions } from './token-permissions.ts';
import { isUrgentPost, upstreamUrgentAudit } from './urgent-audit.ts';
import { UndoRefusedError, undoChanges, undoStepOf } from './undo.ts';

export type { LoggedEvent } from './event-log.ts';
export type { ApplyOptions } from './apply-options.ts';
export type { RecordsView } from './tables.ts';
export type { AuditView, EventLogView, OverridesView, StoredState } from './read-views.ts';
export type { CommitListener } from './store-path.ts';
export { UPSTREAM_ID_KEY } from './meta.ts';
import type { StoreOptions } from './store-options.ts';
export type { StoreOptions } from './store-options.ts';

/**
 * The single owner of the database; nobody else holds the connection. Every
 * change goes through `apply` (or the store's own audited writes), which
 * updates state and appends to the event log in one transaction; listeners
 * hear about it only after commit, so nothing reaches a screen that is not
 * on disk. Callers get read-only views; every read and write that fails is
 * reported to `storage`, which `/api/health` tells.
 */
export class Store {
  readonly log: EventLogView;
  readonly meta: MetaView;
  readonly records: RecordsView;
  readonly sessions: SessionBook;
  readonly apiTokens: ApiTokenBook;
  /** Named staff accounts: who signs in, with which role. */
  readonly staff: StaffBook;
  /** What each API token may do beyond the defaults (`urgent`); granted when the token is made. */
  readonly tokenPermissions: TokenPermissionsView;
  readonly overrides: OverridesView;
  readonly audit: AuditView;
  readonly displays: DisplayRows;
  /** What is wrong with the database now; read by `/api/health`. */
  readonly storage = new StorageHealth();
  readonly #db: Database.Database;
  readonly #events: EventLog;
  readonly #meta: Meta;
  readonly #sessions: Sessions;
  readonly #tokens: ApiTokens;
  readonly #overrides: Overrides;
  readonly #audit: AuditLog;
  readonly #tables: Tables;
  readonly #rules: ScheduleRules;
  readonly #state: StateParts;
  readonly #path: StorePath;
  readonly #now: () => number;
  readonly #idempotency: IdempotencyKeys;
  readonly #savepoint: Database.Transaction<(fn: () => Effect[]) => Effect[]>;
  /** Undefined for a store that hands out no event ids: a tool beside a running hub, a database being created. */
  readonly #history: HistoryEpoch | undefined;

  /** `handsOutIds`: false for a store that logs no events for screens (see `#history`). */
  private constructor(db: Database.Database, options: StoreOptions, handsOutIds = true) {
    this.#db = db;
    keepForTests(this, db);
    this.#now = options.now ?? Date.now;
    this.#tables = new Tables(db);
    this.#events = new EventLog(db, { ...DEFAULT_RETENTION, ...options.retention });
    this.#meta = new Meta(db);
    this.#audit = new AuditLog(db, this.#now);
    this.#path = new StorePath({
      db,
      events: this.#events,
      meta: this.#meta,
      audit: this.#audit,
      storage: this.storage,
      logger: options.log ?? createLogger(),
      now: this.#now,
      // Before commit, so no screen can hear of a seq the high-water mark does not cover.
      logged: (seq) => this.#history?.cover(seq),
    });
    this.#history = handsOutIds
      ? HistoryEpoch.open(
          db,
          this.#meta,
          this.#events.seq,
          historyFileOf(options.file),
          options.historyReserve ?? DEFAULT_HISTORY_RESERVE,
        )
      : undefined;
    const read = this.#path.read.bind(this.#path);
    this.#sessions = new Sessions(db, this.#path);
    const permissions = new TokenPermissions(db);
    this.#tokens = new ApiTokens(db, this.#path, permissions);
    this.tokenPermissions = {
      has: (token, permission) => read('reading token permissions', () => permissions.has(token, permission)),
      of: (token) => read('reading token permissions', () => permissions.of(token)),
    };
    this.#idempotency = new IdempotencyKeys(db);
    this.#overrides = new Overrides(db);
    this.#rules = new ScheduleRules(db, this.#tables);
    this.#state = { tables: this.#tables, overrides: this.#overrides, events: this.#events };
    this.log = this.#events;
    this.meta = { get: (key) => read('reading settings', () => this.#meta.get(key)) };
    this.records = recordsView(this.#tables, read);
    this.sessions = this.#sessions;
    this.apiTokens = this.#tokens;
    this.staff = new StaffAccounts(db, this.#path, this.#sessions, this.#tokens);
    this.overrides = overridesView(this.#overrides, read);
    this.audit = auditView(this.#audit, read);
    this.displays = new DisplayRows(db, this.#path);
    // Nested inside the write transaction this is a SAVEPOINT: one failed change leaves no trace.
    this.#savepoint = db.transaction((fn: () => Effect[]) => fn());
  }

  /**
   * Opens the database at `options.file` (creating it whole, and migrating,
   * as needed). A damaged file, a full disk or a read-only file still opens:
   * the store serves what it can read, and `problems()` says what is wrong.
   * A file it cannot read at all is a `DatabaseOpenError`.
   */
  static open(options: StoreOptions): Store {
    const db = openDatabase(
      options.file,
      (fresh) => new Store(fresh, options, false).#firstVenue(options),
      options.existingOnly,
    );
    try {
      // A tool beside a running hub must not start a new history under it.
      const store = new Store(db, options, !options.existingOnly);
      store.#checkVenue(options);
      // A full disk or a read-only file shows in health from the start, not after the first refused write.
      store.storage.probe(store.#meta, store.#now(), true);
      return store;
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** The newest sequence number. */
  get seq(): number {
    return this.#events.seq;
  }

  /** The history event ids belong to: `<epoch>-<seq>` (see `HistoryEpoch` for when a new one starts). */
  get history(): History {
    if (!this.#history) throw new Error('a store opened with existingOnly hands out no event ids');
    return this.#history;
  }

  /** Why opening started a new history, for the log; `undefined` when it continued the old one. */
  get historyStarted(): string | undefined {
    return this.#history?.started;
  }

  /**
   * Starts a new history now (after a backup was restored into this
   * database, say): every event id handed out before becomes unknown, so a
   * screen resuming with one gets a snapshot. Returns the new epoch.
   */
  startNewHistory(): string {
    const history = this.#history;
    if (!history) throw new Error('a store opened with existingOnly hands out no event ids');
    return this.#path.write(undefined, () => history.restart(this.#meta, this.#events.seq));
  }

  /**
   * Applies `changes` atomically: all of them, or (on any error) none. Changes
   * that alter nothing log nothing. Returns the events appended, in order.
   */
  apply(changes: readonly Change[], options: ApplyOptions = {}): LoggedEvent[] {
    const notices: string[] = [];
    const events = this.#path.commit((at) => {
      const ctx: ApplyContext = {
        origin: options.origin ?? 'local',
        checkVersions: options.checkVersions ?? false,
        schedule: options.schedule && this.#rules.check(options.schedule, at),
        now: at,
        notice: (line) => notices.push(line),
      };
      const work: Work = { effects: [], targets: [], undo: [] };
      const urgent: AuditTarget[] = [];
      const failures: { index: number; error: StoreError }[] = [];
      changes.forEach((change, index) => {
        let effects: Effect[];
        try {
          effects = options.reportAll
            ? this.#savepoint(() => applyChange(this.#tables, change, ctx))
            : applyChange(this.#tables, change, ctx);
        } catch (err) {
          if (!options.reportAll || !(err instanceof StoreError)) throw err;
          failures.push({ index, error: err });
          return;
        }
        for (const effect of effects) this.#collect(work, effect, urgent);
      });
      if (failures.length > 0) throw new BatchRejectedError(failures);
      // Feed writes are not audited, except an urgent announcement: it takes over every screen.
      if (ctx.origin === 'upstream' && !options.audit) work.audit = upstreamUrgentAudit(urgent);
      return work;
    }, options);
    for (const line of notices) options.onNotice?.(line);
    return events;
  }

  /**
   * Adds what one applied change logs (as screens see it, overrides applied)
   * and audits; an urgent announcement's target also goes to `urgent`.
   */
  #collect(work: Work, effect: Effect, urgent?: AuditTarget[]): void {
    if (!effect) return;
    const target = auditTargetOf(effect);
    work.targets.push(target);
    const step = work.undo && undoStepOf(effect);
    if (step) work.undo?.push(step);
    if (urgent && isUrgentPost(effect)) urgent.push(target);
    const shown = overlay(effect, this.#overrides);
    if (shown) work.effects.push(shown);
  }

  /**
   * Sells or releases seats against the count as it is inside the write
   * transaction (see `seatChangeWork`). With `claim`, the outcome is kept
   * under that key for 24 h, and a retry gets it back instead of a second sale.
   */
  changeSeats(
    request: SeatRequest,
    options: { claim?: IdempotencyClaim; audit?: AuditInput } = {},
  ): SeatResult {
    return commitSeatChange(
      { path: this.#path, tables: this.#tables, keys: this.#idempotency },
      request,
      options,
      (work, effect) => this.#collect(work, effect),
    );
  }

  /** Forgets idempotency keys older than 24 h; run by the hub's periodic prune. Returns how many. */
  expireIdempotencyKeys(): number {
    return this.#path.write(undefined, () => this.#idempotency.expire(this.#now() - IDEMPOTENCY_TTL_MS));
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
    const events = this.#path.commit((at) => {
      const result = setOverride(this.#tables, this.#overrides, kind, id, input, at);
      override = result.override;
      return { effects: result.effects, targets: result.target ? [result.target] : [] };
    }, options);
    return { override, events };
  }

  /**
   * Puts back what audit entry `entryId` changed, as a new change audited
   * under `audit` (and itself undoable): within a day, once, and only while
   * no later change touched its records (`UndoRefusedError` says which).
   * Staff schedule rules apply to what comes back (a restored show must not
   * clash with one added since), past starts allowed.
   */
  undo(entryId: number, audit: AuditInput): LoggedEvent[] {
    return this.#path.commit(
      (at) => {
        const entry = this.#audit.get(entryId);
        if (!entry) throw new NotFoundError(`audit entry ${entryId} does not exist`, 'id');
        if (!entry.steps) {
          throw new UndoRefusedError(
            `"${entry.summary}" cannot be undone from the audit log`,
            'not_undoable',
          );
        }
        if (entry.undoneAt)
          throw new UndoRefusedError(`"${entry.summary}" was undone already`, 'already_undone');
        if (!withinUndoWindow(entry.atMs, at)) {
          throw new UndoRefusedError(`"${entry.summary}" is more than a day old`, 'too_old');
        }
        const ctx: ApplyContext = {
          origin: 'local',
          checkVersions: true,
          schedule: this.#rules.check({ allowPast: true }, at),
          now: at,
          notice: () => {},
        };
        const work: Work = { effects: [], targets: [], undo: [] };
        for (const change of undoChanges(this.#tables, entry.steps)) {
          for (const effect of applyChange(this.#tables, change, ctx)) this.#collect(work, effect);
        }
        this.#audit.markUndone(entryId, at);
        return work;
      },
      { audit },
    );
  }

  /** Runs a write that is not a record change with its audit entry, atomically. */
  audited<T>(audit: AuditInput, target: AuditTarget, write: () => T): T {
    return this.#path.write(audit, (targets) => {
      targets.push(target);
      return write();
    });
  }

  /** Calls `listener` after every commit that logged events. Returns an unsubscribe function. */
  onCommit(listener: CommitListener): () => void {
    return this.#path.onCommit(listener);
  }

  /** The whole current state as screens see it (local overrides applied), consistent with `seq`. */
  snapshot(): Snapshot {
    return this.#path.read('reading the snapshot', () =>
      this.#db.transaction(() => ({ ...snapshotOf(this.#state), epoch: this.history.epoch }))(),
    );
  }

  /** The records as stored, with their overrides beside them, in one read consistent with `seq`. */
  storedState(): StoredState {
    return this.#path.read('reading the records', () =>
      this.#db.transaction(() => storedStateOf(this.#state))(),
    );
  }

  venue(): Venue {
    return this.#path.read('reading the venue', () => venueOf(this.#tables));
  }

  /** Events after `seq`, or `undefined` when the client needs a snapshot instead. */
  eventsAfter(seq: number): LoggedEvent[] | undefined {
    return this.#path.read('reading the event log', () => this.#events.after(seq));
  }

  /** Events after `seq` up to `until`, for a replay in pages; `undefined` when the log does not hold them all. */
  eventsBetween(seq: number, until: number): LoggedEvent[] | undefined {
    return this.#path.read('reading the event log', () => this.#events.between(seq, until));
  }

  /** Bytes of `data` of the events after `seq` (to size a replay before building it). */
  eventBytesAfter(seq: number): number {
    return this.#path.read('reading the event log', () => this.#events.bytesAfter(seq));
  }

  /** Deletes at most `batch` events that retention no longer keeps. Returns how many. */
  prune(batch = 10_000): number {
    return this.#path.write(undefined, () => this.#events.prune(this.#now(), batch));
  }

  /**
   * The hub's periodic upkeep: prunes the event log in short batches, then
   * `tidy()`, then forgets idempotency keys past their 24 h.
   */
  maintain(): void {
    while (this.prune() > 0) {
      /* batches keep each transaction short */
    }
    this.tidy();
    this.expireIdempotencyKeys();
  }

  /**
   * Periodic bookkeeping: drops expired sessions, saves sign-ins the disk
   * refused before, deletes API tokens revoked more than 30 days ago. Never
   * throws; what fails is logged and shows in health.
   */
  tidy(): void {
    const now = this.#now();
    this.#sessions.save(now);
    this.#tokens.purgeRevoked(now - REVOKED_TOKEN_KEPT_MS);
  }

  /**
   * Runs `PRAGMA quick_check` (it reads every page, so the hub runs it once,
   * at start-up) and keeps what it finds among the problems. Returns that.
   */
  checkIntegrity(): string | undefined {
    const problem = integrityProblem(this.#db);
    if (problem) this.storage.foundAtStart(problem);
    return problem;
  }

  /**
   * Every current problem with the database, for `/api/health`: what start-up
   * found, the last write's storage failure (after a small probe write to see
   * whether it has cleared), and reads that fail. Empty while all is well.
   */
  problems(): string[] {
    this.storage.probe(this.#meta, this.#now());
    try {
      // Any read through a statement prepared at open proves the file still answers.
      this.meta.get(UPSTREAM_ID_KEY);
    } catch {
      /* reported by the read itself */
    }
    return this.storage.problems();
  }

  close(): void {
    if (!this.#db.open) return;
    this.#path.stopListening();
    // Folds the WAL back so a copied data folder is a single consistent file. A full disk or
    // a read-only file cannot: the WAL then keeps the data, and the next open reads it.
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      /* kept in the WAL */
    }
    this.#db.close();
    // Last: the exact seq tells the next open that this history lost nothing.
    this.#history?.close(this.#events.seq);
  }

  /** A new database's venue, inside its creation: a failure leaves no database behind. */
  #firstVenue(options: StoreOptions): void {
    this.#path.write(undefined, () => this.#tables.putVenue(options.initialVenue ?? defaultVenue(), 1));
  }

  /** An opened database without its venue row (made by an older Marquee, or damaged) gets one if it can. */
  #checkVenue(options: StoreOptions): void {
    try {
      if (!this.#tables.venue()) this.#firstVenue(options);
    } catch (err) {
      this.storage.readFailed('reading the venue', err);
    }
  }
}

function defaultVenue(): Venue {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return {
    id: 'venue',
    name: DEFAULT_VENUE_NAME,
    timezone,
    locales: ['en'],
    settings: VenueSettings.parse({}),
  };
}
