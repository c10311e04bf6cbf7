import Database from 'better-sqlite3';
import type { Meta } from './meta.ts';

/**
 * SQLite result codes that mean "the disk or file cannot take this write
 * now", not "the request is wrong": disk full, read-only file or folder, I/O
 * errors, a lock held too long. Writes answer 503; reads and screens go on.
 */
const STORAGE_CODES = /^SQLITE_(FULL|READONLY|IOERR|BUSY|LOCKED|CANTOPEN|PROTOCOL)/;

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
  return `the disk reported an error (${err.code})`;
}

/** Remembers the storage failure of the last write until a write succeeds again. */
export class StorageHealth {
  #problem: string | undefined;

  get problem(): string | undefined {
    return this.#problem;
  }

  failed(err: unknown): void {
    if (isStorageError(err)) this.#problem = describeStorageError(err);
  }

  succeeded(): void {
    this.#problem = undefined;
  }

  /**
   * The current problem, after one small write to see whether it has cleared
   * (space freed, file writable again). Writes nothing while all is well.
   */
  probe(meta: Meta, now: number): string | undefined {
    if (!this.#problem) return undefined;
    try {
      // A whole page, so it needs fresh space the way a burst of real writes does.
      meta.set(PROBE_KEY, new Date(now).toISOString().padEnd(4096, '.'));
      meta.delete(PROBE_KEY);
      this.succeeded();
    } catch (err) {
      this.failed(err);
    }
    return this.#problem;
  }
}

const PROBE_KEY = 'health.probe';
