import type Database from 'better-sqlite3';
import type { AuditInput, AuditTarget } from '../domain/audit.ts';
import type { Logger } from '../log.ts';
import { type CommitOptions, DryRun, type Work } from './apply-options.ts';
import type { AuditLog } from './audit-log.ts';
import { StorageReadError } from './errors.ts';
import type { EventLog, LoggedEvent } from './event-log.ts';
import { type Meta, UPSTREAM_ID_KEY } from './meta.ts';
import { type StorageHealth, describeError, isStorageError } from './storage-errors.ts';
import type { WritePath } from './write-path.ts';

export type CommitListener = (events: readonly LoggedEvent[]) => void;

interface Parts {
  db: Database.Database;
  events: EventLog;
  meta: Meta;
  audit: AuditLog;
  storage: StorageHealth;
  logger: Logger;
  now: () => number;
  /** Inside the write transaction, after its events are appended (`seq`: the newest); throwing rolls it back. */
  logged?: (seq: number) => void;
}

/**
 * The store's one way to the database. `commit` updates state, appends to
 * the event log, writes meta and the audit entry in one transaction, and
 * only then tells the listeners; every failure, of a write or of a read,
 * reaches storage health.
 */
export class StorePath implements WritePath {
  readonly #p: Parts;
  readonly #listeners = new Set<CommitListener>();
  /** Kinds of bookkeeping failing now, each logged once until it works again. */
  readonly #failing = new Set<string>();
  readonly #commitTx: Database.Transaction<
    (work: (at: number) => Work, opts: CommitOptions) => LoggedEvent[]
  >;

  constructor(parts: Parts) {
    this.#p = parts;
    const { events, meta, audit } = parts;
    this.#commitTx = parts.db.transaction((work: (at: number) => Work, opts: CommitOptions) => {
      const at = parts.now();
      const { effects, targets, afterLog, audit: ownAudit, undo } = work(at);
      const logged = effects.map((e) => events.append(e.type, JSON.stringify(e.data), at));
      afterLog?.(logged, events.seq);
      if (opts.upstreamId !== undefined) meta.set(UPSTREAM_ID_KEY, opts.upstreamId);
      for (const [key, value] of Object.entries(opts.meta ?? {})) meta.set(key, value);
      const entry = ownAudit ?? (opts.audit && { ...opts.audit, targets });
      if (entry && entry.targets.length > 0) {
        audit.append({ at, ...entry, seqs: logged.map((e) => e.seq), undo: ownAudit ? undefined : undo });
      }
      if (opts.dryRun) throw new DryRun(logged);
      if (logged.length > 0) parts.logged?.(events.seq);
      return logged;
    });
  }

  commit(work: (at: number) => Work, options: CommitOptions): LoggedEvent[] {
    // Listeners must hear only of committed changes, so a write never runs inside another transaction.
    if (this.#p.db.inTransaction) throw new Error('Store writes must not run inside another transaction');
    let events: LoggedEvent[];
    try {
      events = this.#commitTx.immediate(work, options);
    } catch (err) {
      this.#p.events.resync();
      if (err instanceof DryRun) return err.events;
      this.#p.storage.failed(err);
      throw err;
    }
    this.#p.storage.succeeded();
    if (events.length > 0) for (const listener of this.#listeners) listener(events);
    return events;
  }

  write<T>(audit: AuditInput | undefined, fn: (targets: AuditTarget[]) => T): T {
    let result: T | undefined;
    this.commit(
      () => {
        const targets: AuditTarget[] = [];
        result = fn(targets);
        return { effects: [], targets };
      },
      audit ? { audit } : {},
    );
    return result as T;
  }

  bookkeep(what: string, fn: () => void): boolean {
    try {
      this.write(undefined, fn);
      this.#failing.delete(what);
      return true;
    } catch (err) {
      // Once per kind of bookkeeping until it works again: a full disk must not flood the log.
      if (!this.#failing.has(what)) {
        this.#failing.add(what);
        const level = isStorageError(err) ? 'warn' : 'error';
        this.#p.logger[level](`${what} failed; carrying on without it`, { error: describeError(err) });
      }
      return false;
    }
  }

  read<T>(what: string, fn: () => T): T {
    let result: T;
    try {
      result = fn();
    } catch (err) {
      this.#p.storage.readFailed(what, err);
      if (!isStorageError(err)) throw err;
      throw new StorageReadError(`${what} failed: ${describeError(err)}`, { cause: err });
    }
    this.#p.storage.readSucceeded(what);
    return result;
  }

  /** Calls `listener` after every commit that logged events. Returns an unsubscribe function. */
  onCommit(listener: CommitListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  stopListening(): void {
    this.#listeners.clear();
  }
}
