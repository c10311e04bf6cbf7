import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fromLocal, toLocal } from '../../main/domain/time.ts';
import { launchChromium } from './support/chromium.ts';
import { artifactsDir, rendererDir, settled } from '../renderer/support/board-page.ts';
import { startTestHub } from '../support/test-hub.ts';

/** The five sizes issue 14 was tried at. */
export const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
  { name: '3840x2160', width: 3840, height: 2160 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '800x480', width: 800, height: 480 },
] as const;

let browser: Browser;
let demo: Awaited<ReturnType<typeof startTestHub>>;
beforeAll(async () => {
  browser = await launchChromium();
  demo = await startTestHub({ demo: true, rendererDir: rendererDir() });
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
});

const at17 = () =>
  fromLocal({ ...toLocal(Date.now(), 'Asia/Singapore'), hour: 17, minute: 0 }, 'Asia/Singapore');

describe('screenshots of the demo board at 17:00, for comparing layouts by eye', () => {
  for (const [size, query] of SIZES.flatMap(
    (s) =>
      [
        [s, ''],
        [s, '?layout=departures'],
      ] as const,
  )) {
    it(`${size.name}${query}`, { timeout: 60_000 }, async () => {
      const context = await browser.newContext({
        viewport: { width: size.width, height: size.height },
        deviceScaleFactor: 1,
        reducedMotion: 'reduce',
      });
      const page = await context.newPage();
      const start = at17();
      await page.clock.install({ time: start });
      // Held still from the start, so that no page turns while the page loads, however slowly.
      await page.clock.pauseAt(start + 1_000);
      await page.goto(demo.url + '/' + query);
      await page
        .locator(query ? '[data-departure]' : '[data-film]')
        .first()
        .waitFor();
      if (!query) await settled(page);
      const name = query ? 'departures' : 'board';
      await page.screenshot({ path: join(artifactsDir(), `shot-${name}-${size.name}.png`) });
      await context.close();
    });
  }
});
