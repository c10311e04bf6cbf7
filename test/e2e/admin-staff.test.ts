import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { packageRoot } from '../../main/paths.ts';
import { entryFormat } from '../../renderer/admin/date-time-entry.ts';
import { dateKeyOf, longDate } from '../../renderer/admin/venue-time.ts';
import { encodePng } from '../../main/png.ts';
import { rendererDir } from '../renderer/support/board-page.ts';
import { call, signIn } from '../support/http.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { chromiumAndHub } from './support/browser-suite.ts';

const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });
const MAYA_PASSWORD = 'box office on friday';
const SHOTS = join(packageRoot(), 'test-results', 'admin');

/** Keeps a screenshot in test-results/admin/ and, for the lead, in /work/shots/admin/ with the prefix staff-. */
async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  const file = join(SHOTS, `staff-${name}.png`);
  await page.screenshot({ path: file, fullPage: false });
  try {
    mkdirSync('/work/shots/admin', { recursive: true });
    copyFileSync(file, join('/work/shots/admin', `staff-${name}.png`));
  } catch {
    // Only the project's own machine has that folder; the artifact in test-results/ is what counts.
  }
}

async function openAdmin(): Promise<Page & { problems: string[] }> {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = Object.assign(await context.newPage(), { problems: [] as string[] });
  page.on('pageerror', (err) => page.problems.push(String(err)));
  await page.goto(`${suite.hub.url}/admin`);
  return page;
}

/** Name (focused on arrival), Tab, password, Enter: no mouse. */
async function signInByKeyboard(page: Page, name: string, password: string): Promise<void> {
  await page.locator('#name').waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('name');
  await page.keyboard.type(name);
  await page.keyboard.press('Tab');
  await page.keyboard.type(password);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Admin sections' }).waitFor();
}

/** Focuses `selector` by pressing Tab, as a keyboard user would, within a bounded number of presses. */
async function tabTo(page: Page, selector: string): Promise<void> {
  const target = page.locator(selector).first();
  for (let i = 0; i < 200; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press('Tab');
  }
  throw new Error(`Tab never reached ${selector}`);
}

describe('staff accounts in the admin, by keyboard at 1366×768', () => {
  it('a manager adds a box-office person in the Staff panel', async () => {
    const page = await openAdmin();
    await signInByKeyboard(page, 'admin', TEST_PASSWORD);
    await page.goto(`${suite.hub.url}/admin#/staff`);
    await page.locator('#staff-name').waitFor();
    await tabTo(page, '#staff-name');
    await page.keyboard.type('Maya');
    await page.keyboard.press('Tab');
    // The role list opens on box office; Tab moves on.
    await page.keyboard.press('Tab');
    await page.keyboard.type(MAYA_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByText('Added Maya.', { exact: false }).waitFor();
    await page.locator('table.list tbody tr', { hasText: 'Maya' }).waitFor();
    expect(suite.hub.store.staff.byName('maya')).toMatchObject({ name: 'Maya', role: 'box_office' });
    // The day she was added, in the venue's zone and order, not the browser's locale.
    const venue = suite.hub.store.venue();
    const added = longDate(dateKeyOf(new Date().toISOString(), venue.timezone), entryFormat(venue));
    expect(
      await page.locator('table.list tbody tr', { hasText: 'Maya' }).locator('td').nth(2).innerText(),
    ).toBe(added);
    await shot(page, 'panel');
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it('a manager adds a film and its poster in one pass', async () => {
    const page = await openAdmin();
    await signInByKeyboard(page, 'admin', TEST_PASSWORD);
    await page.goto(`${suite.hub.url}/admin#/films`);
    await page.getByRole('button', { name: 'New film' }).click();
    await page.locator('#film-title').fill('Harbour Lights');
    await page.locator('#film-runtime').fill('97');
    const red = new Uint8Array(40 * 60 * 4).map((_, i) => (i % 4 === 0 || i % 4 === 3 ? 255 : 0));
    await page.locator('#film-poster').setInputFiles({
      name: 'harbour.png',
      mimeType: 'image/png',
      buffer: encodePng(40, 60, red),
    });
    await page.getByRole('button', { name: 'Add film' }).click();
    await expect
      .poll(() => suite.hub.store.records.films.all().find((f) => f.title === 'Harbour Lights')?.posterUrl)
      .toMatch(/^\/posters\/.+\.png$/);
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it('a manager edits an auditorium: label and features from the form, every other field survives', async () => {
    const auth = await signIn(suite.hub.url, TEST_PASSWORD);
    const made = await call<{ record: { id: string } }>(`${suite.hub.url}/api/admin/auditoriums`, {
      method: 'POST',
      headers: auth,
      body: { name: 'Screen 14', capacity: 80, names: { 'zh-CN': '十四号厅' }, externalId: 'till-14' },
    });
    expect(made.status).toBe(201);
    const id = made.body.record.id;
    const page = await openAdmin();
    await signInByKeyboard(page, 'admin', TEST_PASSWORD);
    await page.goto(`${suite.hub.url}/admin#/auditoriums`);
    await page.locator('tr', { hasText: 'Screen 14' }).getByRole('button', { name: 'Edit' }).click();
    await page.locator('#aud-capacity').fill('84');
    await page.locator('#aud-label').fill('14');
    await page.getByRole('checkbox', { name: 'Dolby Atmos' }).check();
    await page.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => suite.hub.store.records.auditoriums.get(id)?.capacity).toBe(84);
    expect(suite.hub.store.records.auditoriums.get(id)).toMatchObject({
      name: 'Screen 14',
      label: '14',
      features: ['Dolby Atmos'],
      names: { 'zh-CN': '十四号厅' },
      externalId: 'till-14',
    });
    await shot(page, 'auditorium-edit');
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it('a manager sets the hour cycle and pre-show minutes; names and the rest of the venue survive', async () => {
    const before = suite.hub.store.venue();
    const page = await openAdmin();
    await signInByKeyboard(page, 'admin', TEST_PASSWORD);
    await page.goto(`${suite.hub.url}/admin#/venue`);
    await page.locator('#venue-hour-cycle').selectOption('h12');
    await page.locator('#venue-preShowMinutes').fill('12');
    await page.getByRole('button', { name: 'Save venue' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved ${before.name}.` })
      .waitFor();
    const after = suite.hub.store.venue();
    expect(after.settings).toEqual({ ...before.settings, hourCycle: 'h12', preShowMinutes: 12 });
    expect({ ...after, settings: null, version: null }).toEqual({ ...before, settings: null, version: null });
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it(
    'box office signs in, cannot reach venue settings, sells out a show, posts and edits a bilingual announcement',
    { timeout: 90_000 },
    async () => {
      const page = await openAdmin();
      await signInByKeyboard(page, 'Maya', MAYA_PASSWORD);
      const nav = page.getByRole('navigation', { name: 'Admin sections' });
      await expect.poll(() => nav.getByRole('link').allTextContents()).not.toContain('Venue');
      expect(await nav.getByRole('link').allTextContents()).not.toContain('Staff');
      await page.goto(`${suite.hub.url}/admin#/venue`);
      await page.getByRole('alert').filter({ hasText: 'This page is for managers' }).waitFor();
      expect(await page.locator('main form').count()).toBe(0);
      await shot(page, 'box-office-venue-refused');

      // Sold out: the first local show of today, its seats set to 0 from the keyboard.
      await page.goto(`${suite.hub.url}/admin#/schedule`);
      const seats = page.locator('table.list tbody input[type="number"]').first();
      await seats.waitFor();
      const label = (await seats.getAttribute('aria-label')) ?? '';
      expect(label).toMatch(/^Seats available for [^,]+, \d{1,2}:\d\d [AP]M, .+$/);
      expect(label).not.toMatch(/st-|aud-|film-/);
      const id = await seats.evaluate((el) => el.closest('tr')?.getAttribute('data-id') ?? '');
      await tabTo(page, `tr[data-id="${id}"] input[type="number"]`);
      await page.keyboard.press('ControlOrMeta+A');
      await page.keyboard.type('0');
      await page.keyboard.press('Enter');
      await expect.poll(() => suite.hub.store.records.showtimes.get(id)?.seatsAvailable).toBe(0);
      expect(await page.getByRole('button', { name: 'Delete' }).count()).toBe(0);
      await shot(page, 'box-office-sold-out');

      // A bilingual announcement, then an edit of the English only: the Chinese survives.
      await page.goto(`${suite.hub.url}/admin#/announcements`);
      await page.locator('#ann-text').waitFor();
      await tabTo(page, '#ann-text');
      await page.keyboard.type('Screen 2 is closed tonight');
      await page.keyboard.press('Tab');
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('ann-text-zh-CN');
      await page.keyboard.type('二号厅今晚关闭');
      await tabTo(page, 'form.panel button[type="submit"]');
      await page.keyboard.press('Enter');
      await page.getByRole('status').filter({ hasText: 'Added “Screen 2 is closed tonight”.' }).waitFor();
      const row = page.locator('table.list tbody tr', { hasText: 'Screen 2 is closed tonight' });
      await row.waitFor();
      await tabTo(page, `tr:has-text("Screen 2 is closed tonight") button:has-text("Edit")`);
      await page.keyboard.press('Enter');
      await expect.poll(() => page.locator('#ann-text').inputValue()).toBe('Screen 2 is closed tonight');
      await page.locator('#ann-text').focus();
      await page.keyboard.press('End');
      await page.keyboard.type(' and tomorrow');
      await tabTo(page, 'form.panel button[type="submit"]');
      await page.keyboard.press('Enter');
      await page
        .getByRole('status')
        .filter({ hasText: 'Saved “Screen 2 is closed tonight and tomorrow”.' })
        .waitFor();
      const saved = suite.hub.store.records.announcements
        .all()
        .find((a) => a.text === 'Screen 2 is closed tonight and tomorrow');
      expect(saved?.texts).toEqual({ 'zh-CN': '二号厅今晚关闭' });
      await shot(page, 'box-office-announcement');

      // The audit log names the person who did each thing.
      await page.goto(`${suite.hub.url}/admin#/audit`);
      const mayaRows = page.locator('table.audit tbody tr', { hasText: 'Maya' });
      await mayaRows.first().waitFor();
      expect(await mayaRows.count()).toBeGreaterThanOrEqual(2);
      await page.locator('table.audit tbody tr', { hasText: 'admin' }).first().waitFor();
      await shot(page, 'audit-names');
      const actors = suite.hub.store.audit.page(20).map((e) => [e.action, e.actor.name]);
      expect(actors).toEqual(
        expect.arrayContaining([
          ['announcement.update', 'Maya'],
          ['announcement.create', 'Maya'],
          ['staff.create', 'admin'],
        ]),
      );
      expect(page.problems).toEqual([]);
      await page.context().close();
    },
  );
});
