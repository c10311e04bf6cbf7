/**
 * Venue-time helpers. The board and the demo work in the venue's time zone,
 * never the machine's, so everything here takes an IANA zone explicitly.
 * Pure: no Node, no DOM.
 */

export interface LocalDateTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
}

const partsFormatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = partsFormatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    partsFormatters.set(timeZone, f);
  }
  return f;
}

/** The wall-clock date and time in `timeZone` at instant `ms`. */
export function toLocal(ms: number, timeZone: string): LocalDateTime & { second: number } {
  const out = { year: 0, month: 0, day: 0, hour: 0, minute: 0, second: 0 };
  for (const p of formatterFor(timeZone).formatToParts(ms)) {
    if (p.type in out) out[p.type as keyof typeof out] = Number(p.value);
  }
  return out;
}

/** Offset of `timeZone` from UTC at instant `ms`, in minutes (east positive). */
export function offsetMinutes(ms: number, timeZone: string): number {
  const l = toLocal(ms, timeZone);
  const asUtc = Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
  return Math.round((asUtc - Math.floor(ms / 1000) * 1000) / 60_000);
}

/**
 * The instant at which the wall clock in `timeZone` shows `local`. In a
 * daylight-saving gap the time is pushed forward; in an overlap the earlier
 * instant wins, which is what a box office means by "01:30".
 */
export function fromLocal(local: LocalDateTime, timeZone: string): number {
  const naive = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  // Zone offsets change at most once within a day, so the offsets half a day
  // either side are the only two candidates.
  const before = naive - offsetMinutes(naive - 12 * 3_600_000, timeZone) * 60_000;
  const after = naive - offsetMinutes(naive + 12 * 3_600_000, timeZone) * 60_000;
  const shows = (t: number) => {
    const l = toLocal(t, timeZone);
    return l.day === local.day && l.hour === local.hour && l.minute === local.minute;
  };
  const matches = [before, after].filter(shows).sort((a, b) => a - b);
  // In a gap nothing matches: the pre-change offset lands just after the gap.
  return matches[0] ?? before;
}

/** `YYYY-MM-DD` of instant `ms` in `timeZone`. */
export function localDateKey(ms: number, timeZone: string): string {
  const l = toLocal(ms, timeZone);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
}

/** Start (inclusive) of the venue day containing `ms`. */
export function startOfLocalDay(ms: number, timeZone: string): number {
  const l = toLocal(ms, timeZone);
  return fromLocal({ year: l.year, month: l.month, day: l.day, hour: 0, minute: 0 }, timeZone);
}

/** Adds whole calendar days in `timeZone` (DST-aware) and returns the start of that day. */
export function addLocalDays(ms: number, days: number, timeZone: string): number {
  const l = toLocal(ms, timeZone);
  const d = new Date(Date.UTC(l.year, l.month - 1, l.day + days));
  return fromLocal(
    { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: 0, minute: 0 },
    timeZone,
  );
}
