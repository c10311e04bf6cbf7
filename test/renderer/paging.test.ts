import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CardMetrics, paginate, segmentHeight, segmentsOf } from '../../renderer/lib/paging.ts';

const card = (key: string, rows: number, perRow = 4, count = rows * perRow): CardMetrics => ({
  key,
  height: 100 + rows * 50,
  minHeight: 120,
  count,
  perRow,
  rowPitch: 50,
});
const keys = (pages: ReturnType<typeof paginate>) => pages.map((p) => p.map((c) => c.map((s) => s.key)));

describe('paginate', () => {
  it('fills columns top to bottom, then the next column, then a new page', () => {
    const cards = ['a', 'b', 'c', 'd', 'e'].map((k) => card(k, 1));
    // Each card is 150 tall; two fit in 310 with a gap of 10.
    expect(keys(paginate(cards, { columns: 2, height: 310, gap: 10 }))).toEqual([
      [
        ['a', 'b'],
        ['c', 'd'],
      ],
      [['e']],
    ]);
  });

  it('lets a short card fill the room left under a tall one on the same page', () => {
    const cards = [card('tall', 3), card('big', 4), card('small', 1)];
    // tall 250, big 300, small 150; column 410: tall + small fit together.
    expect(keys(paginate(cards, { columns: 2, height: 410, gap: 10 }))).toEqual([
      [['tall', 'small'], ['big']],
    ]);
  });

  it('splits a card taller than a column into slices of whole rows', () => {
    const big = card('big', 10); // 600 tall, 40 shows
    const segments = segmentsOf(big, 320);
    expect(segments.map((s) => [s.from, s.to, s.continued])).toEqual([
      [0, 16, false],
      [16, 32, true],
      [32, 40, true],
    ]);
    expect(segments.map((s) => s.height)).toEqual([300, 300, 200]);
    expect(segmentHeight(big, 1)).toBe(150);
  });

  it('never places a card where it overflows, unless it is alone and cannot be split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 5 })), {
          maxLength: 30,
        }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 200, max: 900 }),
        (specs, columns, height) => {
          const cards = specs.map(([rows, perRow], i) => card(`c${i}`, rows, perRow));
          const pages = paginate(cards, { columns, height, gap: 10 });
          const placed = pages.flat(2);
          // Every show is placed exactly once: a card's slices cover 0…count in order.
          for (const c of cards) {
            const slices = placed.filter((s) => s.key === c.key);
            let next = 0;
            for (const s of slices) {
              expect(s.from).toBe(next);
              next = s.to;
            }
            expect(next).toBe(c.count);
          }
          for (const page of pages) {
            expect(page.length).toBeLessThanOrEqual(columns);
            for (const column of page) {
              const used = column.reduce((sum, s) => sum + s.height, 0) + (column.length - 1) * 10;
              if (column.length > 1) expect(used).toBeLessThanOrEqual(height);
            }
          }
        },
      ),
    );
  });

  it('always returns a page, empty when there is nothing to show', () => {
    expect(paginate([], { columns: 2, height: 500, gap: 10 })).toEqual([[[]]]);
  });
});
