import type { FewSeats } from '../../main/domain/few-seats.ts';
import { isFewSeats } from '../../main/domain/few-seats.ts';
import type { Showtime } from '../../main/domain/records.ts';

/** What a visitor needs to know about seats, most important first. */
export type SeatLevel = 'cancelled' | 'soldout' | 'few' | 'plenty';

/**
 * "Few left" by the venue's rule: with a `FewSeats` rule and the show's
 * capacity, max(floor, ⌈percent % × capacity⌉) (see few-seats.ts); with a bare
 * number, at or below that many seats.
 */
export function seatLevel(
  show: Pick<Showtime, 'status' | 'seatsAvailable'> & { capacity?: number },
  few: number | FewSeats,
): SeatLevel {
  if (show.status === 'cancelled') return 'cancelled';
  if (show.seatsAvailable <= 0) return 'soldout';
  const isFew =
    typeof few === 'number'
      ? show.seatsAvailable <= few
      : isFewSeats(show.seatsAvailable, show.capacity ?? 0, few);
  return isFew ? 'few' : 'plenty';
}
