/** The admin's only way to the hub: JSON over fetch, with the session's CSRF token on writes. */

export interface RowProblem {
  line?: number;
  label?: string;
  fields: Record<string, string>;
}

/** A refused request, with everything the hub said about why. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** One message per field, by the field's dotted path. */
    readonly fields: Record<string, string> = {},
    /** On 409: the record as it is now. */
    readonly current?: unknown,
    /** On a rejected batch (CSV import, copy-day): each row at fault. */
    readonly rows: RowProblem[] = [],
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'ApiError';
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

export async function request<T>(method: string, path: string, body?: Body): Promise<T> {
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
    throw new ApiError(0, 'The hub did not answer. Check that it is running, then try again.');
  }
  const text = await res.text();
  let data: Record<string, unknown>;
  try {
    data = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    data = { error: text.slice(0, 200) };
  }
  if (res.ok) return data as T;
  if (res.status === 401 && !path.endsWith('/login') && !path.endsWith('/setup')) onSignedOut?.();
  throw new ApiError(
    res.status,
    typeof data['error'] === 'string' ? data['error'] : `the hub answered ${res.status}`,
    (data['fields'] as Record<string, string> | undefined) ?? {},
    data['current'],
    (data['rows'] as RowProblem[] | undefined) ?? [],
    res.headers.has('Retry-After') ? Number(res.headers.get('Retry-After')) : undefined,
  );
}

export const api = {
  get: <T>(path: string) => request<T>('GET', path),
  post: <T>(path: string, json?: unknown) =>
    request<T>('POST', path, json === undefined ? undefined : { json }),
  put: <T>(path: string, json: unknown) => request<T>('PUT', path, { json }),
  patch: <T>(path: string, json: unknown) => request<T>('PATCH', path, { json }),
  del: <T>(path: string) => request<T>('DELETE', path),
  upload: <T>(path: string, file: Blob) =>
    request<T>('POST', path, { raw: file, type: file.type || 'application/octet-stream' }),
};
