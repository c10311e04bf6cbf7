import type { Showtime, Venue } from './records.ts';
import { endsAbout, occupancy, spansOverlap } from './show-times.ts';

type Settings = Pick<Venue, 'settings'>;
type RuntimeOf = (filmId: string) => number | undefined;

/** One show on an auditorium's day: when its doors open, when the audience is out, when cleaning ends (ms). */
export interface DayBlock {
  readonly show: Showtime;
  readonly from: number;
  readonly ends: number;
  readonly until: number;
}

/** The blocks of the shows that hold the auditorium (scheduled), in start order; a film not listed is left out. */
export function dayBlocks(shows: readonly Showtime[], runtimeOf: RuntimeOf, venue: Settings): DayBlock[] {
  const blocks: DayBlock[] = [];
  for (const show of shows) {
    const runtime = runtimeOf(show.filmId);
    if (runtime === undefined || show.status !== 'scheduled') continue;
    const span = occupancy(show, { runtimeMinutes: runtime }, venue);
    blocks.push({
      show,
      from: span.from,
      ends: endsAbout(show, { runtimeMinutes: runtime }, venue),
      until: span.until,
    });
  }
  return blocks.sort((a, b) => a.from - b.from);
}

/** `show` moved to start at `startsAt` (ms) with `extraMinutes`: a set feature start moves with it. */
export function movedShow(show: Showtime, startsAt: number, extraMinutes: number): Showtime {
  const shift = startsAt - Date.parse(show.startsAt);
  const { extraMinutes: _e, ...rest } = show;
  return {
    ...rest,
    startsAt: new Date(startsAt).toISOString(),
    ...(show.featureStartsAt !== undefined && {
      featureStartsAt: new Date(Date.parse(show.featureStartsAt) + shift).toISOString(),
    }),
    ...(extraMinutes > 0 && { extraMinutes }),
  };
}

/**
 * The blocks `next` would overlap in its auditorium (cleaning gaps
 * included), as the hub's schedule rules judge it, so the admin can show a
 * clash before anything is saved. `next` itself (same id) is not counted.
 */
export function clashesOf(
  next: Showtime,
  others: readonly Showtime[],
  runtimeOf: RuntimeOf,
  venue: Settings,
): DayBlock[] {
  const [mine] = dayBlocks([next], runtimeOf, venue);
  if (!mine) return [];
  return dayBlocks(
    others.filter((o) => o.id !== next.id && o.auditoriumId === next.auditoriumId),
    runtimeOf,
    venue,
  ).filter((b) => spansOverlap(mine, b));
}
