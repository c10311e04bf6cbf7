import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditoriumLabel } from '../../main/domain/auditorium-label.ts';
import { showOffers } from '../../main/domain/screening-tags.ts';
import { canonicalTag } from '../../main/domain/tags.ts';
import { fromLocal, toLocal } from '../../main/domain/time.ts';
import { DEMO_VENUE } from '../../main/demo/seed.ts';
import { launchChromium } from './support/chromium.ts';
import {
  SIZES,
  artifactsDir,
  keepScreenClock,
  rendererDir,
  settled,
} from '../renderer/support/board-page.ts';
import { checkLayout } from '../renderer/support/layout-check.ts';
import { type TestHub, startTestHub } from '../support/test-hub.ts';

const TZ = DEMO_VENUE.timezone;
let browser: Browser;
let demo: TestHub;
/** The demo programme at a venue speaking four languages, English first, whose clock is 24-hour. */
let four: TestHub;

beforeAll(async () => {
  browser = await launchChromium();
  [demo, four] = await Promise.all([
    startTestHub({ demo: true, rendererDir: rendererDir() }),
    startTestHub({ demo: true, rendererDir: rendererDir() }),
  ]);
  four.store.apply([
    {
      type: 'venue',
      data: {
        ...DEMO_VENUE,
        names: { 'zh-CN': 'Marquee 海港影城', fr: 'Marquee Port', ms: 'Marquee Pelabuhan' },
        locales: ['en', 'zh-CN', 'ms', 'fr'],
        settings: { ...DEMO_VENUE.settings, hourCycle: 'h23' },
      },
    },
  ]);
});
afterAll(async () => {
  await browser?.close();
  await demo?.stop();
  await four?.stop();
});

/** 17:00 today at the demo venue. */
const at17 = () => fromLocal({ ...toLocal(Date.now(), TZ), hour: 17, minute: 0 }, TZ);

async function open(hub: TestHub, size: { width: number; height: number }, query = '') {
  const context = await browser.newContext({ viewport: size, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = Object.assign(await context.newPage(), { errors: [] as string[] });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  const start = at17();
  // The page's clock is the test's: the hub's (real) time must not correct it.
  await keepScreenClock(page);
  await page.clock.install({ time: start });
  await page.clock.pauseAt(start + 1_000);
  await page.goto(hub.url + '/' + query);
  await page
    .locator(query.includes('departures') ? '[data-departure]' : '[data-film]')
    .first()
    .waitFor();
  return page;
}

interface PageReport {
  short: number;
  chips: {
    id: string;
    screen: string;
    offers: string[];
    /** What the chip's card says once for all its shows. */
    cardOffers: string[];
    time: string;
    timePx: number;
    statusPx: number;
    screenPx: number;
  }[];
  /** Share of the columns' height the cards use. */
  fill: number;
  /** Texts below 4.5:1 against what is behind them. */
  lowContrast: string[];
}

/** What the page shown now looks like, measured in the page. */
function report(page: Page): Promise<PageReport> {
  return page.evaluate(() => {
    const short = Math.min(innerWidth, innerHeight);
    const shown = document.querySelector<HTMLElement>('[data-page]:not([aria-hidden="true"])')!;
    const px = (el: Element | null) => (el ? parseFloat(getComputedStyle(el).fontSize) : Infinity);
    const chips = [...shown.querySelectorAll<HTMLElement>('[data-showtime]')].map((el) => ({
      id: el.dataset['showtime']!,
      screen: el.querySelector('[data-screen-label]')?.textContent ?? '',
      offers: (el.dataset['offers'] ?? '').split('|').filter(Boolean),
      cardOffers: (
        el.closest('[data-film]')?.querySelector<HTMLElement>('[data-film-offers]')?.dataset['filmOffers'] ??
        ''
      )
        .split('|')
        .filter(Boolean),
      time: el.querySelector('.time')!.textContent.replace(/\s+/g, ' ').trim(),
      timePx: px(el.querySelector('.time')),
      // The quiet dot is not text; only a spoken status is measured.
      statusPx: el.querySelector('.status:not(.quiet)') ? px(el.querySelector('.status')) : Infinity,
      screenPx: px(el.querySelector('[data-screen-label]')),
    }));
    const area = shown.getBoundingClientRect();
    const columns = [...shown.children];
    const gap = parseFloat(getComputedStyle(shown.children[0] ?? shown).rowGap) || 0;
    const used = columns.reduce((sum, col) => {
      const cards = [...col.children];
      return (
        sum +
        cards.reduce((h, c) => h + c.getBoundingClientRect().height, 0) +
        gap * Math.max(0, cards.length - 1)
      );
    }, 0);
    const frameColumns = Number(shown.dataset['columns'] ?? columns.length);
    // Contrast: a text's colour against the first opaque colour behind it.
    const rgb = (s: string) => (s.match(/[\d.]+/g) ?? []).map(Number);
    const lum = ([r, g, b]: number[]) => {
      const f = (c: number) => ((c /= 255) <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
      return 0.2126 * f(r!) + 0.7152 * f(g!) + 0.0722 * f(b!);
    };
    const behind = (el: Element): number[] => {
      for (let a: Element | null = el; a; a = a.parentElement) {
        const cs = getComputedStyle(a);
        const colors = [...cs.backgroundImage.matchAll(/rgba?\([^)]+\)/g)].map((m) => rgb(m[0]));
        if (colors.length > 0) return colors.at(-1)!;
        const c = rgb(cs.backgroundColor);
        if (c.length === 3 || (c.length === 4 && c[3]! >= 0.9)) return c;
      }
      return [8, 9, 12];
    };
    const lowContrast: string[] = [];
    for (const el of shown.querySelectorAll('*')) {
      const own = [...el.childNodes].some((n) => n.nodeType === 3 && n.textContent!.trim());
      if (!own) continue;
      const fg = lum(rgb(getComputedStyle(el).color));
      const bg = lum(behind(el));
      const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
      if (ratio < 4.5) lowContrast.push(`${el.textContent.trim().slice(0, 30)} ${ratio.toFixed(2)}`);
    }
    return { short, chips, fill: used / (frameColumns * area.height), lowContrast };
  });
}

/** Every page of the board, in every language of the venue, stepped with the keyboard. */
async function eachView(page: Page, locales: number, visit: (p: number, lang: string) => Promise<void>) {
  const pages = await page.locator('[data-page]').count();
  for (let p = 0; p < pages; p++) {
    for (let l = 0; l < locales; l++) {
      await settled(page);
      await visit(p, (await page.locator('main').getAttribute('lang'))!);
      await page.keyboard.press('l');
    }
    await page.keyboard.press('ArrowRight');
  }
  return pages;
}

describe('the by-film board, readable from 5 m', () => {
  for (const [venueName, hubOf, locales] of [
    ['demo', () => demo, 2],
    ['four-language', () => four, 4],
  ] as const) {
    for (const size of SIZES) {
      it(
        `${venueName} at ${size.name}: sizes, screens, offers, fill, contrast`,
        { timeout: 120_000 },
        async () => {
          const hub = hubOf();
          const page = await open(hub, size);
          const problems: string[] = [];
          const pageFills: number[] = [];
          await eachView(page, locales, async (p, lang) => {
            const r = await report(page);
            const where = `${size.name} page ${p + 1} ${lang}`;
            if (pageFills.length === p) pageFills.push(r.fill);
            const layout = await checkLayout(page, 0.022);
            problems.push(...layout.issues.map((i) => `${where}: ${i}`));
            problems.push(...r.lowContrast.map((c) => `${where}: contrast ${c}`));
            for (const chip of r.chips) {
              const show = hub.store.records.showtimes.get(chip.id)!;
              const room = hub.store.records.auditoriums.get(show.auditoriumId);
              if (chip.timePx < 0.045 * r.short - 0.01) problems.push(`${where}: time ${chip.timePx}px`);
              if (chip.statusPx < 0.032 * r.short - 0.01)
                problems.push(`${where}: status ${chip.statusPx}px`);
              if (chip.screenPx < 0.032 * r.short - 0.01)
                problems.push(`${where}: screen ${chip.screenPx}px`);
              if (!room || !chip.screen.includes(auditoriumLabel(room)))
                problems.push(`${where}: ${chip.id} says screen "${chip.screen}"`);
              const offers = new Set(showOffers(show, room).map((t) => canonicalTag(t)));
              for (const tag of chip.offers)
                if (!offers.has(tag)) problems.push(`${where}: ${chip.id} claims ${tag}, not offered`);
              for (const tag of chip.cardOffers)
                if (!offers.has(tag)) problems.push(`${where}: ${chip.id}'s card claims ${tag}, not offered`);
              if (lang !== 'en' && /\b(AM|PM)\b/.test(chip.time))
                problems.push(`${where}: 12-hour ${chip.time}`);
            }
            await page.screenshot({
              path: join(artifactsDir(), `readable-${venueName}-${size.name}-p${p + 1}-${lang}.png`),
            });
          });
          // On board sizes, no page but the last is less than 70 % filled.
          if (size.width > 800)
            pageFills.slice(0, -1).forEach((f, i) => {
              if (f < 0.7) problems.push(`${size.name} page ${i + 1} is ${Math.round(f * 100)} % full`);
            });
          expect(problems).toEqual([]);
          expect(page.errors).toEqual([]);
          await page.context().close();
        },
      );
    }
  }

  it('prints 24-hour times on French and Chinese pages of a venue whose clock is 24-hour', async () => {
    const page = await open(four, { width: 1920, height: 1080 });
    const seen: Record<string, string[]> = {};
    for (let l = 0; l < 4; l++) {
      await settled(page);
      const lang = (await page.locator('main').getAttribute('lang'))!;
      seen[lang] = await page
        .locator('[data-page]:not([aria-hidden="true"]) [data-showtime] .time')
        .allInnerTexts();
      await page.screenshot({ path: join(artifactsDir(), `24h-${lang}.png`) });
      await page.keyboard.press('l');
    }
    for (const lang of ['fr', 'zh-CN', 'en']) {
      expect(seen[lang]!.length).toBeGreaterThan(2);
      for (const t of seen[lang]!) expect(t.replace(/\s+/g, '')).toMatch(/^(1[7-9]|2[0-3]):[0-5]\d$/);
    }
    await page.context().close();
  });

  it('shows a guest reading one language every page within 60 s, each held at least 8 s', async () => {
    const page = await open(demo, { width: 1920, height: 1080 });
    await settled(page);
    const pages = await page.locator('[data-page]').count();
    const seenAt = new Map<number, number[]>();
    for (let s = 0; s <= 60; s++) {
      const view = await page.evaluate(() => ({
        lang: document.querySelector('main')!.getAttribute('lang'),
        page: Number(
          document.querySelector('[data-page]:not([aria-hidden="true"])')!.getAttribute('data-page'),
        ),
      }));
      if (view.lang === 'en') seenAt.set(view.page, [...(seenAt.get(view.page) ?? []), s]);
      await page.clock.runFor(1_000);
    }
    expect([...seenAt.keys()].sort()).toEqual([...Array(pages).keys()]);
    // Each page stays up for at least 8 s at a time.
    for (const seconds of seenAt.values()) {
      const runs: number[] = [];
      seconds.forEach((s, i) =>
        i > 0 && s === seconds[i - 1]! + 1 ? runs[runs.length - 1]!++ : runs.push(1),
      );
      for (const run of runs.slice(0, -1)) expect(run).toBeGreaterThanOrEqual(8);
    }
    await page.context().close();
  });
});

describe('the departures layout', () => {
  it('lists the next shows in time order, each with its screen, offers and seats, in one language', async () => {
    const page = await open(four, { width: 1920, height: 1080 }, '?layout=departures&hours=3&lang=zh-CN');
    const rows = await page.locator('[data-page] [data-departure]').evaluateAll((els) =>
      els.map((el) => ({
        id: (el as HTMLElement).dataset['departure']!,
        screen: el.querySelector('.screen')!.textContent,
        offers: ((el as HTMLElement).dataset['offers'] ?? '').split('|').filter(Boolean),
        time: el.querySelector('.time')!.textContent.replace(/\s+/g, ''),
      })),
    );
    expect(rows.length).toBeGreaterThan(4);
    const starts = rows.map((r) => Date.parse(four.store.records.showtimes.get(r.id)!.startsAt));
    expect(starts).toEqual([...starts].sort((a, b) => a - b));
    const now = at17() + 1_000;
    for (const [i, r] of rows.entries()) {
      const show = four.store.records.showtimes.get(r.id)!;
      const room = four.store.records.auditoriums.get(show.auditoriumId)!;
      expect(starts[i]!).toBeLessThanOrEqual(now + 3 * 3_600_000);
      expect(r.screen).toContain(auditoriumLabel(room));
      const offers = new Set(showOffers(show, room).map((t) => canonicalTag(t)));
      for (const tag of r.offers) expect(offers.has(tag), `${r.id} claims ${tag}`).toBe(true);
      expect(r.time).toMatch(/^\d{2}:\d{2}$/);
    }
    // One language: it does not rotate.
    await page.clock.runFor(25_000);
    expect(await page.locator('main').getAttribute('lang')).toBe('zh-CN');
    await page.screenshot({ path: join(artifactsDir(), 'departures-zh-CN.png') });
    expect(await checkLayout(page, 0.022).then((r) => r.issues)).toEqual([]);
    await page.context().close();
  });
});
