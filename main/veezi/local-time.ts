import { fromLocal, toLocal } from '../domain/time.ts';

/*
 * Veezi sends every session time as the venue's wall clock with no offset
 * ("2026-10-04T02:30:00"). Which instant that is depends on the venue's zone
 * and, twice a year, on a rule: a reading that never happened (the hour
 * skipped when clocks go forward) becomes the first instant that did (the
 * moment clocks jumped), and a reading that happened twice (the hour repeated
 * when clocks go back) is the earlier one: domain/time.ts's `fromLocal`,
 * the one rule the board and the rest of the hub use too.
 */

/** A wall-clock reading, to the millisecond, in no particular zone. */
export interface WallTime {
  year: number;
  month: number; // 1–12
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
}

/**
 * `YYYY-MM-DDTHH:mm`, optional `:ss` and a fraction of up to 7 digits (.NET
 * writes ticks), a space allowed for the `T`; an optional `Z` or `±HH:MM`
 * means the sender did say which instant it meant.
 */
const WIRE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,7}))?)?(Z|[+-]\d{2}:?\d{2})?$/i;

const HOUR = 3_600_000;

const daysIn = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

function parse(text: string): { wall: WallTime; offsetMs: number | undefined } | undefined {
  const m = WIRE.exec(text.trim());
  if (!m) return undefined;
  const [year, month, day, hour, minute] = m.slice(1, 6).map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] === undefined ? 0 : Number(m[6]);
  const millisecond = m[7] === undefined ? 0 : Number(m[7].padEnd(3, '0').slice(0, 3));
  if (year < 1000 || month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const wall = { year, month, day, hour, minute, second, millisecond };
  const zone = m[8];
  if (zone === undefined) return { wall, offsetMs: undefined };
  if (zone.toUpperCase() === 'Z') return { wall, offsetMs: 0 };
  const digits = zone.replace(':', '');
  const h = Number(digits.slice(1, 3));
  const min = Number(digits.slice(3, 5));
  if (h > 14 || min > 59) return undefined;
  return { wall, offsetMs: (zone.startsWith('-') ? -1 : 1) * (h * HOUR + min * 60_000) };
}

/** The wall-clock reading `text` holds, or `undefined` if it is not a valid date and time. */
export function parseWallTime(text: string): WallTime | undefined {
  return parse(text)?.wall;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** `YYYY-MM-DDTHH:mm:ss`, Veezi's spelling (milliseconds only when there are some). */
export function formatWallTime(w: WallTime): string {
  const base = `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}`;
  return w.millisecond === 0 ? base : `${base}.${pad(w.millisecond, 3)}`;
}

/** The reading as if it were UTC: wall-clock arithmetic and comparison without a zone. */
const naiveMs = (w: WallTime) =>
  Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second, w.millisecond);

function fromNaive(ms: number): WallTime {
  const d = new Date(ms);
  return {
    year: d.getUTCFullYear(),
    month: d.getUTCMonth() + 1,
    day: d.getUTCDate(),
    hour: d.getUTCHours(),
    minute: d.getUTCMinutes(),
    second: d.getUTCSeconds(),
    millisecond: d.getUTCMilliseconds(),
  };
}

/** `w` moved by `minutes` on the wall clock, as a ticketing system adds a runtime: no zone involved. */
export function addWallMinutes(w: WallTime, minutes: number): WallTime {
  return fromNaive(naiveMs(w) + minutes * 60_000);
}

/** Whether reading `a` comes before, at or after reading `b` (negative, zero, positive). */
export function compareWallTimes(a: WallTime, b: WallTime): number {
  return naiveMs(a) - naiveMs(b);
}

/** The wall clock in `timeZone` at instant `ms`, to the second, as a naive number. */
function wallAt(ms: number, timeZone: string): number {
  const l = toLocal(ms, timeZone);
  return Date.UTC(l.year, l.month - 1, l.day, l.hour, l.minute, l.second);
}

/** The wall clock in `timeZone` at instant `ms` (to the second). */
export function utcToWallTime(ms: number, timeZone: string): WallTime {
  return { ...fromNaive(wallAt(ms, timeZone)), millisecond: 0 };
}

/**
 * The instant at which the wall clock in `timeZone` (IANA) reads `wall`. In a
 * gap (clocks going forward) the first instant after it; in an overlap
 * (clocks going back) the earlier of the two. Throws a RangeError for a zone
 * the runtime does not know: resolve it first (windows-zones.ts).
 */
export function wallTimeToUtc(wall: WallTime, timeZone: string): number {
  return fromLocal(wall, timeZone, wall.second) + wall.millisecond;
}

/**
 * The UTC instant (ms) a Veezi time names: venue wall time in `timeZone`
 * (see `wallTimeToUtc`), or the instant itself when the text carries `Z` or
 * an offset. `undefined` for text that is not a valid date and time.
 */
export function veeziTimeToUtc(text: string, timeZone: string): number | undefined {
  const parsed = parse(text);
  if (!parsed) return undefined;
  if (parsed.offsetMs !== undefined) return naiveMs(parsed.wall) - parsed.offsetMs;
  return wallTimeToUtc(parsed.wall, timeZone);
}

/** `veeziTimeToUtc` as an ISO-8601 UTC string (`…Z`), the hub's `startsAt` spelling. */
export function veeziTimeToIso(text: string, timeZone: string): string | undefined {
  const ms = veeziTimeToUtc(text, timeZone);
  return ms === undefined ? undefined : new Date(ms).toISOString();
}
