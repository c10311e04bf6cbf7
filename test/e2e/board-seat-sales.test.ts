import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Change } from '../../main/domain/events.ts';
import { VenueSettings } from '../../main/domain/records.ts';
import { at } from '../renderer/support/fixtures.ts';
import { keepScreenClock, rendererDir, settled } from '../renderer/support/board-page.ts';
import { chromiumAndHub } from './support/browser-suite.ts';

// A seat sale is the board's hot path: it must redraw the one chip it is about,
// leave the off-screen measuring copies alone, and never change a chip's size
// (so the cards need no measuring again), whatever the chip then says.

const TZ = 'Europe/Paris';
const NOW = at('2030-03-12 18:00', TZ);
const THRESHOLD = 100;
const iso = (ms: number) => new Date(ms).toISOString();

const suite = chromiumAndHub({ rendererDir: rendererDir() });

/** French first (a 24-hour clock, so the time is narrow and the status line decides a chip's width). */
function seed(): void {
  const changes: Change[] = [
    {
      type: 'venue',
      data: {
        id: 'seats',
        name: 'Cinéma des Quatre Langues',
        timezone: TZ,
        locales: ['fr', 'ms', 'en', 'zh-CN'],
        settings: VenueSettings.parse({
          fewSeatsThreshold: THRESHOLD,
          seatingMinutes: 20,
          graceMinutes: 10,
          cleaningMinutes: 15,
          staleAfterMinutes: 30,
          languageSeconds: 10,
        }),
      },
    },
    { type: 'auditorium.upsert', data: { id: 'a1', name: 'Salle 1', capacity: 300, source: 'local' } },
    {
      type: 'film.upsert',
      data: { id: 'brume', title: 'Brume', runtimeMinutes: 95, tags: [], source: 'local' },
    },
    {
      type: 'film.upsert',
      data: { id: 'orage', title: 'Orage', runtimeMinutes: 110, tags: [], source: 'local' },
    },
  ];
  const shows: [string, string, number][] = [
    ['upcoming', 'brume', NOW + 2 * 3_600_000],
    ['seating', 'brume', NOW + 10 * 60_000],
    ['started', 'brume', NOW - 5 * 60_000],
    ['other', 'orage', NOW + 3 * 3_600_000],
  ];
  for (const [id, filmId, startsAt] of shows) {
    changes.push({
      type: 'showtime.upsert',
      data: {
        id,
        filmId,
        auditoriumId: 'a1',
        startsAt: iso(startsAt),
        tags: [],
        capacity: 300,
        seatsAvailable: 250,
        status: 'scheduled',
        source: 'local',
      },
    });
  }
  suite.hub.store.apply(changes);
}

/** The board at NOW with its clock held still (no page or language turns but ours). */
async function openBoard(): Promise<Page> {
  const context = await suite.browser.newContext({
    viewport: { width: 1920, height: 1080 },
    deviceScaleFactor: 1,
    reducedMotion: 'reduce',
  });
  const page = await context.newPage();
  // The page's clock is the test's: the hub's (real) time must not correct it.
  await keepScreenClock(page);
  await page.clock.install({ time: NOW });
  await page.goto(suite.hub.url + '/');
  await page.locator('[data-page] [data-showtime]').first().waitFor();
  await page.clock.pauseAt(NOW + 3_000);
  await settled(page);
  return page;
}

interface Mutation {
  where: 'page' | 'measure';
  chip: string | null;
}

/** Starts recording DOM changes in the pages and the measuring copies. */
function watchMutations(page: Page): Promise<void> {
  return page.evaluate(() => {
    const w = window as unknown as { __mutations: Mutation[] };
    w.__mutations = [];
    new MutationObserver((records) => {
      for (const r of records) {
        const el = r.target instanceof Element ? r.target : r.target.parentElement;
        const where = el?.closest('.measure-clip') ? 'measure' : el?.closest('[data-page]') ? 'page' : null;
        if (!where) continue;
        w.__mutations.push({
          where,
          chip: el!.closest<HTMLElement>('[data-showtime]')?.dataset['showtime'] ?? null,
        });
      }
    }).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
}

const takeMutations = (page: Page) =>
  page.evaluate(() => {
    const w = window as unknown as { __mutations: Mutation[] };
    return w.__mutations.splice(0);
  });

/** Sizes and places of every visible card and chip, to the pixel. */
const boxes = (page: Page) =>
  page.evaluate(() =>
    Object.fromEntries(
      [
        ...document.querySelectorAll<HTMLElement>(
          '[data-page]:not([aria-hidden="true"]) [data-film], [data-page]:not([aria-hidden="true"]) [data-showtime]',
        ),
      ].map((el) => {
        const r = el.getBoundingClientRect();
        return [
          el.dataset['showtime'] ?? el.dataset['film'],
          [r.left, r.top, r.width, r.height].map((v) => v.toFixed(2)).join(' '),
        ];
      }),
    ),
  );

const visibleChip = (page: Page, id: string) =>
  page.locator(`[data-page]:not([aria-hidden="true"]) [data-showtime="${id}"]`);

describe('a seat sale on the board', () => {
  it('redraws only its own chip and never moves or resizes anything, in every language and state', async () => {
    seed();
    const page = await openBoard();
    await watchMutations(page);
    // Through every level, with the widest "N left" (the threshold) and the narrowest; each step
    // changes the level, so the chip shows when the sale has arrived.
    const steps: [number, string][] = [
      [THRESHOLD, 'few'],
      [0, 'soldout'],
      [1, 'few'],
      [300, 'plenty'],
    ];
    for (const locale of ['fr', 'ms', 'en', 'zh-CN']) {
      expect(await page.locator('main').getAttribute('lang')).toBe(locale);
      const before = await boxes(page);
      expect(Object.keys(before)).toEqual(
        expect.arrayContaining(['brume', 'orage', 'upcoming', 'seating', 'started']),
      );
      await takeMutations(page);
      for (const id of ['upcoming', 'seating', 'started']) {
        const chip = visibleChip(page, id);
        for (const [seats, level] of steps) {
          // A highlight is keyed by the time of the change: let the held clock move on a little.
          await page.clock.runFor(50);
          suite.hub.store.apply([{ type: 'availability', data: { showtimeId: id, seatsAvailable: seats } }]);
          await expect.poll(() => chip.getAttribute('data-level')).toBe(level);
          const where = `${locale} ${id} at ${seats} seats (“${await chip.locator('.status').innerText()}”)`;
          expect(await boxes(page), where).toEqual(before);
          const mutations = await takeMutations(page);
          expect(mutations.length, where).toBeGreaterThan(0);
          expect(
            mutations.filter((m) => m.where !== 'page' || m.chip !== id),
            where,
          ).toEqual([]);
          // Highlighted.
          expect(await chip.locator('.glow').evaluate((g) => g.getAnimations().length), where).toBe(1);
        }
      }
      await page.keyboard.press('l');
      await settled(page);
    }
    await page.context().close();
  });

  it('leaves the measuring copies alone when the language turns, so the board is not measured again', async () => {
    seed();
    const page = await openBoard();
    // Every language's copy, measured in the font it is shown in, whatever the screen says now.
    const copies = () =>
      page.evaluate(() =>
        [...document.querySelectorAll<HTMLElement>('[data-measure]')].map(
          (c) => `${c.parentElement!.lang} ${c.dataset['measure']} ${c.getBoundingClientRect().height}`,
        ),
      );
    const first = await copies();
    expect(first).toHaveLength(8);
    for (const locale of ['ms', 'en', 'zh-CN', 'fr']) {
      await page.keyboard.press('l');
      await settled(page);
      expect(await page.locator('main').getAttribute('lang')).toBe(locale);
      expect(await copies(), locale).toEqual(first);
    }
    await page.context().close();
  });
});
