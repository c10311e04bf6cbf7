import Database from 'better-sqlite3';
import type { Meta } from './meta.ts';

/**
 * SQLite result codes that mean "the disk or file cannot serve this now",
 * not "the request is wrong": disk full, read-only file or folder, I/O
 * errors, a lock held too long, a damaged file. Writes answer 503; reads and
 * screens go on wherever they still can.
 */
const STORAGE_CODES = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|PROTOCOL|CORRUPT|NOTADB)/;

export type SqliteError = InstanceType<typeof Database.SqliteError>;

export function isStorageError(err: unknown): err is SqliteError {
  return err instanceof Database.SqliteError && STORAGE_CODES.test(err.code);
}

/** A sentence for staff and logs; never the SQL. */
export function describeStorageError(err: SqliteError): string {
  if (err.code.startsWith('SQLITE_FULL')) return 'the disk is full';
  if (err.code.startsWith('SQLITE_READONLY')) return 'the database is read-only';
  if (err.code.startsWith('SQLITE_BUSY') || err.code.startsWith('SQLITE_LOCKED'))
    return 'the database is busy';
  if (err.code.startsWith('SQLITE_CORRUPT') || err.code.startsWith('SQLITE_NOTADB'))
    return 'the database file is damaged';
  return `the disk reported an error (${err.code})`;
}

/** Any error as a short sentence: a storage failure as staff read it, anything else by its message. */
export function describeError(err: unknown): string {
  if (isStorageError(err)) return describeStorageError(err);
  return err instanceof Error ? err.message : String(err);
}

/**
 * What is wrong with the database right now, for `/api/health`: a problem
 * found at start-up (kept until a restart: a damaged file does not heal),
 * the storage failure of the last write (until a write succeeds again), and
 * every kind of read that failed the last time it ran.
 */
export class StorageHealth {
  #problem: string | undefined;
  readonly #atStart: string[] = [];
  readonly #reads = new Map<string, string>();
  #failures = 0;

  /** Writes and reads the disk refused, since start (for `/metrics`). */
  get failures(): number {
    return this.#failures;
  }

  /** The write problem, if any. */
  get problem(): string | undefined {
    return this.#problem;
  }

  /** Every current problem, the most telling first. */
  problems(): string[] {
    return [...this.#atStart, ...(this.#problem ? [this.#problem] : []), ...this.#reads.values()];
  }

  foundAtStart(problem: string): void {
    this.#atStart.push(problem);
  }

  failed(err: unknown): void {
    if (!isStorageError(err)) return;
    this.#failures++;
    this.#problem = describeStorageError(err);
  }

  succeeded(): void {
    this.#problem = undefined;
  }

  readFailed(what: string, err: unknown): void {
    this.#failures++;
    this.#reads.set(what, `${what} failed: ${describeError(err)}`);
  }

  readSucceeded(what: string): void {
    if (this.#reads.size > 0) this.#reads.delete(what);
  }

  /**
   * The current write problem, after one small write to see whether it has
   * cleared (space freed, file writable again). Writes nothing while all is
   * well, unless `atStart` (to find a full disk or a read-only file before
   * the first real write does).
   */
  probe(meta: Meta, now: number, atStart = false): string | undefined {
    if (!this.#problem && !atStart) return undefined;
    try {
      // After a failure, a whole page, so it needs fresh space the way a burst of real writes does.
      // At start a few bytes: any write appends a page to the WAL, and nothing is left in the file.
      const stamp = new Date(now).toISOString();
      meta.set(PROBE_KEY, atStart ? stamp : stamp.padEnd(4096, '.'));
      meta.delete(PROBE_KEY);
      this.succeeded();
    } catch (err) {
      this.failed(err);
    }
    return this.#problem;
  }
}

const PROBE_KEY = 'health.probe';
