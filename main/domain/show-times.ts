/**
 * When a show's feature starts and ends. `startsAt` is the advertised time,
 * when the doors and the trailers begin; the film itself starts at
 * `featureStartsAt`, else `preShowMinutes` later. Pure.
 */

const MINUTE = 60_000;

export interface ShowTiming {
  readonly startsAt: string;
  readonly featureStartsAt?: string | undefined;
  /** Minutes beyond the runtime: a Q&A, an interval. Default 0. */
  readonly extraMinutes?: number | undefined;
}

/** The instant (ms) the feature starts: `featureStartsAt`, else `startsAt` + the venue's `preShowMinutes`. */
export function featureStart(show: ShowTiming, venue: { settings: { preShowMinutes: number } }): number {
  if (show.featureStartsAt !== undefined) return Date.parse(show.featureStartsAt);
  return Date.parse(show.startsAt) + venue.settings.preShowMinutes * MINUTE;
}

/** About when the audience comes out (ms): feature start + runtime + extra minutes. */
export function endsAbout(
  show: ShowTiming,
  film: { runtimeMinutes: number },
  venue: { settings: { preShowMinutes: number } },
): number {
  return featureStart(show, venue) + (film.runtimeMinutes + (show.extraMinutes ?? 0)) * MINUTE;
}

/** The span (ms) a show holds its auditorium: from `startsAt` until it ends plus the cleaning gap. */
export function occupancy(
  show: ShowTiming,
  film: { runtimeMinutes: number },
  venue: { settings: { preShowMinutes: number; cleaningMinutes: number } },
): { from: number; until: number } {
  return {
    from: Date.parse(show.startsAt),
    until: endsAbout(show, film, venue) + venue.settings.cleaningMinutes * MINUTE,
  };
}

/** Two spans overlap when each starts before the other ends. */
export const spansOverlap = (a: { from: number; until: number }, b: { from: number; until: number }) =>
  a.from < b.until && b.from < a.until;
