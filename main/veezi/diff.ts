import type { Change } from '../domain/events.ts';
import type { Showtime } from '../domain/records.ts';
import { type RecordState, planSnapshot, sameContent, withoutVersion } from '../relay/snapshot-plan.ts';
import type { MappedPoll } from './mapping.ts';

/*
 * A mapped poll against the stored upstream records: the changes that make
 * the store equal to Veezi, and nothing for what did not change. The feed's
 * snapshot planner does the record-by-record work (local records win, a film
 * still used stays); this adds Veezi's own rules for sessions that left the
 * list, and sends a seat count that alone changed as the hot-path
 * `availability` event.
 */

/** A vanished show that started this long ago is dropped: the board hid it hours before. */
export const KEEP_STARTED_MS = 12 * 3_600_000;

export interface PollPlan {
  changes: Change[];
  /** Showtime ids with sales after this poll, vanished-and-cancelled ones included. */
  sold: string[];
  /** Records left out or kept against Veezi, for the log. */
  problems: string[];
}

/**
 * What happens to a stored show Veezi no longer lists: one that started stays
 * until the clock takes it off (and is dropped `KEEP_STARTED_MS` later); one
 * still to come is removed if it had no sales, else shown cancelled so
 * ticket holders see "see the box office".
 */
export function vanished(stored: Showtime, now: number, sold: ReadonlySet<string>): Showtime | undefined {
  const startsAt = Date.parse(stored.startsAt);
  if (startsAt <= now) return startsAt < now - KEEP_STARTED_MS ? undefined : stored;
  if (stored.status === 'cancelled') return stored;
  return sold.has(stored.id) ? { ...stored, status: 'cancelled' } : undefined;
}

export function planPoll(
  current: RecordState,
  mapped: MappedPoll,
  now: number,
  soldBefore: ReadonlySet<string>,
): PollPlan {
  const listed = new Set(mapped.showtimes.map((s) => s.id));
  const kept: Showtime[] = [];
  for (const s of current.showtimes) {
    if (s.source !== 'upstream' || listed.has(s.id)) continue;
    const next = vanished(withoutVersion(s), now, soldBefore);
    if (next) kept.push(next);
  }
  const sold = [...mapped.sold, ...kept.filter((s) => soldBefore.has(s.id)).map((s) => s.id)];
  const plan = planSnapshot(current, {
    venue: mapped.venue,
    auditoriums: mapped.auditoriums,
    films: mapped.films,
    showtimes: [...mapped.showtimes, ...kept],
    // Veezi has no announcements: the venue's own stay, any an earlier feed left go.
    announcements: [],
  });
  // Every record was built by the mapping from parsed answers; a plan error is a bug here.
  if ('error' in plan) throw new Error(`Veezi poll did not plan: ${plan.error}`);
  const stored = new Map(current.showtimes.map((s) => [s.id, s]));
  const changes = plan.changes.map((change): Change => {
    if (change.type !== 'showtime.upsert') return change;
    const before = stored.get(change.data.id);
    if (!before || before.source !== 'upstream') return change;
    const { seatsAvailable } = change.data;
    if (!sameContent({ ...before, seatsAvailable }, change.data)) return change;
    return { type: 'availability', data: { showtimeId: change.data.id, seatsAvailable } };
  });
  return { changes, sold: [...new Set(sold)].sort(), problems: [...mapped.problems, ...plan.problems] };
}
