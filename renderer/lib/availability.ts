import type { Showtime } from '../../main/domain/records.ts';

/** What a visitor needs to know about seats, most important first. */
export type SeatLevel = 'cancelled' | 'soldout' | 'few' | 'plenty';

/** "Few left" once seats available are at or below `fewSeatsThreshold` (venue setting). */
export function seatLevel(
  show: Pick<Showtime, 'status' | 'seatsAvailable'>,
  fewSeatsThreshold: number,
): SeatLevel {
  if (show.status === 'cancelled') return 'cancelled';
  if (show.seatsAvailable <= 0) return 'soldout';
  if (show.seatsAvailable <= fewSeatsThreshold) return 'few';
  return 'plenty';
}
