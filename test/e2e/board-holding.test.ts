import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { chromiumAndHub } from './support/browser-suite.ts';
import { adminSession, artifactsDir, openScreen, rendererDir } from '../renderer/support/board-page.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';

// A fresh install: the store's placeholder venue, no demo.
const suite = chromiumAndHub({ adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

describe('holding screen', () => {
  it('stands in for a venue with no name and time zone set, on boards and door signs, until staff set them', async () => {
    const board = await openScreen(suite.browser, suite.hub.url + '/');
    const door = await openScreen(suite.browser, suite.hub.url + '/door/aud-1', { width: 800, height: 480 });
    for (const [name, page] of [
      ['board', board],
      ['door', door],
    ] as const) {
      await page.locator('[data-testid="holding"]').waitFor();
      const text = await page.locator('main').innerText();
      expect(text).toMatch(/This screen is being set up/);
      expect(text).not.toMatch(/my venue/i);
      await page.screenshot({ path: join(artifactsDir(), `holding-${name}.png`) });
    }
    const admin = await adminSession(suite.hub.url, TEST_PASSWORD);
    const began = Date.now();
    const res = await admin('PUT', '/api/admin/venue', {
      name: 'Rex Cinema',
      timezone: 'Europe/Paris',
      locales: ['fr'],
      version: suite.hub.store.venue().version,
    });
    expect(res.status).toBe(200);
    for (const page of [board, door])
      await page.locator('[data-testid="holding"]').waitFor({ state: 'detached', timeout: 1_000 });
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(await board.locator('main').innerText()).toMatch(/Rex Cinema/i);
    await board.screenshot({ path: join(artifactsDir(), 'holding-after-board.png') });
    expect([...board.errors, ...door.errors]).toEqual([]);
    await board.context().close();
    await door.context().close();
  });
});
