import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Hub, startHub } from '../../main/hub.ts';
import { memoryLogger } from '../../main/log.ts';
import { launchChromium } from '../e2e/support/chromium.ts';
import {
  artifactsDir,
  openScreen,
  rendererDir,
  settled,
  visibleChips,
} from '../renderer/support/board-page.ts';
import { tempDir } from '../support/temp-dir.ts';

let browser: Browser;
const dir = tempDir();
const hubs: Hub[] = [];

const start = async (port = 0) => {
  const hub = await startHub({
    dataDir: dir.path,
    port,
    demo: true,
    rendererDir: rendererDir(),
    log: memoryLogger(),
    streams: { retryMs: 500 },
  });
  hubs.push(hub);
  return hub;
};

beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  for (const hub of hubs) await hub.close();
  dir.remove();
});

describe('when the hub goes away', () => {
  it('keeps the last state on screen with an offline notice, retries, and recovers when it returns', async () => {
    let hub = await start();
    const page = await openScreen(browser, hub.url + '/');
    await page.locator('[data-film]').first().waitFor();
    await settled(page);
    const before = await visibleChips(page);
    const films = await page.locator('[data-page]:not([aria-hidden="true"]) [data-film]').count();

    const port = hub.port;
    await hub.close();
    const notice = page.getByTestId('offline-notice');
    await notice.waitFor({ timeout: 5_000 });
    expect(await notice.innerText()).toMatch(/Offline/);
    expect(await notice.innerText()).toMatch(/Reconnecting/);
    // Never blank: every film and showtime stays as it was.
    expect(await page.locator('[data-page]:not([aria-hidden="true"]) [data-film]').count()).toBe(films);
    expect(await visibleChips(page)).toEqual(before);
    await page.screenshot({ path: join(artifactsDir(), 'offline-landscape-1080p.png') });

    hub = await start(port);
    // A seat sold while the screen was cut off arrives with the reconnect.
    // One whose chip speaks of seats: a show seating now or started says that instead of "1 left".
    const target = before.find(
      (c) =>
        c.level !== 'cancelled' && c.level !== 'soldout' && c.phase !== 'seating' && c.phase !== 'started',
    )!;
    hub.store.apply([{ type: 'availability', data: { showtimeId: target.id, seatsAvailable: 1 } }]);
    await notice.waitFor({ state: 'detached', timeout: 10_000 });
    await expect.poll(() => page.getByTestId('freshness').innerText()).toBe('Live');
    await page.waitForFunction(
      (id) =>
        document
          .querySelector(`[data-page]:not([aria-hidden="true"]) [data-showtime="${id}"]`)
          ?.textContent?.includes('1 left'),
      target.id,
      { timeout: 5_000 },
    );
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('shows a waiting screen, not an error page, if the hub is gone before the first snapshot', async () => {
    const hub = await start();
    const context = await browser.newContext();
    const page = await context.newPage();
    // Hold the event stream so the page has loaded but not yet heard from the hub.
    await page.route('**/events', (route) => route.abort('connectionrefused'));
    await page.goto(hub.url + '/');
    const splash = page.getByTestId('splash');
    await splash.waitFor();
    await expect.poll(() => splash.innerText()).toMatch(/Waiting for the hub/);
    await page.unroute('**/events');
    await page.locator('[data-film]').first().waitFor({ timeout: 10_000 });
    await context.close();
  });
});
