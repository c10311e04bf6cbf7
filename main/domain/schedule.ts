import { z } from 'zod';
import { type LocalDateTime, fromLocal, toLocal } from './time.ts';

/** Films run at most this long (the Film schema's bound); limits how far back an overlap search looks. */
export const MAX_RUNTIME_MINUTES = 1_000;

/** A calendar day in the venue, `YYYY-MM-DD`. */
export const DateKey = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2026-11-21')
  .refine((s) => parseDateKey(s) !== undefined, 'is not a real date');

/** A wall-clock time, `HH:MM` (24-hour). */
export const TimeKey = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time like 19:30');

export function parseDateKey(key: string): Pick<LocalDateTime, 'year' | 'month' | 'day'> | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const d = new Date(Date.UTC(year, month - 1, day));
  if (d.getUTCFullYear() !== year || d.getUTCMonth() !== month - 1 || d.getUTCDate() !== day)
    return undefined;
  return { year, month, day };
}

/** The instant of `date` + `time` on the venue's wall clock. */
export function venueInstant(date: string, time: string, timeZone: string): number | undefined {
  const day = parseDateKey(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!day || !t) return undefined;
  return fromLocal({ ...day, hour: Number(t[1]), minute: Number(t[2]) }, timeZone);
}

/** The same wall-clock time as `ms`, moved to the venue day `toDate` (DST-aware). */
export function moveToDay(ms: number, toDate: string, timeZone: string): number | undefined {
  const day = parseDateKey(toDate);
  if (!day) return undefined;
  const l = toLocal(ms, timeZone);
  return fromLocal({ ...day, hour: l.hour, minute: l.minute }, timeZone);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `HH:MM` on the venue's wall clock. */
export function venueTime(ms: number, timeZone: string): string {
  const l = toLocal(ms, timeZone);
  return `${pad(l.hour)}:${pad(l.minute)}`;
}

/** `YYYY-MM-DD HH:MM` on the venue's wall clock. */
export function venueDateTime(ms: number, timeZone: string): string {
  const l = toLocal(ms, timeZone);
  return `${l.year}-${pad(l.month)}-${pad(l.day)} ${pad(l.hour)}:${pad(l.minute)}`;
}
