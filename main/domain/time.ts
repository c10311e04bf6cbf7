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

const HOUR_MS = 3_600_000;
/** Offsets of real zones lie within ±14 h; sampling a day either side finds both sides of a change. */
const SAMPLE_MS = 26 * HOUR_MS;

/** The wall clock in `timeZone` at instant `ms`, to the second, as if it were UTC. */
function wallAt(ms: number, timeZone: string): number {
  const l = toLocal(ms, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
}

/**
 * The instant at which the wall clock in `timeZone` shows `local` at
 * `second` (default 0: a `second` field of `local`, as `toLocal` gives, is
 * ignored, so `{ ...toLocal(now), hour: 17, minute: 0 }` is 17:00:00 sharp).
 * The one rule for every venue-local time the hub reads (the
 * board, CSV imports, Veezi): a reading the clock skips (02:30 on the night
 * clocks go forward) becomes the first instant that exists, the moment of the
 * jump; a reading the clock shows twice (the hour repeated when they go back)
 * is the earlier one, which is what a box office means by "01:30".
 */
export function fromLocal(local: LocalDateTime, timeZone: string, second = 0): number {
  const target = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute, second);
  const offsets = new Set(
    [target - SAMPLE_MS, target, target + SAMPLE_MS].map((t) => wallAt(t, timeZone) - t),
  );
  const candidates = [...offsets].map((offset) => target - offset);
  const valid = candidates.filter((t) => wallAt(t, timeZone) === target);
  if (valid.length > 0) return Math.min(...valid);
  // Skipped: the largest offset lands before the gap, the smallest after it.
  // The clock jumped somewhere between; find the first second past the jump.
  let before = Math.min(...candidates);
  let after = Math.max(...candidates);
  while (after - before > 1_000) {
    const mid = before + Math.floor((after - before) / 2_000) * 1_000;
    if (wallAt(mid, timeZone) < target) before = mid;
    else after = mid;
  }
  return after;
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
