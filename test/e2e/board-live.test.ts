import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { chromiumAndHub } from './support/browser-suite.ts';
import {
  adminSession,
  artifactsDir,
  openScreen,
  rendererDir,
  settled,
  visibleChips,
} from '../renderer/support/board-page.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';

const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

describe('live updates', () => {
  it('shows a seat change made through the admin API within a second, highlighted', async () => {
    const page = await openScreen(suite.browser, suite.hub.url + '/');
    await page.locator('[data-film]').first().waitFor();
    await settled(page);
    const target = (await visibleChips(page)).find((c) => c.level !== 'cancelled' && c.phase === 'upcoming');
    expect(target, 'an upcoming show on the first page').toBeDefined();
    const chip = page.locator(`[data-page]:not([aria-hidden="true"]) [data-showtime="${target!.id}"]`);
    const admin = await adminSession(suite.hub.url, TEST_PASSWORD);

    for (const [seats, text, level] of [
      [7, '7 left', 'few'],
      [0, 'Sold out', 'soldout'],
      [150, 'Available', 'plenty'],
    ] as const) {
      const capacity = suite.hub.store.records.showtimes.get(target!.id)!.capacity;
      const seatsAvailable = Math.min(seats, capacity);
      const began = Date.now();
      const res = await admin('PATCH', `/api/admin/showtimes/${target!.id}/availability`, { seatsAvailable });
      expect(res.status).toBe(200);
      // Plenty of seats says nothing on the board: a quiet dot whose label is the word.
      await page.waitForFunction(
        ([id, want]) => {
          const el = document.querySelector(`[data-page]:not([aria-hidden="true"]) [data-showtime="${id}"]`);
          return (
            !!el && (el.textContent.includes(want) || el.querySelector(`[aria-label="${want}"]`) !== null)
          );
        },
        [target!.id, text] as const,
        { timeout: 1_000 },
      );
      const elapsed = Date.now() - began;
      expect(elapsed).toBeLessThan(1_000);
      expect(await chip.getAttribute('data-level')).toBe(level);
      // Highlighted: its glow is playing.
      expect(await chip.locator('.glow').evaluate((g) => g.getAnimations().length)).toBe(1);
    }
    await page.screenshot({ path: join(artifactsDir(), 'live-highlight.png') });
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('shows a cancellation and a removed show at once', async () => {
    const page = await openScreen(suite.browser, suite.hub.url + '/');
    await page.locator('[data-film]').first().waitFor();
    await settled(page);
    const [first, second] = (await visibleChips(page)).filter((c) => c.level !== 'cancelled');
    const show = suite.hub.store.records.showtimes.get(first!.id)!;
    suite.hub.store.apply([{ type: 'showtime.upsert', data: { ...show, status: 'cancelled' } }]);
    await page.waitForFunction(
      (id) => document.querySelector(`[data-showtime="${id}"]`)?.getAttribute('data-level') === 'cancelled',
      first!.id,
      { timeout: 1_000 },
    );
    expect(
      await page.locator(`[data-page]:not([aria-hidden="true"]) [data-showtime="${first!.id}"]`).innerText(),
    ).toMatch(/Cancelled/);
    suite.hub.store.apply([{ type: 'showtime.remove', data: { id: second!.id } }]);
    await page.waitForFunction((id) => !document.querySelector(`[data-showtime="${id}"]`), second!.id, {
      timeout: 1_000,
    });
    await page.context().close();
  });
});
