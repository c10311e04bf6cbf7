import { DEFAULT_PLAYLIST, type Playlist, type PlaylistPage } from './playlists.ts';
import { parseDateKey } from './schedule.ts';
import { toLocal } from './time.ts';

/**
 * Which page a screen shows next, and when: pure, so the player, the admin's
 * preview and the tests all agree. The venue's clock decides dayparts; a
 * window that crosses midnight (21:00–02:00) belongs to the day it opened, so
 * "Fridays 21:00–02:00" still runs at 01:00 on Saturday.
 */

const DAY_MINUTES = 24 * 60;

/** A clip with no known length yet plays this long before the player moves on. */
export const UNKNOWN_LENGTH_SECONDS = 30;

const minutesOf = (key: string | undefined, fallback: number): number => {
  if (key === undefined) return fallback;
  const [h, m] = key.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The venue day before `date` (`YYYY-MM-DD`). */
function dayBefore(date: string): string {
  const d = parseDateKey(date);
  if (!d) return date;
  const prev = new Date(Date.UTC(d.year, d.month - 1, d.day - 1));
  return `${prev.getUTCFullYear()}-${pad(prev.getUTCMonth() + 1)}-${pad(prev.getUTCDate())}`;
}

/** ISO weekday (Monday 1 … Sunday 7) of a venue day. */
export function weekdayOf(date: string): number {
  const d = parseDateKey(date);
  if (!d) return 0;
  const js = new Date(Date.UTC(d.year, d.month - 1, d.day)).getUTCDay();
  return js === 0 ? 7 : js;
}

/** True when `page` may run at instant `ms` on the venue's clock in `timeZone`. */
export function pageRunsAt(page: PlaylistPage, ms: number, timeZone: string): boolean {
  const l = toLocal(ms, timeZone);
  const today = `${l.year}-${pad(l.month)}-${pad(l.day)}`;
  const now = l.hour * 60 + l.minute;
  const from = minutesOf(page.from, 0);
  const until = minutesOf(page.until, DAY_MINUTES);
  let opened: string;
  if (from < until) {
    if (now < from || now >= until) return false;
    opened = today;
  } else if (now >= from) {
    opened = today;
  } else if (now < until) {
    opened = dayBefore(today);
  } else {
    return false;
  }
  if (page.days && !page.days.includes(weekdayOf(opened))) return false;
  if (page.startDate !== undefined && opened < page.startDate) return false;
  if (page.endDate !== undefined && opened > page.endDate) return false;
  return true;
}

/**
 * One pass through the playlist as page indices: each page comes `weight`
 * times, heavier pages spread out rather than bunched (smooth weighted round
 * robin), and with equal weights exactly the playlist's order.
 */
export function passOf(pages: readonly PlaylistPage[]): number[] {
  const weights = pages.map((p) => p.weight ?? 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const current = weights.map(() => 0);
  const pass: number[] = [];
  for (let step = 0; step < total; step++) {
    let best = 0;
    for (let i = 0; i < weights.length; i++) {
      current[i]! += weights[i]!;
      if (current[i]! > current[best]!) best = i;
    }
    current[best]! -= total;
    pass.push(best);
  }
  return pass;
}

/** Where a screen is in its playlist: a slot of the pass (`-1` before the first page). */
export interface Slot {
  /** Position in `passOf(pages)`; `-1` for the board shown when no page may run. */
  slot: number;
  /** Index into `playlist.pages`; `-1` for that fallback board. */
  index: number;
  page: PlaylistPage;
}

const FALLBACK: PlaylistPage = DEFAULT_PLAYLIST.pages[0]!;

/**
 * The page after `slot` (wrapping round) that may run at `ms`. When none of
 * the playlist's pages may run now, the board.
 */
export function nextSlot(playlist: Playlist, slot: number, ms: number, timeZone: string): Slot {
  const pass = passOf(playlist.pages);
  for (let step = 1; step <= pass.length; step++) {
    const at = (((slot + step) % pass.length) + pass.length) % pass.length;
    const index = pass[at]!;
    const page = playlist.pages[index]!;
    if (pageRunsAt(page, ms, timeZone)) return { slot: at, index, page };
  }
  return { slot: -1, index: -1, page: FALLBACK };
}

/**
 * How long a page holds the screen, in ms: its `seconds`, or for a clip
 * played once its length (`lengthOf`, seconds) when known.
 */
export function pageMs(page: PlaylistPage, lengthOf?: (mediaId: string) => number | undefined): number {
  if (page.seconds !== undefined) return page.seconds * 1000;
  const length = page.kind === 'video' ? lengthOf?.(page.mediaId) : undefined;
  return Math.round((length !== undefined && length > 0 ? length : UNKNOWN_LENGTH_SECONDS) * 1000);
}

export interface TimelineEntry extends Slot {
  startsAt: number;
  endsAt: number;
}

/**
 * What the screen plays from `start` to `until`: each page for its duration,
 * the next one chosen when the last ends. Bounded by `maxEntries` (default
 * 1000) so a preview of a long range stays cheap.
 */
export function timeline(
  playlist: Playlist,
  start: number,
  until: number,
  timeZone: string,
  lengthOf?: (mediaId: string) => number | undefined,
  maxEntries = 1000,
): TimelineEntry[] {
  const out: TimelineEntry[] = [];
  let at = start;
  let slot = -1;
  while (at < until && out.length < maxEntries) {
    const next = nextSlot(playlist, slot, at, timeZone);
    const endsAt = at + pageMs(next.page, lengthOf);
    out.push({ ...next, startsAt: at, endsAt });
    slot = next.slot;
    at = endsAt;
  }
  return out;
}
