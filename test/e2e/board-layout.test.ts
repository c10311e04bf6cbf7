import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../e2e/support/chromium.ts';
import {
  LAYOUTS,
  artifactsDir,
  keepScreenClock,
  pageCount,
  rendererDir,
  settled,
} from '../renderer/support/board-page.ts';
import { checkLayout } from '../renderer/support/layout-check.ts';
import { STRESS_NOW, seedStressVenue } from '../renderer/support/stress-venue.ts';
import { startTestHub } from '../support/test-hub.ts';

type TestHub = Awaited<ReturnType<typeof startTestHub>>;
let browser: Browser;
let demo: TestHub;
let stress: TestHub;

beforeAll(async () => {
  browser = await launchChromium();
  demo = await startTestHub({ demo: true, rendererDir: rendererDir() });
  stress = await startTestHub({ rendererDir: rendererDir() });
  seedStressVenue(stress);
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  await stress?.stop();
});

type Layout = (typeof LAYOUTS)[number];

/** Opens a screen at a layout; with `at`, the page's clock starts there and is then held still. */
async function open(url: string, layout: Layout, at?: number): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({
    viewport: { width: layout.width, height: layout.height },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  const page = Object.assign(await context.newPage(), { errors: [] as string[] });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  if (at !== undefined) {
    await keepScreenClock(page);
    await page.clock.install({ time: at });
  }
  await page.goto(url);
  await page.locator('[data-film], [data-testid="door"]').first().waitFor();
  if (at !== undefined) await page.clock.pauseAt(at + 3_000);
  return page;
}

/** Checks every page in every language of the venue (the keyboard steps the rotation). */
async function checkEveryView(page: Page, name: string, locales: number): Promise<string[]> {
  const problems: string[] = [];
  const board = (await page.locator('[data-page]').count()) > 0;
  const pages = board ? await pageCount(page) : 1;
  for (let p = 0; p < pages; p++) {
    for (let l = 0; l < locales; l++) {
      if (board) await settled(page);
      const report = await checkLayout(page);
      expect(report.texts).toBeGreaterThan(5);
      problems.push(...report.issues.map((i) => `${name} page ${p + 1} language ${l + 1}: ${i}`));
      const lang = await page.locator('main').getAttribute('lang');
      await page.screenshot({ path: join(artifactsDir(), `${name}-p${p + 1}-${lang}.png`) });
      await page.keyboard.press('l');
    }
    if (board) await page.keyboard.press('ArrowRight');
  }
  return problems;
}

describe('no overflow, clipping, overlap or small text', () => {
  for (const layout of LAYOUTS) {
    it(`demo board, ${layout.name}`, { timeout: 120_000 }, async () => {
      const page = await open(demo.url + '/', layout);
      await settled(page);
      expect(await checkEveryView(page, `demo-${layout.name}`, 2)).toEqual([]);
      expect(page.errors).toEqual([]);
      await page.context().close();
    });

    it(`stress board, ${layout.name}`, { timeout: 120_000 }, async () => {
      const page = await open(stress.url + '/', layout, STRESS_NOW);
      await settled(page);
      expect(await pageCount(page)).toBeGreaterThan(1);
      // The 40-show film does not fit one column: it lists what fits and ends in "+N more", never clipped
      // (the departures layout lists every show).
      const many = page.locator(
        '[data-page]:not([aria-hidden="true"]) [data-film="many"], [data-page] [data-film="many"]',
      );
      expect(await many.first().locator('[data-more]').count()).toBe(1);
      expect(await page.getByTestId('freshness').innerText()).toMatch(/Billetterie injoignable/);
      expect(await page.getByTestId('stale').isVisible()).toBe(true);
      expect(await checkEveryView(page, `stress-${layout.name}`, 2)).toEqual([]);
      expect(page.errors).toEqual([]);
      await page.context().close();
    });

    it(`door signs, ${layout.name}`, { timeout: 120_000 }, async () => {
      const problems: string[] = [];
      const doorDemo = await open(demo.url + '/door/aud-2', layout);
      problems.push(...(await checkEveryView(doorDemo, `door-demo-${layout.name}`, 2)));
      await doorDemo.context().close();
      const doorStress = await open(stress.url + '/door/s1', layout, STRESS_NOW + 20 * 60_000);
      await expect.poll(() => doorStress.locator('.feature').getAttribute('data-state')).not.toBe('next');
      problems.push(...(await checkEveryView(doorStress, `door-stress-${layout.name}`, 2)));
      await doorStress.context().close();
      expect(problems).toEqual([]);
    });
  }
});
