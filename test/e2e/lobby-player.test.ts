import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { bookingUrl } from '../../main/domain/booking.ts';
import type { Change } from '../../main/domain/events.ts';
import { packageRoot } from '../../main/paths.ts';
import { keepScreenClock, rendererDir } from '../renderer/support/board-page.ts';
import { checkLayout } from '../renderer/support/layout-check.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { chromiumAndHub } from './support/browser-suite.ts';
import { msLeft } from './support/lobby-page.ts';

/**
 * The lobby player in real Chromium at 1920×1080 with the page's clock faked
 * (Playwright's clock: `Date`, timers): board → spotlight → WebM promo →
 * board, each for its duration; a breakfast slide only before 11:00; the
 * spotlight's QR code decoded from a screenshot; the network pulled
 * mid-playlist; an urgent announcement stopping the clip.
 */
const suite = chromiumAndHub({ adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });

const SHOTS = join(packageRoot(), 'test-results', 'lobby');
const FINALS = '/work/shots/lobby';
const TEMPLATE = 'https://tickets.example.com/book/{externalId}?show={showtimeId}';
/** Friday 15 November 2030, 14:00 in London (GMT). */
const AFTERNOON = Date.parse('2030-11-15T14:00:00Z');
const MORNING = Date.parse('2030-11-15T10:58:00Z');

const SHOW = {
  filmId: 'f-orbit',
  auditoriumId: 'aud-4',
  tags: [],
  capacity: 200,
  status: 'scheduled' as const,
  source: 'local' as const,
};

function venue(): Change[] {
  return [
    {
      type: 'venue',
      data: {
        id: 'v',
        name: 'Marquee Riverside',
        timezone: 'Europe/London',
        locales: ['en'],
        settings: {
          seatingMinutes: 20,
          graceMinutes: 10,
          cleaningMinutes: 15,
          staleAfterMinutes: 30,
          languageSeconds: 10,
          hourCycle: 'h23',
          businessDayStartsAt: '04:00',
          preShowMinutes: 15,
          fewSeatsThreshold: 20,
          fewSeats: { percent: 0, floor: 20 },
          tags: [],
          bookingUrl: TEMPLATE,
        },
      },
    },
    {
      type: 'auditorium.upsert',
      data: { id: 'aud-4', name: 'Screen 4', label: '4', capacity: 200, source: 'local' },
    },
    {
      type: 'film.upsert',
      data: { id: 'f-orbit', title: 'Orbit Nine', runtimeMinutes: 141, tags: [], source: 'local' },
    },
    // Sold out, so its code is never shown; the 19:10 is the next one to book.
    {
      type: 'showtime.upsert',
      data: {
        ...SHOW,
        id: 'st-1630',
        startsAt: '2030-11-15T16:30:00.000Z',
        seatsAvailable: 0,
        externalId: 'vz-1630',
      },
    },
    {
      type: 'showtime.upsert',
      data: {
        ...SHOW,
        id: 'st-1910',
        startsAt: '2030-11-15T19:10:00.000Z',
        seatsAvailable: 14,
        externalId: 'vz-1910',
      },
    },
  ];
}

/** A two-second WebM of a moving colour field, recorded from a canvas by Chromium itself (no ffmpeg here). */
async function recordWebm(page: Page): Promise<Buffer> {
  const base64 = await page.evaluate(async () => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 180;
    const g = canvas.getContext('2d')!;
    const recorder = new MediaRecorder(canvas.captureStream(25), { mimeType: 'video/webm;codecs=vp8' });
    const chunks: Blob[] = [];
    recorder.ondataavailable = (e) => chunks.push(e.data);
    const done = new Promise((resolve) => (recorder.onstop = resolve));
    recorder.start(100);
    const started = performance.now();
    await new Promise<void>((resolve) => {
      const frame = () => {
        const t = performance.now() - started;
        g.fillStyle = `hsl(${(t / 10) % 360} 80% 50%)`;
        g.fillRect(0, 0, 320, 180);
        if (t < 2_000) requestAnimationFrame(frame);
        else resolve();
      };
      frame();
    });
    recorder.stop();
    await done;
    const bytes = new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
    let text = '';
    for (const b of bytes) text += String.fromCharCode(b);
    return btoa(text);
  });
  return Buffer.from(base64, 'base64');
}

// jsqr is CommonJS with `exports.default`: Node's ESM import hands over the exports object.
const jsQR = jsQRModule.default;

/** Decodes the QR code in a real screenshot of `selector`: the PNG is read back to pixels in the page. */
async function decodeQr(page: Page, selector: string): Promise<string | undefined> {
  const png = await page.locator(selector).screenshot();
  mkdirSync(SHOTS, { recursive: true });
  const pixels = await page.evaluate(async (data) => {
    const img = new Image();
    img.src = `data:image/png;base64,${data}`;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = img.naturalWidth;
    canvas.height = img.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(img, 0, 0);
    const { data: rgba, width, height } = g.getImageData(0, 0, canvas.width, canvas.height);
    return { rgba: Array.from(rgba), width, height };
  }, png.toString('base64'));
  return jsQR(Uint8ClampedArray.from(pixels.rgba), pixels.width, pixels.height)?.data;
}

const shot = async (page: Page, name: string) => {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(FINALS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path });
  copyFileSync(path, join(FINALS, `${name}.png`));
};

/** Runs the page's clock to 0.5 s before the current page (of `seconds`) ends, then checks it is still on. */
async function holdsFor(page: Page, kind: string, seconds: number): Promise<void> {
  expect(await lobbyPage(page)).toBe(kind);
  await page.clock.runFor((await msLeft(page, seconds)) - 500);
  expect(await lobbyPage(page)).toBe(kind);
  await page.clock.runFor(1_000);
}

const lobbyPage = (page: Page) =>
  page.evaluate(
    () => document.querySelector<HTMLElement>('[data-lobby-page]')?.dataset['lobbyPage'] ?? 'board',
  );

async function openLobby(at: number): Promise<Page & { errors: string[] }> {
  const context = await suite.browser.newContext({
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
  });
  const page = Object.assign(await context.newPage(), { errors: [] as string[] });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  // The page's clock is the test's: the hub's (real) time must not correct it.
  await keepScreenClock(page);
  await page.clock.install({ time: at });
  await page.goto(`${suite.hub.url}/?display=lobby-1`);
  await page.locator('[data-film]').first().waitFor({ timeout: 15_000 });
  // From here only the test moves the page's clock.
  await page.clock.pauseAt(at + 10_000);
  return page;
}

let ready: Promise<void> | undefined;
/** The venue, the clip (made in Chromium, uploaded as staff would) and the playlist, once per file. */
const venueReady = () => (ready ??= setUp());

async function setUp(): Promise<void> {
  const { hub } = suite;
  hub.store.apply(venue());
  // The clip, made in Chromium and uploaded like staff would.
  const maker = await suite.browser.newPage();
  await maker.goto(`${hub.url}/api/health`);
  const webm = await recordWebm(maker);
  await maker.close();
  const login = await fetch(`${hub.url}/api/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password: TEST_PASSWORD }),
  });
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const auth = { Cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'X-CSRF-Token': csrfToken };
  const up = await fetch(`${hub.url}/api/admin/media/upload?id=m-trailer&name=Trailer`, {
    method: 'POST',
    headers: auth,
    body: new Uint8Array(webm),
  });
  expect(up.status).toBe(201);
  hub.store.apply([
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
          { kind: 'video', mediaId: 'm-trailer' },
          { kind: 'spotlight', filmId: 'f-orbit', seconds: 8, from: '06:00', until: '11:00' },
        ],
      },
    },
  ]);
}

describe('the lobby player', () => {
  it('plays board → spotlight → WebM promo → board on time, keeps playing offline, yields to urgent', async () => {
    const { hub } = suite;
    await venueReady();
    const page = await openLobby(AFTERNOON);
    await shot(page, '1-board');
    await holdsFor(page, 'board', 20);
    await page.locator('[data-lobby-page="spotlight"]').waitFor({ timeout: 2_000 });
    await page.locator('.qr svg').waitFor();
    await shot(page, '2-spotlight');
    expect(await decodeQr(page, '.qr .code')).toBe(
      bookingUrl(TEMPLATE, { id: 'st-1910', externalId: 'vz-1910' }),
    );
    // Every time today with its screen and seats; the sold-out one says so.
    expect(await page.locator('[data-showtime="st-1630"]').innerText()).toMatch(
      /^(16:30|4:30 PM)\s+4\s+Sold out$/,
    );
    // Plenty of seats says nothing, as on the board and the door: a quiet dot, never "Available".
    hub.store.apply([{ type: 'availability', data: { showtimeId: 'st-1910', seatsAvailable: 150 } }]);
    // The page's clock is paused: let it run a little so the screen takes the event in.
    const seen = (selector: string) =>
      expect
        .poll(
          async () => {
            await page.clock.runFor(100);
            return page.locator(selector).count();
          },
          { timeout: 3_000 },
        )
        .toBe(1);
    await seen('[data-showtime="st-1910"] .dot');
    expect(await page.locator('[data-lobby-page="spotlight"]').innerText()).not.toMatch(/Available/);
    hub.store.apply([{ type: 'availability', data: { showtimeId: 'st-1910', seatsAvailable: 14 } }]);
    await seen('[data-showtime="st-1910"] .seats');

    // Network pulled mid-playlist, before the clip first plays: it plays from the copy fetched meanwhile.
    await page.context().setOffline(true);
    await holdsFor(page, 'spotlight', 12);
    await page.locator('[data-lobby-page="video"] video').waitFor({ timeout: 2_000 });
    const playing = () => page.evaluate(() => document.querySelector('video')?.currentTime ?? -1);
    await expect.poll(playing, { timeout: 5_000 }).toBeGreaterThan(0.3);
    await shot(page, '3-promo');
    // Played once, the clip ends the page; at 14:00 the breakfast spotlight is out of its hours.
    await expect.poll(() => lobbyPage(page), { timeout: 8_000 }).toBe('board');

    // Still offline, the next pass plays on from what the screen holds.
    await holdsFor(page, 'board', 20);
    await holdsFor(page, 'spotlight', 12);
    await page.locator('[data-lobby-page="video"] video').waitFor({ timeout: 2_000 });
    await expect.poll(playing, { timeout: 5_000 }).toBeGreaterThan(0.3);
    await shot(page, '4-promo-offline');
    await page.context().setOffline(false);

    // An urgent announcement (its time on the screen's fake clock) stops the clip within a second.
    await expect.poll(() => lobbyPage(page), { timeout: 8_000 }).toBe('board');
    await holdsFor(page, 'board', 20);
    await holdsFor(page, 'spotlight', 12);
    await page.locator('[data-lobby-page="video"] video').waitFor({ timeout: 2_000 });
    const posted = Date.now();
    hub.store.apply(
      [
        {
          type: 'announcement.upsert',
          data: {
            id: 'u-1',
            text: 'Fire alarm test',
            priority: 100,
            urgent: true,
            startsAt: new Date(AFTERNOON).toISOString(),
            endsAt: new Date(AFTERNOON + 3_600_000).toISOString(),
            source: 'upstream',
          },
        },
      ],
      { origin: 'upstream' },
    );
    await page.locator('[data-lobby-page="yield"]').waitFor({ timeout: 1_000 });
    // The takeover drawn above every page says it.
    await page.getByTestId('urgent-text').filter({ hasText: 'Fire alarm test' }).waitFor({ timeout: 1_000 });
    expect(Date.now() - posted).toBeLessThan(1_000);
    expect(await page.locator('video').count()).toBe(0);
    await shot(page, '4b-urgent-over-promo');
    expect(page.errors).toEqual([]);
    await page.context().close();
    hub.store.apply([{ type: 'announcement.remove', data: { id: 'u-1' } }], { origin: 'upstream' });
  }, 120_000);

  it('puts a code for the next bookable show on the door sign, decodable from a screenshot', async () => {
    await venueReady();
    const context = await suite.browser.newContext({
      viewport: { width: 800, height: 480 },
      deviceScaleFactor: 1,
    });
    const page = await context.newPage();
    await keepScreenClock(page);
    await page.clock.install({ time: AFTERNOON });
    await page.goto(`${suite.hub.url}/door/aud-4`);
    await page.locator('[data-lobby-qr="door"] .qr svg').waitFor({ timeout: 15_000 });
    await shot(page, '6-door-800x480');
    mkdirSync('/work/shots/lobby-displays', { recursive: true });
    copyFileSync(join(SHOTS, '6-door-800x480.png'), '/work/shots/lobby-displays/door-800x480.png');
    // Scans from 1 m: at least 10 cm on a 10.1-inch 800×480 panel (92.4 px per inch), 364 px.
    const side = await page.locator('[data-lobby-qr="door"] .code').boundingBox();
    expect(Math.min(side!.width, side!.height)).toBeGreaterThanOrEqual(364);
    // And the sign beside it still fits: nothing overflows, overlaps or scrolls.
    const layout = await checkLayout(page);
    expect(layout.issues).toEqual([]);
    // Hung upright (480×800), the code goes under the sign, as large, and still reads.
    await page.setViewportSize({ width: 480, height: 800 });
    await shot(page, '6b-door-480x800');
    expect((await checkLayout(page)).issues).toEqual([]);
    expect(await decodeQr(page, '[data-lobby-qr="door"] .code')).toBe(
      bookingUrl(TEMPLATE, { id: 'st-1910', externalId: 'vz-1910' }),
    );
    await page.setViewportSize({ width: 800, height: 480 });
    // 16:30 is sold out: the code books the 19:10.
    expect(await decodeQr(page, '[data-lobby-qr="door"] .code')).toBe(
      bookingUrl(TEMPLATE, { id: 'st-1910', externalId: 'vz-1910' }),
    );
    // Sold out too: no code at all.
    suite.hub.store.apply([{ type: 'availability', data: { showtimeId: 'st-1910', seatsAvailable: 0 } }]);
    await page.locator('[data-lobby-qr]').waitFor({ state: 'detached', timeout: 5_000 });
    suite.hub.store.apply([{ type: 'availability', data: { showtimeId: 'st-1910', seatsAvailable: 14 } }]);
    await context.close();
  }, 60_000);

  it('shows a daypart-limited page only in its hours', async () => {
    await venueReady();
    const page = await openLobby(MORNING);
    await holdsFor(page, 'board', 20);
    await holdsFor(page, 'spotlight', 12);
    await page.locator('[data-lobby-page="video"] video').waitFor({ timeout: 2_000 });
    // Before 11:00 the breakfast spotlight follows the clip, for its 8 s, then the board.
    await expect.poll(() => lobbyPage(page), { timeout: 8_000 }).toBe('spotlight');
    await holdsFor(page, 'spotlight', 8);
    expect(await lobbyPage(page)).toBe('board');
    await shot(page, '5-morning-board');
    await page.context().close();
  }, 60_000);
});
