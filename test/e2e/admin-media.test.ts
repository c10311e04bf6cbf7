import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/paths.ts';
import { encodePng } from '../../main/png.ts';
import { rendererDir } from '../renderer/support/board-page.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { chromiumAndHub } from './support/browser-suite.ts';

const suite = chromiumAndHub({ adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

describe('the admin media library in Chromium', () => {
  it('uploads a picture, shows which playlists use it, and deletes it only once none does', async () => {
    const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(String(err)));
    await page.goto(`${suite.hub.url}/admin#/media`);
    await page.locator('#password').fill(TEST_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Media' }).waitFor();

    const png = encodePng(8, 8, new Uint8Array(256).fill(180));
    await page.getByLabel('File (PNG, JPEG, WebP, WebM or MP4)').setInputFiles({
      name: 'popcorn.png',
      mimeType: 'image/png',
      buffer: png,
    });
    await page.getByLabel('Name').fill('Popcorn combo');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('status').filter({ hasText: 'Uploaded Popcorn combo.' }).waitFor();
    const row = page.locator('tr', { hasText: 'Popcorn combo' });
    await expect.poll(() => row.getByTestId('used-by').innerText()).toBe('No playlist');
    const [media] = suite.hub.store.records.media.all();
    expect(media).toMatchObject({ name: 'Popcorn combo', type: 'image/png', bytes: png.length });

    // A playlist shows it: the library says so and will not delete it.
    suite.hub.store.apply([
      {
        type: 'playlist.upsert',
        data: {
          id: 'pl-bar',
          name: 'Bar screens',
          role: 'board',
          source: 'local',
          pages: [{ kind: 'image', mediaId: media!.id, seconds: 10 }],
        },
      },
    ]);
    await page.reload();
    await expect.poll(() => row.getByTestId('used-by').innerText(), { timeout: 10_000 }).toBe('Bar screens');
    expect(await row.getByRole('button', { name: 'Delete Popcorn combo' }).isDisabled()).toBe(true);
    mkdirSync(join(packageRoot(), 'test-results', 'lobby'), { recursive: true });
    await page.screenshot({ path: join(packageRoot(), 'test-results', 'lobby', 'admin-media.png') });

    suite.hub.store.apply([{ type: 'playlist.remove', data: { id: 'pl-bar' } }]);
    await page.reload();
    await expect.poll(() => row.getByTestId('used-by').innerText(), { timeout: 10_000 }).toBe('No playlist');
    await row.getByRole('button', { name: 'Delete Popcorn combo' }).click();
    await page.getByRole('status').filter({ hasText: 'Deleted Popcorn combo.' }).waitFor();
    expect(suite.hub.store.records.media.count()).toBe(0);
    expect(problems).toEqual([]);
    await context.close();
  }, 60_000);
});
