import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildDepartures, pageRows } from '../../renderer/lib/departures-view.ts';
import {
  type CardMetrics,
  type Frame,
  pageFill,
  paginate,
  paginateWithin,
  truncatedTo,
} from '../../renderer/lib/paging.ts';
import { offerLabels } from '../../renderer/lib/show-offers.ts';
import { at, film, show, venue, venueData } from './support/fixtures.ts';

// A card 100 tall plus 50 per row of shows; a row holds `perRow` shows.
const card = (key: string, count: number, perRow = 2): CardMetrics => ({
  key,
  height: 100 + Math.ceil(count / perRow) * 50,
  minHeight: 120,
  count,
  perRow,
  rowPitch: 50,
});

describe('truncatedTo', () => {
  it('keeps a card that fits, else lists its first shows and a "+N more" slot', () => {
    const c = card('c', 7); // 4 rows: 300 tall
    expect(truncatedTo(c, 300)).toMatchObject({ to: 7, more: 0, height: 300 });
    // Two rows fit in 220: three shows and the slot.
    expect(truncatedTo(c, 220)).toMatchObject({ to: 3, more: 4, height: 200 });
    expect(truncatedTo(c, 300, 1)).toMatchObject({ to: 1, more: 6, height: 150 });
    // Not even the poster fits.
    expect(truncatedTo(c, 110)).toBeUndefined();
  });
});

describe('paginate with truncate', () => {
  const frame: Frame = { columns: 2, height: 400, gap: 10, truncate: true };
  it('lists every card once, each show shown or counted in "+N more", no column overfull', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 20 }), (counts) => {
        const cards = counts.map((n, i) => card(`k${i}`, n));
        const pages = paginate(cards, frame);
        const segments = new Map(pages.flat(2).map((s) => [s.key, s]));
        expect(pages.flat(2)).toHaveLength(cards.length);
        cards.forEach((c, i) => {
          const s = segments.get(c.key)!;
          expect(s.to + s.more).toBe(counts[i]);
        });
        for (const page of pages)
          for (const column of page) {
            const used = column.reduce((h, s, i) => h + s.height + (i > 0 ? frame.gap : 0), 0);
            expect(used).toBeLessThanOrEqual(frame.height);
          }
      }),
    );
  });

  it('cuts a card to fill the room at the foot of a page rather than leave it empty', () => {
    // Two columns of 250 and a card of 7 shows (300): 150 is left, room for one row.
    const pages = paginate([card('a', 6), card('b', 6), card('c', 7)], { ...frame, height: 410 });
    expect(pages).toHaveLength(1);
    expect(pages[0]![0]!.map((s) => [s.key, s.to, s.more])).toEqual([
      ['a', 6, 0],
      ['c', 1, 6],
    ]);
    expect(pageFill(pages[0]!, { ...frame, height: 410 })).toBeGreaterThan(0.7);
  });

  it('lists fewer rows per card when that is what keeps the board within its pages', () => {
    const cards = Array.from({ length: 8 }, (_, i) => card(`k${i}`, 8));
    const free = paginate(cards, frame);
    expect(free.length).toBeGreaterThan(2);
    const within = paginateWithin(cards, frame, 2);
    expect(within.length).toBeLessThanOrEqual(2);
    expect(within.flat(2).some((s) => s.more > 0)).toBe(true);
  });

  it('gives cut cards their rows back where their column has room, on the same pages', () => {
    // Posters set a card's least height (300 here), so cutting rows often saves nothing: the
    // page count that forces one row per card leaves room a fuller card can use.
    const tall = (key: string, count: number): CardMetrics => ({ ...card(key, count), minHeight: 300 });
    const frame: Frame = { columns: 2, height: 1000, gap: 10 };
    const cards = [tall('long', 40), ...Array.from({ length: 9 }, (_, i) => tall(`k${i}`, 6 + i))];
    const pages = paginateWithin(cards, frame, 2);
    expect(pages.length).toBeLessThanOrEqual(2);
    const byKey = new Map(cards.map((c) => [c.key, c]));
    for (const column of pages.flat()) {
      const used = column.reduce((h, s, i) => h + s.height + (i > 0 ? frame.gap : 0), 0);
      expect(used).toBeLessThanOrEqual(frame.height);
      const spare = frame.height - used;
      for (const segment of column.filter((s) => s.more > 0)) {
        // No cut card could list more shows in the room its column has left.
        const fuller = truncatedTo(byKey.get(segment.key)!, segment.height + spare);
        expect(fuller?.to ?? 0, segment.key).toBeLessThanOrEqual(segment.to);
      }
    }
  });
});

describe('buildDepartures', () => {
  const tz = 'Asia/Singapore';
  const t = (hhmm: string) => at(`2026-11-21 ${hhmm}`, tz);
  it('lists one row per show in time order for the next hours, across films, cancelled ones too', () => {
    const films = [film('a'), film('b')];
    const shows = [
      show('b2', 'b', t('19:30')),
      show('a1', 'a', t('18:10'), { status: 'cancelled' }),
      show('gone', 'a', t('17:30')),
      show('b1', 'b', t('18:10')),
      show('late', 'a', t('21:01')),
      show('started', 'b', t('17:55')),
    ];
    const rows = buildDepartures(venueData(venue(tz), shows, films), t('18:00'), 3);
    expect(rows.map((r) => r.show.id)).toEqual(['started', 'a1', 'b1', 'b2']);
    expect(rows.map((r) => r.show.screen)).toEqual(['1', '1', '1', '1']);
  });

  it('pages rows by their heights', () => {
    expect(pageRows([50, 50, 50, 80], 120, 10)).toEqual([[0, 1], [2], [3]]);
    expect(pageRows([], 120, 10)).toEqual([[]]);
  });
});

describe('offerLabels', () => {
  it('localizes, puts formats first and gives accessibility tags a sign and a word', () => {
    expect(offerLabels(['Wheelchair', 'Recliners', 'IMAX'], 'zh-CN')).toEqual([
      { tag: 'IMAX', text: 'IMAX', symbol: undefined },
      { tag: 'Recliners', text: '躺椅', symbol: undefined },
      { tag: 'Wheelchair', text: '轮椅位', symbol: '♿' },
    ]);
    expect(offerLabels(['audio described'], 'fr')).toEqual([
      { tag: 'AD', text: 'Audiodescription', symbol: 'AD' },
    ]);
  });
});
