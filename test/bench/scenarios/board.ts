/**
 * Item 5, board: the lobby board in real Chromium at 1920×1080 on a venue of
 * `showtimes` shows. First render: navigation start until the first showtime
 * chip (`[data-showtime]`) is in the DOM and a frame has been produced after
 * it (median of three fresh pages). Per availability event: Chromium's own
 * counters (CDP Performance.getMetrics: script, style recalculation and
 * layout time) over `events` seat sales a quarter second apart, minus the
 * same span with no events (the board's clocks and rotation keep running).
 * Sales are sent on a fixed schedule, so the span with them is as long as the
 * idle one however slowly the hub answers on a loaded machine. Beside the
 * times (wall time, which a shared machine stretches), the same difference in
 * main-thread CPU time and in how many style recalcs and layouts ran.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, type CDPSession, type Page, chromium } from 'playwright-core';
import { Store } from '../../../main/store/store.ts';
import { sleep } from '../lib/clock.ts';
import { PACKAGE_ROOT } from '../lib/paths.ts';
import { multiplex } from '../lib/seed.ts';
import { type Target, startTarget } from '../lib/targets.ts';

const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium';
const GAP_MS = 250;
const SCREENS = 20;

export interface BoardConfig {
  showtimes: number;
  /** Seat sales while measuring. */
  events: number;
}

export type BoardResult =
  | {
      status: 'measured';
      showtimes: number;
      /** Median of `firstRenders`. */
      firstRenderMs: number;
      firstRenders: number[];
      /** Script + style + layout per event, idle cost taken off. */
      perEventMs: number;
      events: number;
      /** Availability events the page's EventSource received. */
      eventsSeen: number;
      idleMs: number;
      busyMs: number;
      /** Main-thread CPU time per event, idle cost taken off (Chromium's ThreadTime). */
      cpuPerEventMs: number;
      /** Style recalcs and layouts per event, idle ones taken off. */
      recalcsPerEvent: number;
      layoutsPerEvent: number;
    }
  | { status: 'skipped'; reason: string };

interface BenchWindow {
  __benchFirstRender?: number;
  __benchAvailability: number;
}

export async function board(o: BoardConfig & { log: (line: string) => void }): Promise<BoardResult> {
  if (!existsSync(CHROMIUM)) return { status: 'skipped', reason: `no Chromium at ${CHROMIUM}` };
  if (!existsSync(join(PACKAGE_ROOT, 'dist', 'renderer', 'index.html'))) {
    return { status: 'skipped', reason: 'the renderer is not built (npm run build)' };
  }
  const { hub, browser, close } = await boardBench(o.showtimes);
  try {
    const firstRenders: number[] = [];
    let page: Page | undefined;
    for (let i = 0; i < 3; i++) {
      await page?.context().close();
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
      page = await context.newPage();
      await page.addInitScript(instrument);
      await page.goto(`${hub.server.url}/`);
      const rendered = await page
        .waitForFunction(() => (window as unknown as BenchWindow).__benchFirstRender, undefined, {
          timeout: 15_000,
        })
        .then((h) => h.jsonValue())
        .catch(() => undefined);
      if (typeof rendered !== 'number') {
        return {
          status: 'skipped',
          reason: 'the board showed no [data-showtime] chip within 15 s (board not landed?)',
        };
      }
      firstRenders.push(rendered);
    }
    if (!page) throw new Error('no page');
    const cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
    await sleep(1_000);
    const span = o.events * GAP_MS;
    const idle0 = await counters(cdp);
    await sleep(span);
    const idle = minus(await counters(cdp), idle0);
    const seen = () => page.evaluate(() => (window as unknown as BenchWindow).__benchAvailability);
    const seen0 = await seen();
    const busy0 = await counters(cdp);
    const start = Date.now();
    for (let i = 0; i < o.events; i++) {
      // The first screen's shows: on the board's first page.
      await hub.sell((i % 5) * SCREENS);
      await sleep(start + (i + 1) * GAP_MS - Date.now());
    }
    const late = Date.now() - start - span;
    if (late > GAP_MS) o.log(`board: the sales ran ${late} ms over their ${span} ms (a slow hub)`);
    const busy = minus(await counters(cdp), busy0);
    const busyMs = busy.ms;
    const idleMs = idle.ms;
    const eventsSeen = (await seen()) - seen0;
    const sorted = [...firstRenders].sort((a, b) => a - b);
    const result: BoardResult = {
      status: 'measured',
      showtimes: o.showtimes,
      firstRenderMs: sorted[1] ?? NaN,
      firstRenders,
      perEventMs: Math.max(0, busyMs - idleMs) / o.events,
      events: o.events,
      eventsSeen,
      idleMs,
      busyMs,
      cpuPerEventMs: Math.max(0, busy.cpuMs - idle.cpuMs) / o.events,
      recalcsPerEvent: (busy.recalcs - idle.recalcs) / o.events,
      layoutsPerEvent: (busy.layouts - idle.layouts) / o.events,
    };
    o.log(
      `board: first render ${result.firstRenderMs.toFixed(0)} ms, ${result.perEventMs.toFixed(2)} ms per event ` +
        `(${eventsSeen}/${o.events} seen); per event ${result.cpuPerEventMs.toFixed(2)} ms main-thread CPU, ` +
        `${result.recalcsPerEvent.toFixed(2)} style recalcs, ${result.layoutsPerEvent.toFixed(2)} layouts`,
    );
    return result;
  } finally {
    await close();
  }
}

/** A hub serving the venue of `venueAtTenAm(showtimes)` from a fresh data folder, and a Chromium. */
export async function boardBench(
  showtimes: number,
): Promise<{ hub: Target; browser: Browser; close: () => Promise<void> }> {
  const dir = mkdtempSync(join(tmpdir(), 'marquee-bench-board-'));
  mkdirSync(join(dir, 'posters'));
  const store = Store.open({ file: join(dir, 'marquee.db') });
  store.apply(venueAtTenAm(showtimes, Date.now()));
  store.close();
  const hub = await startTarget('marquee', { demo: false, dataDir: dir });
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  return {
    hub,
    browser,
    close: async () => {
      await browser.close();
      await hub.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

interface Counters {
  /** Script + style + layout time, ms. */
  ms: number;
  /** Main-thread CPU time, ms. */
  cpuMs: number;
  recalcs: number;
  layouts: number;
}

/** What Chromium has spent on the page so far. */
async function counters(cdp: CDPSession): Promise<Counters> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  const get = (name: string) => metrics.find((m) => m.name === name)?.value ?? 0;
  return {
    ms: (get('ScriptDuration') + get('RecalcStyleDuration') + get('LayoutDuration')) * 1000,
    cpuMs: get('ThreadTime') * 1000,
    recalcs: get('RecalcStyleCount'),
    layouts: get('LayoutCount'),
  };
}

const minus = (a: Counters, b: Counters): Counters => ({
  ms: a.ms - b.ms,
  cpuMs: a.cpuMs - b.cpuMs,
  recalcs: a.recalcs - b.recalcs,
  layouts: a.layouts - b.layouts,
});

/** Runs in the page before its scripts: marks the first rendered chip, counts availability events. */
export function instrument(): void {
  const w = window as unknown as BenchWindow;
  w.__benchAvailability = 0;
  const Original = window.EventSource;
  window.EventSource = class extends Original {
    constructor(url: string | URL, init?: EventSourceInit) {
      super(url, init);
      this.addEventListener('availability', () => w.__benchAvailability++);
    }
  };
  const observer = new MutationObserver(() => {
    if (!document.querySelector('[data-showtime]')) return;
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => (w.__benchFirstRender = performance.now()), 0));
  });
  document.addEventListener('DOMContentLoaded', () =>
    observer.observe(document.body, { childList: true, subtree: true }),
  );
}

/**
 * A venue whose local time is about 10:00 now (a fixed-offset zone), with
 * `count` shows over the next 13 hours on 20 screens: a full day to lay out.
 */
function venueAtTenAm(count: number, at: number) {
  const offset = ((10 - new Date(at).getUTCHours() + 36) % 24) - 12;
  const timezone = offset === 0 ? 'Etc/UTC' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
  return multiplex({
    screens: SCREENS,
    firstShow: at + 10 * 60_000,
    perScreen: Math.ceil(count / SCREENS),
    timezone,
  });
}
