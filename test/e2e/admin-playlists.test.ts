import { copyFileSync, mkdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { AdminState } from '../../main/domain/admin-answers.ts';
import { encodePng } from '../../main/png.ts';
import { rendererDir } from '../renderer/support/board-page.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { adminByKeyboard, adminShot } from './support/admin-page.ts';
import { chromiumAndHub } from './support/browser-suite.ts';

const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

describe('the admin playlist editor in Chromium', () => {
  it('builds board → spotlight → image, saves it, edits it by PATCH, and previews the real board', async () => {
    const page = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(String(err)));

    // A picture in the library to pick.
    await page.goto(`${suite.hub.url}/admin#/media`);
    await page.getByRole('heading', { name: 'Media' }).waitFor();
    await page.getByLabel('File (PNG, JPEG, WebP, WebM or MP4)').setInputFiles({
      name: 'popcorn.png',
      mimeType: 'image/png',
      buffer: encodePng(8, 8, new Uint8Array(256).fill(180)),
    });
    await page.getByLabel('Name').fill('Popcorn combo');
    await page.getByRole('button', { name: 'Upload' }).click();
    await page.getByRole('status').filter({ hasText: 'Uploaded Popcorn combo.' }).waitFor();
    const media = suite.hub.store.records.media.all()[0]!;
    const film = suite.hub.store.records.films.all()[0]!;

    await page.goto(`${suite.hub.url}/admin#/playlists`);
    await page.getByRole('heading', { name: 'Playlists', exact: true }).waitFor();
    await page.getByText('No playlists: every screen shows the board alone.').waitFor();
    await page.getByLabel('Name', { exact: true }).fill('Lobby loop');
    const pageRow = (n: number) => page.getByRole('listitem', { name: new RegExp(`^Page ${n}: `) });
    await pageRow(1).getByLabel('Seconds').fill('20');

    // Added out of order (image, then spotlight) and put right with the move buttons.
    await page.getByLabel('Add a page').selectOption('image');
    await page.getByRole('button', { name: 'Add page' }).click();
    await pageRow(2).getByLabel('Media').selectOption({ label: 'Popcorn combo' });
    await pageRow(2).getByLabel('Seconds').fill('2');
    await pageRow(2).getByLabel('From', { exact: true }).fill('10a');
    await pageRow(2).getByLabel('Until', { exact: true }).fill('2p');
    await pageRow(2).getByLabel('Sat').check();
    await pageRow(2).getByLabel('Sun').check();
    await page.getByLabel('Add a page').selectOption('spotlight');
    await page.getByRole('button', { name: 'Add page' }).click();
    await pageRow(3).getByLabel('Film').selectOption(film.id);
    await page.getByRole('button', { name: 'Move page 3 up' }).click();
    expect(await pageRow(2).getAttribute('data-kind')).toBe('spotlight');

    // The hub refuses 2 s; the catalogue says so beside the page, naming it.
    await page.getByRole('button', { name: 'Add playlist' }).click();
    await pageRow(3)
      .getByRole('alert')
      .filter({ hasText: 'The seconds of page 3 must be at least 3.' })
      .waitFor();
    expect(suite.hub.store.records.playlists.count()).toBe(0);

    await pageRow(3).getByLabel('Seconds').fill('8');
    await page.getByRole('button', { name: 'Add playlist' }).click();
    await page.getByRole('status').filter({ hasText: 'Added Lobby loop.' }).waitFor();

    // The API shows it as built.
    const answer = await page.request.get(`${suite.hub.url}/api/admin/state`);
    const stored = AdminState.parse(await answer.json()).playlists;
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      name: 'Lobby loop',
      role: 'board',
      version: 1,
      pages: [
        { kind: 'board', seconds: 20 },
        { kind: 'spotlight', filmId: film.id, seconds: 15 },
        { kind: 'image', mediaId: media.id, seconds: 8, from: '10:00', until: '14:00', days: [6, 7] },
      ],
    });
    expect(stored[0]!.displays).toBeUndefined();

    // The preview is the real board page at 1920×1080, scaled into the admin, playing this playlist.
    const frame = page.frameLocator('iframe[title="Preview of Lobby loop at 1920×1080"]');
    await frame.locator(`[data-playlist="${stored[0]!.id}"]`).waitFor({ timeout: 15_000 });
    const box = await page.locator('iframe[title^="Preview of"]').boundingBox();
    expect(box?.width).toBeCloseTo(560 * 1, 0);
    expect(box?.height).toBeCloseTo(315, 0);
    await page.screenshot({ path: adminShot('editor-landscape.png'), fullPage: true });

    // An edit sends only what changed, with the version it was read at.
    const bodies: unknown[] = [];
    page.on('request', (req) => {
      if (req.method() === 'PATCH') bodies.push(req.postDataJSON());
    });
    await page.getByLabel('Name', { exact: true }).fill('Lobby loop (weekend)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved Lobby loop (weekend).' }).waitFor();
    expect(bodies).toEqual([{ name: 'Lobby loop (weekend)', version: 1 }]);
    expect(suite.hub.store.records.playlists.all()[0]).toMatchObject({
      name: 'Lobby loop (weekend)',
      version: 2,
    });

    // A portrait screen's preview is as tall as the box and no wider than it.
    await page.getByLabel('1080×1920').check();
    const portrait = page.frameLocator('iframe[title="Preview of Lobby loop (weekend) at 1080×1920"]');
    await portrait.locator(`[data-playlist="${stored[0]!.id}"]`).waitFor({ timeout: 15_000 });
    const tall = await page.locator('iframe[title^="Preview of"]').boundingBox();
    expect(tall?.height).toBeCloseTo(420, 0);
    await page.screenshot({ path: adminShot('editor-portrait.png'), fullPage: true });

    // Someone else saves first: nothing is overwritten until staff choose.
    const theirs = suite.hub.store.records.playlists.all()[0]!;
    suite.hub.store.apply([{ type: 'playlist.upsert', data: { ...theirs, name: 'Foyer loop' } }]);
    await page.getByLabel('Name', { exact: true }).fill('Lobby loop (late)');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('heading', { name: 'Someone else changed this while you were editing' }).waitFor();
    expect(suite.hub.store.records.playlists.all()[0]!.name).toBe('Foyer loop');
    await page.getByRole('button', { name: 'Discard mine, load theirs' }).click();
    expect(await page.getByLabel('Name', { exact: true }).inputValue()).toBe('Foyer loop');

    // A door playlist previews as the door sign of its first door page, at the small panel's size.
    const door = suite.hub.store.records.auditoriums.all()[1]!;
    suite.hub.store.apply([
      {
        type: 'playlist.upsert',
        data: {
          id: 'pl-doors',
          name: 'Door signs',
          role: 'door',
          source: 'local',
          pages: [{ kind: 'door', auditoriumId: door.id, seconds: 30 }],
        },
      },
    ]);
    await page.reload();
    await page.getByRole('button', { name: 'Edit Door signs' }).click();
    await page.getByLabel('800×480').check();
    const sign = page.locator('iframe[title="Preview of Door signs at 800×480"]');
    expect(await sign.getAttribute('src')).toBe(`/door/${encodeURIComponent(door.id)}`);
    await sign.contentFrame().locator('.door-page').waitFor({ timeout: 15_000 });
    await page.screenshot({ path: adminShot('editor-door.png'), fullPage: true });

    mkdirSync('/work/shots/lobby', { recursive: true });
    for (const name of ['editor-landscape.png', 'editor-portrait.png', 'editor-door.png']) {
      copyFileSync(adminShot(name), `/work/shots/lobby/${name}`);
    }
    expect(problems).toEqual([]);
    await page.context().close();
  }, 90_000);
});
