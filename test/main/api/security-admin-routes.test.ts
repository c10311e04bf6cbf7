import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminAuth } from '../../../main/api/auth/admin-auth.ts';
import type { RouteInfo } from '../../../main/api/router.ts';
import { adminHub, fingerprint, seedBasics } from './admin-support.ts';
import { MUTATING, concrete, raw } from './security-support.ts';

/** Admin routes open before sign-in, on purpose: what to show, first-run set-up, sign-in itself. */
const OPEN = new Set(['GET /api/admin/auth-state', 'POST /api/admin/setup', 'POST /api/admin/login']);
/** The one write a screen makes without signing in. */
const SCREEN_WRITES = new Set(['POST /api/displays/heartbeat']);

const key = (r: RouteInfo) => `${r.method} ${r.path}`;

/**
 * Every route the hub has, taken from its router (so a route added later is
 * covered without touching this file): each admin route refuses a request
 * without valid credentials, from a foreign site, or to a foreign host name,
 * and nothing changes in the database while it refuses.
 */
describe('every admin route, enumerated from the router', () => {
  let ctx: Awaited<ReturnType<typeof adminHub>>;
  let routes: RouteInfo[];
  let token: string;
  let revoked: string;
  beforeAll(async () => {
    ctx = await adminHub();
    await seedBasics(ctx.api);
    const auth = new AdminAuth(ctx.hub.store);
    token = auth.createApiToken('box office').token;
    const old = auth.createApiToken('old till');
    auth.revokeApiToken(old.id);
    revoked = old.token;
    routes = ctx.hub.routes().filter((r) => r.path.startsWith('/api/admin/') && !OPEN.has(key(r)));
  });
  afterAll(() => ctx.hub.stop());

  const send = (r: RouteInfo, headers: Record<string, string>) =>
    raw(`${ctx.hub.url}${concrete(r.path)}`, {
      method: r.method,
      headers: MUTATING.has(r.method) ? { 'Content-Type': 'application/json', ...headers } : headers,
      ...(MUTATING.has(r.method) && { body: '{}' }),
    });

  it('finds the admin routes, and no write outside them but the screens’ heartbeat', () => {
    expect(routes.length).toBeGreaterThan(25);
    const writes = ctx.hub.routes().filter((r) => MUTATING.has(r.method));
    const unguarded = writes.filter((r) => !r.path.startsWith('/api/admin/') && !SCREEN_WRITES.has(key(r)));
    expect(unguarded.map(key)).toEqual([]);
  });

  it('answers 401 without credentials, with a made-up token, or with a revoked one', async () => {
    const before = fingerprint(ctx.hub);
    const bogus = 'A'.repeat(43);
    for (const r of routes) {
      for (const headers of [
        {},
        { Authorization: `Bearer ${bogus}` },
        { Authorization: `Bearer ${revoked}` },
      ] as Record<string, string>[]) {
        const res = await send(r, headers);
        expect(res.status, `${key(r)} with ${JSON.stringify(headers)}`).toBe(401);
      }
      // A session cookie that was never issued is no session.
      expect((await send(r, { Cookie: `marquee_session=${bogus}` })).status, key(r)).toBe(401);
    }
    expect(fingerprint(ctx.hub)).toBe(before);
  });

  it('refuses a signed-in write without the CSRF token', async () => {
    const before = fingerprint(ctx.hub);
    for (const r of routes.filter((x) => MUTATING.has(x.method))) {
      const res = await send(r, { Cookie: ctx.auth['Cookie']! });
      expect(res.status, key(r)).toBe(403);
      expect(JSON.parse(res.body).error, key(r)).toMatch(/CSRF/);
    }
    expect(fingerprint(ctx.hub)).toBe(before);
  });

  it('refuses a foreign Host (DNS rebinding) and a foreign Origin, even with valid credentials', async () => {
    const before = fingerprint(ctx.hub);
    const all = [...routes, ...ctx.hub.routes().filter((r) => OPEN.has(key(r)))];
    for (const r of all) {
      const auth = { Authorization: `Bearer ${token}` };
      for (const host of ['evil.example', 'evil.example:4747', '127.0.0.1.evil.example', 'localhost.']) {
        expect((await send(r, { ...auth, Host: host })).status, `${key(r)} Host ${host}`).toBe(421);
      }
      // The hub's own name on another port is another program's page.
      const otherPort = `http://127.0.0.1:${ctx.hub.port === 65535 ? 1 : ctx.hub.port + 1}`;
      for (const origin of ['http://evil.example', 'null', 'file://', otherPort]) {
        expect((await send(r, { ...auth, Origin: origin })).status, `${key(r)} Origin ${origin}`).toBe(403);
      }
    }
    expect(fingerprint(ctx.hub)).toBe(before);
    // Each refused name is logged, once.
    const refusals = ctx.hub.logLines.filter((l) => l.includes('refused a request for a host name'));
    expect(refusals.map((l) => (JSON.parse(l) as { host: string }).host).sort()).toEqual([
      '127.0.0.1.evil.example',
      'evil.example',
      'evil.example:4747',
      'localhost.',
    ]);
  });

  it('lets the same requests through with valid credentials (the refusals above were about auth)', async () => {
    for (const r of routes.filter((x) => x.method === 'GET')) {
      const res = await send(r, { Authorization: `Bearer ${token}` });
      // Token-holders may not manage sign-in (403); an unknown id is 404; nothing is 401.
      expect([200, 403, 404], `${key(r)} → ${res.status}`).toContain(res.status);
    }
  });
});
