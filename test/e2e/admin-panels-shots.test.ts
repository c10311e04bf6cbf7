import { copyFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { entryFormat } from '../../renderer/admin/date-time-entry.ts';
import { shortDateTime } from '../../renderer/admin/venue-time.ts';
import { TEST_PASSWORD } from '../support/test-hub.ts';
import { rendererDir } from '../renderer/support/board-page.ts';
import { adminByKeyboard, adminShot } from './support/admin-page.ts';
import { chromiumAndHub } from './support/browser-suite.ts';

/*
 * The four record panels at 1366×768 on the demo venue, each with its form
 * open on a record, kept for review (test-results/admin/panels-*.png and, on
 * the project's machine, /work/shots/admin-panels/). SHOTS_TAG names the set.
 */
const suite = chromiumAndHub({ demo: true, adminPassword: TEST_PASSWORD, rendererDir: rendererDir() });
const tag = process.env['SHOTS_TAG'] ?? 'after';

describe('record panels at 1366×768', () => {
  it('each panel opens a record in its form with no page error', async () => {
    const page = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    const problems: string[] = [];
    page.on('pageerror', (err) => problems.push(String(err)));
    for (const [route, open] of [
      ['announcements', 'Edit'],
      ['auditoriums', 'Edit'],
      ['films', 'Edit'],
      ['venue', undefined],
    ] as const) {
      await page.goto(`${suite.hub.url}/admin#/${route}`);
      if (open) await page.getByRole('button', { name: open, exact: true }).first().click();
      await page.locator('form.panel').first().waitFor();
      const file = adminShot(`panels-${route}-${tag}.png`);
      await page.screenshot({ path: file });
      try {
        mkdirSync('/work/shots/admin-panels', { recursive: true });
        copyFileSync(file, join('/work/shots/admin-panels', `${route}-${tag}.png`));
      } catch {
        // Only the project's own machine has that folder; the artifact in test-results/ is what counts.
      }
    }
    expect(problems).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('the showtime edit heading names the film, day and time and screen, never the id', async () => {
    const page = await adminByKeyboard(suite.browser, suite.hub.url, TEST_PASSWORD);
    const row = page.locator('table.list tbody tr[data-id]').first();
    const id = (await row.getAttribute('data-id'))!;
    await row.getByRole('button', { name: 'Edit', exact: true }).click();
    const show = suite.hub.store.records.showtimes.get(id)!;
    const film = suite.hub.store.records.films.get(show.filmId)!;
    const screen = suite.hub.store.records.auditoriums.get(show.auditoriumId)!;
    const heading = await page.locator('form.panel h2').innerText();
    // Its day and time in the venue's order and clock, like every other time in the admin.
    const venue = suite.hub.store.venue();
    const when = shortDateTime(show.startsAt, venue.timezone, entryFormat(venue));
    expect(heading).toBe(`Edit ${film.title}, ${when}, ${screen.name}`);
    expect(heading).not.toContain(id);
    await page.screenshot({ path: adminShot(`panels-showtime-${tag}.png`) });
    await page.context().close();
  });
});
