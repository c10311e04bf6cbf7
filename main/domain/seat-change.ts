import { z } from 'zod';
import { Id } from './primitives.ts';
import { Showtime } from './records.ts';

/**
 * Relative seat changes, as box offices with several terminals make them:
 * "sell 2" or "release 1", applied to the count as it is when the change is
 * written, never to a count a terminal read earlier.
 */

/** How long an `Idempotency-Key` is remembered: 24 hours. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** What a key may be: 1–255 visible ASCII characters (a UUID fits). */
export const IdempotencyKey = z.string().regex(/^[\x21-\x7e]{1,255}$/);

const Seats = z.number().int().min(1).max(100_000);

/** One seat change as the store applies it. */
export interface SeatRequest {
  readonly showtimeId: string;
  readonly op: 'sell' | 'release';
  readonly seats: number;
}

/**
 * `POST /api/admin/showtimes/:id/seats`: exactly one of `sell` and `release`,
 * a whole number from 1; read as the operation and its number of seats.
 */
export const SeatChangeBody = z
  .strictObject({ sell: Seats.optional(), release: Seats.optional() })
  .refine((b) => (b.sell === undefined) !== (b.release === undefined), {
    message: 'send exactly one of sell and release',
    params: { code: 'exactly_one', fields: ['sell', 'release'] },
  })
  .transform(({ sell, release }): Omit<SeatRequest, 'showtimeId'> =>
    sell !== undefined ? { op: 'sell', seats: sell } : { op: 'release', seats: release ?? 0 },
  );

/** A showtime as the admin API returns it: stored, with its version. */
export const StoredShowtime = Showtime.and(z.object({ version: z.number().int().min(1) }));
export type StoredShowtime = z.infer<typeof StoredShowtime>;

/**
 * What a seat change came to. It is what an `Idempotency-Key` remembers, so a
 * retry answers exactly as the first request did, refusals included.
 */
export const SeatOutcome = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('applied'),
    showtime: StoredShowtime,
    seq: z.number().int(),
    changed: z.boolean(),
  }),
  /** More seats sold than are left, or released than the capacity holds. */
  z.object({
    kind: z.literal('refused'),
    reason: z.enum(['oversell', 'over_release']),
    requested: z.number().int(),
    showtime: StoredShowtime,
  }),
  z.object({ kind: z.literal('upstream_owned'), showtimeId: Id }),
  z.object({ kind: z.literal('not_found'), showtimeId: Id }),
]);
export type SeatOutcome = z.infer<typeof SeatOutcome>;

/** The answer to an accepted seat change (and to `PATCH …/availability`): `changed: false` when nothing moved. */
export const SeatAnswer = z.object({ showtime: StoredShowtime, seq: z.number().int(), changed: z.boolean() });
export type SeatAnswer = z.infer<typeof SeatAnswer>;
