import type { AuditInput, AuditTarget } from '../domain/audit.ts';

/**
 * How the parts of the store touch the database: only through the store's
 * one path, so every write is one transaction, audited when it is an admin
 * action, and every failure, read or write, reaches storage health.
 */
export interface WritePath {
  /**
   * One transaction, with its audit entry when `audit` is given (`fn` pushes
   * the records it touched onto `targets`). A failure is reported to storage
   * health and thrown.
   */
  write<T>(audit: AuditInput | undefined, fn: (targets: AuditTarget[]) => T): T;
  /**
   * Bookkeeping no request should fail for (a sign-in saved, "last used"
   * noted, a screen remembered): one transaction; a failure is logged and
   * reported to storage health, and `false` returned instead of thrown.
   */
  bookkeep(what: string, fn: () => void): boolean;
  /** A read; a failure is reported to storage health as "`what` failed" and thrown as a `StorageReadError`. */
  read<T>(what: string, fn: () => T): T;
}
