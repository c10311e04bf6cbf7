import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../../main/feed-sim/feed-server.ts';
import { UPSTREAM_ID_KEY } from '../../main/store/store.ts';
import { openScreen, rendererDir, settled, visibleChips } from '../renderer/support/board-page.ts';
import { TEST_PASSWORD, startTestHub } from '../support/test-hub.ts';
import { until } from '../main/relay/support/test-upstream.ts';
import { adminByKeyboard, adminShot } from './support/admin-page.ts';
import { launchChromium } from './support/chromium.ts';

/*
 * An upstream-owned auditorium in the admin of a hub that follows feed-sim:
 * what the upstream says is read-only, the local overlay (label, features)
 * is edited in the same place and sent through the override route alone,
 * and the board shows it while the upstream record stays as the feed sent it.
 * Needs the built renderer (`npm run build`).
 */

let browser: Browser;
let feed: FeedServer;
let hub: Awaited<ReturnType<typeof startTestHub>>;

beforeAll(async () => {
  browser = await launchChromium();
  feed = await startFeedServer({ port: 0, seed: 5, rate: 1, autoRun: false });
  hub = await startTestHub({
    upstream: { url: feed.eventsUrl },
    rendererDir: rendererDir(),
    adminPassword: TEST_PASSWORD,
  });
  await until(() => hub.store.meta.get(UPSTREAM_ID_KEY) === String(feed.sim.seq), 'the hub to catch up');
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await feed?.close();
});

/** The admin signed in by keyboard, with its page errors and every write it sends (to prove nothing else goes). */
async function openAdmin() {
  const page = await adminByKeyboard(browser, hub.url, TEST_PASSWORD);
  const problems: string[] = [];
  page.on('pageerror', (err) => problems.push(String(err)));
  const writes: { method: string; path: string; body: Record<string, unknown> }[] = [];
  page.on('request', (req) => {
    if (req.method() !== 'GET') {
      const body = req.postDataJSON() as Record<string, unknown>;
      writes.push({ method: req.method(), path: new URL(req.url()).pathname, body });
    }
  });
  return { page, problems, writes };
}

describe('local overlays of upstream records, at 1366×768', () => {
  it('an upstream screen gets a local label and feature; the board shows them, the upstream fields stay', async () => {
    const board = await openScreen(browser, hub.url + '/');
    await board.locator('[data-film]').first().waitFor();
    await settled(board);
    const chip = (await visibleChips(board)).find((c) => c.level !== 'cancelled');
    expect(chip, 'a show on the first page').toBeDefined();
    const show = hub.store.records.showtimes.get(chip!.id)!;
    const before = structuredClone(hub.store.records.auditoriums.get(show.auditoriumId)!);
    expect(before.source).toBe('upstream');
    const feature = (before.features ?? []).includes('Recliners') ? 'Gold Class' : 'Recliners';

    const { page, problems, writes } = await openAdmin();
    await page.goto(`${hub.url}/admin#/auditoriums`);
    const row = page.locator(`tr[data-id="${before.id}"]`);
    await row.getByRole('button', { name: 'Local details…' }).click();
    await page.getByRole('heading', { name: `Local details of ${before.name}` }).waitFor();
    // What the upstream says is read, not edited: no input holds its name or seats.
    const upstream = page.getByLabel('From the upstream feed');
    expect(await upstream.innerText()).toContain(String(before.capacity));
    expect(
      await page
        .locator('form.panel input[value]')
        .evaluateAll((els, name) => els.some((el) => (el as HTMLInputElement).value === name), before.name),
    ).toBe(false);

    await page.locator('#ov-label').fill('Hx9');
    await page
      .getByRole('group', { name: 'Features added here' })
      .getByRole('checkbox', { name: feature, exact: true })
      .check();
    await page.screenshot({ path: adminShot('overlay-auditorium.png') });
    await page.getByRole('button', { name: 'Save local details' }).click();
    await page.getByRole('button', { name: 'Local details…' }).first().waitFor();

    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      `PUT /api/admin/overrides/auditorium/${before.id}`,
    ]);
    expect(writes[0]!.body).toEqual({ hidden: false, cancelled: false, label: 'Hx9', features: [feature] });

    // The board names the screen by its local label.
    await board.waitForFunction(
      ([id, want]) => document.querySelector(`[data-showtime="${id}"]`)?.getAttribute('data-screen') === want,
      [chip!.id, 'Hx9'] as const,
      { timeout: 5_000 },
    );
    // The upstream record is as the feed sent it; screens see the overlay over it.
    expect(hub.store.records.auditoriums.get(before.id)).toEqual(before);
    const snapshot = (await (await fetch(`${hub.url}/api/snapshot`)).json()) as {
      auditoriums: { id: string; name: string; capacity: number; label?: string; features?: string[] }[];
    };
    const shown = snapshot.auditoriums.find((a) => a.id === before.id)!;
    expect(shown).toMatchObject({ name: before.name, capacity: before.capacity, label: 'Hx9' });
    expect(shown.features).toEqual([...(before.features ?? []), feature]);
    expect(problems).toEqual([]);
    expect(board.errors).toEqual([]);
    await page.context().close();
    await board.context().close();
  }, 60_000);

  it('an upstream film gets a local title in another language, saved alone; the upstream fields stay', async () => {
    const before = structuredClone(hub.store.records.films.all().find((f) => f.source === 'upstream')!);
    const locale = hub.store.venue().locales[1]!;
    const { page, problems, writes } = await openAdmin();
    await page.goto(`${hub.url}/admin#/films`);
    await page
      .locator('tr', { hasText: before.title })
      .getByRole('button', { name: 'Local details…' })
      .click();
    const upstream = page.getByLabel('From the upstream feed');
    expect(await upstream.innerText()).toContain(`${before.runtimeMinutes} min`);
    await page.locator(`#ov-titles-${locale}`).fill('本地片名');
    await page.getByRole('button', { name: 'Save local details' }).click();
    await page.locator('table.list').getByText('local overlay').waitFor();

    expect(writes.map((w) => `${w.method} ${w.path}`)).toEqual([
      `PUT /api/admin/overrides/film/${before.id}`,
    ]);
    expect(writes[0]!.body).toEqual({ hidden: false, cancelled: false, titles: { [locale]: '本地片名' } });
    expect(hub.store.records.films.get(before.id)).toEqual(before);
    const snapshot = (await (await fetch(`${hub.url}/api/snapshot`)).json()) as {
      films: { id: string; title: string; titles?: Record<string, string>; runtimeMinutes: number }[];
    };
    expect(snapshot.films.find((f) => f.id === before.id)).toMatchObject({
      title: before.title,
      runtimeMinutes: before.runtimeMinutes,
      titles: { ...before.titles, [locale]: '本地片名' },
    });
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('an upstream show gets an extra tag from the vocabulary; only its tags go, the feed’s stay', async () => {
    const { page, problems, writes } = await openAdmin();
    const row = page.locator('table.list tbody tr[data-id]').first();
    const id = (await row.getAttribute('data-id'))!;
    const before = structuredClone(hub.store.records.showtimes.get(id)!);
    expect(before.source).toBe('upstream');
    const extra = before.tags.includes('AD') ? 'CC' : 'AD';
    await row.getByRole('button', { name: 'Override…' }).click();
    const tags = page.getByRole('group', { name: 'Tags added here' });
    for (const own of before.tags)
      expect(await tags.getByRole('checkbox', { name: own }).first().isDisabled()).toBe(true);
    await tags
      .getByRole('checkbox', {
        name: new RegExp(`^${extra === 'AD' ? 'Audio described' : 'Closed captions'}`),
      })
      .check();
    await page.getByRole('button', { name: 'Save local details' }).click();
    await expect.poll(() => writes.length).toBe(1);

    expect(writes[0]).toEqual({
      method: 'PUT',
      path: `/api/admin/overrides/showtime/${id}`,
      body: { hidden: false, cancelled: false, tags: [extra] },
    });
    await expect.poll(() => hub.store.records.showtimes.get(id)?.version).toBe(before.version);
    expect(hub.store.records.showtimes.get(id)).toEqual(before);
    await expect
      .poll(async () => {
        const snap = (await (await fetch(`${hub.url}/api/snapshot`)).json()) as {
          showtimes: { id: string; tags: string[] }[];
        };
        return snap.showtimes.find((s) => s.id === id)?.tags;
      })
      .toEqual([...before.tags, extra]);
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);
});
