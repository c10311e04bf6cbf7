import { localDateKey, toLocal } from '../../main/domain/time.ts';
import { venueInstant, venueTime } from '../../main/domain/schedule.ts';

/** Dates and times on the venue's wall clock, whatever the admin machine's own zone. */

export const todayKey = (timeZone: string, now = Date.now()): string => localDateKey(now, timeZone);

export function addDays(key: string, days: number): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

export const dateKeyOf = (iso: string, timeZone: string): string => localDateKey(Date.parse(iso), timeZone);
export const timeOf = (iso: string, timeZone: string): string => venueTime(Date.parse(iso), timeZone);

/** ISO UTC for a venue date and time, or undefined if either is malformed. */
export function isoOf(date: string, time: string, timeZone: string): string | undefined {
  const ms = venueInstant(date, time, timeZone);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}

/** "Sat 21 Nov 2026" for a date key. */
export function longDate(key: string): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(Date.UTC(y, m - 1, d));
}

/** "21 Nov, 19:30" in the venue's zone, for lists and the audit log. */
export function shortDateTime(iso: string, timeZone: string): string {
  const l = toLocal(Date.parse(iso), timeZone);
  const month = new Intl.DateTimeFormat('en-GB', { month: 'short', timeZone: 'UTC' }).format(
    Date.UTC(l.year, l.month - 1, 1),
  );
  return `${l.day} ${month}, ${String(l.hour).padStart(2, '0')}:${String(l.minute).padStart(2, '0')}`;
}
