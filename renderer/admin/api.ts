import { z } from 'zod';
import {
  ErrorBody,
  type ErrorCode,
  type ErrorParams,
  type FieldProblem,
  type RowProblem,
} from '../../main/domain/api-error.ts';

/** The admin's only way to the hub: JSON over fetch, with the session's CSRF token on writes. */

export type { RowProblem };

/** For a request whose answer the page does not read: success is `true`. */
export const NoAnswer = z.unknown().transform(() => true as const);

/** A refused request, with everything the hub said about why (see `ErrorBody`). */
export class ApiError extends Error {
  readonly code: ErrorCode;
  readonly params: ErrorParams;
  /** One sentence per field, by the field's dotted path. */
  readonly fields: Record<string, string>;
  /** The same fields' stable codes and params, to put in the page's own words. */
  readonly fieldCodes: Record<string, FieldProblem>;
  /** On a conflict: the record as it is now. */
  readonly current: unknown;
  /** On a rejected batch (CSV import, copy-day): each row at fault. */
  readonly rows: RowProblem[];

  constructor(
    readonly status: number,
    body: ErrorBody,
    readonly retryAfter?: number,
  ) {
    super(body.error);
    this.name = 'ApiError';
    this.code = body.code;
    this.params = body.params;
    this.fields = body.fields ?? {};
    this.fieldCodes = body.fieldCodes ?? {};
    this.current = body.current;
    this.rows = body.rows ?? [];
  }
}

let csrfToken: string | undefined;
let onSignedOut: (() => void) | undefined;

export function setCsrfToken(token: string | undefined): void {
  csrfToken = token;
}

/** Called when a request finds the session gone (expired, or the password changed elsewhere). */
export function whenSignedOut(handler: () => void): void {
  onSignedOut = handler;
}

type Body = { json: unknown } | { raw: Blob | string; type: string } | undefined;

function parseJson(text: string): unknown {
  try {
    return text ? (JSON.parse(text) as unknown) : {};
  } catch {
    return undefined;
  }
}

/** What a refusal said, or, when it is not the hub's error body (a proxy's page), its first words. */
function refusal(status: number, text: string, data: unknown): ErrorBody {
  const body = ErrorBody.safeParse(data);
  if (body.success) return body.data;
  return {
    error: text.slice(0, 200) || `the hub answered ${status}`,
    code: 'unexpected_answer',
    params: { status },
  };
}

/**
 * One request to the hub. The answer is parsed with `answer`, the schema of
 * what this caller expects; a refusal becomes an `ApiError` with the hub's
 * code and params.
 */
export async function request<S extends z.ZodType>(
  method: string,
  path: string,
  answer: S,
  body?: Body,
): Promise<z.output<S>> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (method !== 'GET' && csrfToken) headers['X-CSRF-Token'] = csrfToken;
  let payload: BodyInit | undefined;
  if (body && 'json' in body) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body.json);
  } else if (body) {
    headers['Content-Type'] = body.type;
    payload = body.raw;
  }
  let res: Response;
  try {
    res = await fetch(path, { method, headers, body: payload, credentials: 'same-origin' });
  } catch {
    throw new ApiError(0, {
      error: 'The hub did not answer. Check that it is running, then try again.',
      code: 'unreachable',
      params: {},
    });
  }
  const text = await res.text();
  const data = parseJson(text);
  if (!res.ok) {
    if (res.status === 401 && !path.endsWith('/login') && !path.endsWith('/setup')) onSignedOut?.();
    const retryAfter = res.headers.has('Retry-After') ? Number(res.headers.get('Retry-After')) : undefined;
    throw new ApiError(res.status, refusal(res.status, text, data), retryAfter);
  }
  const parsed = answer.safeParse(data);
  if (!parsed.success) {
    throw new ApiError(res.status, {
      error:
        'The hub answered in a way this page does not understand. Reload the page; if it stays, update Marquee.',
      code: 'unexpected_answer',
      params: { status: res.status },
    });
  }
  return parsed.data;
}

export const api = {
  get: <S extends z.ZodType>(path: string, answer: S) => request('GET', path, answer),
  post: <S extends z.ZodType>(path: string, answer: S, json?: unknown) =>
    request('POST', path, answer, json === undefined ? undefined : { json }),
  put: <S extends z.ZodType>(path: string, answer: S, json: unknown) =>
    request('PUT', path, answer, { json }),
  patch: <S extends z.ZodType>(path: string, answer: S, json: unknown) =>
    request('PATCH', path, answer, { json }),
  del: <S extends z.ZodType>(path: string, answer: S) => request('DELETE', path, answer),
  upload: <S extends z.ZodType>(path: string, answer: S, file: Blob) =>
    request('POST', path, answer, { raw: file, type: file.type || 'application/octet-stream' }),
};
