import { z } from 'zod';

/**
 * The error body every API answer carries on failure, and the stable codes in
 * it. Clients branch on `code` and build their own words from `params`; the
 * `error` sentence is for logs and scripts. Codes are never renamed or reused;
 * new ones may appear, so a client treats an unknown code like its status.
 */

/** Codes of a whole refused request. The number is the status it usually comes with. */
export const ERROR_STATUS = Object.freeze({
  /** One or more fields are wrong: see `fields` and `fieldCodes`. */
  validation_failed: 400,
  /** A batch (CSV import, copy-day) was refused: see `rows`. */
  batch_rejected: 400,
  /** The body is not UTF-8 JSON. */
  invalid_json: 400,
  /** The request body stopped before its end. */
  body_cut_off: 400,
  /** The URL cannot be decoded. */
  malformed_url: 400,
  /** A query parameter was given twice. `params.parameter`. */
  query_repeated: 400,
  /** An uploaded file is not UTF-8 text. */
  not_utf8: 400,
  /** An uploaded file is empty. */
  empty_body: 400,
  /** An `Idempotency-Key` header that is not 1–255 visible ASCII characters. */
  idempotency_key_invalid: 400,
  /** Any other bad request. */
  bad_request: 400,
  /** No or expired session. */
  unauthorized: 401,
  /** Sign-in with a wrong password. */
  wrong_password: 401,
  /** `Authorization: Bearer` with a token that is not (or no longer) valid. */
  token_invalid: 401,
  /** The hub needs its display token for board pages and `/events`. */
  display_token_required: 401,
  /** A cookie write without the session's `X-CSRF-Token`, or with a wrong one. */
  csrf_missing: 403,
  /** An `Origin` from another site. */
  foreign_origin: 403,
  /** An API token on a route for signed-in staff only. */
  staff_only: 403,
  /** Allowed only from the hub machine itself (first password) or its own pages (heartbeats). */
  local_only: 403,
  /** The current password given to change it is wrong. */
  wrong_current_password: 403,
  /** The record belongs to the upstream feed (403 on edits, 409 on seat changes). `params.source`. */
  upstream_owned: 403,
  /** The record is local: edit it instead of overriding it, and the feed cannot change it. */
  local_owned: 403,
  /** The signed-in person's role may not do this. `params`: `role`, `capability` (see domain/staff.ts). */
  role_forbidden: 403,
  /** Any other refusal. */
  forbidden: 403,
  /** The record in the URL does not exist. `params.id` when known. */
  not_found: 404,
  /** No route answers this method and path. */
  no_such_route: 404,
  /** Stale `version`: `current` is the record as it is now (or `null` once deleted). */
  version_conflict: 409,
  /** A create whose id is taken: `current` is the record that has it. */
  already_exists: 409,
  /** A sale of more seats than are left. `params`: `requested`, `seatsAvailable`, `capacity`; `current` is the showtime. */
  oversell: 409,
  /** A release that would leave more seats than the capacity. Same `params` and `current` as `oversell`. */
  over_release: 409,
  /** The admin password is already set. */
  password_already_set: 409,
  /** At most so many API tokens may be active. `params.maximum`. */
  token_limit: 409,
  /** Another staff account has this name (names match whatever their case). `params.name`. */
  name_taken: 409,
  /** The change would leave the hub without a manager. */
  last_manager: 409,
  /** An undo the hub will not do. `params.reason`: `not_undoable`, `too_old`, `already_undone`, `changed_since`, `exists_again`; `type` and `id` of the record at fault when one is. */
  undo_refused: 409,
  /** Any other conflict with the current state. */
  conflict: 409,
  /** The body is too large. `params.limit` in bytes. */
  payload_too_large: 413,
  /** Wrong `Content-Type`, or an upload of the wrong kind. */
  unsupported_media_type: 415,
  /** `Host` names something other than this hub. */
  wrong_host: 421,
  /** An `Idempotency-Key` used before with another request. `params.key`. */
  idempotency_key_reused: 422,
  /** Too many requests; wait `Retry-After` seconds. */
  rate_limited: 429,
  /** Something failed inside the hub; its log says what. */
  internal: 500,
  /** Writes are refused (disk full, database read-only); retry after `Retry-After`. */
  storage_unavailable: 503,
  /** No admin password is set yet. */
  not_set_up: 503,
  /** The hub cannot serve pages: the renderer is not built. */
  renderer_missing: 503,
  /** Any other temporary refusal. */
  unavailable: 503,
  /** The disk is full or nearly so: the upload was not saved. */
  insufficient_storage: 507,
  /** Made by the admin page, never sent by the hub: the hub did not answer. */
  unreachable: 0,
  /** Made by the admin page, never sent by the hub: the answer was not what the page expected. */
  unexpected_answer: 0,
});

export type ErrorCode = keyof typeof ERROR_STATUS;
export const ErrorCode = z.enum(Object.keys(ERROR_STATUS) as [ErrorCode, ...ErrorCode[]]);

/** The code an error gets when its thrower named none: the generic one of its status. */
export function codeForStatus(status: number): ErrorCode {
  switch (status) {
    case 400:
      return 'bad_request';
    case 401:
      return 'unauthorized';
    case 403:
      return 'forbidden';
    case 404:
      return 'not_found';
    case 409:
      return 'conflict';
    case 413:
      return 'payload_too_large';
    case 415:
      return 'unsupported_media_type';
    case 421:
      return 'wrong_host';
    case 429:
      return 'rate_limited';
    case 503:
      return 'unavailable';
    case 507:
      return 'insufficient_storage';
    default:
      return status >= 500 ? 'internal' : 'bad_request';
  }
}

/** Codes of one field's problem (what `fieldCodes` holds); see docs/admin-api.md for each one's params. */
export const FIELD_CODES = [
  // From the schemas (zod issues, mapped in field-problems.ts).
  'required',
  'wrong_type',
  'not_integer',
  'too_small',
  'too_big',
  'bad_format',
  'not_multiple_of',
  'unknown_keys',
  'not_one_of',
  'not_after',
  'exactly_one',
  'same_day',
  'bad_time_zone',
  'bad_locale',
  // From text checks before parsing.
  'unsafe_text',
  'too_deep',
  // From the store's rules.
  'not_found',
  'in_use',
  'out_of_range',
  'in_past',
  'overlap',
  'showtimes_only',
  'version_conflict',
  'already_exists',
  // From routes.
  'nothing_to_copy',
  'wrong_password',
  'weak_password',
  // Any other problem: the message says what.
  'invalid',
] as const;
export type FieldCode = (typeof FIELD_CODES)[number];
export const FieldCode = z.enum(FIELD_CODES);

export const isFieldCode = (code: unknown): code is FieldCode =>
  typeof code === 'string' && (FIELD_CODES as readonly string[]).includes(code);

const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** Parameters of a code: JSON scalars, or lists of them (`values`, `keys`). */
export const ErrorParams = z.record(z.string(), z.union([Scalar, z.array(Scalar)]));
export type ErrorParams = z.infer<typeof ErrorParams>;

/** One field's problem in machine form; its sentence is beside it in `fields`. */
export const FieldProblem = z.object({ code: FieldCode, params: ErrorParams.default({}) });
export type FieldProblem = z.infer<typeof FieldProblem>;

/** One field's problem with its sentence: what the hub builds before splitting it into `fields` and `fieldCodes`. */
export type FieldIssue = FieldProblem & { message: string };

/** A field path (`seatsAvailable`, `titles.fr`, `(body)` for the whole body) → its sentence. */
const FieldMessages = z.record(z.string(), z.string());
/** The same paths → their problem's code and params. */
const FieldCodes = z.record(z.string(), FieldProblem);

/** One row of a refused batch: its line in the file, or a label, and its fields at fault. */
export const RowProblem = z.object({
  /** 1-based line in an imported file, when the batch came from one. */
  line: z.number().int().optional(),
  /** What the row is about, e.g. a showtime id. */
  label: z.string().optional(),
  fields: FieldMessages,
  fieldCodes: FieldCodes.optional(),
});
export type RowProblem = z.infer<typeof RowProblem>;

/**
 * The body of every error answer. `fields` stays a map of sentences, as it
 * always was, so older clients keep reading it; `fieldCodes` holds the same
 * paths in machine form. Unknown members are kept (a newer hub may add some).
 */
export const ErrorBody = z.looseObject({
  /** A sentence for a person, in English. */
  error: z.string(),
  code: ErrorCode,
  params: ErrorParams.default({}),
  fields: FieldMessages.optional(),
  fieldCodes: FieldCodes.optional(),
  /** On `version_conflict`, `already_exists`, `oversell`, `over_release`: the record as it is now. */
  current: z.unknown().optional(),
  /** On `batch_rejected`: every row at fault. */
  rows: z.array(RowProblem).optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;
