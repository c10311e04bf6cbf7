import type { z } from 'zod';
import { StoreError, VersionConflictError } from '../store/errors.ts';
import { describeStorageError, isStorageError } from '../store/storage-errors.ts';

/** An error with an HTTP status and a message meant for the person who sent the request. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly fields?: Record<string, string>,
    readonly headers?: Record<string, string>,
    readonly body?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/** One message per field, keyed by its dotted path (`seatsAvailable`, `titles.fr`). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const issue of error.issues) {
    const key = issue.path.length > 0 ? issue.path.join('.') : '(body)';
    fields[key] ??= issue.message;
  }
  return fields;
}

export function invalid(error: z.ZodError): HttpError {
  return new HttpError(400, 'the request has invalid fields', fieldErrors(error));
}

const STORE_STATUS = {
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  invalid: 400,
  unavailable: 503,
} as const;

/** Maps the store's rule errors to HTTP, storage failures to 503; anything else stays a 500. */
export function fromStoreError(err: unknown): HttpError | undefined {
  if (isStorageError(err)) {
    return new HttpError(
      503,
      `the change was not saved: ${describeStorageError(err)}; screens keep showing the current state`,
      undefined,
      { 'Retry-After': '30' },
    );
  }
  if (!(err instanceof StoreError)) return undefined;
  const status = err.code === 'not_found' && err.field && err.field !== 'id' ? 400 : STORE_STATUS[err.code];
  const fields = err.field ? { [err.field]: err.message } : undefined;
  const body = err instanceof VersionConflictError ? { current: err.current } : undefined;
  return new HttpError(status, err.message, fields, undefined, body);
}
