import Database from 'better-sqlite3';
import type { Change, Snapshot } from '../domain/events.ts';
import type { Source } from '../domain/primitives.ts';
import type { Venue } from '../domain/records.ts';
import { VenueSettings } from '../domain/records.ts';
import { ApiTokens } from './api-tokens.ts';
import { applyChange, type Effect } from './apply-change.ts';
import { DEFAULT_RETENTION, EventLog, type LoggedEvent, type RetentionOptions } from './event-log.ts';
import { Meta } from './meta.ts';
import { migrate } from './migrate.ts';
import { migrations } from './migrations/index.ts';
import { Sessions } from './sessions.ts';
import { Tables } from './tables.ts';

export type { LoggedEvent } from './event-log.ts';

export interface StoreOptions {
  /** Path of the SQLite file; created with its folder's permissions if missing. */
  file: string;
  /** Event-log retention. Defaults: 7 days, at least 100,000 events, at most 1,000,000. */
  retention?: RetentionOptions;
  /** Venue written on first open. Default: "My Venue" in the machine's time zone, English. */
  initialVenue?: Venue;
  /** Path of a better-sqlite3 native binding built for another runtime (Electron). Default: the package's own. */
  nativeBinding?: string;
  /** Clock, for tests. Default `Date.now`. */
  now?: () => number;
}

export interface ApplyOptions {
  /** Who makes the change. Default `local`. */
  origin?: Source;
  /** Enforce `version` on upserts (admin writes). Default false. */
  checkVersions?: boolean;
  /** Upstream event id to record in the same transaction, for resume after restart. */
  upstreamId?: string;
  /** Other meta keys to write in the same transaction. */
  meta?: Readonly<Record<string, string>>;
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
  readonly #tables: Tables;
  readonly #listeners = new Set<CommitListener>();
  readonly #now: () => number;
  readonly #applyTx: Database.Transaction<(changes: readonly Change[], opts: ApplyOptions) => LoggedEvent[]>;

  private constructor(db: Database.Database, options: StoreOptions) {
    this.db = db;
    this.#now = options.now ?? Date.now;
    this.#tables = new Tables(db);
    this.log = new EventLog(db, { ...DEFAULT_RETENTION, ...options.retention });
    this.meta = new Meta(db);
    this.sessions = new Sessions(db);
    this.apiTokens = new ApiTokens(db);
    this.#applyTx = db.transaction((changes: readonly Change[], opts: ApplyOptions) => {
      const ctx = { origin: opts.origin ?? 'local', checkVersions: opts.checkVersions ?? false };
      const at = this.#now();
      const logged: LoggedEvent[] = [];
      for (const change of changes) {
        const effect: Effect = applyChange(this.#tables, change, ctx);
        if (effect) logged.push(this.log.append(effect.type, JSON.stringify(effect.data), at));
      }
      if (opts.upstreamId !== undefined) this.meta.set(UPSTREAM_ID_KEY, opts.upstreamId);
      for (const [key, value] of Object.entries(opts.meta ?? {})) this.meta.set(key, value);
      return logged;
    });
    if (!this.#tables.venue()) {
      this.#tables.putVenue(options.initialVenue ?? defaultVenue(), 1);
    }
  }

  /** Opens (creating and migrating as needed) the database at `options.file`. */
  static open(options: StoreOptions): Store {
    const db = new Database(
      options.file,
      options.nativeBinding ? { nativeBinding: options.nativeBinding } : {},
    );
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

  /**
   * Applies `changes` atomically: all of them, or (on any error) none. Changes
   * that alter nothing log nothing. Returns the events appended, in order.
   */
  apply(changes: readonly Change[], options: ApplyOptions = {}): LoggedEvent[] {
    // Listeners must hear only of committed changes, so apply never runs inside another transaction.
    if (this.db.inTransaction) throw new Error('Store.apply must not run inside another transaction');
    let events: LoggedEvent[];
    try {
      events = this.#applyTx.immediate(changes, options);
    } catch (err) {
      this.log.resync();
      throw err;
    }
    if (events.length > 0) for (const listener of this.#listeners) listener(events);
    return events;
  }

  /** Calls `listener` after every commit that logged events. Returns an unsubscribe function. */
  onCommit(listener: CommitListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The whole current state, consistent with `seq`. */
  snapshot(): Snapshot {
    return this.db.transaction(() => ({
      seq: this.log.seq,
      venue: this.venue(),
      auditoriums: this.#tables.auditoriums.all(),
      films: this.#tables.films.all(),
      showtimes: this.#tables.showtimes.all(),
      announcements: this.#tables.announcements.all(),
    }))();
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

  /** Deletes at most `batch` events that retention no longer keeps. Returns how many. */
  prune(batch = 10_000): number {
    return this.db.transaction(() => this.log.prune(this.#now(), batch)).immediate();
  }

  /** Cheap liveness probe for `/api/health`. */
  isHealthy(): boolean {
    try {
      return this.db.prepare('SELECT 1 AS ok').get() !== undefined;
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
    }
  }
}

function defaultVenue(): Venue {
  const timezone = Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
  return { id: 'venue', name: 'My Venue', timezone, locales: ['en'], settings: VenueSettings.parse({}) };
}
