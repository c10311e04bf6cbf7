import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { chromiumAndHub } from './support/browser-suite.ts';
import { toLocal } from '../../main/domain/time.ts';
import { rendererDir } from '../renderer/support/board-page.ts';
import { call, signIn } from '../support/http.ts';
import { TEST_PASSWORD, startTestHub } from '../support/test-hub.ts';
import { AdminAuth } from '../../main/api/auth/admin-auth.ts';

const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

type AdminPage = Page & { problems: string[] };

/** The admin at 1366×768, recording page errors and CSP violations. */
async function openAdmin(): Promise<AdminPage> {
  const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 } });
  const page = Object.assign(await context.newPage(), { problems: [] as string[] });
  page.on('pageerror', (err) => page.problems.push(String(err)));
  page.on('console', (msg) => {
    if (msg.type() === 'error' && /Content Security Policy|Refused to/i.test(msg.text()))
      page.problems.push(msg.text());
  });
  await page.goto(`${suite.hub.url}/admin`);
  return page;
}

/** Signs in with the keyboard only: the name field has focus (left blank: the first manager), Tab, Enter submits. */
async function signInByKeyboard(page: Page): Promise<void> {
  await page.locator('#password').waitFor();
  expect(await page.evaluate(() => document.activeElement?.id)).toBe('name');
  await page.keyboard.press('Tab');
  await page.keyboard.type(TEST_PASSWORD);
  await page.keyboard.press('Enter');
  await page.getByRole('navigation', { name: 'Admin sections' }).waitFor();
}

/**
 * Venue date and time (Asia/Singapore for the demo) `minutes` from now, on a
 * 5-minute grid: as the API writes them, and as staff type them in the demo's
 * English (month first, 12-hour) boxes.
 */
function venueSlot(minutes: number): {
  date: string;
  time: string;
  iso: string;
  typed: { date: string; time: string };
} {
  const ms = Math.ceil((Date.now() + minutes * 60_000) / 300_000) * 300_000;
  const l = toLocal(ms, suite.hub.store.venue().timezone);
  const p = (n: number) => String(n).padStart(2, '0');
  return {
    date: `${l.year}-${p(l.month)}-${p(l.day)}`,
    time: `${p(l.hour)}:${p(l.minute)}`,
    iso: new Date(ms).toISOString(),
    typed: {
      date: `${p(l.month)}/${p(l.day)}/${l.year}`,
      time: `${l.hour % 12 === 0 ? 12 : l.hour % 12}${p(l.minute)}${l.hour < 12 ? 'a' : 'p'}`,
    },
  };
}

describe('admin in Chromium', () => {
  let audId: string;

  it('signs in, adds an auditorium and a showtime, and the showtime reaches other screens within a second', async () => {
    const page = await openAdmin();
    await signInByKeyboard(page);
    await page.locator('table.list tbody tr').first().waitFor();

    // A fresh auditorium keeps the demo's dense schedule out of the way.
    await page.getByRole('link', { name: 'Auditoriums' }).click();
    await page.locator('#aud-name').fill('Screen 13');
    await page.locator('#aud-capacity').fill('64');
    await page.getByRole('button', { name: 'Add auditorium' }).click();
    await page.getByText('Added Screen 13.').waitFor();
    audId = suite.hub.store.records.auditoriums.all().find((a) => a.name === 'Screen 13')!.id;

    // Another screen: the door sign of that auditorium, and a bare EventSource.
    const door = await suite.browser.newPage();
    await door.goto(`${suite.hub.url}/door/${audId}`);
    await door.locator('[data-testid="door"]').waitFor();
    await door.evaluate(() => {
      const w = window as unknown as { heardAt?: number };
      const es = new EventSource('/events');
      es.addEventListener('showtime.upsert', () => (w.heardAt ??= Date.now()));
    });

    await page.getByRole('link', { name: 'Schedule' }).click();
    await page.getByRole('button', { name: 'New showtime' }).click();
    const slot = venueSlot(60);
    await page.locator('#st-film').selectOption('film-tidewater');
    await page.locator('#st-aud').selectOption(audId);
    await page.locator('#st-date').fill(slot.typed.date);
    await page.locator('#st-time').fill(slot.typed.time);
    const clickedAt = await page.evaluate(() => Date.now());
    await page.getByRole('button', { name: 'Add showtime' }).click();

    await door.waitForFunction(
      () => (window as unknown as { heardAt?: number }).heardAt !== undefined,
      null,
      {
        timeout: 5_000,
      },
    );
    const heardAt = await door.evaluate(() => (window as unknown as { heardAt: number }).heardAt);
    expect(heardAt - clickedAt).toBeLessThan(1_000);
    const show = suite.hub.store.records.showtimes.all().find((s) => s.auditoriumId === audId)!;
    expect(show).toMatchObject({
      filmId: 'film-tidewater',
      startsAt: slot.iso,
      capacity: 64,
      seatsAvailable: 64,
    });
    // The door sign itself shows it, without a reload.
    await door.locator(`[data-showtime="${show.id}"]`).waitFor({ timeout: 1_000 });

    // The admin lists it on the day it was added for.
    await page.getByRole('textbox', { name: 'Day', exact: true }).fill(slot.typed.date);
    await page.locator(`tr[data-id="${show.id}"]`).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(1366);
    expect(page.problems).toEqual([]);
    await page.context().close();
    await door.close();
  });

  it('shows a version conflict instead of overwriting', async () => {
    const show = suite.hub.store.records.showtimes.all().find((s) => s.auditoriumId === audId)!;
    const page = await openAdmin();
    await signInByKeyboard(page);
    await page.getByRole('textbox', { name: 'Day', exact: true }).fill(venueSlot(60).typed.date);
    await page.locator(`tr[data-id="${show.id}"]`).getByRole('button', { name: 'Edit' }).click();
    await page.getByRole('checkbox', { name: 'Premiere' }).check();

    // Meanwhile the box office changes the same show.
    const other = await signIn(suite.hub.url, TEST_PASSWORD);
    const current = suite.hub.store.records.showtimes.get(show.id)!;
    const res = await call(`${suite.hub.url}/api/admin/showtimes/${show.id}`, {
      method: 'PUT',
      headers: other,
      body: {
        ...current,
        id: undefined,
        source: undefined,
        tags: ['Sold out soon'],
        capacity: 64,
        seatsAvailable: 10,
      },
    });
    expect(res.status).toBe(200);

    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByText('Someone else changed this while you were editing').waitFor();
    expect(suite.hub.store.records.showtimes.get(show.id)).toMatchObject({
      tags: ['Sold out soon'],
      seatsAvailable: 10,
    });
    await page.getByRole('button', { name: 'Discard mine, load theirs' }).click();
    expect(await page.getByRole('checkbox', { name: 'Sold out soon' }).isChecked()).toBe(true);
    expect(await page.getByRole('checkbox', { name: 'Premiere' }).isChecked()).toBe(false);
    expect(await page.locator('#st-seats').inputValue()).toBe('10');
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it('imports nothing from a CSV with one bad row, and says which', async () => {
    const page = await openAdmin();
    await signInByKeyboard(page);
    await page.getByRole('link', { name: 'Import CSV' }).click();
    const day = venueSlot(10 * 24 * 60).date;
    const csv = [
      'date,time,auditorium,film,tags',
      `${day},10:00,Screen 13,Tidewater,IMAX`,
      `${day},13:00,Screen 13,No Such Film,`,
      `${day},17:00,Screen 13,Tidewater,`,
    ].join('\n');
    await page.locator('#csv-text').fill(csv);
    const seq = suite.hub.store.seq;
    const count = suite.hub.store.records.showtimes.count();
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const alert = page.getByRole('alert');
    await alert.getByText('nothing was imported').waitFor();
    await expect
      .poll(() => alert.locator('tbody tr').allInnerTexts())
      .toEqual([expect.stringMatching(/line 3\s+film\s+"No Such Film" matches no id or title/)]);
    expect(suite.hub.store.seq).toBe(seq);
    expect(suite.hub.store.records.showtimes.count()).toBe(count);

    // Fixed, it goes in whole.
    await page.locator('#csv-text').fill(csv.replace('No Such Film', 'Tidewater'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await page.getByText('Imported 3 showtimes.').waitFor();
    expect(suite.hub.store.records.showtimes.count()).toBe(count + 3);
    expect(page.problems).toEqual([]);
    await page.context().close();
  });

  it('sets the first password on a fresh hub from the set-up screen', async () => {
    const fresh = await startTestHub({ rendererDir: rendererDir() });
    try {
      const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${fresh.url}/admin`);
      await page.getByText('Make the first manager account').waitFor();
      await page.locator('#name').fill('Ana Duarte');
      await page.locator('#password').fill('a new venue password');
      await page.locator('#repeat').fill('a different one');
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await page.getByText('does not match the password above').waitFor();
      expect(fresh.store.staff.any()).toBe(false);
      await page.locator('#repeat').fill('a new venue password');
      await page.getByRole('button', { name: 'Set password and sign in' }).click();
      await page.getByRole('navigation', { name: 'Admin sections' }).waitFor();
      expect(fresh.store.staff.firstManager()).toMatchObject({ name: 'Ana Duarte', role: 'manager' });
      expect(fresh.store.staff.firstManager()?.passwordHash).toMatch(/^scrypt\$/);
      await context.close();
    } finally {
      await fresh.stop();
    }
  });

  it('changes the password from the form, revoking every API token when asked', async () => {
    const fresh = await startTestHub({ adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });
    try {
      const { token } = new AdminAuth(fresh.store).createApiToken('Till 1');
      const context = await suite.browser.newContext({ viewport: { width: 1366, height: 768 } });
      const page = await context.newPage();
      await page.goto(`${fresh.url}/admin`);
      await page.locator('#password').fill(TEST_PASSWORD);
      await page.keyboard.press('Enter');
      await page.getByRole('link', { name: 'Sign-in & tokens' }).click();
      await page.getByText('Till 1').waitFor();
      await page.locator('#pw-current').fill(TEST_PASSWORD);
      await page.locator('#pw-new').fill('the next venue password');
      await page.getByLabel('Also revoke every API token').check();
      await page.getByRole('button', { name: 'Change password' }).click();
      await page.getByText('every API token revoked').waitFor();
      await page.getByText(/^Revoked /).waitFor();
      const bearer = { Authorization: `Bearer ${token}` };
      expect((await call(`${fresh.url}/api/admin/state`, { headers: bearer })).status).toBe(401);
      await signIn(fresh.url, 'the next venue password');
      await context.close();
    } finally {
      await fresh.stop();
    }
  });
});
