import type { CardMetrics } from '../lib/paging.ts';

/**
 * Reads the off-screen film cards (one per film and language) and returns,
 * per film in `order`, the metrics of its tallest language. Sub-pixel
 * heights are rounded up so that rounding never lets a card spill over.
 */
export function measureCards(box: HTMLElement, order: readonly string[]): CardMetrics[] {
  const byKey = new Map<string, CardMetrics>();
  for (const card of box.querySelectorAll<HTMLElement>('[data-measure]')) {
    const key = card.dataset['measure']!;
    const rect = card.getBoundingClientRect();
    const chips = [...card.querySelectorAll<HTMLElement>('[data-showtime]')].map((c) =>
      c.getBoundingClientRect(),
    );
    const firstTop = chips[0]?.top ?? 0;
    const perRow = Math.max(1, chips.filter((c) => Math.abs(c.top - firstTop) < 1).length);
    const nextRow = chips.find((c) => c.top - firstTop >= 1);
    const grid = card.querySelector<HTMLElement>('[data-showtime]')?.parentElement;
    const rowGap = grid ? parseFloat(getComputedStyle(grid).rowGap) || 0 : 0;
    const rowPitch = nextRow ? nextRow.top - firstTop : (chips[0]?.height ?? 0) + rowGap;
    const poster = card.querySelector<HTMLElement>('[data-poster-box]')?.getBoundingClientRect();
    const minHeight = poster ? poster.height + 2 * (poster.top - rect.top) : 0;
    const metrics: CardMetrics = {
      key,
      height: Math.ceil(rect.height),
      minHeight: Math.ceil(minHeight),
      count: chips.length,
      perRow,
      rowPitch,
    };
    const known = byKey.get(key);
    if (!known || metrics.height > known.height) byKey.set(key, metrics);
  }
  return order.flatMap((key) => byKey.get(key) ?? []);
}

/**
 * The widest of the status sizer's texts (`[data-status-sizer]`), rounded up:
 * the width every chip's status line is given, so that what it says never
 * changes the chip's size.
 */
export function measureStatusWidth(box: HTMLElement): number {
  let widest = 0;
  for (const text of box.querySelectorAll<HTMLElement>('[data-status-sizer]')) {
    widest = Math.max(widest, text.getBoundingClientRect().width);
  }
  return Math.ceil(widest);
}
