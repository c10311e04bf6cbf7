import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type HubProcess, spawnHub } from '../../e2e/support/hub-process.ts';
import { status } from '../relay/support/test-upstream.ts';
import { TestUpstream } from '../relay/support/test-upstream.ts';
import { tempDir } from '../../support/temp-dir.ts';
import { call } from '../../support/http.ts';
import { raw } from './security-support.ts';

const PASSWORD = 'first-password-Qw7!kz';
const NEW_PASSWORD = 'second-password-Zp4#mv';
const DISPLAY_TOKEN = 'display-token-Hc92Lw0pRt';
const UPSTREAM_TOKEN = 'upstream-token-Vb81Ke5sXa';
const UPSTREAM_KEY = 'upstream-api-key-Nn36Fj2uQo';

/**
 * `marquee serve` as an operator runs it, through a whole session of sign-ins
 * (right and wrong), token creation, use and revocation, a password change,
 * screens with their display token, and an upstream that refuses its
 * credentials. Every log line it wrote is then searched for every secret
 * that passed through it: none may appear, in any form we can think of.
 */
describe('no secret in the logs', () => {
  const dir = tempDir();
  let upstream: TestUpstream;
  let hub: HubProcess;
  const secrets = new Map<string, string>([
    ['admin password', PASSWORD],
    ['new admin password', NEW_PASSWORD],
    ['display token', DISPLAY_TOKEN],
    ['upstream token', UPSTREAM_TOKEN],
    ['upstream header value', UPSTREAM_KEY],
  ]);
  beforeAll(async () => {
    upstream = await TestUpstream.start();
    upstream.fallback = status(401);
    hub = await spawnHub(
      [
        '--data',
        dir.path,
        '--port',
        '0',
        '--upstream',
        upstream.url,
        '--upstream-header',
        `X-Api-Key: ${UPSTREAM_KEY}`,
      ],
      {
        MARQUEE_ADMIN_PASSWORD: PASSWORD,
        MARQUEE_DISPLAY_TOKEN: DISPLAY_TOKEN,
        MARQUEE_UPSTREAM_TOKEN: UPSTREAM_TOKEN,
      },
    );
  });
  afterAll(async () => {
    await hub?.stop();
    await upstream?.close();
    dir.remove();
  });

  it('after a full session of actions', async () => {
    const base = hub.url;
    const json = (method: string, path: string, body: unknown, headers: Record<string, string> = {}) =>
      call(`${base}${path}`, { method, body, headers });

    // The relay tried the upstream with its credentials and was refused.
    const first = await upstream.requestCount(1);
    expect(first.headers['authorization']).toBe(`Bearer ${UPSTREAM_TOKEN}`);

    for (const wrong of ['wrong-password-1', PASSWORD.toUpperCase(), `${PASSWORD} `]) {
      expect((await json('POST', '/api/admin/login', { password: wrong })).status).toBe(401);
    }
    const login = await json('POST', '/api/admin/login', { password: PASSWORD });
    expect(login.status).toBe(200);
    const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = String(login.body['csrfToken']);
    secrets.set('session cookie', cookie.split('=')[1]!);
    secrets.set('CSRF token', csrf);
    const staff = { Cookie: cookie, 'X-CSRF-Token': csrf };

    const made = await json('POST', '/api/admin/tokens', { name: 'Box office' }, staff);
    expect(made.status).toBe(201);
    const apiToken = String(made.body['token']);
    secrets.set('API token', apiToken);
    const box = { Authorization: `Bearer ${apiToken}` };
    expect(
      (await json('POST', '/api/admin/auditoriums', { name: 'Screen 1', capacity: 80 }, box)).status,
    ).toBe(201);
    expect(
      (await json('DELETE', `/api/admin/tokens/${String(made.body['id'])}`, undefined, staff)).status,
    ).toBe(200);
    expect((await json('GET', '/api/admin/state', undefined, box)).status).toBe(401);
    // A secret sent where it does not belong, and one in a malformed body.
    expect((await json('POST', '/api/admin/films', { title: 'x', password: PASSWORD }, staff)).status).toBe(
      400,
    );
    const broken = await call(`${base}/api/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      raw: `{"password": "${PASSWORD}"`,
    });
    expect(broken.status).toBe(400);

    const changed = await json(
      'POST',
      '/api/admin/password',
      { currentPassword: PASSWORD, newPassword: NEW_PASSWORD },
      staff,
    );
    expect(changed.status).toBe(200);
    const again = await json('POST', '/api/admin/login', { password: NEW_PASSWORD });
    expect(again.status).toBe(200);
    const newCookie = again.headers.get('set-cookie')!.split(';')[0]!;
    secrets.set('second session cookie', newCookie.split('=')[1]!);
    secrets.set('second CSRF token', String(again.body['csrfToken']));
    expect(
      (
        await json(
          'POST',
          '/api/admin/logout',
          {},
          { Cookie: newCookie, 'X-CSRF-Token': String(again.body['csrfToken']) },
        )
      ).status,
    ).toBe(200);

    // Screens: the token in URLs, cookies and headers, right and wrong.
    expect((await raw(`${base}/?token=${DISPLAY_TOKEN}`)).status).toBe(200);
    expect((await raw(`${base}/events?token=${DISPLAY_TOKEN}x`)).status).toBe(401);
    expect(
      (await raw(`${base}/api/snapshot`, { headers: { Cookie: `marquee_display=${DISPLAY_TOKEN}` } })).status,
    ).toBe(200);
    expect(
      (await raw(`${base}/api/snapshot`, { headers: { Authorization: `Bearer ${DISPLAY_TOKEN}` } })).status,
    ).toBe(200);

    expect(await hub.stop()).toBe(0);
    const log = hub.stderr();
    // The log is there and speaks of what happened, or finding nothing in it would prove nothing.
    for (const expected of [
      'admin signed in',
      'admin password changed',
      'upstream refused our credentials',
    ]) {
      expect(log).toContain(expected);
    }
    for (const [what, secret] of secrets) {
      for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) {
        expect(log.includes(form), `${what} appears in the log`).toBe(false);
      }
      // Not even a long piece of it (a truncated or re-encoded secret).
      expect(log.includes(secret.slice(0, 12)), `the start of the ${what} appears in the log`).toBe(false);
    }
    expect(log).not.toMatch(/scrypt\$/);
  });
});
