import { networkInterfaces } from 'node:os';
import { afterEach, describe, expect, it } from 'vitest';
import { AdminAuth } from '../../../main/api/auth/admin-auth.ts';
import { TEST_PASSWORD, startTestHub } from '../../support/test-hub.ts';
import { MUTATING, concrete, raw } from './security-support.ts';

/** This machine's first non-loopback IPv4 address: how a LAN screen or laptop reaches the hub. */
const lanAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;

const OPEN = new Set(['GET /api/admin/auth-state', 'POST /api/admin/setup', 'POST /api/admin/login']);

/**
 * A hub bound beyond loopback (`--host 0.0.0.0`), reached over the LAN
 * address: nothing about the admin opens up. Without a password or token
 * every admin route refuses, the first password cannot be set from the LAN,
 * and any name but the machine's own must be allowed explicitly (`--allow-host`).
 */
describe.skipIf(!lanAddress)(
  lanAddress
    ? `LAN mode, reached at ${lanAddress}`
    : 'LAN mode (skipped: this machine has no non-loopback IPv4 address)',
  () => {
    let hub: Awaited<ReturnType<typeof startTestHub>>;
    afterEach(() => hub.stop());
    const lan = (path: string) => `http://${lanAddress}:${hub.port}${path}`;

    it('refuses every admin route without credentials, and first-run set-up from the LAN', async () => {
      hub = await startTestHub({ host: '0.0.0.0', allowedHosts: [lanAddress!] });
      const state = await raw(lan('/api/admin/auth-state'));
      expect(JSON.parse(state.body)).toEqual({ passwordSet: false, setupAllowed: false });
      const setup = await raw(lan('/api/admin/setup'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ password: TEST_PASSWORD }),
      });
      expect(setup.status).toBe(403);
      expect(hub.store.staff.any()).toBe(false);
      const routes = hub
        .routes()
        .filter((r) => r.path.startsWith('/api/admin/') && !OPEN.has(`${r.method} ${r.path}`));
      for (const r of routes) {
        const mutating = MUTATING.has(r.method);
        const res = await raw(lan(concrete(r.path)), {
          method: r.method,
          headers: mutating ? { 'Content-Type': 'application/json' } : {},
          ...(mutating && { body: '{}' }),
        });
        expect(res.status, `${r.method} ${r.path}`).toBe(401);
      }
      // At the machine itself, set-up is offered.
      const local = await raw(`${hub.url.replace('0.0.0.0', '127.0.0.1')}/api/admin/auth-state`);
      expect(JSON.parse(local.body)).toEqual({ passwordSet: false, setupAllowed: true });
    });

    it('takes a password session or an API token over the LAN, once the LAN name is allowed', async () => {
      hub = await startTestHub({
        host: '0.0.0.0',
        allowedHosts: [lanAddress!],
        adminPassword: TEST_PASSWORD,
      });
      const { token } = new AdminAuth(hub.store).createApiToken('box office');
      expect(
        (await raw(lan('/api/admin/state'), { headers: { Authorization: `Bearer ${token}` } })).status,
      ).toBe(200);
      const login = await raw(lan('/api/admin/login'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ password: TEST_PASSWORD }),
      });
      expect(login.status).toBe(200);
      const cookie = String(login.headers['set-cookie']).split(';')[0]!;
      expect((await raw(lan('/api/admin/state'), { headers: { Cookie: cookie } })).status).toBe(200);
    });

    it("answers to the machine's own address by default, but to no other name it was not told of", async () => {
      hub = await startTestHub({ host: '0.0.0.0', adminPassword: TEST_PASSWORD });
      const { token } = new AdminAuth(hub.store).createApiToken('box office');
      const bearer = { Authorization: `Bearer ${token}` };
      expect((await raw(lan('/api/admin/state'), { headers: bearer })).status).toBe(200);
      const named = await raw(lan('/api/admin/state'), {
        headers: { ...bearer, Host: `not-this-hub.example:${hub.port}` },
      });
      expect(named.status).toBe(421);
      // Screens on the LAN report in by the machine's address, with no --allow-host.
      const beat = await raw(lan('/api/displays/heartbeat'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Origin: `http://${lanAddress}:${hub.port}` },
        body: JSON.stringify({
          displayId: 'lobby-tv',
          role: 'board',
          lastEventId: null,
          lastFrameAt: new Date().toISOString(),
          url: lan('/'),
        }),
      });
      expect(beat.status).toBe(200);
    });

    it('serves screens on the LAN without a display token, and only with it when one is set', async () => {
      hub = await startTestHub({ host: '0.0.0.0' });
      expect((await raw(lan('/api/snapshot'))).status).toBe(200);
      await hub.stop();
      hub = await startTestHub({ host: '0.0.0.0', displayToken: 'a-long-display-token' });
      expect((await raw(lan('/api/snapshot'))).status).toBe(401);
      expect((await raw(lan('/api/snapshot?token=a-long-display-token'))).status).toBe(200);
    });
  },
);
