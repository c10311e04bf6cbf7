import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAndHub } from './support/browser-suite.ts';
import { adminSession, artifactsDir, openScreen, rendererDir } from '../renderer/support/board-page.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';

const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

const SCREENS = [
  ['board', '/', { width: 1920, height: 1080 }],
  ['portrait', '/', { width: 1080, height: 1920 }],
  ['door', '/door/aud-3', { width: 800, height: 480 }],
] as const;

/** The urgent text's size as a share of the short screen side, and the language it is in. */
const urgentText = (page: Page) =>
  page.evaluate(() => {
    const el = document.querySelector<HTMLElement>('[data-testid="urgent-text"]');
    if (!el) return undefined;
    const box = el.getBoundingClientRect();
    return {
      lang: el.lang,
      text: el.textContent ?? '',
      share: parseFloat(getComputedStyle(el).fontSize) / Math.min(innerWidth, innerHeight),
      inside: box.bottom <= innerHeight && box.right <= innerWidth,
      covers: (() => {
        const cover = document.querySelector('[data-testid="urgent"]')!.getBoundingClientRect();
        return cover.width === innerWidth && cover.height === innerHeight;
      })(),
    };
  });

describe('urgent takeover', () => {
  it('takes over every board and door sign within a second, in every venue language, and leaves when removed', async () => {
    const pages = await Promise.all(
      SCREENS.map(async ([name, path, viewport]) => {
        const page = await openScreen(suite.browser, suite.hub.url + path, viewport);
        await page.locator('[data-testid="ticker"] p').waitFor();
        return { name, page };
      }),
    );
    const admin = await adminSession(suite.hub.url, TEST_PASSWORD);
    const text = 'Fire alarm test: please stay in your seats. No need to leave the building.';
    const zh = '消防警报测试：请留在座位上，无需离开大楼。';
    let began = Date.now();
    const res = await admin('POST', '/api/admin/announcements', {
      text,
      texts: { 'zh-CN': zh },
      priority: 90,
      urgent: true,
    });
    expect(res.status).toBe(201);
    const { id } = ((await res.json()) as { record: { id: string } }).record;
    for (const { page } of pages) await page.locator('[data-testid="urgent"]').waitFor({ timeout: 1_000 });
    expect(Date.now() - began).toBeLessThan(1_000);

    for (const { name, page } of pages) {
      const first = await urgentText(page);
      expect(first, name).toMatchObject({ lang: 'en', text, inside: true, covers: true });
      expect(first!.share, `${name}: text size`).toBeGreaterThanOrEqual(0.08);
      await page.screenshot({ path: join(artifactsDir(), `urgent-${name}-en.png`) });
    }
    // The demo is bilingual; the message turns to Chinese on its own, board language or not.
    for (const { name, page } of pages) {
      await page.waitForFunction(
        () => document.querySelector<HTMLElement>('[data-testid="urgent-text"]')?.lang === 'zh-CN',
        undefined,
        { timeout: 8_000 },
      );
      const second = await urgentText(page);
      expect(second, name).toMatchObject({ text: zh, inside: true });
      expect(second!.share).toBeGreaterThanOrEqual(0.08);
      await page.screenshot({ path: join(artifactsDir(), `urgent-${name}-zh.png`) });
    }

    const version = suite.hub.store.records.announcements.get(id)!.version;
    began = Date.now();
    const del = await admin('DELETE', `/api/admin/announcements/${id}?version=${version}`, undefined);
    expect(del.status).toBeLessThan(300);
    for (const { page } of pages)
      await page.locator('[data-testid="urgent"]').waitFor({ state: 'detached', timeout: 1_000 });
    expect(Date.now() - began).toBeLessThan(1_000);
    for (const { name, page } of pages) {
      // Back where it was: the board or sign underneath never went away.
      expect(
        await page.locator(name === 'door' ? '[data-testid="door"]' : '[data-film]').count(),
      ).toBeGreaterThan(0);
      await page.screenshot({ path: join(artifactsDir(), `urgent-${name}-after.png`) });
      expect(page.errors).toEqual([]);
      await page.context().close();
    }
  });

  it('stays on a screen that lost the hub until its end time, then drops it (page clock)', async () => {
    const page = await openScreen(suite.browser, 'about:blank');
    await page.clock.install();
    await page.goto(suite.hub.url + '/');
    await page.locator('[data-film]').first().waitFor();
    const admin = await adminSession(suite.hub.url, TEST_PASSWORD);
    const pageNow = await page.evaluate(() => Date.now());
    const res = await admin('POST', '/api/admin/announcements', {
      text: 'Lift out of order: please use the stairs.',
      endsAt: new Date(pageNow + 5 * 60_000).toISOString(),
      priority: 50,
      urgent: true,
    });
    expect(res.status).toBe(201);
    const { id } = ((await res.json()) as { record: { id: string } }).record;
    await page.locator('[data-testid="urgent"]').waitFor({ timeout: 1_000 });
    await page.context().setOffline(true);
    await page.clock.runFor(4 * 60_000);
    await page.locator('[data-testid="offline-notice"]').waitFor({ state: 'attached' });
    expect(await page.locator('[data-testid="urgent"]').count()).toBe(1);
    await page.screenshot({ path: join(artifactsDir(), 'urgent-offline-kept.png') });
    await page.clock.runFor(61_000 + 2_000);
    expect(await page.locator('[data-testid="urgent"]').count()).toBe(0);
    expect(suite.hub.store.records.announcements.get(id)).toBeDefined();
    await page.screenshot({ path: join(artifactsDir(), 'urgent-offline-dropped.png') });
    await page.context().close();
  });
});
