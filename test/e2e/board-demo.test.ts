import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import { chromiumAndHub } from './support/browser-suite.ts';
import { addLocalDays, fromLocal, toLocal } from '../../main/domain/time.ts';
import {
  artifactsDir,
  keepScreenClock,
  openScreen,
  rendererDir,
  settled,
  visibleChips,
} from '../renderer/support/board-page.ts';

const TZ = 'Asia/Singapore';
const suite = chromiumAndHub({ demo: true, rendererDir: rendererDir() });

/** An instant on today's date in the demo venue, at a wall-clock time. */
const todayAt = (hour: number, minute: number) => {
  const d = toLocal(Date.now(), TZ);
  return fromLocal({ ...d, hour, minute }, TZ);
};
const dateKey = (ms: number) => {
  const d = toLocal(ms, TZ);
  return `${d.year}${String(d.month).padStart(2, '0')}${String(d.day).padStart(2, '0')}`;
};

describe('the demo venue in Chromium', () => {
  it('renders films with posters, the venue clock, the ticker and a live indicator', async () => {
    const page = await openScreen(suite.browser, suite.hub.url + '/');
    await page.locator('[data-film]').first().waitFor();
    await settled(page);
    await page.waitForFunction(() =>
      [...document.querySelectorAll<HTMLImageElement>('[data-page]:not([aria-hidden="true"]) img')].every(
        (img) => img.complete && img.naturalWidth > 0,
      ),
    );
    const clock = await page.getByTestId('clock').innerText();
    const expected = [0, 60_000].map((d) =>
      new Intl.DateTimeFormat('en', { timeZone: TZ, hour: 'numeric', minute: '2-digit', hourCycle: 'h12' })
        .format(Date.now() + d)
        .replace(/\s+/g, ' '),
    );
    expect(expected).toContain(clock.replace(/\s+/g, ' '));
    await expect.poll(() => page.getByTestId('freshness').innerText()).toBe('Live');
    const announcements = suite.hub.store.snapshot().announcements.map((a) => a.text);
    expect(announcements).toContain(await page.getByTestId('ticker').innerText());

    // What the chips say is what the hub holds.
    const threshold = suite.hub.store.venue().settings.fewSeatsThreshold;
    const chips = await visibleChips(page);
    expect(chips.length).toBeGreaterThan(3);
    for (const chip of chips) {
      const show = suite.hub.store.records.showtimes.get(chip.id)!;
      const time = new Intl.DateTimeFormat('en', {
        timeZone: TZ,
        hour: 'numeric',
        minute: '2-digit',
        hourCycle: 'h12',
      })
        .format(Date.parse(show.startsAt))
        .replace(/\s+/g, ' ');
      expect(chip.text.startsWith(time), `${chip.text} starts with ${time}`).toBe(true);
      if (show.status === 'cancelled') expect(chip.text).toContain('Cancelled');
      else if (show.seatsAvailable === 0) expect(chip.text).toContain('Sold out');
      else if (chip.phase === 'upcoming' && show.seatsAvailable <= threshold)
        expect(chip.text).toContain(`${show.seatsAvailable} left`);
    }
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('alternates English and Chinese on the venue timer and turns pages after both', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    const start = todayAt(9, 0);
    await keepScreenClock(page);
    await page.clock.install({ time: start });
    await page.goto(suite.hub.url + '/');
    await page.locator('[data-film]').first().waitFor();
    await page.clock.pauseAt(start + 2_000);
    const heading = () => page.locator('h1').innerText();
    const activePage = () => page.locator('[data-page]:not([aria-hidden="true"])').getAttribute('data-page');
    expect(await heading()).toMatch(/^Today/);
    expect(await activePage()).toBe('0');
    await page.clock.runFor(10_000);
    await expect.poll(heading).toMatch(/^今天/);
    expect(await page.locator('[data-film] h2').first().getAttribute('lang')).toBe('zh-CN');
    expect(await activePage()).toBe('0');
    await page.clock.runFor(10_000);
    await expect.poll(heading).toMatch(/^Today/);
    await expect.poll(activePage).toBe('1');
    await context.close();
  });

  it('turns a show to "seating now" and drops it after its grace period from the clock alone', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    // The IMAX's first show of the day starts at 10:00; seating opens 20 minutes before.
    const id = `st-${dateKey(Date.now())}-aud-1-1`;
    const startsAt = Date.parse(suite.hub.store.records.showtimes.get(id)!.startsAt);
    expect(startsAt).toBe(todayAt(10, 0));
    await keepScreenClock(page);
    await page.clock.install({ time: startsAt - 21 * 60_000 });
    await page.goto(suite.hub.url + '/');
    const chip = page.locator(`[data-showtime="${id}"]`).first();
    await chip.waitFor({ state: 'attached' });
    await page.clock.pauseAt(startsAt - 20 * 60_000 - 5_000);
    expect(await chip.getAttribute('data-phase')).toBe('upcoming');
    await page.clock.runFor(5_000);
    await expect.poll(() => chip.getAttribute('data-phase')).toBe('seating');
    // Jumping ahead (a sleeping machine) fires each due timer once; the board catches up all the same.
    await page.clock.fastForward(20 * 60_000);
    await expect.poll(() => chip.getAttribute('data-phase')).toBe('started');
    await page.clock.fastForward(10 * 60_000);
    await expect.poll(() => page.locator(`[data-showtime="${id}"]`).count()).toBe(0);
    await context.close();
  });

  it('door sign: the running show and the next one, in big type', async () => {
    const context = await suite.browser.newContext({
      viewport: { width: 1920, height: 1080 },
      reducedMotion: 'reduce',
    });
    const page = await context.newPage();
    await keepScreenClock(page);
    await page.clock.install({ time: todayAt(10, 5) });
    await page.goto(suite.hub.url + '/door/aud-1');
    const door = page.getByTestId('door');
    await door.waitFor();
    const first = suite.hub.store.records.showtimes.get(`st-${dateKey(Date.now())}-aud-1-1`)!;
    const second = suite.hub.store.records.showtimes.get(`st-${dateKey(Date.now())}-aud-1-2`)!;
    const film = suite.hub.store.records.films.get(first.filmId)!;
    await expect.poll(() => page.locator('.room').innerText()).toBe('IMAX');
    expect(await page.locator('.feature').getAttribute('data-showtime')).toBe(first.id);
    expect(await page.locator('.feature .badge').innerText()).toMatch(/now showing/i);
    expect(await page.locator('.feature .title').innerText()).toBe(film.title);
    expect(await page.getByTestId('door-line').first().getAttribute('data-showtime')).toBe(second.id);
    const titleSize = await page
      .locator('.feature .title')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(titleSize).toBeGreaterThan(0.08 * 1080);
    await page.screenshot({ path: join(artifactsDir(), 'door-landscape-1080p.png') });
    await context.close();
  });

  it('sends a heartbeat the hub accepts', async () => {
    const context = await suite.browser.newContext();
    const page = await context.newPage();
    const request = page.waitForRequest((r) => r.url().endsWith('/api/displays/heartbeat'));
    await page.goto(`${suite.hub.url}/door/aud-2?display=door-2`);
    const beat = await request;
    const body = beat.postDataJSON() as Record<string, unknown>;
    expect(body).toMatchObject({ displayId: 'door-2', role: 'door', auditoriumId: 'aud-2' });
    expect(Date.parse(String(body['lastFrameAt']))).toBeGreaterThan(Date.now() - 60_000);
    expect((await beat.response())?.status()).toBe(200);
    await context.close();
  });
});

// Keep the helper honest: tomorrow's date key differs from today's.
it('dateKey moves with the venue day', () => {
  expect(dateKey(addLocalDays(Date.now(), 1, TZ))).not.toBe(dateKey(Date.now()));
});
