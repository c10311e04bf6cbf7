import { z } from 'zod';

/** How long an audited change can be undone from its entry. */
export const UNDO_WINDOW_MS = 24 * 60 * 60_000;

/**
 * One record an audited change touched, as the undo needs it: the record as
 * it was before (`null`: the change created it) and as the change left it
 * (`null`: the change removed it). Seat counts are `availability` steps.
 */
export const UndoStep = z.object({
  type: z.enum(['venue', 'auditorium', 'film', 'showtime', 'announcement', 'availability']),
  id: z.string(),
  before: z.record(z.string(), z.unknown()).nullable(),
  after: z.record(z.string(), z.unknown()).nullable(),
});
export type UndoStep = z.infer<typeof UndoStep>;

/** Why an undo was refused; `params.reason` of the `undo_refused` error. */
export const UNDO_REFUSALS = [
  /** The entry has nothing the hub can restore (sign-ins, tokens, screens, local overrides). */
  'not_undoable',
  /** The entry is older than a day. */
  'too_old',
  /** It was undone already. */
  'already_undone',
  /** A record was changed again after the entry; undo that change first. */
  'changed_since',
  /** A record the entry removed exists again. */
  'exists_again',
] as const;
export type UndoRefusal = (typeof UNDO_REFUSALS)[number];

/** Whether an entry written at `at` (ms) can still be undone at `now`: the one-day window, nothing else. */
export function withinUndoWindow(at: number, now: number): boolean {
  return now - at <= UNDO_WINDOW_MS && now >= at - 60_000;
}
