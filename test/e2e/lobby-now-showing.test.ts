import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DisplayList } from '../../main/domain/admin-answers.ts';
import { packageRoot } from '../../main/paths.ts';
import { keepScreenClock, rendererDir } from '../renderer/support/board-page.ts';
import { signIn } from '../support/http.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { adminByKeyboard, press } from './support/admin-page.ts';
import { chromiumAndHub } from './support/browser-suite.ts';
import { msLeft } from './support/lobby-page.ts';

/**
 * "The displays page shows what each screen is playing now" (issue 17 item
 * 5): a real Chromium lobby on a board → spotlight playlist with its clock
 * faked; the hub's admin answer and the admin's Displays page name the page on
 * screen, and follow it when the player turns the page.
 */
const suite = chromiumAndHub({ adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

const SHOTS = join(packageRoot(), 'test-results', 'lobby-displays');
const FINALS = '/work/shots/lobby-displays';
const AFTERNOON = Date.parse('2030-11-15T14:00:00Z');

async function shot(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(FINALS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  copyFileSync(path, join(FINALS, `${name}.png`));
}

function seed(): void {
  const { store } = suite.hub;
  store.apply([
    { type: 'venue', data: { ...store.venue(), name: 'Marquee Riverside', timezone: 'Europe/London' } },
    {
      type: 'auditorium.upsert',
      data: { id: 'aud-4', name: 'Screen 4', capacity: 200, source: 'local' },
    },
    {
      type: 'film.upsert',
      data: { id: 'f-orbit', title: 'Orbit Nine', runtimeMinutes: 141, tags: [], source: 'local' },
    },
    {
      type: 'showtime.upsert',
      data: {
        id: 'st-1910',
        filmId: 'f-orbit',
        auditoriumId: 'aud-4',
        startsAt: '2030-11-15T19:10:00.000Z',
        tags: [],
        capacity: 200,
        seatsAvailable: 14,
        status: 'scheduled',
        source: 'local',
      },
    },
    {
      type: 'playlist.upsert',
      data: {
        id: 'pl-lobby',
        name: 'Lobby',
        role: 'board',
        source: 'local',
        pages: [
          { kind: 'board', seconds: 20 },
          { kind: 'spotlight', filmId: 'f-orbit', seconds: 12 },
        ],
      },
    },
  ]);
}

/** The hub's admin answer for the one screen, read as the admin page reads it. */
async function showingOnHub(cookie: string | undefined) {
  const res = await fetch(`${suite.hub.url}/api/admin/displays`, { headers: { Cookie: cookie ?? '' } });
  const list = DisplayList.parse(await res.json());
  return list.displays.find((d) => d.displayId === 'lobby-1')?.showing ?? null;
}

describe('the displays page shows what each screen is playing now', () => {
  it('names the page on screen and follows the player as it turns the page', async () => {
    seed();
    const { Cookie: cookie } = await signIn(suite.hub.url, TEST_PASSWORD);

    const screenContext = await suite.browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const screen = await screenContext.newPage();
    await keepScreenClock(screen);
    await screen.clock.install({ time: AFTERNOON });
    await screen.goto(`${suite.hub.url}/?display=lobby-1`);
    await screen.locator('[data-film]').first().waitFor({ timeout: 15_000 });
    await screen.clock.pauseAt(AFTERNOON + 5_000);
    // Past the early beat the first page's coming on asked for (at most 5 s after the first beat).
    await screen.clock.runFor(5_000);

    await expect.poll(() => showingOnHub(cookie).then((s) => s?.kind), { timeout: 10_000 }).toBe('board');

    const admin = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    await press(admin, 'link', 'Displays');
    const cell = admin.locator('[data-playing]').first();
    await expect.poll(() => cell.innerText(), { timeout: 10_000 }).toMatch(/^Board, \d+ s$/);

    // The board's 20 s end on the screen's clock; the spotlight comes on and the screen beats early.
    await screen.clock.runFor((await msLeft(screen, 20)) + 500);
    await screen.locator('[data-lobby-page="spotlight"]').waitFor({ timeout: 2_000 });
    await screen.clock.runFor(6_000);
    await expect
      .poll(() => showingOnHub(cookie), { timeout: 10_000 })
      .toMatchObject({ kind: 'spotlight', id: 'f-orbit', title: 'Orbit Nine' });
    // Its "since" is when it came on by the screen's clock (about 6 s ago), not when the beat arrived.
    const on = await showingOnHub(cookie);
    const age = Date.now() - Date.parse(on!.since);
    expect(age).toBeGreaterThanOrEqual(4_000);
    expect(age).toBeLessThan(15_000);
    await expect.poll(() => cell.innerText(), { timeout: 10_000 }).toMatch(/^Spotlight: Orbit Nine, \d+ s$/);
    await shot(admin, 'displays-1366x768');

    // And back to the board when the spotlight's 12 s are up.
    await screen.clock.runFor((await msLeft(screen, 12)) + 500);
    await screen.locator('[data-lobby-page="spotlight"]').waitFor({ state: 'detached', timeout: 2_000 });
    await screen.clock.runFor(6_000);
    await expect.poll(() => showingOnHub(cookie).then((s) => s?.kind), { timeout: 10_000 }).toBe('board');
    await expect.poll(() => cell.innerText(), { timeout: 10_000 }).toMatch(/^Board, \d+ s$/);
    await screenContext.close();
    await admin.context().close();
  }, 90_000);
});
