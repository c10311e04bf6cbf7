import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Venue } from '../../main/domain/records.ts';
import { packageRoot } from '../../main/paths.ts';
import { rendererDir } from '../renderer/support/board-page.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { chromiumAndHub } from './support/browser-suite.ts';

const suite = chromiumAndHub({ adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

/** Screenshots under test-results/admin-datetime/ (git-ignored). */
function shot(name: string): string {
  const dir = join(packageRoot(), 'test-results', 'admin-datetime');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** The venue, one auditorium and one film; every earlier show gone. */
function seed(venue: Partial<Venue> & { hourCycle: Venue['settings']['hourCycle'] }): void {
  const store = suite.hub.store;
  const { hourCycle, ...fields } = venue;
  const now = store.venue();
  store.apply([
    { type: 'venue', data: { ...now, ...fields, settings: { ...now.settings, hourCycle } } },
    { type: 'auditorium.upsert', data: { id: 'a1', name: 'Salle 1', capacity: 90, source: 'local' } },
    {
      type: 'film.upsert',
      data: { id: 'f1', title: 'Tidewater', runtimeMinutes: 100, tags: [], source: 'local' },
    },
    ...store.records.showtimes.all().map((s) => ({ type: 'showtime.remove' as const, data: { id: s.id } })),
  ]);
}

/** The admin at 1366×768 in a browser whose own locale and zone are not the venue's, signed in by keyboard. */
async function admin(locale: string, timezoneId: string): Promise<Page> {
  const context = await suite.browser.newContext({
    viewport: { width: 1366, height: 768 },
    locale,
    timezoneId,
  });
  const page = await context.newPage();
  await page.goto(`${suite.hub.url}/admin`);
  await page.locator('#name').waitFor();
  await page.keyboard.type('admin');
  await page.keyboard.press('Tab');
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Admin sections' }).waitFor();
  return page;
}

/** Opens the new-showtime form by keyboard; the film has focus. */
async function newShowtime(page: Page): Promise<void> {
  const button = page.getByRole('button', { name: 'New showtime' });
  await button.focus();
  await page.keyboard.press('Enter');
  await page.locator('#st-film:focus').waitFor();
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id);

/** Focuses `box`, replaces its text by typing `text`, and presses Enter, as staff do. */
async function retype(page: Page, box: Locator, text: string): Promise<void> {
  await box.focus();
  await page.keyboard.press('Control+A');
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** Opens the copy dialog by keyboard; its first date has focus. */
async function openCopyDay(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Copy day…' }).focus();
  await page.keyboard.press('Enter');
  await page.locator('#copy-from:focus').waitFor();
}

describe('dates and times in the venue’s order and clock, not the browser’s (admin in Chromium)', () => {
  it('a French venue on a US-locale PC: 19:30 on 5 December is typed day first, 24-hour, by keyboard', async () => {
    seed({ timezone: 'Europe/Paris', locales: ['fr'], hourCycle: 'auto' });
    const page = await admin('en-US', 'America/Los_Angeles');
    // No box in the browser's own format: its calendar only sits hidden behind a button.
    expect(
      await page
        .locator('input[type="time"], input[type="date"]:not([tabindex="-1"][aria-hidden="true"])')
        .count(),
    ).toBe(0);
    // The day picker reads the venue's today day first.
    expect(await page.getByRole('textbox', { name: 'Day', exact: true }).inputValue()).toMatch(
      /^\d{2}\/\d{2}\/\d{4}$/,
    );
    await newShowtime(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('st-date');
    await page.keyboard.type('5/12/2030');
    await page.keyboard.press('Tab');
    expect(await activeId(page)).toBe('st-time');
    expect(await page.locator('#st-date').inputValue()).toBe('05/12/2030');
    await page.locator('#st-date-long', { hasText: /^Thu,? 5 Dec 2030$/ }).waitFor({ timeout: 5_000 });
    // The browser's calendar (behind a button, out of the tab order) sets the same value.
    expect(await page.getByRole('button', { name: 'Calendar' }).first().getAttribute('tabindex')).toBe('-1');
    await page.locator('#st-date-picker').fill('2030-12-06');
    expect(await page.locator('#st-date').inputValue()).toBe('06/12/2030');
    await page.locator('#st-date-picker').fill('2030-12-05');
    expect(await page.locator('#st-date').inputValue()).toBe('05/12/2030');
    await page.locator('#st-time').focus();

    // A time that cannot be is refused beside the box, and nothing is sent.
    await page.keyboard.press('Control+A');
    await page.keyboard.type('25:00');
    await page.keyboard.press('Enter');
    const problem = page.locator('#st-time-entry');
    await problem.waitFor();
    expect(await problem.innerText()).toBe('Enter a time like 19:30');
    expect(await page.locator('#st-time').getAttribute('aria-invalid')).toBe('true');
    expect(await activeId(page)).toBe('st-time');
    expect(suite.hub.store.records.showtimes.count()).toBe(0);

    await page.keyboard.press('Control+A');
    await page.keyboard.type('1930');
    await page.keyboard.press('Tab');
    expect(await page.locator('#st-time').inputValue()).toBe('19:30');
    expect(await problem.count()).toBe(0);
    await page.screenshot({ path: shot('showtime-form-fr.png') });
    await page.locator('#st-time').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => suite.hub.store.records.showtimes.count()).toBe(1);
    // Paris is an hour ahead of UTC in December.
    expect(suite.hub.store.records.showtimes.all()[0]).toMatchObject({
      filmId: 'f1',
      auditoriumId: 'a1',
      startsAt: '2030-12-05T18:30:00.000Z',
    });

    // The copy dialog reads and writes days the same way, and its arrow keys step days.
    await retype(page, page.getByRole('textbox', { name: 'Day', exact: true }), '05/12/2030');
    expect(await page.locator('tr', { hasText: 'Tidewater' }).locator('td.time').innerText()).toBe('19:30');
    await openCopyDay(page);
    expect(await page.locator('#copy-to').inputValue()).toBe('12/12/2030');
    await page.locator('#copy-to').focus();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#copy-to').inputValue()).toBe('11/12/2030');
    expect(await page.locator('#copy-to-last').inputValue()).toBe('11/12/2030');
    await page.screenshot({ path: shot('copy-day-fr.png') });
    await page.keyboard.press('Enter');
    await page.getByRole('status').filter({ hasText: 'Copied 1 show' }).waitFor();
    expect(suite.hub.store.records.showtimes.all().map((s) => s.startsAt)).toContain(
      '2030-12-11T18:30:00.000Z',
    );

    // An announcement's start and end are typed the venue's way too.
    await page.goto(`${suite.hub.url}/admin#/announcements`);
    await page.locator('#ann-text').waitFor();
    await page.locator('#ann-text').fill('Réveillon : séance spéciale');
    for (const [id, text] of [
      ['#ann-start-date', '24/12/2030'],
      ['#ann-start-time', '1930'],
      ['#ann-end-date', '25/12/2030'],
      ['#ann-end-time', '100'],
    ] as const) {
      await page.locator(id).focus();
      await page.keyboard.press('Control+A');
      await page.keyboard.type(text);
      await page.keyboard.press('Tab');
    }
    expect(await page.locator('#ann-end-date').inputValue()).toBe('25/12/2030');
    expect(await page.locator('#ann-end-time').inputValue()).toBe('01:00');
    await page.locator('#ann-start-time').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => suite.hub.store.records.announcements.count()).toBeGreaterThan(0);
    expect(
      suite.hub.store.records.announcements.all().find((a) => a.text === 'Réveillon : séance spéciale'),
    ).toMatchObject({ startsAt: '2030-12-24T18:30:00.000Z', endsAt: '2030-12-25T00:00:00.000Z' });
    await page.screenshot({ path: shot('announcement-fr.png') });
    await page.context().close();
  }, 120_000);

  it('a US venue with a 12-hour clock on a French PC: "7:30p" and month first, arrows step 5 minutes', async () => {
    seed({ timezone: 'America/New_York', locales: ['en-US'], hourCycle: 'h12' });
    const page = await admin('fr-FR', 'Europe/Paris');
    await newShowtime(page);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.type('12/05/2030');
    await page.keyboard.press('Tab');
    // The form's default start, on the venue's clock.
    expect(await page.locator('#st-time').inputValue()).toBe('7:00 PM');
    await page.keyboard.type('7:30p');
    await page.keyboard.press('ArrowUp');
    expect(await page.locator('#st-time').inputValue()).toBe('7:35 PM');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#st-time').inputValue()).toBe('7:25 PM');
    await page.keyboard.press('PageUp');
    expect(await page.locator('#st-time').inputValue()).toBe('8:25 PM');
    await page.keyboard.press('Control+A');
    await page.keyboard.type('7:30p');
    await page.keyboard.press('Tab');
    expect(await page.locator('#st-time').inputValue()).toBe('7:30 PM');
    expect(await page.locator('#st-date').inputValue()).toBe('12/05/2030');
    await page.locator('#st-date-long', { hasText: /^Thu, Dec 5, 2030$/ }).waitFor({ timeout: 5_000 });
    await page.screenshot({ path: shot('showtime-form-en-us-h12.png') });
    await page.locator('#st-time').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => suite.hub.store.records.showtimes.count()).toBe(1);
    // New York is five hours behind UTC in December: 19:30 there is 00:30 the next day in UTC.
    expect(suite.hub.store.records.showtimes.all()[0]?.startsAt).toBe('2030-12-06T00:30:00.000Z');

    const day = page.getByRole('textbox', { name: 'Day', exact: true });
    await retype(page, day, 'Dec 5 2030');
    expect(await day.inputValue()).toBe('12/05/2030');
    // What is shown reads the venue's way too: the list, the day's name, the audit log.
    expect(await page.locator('tr', { hasText: 'Tidewater' }).locator('td.time').innerText()).toBe('7:30 PM');
    await page.getByText('Thu, Dec 5, 2030 · America/New_York').waitFor();
    await openCopyDay(page);
    expect(await page.locator('#copy-to').inputValue()).toBe('12/12/2030');
    // A day the month lacks is named, and the copy is not sent.
    await retype(page, page.locator('#copy-to-last'), '11/31/2030');
    await page.locator('#copy-to-last-entry').filter({ hasText: 'November 2030 has 30 days' }).waitFor();
    await page.screenshot({ path: shot('copy-day-en-us-h12.png') });
    expect(suite.hub.store.records.showtimes.count()).toBe(1);
    await page.getByRole('link', { name: 'Audit log' }).focus();
    await page.keyboard.press('Enter');
    // The audit log's own table (the schedule's list has td.time cells too, until the page changes).
    const when = page.locator('table.audit tbody td.time').first();
    await when.waitFor();
    expect(await when.innerText()).toMatch(/^[A-Z][a-z]{2} \d{1,2}, \d{1,2}:\d\d [AP]M$/);
    await page.context().close();
  }, 120_000);
});
