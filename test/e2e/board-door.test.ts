import { join } from 'node:path';

import { describe, expect, it } from 'vitest';
import type { Change } from '../../main/domain/events.ts';
import { chromiumAndHub } from './support/browser-suite.ts';
import {
  adminSession,
  artifactsDir,
  openScreen,
  rendererDir,
  withoutHeartbeatTime,
} from '../renderer/support/board-page.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';

const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });
const MIN = 60_000;
const DOOR = { width: 800, height: 480 };

/** Two auditoriums of our own on the demo venue, with shows placed around the real time now. */
function seedDoors(now: number): void {
  const film =
    suite.hub.store.records.films.get('film-orbit-nine') ?? [...suite.hub.store.records.films.all()][0]!;
  const show = (id: string, auditoriumId: string, startsAt: number, status = 'scheduled') =>
    ({
      type: 'showtime.upsert',
      data: {
        id,
        filmId: film.id,
        auditoriumId,
        startsAt: new Date(startsAt).toISOString(),
        featureStartsAt: new Date(startsAt + 15 * MIN).toISOString(),
        tags: [],
        capacity: 100,
        seatsAvailable: 60,
        status,
        source: 'local',
      },
    }) as Change;
  const minute = Math.floor(now / MIN) * MIN;
  suite.hub.store.apply([
    {
      type: 'auditorium.upsert',
      data: { id: 'aud-door-a', name: 'Screen 21', capacity: 100, source: 'local' },
    },
    {
      type: 'auditorium.upsert',
      data: { id: 'aud-door-b', name: 'Screen 22', capacity: 100, source: 'local' },
    },
    {
      type: 'auditorium.upsert',
      data: { id: 'aud-door-c', name: 'Screen 23', capacity: 100, source: 'local' },
    },
    // Listed out of order on purpose.
    show('door-a-later', 'aud-door-a', minute + 150 * MIN),
    show('door-a-cancelled', 'aud-door-a', minute + 40 * MIN, 'cancelled'),
    show('door-a-now', 'aud-door-a', minute - 20 * MIN),
    show('door-b-next', 'aud-door-b', minute + 12 * MIN),
    show('door-c-started', 'aud-door-c', minute - 5 * MIN),
  ]);
}

describe('door signs', () => {
  it('list now, next and later in time order, a cancelled show in its place, and count down the last hour', async () => {
    seedDoors(Date.now());
    const a = await openScreen(suite.browser, suite.hub.url + '/door/aud-door-a', DOOR);
    await a.locator('[data-testid="door-line"]').first().waitFor();
    expect(await a.locator('[data-testid="door"] .feature').getAttribute('data-state')).toBe('running');
    expect(await a.locator('[data-testid="door-times"]').innerText()).toMatch(/Ends about/);
    const lines = await a
      .locator('[data-testid="door-line"]')
      .evaluateAll((els) =>
        els.map((e) => ({ id: (e as HTMLElement).dataset['showtime'], text: (e as HTMLElement).innerText })),
      );
    expect(lines.map((l) => l.id)).toEqual(['door-a-cancelled', 'door-a-later']);
    expect(lines[0]!.text).toMatch(/NEXT[\s\S]*Cancelled — see the box office/i);
    expect(lines[1]!.text).toMatch(/LATER/i);
    // Plenty of seats (60 of 100) says nothing, as on the board: a quiet dot, never "Available".
    expect(await a.locator('[data-testid="door"]').innerText()).not.toMatch(/Available/);
    expect(await a.locator('[data-showtime="door-a-later"] .dot').getAttribute('aria-label')).toBe(
      'Available',
    );
    await a.screenshot({ path: join(artifactsDir(), 'door-order-cancelled.png') });

    const b = await openScreen(suite.browser, suite.hub.url + '/door/aud-door-b', DOOR);
    await b.locator('[data-testid="door-times"]').waitFor();
    expect(await b.locator('[data-testid="door-badge"]').innerText()).toMatch(/Doors open/i);
    expect(await b.locator('[data-testid="door-times"]').innerText()).toMatch(/Starts in 1[12] min/);
    expect(await b.locator('[data-testid="door-times"]').innerText()).not.toMatch(/Available/);
    await b.screenshot({ path: join(artifactsDir(), 'door-starts-in.png') });
    expect([...a.errors, ...b.errors]).toEqual([]);
    await a.context().close();
    await b.context().close();
  });

  it("says what this door's show offers, in the sign's language, never a format only the film's record names", async () => {
    const start = Math.floor(Date.now() / MIN) * MIN + 30 * MIN;
    suite.hub.store.apply([
      {
        type: 'film.upsert',
        data: {
          id: 'film-door-imax',
          title: 'Door Format Test',
          runtimeMinutes: 100,
          tags: ['Family'],
          source: 'local',
        },
      },
      {
        type: 'auditorium.upsert',
        data: {
          id: 'aud-door-laser',
          name: 'Screen 24',
          capacity: 100,
          features: ['Laser'],
          source: 'local',
        },
      },
      {
        type: 'auditorium.upsert',
        data: { id: 'aud-door-imax', name: 'Screen 25', capacity: 300, features: ['IMAX'], source: 'local' },
      },
      // The same film in IMAX next door: the Laser room's sign must not claim it.
      {
        type: 'showtime.upsert',
        data: {
          id: 'door-imax-show',
          filmId: 'film-door-imax',
          auditoriumId: 'aud-door-imax',
          startsAt: new Date(start).toISOString(),
          tags: ['3D'],
          capacity: 300,
          seatsAvailable: 200,
          status: 'scheduled',
          source: 'local',
        },
      },
      {
        type: 'showtime.upsert',
        data: {
          id: 'door-laser-show',
          filmId: 'film-door-imax',
          auditoriumId: 'aud-door-laser',
          startsAt: new Date(start).toISOString(),
          tags: ['AD'],
          audio: 'fr',
          subtitles: ['en'],
          capacity: 100,
          seatsAvailable: 60,
          status: 'scheduled',
          source: 'local',
        },
      },
    ] as Change[]);
    const page = await openScreen(suite.browser, suite.hub.url + '/door/aud-door-laser', DOOR);
    await page.locator('[data-testid="door-offers"]').waitFor();
    const offers = (await page.locator('[data-testid="door-offers"]').getAttribute('data-offers'))!.split(
      '|',
    );
    expect(offers.sort()).toEqual(['AD', 'Laser']);
    const text = await page.locator('[data-testid="door"] .feature').innerText();
    expect(text).not.toMatch(/IMAX|3D/);
    expect(text).toMatch(/Family/);
    expect(await page.locator('[data-testid="door-languages"]').innerText()).toMatch(/French.*English/);
    await page.screenshot({ path: join(artifactsDir(), 'door-offers.png') });
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it('shows a neutral "being set up" for an unknown auditorium, never its raw id', async () => {
    const page = await openScreen(suite.browser, suite.hub.url + '/door/aud-99', DOOR);
    await page.locator('[data-testid="door-setup"]').waitFor();
    const text = await page.locator('[data-testid="door"]').innerText();
    expect(text).toMatch(/This sign is being set up/);
    expect(text).not.toMatch(/aud-99/);
    await page.screenshot({ path: join(artifactsDir(), 'door-unknown.png') });
    await page.context().close();
  });

  it("keeps the hub's time on a screen whose own clock is 10 minutes slow, and reports the offset", async () => {
    seedDoors(Date.now());
    const page = await openScreen(suite.browser, 'about:blank', DOOR);
    await page.clock.install({ time: Date.now() - 10 * MIN });
    await page.goto(suite.hub.url + '/door/aud-door-b?display=skewed-door');
    // The screen's own clock really is 10 minutes slow: by it the show would start in 22 minutes.
    expect(Math.round((Date.now() - (await page.evaluate(() => Date.now()))) / MIN)).toBe(10);
    await page.locator('[data-testid="door-times"]').waitFor();
    await expect
      .poll(() => page.locator('[data-testid="door-times"]').innerText(), { timeout: 5_000 })
      .toMatch(/Starts in 1[12] min/);
    // Its clock on screen shows the hub's time too.
    const hubClock = new Intl.DateTimeFormat('en', {
      hour: 'numeric',
      minute: '2-digit',
      timeZone: suite.hub.store.venue().timezone,
    });
    const shown = (await page.locator('[data-testid="clock"]').innerText()).replace(/\s+/g, ' ');
    expect(
      [hubClock.format(Date.now() - 1_500), hubClock.format(Date.now())].map((t) => t.replace(/\s+/g, ' ')),
    ).toContain(shown);
    await page.screenshot({ path: join(artifactsDir(), 'door-skewed-clock.png') });
    // The next heartbeat tells the hub how far off this screen's own clock is.
    await page.clock.runFor(16_000);
    const admin = await adminSession(suite.hub.url, TEST_PASSWORD);
    await expect
      .poll(async () => {
        const list = (await (await admin('GET', '/api/admin/displays', undefined)).json()) as {
          displays: { displayId: string; clockOffsetMs: number | null }[];
        };
        return list.displays.find((d) => d.displayId === 'skewed-door')?.clockOffsetMs ?? null;
      })
      .toSatisfy((offset: number | null) => offset !== null && Math.abs(offset - 10 * MIN) < 5_000);
    expect(page.errors).toEqual([]);
    await page.context().close();
  });

  it("is on the hub's time from its first frame: the snapshot's `now` corrects a clock 10 minutes slow", async () => {
    seedDoors(Date.now());
    /** What a door sign on a screen 10 minutes slow first draws, caught as it is drawn. */
    const firstDraw = async (auditoriumId: string) => {
      const page = await openScreen(suite.browser, 'about:blank', DOOR);
      // No heartbeat answer tells the time, so only the snapshot can.
      await withoutHeartbeatTime(page);
      await page.clock.install({ time: Date.now() - 10 * MIN });
      await page.addInitScript(() => {
        const seen = ((window as { firstDraw?: { times: string; badge: string } }).firstDraw = {
          times: '',
          badge: '',
        });
        new MutationObserver(() => {
          const times = document.querySelector<HTMLElement>('[data-testid="door-times"]');
          const badge = document.querySelector<HTMLElement>('[data-testid="door-badge"]');
          if (seen.times || !times || !badge) return;
          seen.times = times.innerText;
          seen.badge = badge.innerText;
        }).observe(document, { childList: true, subtree: true, characterData: true });
      });
      await page.goto(`${suite.hub.url}/door/${auditoriumId}`);
      await page.locator('[data-testid="door-times"]').waitFor();
      const first = await page.evaluate(() => (window as { firstDraw?: object }).firstDraw);
      await page.screenshot({ path: join(artifactsDir(), `door-skewed-first-frame-${auditoriumId}.png`) });
      expect(page.errors).toEqual([]);
      await page.context().close();
      return first;
    };
    // By its own clock this show would be 22 minutes off and not yet seating.
    expect(await firstDraw('aud-door-b')).toEqual({
      times: expect.stringMatching(/Starts in 1[12] min/) as string,
      badge: expect.stringMatching(/Doors open/i) as string,
    });
    // By its own clock this one would start in 5 minutes, doors open; by the hub's it is on.
    expect(await firstDraw('aud-door-c')).toEqual({
      times: expect.stringMatching(/^Started .* · Ends about /) as string,
      badge: expect.stringMatching(/Now showing/i) as string,
    });
  });
});
