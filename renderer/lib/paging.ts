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
  /** Shows after `to` the card leaves out, ending in "+N more" (see `Frame.truncate`). */
  more: number;
}

export interface Frame {
  columns: number;
  /** Height of one column. */
  height: number;
  /** Vertical gap between cards. */
  gap: number;
  /**
   * A card that does not fit lists its first shows and ends in "+N more"
   * (a slot the size of a show) instead of being split over columns; cards
   * are cut to fill the room left at the foot of a page's columns. Default
   * false.
   */
  truncate?: boolean;
  /** With `truncate`, no card lists more rows of shows than this. Default no limit. */
  maxRows?: number;
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
    return [{ key: card.key, from: 0, to: card.count, continued: false, height: card.height, more: 0 }];
  }
  const base = card.height - rows(card.count, card.perRow) * card.rowPitch;
  const maxRows = Math.max(1, Math.floor((columnHeight - base) / card.rowPitch));
  const chunk = maxRows * card.perRow;
  const out: Segment[] = [];
  for (let from = 0; from < card.count; from += chunk) {
    const to = Math.min(card.count, from + chunk);
    out.push({
      key: card.key,
      from,
      to,
      continued: from > 0,
      height: segmentHeight(card, to - from),
      more: 0,
    });
  }
  return out;
}

/**
 * The fullest form of `card` no taller than `space` and with at most
 * `maxRows` rows of shows: all its shows, or its first ones and a "+N more"
 * slot; `undefined` when not even one show fits.
 */
export function truncatedTo(card: CardMetrics, space: number, maxRows = Infinity): Segment | undefined {
  const full: Segment = {
    key: card.key,
    from: 0,
    to: card.count,
    continued: false,
    height: card.height,
    more: 0,
  };
  const total = rows(card.count, card.perRow);
  if (card.height <= space && total <= maxRows) return full;
  for (let r = Math.min(total - 1, maxRows); r >= 1; r--) {
    const height = Math.max(card.minHeight, card.height - (total - r) * card.rowPitch);
    const shown = r * card.perRow - 1;
    if (height <= space && shown >= 1) return { ...full, to: shown, height, more: card.count - shown };
  }
  return undefined;
}

/** How full a page is: the share of its columns' height that cards use, 0–1. */
export function pageFill(page: Page, frame: Frame): number {
  const columns = Math.max(1, Math.floor(frame.columns));
  const used = page.reduce(
    (sum, column) => sum + column.reduce((h, s, i) => h + s.height + (i > 0 ? frame.gap : 0), 0),
    0,
  );
  return used / (columns * frame.height);
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
  if (frame.truncate) return paginateTruncating(cards, frame);
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

/**
 * `paginate` for a frame that truncates: each card goes whole into the first
 * column with room; else, on a page with a free column, into a new column
 * (cut to the column's height if taller); else cut to the room left in the
 * emptiest column; else onto a new page. Cards keep their order.
 */
function paginateTruncating(cards: readonly CardMetrics[], frame: Frame): Page[] {
  const columns = Math.max(1, Math.floor(frame.columns));
  const pages: Page[] = [];
  let page: Page = [];
  let used: number[] = [];
  const newColumn = (segment: Segment) => {
    page.push([segment]);
    used.push(segment.height);
  };
  const maxRows = frame.maxRows ?? Infinity;
  const firstOf = (card: CardMetrics): Segment =>
    truncatedTo(card, frame.height, maxRows) ?? {
      key: card.key,
      from: 0,
      to: Math.min(card.count, 1),
      continued: false,
      height: Math.min(card.height, frame.height),
      more: Math.max(0, card.count - 1),
    };
  for (const card of cards) {
    const capped = truncatedTo(card, Infinity, maxRows)!;
    const whole = used.findIndex((h) => h + frame.gap + capped.height <= frame.height);
    if (whole >= 0) {
      page[whole]!.push(capped);
      used[whole]! += frame.gap + capped.height;
      continue;
    }
    if (page.length < columns) {
      newColumn(firstOf(card));
      continue;
    }
    const roomiest = used.indexOf(Math.min(...used));
    const cut = truncatedTo(card, frame.height - used[roomiest]! - frame.gap, maxRows);
    if (cut) {
      page[roomiest]!.push(cut);
      used[roomiest]! += frame.gap + cut.height;
      continue;
    }
    pages.push(page);
    page = [];
    used = [];
    newColumn(firstOf(card));
  }
  if (page.length === 0) page.push([]);
  pages.push(page);
  return pages;
}

/**
 * The pages for a board that must show every page within `maxPages` turns:
 * cards list all their rows of shows if that fits, else as many rows as
 * still fit in `maxPages` pages (down to one row and "+N more"); the fewest
 * pages when even that does not.
 */
export function paginateWithin(cards: readonly CardMetrics[], frame: Frame, maxPages: number): Page[] {
  let best: Page[] | undefined;
  for (const maxRows of [Infinity, 4, 3, 2, 1]) {
    const pages = paginate(cards, { ...frame, truncate: true, maxRows });
    if (pages.length <= maxPages) return grow(pages, cards, frame);
    if (!best || pages.length < best.length) best = pages;
  }
  return grow(best!, cards, frame);
}

/**
 * The same pages, fuller: a card cut to fewer rows than its column has room
 * for gets rows of shows back, first card first, until the column is full.
 * Without it one tall card (a poster sets a card's least height) could cut
 * every card to one row and leave a third of a portrait screen empty.
 */
function grow(pages: Page[], cards: readonly CardMetrics[], frame: Frame): Page[] {
  const byKey = new Map(cards.map((c) => [c.key, c]));
  return pages.map((page) =>
    page.map((column) => {
      let spare = frame.height - column.reduce((h, s, i) => h + s.height + (i > 0 ? frame.gap : 0), 0);
      return column.map((segment) => {
        const card = byKey.get(segment.key);
        if (!card || segment.more === 0 || spare <= 0) return segment;
        const fuller = truncatedTo(card, segment.height + spare);
        if (!fuller || fuller.to <= segment.to) return segment;
        spare -= fuller.height - segment.height;
        return fuller;
      });
    }),
  );
}
