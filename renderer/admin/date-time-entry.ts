import { byLocale } from '../../main/domain/locale-table.ts';
import { type HourCycle, resolveHourCycle } from '../../main/domain/venue-clock.ts';

/**
 * Dates and times as box-office staff type and read them: in the venue's
 * day-month order and hour cycle, never the admin machine's locale. The
 * values stay what the forms have always sent (`YYYY-MM-DD` and `HH:MM` on
 * the venue's clock); only the text in the box changes. Pure: no DOM.
 */

export type DateOrder = 'dmy' | 'mdy' | 'ymd';

export interface EntryFormat {
  /** The venue's first locale, canonical; month names are read in it as well as in English. */
  locale: string;
  order: DateOrder;
  /** Between the numbers of a date: `/`, `.` or `-`. */
  separator: string;
  hourCycle: HourCycle;
}

/**
 * Our own table, by locale then by language, for the same reason as the hour
 * cycles in venue-clock.ts: the runtime's locale data differs between
 * Chromium and Electron versions, and a form must not change under staff with
 * an update. Languages not listed read day/month/year.
 */
const DATE_STYLES: Readonly<Record<string, readonly [DateOrder, string]>> = {
  en: ['mdy', '/'],
  'en-US': ['mdy', '/'],
  'en-PH': ['mdy', '/'],
  'en-CA': ['ymd', '-'],
  'en-GB': ['dmy', '/'],
  'en-AU': ['dmy', '/'],
  'en-NZ': ['dmy', '/'],
  'en-IE': ['dmy', '/'],
  'en-IN': ['dmy', '/'],
  'en-SG': ['dmy', '/'],
  'fr-CA': ['ymd', '-'],
  zh: ['ymd', '-'],
  ja: ['ymd', '-'],
  ko: ['ymd', '-'],
  hu: ['ymd', '-'],
  lt: ['ymd', '-'],
  sv: ['ymd', '-'],
  de: ['dmy', '.'],
  cs: ['dmy', '.'],
  da: ['dmy', '.'],
  fi: ['dmy', '.'],
  nb: ['dmy', '.'],
  pl: ['dmy', '.'],
  ru: ['dmy', '.'],
  tr: ['dmy', '.'],
  uk: ['dmy', '.'],
  nl: ['dmy', '-'],
};

/** How the venue's dates and times are typed and shown (from its first locale and its hour-cycle setting). */
export function entryFormat(venue: {
  locales: readonly string[];
  settings: { hourCycle: 'auto' | HourCycle };
}): EntryFormat {
  const first = venue.locales[0] ?? 'en';
  const [order, separator] = byLocale(DATE_STYLES, first) ?? ['dmy', '/'];
  return { locale: monthLocale(first), order, separator, hourCycle: resolveHourCycle(venue) };
}

/** A tag Intl can read month names in: the venue's, or English for one it cannot. */
function monthLocale(tag: string): string {
  try {
    return Intl.getCanonicalLocales(tag)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

const pad = (n: number) => String(n).padStart(2, '0');

/** The date key `days` after `key` (before, if negative). */
export function addDays(key: string, days: number): string {
  const [y, m, d] = key.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** `05/12/2026`, `12/05/2026` or `2026-12-05` for the key `2026-12-05`; '' for ''. */
export function formatDateEntry(key: string, f: EntryFormat): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return key;
  const [, y, mo, d] = m as unknown as [string, string, string, string];
  const s = f.separator;
  if (f.order === 'ymd') return `${y}${s}${mo}${s}${d}`;
  return f.order === 'mdy' ? `${mo}${s}${d}${s}${y}` : `${d}${s}${mo}${s}${y}`;
}

/** `19:30` (h23) or `7:30 PM` (h12) for `19:30`; '' for ''. */
export function formatTimeEntry(hhmm: string, f: EntryFormat): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  if (!m) return hhmm;
  if (f.hourCycle === 'h23') return hhmm;
  const hour = Number(m[1]);
  return `${hour % 12 === 0 ? 12 : hour % 12}:${m[2]} ${hour < 12 ? 'AM' : 'PM'}`;
}

export type Entry = { value: string; problem?: undefined } | { value?: undefined; problem: string };

const ENGLISH_MONTHS = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

/** Lower case, no accents, no dots: "Déc." and "dec" read alike. */
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/\./g, '').toLowerCase();

const monthNames = new Map<string, readonly (readonly string[])[]>();

/** Every month's names (English, and the venue locale's long and short), folded. */
function namesOf(locale: string): readonly (readonly string[])[] {
  let names = monthNames.get(locale);
  if (!names) {
    const long = new Intl.DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' });
    const short = new Intl.DateTimeFormat(locale, { month: 'short', timeZone: 'UTC' });
    names = ENGLISH_MONTHS.map((english, i) => {
      const at = Date.UTC(2026, i, 15);
      return [english, fold(long.format(at)), fold(short.format(at))];
    });
    monthNames.set(locale, names);
  }
  return names;
}

/** The month (1–12) a word names, if it names exactly one ("ju" could be June or July). */
function monthOf(word: string, locale: string): number | undefined {
  const w = fold(word);
  if (w.length < 3) return undefined;
  const months = namesOf(locale)
    .map((names, i) => (names.some((n) => n.startsWith(w)) ? i + 1 : 0))
    .filter((m) => m > 0);
  return months.length === 1 ? months[0] : undefined;
}

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();
const keyOf = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const monthName = (m: number) =>
  new Intl.DateTimeFormat('en-GB', { month: 'long', timeZone: 'UTC' }).format(Date.UTC(2026, m - 1, 1));

/** Days a date without a year may lie before today and still mean this year rather than next. */
const PAST_DAYS_THIS_YEAR = 60;

/**
 * A typed date as a key. Reads the venue's order with any of `/ . - space`
 * between ("5/12/2026", "05.12.26", "5 12"), its digits run together
 * ("05122026", "0512"), a month by name in English or the venue's language
 * ("5 Dec 2026", "déc 5"), ISO `2026-12-05` whatever the order, and "today",
 * "tomorrow", "+3", "-1". A date without a year is the next one from
 * `today` (or up to 60 days back), so in December "5/1" is next January.
 */
export function parseDateEntry(text: string, f: EntryFormat, today: string): Entry {
  const example = formatDateEntry(today, f);
  const bad = { problem: `Enter a date like ${example}` };
  const t = text.trim().toLowerCase();
  if (t === '') return { value: '' };
  if (t === 'today') return { value: today };
  if (t === 'tomorrow') return { value: addDays(today, 1) };
  if (t === 'yesterday') return { value: addDays(today, -1) };
  const rel = /^([+-])\s*(\d{1,3})$/.exec(t);
  if (rel) return { value: addDays(today, (rel[1] === '-' ? -1 : 1) * Number(rel[2])) };

  const words = t.split(/[\s./,-]+/).filter((w) => w !== '');
  let year: number | undefined;
  let month: number | undefined;
  let day: number | undefined;
  const named = words.findIndex((w) => /\p{L}/u.test(w));
  if (named >= 0) {
    month = monthOf(words[named]!, f.locale);
    const numbers = words.filter((_, i) => i !== named);
    if (month === undefined || numbers.length < 1 || numbers.length > 2) return bad;
    if (!numbers.every((n) => /^\d+$/.test(n))) return bad;
    // The year is the four-digit one, or the one after the day.
    const yearAt = numbers.findIndex((n) => n.length === 4);
    const dayAt = yearAt === 0 ? 1 : 0;
    day = Number(numbers[dayAt]);
    if (numbers.length === 2) year = Number(numbers[dayAt === 0 ? 1 : 0]);
  } else {
    let parts = words;
    if (parts.length === 1 && /^\d+$/.test(parts[0]!)) parts = splitRun(parts[0]!, f.order) ?? [];
    if (!parts.every((p) => /^\d{1,4}$/.test(p))) return bad;
    const order = parts[0]?.length === 4 ? 'ymd' : f.order;
    if (parts.length === 3) {
      const [a, b, c] = parts.map(Number) as [number, number, number];
      [year, month, day] = order === 'ymd' ? [a, b, c] : order === 'mdy' ? [c, a, b] : [c, b, a];
    } else if (parts.length === 2) {
      const [a, b] = parts.map(Number) as [number, number];
      [month, day] = order === 'dmy' ? [b, a] : [a, b];
    } else return bad;
  }
  if (year !== undefined && year < 100) year += 2000;
  if (month === undefined || day === undefined || month < 1 || month > 12 || day < 1) return bad;
  if (year === undefined) {
    const thisYear = Number(today.slice(0, 4));
    const key = keyOf(thisYear, month, Math.min(day, daysIn(thisYear, month)));
    year = key < addDays(today, -PAST_DAYS_THIS_YEAR) ? thisYear + 1 : thisYear;
  }
  if (year < 1970 || year > 9999) return bad;
  const most = daysIn(year, month);
  if (day > most) return { problem: `${monthName(month)} ${year} has ${most} days` };
  return { value: keyOf(year, month, day) };
}

/** Digits typed without separators, cut in the venue's order: "0512" or "05122026" or "051226". */
function splitRun(run: string, order: DateOrder): string[] | undefined {
  if (order === 'ymd') {
    if (run.length === 8) return [run.slice(0, 4), run.slice(4, 6), run.slice(6)];
    if (run.length === 4) return [run.slice(0, 2), run.slice(2)];
    return undefined;
  }
  if (run.length === 4) return [run.slice(0, 2), run.slice(2)];
  if (run.length === 6 || run.length === 8) return [run.slice(0, 2), run.slice(2, 4), run.slice(4)];
  return undefined;
}

/**
 * A typed time as `HH:MM`. Reads "19:30", "19.30", "19h30", "1930", "930",
 * "19", and with am/pm ("7:30p", "7:30 PM", "730pm", "7p") in any venue: a
 * time without am/pm is on the 24-hour clock, so "7:30" is morning even in an
 * h12 venue (the box shows it back as "7:30 AM" at once).
 */
export function parseTimeEntry(text: string, f: EntryFormat): Entry {
  const bad = { problem: `Enter a time like ${f.hourCycle === 'h12' ? '7:30 PM' : '19:30'}` };
  const t = text.trim().toLowerCase().replace(/\s+/g, ' ');
  if (t === '') return { value: '' };
  const m =
    /^(\d{1,2})(?:\s?[:.h]\s?(\d{2}))?\s?h?\s?(a|p|am|pm|a\.m\.|p\.m\.)?$/.exec(t) ??
    /^(\d{1,2})(\d{2})\s?(a|p|am|pm|a\.m\.|p\.m\.)?$/.exec(t);
  if (!m) return bad;
  let hour = Number(m[1]);
  const minute = m[2] === undefined ? 0 : Number(m[2]);
  const half = m[3]?.[0];
  if (minute > 59) return bad;
  if (half) {
    if (hour < 1 || hour > 12) return bad;
    hour = (hour % 12) + (half === 'p' ? 12 : 0);
  } else if (hour > 23) return bad;
  return { value: `${pad(hour)}:${pad(minute)}` };
}

const DAY_MINUTES = 24 * 60;

/**
 * `hhmm` stepped by `minutes` (round the clock). A step shorter than an hour
 * lands on a multiple of itself (19:32 up by 5 is 19:35, down by 5 is
 * 19:30); an hour or more keeps the minutes.
 */
export function stepTime(hhmm: string, minutes: number): string {
  const m = /^(\d{2}):(\d{2})$/.exec(hhmm);
  const now = m ? Number(m[1]) * 60 + Number(m[2]) : 0;
  const size = Math.abs(minutes) < 60 ? Math.abs(minutes) : 1;
  const snapped = minutes > 0 ? Math.floor(now / size) * size : Math.ceil(now / size) * size;
  const next = (((snapped + minutes) % DAY_MINUTES) + DAY_MINUTES) % DAY_MINUTES;
  return `${pad(Math.floor(next / 60))}:${pad(next % 60)}`;
}
