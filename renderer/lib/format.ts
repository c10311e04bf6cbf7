/**
 * Dates, times and durations through `Intl`, always in the venue's time zone.
 * One `VenueFormat` per (locale, zone, hour cycle); formatters are built once.
 */

import { type HourCycle, resolveHourCycle } from '../../main/domain/venue-clock.ts';

export type { HourCycle };

/** A piece of a formatted time; `minor` pieces (AM/PM, 上午) are set smaller. */
export interface TimePiece {
  text: string;
  minor: boolean;
}

/**
 * The clock convention of a venue whose primary locale is `primaryLocale` and
 * whose `hourCycle` setting is `auto` (see `resolveHourCycle`, which screens
 * use with the venue's setting). Every language on a bilingual board uses it,
 * so times keep their shape when the language flips.
 */
export function venueHourCycle(primaryLocale: string): HourCycle {
  return resolveHourCycle({ locales: [primaryLocale], settings: { hourCycle: 'auto' } });
}

/** A tag the runtime can format with, else English. */
export function safeLocale(locale: string): string {
  try {
    return Intl.getCanonicalLocales(locale)[0] ?? 'en';
  } catch {
    return 'en';
  }
}

export class VenueFormat {
  readonly locale: string;
  readonly timeZone: string;
  readonly hourCycle: HourCycle;
  readonly #time: Intl.DateTimeFormat;
  readonly #dateLong: Intl.DateTimeFormat;
  readonly #dateShort: Intl.DateTimeFormat;
  readonly #weekday: Intl.DateTimeFormat;
  readonly #hours: Intl.NumberFormat;
  readonly #minutes: Intl.NumberFormat;
  readonly #number: Intl.NumberFormat;
  readonly #relative: Intl.RelativeTimeFormat;

  constructor(locale: string, timeZone: string, hourCycle: HourCycle) {
    this.locale = safeLocale(locale);
    this.timeZone = timeZone;
    this.hourCycle = hourCycle;
    const l = this.locale;
    this.#time = new Intl.DateTimeFormat(l, {
      timeZone,
      hourCycle,
      hour: hourCycle === 'h23' ? '2-digit' : 'numeric',
      minute: '2-digit',
    });
    this.#dateLong = new Intl.DateTimeFormat(l, { timeZone, weekday: 'long', day: 'numeric', month: 'long' });
    this.#dateShort = new Intl.DateTimeFormat(l, {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
    });
    this.#weekday = new Intl.DateTimeFormat(l, { timeZone, weekday: 'long' });
    this.#hours = new Intl.NumberFormat(l, { style: 'unit', unit: 'hour', unitDisplay: 'narrow' });
    this.#minutes = new Intl.NumberFormat(l, { style: 'unit', unit: 'minute', unitDisplay: 'narrow' });
    this.#number = new Intl.NumberFormat(l);
    this.#relative = new Intl.RelativeTimeFormat(l, { numeric: 'auto', style: 'long' });
  }

  /** `19:30` or `7:30 PM`. */
  time(ms: number): string {
    return this.#time.format(ms);
  }

  /** The time split so that the day period can be set smaller than the digits. */
  timePieces(ms: number): TimePiece[] {
    const pieces: TimePiece[] = [];
    for (const p of this.#time.formatToParts(ms)) {
      const minor = p.type === 'dayPeriod';
      const last = pieces.at(-1);
      if (last && last.minor === minor) last.text += p.value;
      else pieces.push({ text: p.value, minor });
    }
    // Spaces stay in the text (a screen reader and innerText need them); ICU's narrow
    // no-break space becomes a plain one, so the gap looks the same in every language.
    return pieces.map((p) => ({ ...p, text: p.text.replace(/\u202f/g, ' ') }));
  }

  /** `Saturday 21 November` in the locale's own order. */
  dateLong(ms: number): string {
    return this.#dateLong.format(ms);
  }

  /** `Sat 21 Nov`. */
  dateShort(ms: number): string {
    return this.#dateShort.format(ms);
  }

  weekday(ms: number): string {
    return this.#weekday.format(ms);
  }

  /** A running time: `2h 8m`, `2小时8分钟`, `1 j 45 min`. */
  runtime(minutes: number): string {
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    if (h === 0) return this.#minutes.format(m);
    if (m === 0) return this.#hours.format(h);
    const sep = /^(zh|ja|ko)\b/i.test(this.locale) ? '' : ' ';
    return `${this.#hours.format(h)}${sep}${this.#minutes.format(m)}`;
  }

  number(n: number): string {
    return this.#number.format(n);
  }

  /** How long ago, coarsely: `just now`, `5 minutes ago`, `2 hours ago`, `yesterday`. */
  ago(ms: number, now: number): string {
    const minutes = Math.max(0, Math.round((now - ms) / 60_000));
    if (minutes < 1) return this.#relative.format(0, 'second');
    if (minutes < 60) return this.#relative.format(-minutes, 'minute');
    const hours = Math.round(minutes / 60);
    if (hours < 24) return this.#relative.format(-hours, 'hour');
    return this.#relative.format(-Math.round(hours / 24), 'day');
  }
}

const cache = new Map<string, VenueFormat>();

/** A shared `VenueFormat`; building `Intl` formatters is the slow part. */
export function venueFormat(locale: string, timeZone: string, hourCycle: HourCycle): VenueFormat {
  const key = `${locale}|${timeZone}|${hourCycle}`;
  let f = cache.get(key);
  if (!f) {
    f = new VenueFormat(locale, timeZone, hourCycle);
    cache.set(key, f);
  }
  return f;
}
