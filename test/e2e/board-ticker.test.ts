import { join } from 'node:path';

import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAndHub } from './support/browser-suite.ts';
import { adminSession, artifactsDir, openScreen, rendererDir } from '../renderer/support/board-page.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';

const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

/** The announcement the ticker shows now, by id. */
const shownId = (page: Page) =>
  page.evaluate(
    () =>
      document.querySelector<HTMLElement>('[data-testid="ticker"] [data-announcement]')?.dataset[
        'announcement'
      ],
  );

describe('announcement ticker', () => {
  it('rotates every current announcement on a board and a door sign (page clock run on)', async () => {
    const ids = [...suite.hub.store.records.announcements.all()].map((a) => a.id);
    expect(ids.length).toBeGreaterThanOrEqual(3);
    for (const [name, path, viewport] of [
      ['board', '/', { width: 1920, height: 1080 }],
      ['door', '/door/aud-3', { width: 800, height: 480 }],
    ] as const) {
      const page = await openScreen(suite.browser, 'about:blank', viewport);
      await page.clock.install();
      await page.goto(suite.hub.url + path);
      await page.locator('[data-testid="ticker"] p').waitFor();
      const seen = new Map<string, number>();
      const chinese = new Set<string>();
      // Two full turns of three lines at 6–30 s each, one step of the page's clock at a time.
      for (let s = 0; s < 120 && (seen.size < ids.length || chinese.size === 0); s++) {
        const id = await shownId(page);
        if (id && !seen.has(id)) {
          seen.set(id, s);
          await page.screenshot({ path: join(artifactsDir(), `ticker-${name}-${seen.size}.png`) });
        }
        // The demo speaks English and Chinese: in Chinese the ticker shows the translation.
        const line = page.locator('[data-testid="ticker"] p');
        if (id && (await line.getAttribute('lang')) === 'zh-CN') {
          expect((await line.innerText()).trim()).toBe(
            suite.hub.store.records.announcements.get(id)!.texts!['zh-CN'],
          );
          chinese.add(id);
        }
        await page.clock.runFor(1_000);
      }
      expect(chinese.size, `${name}: a line in Chinese`).toBeGreaterThan(0);
      expect(new Set(seen.keys()), `${name}: every announcement shown`).toEqual(new Set(ids));
      const at = [...seen.values()];
      for (let i = 1; i < at.length; i++) expect(at[i]! - at[i - 1]!).toBeGreaterThanOrEqual(6);
      expect(page.errors).toEqual([]);
      await page.context().close();
    }
  });

  it('shows an announcement posted through the admin API within a second, then one edited and one removed', async () => {
    const board = await openScreen(suite.browser, suite.hub.url + '/');
    const door = await openScreen(suite.browser, suite.hub.url + '/door/aud-3', { width: 800, height: 480 });
    await board.locator('[data-testid="ticker"] p').waitFor();
    await door.locator('[data-testid="ticker"] p').waitFor();
    const admin = await adminSession(suite.hub.url, TEST_PASSWORD);
    /** Waits (at most 1 s) until both tickers show `want`, or with `gone` until they show something else. */
    const onBoth = async (want: string, gone = false) => {
      for (const page of [board, door])
        await page.waitForFunction(
          ([w, g]) => {
            const text = document.querySelector('[data-testid="ticker"]')?.textContent ?? '';
            return g ? text.trim() !== '' && !text.includes(w) : text.includes(w);
          },
          [want, gone] as const,
          { timeout: 1_000 },
        );
    };

    const text = 'Fire alarm test at 14:00 — no need to leave.';
    let began = Date.now();
    const res = await admin('POST', '/api/admin/announcements', { text, priority: 90 });
    expect(res.status).toBe(201);
    const { id } = ((await res.json()) as { record: { id: string } }).record;
    const version = suite.hub.store.records.announcements.get(id)!.version;
    await onBoth(text);
    expect(Date.now() - began).toBeLessThan(1_000);
    await board.screenshot({ path: join(artifactsDir(), 'ticker-new-board.png') });
    await door.screenshot({ path: join(artifactsDir(), 'ticker-new-door.png') });

    const edited = 'Fire alarm test moved to 15:00.';
    began = Date.now();
    const put = await admin('PUT', `/api/admin/announcements/${id}`, { text: edited, priority: 90, version });
    expect(put.status).toBe(200);
    await onBoth(edited);
    expect(Date.now() - began).toBeLessThan(1_000);

    const v2 = suite.hub.store.records.announcements.get(id)!.version;
    began = Date.now();
    const del = await admin('DELETE', `/api/admin/announcements/${id}?version=${v2}`, undefined);
    expect(del.status).toBeLessThan(300);
    await onBoth(edited, true);
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(board.errors).toEqual([]);
    await board.context().close();
    await door.context().close();
  });
});
