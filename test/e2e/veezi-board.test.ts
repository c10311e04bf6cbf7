import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FaultKind } from '../../main/veezi-sim/faults.ts';
import { type VeeziSimServer, startVeeziSimServer } from '../../main/veezi-sim/server.ts';
import {
  artifactsDir,
  openScreen,
  rendererDir,
  settled,
  visibleChips,
} from '../renderer/support/board-page.ts';
import { until } from '../main/relay/support/test-upstream.ts';
import { type TestHub, startTestHub } from '../support/test-hub.ts';
import { launchChromium } from './support/chromium.ts';

/*
 * The board in real Chromium, fed by a hub that polls the Veezi simulator:
 * a sale at the box office shows within one poll interval plus a second, and
 * a failing Veezi leaves the board on the last good state until it recovers.
 * Needs the built renderer (`npm run build`).
 */

/** A test-only interval below the CLI's 5 s minimum, so the file runs in seconds. */
const POLL_MS = 2_000;

let browser: Browser;
let sim: VeeziSimServer;
let hub: TestHub;
let page: Page & { errors: string[] };

beforeAll(async () => {
  browser = await launchChromium();
  // Real time, but no sales of its own: the test makes each one.
  sim = await startVeeziSimServer({ port: 0, seed: 7, rate: 0 });
  hub = await startTestHub({
    rendererDir: rendererDir(),
    veezi: {
      url: sim.url,
      token: 'veezi-sim',
      pollMs: POLL_MS,
      backoff: { baseMs: 500, capMs: 1_000, slowRetryMs: 1_000 },
    },
  });
  await until(() => hub.status().upstream === 'live', 'the first poll', 10_000);
});
afterAll(async () => {
  await browser?.close();
  await hub?.stop();
  await sim?.close();
});

/** The board, opened once (inside a test: `settled` polls with the test's expect). */
async function board(): Promise<void> {
  if (page) return;
  page = await openScreen(browser, hub.url + '/');
  await page.locator('[data-film]').first().waitFor();
  await settled(page);
}

/** An upcoming show on the page shown now, with more seats than the test will sell. */
async function target(): Promise<{ id: string; veeziId: number; seats: number }> {
  await board();
  for (const chip of await visibleChips(page)) {
    const show = hub.store.records.showtimes.get(chip.id);
    if (chip.phase === 'upcoming' && chip.level !== 'cancelled' && show && show.seatsAvailable > 30)
      return { id: chip.id, veeziId: Number(show.externalId), seats: show.seatsAvailable };
  }
  throw new Error('no upcoming show with seats on the first page');
}

const sell = async (veeziId: number, seats: number) => {
  const res = await fetch(`${sim.url}/_sim/sell`, {
    method: 'POST',
    headers: { VeeziAccessToken: 'veezi-sim', 'Content-Type': 'application/json' },
    body: JSON.stringify({ sessionId: veeziId, seats }),
  });
  expect(res.status).toBe(200);
};

/** A chip's text on its board page (shown now or waiting its turn). */
const chipSays = (id: string, text: string, timeout: number) =>
  page.waitForFunction(
    ([showId, want]) =>
      document.querySelector(`[data-page] [data-showtime="${showId}"]`)?.textContent?.includes(want),
    [id, text] as const,
    { timeout },
  );

const chipText = (id: string) =>
  page.evaluate(
    (showId) => document.querySelector(`[data-page] [data-showtime="${showId}"]`)?.textContent ?? '',
    id,
  );

describe('board following Veezi', () => {
  it('shows a sale at the box office within one poll interval plus a second', async () => {
    const show = await target();
    const latencies: number[] = [];
    for (const left of [12, 7, 0]) {
      const before = hub.store.records.showtimes.get(show.id)!.seatsAvailable;
      const began = Date.now();
      await sell(show.veeziId, before - left);
      await chipSays(show.id, left === 0 ? 'Sold out' : `${left} left`, POLL_MS + 1_000);
      latencies.push(Date.now() - began);
    }
    expect(Math.max(...latencies)).toBeLessThan(POLL_MS + 1_000);
    // For the report: how long a sale took to reach the board (poll phase decides most of it).
    console.info(`veezi sale → board latencies (ms): ${latencies.join(', ')}`);
    await page.screenshot({ path: join(artifactsDir(), 'veezi-board.png') });
    expect(page.errors).toEqual([]);
  });

  it.each<FaultKind>(['500', 'truncate', '403-html', '429'])(
    'keeps the last good state on the board while Veezi answers %s, then recovers',
    async (kind) => {
      const show = await target();
      await sell(show.veeziId, show.seats - 9);
      // The latency is the first test's to judge; here only the state matters.
      await chipSays(show.id, '9 left', 10_000);
      const faulted = () => sim.requests.filter((r) => r.fault === kind).length;
      const already = faulted();
      sim.faults.set({ kinds: [kind], paths: ['/v1/session'], retryAfterSeconds: 1 });
      await sell(show.veeziId, 4);
      await until(() => faulted() >= already + 2, `two ${kind} answers`, 10_000);
      expect(await chipText(show.id)).toContain('9 left');
      expect(hub.store.records.showtimes.get(show.id)?.seatsAvailable).toBe(9);
      sim.faults.set(undefined);
      await chipSays(show.id, '5 left', 10_000);
      await until(() => hub.status().upstream === 'live', 'live again', 10_000);
    },
  );
});
