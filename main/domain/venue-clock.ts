import { byLocale } from './locale-table.ts';
import { type LocalDateTime, toLocal } from './time.ts';

/**
 * How a venue reads its clock: 12- or 24-hour time, and when its business day
 * turns over. Pure, and the same on the hub and in every screen.
 */

export type HourCycle = 'h12' | 'h23';

/**
 * Our own table, by locale then by language: the runtime's locale data differs
 * between Node, Chromium and Electron versions, and a board must not change
 * clocks with an update. Languages not listed read 24-hour time.
 */
const HOUR_CYCLES: Readonly<Record<string, HourCycle>> = {
  en: 'h12',
  'en-US': 'h12',
  'en-CA': 'h12',
  'en-AU': 'h12',
  'en-NZ': 'h12',
  'en-IN': 'h12',
  'en-PH': 'h12',
  'en-GB': 'h23',
  'en-IE': 'h23',
  'en-SG': 'h23',
  'en-MY': 'h23',
  fr: 'h23',
  zh: 'h23',
  'zh-CN': 'h23',
  'zh-SG': 'h23',
  'zh-TW': 'h12',
  'zh-HK': 'h12',
  ms: 'h23',
  ta: 'h23',
  ja: 'h23',
  ko: 'h12',
  hi: 'h12',
};

/**
 * The clock a venue shows. `auto` resolves from the venue's first locale only,
 * so a bilingual board never mixes 12- and 24-hour times.
 */
export function resolveHourCycle(venue: {
  locales: readonly string[];
  settings: { hourCycle: 'auto' | HourCycle };
}): HourCycle {
  if (venue.settings.hourCycle !== 'auto') return venue.settings.hourCycle;
  return byLocale(HOUR_CYCLES, venue.locales[0] ?? 'en') ?? 'h23';
}

/** Minutes after midnight of an `HH:MM` time. */
export function minutesOf(hhmm: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  return m ? Number(m[1]) * 60 + Number(m[2]) : 0;
}

const pad = (n: number) => String(n).padStart(2, '0');

function previousDay(l: Pick<LocalDateTime, 'year' | 'month' | 'day'>): string {
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day - 1));
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

/**
 * The business day (`YYYY-MM-DD`) instant `ms` belongs to: its calendar day on
 * the venue's clock, or the day before when it falls before
 * `businessDayStartsAt` (a 00:30 show is the previous evening's last).
 */
export function businessDay(
  ms: number,
  venue: { timezone: string; settings: { businessDayStartsAt: string } },
): string {
  const l = toLocal(ms, venue.timezone);
  if (l.hour * 60 + l.minute < minutesOf(venue.settings.businessDayStartsAt)) return previousDay(l);
  return `${l.year}-${pad(l.month)}-${pad(l.day)}`;
}
