import { localDateKey, toLocal } from '../../main/domain/time.ts';
import { venueInstant, venueTime } from '../../main/domain/schedule.ts';
import { type EntryFormat, formatTimeEntry } from './date-time-entry.ts';

/**
 * Dates and times on the venue's wall clock, whatever the admin machine's own
 * zone; shown in the venue's hour cycle and day-month order when given its
 * `EntryFormat` (see date-time-entry.ts).
 */

export { addDays } from './date-time-entry.ts';

export const todayKey = (timeZone: string, now = Date.now()): string => localDateKey(now, timeZone);

export const dateKeyOf = (iso: string, timeZone: string): string => localDateKey(Date.parse(iso), timeZone);
/** `HH:MM` of `iso` on the venue's clock: a form value, not for show (see `clockOf`). */
export const timeOf = (iso: string, timeZone: string): string => venueTime(Date.parse(iso), timeZone);

/** "19:30" or "7:30 PM": the time of `iso` on the venue's clock, as the venue reads it. */
export const clockOf = (iso: string, timeZone: string, f: EntryFormat): string =>
  formatTimeEntry(timeOf(iso, timeZone), f);

/** Day before month ("21 Nov") unless the venue writes the month first (en-US, zh, ISO). */
const dayFirst = (f: EntryFormat | undefined) => f === undefined || f.order === 'dmy';

/** ISO UTC for a venue date and time, or undefined if either is malformed. */
export function isoOf(date: string, time: string, timeZone: string): string | undefined {
  const ms = venueInstant(date, time, timeZone);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** "Sat, 21 Nov 2026", or "Sat, Nov 21, 2026" for a venue that writes the month first (default: day first). */
export function longDate(key: string, f?: EntryFormat): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat(dayFirst(f) ? 'en-GB' : 'en-US', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, d));
}

/**
 * "21 Nov, 19:30" in the venue's zone, for lists and the audit log; with the
 * venue's format, its order and clock ("Nov 21, 7:30 PM"). Default: day first, 24-hour.
 */
export function shortDateTime(iso: string, timeZone: string, f?: EntryFormat): string {
  const l = toLocal(Date.parse(iso), timeZone);
  const month = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
    Date.UTC(l.year, l.month - 1, 1),
  );
  const hhmm = `${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
  const time = f ? formatTimeEntry(hhmm, f) : hhmm;
  return dayFirst(f) ? `${l.day} ${month}, ${time}` : `${month} ${l.day}, ${time}`;
}
