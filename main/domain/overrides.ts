import { z } from 'zod';
import { Id, Version, text } from './primitives.ts';
import type { Announcement, Showtime } from './records.ts';

/**
 * Local overrides of upstream-owned records. The upstream record stays as the
 * feed sent it; the override is kept beside it and applied on the way out, so
 * it survives every upstream update and is undone by clearing it.
 */
export const OverrideKind = z.enum(['showtime', 'announcement']);
export type OverrideKind = z.infer<typeof OverrideKind>;

export const Override = z.object({
  kind: OverrideKind,
  id: Id,
  /** Off every screen; the record still exists (and a hidden show still occupies its auditorium). */
  hidden: z.boolean(),
  /** Shown as cancelled whatever upstream says. Showtimes only. */
  cancelled: z.boolean(),
  /** For staff only; never sent to screens. */
  note: text(500).optional(),
  version: Version,
  updatedAt: z.iso.datetime(),
});
export type Override = z.infer<typeof Override>;

/** What staff send to set an override; all false and no note clears it. */
export const OverrideInput = z.strictObject({
  hidden: z.boolean().default(false),
  cancelled: z.boolean().default(false),
  note: text(500).optional(),
  /** The override's version as last read; absent when there is none yet. */
  version: Version.optional(),
});
export type OverrideInput = z.infer<typeof OverrideInput>;

export type OverrideFlags = Pick<Override, 'hidden' | 'cancelled' | 'note'>;

export const isEmptyOverride = (o: OverrideFlags): boolean =>
  !o.hidden && !o.cancelled && o.note === undefined;

/** The showtime screens see: `undefined` when hidden, cancelled when cancelled locally. */
export function effectiveShowtime(raw: Showtime, o: OverrideFlags | undefined): Showtime | undefined {
  if (!o) return raw;
  if (o.hidden) return undefined;
  return o.cancelled && raw.status !== 'cancelled' ? { ...raw, status: 'cancelled' } : raw;
}

/** The announcement screens see: `undefined` when hidden. */
export function effectiveAnnouncement(
  raw: Announcement,
  o: OverrideFlags | undefined,
): Announcement | undefined {
  return o?.hidden ? undefined : raw;
}
