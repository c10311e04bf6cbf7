import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DISPLAY_COOKIE } from '../../../main/api/auth/display-token.ts';
import { UsageError } from '../../../main/cli/flags.ts';
import { parseServeFlags } from '../../../main/cli/serve.ts';
import { memoryLogger } from '../../../main/log.ts';
import { launchChromium } from '../../e2e/support/chromium.ts';
import { SseClient } from '../../support/sse-client.ts';
import { startTestHub } from '../../support/test-hub.ts';
import { basics } from '../store/fixtures.ts';
import { raw } from './security-support.ts';

const TOKEN = 'lobby-screens-2f9c1e7a';

/**
 * `--display-token`: screens must present it to read the board, the feed and
 * the snapshot. EventSource cannot send headers, so a screen opens the board
 * once with `?token=` and the page's HttpOnly cookie carries it from then on.
 */
describe('a hub that requires a display token', () => {
  let hub: Awaited<ReturnType<typeof startTestHub>>;
  beforeAll(async () => {
    hub = await startTestHub({ displayToken: TOKEN });
    hub.store.apply(basics());
  });
  afterAll(() => hub.stop());

  const get = (path: string, headers: Record<string, string> = {}) => raw(`${hub.url}${path}`, { headers });

  it('refuses the feed, the snapshot, the board pages and heartbeats without it', async () => {
    const wrong = 'lobby-screens-2f9c1e7b';
    for (const path of ['/events', '/api/snapshot', '/', '/door/a1']) {
      for (const headers of [
        {},
        { Authorization: `Bearer ${wrong}` },
        { Cookie: `${DISPLAY_COOKIE}=${wrong}` },
      ] as Record<string, string>[]) {
        const res = await get(path, headers);
        expect(res.status, `${path} ${JSON.stringify(headers)}`).toBe(401);
        expect(JSON.parse(res.body).error).toMatch(/display token/);
      }
      expect((await get(`${path}?token=${wrong}`)).status, `${path}?token=wrong`).toBe(401);
    }
    const beat = await raw(`${hub.url}/api/displays/heartbeat`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    expect(beat.status).toBe(401);
  });

  it('is not fooled by other spellings of the same routes', async () => {
    for (const path of ['/events/', '/%65vents', '/door/a1/', '//events', '/api/snapshot/', '/?x=1&token=']) {
      const res = await get(path);
      expect(res.status, path).not.toBe(200);
    }
  });

  it('lets a screen in with ?token=, a Bearer header or the cookie a page load sets', async () => {
    const page = await get(`/?token=${TOKEN}`);
    expect(page.status).toBe(200);
    const cookie = String(page.headers['set-cookie']);
    expect(cookie).toMatch(new RegExp(`^${DISPLAY_COOKIE}=${TOKEN};`));
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Strict/);
    const jar = { Cookie: `${DISPLAY_COOKIE}=${TOKEN}` };
    expect((await get('/door/a1', jar)).status).toBe(200);
    expect((await get('/api/snapshot', jar)).status).toBe(200);
    expect((await get('/api/snapshot', { Authorization: `Bearer ${TOKEN}` })).status).toBe(200);
    for (const headers of [jar, { Authorization: `Bearer ${TOKEN}` }]) {
      const client = await SseClient.connect(`${hub.url}/events`, headers);
      await client.count(1);
      expect(client.events[0]?.event).toBe('snapshot');
      client.close();
    }
    const byQuery = await SseClient.connect(`${hub.url}/events?token=${TOKEN}`);
    await byQuery.count(1);
    byQuery.close();
  });

  it('leaves the admin page, static assets and health open (the admin has its own sign-in)', async () => {
    expect((await get('/admin')).status).toBe(200);
    expect((await get('/api/health')).status).toBe(200);
    expect((await get('/api/admin/auth-state')).status).toBe(200);
  });

  it("lets a real browser's board in from one ?token= visit: its EventSource carries the cookie", async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const before = hub.broadcaster.size;
      const res = await page.goto(`${hub.url}/?token=${TOKEN}`);
      expect(res?.status()).toBe(200);
      await expect.poll(() => hub.broadcaster.size, { timeout: 10_000 }).toBe(before + 1);
      // A reload without the token still works: the cookie stays.
      await page.goto(`${hub.url}/`);
      await expect.poll(() => hub.broadcaster.size, { timeout: 10_000 }).toBe(before + 1);
    } finally {
      await browser.close();
    }
  });

  it('lets a chained hub follow it with the token as its upstream token', async () => {
    const downstream = await startTestHub({
      upstream: { url: `${hub.url}/events`, token: TOKEN },
      log: memoryLogger(),
    });
    try {
      await expect.poll(() => downstream.status().upstream, { timeout: 10_000 }).toBe('live');
      await expect.poll(() => downstream.store.records.showtimes.get('s1')?.source).toBe('upstream');
    } finally {
      await downstream.stop();
    }
  });
});

describe('marquee serve --display-token', () => {
  it('takes the flag, or MARQUEE_DISPLAY_TOKEN, and refuses a short or spaced token', () => {
    expect(parseServeFlags(['--data', 'd', '--display-token', TOKEN], {})['display-token']).toBe(TOKEN);
    expect(parseServeFlags(['--data', 'd'], { MARQUEE_DISPLAY_TOKEN: TOKEN })['display-token']).toBe(TOKEN);
    expect(parseServeFlags(['--data', 'd'], {})['display-token']).toBeUndefined();
    expect(() => parseServeFlags(['--data', 'd', '--display-token', 'short'], {})).toThrow(UsageError);
    expect(() => parseServeFlags(['--data', 'd', '--display-token', 'has a space in it'], {})).toThrow(
      UsageError,
    );
  });
});
