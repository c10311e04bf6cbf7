import { afterEach, describe, expect, it } from 'vitest';
import { networkInterfaces } from 'node:os';
import { isLoopback } from '../../../main/api/auth/loopback.ts';
import { call, signIn } from '../../support/http.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { TEST_PASSWORD, adminHub, fingerprint, type TestHub } from './admin-support.ts';
import { rawDatabase } from '../../../main/store/raw-access.ts';

const NEW_PASSWORD = 'a much longer new passphrase';

/** A non-loopback address of this machine, to reach the hub "from the LAN". */
function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

describe('first-run set-up', () => {
  let hub: TestHub;
  afterEach(() => hub.stop());

  it('sets the first password from loopback, signs in, and refuses a second set-up', async () => {
    hub = await startTestHub();
    const state = await call(`${hub.url}/api/admin/auth-state`);
    expect(state.body).toEqual({ passwordSet: false, setupAllowed: true });
    const weak = await call(`${hub.url}/api/admin/setup`, { method: 'POST', body: { password: 'short' } });
    expect(weak.status).toBe(400);
    expect(weak.body['fields']).toHaveProperty('password');

    const res = await call<{ csrfToken: string }>(`${hub.url}/api/admin/setup`, {
      method: 'POST',
      body: { password: TEST_PASSWORD },
    });
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie')?.split(';')[0] ?? '';
    const session = await call(`${hub.url}/api/admin/session`, { headers: { Cookie: cookie } });
    expect(session.status).toBe(200);
    expect(hub.store.staff.firstManager()?.passwordHash).toMatch(/^scrypt\$131072\$8\$1\$/);

    const again = await call(`${hub.url}/api/admin/setup`, {
      method: 'POST',
      body: { password: 'another password!' },
    });
    expect(again.status).toBe(409);
    expect((await call(`${hub.url}/api/admin/auth-state`)).body).toEqual({
      passwordSet: true,
      setupAllowed: false,
    });
    // The old password still works; the second set-up changed nothing.
    await signIn(hub.url, TEST_PASSWORD);
    const audit = await call<{ entries: { action: string }[] }>(`${hub.url}/api/admin/audit`, {
      headers: { Cookie: cookie },
    });
    expect(audit.body.entries.map((e) => e.action)).toEqual(['password.setup']);
  });

  it('refuses set-up from another machine, even with no password set', async () => {
    const ip = lanAddress();
    if (!ip) return expect(isLoopback('10.0.0.8')).toBe(false);
    hub = await startTestHub({ host: '0.0.0.0', allowedHosts: [ip] });
    const base = `http://${ip}:${hub.port}`;
    expect((await call(`${base}/api/admin/auth-state`)).body).toEqual({
      passwordSet: false,
      setupAllowed: false,
    });
    const res = await call(`${base}/api/admin/setup`, { method: 'POST', body: { password: TEST_PASSWORD } });
    expect(res.status).toBe(403);
    expect(hub.store.staff.any()).toBe(false);
  });

  it('knows loopback addresses', () => {
    for (const a of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) expect(isLoopback(a)).toBe(true);
    for (const a of ['10.0.0.1', '::ffff:10.0.0.1', '192.168.1.127', '', undefined, '::2', '1127.0.0.1'])
      expect(isLoopback(a)).toBe(false);
  });
});

describe('sessions and password change', () => {
  let hub: TestHub;
  afterEach(() => hub.stop());

  it('changes the password only with the current one, ends every session, and keeps the caller signed in', async () => {
    const { hub: h, auth, api } = await adminHub();
    hub = h;
    const other = await signIn(hub.url, TEST_PASSWORD);
    const before = fingerprint(hub);
    const wrong = await api('POST', '/api/admin/password', {
      currentPassword: 'not it at all',
      newPassword: NEW_PASSWORD,
    });
    expect(wrong.status).toBe(403);
    expect(wrong.body['fields']).toHaveProperty('currentPassword');
    const weak = await api('POST', '/api/admin/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: 'short',
    });
    expect(weak.status).toBe(400);
    expect(weak.body['fields']).toHaveProperty('newPassword');
    expect(fingerprint(hub)).toBe(before);

    const ok = await api<{ csrfToken: string }>('POST', '/api/admin/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
    });
    expect(ok.status).toBe(200);
    const fresh = {
      Cookie: ok.headers.get('set-cookie')?.split(';')[0] ?? '',
      'X-CSRF-Token': ok.body.csrfToken,
    };
    expect((await call(`${hub.url}/api/admin/session`, { headers: fresh })).status).toBe(200);
    expect((await call(`${hub.url}/api/admin/session`, { headers: auth })).status).toBe(401);
    expect((await call(`${hub.url}/api/admin/session`, { headers: other })).status).toBe(401);
    expect(
      (await call(`${hub.url}/api/admin/login`, { method: 'POST', body: { password: TEST_PASSWORD } }))
        .status,
    ).toBe(401);
    await signIn(hub.url, NEW_PASSWORD);
  });

  it('revokes every API token with the password when asked, and says how many', async () => {
    const { hub: h, api } = await adminHub();
    hub = h;
    const tokens = await Promise.all(
      ['till 1', 'till 2'].map((name) => api<{ token: string }>('POST', '/api/admin/tokens', { name })),
    );
    const bearer = (i: number) => ({ Authorization: `Bearer ${tokens[i]!.body.token}` });
    expect((await call(`${hub.url}/api/admin/state`, { headers: bearer(0) })).status).toBe(200);
    const ok = await api('POST', '/api/admin/password', {
      currentPassword: TEST_PASSWORD,
      newPassword: NEW_PASSWORD,
      revokeApiTokens: true,
    });
    expect(ok.status).toBe(200);
    expect(ok.body['tokensRevoked']).toBe(2);
    for (const i of [0, 1])
      expect((await call(`${hub.url}/api/admin/state`, { headers: bearer(i) })).status).toBe(401);
    const fresh = { Cookie: ok.headers.get('set-cookie')?.split(';')[0] ?? '' };
    const audit = await call<{ entries: { action: string; summary: string; targets: { type: string }[] }[] }>(
      `${hub.url}/api/admin/audit`,
      { headers: fresh },
    );
    expect(audit.body.entries[0]).toMatchObject({
      action: 'password.change',
      summary: 'admin changed their password; their sessions ended and every API token was revoked',
    });
    expect(audit.body.entries[0]!.targets.map((t) => t.type)).toEqual(['staff', 'token', 'token']);
    // Without the option, tokens stay.
    const again = await signIn(hub.url, NEW_PASSWORD);
    const kept = await call<{ token: string }>(`${hub.url}/api/admin/tokens`, {
      method: 'POST',
      headers: again,
      body: { name: 'till 3' },
    });
    const plain = await call(`${hub.url}/api/admin/password`, {
      method: 'POST',
      headers: again,
      body: { currentPassword: NEW_PASSWORD, newPassword: TEST_PASSWORD },
    });
    expect(plain.body['tokensRevoked']).toBe(0);
    const keptBearer = { Authorization: `Bearer ${kept.body.token}` };
    expect((await call(`${hub.url}/api/admin/state`, { headers: keptBearer })).status).toBe(200);
  }, 60_000);

  it('rate-limits wrong current passwords like sign-in', async () => {
    const { hub: h, api } = await adminHub({ auth: { limits: { freeAttempts: 2 } } });
    hub = h;
    const wrong = { currentPassword: 'not it at all', newPassword: NEW_PASSWORD };
    expect((await api('POST', '/api/admin/password', wrong)).status).toBe(403);
    expect((await api('POST', '/api/admin/password', wrong)).status).toBe(403);
    const blocked = await api('POST', '/api/admin/password', { ...wrong, currentPassword: TEST_PASSWORD });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
  }, 60_000);

  it('signs out, and the cookie is refused afterwards', async () => {
    const { hub: h, auth, api } = await adminHub();
    hub = h;
    const out = await api('POST', '/api/admin/logout');
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toMatch(/Max-Age=0/);
    expect((await call(`${hub.url}/api/admin/state`, { headers: auth })).status).toBe(401);
  });

  it('expires a session after its lifetime', async () => {
    let now = Date.now();
    const { hub: h, auth } = await adminHub({ auth: { sessionTtlMs: 60_000, now: () => now } });
    hub = h;
    expect((await call(`${hub.url}/api/admin/state`, { headers: auth })).status).toBe(200);
    now += 60_001;
    expect((await call(`${hub.url}/api/admin/state`, { headers: auth })).status).toBe(401);
  });

  it('refuses admin reads from a foreign Origin and writes without the CSRF token', async () => {
    const { hub: h, auth, api } = await adminHub();
    hub = h;
    expect((await api('GET', '/api/admin/state', undefined, { Origin: 'http://evil.example' })).status).toBe(
      403,
    );
    const noCsrf = await call(`${hub.url}/api/admin/auditoriums`, {
      method: 'POST',
      headers: { Cookie: auth['Cookie']! },
      body: { name: 'Screen 9', capacity: 10 },
    });
    expect(noCsrf.status).toBe(403);
    expect(hub.store.records.auditoriums.count()).toBe(0);
  });
});

describe('API tokens', () => {
  let hub: TestHub;
  afterEach(() => hub.stop());

  it('creates a token shown once, lists it without the secret, and revokes it', async () => {
    const { hub: h, api } = await adminHub();
    hub = h;
    const bad = await api('POST', '/api/admin/tokens', { name: '' });
    expect(bad.status).toBe(400);
    const created = await api<{ id: string; token: string; name: string }>('POST', '/api/admin/tokens', {
      name: 'Box office',
    });
    expect(created.status).toBe(201);
    const { id, token } = created.body;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const list = await api<{ tokens: Record<string, unknown>[] }>('GET', '/api/admin/tokens');
    expect(list.body.tokens).toEqual([expect.objectContaining({ id, name: 'Box office', revokedAt: null })]);
    expect(JSON.stringify(list.body)).not.toContain(token);
    expect(JSON.stringify(rawDatabase(hub.store).prepare('SELECT * FROM api_tokens').all())).not.toContain(
      token,
    );

    const bearer = { Authorization: `Bearer ${token}` };
    const write = await call(`${hub.url}/api/admin/auditoriums`, {
      method: 'POST',
      headers: bearer,
      body: { id: 'a9', name: 'Screen 9', capacity: 10 },
    });
    expect(write.status).toBe(201);
    // A token runs the box office, not the sign-in: no tokens, no password.
    expect((await call(`${hub.url}/api/admin/tokens`, { headers: bearer })).status).toBe(403);
    expect(
      (await call(`${hub.url}/api/admin/tokens`, { method: 'POST', headers: bearer, body: { name: 'x' } }))
        .status,
    ).toBe(403);

    expect((await api('DELETE', `/api/admin/tokens/${id}`)).status).toBe(200);
    expect((await api('DELETE', `/api/admin/tokens/${id}`)).status).toBe(404);
    expect((await call(`${hub.url}/api/admin/state`, { headers: bearer })).status).toBe(401);

    const audit = await api<{ entries: { action: string; actor: { kind: string; name: string } }[] }>(
      'GET',
      '/api/admin/audit',
    );
    expect(audit.body.entries.map((e) => [e.action, e.actor.kind, e.actor.name])).toEqual([
      ['token.revoke', 'session', 'admin'],
      ['auditorium.create', 'token', 'Box office'],
      ['token.create', 'session', 'admin'],
      ['password.setup', 'system', 'hub'],
    ]);
  });
});
