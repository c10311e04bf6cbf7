import { copyFileSync, mkdirSync } from 'node:fs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { chromiumAndHub } from './support/browser-suite.ts';
import { adminByKeyboard, adminShot, press } from './support/admin-page.ts';
import type { Change } from '../../main/domain/events.ts';
import { localShow } from '../support/showtime-fixture.ts';
import { rendererDir } from '../renderer/support/board-page.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { entryFormat } from '../../renderer/admin/date-time-entry.ts';

// The hub reads the clock it was given at start: a fake Date (running on with real time), so the test can
// jump past the 45 s after which a closed screen counts as stalled instead of waiting for it.
vi.useFakeTimers({ toFake: ['Date'], shouldAdvanceTime: true });
afterAll(() => vi.useRealTimers());

const suite = chromiumAndHub({ adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

/** Open now: a show that started 30 min ago (seating 20 min before it) and one in 3 h. */
function seedOpenDay(): void {
  const store = suite.hub.store;
  const at = (min: number) =>
    new Date(Math.round((Date.now() + min * 60_000) / 60_000) * 60_000).toISOString();
  const show = (id: string, startsAt: string): Change => ({
    type: 'showtime.upsert',
    data: localShow(id, startsAt, { capacity: 80, seatsAvailable: 80 }),
  });

  store.apply([
    { type: 'venue', data: { ...store.venue(), timezone: 'UTC' } },
    { type: 'auditorium.upsert', data: { id: 'a1', name: 'Screen 1', capacity: 80, source: 'local' } },
    {
      type: 'film.upsert',
      data: { id: 'f1', title: 'Tidewater', runtimeMinutes: 100, tags: [], source: 'local' },
    },
    show('now', at(-30)),
    show('later', at(180)),
  ]);
}

describe('screens you can find (admin in Chromium, 1366×768, keyboard)', () => {
  it('pairs a new browser screen by its code, names it, and warns in the header when its page closes', async () => {
    seedOpenDay();
    const admin = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    await press(admin, 'link', 'Displays');
    await press(admin, 'button', 'Pair screens…');
    await admin.getByRole('status').filter({ hasText: 'Pairing is on' }).waitFor();

    const screenContext = await suite.browser.newContext({ viewport: { width: 1366, height: 768 } });
    const screen = await screenContext.newPage();
    await screen.clock.install();
    await screen.goto(`${suite.hub.url}/`);
    const badge = screen.getByTestId('pairing-code');
    await badge.waitFor();
    // A corner badge over the board, never instead of it.
    await screen.locator('[data-role="board"]').waitFor();
    const code = (await badge.locator('.code').innerText()).trim();
    expect(code).toMatch(/^[A-Z2-9]{4}$/);
    await screen.screenshot({ path: adminShot('week-screen-code.png') });

    await admin.locator('#pair-code').focus();
    await admin.keyboard.type(code);
    await admin.keyboard.press('Tab');
    await admin.keyboard.type('Lobby left');
    await admin.keyboard.press('Enter');
    await admin.getByText('Paired “Lobby left”.').waitFor();
    await admin.locator('td strong', { hasText: 'Lobby left' }).waitFor();
    // This venue has no name yet: the screen shows the holding screen, and says so.
    await screen.getByTestId('holding').waitFor();
    await admin
      .locator('tr', { hasText: 'Lobby left' })
      .getByText('Holding screen (the venue is not set up)')
      .waitFor({ timeout: 20_000 });
    await admin.screenshot({ path: adminShot('week-displays-paired.png') });

    // Renamed and given a new role from its row, by keyboard; audited.
    await press(admin, 'button', 'Rename or re-role Lobby left');
    await admin.locator('#rename-name').fill('');
    await admin.locator('#rename-name').focus();
    await admin.keyboard.type('Lobby right');
    await admin.locator('#rename-role').selectOption('departures');
    await admin.locator('#rename-name').focus();
    await admin.keyboard.press('Enter');
    await admin.getByText('Saved: the screen takes its new name and role within 15 s.').waitFor();
    await admin.locator('td', { hasText: 'Lobby right · departures' }).waitFor();
    await admin.screenshot({ path: adminShot('displays-renamed.png') });
    mkdirSync('/work/shots/lobby-displays', { recursive: true });
    copyFileSync(
      adminShot('displays-renamed.png'),
      '/work/shots/lobby-displays/displays-renamed-1366x768.png',
    );
    const audit = suite.hub.store.audit.page(1)[0];
    expect(audit).toMatchObject({ action: 'display.rename' });

    // The screen learns its name from its next heartbeat (15 s on its own clock), and drops the code.
    await screen.clock.runFor(16_000);
    await badge.waitFor({ state: 'detached' });

    await screenContext.close();
    // 45 s without a heartbeat is "silent"; jump the hub's clock past it, then let the header re-read.
    vi.setSystemTime(Date.now() + 60_000);
    await admin.reload();
    const alert = admin.getByRole('alert').filter({ hasText: 'Screen “Lobby right” stalled' });
    await alert.waitFor();
    // When, on the venue's own clock (this venue's is 12-hour), not always 24-hour.
    const h12 = entryFormat(suite.hub.store.venue()).hourCycle === 'h12';
    expect(h12).toBe(true);
    expect(await alert.innerText()).toMatch(/stalled at \d{1,2}:\d\d [AP]M/);
    await admin.screenshot({ path: adminShot('week-header-stalled.png') });
    await press(admin, 'button', 'Acknowledge: screen Lobby right stalled');
    await alert.waitFor({ state: 'detached' });
    await admin.context().close();
  }, 120_000);
});
