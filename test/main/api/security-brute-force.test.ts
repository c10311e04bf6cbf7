import { afterEach, describe, expect, it } from 'vitest';
import { TEST_PASSWORD, startTestHub } from '../../support/test-hub.ts';
import { raw } from './security-support.ts';

/**
 * Guessing the password: five wrong tries per client address per 15 minutes,
 * then 429 with Retry-After, even for the right password. The lock is per
 * address, so an attacker cannot lock staff out at their own desk, and the
 * password-change form is throttled the same way.
 */
describe('password guessing', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  let clock = Date.now();
  afterEach(() => hub.stop());

  const login = (password: string, from = '127.0.0.1') =>
    raw(`${hub.url}/api/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ password }),
      localAddress: from,
    });

  it('locks one address after five misses, not the others, and lets it try again after the window', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD, auth: { now: () => clock } });
    for (let i = 0; i < 5; i++) expect((await login(`guess number ${i}`)).status).toBe(401);
    const locked = await login(TEST_PASSWORD);
    expect(locked.status).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(14 * 60);
    // Guesses while locked are not even checked, and do not count as success.
    for (let i = 0; i < 20; i++) expect((await login(`guess ${i}`)).status).toBe(429);
    // Staff at another machine still get in.
    expect((await login(TEST_PASSWORD, '127.0.0.2')).status).toBe(200);
    clock += 15 * 60_000 + 1_000;
    expect((await login(TEST_PASSWORD)).status).toBe(200);
  });

  it('throttles guessing the current password on the change-password form', async () => {
    hub = await startTestHub({ adminPassword: TEST_PASSWORD, auth: { now: () => clock } });
    const signedIn = await login(TEST_PASSWORD);
    const cookie = String(signedIn.headers['set-cookie']).split(';')[0]!;
    const csrf = (JSON.parse(signedIn.body) as { csrfToken: string }).csrfToken;
    const change = (current: string) =>
      raw(`${hub.url}/api/admin/password`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrf },
        body: JSON.stringify({ currentPassword: current, newPassword: 'a brand new password' }),
      });
    for (let i = 0; i < 5; i++) expect((await change(`guess number ${i}`)).status).toBe(403);
    expect((await change(TEST_PASSWORD)).status).toBe(429);
    expect(hub.store.meta.get('admin.passwordHash')).toBeDefined();
    // The password did not change: the old one still signs in elsewhere.
    expect((await login(TEST_PASSWORD, '127.0.0.3')).status).toBe(200);
  });
});
