import type { z } from 'zod';
import {
  type ErrorBody,
  type ErrorCode,
  type ErrorParams,
  type FieldIssue,
  codeForStatus,
  isFieldCode,
} from '../domain/api-error.ts';
import { type Parsed, fieldIssues } from '../domain/field-problems.ts';
import { type StoreProblem, StoreError, VersionConflictError } from '../store/errors.ts';
import { describeStorageError, isStorageError } from '../store/storage-errors.ts';

export interface HttpErrorInit {
  status: number;
  /** The stable code clients branch on. Default: `validation_failed` for a 400 with fields, else the generic code of `status`. */
  code?: ErrorCode;
  /** A sentence for the person who sent the request. */
  message: string;
  /** What the code needs to be put in words (a limit, an id). Default none. */
  params?: ErrorParams;
  /** Per-field problems by dotted path; a bare sentence gets the code `invalid`. Default none. */
  fields?: Readonly<Record<string, FieldIssue | string>>;
  headers?: Readonly<Record<string, string>>;
  /** Further members of the body, e.g. `current` or `rows`. Default none. */
  body?: Readonly<Record<string, unknown>>;
}

/** An error with an HTTP status, a stable code and a message meant for the person who sent the request. */
export class HttpError extends Error {
  readonly status: number;
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  readonly fields: Readonly<Record<string, FieldIssue>> | undefined;
  readonly headers: Readonly<Record<string, string>> | undefined;
  readonly body: Readonly<Record<string, unknown>> | undefined;

  constructor(init: HttpErrorInit);
  /** The older form: the code is then the generic one of `status` (`validation_failed` with fields). */
  constructor(
    status: number,
    message: string,
    fields?: Record<string, string>,
    headers?: Record<string, string>,
    body?: Record<string, unknown>,
  );
  constructor(
    first: HttpErrorInit | number,
    message?: string,
    fields?: Record<string, string>,
    headers?: Record<string, string>,
    body?: Record<string, unknown>,
  ) {
    const init: HttpErrorInit =
      typeof first === 'number'
        ? {
            status: first,
            message: message ?? '',
            ...(fields && { fields }),
            ...(headers && { headers }),
            ...(body && { body }),
          }
        : first;
    super(init.message);
    this.name = 'HttpError';
    this.status = init.status;
    this.fields = init.fields && issuesOf(init.fields);
    this.code =
      init.code ?? (init.status === 400 && this.fields ? 'validation_failed' : codeForStatus(init.status));
    this.params = init.params ?? {};
    this.headers = init.headers;
    this.body = init.body;
  }
}

function issuesOf(fields: Readonly<Record<string, FieldIssue | string>>): Record<string, FieldIssue> {
  return Object.fromEntries(
    Object.entries(fields).map(([k, v]) => [
      k,
      typeof v === 'string' ? { message: v, code: 'invalid', params: {} } : v,
    ]),
  );
}

/** The JSON body of `err`: `fields` stays the map of sentences older clients read, `fieldCodes` beside it. */
export function errorBody(err: HttpError): ErrorBody {
  const body: ErrorBody = { ...err.body, error: err.message, code: err.code, params: err.params };
  if (err.fields) {
    body.fields = {};
    body.fieldCodes = {};
    for (const [key, { message, code, params }] of Object.entries(err.fields)) {
      body.fields[key] = message;
      body.fieldCodes[key] = { code, params };
    }
  }
  return body;
}

/** One message per field, keyed by its dotted path (`seatsAvailable`, `titles.fr`). */
export function fieldErrors(error: z.ZodError): Record<string, string> {
  return Object.fromEntries(Object.entries(fieldIssues(error)).map(([k, v]) => [k, v.message]));
}

/** A 400 `validation_failed` for a failed parse; give what was parsed so missing fields read `required`. */
export function invalid(error: z.ZodError, parsed?: Parsed): HttpError {
  return new HttpError({
    status: 400,
    code: 'validation_failed',
    message: 'the request has invalid fields',
    fields: fieldIssues(error, parsed),
  });
}

const STORE_STATUS = {
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  invalid: 400,
  unavailable: 503,
} as const;
const STORE_CODE = {
  not_found: 'not_found',
  conflict: 'conflict',
  forbidden: 'forbidden',
  invalid: 'validation_failed',
  unavailable: 'storage_unavailable',
} as const satisfies Record<StoreError['code'], ErrorCode>;

/** Maps the store's rule errors to HTTP, storage failures to 503; anything else stays a 500. */
export function fromStoreError(err: unknown): HttpError | undefined {
  if (isStorageError(err)) {
    return new HttpError({
      status: 503,
      code: 'storage_unavailable',
      message: `the change was not saved: ${describeStorageError(err)}; screens keep showing the current state`,
      headers: { 'Retry-After': '30' },
    });
  }
  if (!(err instanceof StoreError)) return undefined;
  // A reference to a missing record (`filmId`) is a bad field; a missing record in the URL (`id`) a 404.
  const onField = err.code === 'not_found' && err.field && err.field !== 'id';
  const status = onField ? 400 : STORE_STATUS[err.code];
  const problem: StoreProblem | undefined = err.problem;
  const fields = err.field
    ? {
        [err.field]: {
          message: err.message,
          code: problem && isFieldCode(problem.code) ? problem.code : 'invalid',
          params: problem?.params ?? {},
        },
      }
    : undefined;
  const named = problem && !isFieldCode(problem.code) ? problem.code : undefined;
  let code: ErrorCode;
  if (status === 400) code = 'validation_failed';
  else if (named) code = named;
  else if (err instanceof VersionConflictError)
    code = problem?.code === 'already_exists' ? 'already_exists' : 'version_conflict';
  else code = STORE_CODE[err.code];
  const body = err instanceof VersionConflictError ? { current: err.current } : undefined;
  return new HttpError({
    status,
    code,
    message: err.message,
    // A field's params sit on the field; a refusal of the whole request carries its own.
    ...(status !== 400 && problem?.params && { params: problem.params }),
    ...(fields && { fields }),
    ...(body && { body }),
  });
}
