/** Small fetch helpers for API tests against a real hub. */
export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  url: string,
  init: { method?: string; body?: unknown; headers?: Record<string, string>; raw?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { ...init.headers };
  let body: string | undefined = init.raw;
  if (init.body !== undefined) {
    headers['Content-Type'] ??= 'application/json';
    body = JSON.stringify(init.body);
  }
  const res = await fetch(url, { method: init.method ?? 'GET', headers, body });
  const text = await res.text();
  return { status: res.status, headers: res.headers, body: (text ? JSON.parse(text) : {}) as T };
}

/** Signs in and returns the headers a cookie-authenticated write needs. */
/** Signs in (as the first manager without `name`) and returns the headers of a signed-in request. */
export async function signIn(
  baseUrl: string,
  password: string,
  name?: string,
): Promise<Record<string, string>> {
  const res = await call<{ csrfToken: string }>(`${baseUrl}/api/admin/login`, {
    method: 'POST',
    body: name === undefined ? { password } : { name, password },
  });
  if (res.status !== 200) throw new Error(`sign-in failed: ${res.status} ${JSON.stringify(res.body)}`);
  const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
  return { Cookie: cookie, 'X-CSRF-Token': res.body.csrfToken };
}
