import { beforeAll, describe, expect, it } from 'vitest';
import { chromiumAndHub } from './support/browser-suite.ts';
import { adminByKeyboard, adminShot, press } from './support/admin-page.ts';
import { rendererDir } from '../renderer/support/board-page.ts';
import type { Change } from '../../main/domain/events.ts';
import { localShow } from '../support/showtime-fixture.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';

const suite = chromiumAndHub({ adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

/** A small venue in UTC with a week of shows, 2030-05-06 to 2030-05-12, and one show already on the next Wednesday. */
function seedWeek(): void {
  const store = suite.hub.store;
  const show = (id: string, filmId: string, auditoriumId: string, startsAt: string): Change => ({
    type: 'showtime.upsert',
    data: localShow(id, startsAt, { filmId, auditoriumId }),
  });

  const changes: Change[] = [
    { type: 'venue', data: { ...store.venue(), timezone: 'UTC' } },
    { type: 'auditorium.upsert', data: { id: 'a1', name: 'Screen 1', capacity: 100, source: 'local' } },
    { type: 'auditorium.upsert', data: { id: 'a2', name: 'Screen 2', capacity: 100, source: 'local' } },
    {
      type: 'film.upsert',
      data: { id: 'f1', title: 'Tidewater', runtimeMinutes: 100, tags: [], source: 'local' },
    },
    {
      type: 'film.upsert',
      data: { id: 'f2', title: 'Lanterns', runtimeMinutes: 120, tags: [], source: 'local' },
    },
    show('wed-next', 'f2', 'a1', '2030-05-15T13:00:00Z'),
    show('wed-late', 'f1', 'a1', '2030-05-15T17:00:00Z'),
  ];
  for (let d = 6; d <= 12; d++) {
    const day = `2030-05-${String(d).padStart(2, '0')}`;
    changes.push(
      show(`d${d}-a`, 'f1', 'a1', `${day}T14:00:00Z`),
      show(`d${d}-b`, 'f2', 'a2', `${day}T19:00:00Z`),
    );
  }
  store.apply(changes);
}

describe('a week in minutes, safely (admin in Chromium, 1366×768, keyboard)', () => {
  beforeAll(seedWeek);

  it('copies a week onto the next skipping a clash, names the skipped show, and undoes the copy', async () => {
    const before = suite.hub.store.records.showtimes.all().length;
    const page = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    await page.getByRole('textbox', { name: 'Day', exact: true }).fill('05/06/2030');
    await press(page, 'button', 'Copy day…');
    await page.locator('#copy-from-last').fill('5/12/30');
    await page.locator('#copy-to').fill('5/13/30');
    expect(await page.locator('#copy-to-last').inputValue()).toBe('05/19/2030');
    await page.locator('#copy-to-last').focus();
    await page.keyboard.press('Enter');
    const skipped = page.getByRole('list', { name: 'Shows left out' });
    await skipped.waitFor();
    const text = await skipped.innerText();
    // In the venue's words (an en-US venue: month first, 12-hour), not the hub's ISO-like label.
    expect(text).toContain('“Tidewater” in Screen 1 at May 15, 2:00 PM');
    expect(text).toContain('clashes with “Lanterns” at 1:00 PM');
    expect(text).not.toMatch(/st-|f1|a1\b/);
    expect(await page.getByRole('status').filter({ hasText: 'Copied 13 shows' }).count()).toBe(1);
    await page.screenshot({ path: adminShot('week-copy-skipped.png') });
    expect(suite.hub.store.records.showtimes.all()).toHaveLength(before + 13);

    await press(page, 'link', 'Audit log');
    const undo = page.getByRole('button', { name: /^Undo: Copied 13 showtime/ });
    await undo.waitFor();
    await page.screenshot({ path: adminShot('week-audit-undo.png') });
    await undo.focus();
    await page.keyboard.press('Enter');
    await page.getByText(/^Undone: Copied 13/).waitFor();
    expect(suite.hub.store.records.showtimes.all()).toHaveLength(before);
    await page.getByText(/^Undid entry #\d+: Copied 13/).waitFor();
    await page.screenshot({ path: adminShot('week-undone.png') });
    await page.context().close();
  }, 120_000);

  it('asks once before cancelling a show, saying what guests will see, and the cancel can be undone', async () => {
    const page = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    await page.getByRole('textbox', { name: 'Day', exact: true }).fill('05/08/2030');
    const row = page.locator('tr', { hasText: 'Tidewater' });
    await row.getByRole('button', { name: 'Cancel show…' }).focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: /Cancel “Tidewater” at 2:00 PM in Screen 1\?/ });
    await dialog.waitFor();
    expect(await dialog.innerText()).toContain('Guests will see it marked Cancelled');
    // The safe choice has focus: Enter right away keeps the show.
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Keep it');
    await page.screenshot({ path: adminShot('week-cancel-confirm.png') });
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'detached' });
    const show = () => suite.hub.store.records.showtimes.get('d8-a')!;
    expect(show().status).toBe('scheduled');
    await row.getByRole('button', { name: 'Cancel show…' }).focus();
    await page.keyboard.press('Enter');
    await press(page, 'button', 'Cancel the show');
    await page.getByText('Cancelled “Tidewater” at 2:00 PM.').waitFor();
    expect(show().status).toBe('cancelled');
    await press(page, 'link', 'Audit log');
    await press(page, 'button', /^Undo: Cancelled showtime/);
    await page.getByText(/^Undone: Cancelled showtime/).waitFor();
    expect(show().status).toBe('scheduled');
    await page.context().close();
  }, 120_000);

  it('shows one auditorium’s day as a timeline, and shows a clash before a move is saved', async () => {
    const page = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    await page.getByRole('textbox', { name: 'Day', exact: true }).fill('05/15/2030');
    await page.getByLabel('Auditorium').selectOption({ label: 'Screen 1' });
    const view = page.getByRole('region', { name: 'Day view of Screen 1' });
    await view.waitFor();
    expect(await view.innerText()).toContain('min free');
    await press(page, 'button', 'Move or extend “Lanterns” at 1:00 PM');
    await page.locator('#move-time').fill('3:30p');
    const clash = view.getByRole('alert');
    await clash.waitFor();
    expect(await clash.innerText()).toContain('Clashes with “Tidewater” 5:00 PM–7:10 PM');
    expect(await view.getByRole('button', { name: 'Save' }).isDisabled()).toBe(true);
    await page.screenshot({ path: adminShot('week-day-view-clash.png') });
    await page.locator('#move-time').fill('2p');
    await clash.waitFor({ state: 'detached' });
    await press(page, 'button', 'Save');
    await page.getByText('Moved “Lanterns” to 2:00 PM.').waitFor();
    expect(suite.hub.store.records.showtimes.get('wed-next')?.startsAt).toBe('2030-05-15T14:00:00.000Z');
    await page.context().close();
  }, 120_000);
});
