import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { fromLocal, toLocal } from '../../main/domain/time.ts';
import { launchChromium } from './support/chromium.ts';
import {
  SIZES,
  artifactsDir,
  keepScreenClock,
  rendererDir,
  settled,
} from '../renderer/support/board-page.ts';
import { startTestHub } from '../support/test-hub.ts';

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
      // 17:00 on the screen's own clock, not the hub's real time from the snapshot.
      await keepScreenClock(page);
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
