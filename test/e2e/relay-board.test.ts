import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type FeedServer, startFeedServer } from '../../main/feed-sim/feed-server.ts';
import { UPSTREAM_ID_KEY } from '../../main/store/store.ts';
import {
  artifactsDir,
  openScreen,
  rendererDir,
  settled,
  visibleChips,
} from '../renderer/support/board-page.ts';
import { startTestHub } from '../support/test-hub.ts';
import { until } from '../main/relay/support/test-upstream.ts';
import { launchChromium } from './support/chromium.ts';

/*
 * The board in real Chromium, fed by a hub that follows feed-sim: a seat sale
 * at the ticketing system shows on the lobby screen within a second.
 * Needs the built renderer (`npm run build`).
 */

let browser: Browser;
let feed: FeedServer;
let hub: Awaited<ReturnType<typeof startTestHub>>;

beforeAll(async () => {
  browser = await launchChromium();
  // Real time, but no sales of its own: the test makes each one.
  feed = await startFeedServer({ port: 0, seed: 3, rate: 1, autoRun: false });
  hub = await startTestHub({ upstream: { url: feed.eventsUrl }, rendererDir: rendererDir() });
  await until(() => hub.store.meta.get(UPSTREAM_ID_KEY) === String(feed.sim.seq), 'the hub to catch up');
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await feed?.close();
});

describe('board fed through the relay', () => {
  it('shows a sale and a sell-out at the ticketing system within a second', async () => {
    const page = await openScreen(browser, hub.url + '/');
    await page.locator('[data-film]').first().waitFor();
    await settled(page);
    const target = (await visibleChips(page)).find((c) => c.level !== 'cancelled' && c.phase === 'upcoming');
    expect(target, 'an upcoming show on the first page').toBeDefined();
    expect(hub.store.records.showtimes.get(target!.id)?.source).toBe('upstream');

    for (const [seats, text] of [
      [7, '7 left'],
      [0, 'Sold out'],
    ] as const) {
      const began = Date.now();
      feed.sim.inject([{ type: 'availability', data: { showtimeId: target!.id, seatsAvailable: seats } }]);
      await page.waitForFunction(
        ([id, want]) =>
          document
            .querySelector(`[data-page]:not([aria-hidden="true"]) [data-showtime="${id}"]`)
            ?.textContent?.includes(want),
        [target!.id, text] as const,
        { timeout: 1_000 },
      );
      expect(Date.now() - began).toBeLessThan(1_000);
    }
    await page.screenshot({ path: join(artifactsDir(), 'relay-feed-sim.png') });
    expect(page.errors).toEqual([]);
    await page.context().close();
  });
});
