import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { expect } from 'vitest';
import { defaultRendererDir, packageRoot } from '../../../main/paths.ts';

/** The built renderer under test: `npm run build` output, or `MARQUEE_RENDERER_DIR` for a side build. */
export const rendererDir = (): string => process.env['MARQUEE_RENDERER_DIR'] ?? defaultRendererDir();

/** Screenshots are kept as artifacts (test-results/ is git-ignored). */
export const artifactsDir = (): string => {
  const dir = join(packageRoot(), 'test-results', 'board');
  mkdirSync(dir, { recursive: true });
  return dir;
};

export const LAYOUTS = [
  { name: 'landscape-1080p', width: 1920, height: 1080 },
  { name: 'portrait-1080p', width: 1080, height: 1920 },
  { name: 'landscape-4k', width: 3840, height: 2160 },
] as const;

/** The five sizes issue 14 was tried at. */
export const SIZES = [
  { name: '1920x1080', width: 1920, height: 1080 },
  { name: '1080x1920', width: 1080, height: 1920 },
  { name: '3840x2160', width: 3840, height: 2160 },
  { name: '1366x768', width: 1366, height: 768 },
  { name: '800x480', width: 800, height: 480 },
] as const;

/** Opens a screen in its own context (own storage, own EventSource) at a viewport. */
export async function openScreen(
  browser: Browser,
  url: string,
  viewport: { width: number; height: number } = { width: 1920, height: 1080 },
): Promise<Page & { errors: string[] }> {
  const context = await browser.newContext({ viewport, deviceScaleFactor: 1, reducedMotion: 'reduce' });
  const page = Object.assign(await context.newPage(), { errors: [] as string[] });
  page.on('pageerror', (err) => page.errors.push(String(err)));
  await page.goto(url);
  return page;
}

/**
 * Waits until exactly one board page is fully shown (page transitions have
 * finished). Polls from the test, not in the page, so it works with the
 * page's clock paused.
 */
export async function settled(page: Page): Promise<void> {
  await expect
    .poll(() =>
      page.evaluate(() => {
        const pages = [...document.querySelectorAll('[data-page]')];
        const shown = pages.filter((p) => getComputedStyle(p).opacity === '1');
        const hidden = pages.filter((p) => getComputedStyle(p).visibility === 'hidden');
        return pages.length > 0 && shown.length === 1 && hidden.length === pages.length - 1;
      }),
    )
    .toBe(true);
}

export async function pageCount(page: Page): Promise<number> {
  return page.locator('[data-page]').count();
}

/** Signs in to the admin API as staff would, for tests that change things through it. */
export async function adminSession(hubUrl: string, password: string) {
  const res = await fetch(`${hubUrl}/api/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ password }),
  });
  if (!res.ok) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  const cookie = res.headers.get('set-cookie')!.split(';')[0]!;
  return (method: string, path: string, body: unknown) =>
    fetch(`${hubUrl}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', Cookie: cookie, 'X-CSRF-Token': csrfToken },
      body: JSON.stringify(body),
    });
}

/** The showtime chips on the page shown now, in reading order. */
export function visibleChips(
  page: Page,
): Promise<{ id: string; text: string; phase: string; level: string }[]> {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>('[data-page]:not([aria-hidden="true"]) [data-showtime]')].map(
      (el) => ({
        id: el.dataset['showtime']!,
        text: el.innerText.replace(/\s+/g, ' ').trim(),
        phase: el.dataset['phase']!,
        level: el.dataset['level']!,
      }),
    ),
  );
}

/**
 * Answers the page's heartbeats without the hub's `now`, as a hub from before
 * `now` would: the heartbeat can then not correct the screen's clock.
 */
export async function withoutHeartbeatTime(page: Page): Promise<void> {
  await page.route('**/api/displays/heartbeat', async (route) => {
    try {
      const response = await route.fetch();
      const { now: _hubNow, ...rest } = (await response.json()) as Record<string, unknown>;
      await route.fulfill({ response, json: rest });
    } catch {
      // The page closed while its heartbeat was in flight: nothing is waiting for the answer.
    }
  });
}

/**
 * For tests that set a screen's clock to another time of day (`page.clock`):
 * the screen keeps that time instead of taking the hub's from the snapshot and
 * its heartbeat answers, as with a hub from before `now`. Call before `page.goto`.
 */
export async function keepScreenClock(page: Page): Promise<void> {
  await withoutHeartbeatTime(page);
  // An event stream cannot be rewritten by `page.route` (it never ends), so the page's
  // EventSource hands on each snapshot without its `now`.
  await page.addInitScript(() => {
    function addWithoutNow(
      this: EventSource,
      type: string,
      listener: EventListenerOrEventListenerObject | null,
      options?: boolean | AddEventListenerOptions,
    ): void {
      if (type !== 'snapshot' || typeof listener !== 'function')
        return EventTarget.prototype.addEventListener.call(this, type, listener, options);
      const withoutNow = (event: Event) => {
        const sent = event as MessageEvent<string>;
        const { now: _hubNow, ...rest } = JSON.parse(sent.data) as Record<string, unknown>;
        const data = JSON.stringify(rest);
        listener.call(this, new MessageEvent(type, { data, lastEventId: sent.lastEventId }));
      };
      EventTarget.prototype.addEventListener.call(this, type, withoutNow, options);
    }
    // The DOM's overloads of addEventListener cannot be written as one function: same calls, one body.
    EventSource.prototype.addEventListener = addWithoutNow as EventSource['addEventListener'];
  });
}
