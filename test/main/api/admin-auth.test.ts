import { afterEach, describe, expect, it } from 'vitest';
import { request } from 'node:http';
import { AdminAuth } from '../../../main/api/auth/admin-auth.ts';
import { call, signIn } from '../../support/http.ts';
import { TEST_PASSWORD, startTestHub } from '../../support/test-hub.ts';
import { basics } from '../store/fixtures.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

/** fetch may not set Host; a DNS-rebinding page's browser does, so send it raw. */
function rawPatch(base: string, headers: Record<string, string>): Promise<number> {
  const body = JSON.stringify({ seatsAvailable: 7 });
  return new Promise((resolve, reject) => {
    const req = request(
      `${base}/api/admin/showtimes/s1/availability`,
      { method: 'PATCH', headers: { 'Content-Type': 'application/json', ...headers } },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject).end(body);
  });
}

describe('admin sign-in and the availability route', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  afterEach(() => hub.stop());
  const patch = (headers: Record<string, string>, seats: unknown = 42, id = 's1') =>
    call(`${hub.url}/api/admin/showtimes/${id}/availability`, {
      method: 'PATCH',
      headers,
      body: { seatsAvailable: seats },
    });

  it('issues an HttpOnly SameSite=Strict cookie and a CSRF token', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    const res = await call(`${hub.url}/api/admin/login`, {
      method: 'POST',
      body: { password: TEST_PASSWORD },
    });
    expect(res.status).toBe(200);
    expect(res.body['csrfToken']).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^marquee_session=[A-Za-z0-9_-]+;/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    // The secret itself is never stored, only its hash.
    const token = cookie.split(';')[0]!.split('=')[1]!;
    const rows = rawDatabase(hub.store).prepare('SELECT token_hash FROM sessions').pluck().all();
    expect(rows).toHaveLength(1);
    expect(rows).not.toContain(token);
  });

  it('answers a wrong password with 401 and too many with 429 and Retry-After', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    for (let i = 0; i < 5; i++) {
      const res = await call(`${hub.url}/api/admin/login`, {
        method: 'POST',
        body: { password: 'wrong password' },
      });
      expect(res.status).toBe(401);
    }
    const blocked = await call(`${hub.url}/api/admin/login`, {
      method: 'POST',
      body: { password: TEST_PASSWORD },
    });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);

  it('validates the login body', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    const url = `${hub.url}/api/admin/login`;
    expect((await call(url, { method: 'POST', body: {} })).body).toMatchObject({
      fields: { password: expect.any(String) },
    });
    expect(
      (await call(url, { method: 'POST', raw: '{not json', headers: { 'Content-Type': 'application/json' } }))
        .status,
    ).toBe(400);
    expect(
      (await call(url, { method: 'POST', raw: 'password=x', headers: { 'Content-Type': 'text/plain' } }))
        .status,
    ).toBe(415);
    const huge = await call(url, { method: 'POST', body: { password: 'x'.repeat(10_000) } });
    expect(huge.status).toBe(413);
  });

  it('refuses sign-in before a password is set', async () => {
    hub = await startTestHub();
    const res = await call(`${hub.url}/api/admin/login`, {
      method: 'POST',
      body: { password: TEST_PASSWORD },
    });
    expect(res.status).toBe(503);
  });

  it('changes availability with a session and CSRF token, and broadcasts it', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    hub.store.apply(basics());
    const auth = await signIn(hub.url, TEST_PASSWORD);
    const res = await patch(auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ seq: 4, showtime: { id: 's1', seatsAvailable: 42, version: 2 } });
    expect(hub.store.eventsAfter(3)?.map((e) => e.json)).toEqual(['{"showtimeId":"s1","seatsAvailable":42}']);
  });

  it('refuses writes without auth, without CSRF, or with a foreign Host or Origin', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    hub.store.apply(basics());
    const auth = await signIn(hub.url, TEST_PASSWORD);
    expect((await patch({})).status).toBe(401);
    expect((await patch({ Cookie: auth['Cookie']! })).status).toBe(403);
    expect((await patch({ ...auth, 'X-CSRF-Token': 'forged' })).status).toBe(403);
    expect((await patch({ ...auth, Origin: 'http://evil.example' })).status).toBe(403);
    expect(await rawPatch(hub.url, { ...auth, Host: 'evil.example' })).toBe(421);
    expect(await rawPatch(hub.url, { ...auth, Host: 'evil.example:80' })).toBe(421);
    expect(hub.store.seq).toBe(3);
    // The same request with the hub's own Host goes through.
    expect(await rawPatch(hub.url, { ...auth })).toBe(200);
    expect(hub.store.seq).toBe(4);
  });

  it('accepts a Bearer API token and refuses a wrong or revoked one', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    hub.store.apply(basics());
    const { id, token } = new AdminAuth(hub.store).createApiToken('box office');
    expect((await patch({ Authorization: `Bearer ${token}` }, 10)).status).toBe(200);
    expect((await patch({ Authorization: `Bearer ${token}x` }, 11)).status).toBe(401);
    new AdminAuth(hub.store).revokeApiToken(id);
    expect((await patch({ Authorization: `Bearer ${token}` }, 12)).status).toBe(401);
    expect(hub.store.records.showtimes.get('s1')?.seatsAvailable).toBe(10);
  });

  it('rejects bad availability with a message per field and changes nothing', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD });
    hub.store.apply(basics());
    const auth = await signIn(hub.url, TEST_PASSWORD);
    const cases: [unknown, number, string][] = [
      [101, 400, 'seatsAvailable'],
      [-1, 400, 'seatsAvailable'],
      [1.5, 400, 'seatsAvailable'],
      ['10', 400, 'seatsAvailable'],
    ];
    for (const [seats, status, field] of cases) {
      const res = await patch(auth, seats);
      expect(res.status).toBe(status);
      expect(res.body['fields']).toHaveProperty(field);
    }
    expect((await patch(auth, 5, 'missing')).status).toBe(404);
    expect((await patch(auth, 5, "x'; DROP TABLE showtimes;--")).status).toBe(400);
    expect(hub.store.seq).toBe(3);
  });
});
