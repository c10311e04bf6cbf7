/** A film card as measured off-screen, in CSS pixels. */
export interface CardMetrics {
  key: string;
  /** Height with all its showtimes. */
  height: number;
  /** Height it never goes below (the poster's). */
  minHeight: number;
  /** Showtimes on the card. */
  count: number;
  /** Showtimes per row of the grid. */
  perRow: number;
  /** One showtime row plus the gap below it. */
  rowPitch: number;
}

/** A card or, for a film with more shows than a column holds, one slice of its shows. */
export interface Segment {
  key: string;
  /** Showtimes `[from, to)` of the card. */
  from: number;
  to: number;
  /** A later slice of a split card. */
  continued: boolean;
  height: number;
}

export interface Frame {
  columns: number;
  /** Height of one column. */
  height: number;
  /** Vertical gap between cards. */
  gap: number;
}

export type Page = Segment[][];

const rows = (n: number, perRow: number) => Math.ceil(n / Math.max(1, perRow));

/** Height of a card holding `n` of its showtimes, from its measured full height. */
export function segmentHeight(card: CardMetrics, n: number): number {
  const removed = rows(card.count, card.perRow) - rows(n, card.perRow);
  return Math.max(card.minHeight, card.height - removed * card.rowPitch);
}

/** Splits a card taller than a column into slices that each fit. */
export function segmentsOf(card: CardMetrics, columnHeight: number): Segment[] {
  if (card.height <= columnHeight || card.count <= card.perRow) {
    return [{ key: card.key, from: 0, to: card.count, continued: false, height: card.height }];
  }
  const base = card.height - rows(card.count, card.perRow) * card.rowPitch;
  const maxRows = Math.max(1, Math.floor((columnHeight - base) / card.rowPitch));
  const chunk = maxRows * card.perRow;
  const out: Segment[] = [];
  for (let from = 0; from < card.count; from += chunk) {
    const to = Math.min(card.count, from + chunk);
    out.push({ key: card.key, from, to, continued: from > 0, height: segmentHeight(card, to - from) });
  }
  return out;
}

/**
 * Lays cards out a page at a time: each card goes into the first column of
 * the current page with room for it (so a short card can fill the gap under
 * a tall one), else into a new column, else onto a new page. Slices of a
 * split card never go back before the slice they continue. Nothing is ever
 * scaled or scrolled: what does not fit moves on. Always returns at least one
 * (possibly empty) page.
 */
export function paginate(cards: readonly CardMetrics[], frame: Frame): Page[] {
  const columns = Math.max(1, Math.floor(frame.columns));
  const pages: Page[] = [];
  let page: Page = [];
  let used: number[] = [];
  let lastColumn = 0;
  for (const segment of cards.flatMap((c) => segmentsOf(c, frame.height))) {
    const from = segment.continued ? lastColumn : 0;
    let column = -1;
    for (let c = from; c < page.length; c++) {
      if (used[c]! + frame.gap + segment.height <= frame.height) {
        column = c;
        break;
      }
    }
    if (column >= 0) {
      page[column]!.push(segment);
      used[column]! += frame.gap + segment.height;
    } else {
      if (page.length === columns) {
        pages.push(page);
        page = [];
        used = [];
      }
      column = page.length;
      page.push([segment]);
      used.push(segment.height);
    }
    lastColumn = column;
  }
  if (page.length === 0) page.push([]);
  pages.push(page);
  return pages;
}
