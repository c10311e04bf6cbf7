import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ERROR_STATUS, ErrorBody } from '../../../main/domain/api-error.ts';
import type { RouteInfo } from '../../../main/api/router.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { adminHub, inMinutes, seedBasics } from './admin-support.ts';
import { MUTATING, type RawResponse, concrete, raw } from './security-support.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

const key = (r: RouteInfo) => `${r.method} ${r.path}`;

/** Reads anyone reaching the hub may make (without a display token). */
const OPEN_READS = new Set(['GET /api/snapshot', 'GET /api/health']);

/** Codes whose status depends on the route; every other code always comes with the status of ERROR_STATUS. */
const OTHER_STATUS: Readonly<Record<string, readonly number[]>> = { upstream_owned: [409] };

/** The error body of `res`, checked: a known code with its status, and a code for every field message. */
function errorOf(res: RawResponse, what: string): ErrorBody {
  const parsed = ErrorBody.safeParse(JSON.parse(res.body));
  expect(parsed.success, `${what} → ${res.status} ${res.body.slice(0, 300)}`).toBe(true);
  const body = parsed.data!;
  const statuses = [ERROR_STATUS[body.code], ...(OTHER_STATUS[body.code] ?? [])];
  expect(statuses, `${what}: ${body.code} came with ${res.status}`).toContain(res.status);
  expect(Object.keys(body.fieldCodes ?? {}).sort(), what).toEqual(Object.keys(body.fields ?? {}).sort());
  for (const row of body.rows ?? []) {
    expect(Object.keys(row.fieldCodes ?? {}).sort(), what).toEqual(Object.keys(row.fields).sort());
  }
  return body;
}

/**
 * Every route the hub has, taken from its router: its refusals carry a
 * stable code with the status that code stands for, and every field message
 * its code. A route added later is covered without touching this file.
 */
describe('error codes on every route', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  let routes: RouteInfo[];

  beforeAll(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
    routes = ctx.hub.routes();
  });
  afterAll(() => ctx.hub.stop());

  it('answers every route with a coded error when it refuses', async () => {
    expect(routes.length).toBeGreaterThan(40);
    const refused = new Set<string>();
    const attempts: {
      name: string;
      headers: Record<string, string>;
      body?: string;
      id?: string;
      query?: string;
    }[] = [
      { name: 'no credentials', headers: {} },
      { name: 'foreign host', headers: { ...ctx.auth, Host: 'evil.example' } },
      { name: 'broken JSON', headers: { ...ctx.auth, 'Content-Type': 'application/json' }, body: '{"x":' },
      {
        name: 'a stray field',
        headers: { ...ctx.auth, 'Content-Type': 'application/json' },
        body: '{"bogus":1}',
      },
      { name: 'wrong type', headers: { ...ctx.auth, 'Content-Type': 'text/plain' }, body: 'hello' },
      { name: 'unknown id', headers: ctx.auth, id: 'no-such-record' },
      { name: 'repeated query', headers: ctx.auth, query: '?version=1&version=2' },
    ];
    // A HEAD answer has no body; its GET twin is checked.
    const withBody = routes.filter((r) => r.method !== 'HEAD');
    for (const r of withBody) {
      for (const a of attempts) {
        const path = concrete(r.path, a.id ?? 'x') + (a.query ?? '');
        const res = await raw(`${ctx.hub.url}${path}`, {
          method: r.method,
          headers: a.headers,
          ...(MUTATING.has(r.method) && { body: a.body ?? '{}' }),
        });
        const what = `${key(r)} with ${a.name}`;
        expect(res.status, what).toBeLessThan(500);
        if (res.status < 400) continue;
        errorOf(res, what);
        refused.add(key(r));
      }
    }
    // Every API route refused something; pages, posters, the event stream and the open reads may serve all of
    // these (the snapshot refuses only behind a display token, below; health answers 503 with its own body).
    const api = withBody
      .filter((r) => r.path.startsWith('/api/'))
      .map(key)
      .filter((k) => !OPEN_READS.has(k));
    expect(api.filter((k) => !refused.has(k))).toEqual([]);
  }, 120_000);

  it('codes the display-token refusal of a hub that has one', async () => {
    const guarded = await startTestHub({ displayToken: 'screens-only-token-1234567890' });
    try {
      for (const path of ['/api/snapshot', '/events', '/']) {
        const res = await raw(`${guarded.url}${path}`);
        expect([res.status, errorOf(res, path).code]).toEqual([401, 'display_token_required']);
      }
    } finally {
      await guarded.stop();
    }
  });

  it('codes the router’s own refusals', async () => {
    const none = await raw(`${ctx.hub.url}/no/such/thing`);
    expect([none.status, errorOf(none, 'unknown route').code]).toEqual([404, 'no_such_route']);
    const bad = await raw(`${ctx.hub.url}/api/admin/films/%E0%A4%A`);
    expect([bad.status, errorOf(bad, 'bad URL').code]).toEqual([400, 'malformed_url']);
  });
});

/** The main codes, each from the situation that makes it. */
describe('each main error code', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  const send = (method: string, path: string, body?: unknown, headers: Record<string, string> = ctx.auth) =>
    raw(`${ctx.hub.url}${path}`, {
      method,
      headers: { ...headers, ...(body !== undefined && { 'Content-Type': 'application/json' }) },
      ...(body !== undefined && { body: typeof body === 'string' ? body : JSON.stringify(body) }),
    });
  const codeOf = async (res: Promise<RawResponse> | RawResponse) => {
    const r = await res;
    return [r.status, errorOf(r, r.body).code] as const;
  };

  beforeAll(async () => {
    ctx = await adminHub({ auth: { limits: { freeAttempts: 1 } } });
    await seedBasics(ctx.api);
  });
  afterAll(() => ctx.hub.stop());

  it('validation_failed: a code and params per field, beside the old messages', async () => {
    const res = await send('POST', '/api/admin/auditoriums', { capacity: 0 });
    const body = errorOf(res, 'bad auditorium');
    expect(body).toMatchObject({
      code: 'validation_failed',
      fields: { name: expect.any(String), capacity: expect.any(String) },
      fieldCodes: {
        name: { code: 'required', params: {} },
        capacity: { code: 'too_small', params: { minimum: 1, inclusive: true, origin: 'number' } },
      },
    });
    const tz = errorOf(
      await send('PUT', '/api/admin/venue', { name: 'V', timezone: 'Mars/Base', locales: ['en'] }),
      'zone',
    );
    expect(tz.fieldCodes?.['timezone']).toEqual({ code: 'bad_time_zone', params: {} });
    const ends = errorOf(
      await send('POST', '/api/admin/announcements', {
        text: 'Hi',
        startsAt: '2030-01-02T00:00:00Z',
        endsAt: '2030-01-01T00:00:00Z',
      }),
      'ends before it starts',
    );
    expect(ends.fieldCodes?.['endsAt']).toEqual({ code: 'not_after', params: { field: 'startsAt' } });
  });

  it('the store’s rules: not_found on a field, in_use, overlap, in_past', async () => {
    const show = await send('POST', '/api/admin/showtimes', {
      filmId: 'nope',
      auditoriumId: 'a1',
      startsAt: inMinutes(600),
    });
    expect(errorOf(show, 'unknown film').fieldCodes?.['filmId']).toEqual({
      code: 'not_found',
      params: { id: 'nope' },
    });
    expect(
      (
        await send('POST', '/api/admin/showtimes', {
          filmId: 'f1',
          auditoriumId: 'a1',
          startsAt: inMinutes(600),
        })
      ).status,
    ).toBe(201);
    const clash = errorOf(
      await send('POST', '/api/admin/showtimes', {
        filmId: 'f2',
        auditoriumId: 'a1',
        startsAt: inMinutes(630),
      }),
      'clash',
    );
    expect(clash.fieldCodes?.['startsAt']).toMatchObject({
      code: 'overlap',
      params: { title: 'Tidewater', cleaningMinutes: 15 },
    });
    const past = errorOf(
      await send('POST', '/api/admin/showtimes', {
        filmId: 'f2',
        auditoriumId: 'a2',
        startsAt: '2020-01-01T10:00:00Z',
      }),
      'past',
    );
    expect(past.fieldCodes?.['startsAt']?.code).toBe('in_past');
    const busy = errorOf(await send('DELETE', '/api/admin/films/f1?version=1'), 'film in use');
    expect(busy.fieldCodes?.['id']).toEqual({ code: 'in_use', params: { showtimes: 1 } });
  });

  it('version_conflict, already_exists and not_found', async () => {
    const stale = await send('PUT', '/api/admin/auditoriums/a2', { name: 'Two', capacity: 50, version: 9 });
    expect(await codeOf(stale)).toEqual([409, 'version_conflict']);
    expect(errorOf(stale, 'stale')).toMatchObject({
      current: { id: 'a2', version: 1 },
      fieldCodes: { version: { code: 'version_conflict' } },
    });
    const again = await send('POST', '/api/admin/auditoriums', { id: 'a2', name: 'Two', capacity: 50 });
    expect(await codeOf(again)).toEqual([409, 'already_exists']);
    const gone = await send('PUT', '/api/admin/auditoriums/zz', { name: 'Z', capacity: 5, version: 1 });
    expect(await codeOf(gone)).toEqual([404, 'not_found']);
    expect(errorOf(gone, 'gone').params).toEqual({});
  });

  it('upstream_owned on an edit, local_owned on an override of a local record', async () => {
    ctx.hub.store.apply(
      [{ type: 'auditorium.upsert', data: { id: 'up-a', name: 'Up', capacity: 10, source: 'upstream' } }],
      { origin: 'upstream' },
    );
    const edit = await send('PUT', '/api/admin/auditoriums/up-a', { name: 'Mine', capacity: 10, version: 1 });
    expect(await codeOf(edit)).toEqual([403, 'upstream_owned']);
    expect(errorOf(edit, 'upstream').params).toEqual({ id: 'up-a', source: 'upstream' });
    const note = await ctx.api<{ record: { id: string } }>('POST', '/api/admin/announcements', {
      text: 'Local',
    });
    const override = await send('PUT', `/api/admin/overrides/announcement/${note.body.record.id}`, {
      hidden: true,
    });
    expect(await codeOf(override)).toEqual([403, 'local_owned']);
  });

  it('the body: invalid_json, unsupported_media_type, payload_too_large, batch_rejected, query_repeated', async () => {
    expect(await codeOf(send('POST', '/api/admin/films', '{"title":'))).toEqual([400, 'invalid_json']);
    expect(
      await codeOf(
        raw(`${ctx.hub.url}/api/admin/films`, {
          method: 'POST',
          headers: { ...ctx.auth, 'Content-Type': 'text/plain' },
          body: 'x',
        }),
      ),
    ).toEqual([415, 'unsupported_media_type']);
    const big = await send(
      'POST',
      '/api/admin/films',
      JSON.stringify({ title: 'x'.repeat(1024 * 1024 + 10) }),
    );
    expect(await codeOf(big)).toEqual([413, 'payload_too_large']);
    expect(errorOf(big, 'big').params).toEqual({ limit: 1024 * 1024 });
    const csv = errorOf(
      await send('POST', '/api/admin/import/showtimes', {
        csv: 'date,time,auditorium,film\n2030-01-01,25:00,a1,f1',
      }),
      'csv',
    );
    expect(csv).toMatchObject({
      code: 'batch_rejected',
      rows: [{ line: 2, fieldCodes: { time: { code: 'invalid' } } }],
    });
    expect(await codeOf(send('GET', '/api/admin/audit?limit=1&limit=2'))).toEqual([400, 'query_repeated']);
  });

  it('who is asking: unauthorized, token_invalid, csrf_missing, staff_only, wrong_host, foreign_origin', async () => {
    expect(await codeOf(send('GET', '/api/admin/state', undefined, {}))).toEqual([401, 'unauthorized']);
    expect(
      await codeOf(send('GET', '/api/admin/state', undefined, { Authorization: `Bearer ${'A'.repeat(43)}` })),
    ).toEqual([401, 'token_invalid']);
    expect(await codeOf(send('POST', '/api/admin/films', {}, { Cookie: ctx.auth['Cookie']! }))).toEqual([
      403,
      'csrf_missing',
    ]);
    const token = await ctx.api<{ token: string }>('POST', '/api/admin/tokens', { name: 'Till' });
    expect(
      await codeOf(
        send('GET', '/api/admin/tokens', undefined, { Authorization: `Bearer ${token.body.token}` }),
      ),
    ).toEqual([403, 'staff_only']);
    expect(
      await codeOf(send('GET', '/api/admin/state', undefined, { ...ctx.auth, Host: 'evil.example' })),
    ).toEqual([421, 'wrong_host']);
    expect(
      await codeOf(
        send('GET', '/api/admin/state', undefined, { ...ctx.auth, Origin: 'http://evil.example' }),
      ),
    ).toEqual([403, 'foreign_origin']);
  });

  it('sign-in: wrong_password, then rate_limited with Retry-After', async () => {
    const login = () => send('POST', '/api/admin/login', { password: 'not the password' }, {});
    expect(await codeOf(login())).toEqual([401, 'wrong_password']);
    const limited = await login();
    expect(await codeOf(limited)).toEqual([429, 'rate_limited']);
    expect(Number(limited.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('storage_unavailable when the database takes no writes', async () => {
    rawDatabase(ctx.hub.store).pragma('query_only = 1');
    try {
      const res = await send('POST', '/api/admin/auditoriums', { name: 'Nine', capacity: 9 });
      expect(await codeOf(res)).toEqual([503, 'storage_unavailable']);
      expect(res.headers['retry-after']).toBe('30');
    } finally {
      rawDatabase(ctx.hub.store).pragma('query_only = 0');
    }
  });
});
