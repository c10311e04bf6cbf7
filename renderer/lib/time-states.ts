import type { Showtime, VenueSettings } from '../../main/domain/records.ts';
import { minutesOf } from '../../main/domain/venue-clock.ts';
import { fromLocal, localDateKey, toLocal } from '../../main/domain/time.ts';

const MINUTE = 60_000;

/**
 * Where a show stands at a given instant, from the clock alone:
 * `upcoming` → `seating` (from `seatingMinutes` before start) → `started`
 * (until `graceMinutes` after start) → `gone` (off the board).
 */
export type ShowPhase = 'upcoming' | 'seating' | 'started' | 'gone';

export type TimingSettings = Pick<VenueSettings, 'seatingMinutes' | 'graceMinutes'> &
  Partial<Pick<VenueSettings, 'businessDayStartsAt'>>;

export function showPhase(startsAt: number, now: number, s: TimingSettings): ShowPhase {
  if (now >= startsAt + s.graceMinutes * MINUTE) return 'gone';
  if (now >= startsAt) return 'started';
  if (now >= startsAt - s.seatingMinutes * MINUTE) return 'seating';
  return 'upcoming';
}

/** The instants at which a show changes phase. */
export function phaseBoundaries(startsAt: number, s: TimingSettings): number[] {
  return [startsAt - s.seatingMinutes * MINUTE, startsAt, startsAt + s.graceMinutes * MINUTE];
}

/**
 * The start of the business day `days` after the one holding `now`: the
 * venue's `businessDayStartsAt` on its clock (default midnight), so a 00:30
 * show belongs to the evening before when the day turns at 04:00.
 */
export function businessDayStart(now: number, days: number, timeZone: string, startsAt = '00:00'): number {
  const turn = minutesOf(startsAt);
  const l = toLocal(now, timeZone);
  const back = l.hour * 60 + l.minute < turn ? 1 : 0;
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day - back + days));
  return fromLocal(
    {
      year: d.getUTCFullYear(),
      month: d.getUTCMonth() + 1,
      day: d.getUTCDate(),
      hour: Math.floor(turn / 60),
      minute: turn % 60,
    },
    timeZone,
  );
}

/** The business day the board lists: today while it has shows left, else the next day that has any. */
export interface BoardDay {
  /** `YYYY-MM-DD` of the business day, in the venue's zone. */
  key: string;
  /** Start of that business day (inclusive). */
  start: number;
  /** Start of the following business day (exclusive). */
  end: number;
  /** 0 for today, 1 for tomorrow, … */
  offset: number;
}

/** How many days ahead the board looks when today is over. Default horizon of the feed: a week. */
export const LOOKAHEAD_DAYS = 7;

const startOf = (s: Showtime) => Date.parse(s.startsAt);

/**
 * Picks the day to list and the shows on it. Today's list keeps shows from
 * before midnight that are still within their grace period, so a 23:50 show
 * does not vanish at 00:00. Cancelled shows are listed (people need to know)
 * but do not by themselves keep a day on the board.
 */
export function boardDay(
  shows: Iterable<Showtime>,
  now: number,
  timeZone: string,
  s: TimingSettings,
): { day: BoardDay; shows: Showtime[] } {
  const live = [...shows].filter((show) => showPhase(startOf(show), now, s) !== 'gone');
  const dayStart = (offset: number) => businessDayStart(now, offset, timeZone, s.businessDayStartsAt);
  const todayStart = dayStart(0);
  for (let offset = 0; offset <= LOOKAHEAD_DAYS; offset++) {
    const start = dayStart(offset);
    const end = dayStart(offset + 1);
    const onDay = live.filter((show) => {
      const t = startOf(show);
      return t < end && (offset === 0 || t >= start);
    });
    if (onDay.some((show) => show.status === 'scheduled')) {
      onDay.sort((a, b) => startOf(a) - startOf(b) || a.id.localeCompare(b.id));
      return { day: { key: localDateKey(start, timeZone), start, end, offset }, shows: onDay };
    }
  }
  return {
    day: { key: localDateKey(todayStart, timeZone), start: todayStart, end: dayStart(1), offset: 0 },
    shows: [],
  };
}

/**
 * The next instant after `now` at which anything on screen changes by the
 * clock alone: a phase boundary of some show, or the start of the next
 * business day (midnight unless `s.businessDayStartsAt` says otherwise).
 * `extra` adds other instants (a door sign's end times).
 */
export function nextChange(
  shows: Iterable<Showtime>,
  now: number,
  timeZone: string,
  s: TimingSettings,
  extra: Iterable<number> = [],
): number {
  let next = businessDayStart(now, 1, timeZone, s.businessDayStartsAt);
  const consider = (t: number) => {
    if (t > now && t < next) next = t;
  };
  for (const show of shows) for (const t of phaseBoundaries(startOf(show), s)) consider(t);
  for (const t of extra) consider(t);
  return next;
}
