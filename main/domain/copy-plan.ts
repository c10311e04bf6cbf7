import type { Showtime, Venue } from './records.ts';
import { moveToDay, parseDateKey } from './schedule.ts';
import { occupancy, spansOverlap } from './show-times.ts';
import { localDateKey } from './time.ts';

/** What to do with a copy that would clash: refuse the whole copy, leave the copy out, or clear the target days first. */
export type CopyMode = 'all' | 'skip' | 'replace';

/** Why a copy was left out, or a target show kept. */
export type SkipReason = 'clash' | 'past' | 'sold';

export interface CopyRequest {
  /** First and last source day (venue dates, inclusive). */
  readonly from: string;
  readonly fromLast: string;
  /** First and last target day; the source days repeat over it in order (one day onto a week: every day). */
  readonly to: string;
  readonly toLast: string;
  readonly mode: CopyMode;
  /** Only shows in these auditoriums, copied and replaced. Default: all. */
  readonly auditoriumIds?: ReadonlySet<string> | undefined;
  /** Copies may start in the past. Default false. */
  readonly allowPast?: boolean | undefined;
}

/** The venue as the planner needs it: every stored show, whether each may run, films' runtimes. */
export interface CopyWorld {
  readonly venue: Pick<Venue, 'timezone' | 'settings'>;
  readonly showtimes: readonly Showtime[];
  /** False for a show that does not hold its auditorium (cancelled, cancelled or hidden here). */
  readonly runs: (show: Showtime) => boolean;
  readonly runtimeOf: (filmId: string) => number | undefined;
  readonly now: number;
  readonly newId: () => string;
}

export interface SkippedCopy {
  /** The source show (or, for `sold`, the target show that was kept). */
  readonly show: Showtime;
  /** The copy's start, or the kept show's. */
  readonly startsAt: string;
  readonly reason: SkipReason;
  /** The show it clashes with. */
  readonly clashesWith?: Showtime | undefined;
}

export interface CopyPlan {
  readonly copies: Showtime[];
  /** Local shows on the target days to remove first (mode `replace`). */
  readonly removals: Showtime[];
  readonly skipped: SkippedCopy[];
  /** Source shows there were to copy. */
  readonly sources: number;
}

const DAY_MS = 86_400_000;

/** Every venue date from `first` to `last`, inclusive; empty when `last` is before `first`. At most 62. */
export function daysBetween(first: string, last: string): string[] {
  const a = parseDateKey(first);
  const b = parseDateKey(last);
  if (!a || !b) return [];
  const start = Date.UTC(a.year, a.month - 1, a.day);
  const end = Date.UTC(b.year, b.month - 1, b.day);
  const days: string[] = [];
  for (let t = start; t <= end && days.length < 62; t += DAY_MS)
    days.push(new Date(t).toISOString().slice(0, 10));
  return days;
}

function copyOf(s: Showtime, day: string, tz: string, id: string): Showtime {
  const start = moveToDay(Date.parse(s.startsAt), day, tz) ?? Date.parse(s.startsAt);
  const { version: _v, ...rest } = s;
  return {
    ...rest,
    id,
    startsAt: new Date(start).toISOString(),
    ...(s.featureStartsAt !== undefined && {
      featureStartsAt: new Date(start + Date.parse(s.featureStartsAt) - Date.parse(s.startsAt)).toISOString(),
    }),
    seatsAvailable: s.capacity,
    status: 'scheduled',
    source: 'local',
  };
}

/**
 * Plans a copy of the scheduled shows of the source days onto the target
 * days, at the same wall-clock times (DST-aware). Pure: the caller applies
 * the plan through the store, whose schedule rules check it again. A copy
 * that would overlap a show that stays (including the cleaning gap), or an
 * earlier copy, is left out and listed (`skip`, `replace`); `all` plans every
 * copy and leaves the refusal to the store. `replace` first removes the
 * target days' local shows, except those with seats sold, which stay and are
 * listed as `sold`.
 */
export function planCopy(req: CopyRequest, world: CopyWorld): CopyPlan {
  const tz = world.venue.timezone;
  const sourceDays = daysBetween(req.from, req.fromLast);
  const targetDays = daysBetween(req.to, req.toLast);
  const inScope = (s: Showtime) => !req.auditoriumIds || req.auditoriumIds.has(s.auditoriumId);
  const dayOf = (s: Showtime) => localDateKey(Date.parse(s.startsAt), tz);
  const byDay = new Map<string, Showtime[]>();
  for (const s of world.showtimes) {
    if (!inScope(s) || !world.runs(s)) continue;
    const list = byDay.get(dayOf(s)) ?? [];
    list.push(s);
    byDay.set(dayOf(s), list);
  }
  for (const list of byDay.values()) list.sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const sources = sourceDays.flatMap((d) => byDay.get(d) ?? []);

  const skipped: SkippedCopy[] = [];
  const removals: Showtime[] = [];
  const targets = new Set(targetDays);
  const staying: Showtime[] = [];
  for (const s of world.showtimes) {
    if (!world.runs(s)) continue;
    const onTarget = targets.has(dayOf(s)) && inScope(s);
    if (req.mode === 'replace' && onTarget && s.source === 'local') {
      if (s.seatsAvailable < s.capacity) {
        skipped.push({ show: s, startsAt: s.startsAt, reason: 'sold' });
        staying.push(s);
      } else removals.push(s);
    } else staying.push(s);
  }

  const span = (s: Showtime) => {
    const runtime = world.runtimeOf(s.filmId);
    return runtime === undefined ? undefined : occupancy(s, { runtimeMinutes: runtime }, world.venue);
  };
  const holding = staying.map((s) => ({ show: s, span: span(s) }));
  const copies: Showtime[] = [];
  targetDays.forEach((day, i) => {
    const sourceDay = sourceDays[i % Math.max(sourceDays.length, 1)];
    for (const s of byDay.get(sourceDay ?? '') ?? []) {
      const copy = copyOf(s, day, tz, world.newId());
      const mine = span(copy);
      if (req.mode !== 'all') {
        if (!req.allowPast && Date.parse(copy.startsAt) <= world.now) {
          skipped.push({ show: s, startsAt: copy.startsAt, reason: 'past' });
          continue;
        }
        const clash =
          mine &&
          holding.find(
            (h) => h.show.auditoriumId === copy.auditoriumId && h.span && spansOverlap(mine, h.span),
          );
        if (clash) {
          skipped.push({ show: s, startsAt: copy.startsAt, reason: 'clash', clashesWith: clash.show });
          continue;
        }
      }
      copies.push(copy);
      holding.push({ show: copy, span: mine });
    }
  });
  return { copies, removals, skipped, sources: sources.length };
}
