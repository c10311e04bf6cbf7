import type { ErrorCode, ErrorParams, FieldCode } from '../domain/api-error.ts';

/** The stable code of a broken rule (a field's, or the whole change's) and what it needs to be put in words. */
export interface StoreProblem {
  readonly code: FieldCode | ErrorCode;
  readonly params?: ErrorParams;
}

/** Base for errors a caller can show to a user as they are. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: 'not_found' | 'conflict' | 'forbidden' | 'invalid' | 'unavailable',
    readonly field?: string,
    readonly problem?: StoreProblem,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class NotFoundError extends StoreError {
  constructor(message: string, field?: string, problem?: StoreProblem) {
    super(message, 'not_found', field, problem);
  }
}

/** A write based on an old version; `current` is the record as it is now. */
export class VersionConflictError extends StoreError {
  constructor(
    message: string,
    readonly current: unknown,
    problem?: StoreProblem,
  ) {
    super(message, 'conflict', 'version', problem);
  }
}

export class ForbiddenChangeError extends StoreError {
  constructor(message: string, problem?: StoreProblem) {
    super(message, 'forbidden', undefined, problem);
  }
}

export class InvalidChangeError extends StoreError {
  constructor(message: string, field?: string, problem?: StoreProblem) {
    super(message, 'invalid', field, problem);
  }
}

/** A read the database could not serve (a damaged file, an I/O error); health reports it too. */
export class StorageReadError extends StoreError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'unavailable');
    if (options?.cause !== undefined) this.cause = options.cause;
  }
}

/** The new record would pass a limit of the store (e.g. active API tokens). */
export class LimitReachedError extends StoreError {
  constructor(message: string, problem?: StoreProblem) {
    super(message, 'conflict', undefined, problem);
  }
}

/**
 * A database file the hub will not open, with a sentence saying why and what
 * to do (an empty file, one damaged past reading). Nothing was written to it.
 */
export class DatabaseOpenError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'DatabaseOpenError';
  }
}

export class DatabaseFromFutureError extends Error {
  constructor(
    readonly found: number,
    readonly supported: number,
  ) {
    super(
      `database schema version ${found} is newer than this Marquee supports (${supported}); ` +
        'upgrade Marquee or restore a backup — the database was left untouched',
    );
    this.name = 'DatabaseFromFutureError';
  }
}

/** A batch in which some changes broke a rule; nothing of it was applied. `index` is the change's position. */
export class BatchRejectedError extends Error {
  constructor(readonly failures: readonly { index: number; error: StoreError }[]) {
    super(`${failures.length} change(s) broke a rule; nothing was applied`);
    this.name = 'BatchRejectedError';
  }
}
