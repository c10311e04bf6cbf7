import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { localDateKey } from '../../main/domain/time.ts';
import { addDays, isoOf } from '../../renderer/admin/venue-time.ts';
import { call, signIn } from '../support/http.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { adminByKeyboard, adminShot, writesTo } from './support/admin-page.ts';
import { chromiumAndHub } from './support/browser-suite.ts';
import { rendererDir } from '../renderer/support/board-page.ts';

const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

/** Keeps a screenshot in test-results/admin/ and, for the lead, in /work/shots/admin/ as forms-<name>.png. */
async function shot(page: Page, name: string): Promise<void> {
  const file = adminShot(`forms-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  try {
    mkdirSync('/work/shots/admin', { recursive: true });
    copyFileSync(file, join('/work/shots/admin', `forms-${name}.png`));
  } catch {
    // Only the project's own machine has that folder; the artifact in test-results/ is what counts.
  }
}

async function stateRecord(auth: Record<string, string>, kind: 'films' | 'showtimes', id: string) {
  const res = await call<Record<string, { id: string }[]>>(`${suite.hub.url}/api/admin/state`, {
    headers: auth,
  });
  expect(res.status).toBe(200);
  return res.body[kind]?.find((r) => r.id === id);
}

describe('admin forms edit every field and send only what changed, at 1366×768', () => {
  it('a showtime edit of its subtitles and a tag keeps every other field', async () => {
    const auth = await signIn(suite.hub.url, TEST_PASSWORD);
    const aud = await call<{ record: { id: string } }>(`${suite.hub.url}/api/admin/auditoriums`, {
      method: 'POST',
      headers: auth,
      body: { name: 'Screen 21', capacity: 140 },
    });
    const film = await call<{ record: { id: string } }>(`${suite.hub.url}/api/admin/films`, {
      method: 'POST',
      headers: auth,
      body: { title: 'Paper Lanterns', runtimeMinutes: 104, tags: [] },
    });
    const tz = suite.hub.store.venue().timezone;
    const tomorrow = addDays(localDateKey(Date.now(), tz), 1);
    const startsAt = isoOf(tomorrow, '20:10', tz)!;
    const featureStartsAt = new Date(Date.parse(startsAt) + 22 * 60_000).toISOString();
    const made = await call<{ record: { id: string } }>(`${suite.hub.url}/api/admin/showtimes`, {
      method: 'POST',
      headers: auth,
      body: {
        filmId: film.body.record.id,
        auditoriumId: aud.body.record.id,
        startsAt,
        featureStartsAt,
        extraMinutes: 15,
        audio: 'cmn',
        subtitles: ['en'],
        tags: ['IMAX'],
        externalId: 'till-991',
        capacity: 120,
        seatsAvailable: 77,
      },
    });
    expect(made.status).toBe(201);
    const id = made.body.record.id;

    const page = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(String(err)));
    const writes = writesTo(page, `/api/admin/showtimes/${id}`);
    await page.getByRole('button', { name: 'Next day' }).click();
    await page.locator(`tr[data-id="${id}"]`).getByRole('button', { name: 'Edit' }).click();
    // The form shows what the record holds.
    expect(await page.locator('#st-feature').inputValue()).toBe('22');
    expect(await page.locator('#st-extra').inputValue()).toBe('15');
    expect(await page.locator('#st-audio').inputValue()).toBe('cmn');
    const subtitles = page.getByRole('group', { name: 'Subtitles' });
    expect(await subtitles.getByRole('checkbox', { name: 'English (en)' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'IMAX', exact: true }).isChecked()).toBe(true);

    await subtitles.getByRole('checkbox', { name: 'Malay (ms)' }).check();
    await page
      .getByRole('group', { name: 'Accessibility' })
      .getByRole('checkbox', { name: 'Audio described' })
      .check();
    await shot(page, 'showtime');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => suite.hub.store.records.showtimes.get(id)?.subtitles).toEqual(['en', 'ms']);

    expect(writes).toHaveLength(1);
    expect(writes[0]!.method).toBe('PATCH');
    expect(Object.keys(writes[0]!.body).sort()).toEqual(['subtitles', 'tags', 'version']);
    expect(await stateRecord(auth, 'showtimes', id)).toMatchObject({
      startsAt,
      featureStartsAt,
      extraMinutes: 15,
      audio: 'cmn',
      subtitles: ['en', 'ms'],
      tags: ['IMAX', 'AD'],
      externalId: 'till-991',
      capacity: 120,
      seatsAvailable: 77,
      status: 'scheduled',
    });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a film title edit keeps its translations, rating, tags, poster and external id', async () => {
    const auth = await signIn(suite.hub.url, TEST_PASSWORD);
    const film = {
      title: 'Harbour Nights',
      titles: { 'zh-CN': '港湾之夜' },
      rating: 'PG13',
      runtimeMinutes: 111,
      tags: ['Premiere'],
      posterUrl: 'https://posters.example/harbour.jpg',
      externalId: 'till-film-7',
    };
    const made = await call<{ record: { id: string } }>(`${suite.hub.url}/api/admin/films`, {
      method: 'POST',
      headers: auth,
      body: film,
    });
    expect(made.status).toBe(201);
    const id = made.body.record.id;

    const page = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    const writes = writesTo(page, `/api/admin/films/${id}`);
    await page.goto(`${suite.hub.url}/admin#/films`);
    await page.locator('tr', { hasText: 'Harbour Nights' }).getByRole('button', { name: 'Edit' }).click();
    await page.locator('#film-title').fill('Harbour Nights (Director’s Cut)');
    await shot(page, 'film');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect
      .poll(() => suite.hub.store.records.films.get(id)?.title)
      .toBe('Harbour Nights (Director’s Cut)');

    expect(writes).toHaveLength(1);
    expect(writes[0]!.method).toBe('PATCH');
    expect(Object.keys(writes[0]!.body).sort()).toEqual(['title', 'version']);
    expect(await stateRecord(auth, 'films', id)).toMatchObject({
      ...film,
      title: 'Harbour Nights (Director’s Cut)',
    });
    await page.context().close();
  });
});
