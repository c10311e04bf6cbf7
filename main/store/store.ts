import type Database from 'better-sqlite3';
import type { AuditInput, AuditTarget } from '../domain/audit.ts';
import type { Change, Snapshot } from '../domain/events.ts';
import {
  type Override,
  type OverrideInput,
  type OverrideKind,
  effectiveAnnouncement,
  effectiveShowtime,
} from '../domain/overrides.ts';
import type { Announcement, Auditorium, Film, Showtime, Venue } from '../domain/records.ts';
import { VenueSettings } from '../domain/records.ts';
import { type Logger, createLogger } from '../log.ts';
import { type ApiTokenBook, ApiTokens, REVOKED_TOKEN_KEPT_MS } from './api-tokens.ts';
import { type ApplyContext, applyChange, type Effect } from './apply-change.ts';
import { type ApplyOptions, type CommitOptions, DryRun, type Work } from './apply-options.ts';
import { AuditLog } from './audit-log.ts';
import { DisplayRows } from './displays.ts';
import { BatchRejectedError, StorageReadError, StoreError } from './errors.ts';
import { DEFAULT_RETENTION, EventLog, type LoggedEvent, type RetentionOptions } from './event-log.ts';
import { Meta, type MetaView } from './meta.ts';
import { integrityProblem, openDatabase } from './open-database.ts';
import { auditTargetOf, overlay } from './overlay.ts';
import { Overrides } from './overrides.ts';
import { type PasswordBook, Passwords } from './passwords.ts';
import type { RecordReader } from './record-table.ts';
import { keepForTests } from './raw-access.ts';
import { ScheduleRules } from './schedule-rules.ts';
import { type SessionBook, Sessions } from './sessions.ts';
import { StorageHealth, describeError, isStorageError } from './storage-errors.ts';
import { setOverride } from './set-override.ts';
import { type RecordsView, Tables } from './tables.ts';
import type { WritePath } from './write-path.ts';

export type { LoggedEvent } from './event-log.ts';
export type { ApplyOptions } from './apply-options.ts';
export type { RecordsView } from './tables.ts';

export interface StoreOptions {
  /**
   * Path of the SQLite file. A missing one is created whole (under a
   * temporary name, then renamed); an empty one is refused.
   */
  file: string;
  /** Event-log retention. Defaults: 7 days, at least 100,000 events, at most 1,000,000. */
  retention?: RetentionOptions;
  /** Venue written on first open. Default: "My Venue" in the machine's time zone, English. */
  initialVenue?: Venue;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
  /** Where failed bookkeeping is reported (once per kind, until it works again). Default: stderr. */
  log?: Logger;
  /**
   * Open only an existing database of the current schema, never create or
   * migrate one: for tools that run beside a hub (`marquee reset-password`).
   * Default false.
   */
  existingOnly?: boolean;
}

/** Meta key of the last applied upstream event id. */
export const UPSTREAM_ID_KEY = 'upstream.lastEventId';

export type CommitListener = (events: readonly LoggedEvent[]) => void;

/** What callers may read of the event log. */
export type EventLogView = Pick<EventLog, 'seq' | 'oldestSeq' | 'count' | 'after'>;
/** What callers may read of the overrides; they are set with `Store.setOverride`. */
export type OverridesView = Pick<Overrides, 'get' | 'all' | 'byId'>;
/** What callers may read of the audit log; entries are written with the change they describe. */
export type AuditView = Pick<AuditLog, 'page'>;

/** The stored records (upstream ones as the feed sent them) with the local overrides beside them. */
export interface StoredState {
  seq: number;
  venue: Venue;
  auditoriums: Auditorium[];
  films: Film[];
  showtimes: Showtime[];
  announcements: Announcement[];
  overrides: Override[];
}

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
  readonly password: PasswordBook;
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
  readonly #path: WritePath;
  readonly #listeners = new Set<CommitListener>();
  readonly #failing = new Set<string>();
  readonly #now: () => number;
  readonly #logger: Logger;
  readonly #commitTx: Database.Transaction<
    (work: (at: number) => Work, opts: CommitOptions) => LoggedEvent[]
  >;
  readonly #savepoint: Database.Transaction<(fn: () => Effect) => Effect>;

  private constructor(db: Database.Database, options: StoreOptions) {
    this.#db = db;
    keepForTests(this, db);
    this.#now = options.now ?? Date.now;
    this.#logger = options.log ?? createLogger();
    this.#path = {
      write: (audit, fn) => this.#write(audit, fn),
      bookkeep: (what, fn) => this.#bookkeep(what, fn),
      read: (what, fn) => this.#read(what, fn),
    };
    this.#tables = new Tables(db);
    this.#events = new EventLog(db, { ...DEFAULT_RETENTION, ...options.retention });
    this.#meta = new Meta(db);
    this.#sessions = new Sessions(db, this.#path);
    this.#tokens = new ApiTokens(db, this.#path);
    this.#overrides = new Overrides(db);
    this.#audit = new AuditLog(db);
    this.#rules = new ScheduleRules(db, this.#tables);
    this.log = this.#events;
    this.meta = { get: (key) => this.#read('reading settings', () => this.#meta.get(key)) };
    this.records = this.#recordsView();
    this.sessions = this.#sessions;
    this.apiTokens = this.#tokens;
    this.password = new Passwords(db, this.#path, this.#sessions, this.#tokens);
    this.overrides = {
      get: (kind, id) => this.#read('reading overrides', () => this.#overrides.get(kind, id)),
      all: () => this.#read('reading overrides', () => this.#overrides.all()),
      byId: (kind) => this.#read('reading overrides', () => this.#overrides.byId(kind)),
    };
    this.audit = {
      page: (limit, before) => this.#read('reading the audit log', () => this.#audit.page(limit, before)),
    };
    this.displays = new DisplayRows(db, this.#path);
    // The one write path: state, event log, meta and audit entry commit together or not at all.
    this.#commitTx = db.transaction((work: (at: number) => Work, opts: CommitOptions) => {
      const at = this.#now();
      const { effects, targets } = work(at);
      const logged = effects.map((e) => this.#events.append(e.type, JSON.stringify(e.data), at));
      if (opts.upstreamId !== undefined) this.#meta.set(UPSTREAM_ID_KEY, opts.upstreamId);
      for (const [key, value] of Object.entries(opts.meta ?? {})) this.#meta.set(key, value);
      if (opts.audit && targets.length > 0) {
        this.#audit.append({ at, ...opts.audit, targets, seqs: logged.map((e) => e.seq) });
      }
      if (opts.dryRun) throw new DryRun(logged);
      return logged;
    });
    // Nested inside the write transaction this is a SAVEPOINT: one failed change leaves no trace.
    this.#savepoint = db.transaction((fn: () => Effect) => fn());
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
      (fresh) => new Store(fresh, options).#firstVenue(options),
      options.existingOnly,
    );
    try {
      const store = new Store(db, options);
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
        const shown = overlay(effect, this.#overrides);
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
      const result = setOverride(this.#tables, this.#overrides, kind, id, input, at);
      override = result.override;
      return { effects: result.effects, targets: result.target ? [result.target] : [] };
    }, options);
    return { override, events };
  }

  /** Runs a write that is not a record change with its audit entry, atomically. */
  audited<T>(audit: AuditInput, target: AuditTarget, write: () => T): T {
    return this.#write(audit, (targets) => {
      targets.push(target);
      return write();
    });
  }

  #write<T>(audit: AuditInput | undefined, fn: (targets: AuditTarget[]) => T): T {
    let result: T | undefined;
    this.#commit(
      () => {
        const targets: AuditTarget[] = [];
        result = fn(targets);
        return { effects: [], targets };
      },
      audit ? { audit } : {},
    );
    return result as T;
  }

  #bookkeep(what: string, fn: () => void): boolean {
    try {
      this.#write(undefined, fn);
      this.#failing.delete(what);
      return true;
    } catch (err) {
      // Once per kind of bookkeeping until it works again: a full disk must not flood the log.
      if (!this.#failing.has(what)) {
        this.#failing.add(what);
        const level = isStorageError(err) ? 'warn' : 'error';
        this.#logger[level](`${what} failed; carrying on without it`, { error: describeError(err) });
      }
      return false;
    }
  }

  #read<T>(what: string, fn: () => T): T {
    let result: T;
    try {
      result = fn();
    } catch (err) {
      this.storage.readFailed(what, err);
      if (!isStorageError(err)) throw err;
      throw new StorageReadError(`${what} failed: ${describeError(err)}`, { cause: err });
    }
    this.storage.readSucceeded(what);
    return result;
  }

  #commit(work: (at: number) => Work, options: CommitOptions): LoggedEvent[] {
    // Listeners must hear only of committed changes, so a write never runs inside another transaction.
    if (this.#db.inTransaction) throw new Error('Store writes must not run inside another transaction');
    let events: LoggedEvent[];
    try {
      events = this.#commitTx.immediate(work, options);
    } catch (err) {
      this.#events.resync();
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
    return this.#read('reading the snapshot', () =>
      this.#db.transaction(() => {
        const shows = this.#overrides.byId('showtime');
        const notes = this.#overrides.byId('announcement');
        return {
          seq: this.#events.seq,
          venue: this.#venue(),
          auditoriums: this.#tables.auditoriums.all(),
          films: this.#tables.films.all(),
          showtimes: this.#tables.showtimes.all().flatMap((s) => effectiveShowtime(s, shows.get(s.id)) ?? []),
          announcements: this.#tables.announcements
            .all()
            .flatMap((a) => effectiveAnnouncement(a, notes.get(a.id)) ?? []),
        };
      })(),
    );
  }

  /** The records as stored, with their overrides beside them, in one read consistent with `seq`. */
  storedState(): StoredState {
    return this.#read('reading the records', () =>
      this.#db.transaction(() => ({
        seq: this.#events.seq,
        venue: this.#venue(),
        auditoriums: this.#tables.auditoriums.all(),
        films: this.#tables.films.all(),
        showtimes: this.#tables.showtimes.all(),
        announcements: this.#tables.announcements.all(),
        overrides: this.#overrides.all(),
      }))(),
    );
  }

  venue(): Venue {
    return this.#read('reading the venue', () => this.#venue());
  }

  #venue(): Venue {
    const venue = this.#tables.venue();
    if (!venue) throw new Error('venue row missing');
    return venue;
  }

  /** Events after `seq`, or `undefined` when the client needs a snapshot instead. */
  eventsAfter(seq: number): LoggedEvent[] | undefined {
    return this.#read('reading the event log', () => this.#events.after(seq));
  }

  /** Deletes at most `batch` events that retention no longer keeps. Returns how many. */
  prune(batch = 10_000): number {
    return this.#write(undefined, () => this.#events.prune(this.#now(), batch));
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
    this.#listeners.clear();
    // Folds the WAL back so a copied data folder is a single consistent file. A full disk or
    // a read-only file cannot: the WAL then keeps the data, and the next open reads it.
    try {
      this.#db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      /* kept in the WAL */
    }
    this.#db.close();
  }

  #recordsView(): RecordsView {
    const t = this.#tables;
    const reader = <T>(what: string, table: RecordReader<T>): RecordReader<T> => ({
      get: (id) => this.#read(what, () => table.get(id)),
      all: () => this.#read(what, () => table.all()),
      count: () => this.#read(what, () => table.count()),
    });
    return {
      auditoriums: reader('reading auditoriums', t.auditoriums),
      films: reader('reading films', t.films),
      showtimes: reader('reading showtimes', t.showtimes),
      announcements: reader('reading announcements', t.announcements),
      venue: () => this.#read('reading the venue', () => t.venue()),
      showtimesOfFilm: (id) => this.#read('reading showtimes', () => t.showtimesOfFilm(id)),
      showtimesInAuditorium: (id) => this.#read('reading showtimes', () => t.showtimesInAuditorium(id)),
    };
  }

  /** A new database's venue, inside its creation: a failure leaves no database behind. */
  #firstVenue(options: StoreOptions): void {
    this.#write(undefined, () => this.#tables.putVenue(options.initialVenue ?? defaultVenue(), 1));
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
  return { id: 'venue', name: 'My Venue', timezone, locales: ['en'], settings: VenueSettings.parse({}) };
}
